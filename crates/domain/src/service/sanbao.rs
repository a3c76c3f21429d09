//! The 三包 legal clocks (POLICY "The law around it"): which regime a request
//! runs under, where the service network reaches, and the repair deadline by
//! the part a diagnosis names.
//!
//! The busy-season deadline (3 days for the whole machine or a main part,
//! 1 day for a wear part) follows from facts, never from a flag: an in-warranty
//! repair of a harvest-critical machine, reported in its region's busy season,
//! at a site inside the service network. A person may tighten a clock (with a
//! reason), never loosen it.

use super::calendar::{WorkCalendar, add_working_days};
use super::site::{GeoPoint, Site};
use super::sla::SlaSettings;
use super::types::{RequestKind, SuspectedPart};
use crate::division::Division;
use crate::master::WarrantyStatus;
use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

wire_enum!(
    /// The clocks a request runs under.
    LegalClock {
        /// 三包, busy season: repaired within days of the report (3 for the
        /// whole machine or a main part, 1 for a wear part).
        SanbaoBusySeason => "sanbao_busy_season",
        /// 三包, otherwise: repaired within 30 working days.
        SanbaoWorkingDays => "sanbao_working_days",
        /// Maintenance or out of warranty: the company's first-contact and
        /// arrival targets only, no repair deadline.
        CompanySla => "company_sla",
    }
);

/// A service station (服务站) and the area it serves: whole divisions, a
/// radius around it, or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ServiceStation {
    pub name: String,
    /// GB/T 2260 codes of the counties, prefectures or provinces it covers.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>, example = json!(["410000"])))]
    pub divisions: Vec<Division>,
    /// Where the station is; with `radius_km`, it covers the sites that near.
    #[serde(default)]
    pub location: Option<GeoPoint>,
    #[serde(default)]
    pub radius_km: Option<f64>,
}

impl ServiceStation {
    /// Whether the station serves `site`: its division lies in one of the
    /// station's, or its point lies within the radius.
    pub fn covers(&self, site: &Site) -> bool {
        let by_division = site
            .division
            .is_some_and(|s| self.divisions.iter().any(|d| d.contains(s)));
        let by_radius = match (self.location, self.radius_km, site.location()) {
            (Some(at), Some(r), Some(p)) => at.distance_km(p) <= r,
            _ => false,
        };
        by_division || by_radius
    }
}

/// `GET/PUT /settings/service_network`: the stations whose area is the
/// service network (服务网点范围内), where the busy-season 三包 deadline holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ServiceNetwork {
    pub stations: Vec<ServiceStation>,
}

impl Default for ServiceNetwork {
    /// One station per province the company sells in (the demo's dealers).
    fn default() -> Self {
        let station = |name: &str, code: &str| ServiceStation {
            name: name.into(),
            divisions: vec![Division::from_code(code).expect("a known province")],
            location: None,
            radius_km: None,
        };
        ServiceNetwork {
            stations: vec![
                station("哈尔滨服务站", "230000"),
                station("郑州服务站", "410000"),
                station("济南服务站", "370000"),
                station("南京服务站", "320000"),
                station("乌鲁木齐服务站", "650000"),
            ],
        }
    }
}

impl ServiceNetwork {
    /// Whether some station serves `site`.
    pub fn covers(&self, site: &Site) -> bool {
        self.stations.iter().any(|s| s.covers(site))
    }
}

impl crate::settings::Setting for ServiceNetwork {
    const KEY: &'static str = "service_network";

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        for (i, s) in self.stations.iter().enumerate() {
            let f = |name: &str| format!("stations[{i}].{name}");
            if s.name.trim().is_empty() {
                v.error(&f("name"), "required", "a station needs a name");
            }
            if let Some(p) = s.location
                && !((-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon))
            {
                v.error(
                    &f("location"),
                    "out_of_range",
                    "latitude is -90..90 and longitude -180..180",
                );
            }
            match (s.location, s.radius_km) {
                (_, Some(r)) if !(r > 0.0 && r <= 1000.0) => {
                    v.error(
                        &f("radius_km"),
                        "out_of_range",
                        "the radius must be more than 0 and at most 1000 km",
                    );
                }
                (None, Some(_)) => {
                    v.error(&f("location"), "required", "a radius needs a location");
                }
                (Some(_), None) => {
                    v.error(&f("radius_km"), "required", "a location needs a radius");
                }
                (None, None) if s.divisions.is_empty() => {
                    v.error(
                        &f("divisions"),
                        "required",
                        "a station covers some divisions or a radius",
                    );
                }
                _ => {}
            }
        }
        v.finish()
    }
}

/// Whether the machine is under 三包 on the report day. A machine with no
/// warranty end recorded (or none registered yet) is presumed covered until
/// its record says otherwise: the stricter reading, the burden is on the company.
pub fn under_sanbao(status: WarrantyStatus) -> bool {
    matches!(status, WarrantyStatus::InWarranty | WarrantyStatus::Unknown)
}

/// What the law reads to choose a request's clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegalFacts {
    pub kind: RequestKind,
    /// Under 三包 on the report day ([`under_sanbao`]).
    pub in_warranty: bool,
    /// The machine's category is harvest-critical (settings).
    pub critical_category: bool,
    /// The report falls in a busy season of the site's region.
    pub in_season: bool,
    /// The site is inside the service network.
    pub in_network: bool,
}

/// The regime the law sets: 三包 for in-warranty repairs only, the busy-season
/// deadline when every condition holds, the company's SLA otherwise.
pub fn legal_clock(f: &LegalFacts) -> LegalClock {
    if f.kind != RequestKind::Repair || !f.in_warranty {
        LegalClock::CompanySla
    } else if f.critical_category && f.in_season && f.in_network {
        LegalClock::SanbaoBusySeason
    } else {
        LegalClock::SanbaoWorkingDays
    }
}

/// The regime after the intake form's `harvest_critical`: `Some(true)` may
/// tighten the 30-working-day clock to the busy-season one (the second value
/// says it did); `Some(false)` never loosens what the law sets. A request the
/// law does not cover gets no legal clock from the flag.
pub fn tightened(law: LegalClock, harvest_critical: Option<bool>) -> (LegalClock, bool) {
    match (law, harvest_critical) {
        (LegalClock::SanbaoWorkingDays, Some(true)) => (LegalClock::SanbaoBusySeason, true),
        _ => (law, false),
    }
}

/// The repair deadline once a diagnosis names `part`: on the busy-season
/// clock, recomputed from the report time (either way: a main part moves it
/// later, a wear part, after a main part, back earlier); the other regimes,
/// and a request with no repair deadline, keep theirs.
pub fn diagnosed_due(
    settings: &SlaSettings,
    calendar: &WorkCalendar,
    regime: LegalClock,
    reported_at: DateTime<Utc>,
    current: Option<DateTime<Utc>>,
    part: SuspectedPart,
) -> Option<DateTime<Utc>> {
    match (regime, current) {
        (LegalClock::SanbaoBusySeason, Some(_)) => {
            repair_deadline(settings, calendar, regime, reported_at, part).0
        }
        _ => current,
    }
}

/// Whether a request's repair deadline is provisional: the busy-season one
/// before a diagnosis named the part type.
pub fn provisional(regime: LegalClock, diagnosed: SuspectedPart) -> bool {
    regime == LegalClock::SanbaoBusySeason && diagnosed == SuspectedPart::Unknown
}

/// The repair deadline of a regime and whether it is provisional. In the busy
/// season: from the report, the main-part days once a diagnosis names the
/// whole machine or a main part, the wear-part days for a wear part, and until
/// then the stricter of the two, provisionally. The 30 working days count the
/// calendar's working days. The company SLA sets no repair deadline.
pub fn repair_deadline(
    settings: &SlaSettings,
    calendar: &WorkCalendar,
    regime: LegalClock,
    reported_at: DateTime<Utc>,
    diagnosed: SuspectedPart,
) -> (Option<DateTime<Utc>>, bool) {
    match regime {
        LegalClock::SanbaoBusySeason => {
            let days = match diagnosed {
                SuspectedPart::MainPart => settings.sanbao_main_part_days,
                SuspectedPart::WearPart => settings.sanbao_wear_part_days,
                SuspectedPart::Unknown => settings
                    .sanbao_main_part_days
                    .min(settings.sanbao_wear_part_days),
            };
            (
                Some(reported_at + Duration::days(days)),
                provisional(regime, diagnosed),
            )
        }
        LegalClock::SanbaoWorkingDays => (
            Some(add_working_days(
                reported_at,
                settings.sanbao_working_days,
                settings.zone(),
                calendar,
            )),
            false,
        ),
        LegalClock::CompanySla => (None, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Setting;
    use chrono::TimeZone;

    fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    fn facts() -> LegalFacts {
        LegalFacts {
            kind: RequestKind::Repair,
            in_warranty: true,
            critical_category: true,
            in_season: true,
            in_network: true,
        }
    }

    fn site(code: &str, point: Option<(f64, f64)>) -> Site {
        Site {
            division: Division::from_code(code),
            lat: point.map(|p| p.0),
            lon: point.map(|p| p.1),
        }
    }

    #[test]
    fn the_busy_season_deadline_needs_every_fact_and_the_law_covers_in_warranty_repairs_only() {
        assert_eq!(legal_clock(&facts()), LegalClock::SanbaoBusySeason);
        for off in [
            LegalFacts {
                critical_category: false,
                ..facts()
            },
            LegalFacts {
                in_season: false,
                ..facts()
            },
            LegalFacts {
                in_network: false,
                ..facts()
            },
        ] {
            assert_eq!(legal_clock(&off), LegalClock::SanbaoWorkingDays, "{off:?}");
        }
        let maintenance = LegalFacts {
            kind: RequestKind::Maintenance,
            ..facts()
        };
        let expired = LegalFacts {
            in_warranty: false,
            ..facts()
        };
        assert_eq!(legal_clock(&maintenance), LegalClock::CompanySla);
        assert_eq!(legal_clock(&expired), LegalClock::CompanySla);
    }

    #[test]
    fn warranty_on_the_report_day_decides_and_an_unknown_end_is_presumed_covered() {
        assert!(under_sanbao(WarrantyStatus::InWarranty));
        assert!(under_sanbao(WarrantyStatus::Unknown));
        assert!(!under_sanbao(WarrantyStatus::ExtendedWarranty));
        assert!(!under_sanbao(WarrantyStatus::Expired));
    }

    #[test]
    fn the_flag_only_tightens() {
        use LegalClock::*;
        assert_eq!(
            tightened(SanbaoWorkingDays, Some(true)),
            (SanbaoBusySeason, true)
        );
        assert_eq!(
            tightened(SanbaoBusySeason, Some(false)),
            (SanbaoBusySeason, false)
        );
        assert_eq!(
            tightened(SanbaoBusySeason, Some(true)),
            (SanbaoBusySeason, false)
        );
        assert_eq!(
            tightened(SanbaoWorkingDays, None),
            (SanbaoWorkingDays, false)
        );
        assert_eq!(tightened(CompanySla, Some(true)), (CompanySla, false));
    }

    #[test]
    fn a_station_covers_its_divisions_down_to_the_county() {
        let net = ServiceNetwork {
            stations: vec![ServiceStation {
                name: "周口站".into(),
                divisions: vec![Division::from_code("411600").unwrap()],
                location: None,
                radius_km: None,
            }],
        };
        // 商水县 (411623) lies in 周口市; 上蔡县 (411722) in 驻马店市 does not.
        assert!(net.covers(&site("411623", None)));
        assert!(net.covers(&site("411600", None)));
        assert!(!net.covers(&site("411722", None)));
        // Only the province known: not inside a prefecture's area.
        assert!(!net.covers(&site("410000", None)));
        assert!(!net.covers(&Site::default()));
        assert!(ServiceNetwork::default().covers(&site("411722", None)));
        assert!(!ServiceNetwork::default().covers(&site("460000", None)));
    }

    #[test]
    fn a_station_covers_a_radius_inclusive_at_its_edge() {
        // A station at 五常市; 哈尔滨's centre is about 109 km to the north-north-west.
        let wuchang = GeoPoint {
            lat: 44.93,
            lon: 127.17,
        };
        let harbin = GeoPoint {
            lat: 45.80,
            lon: 126.53,
        };
        let d = wuchang.distance_km(harbin);
        assert!((d - 108.9).abs() < 0.1, "{d}");
        let station = |r: f64| ServiceStation {
            name: "五常站".into(),
            divisions: vec![],
            location: Some(wuchang),
            radius_km: Some(r),
        };
        let at_harbin = site("230100", Some((45.80, 126.53)));
        assert!(station(d).covers(&at_harbin));
        assert!(!station(d - 0.1).covers(&at_harbin));
        // No point on the site: a radius cannot reach it.
        assert!(!station(500.0).covers(&site("230100", None)));
    }

    #[test]
    fn bad_stations_are_refused_field_by_field() {
        let ok = ServiceNetwork::default();
        assert!(Setting::validate(&ok).is_ok());
        let bad = ServiceNetwork {
            stations: vec![
                ServiceStation {
                    name: " ".into(),
                    divisions: vec![],
                    location: None,
                    radius_km: None,
                },
                ServiceStation {
                    name: "a".into(),
                    divisions: vec![],
                    location: Some(GeoPoint {
                        lat: 95.0,
                        lon: 0.0,
                    }),
                    radius_km: Some(0.0),
                },
                ServiceStation {
                    name: "b".into(),
                    divisions: vec![],
                    location: None,
                    radius_km: Some(10.0),
                },
            ],
        };
        assert_eq!(
            Setting::validate(&bad).unwrap_err().fields(),
            vec![
                "stations[0].name",
                "stations[0].divisions",
                "stations[1].location",
                "stations[1].radius_km",
                "stations[2].location"
            ]
        );
    }

    #[test]
    fn the_busy_season_deadline_is_provisional_until_diagnosed_and_moves_both_ways() {
        let s = SlaSettings::default();
        let cal = WorkCalendar::default();
        let at = utc(2026, 6, 10, 4);
        let busy = |p| repair_deadline(&s, &cal, LegalClock::SanbaoBusySeason, at, p);
        assert_eq!(
            busy(SuspectedPart::Unknown),
            (Some(at + Duration::days(1)), true)
        );
        assert_eq!(
            busy(SuspectedPart::MainPart),
            (Some(at + Duration::days(3)), false)
        );
        assert_eq!(
            busy(SuspectedPart::WearPart),
            (Some(at + Duration::days(1)), false)
        );
        assert_eq!(
            repair_deadline(
                &s,
                &cal,
                LegalClock::SanbaoWorkingDays,
                at,
                SuspectedPart::Unknown
            ),
            (Some(add_working_days(at, 30, s.zone(), &cal)), false)
        );
        assert_eq!(
            repair_deadline(
                &s,
                &cal,
                LegalClock::CompanySla,
                at,
                SuspectedPart::MainPart
            ),
            (None, false)
        );
    }

    #[test]
    fn a_diagnosis_recomputes_the_busy_season_deadline_from_the_report_time_only() {
        let s = SlaSettings::default();
        let cal = WorkCalendar::default();
        let at = utc(2026, 6, 10, 4);
        let busy = LegalClock::SanbaoBusySeason;
        let day = Some(at + Duration::days(1));
        let main = diagnosed_due(&s, &cal, busy, at, day, SuspectedPart::MainPart);
        assert_eq!(main, Some(at + Duration::days(3)));
        // And back: a main part found to be a wear part after all.
        assert_eq!(
            diagnosed_due(&s, &cal, busy, at, main, SuspectedPart::WearPart),
            Some(at + Duration::days(1))
        );
        // The 30 working days and the company SLA do not depend on the part.
        let later = Some(at + Duration::days(43));
        for regime in [LegalClock::SanbaoWorkingDays, LegalClock::CompanySla] {
            assert_eq!(
                diagnosed_due(&s, &cal, regime, at, later, SuspectedPart::MainPart),
                later
            );
        }
        // No visit, no repair deadline to move.
        assert_eq!(
            diagnosed_due(&s, &cal, busy, at, None, SuspectedPart::MainPart),
            None
        );
        assert!(provisional(busy, SuspectedPart::Unknown));
        assert!(!provisional(busy, SuspectedPart::WearPart));
        assert!(!provisional(
            LegalClock::SanbaoWorkingDays,
            SuspectedPart::Unknown
        ));
    }
}
