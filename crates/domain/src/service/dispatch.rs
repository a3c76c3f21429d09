//! Dispatch suggestions: engineers ranked by skill match, open workload and
//! distance from home base to the site (`GeoPoint::distance_km`), the engineer's schedule
//! at the proposed time, with the reasons; the weights and the distance limit
//! are the [`DispatchSettings`].

use super::absence::Absence;
use super::site::{GeoPoint, Site};
use super::types::{EngineerSuggestion, SuggestionReason};
use crate::master::{EngineerView, MachineCategory};
use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// `GET/PUT /settings/dispatch`: the weights and limits of the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DispatchSettings {
    /// Kilometres one open work order weighs (a busy engineer near by ranks
    /// like a free one this much farther away).
    pub km_per_open_order: f64,
    /// Kilometres one work order booked near the proposed time weighs.
    pub km_per_booked_order: f64,
    /// Distance assumed when the engineer's or the site's point is unknown.
    /// An unknown distance is never taken to exceed the limit.
    pub unknown_distance_km: f64,
    /// The farthest an engineer is sent ahead of nearer ones: beyond it a
    /// qualified engineer ranks after every engineer within it, qualified or not.
    pub max_distance_km: f64,
    /// Hours either side of the proposed time in which a booked work order or
    /// an absence counts against an engineer.
    pub window_hours: i64,
}

impl Default for DispatchSettings {
    fn default() -> Self {
        DispatchSettings {
            km_per_open_order: 60.0,
            km_per_booked_order: 120.0,
            unknown_distance_km: 500.0,
            max_distance_km: 400.0,
            window_hours: 4,
        }
    }
}

impl crate::settings::Setting for DispatchSettings {
    const KEY: &'static str = "dispatch";

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        for (f, x, min, max) in [
            ("km_per_open_order", self.km_per_open_order, 0.0, 1000.0),
            ("km_per_booked_order", self.km_per_booked_order, 0.0, 1000.0),
            ("unknown_distance_km", self.unknown_distance_km, 0.0, 5000.0),
            ("max_distance_km", self.max_distance_km, 1.0, 5000.0),
        ] {
            if !(min..=max).contains(&x) {
                v.error(
                    f,
                    "out_of_range",
                    format!("{f} must be between {min} and {max}"),
                );
            }
        }
        if !(0..=72).contains(&self.window_hours) {
            v.error(
                "window_hours",
                "out_of_range",
                "window_hours must be between 0 and 72",
            );
        }
        v.finish()
    }
}

/// One engineer as the ranking sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub engineer: EngineerView,
    /// Open work orders now.
    pub open_orders: u32,
    /// The appointments of the engineer's open work orders.
    pub appointments: Vec<DateTime<Utc>>,
    pub absences: Vec<Absence>,
}

/// What the engineers are ranked for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Job<'a> {
    pub category: Option<MachineCategory>,
    pub site: &'a Site,
    /// The proposed time on site; `None`: the schedule is not looked at.
    pub at: Option<DateTime<Utc>>,
}

/// Ranks active engineers for `job`, in tiers: engineers present at the
/// proposed time before the absent; within them, those within the distance
/// limit before those beyond it; within each, the qualified first; then by
/// score (distance + workload + bookings, lower first) and name.
pub fn rank(
    candidates: &[Candidate],
    job: &Job<'_>,
    settings: &DispatchSettings,
) -> Vec<EngineerSuggestion> {
    let window = job.at.map(|at| {
        let w = Duration::hours(settings.window_hours);
        (at - w, at + w)
    });
    let mut ranked: Vec<(bool, bool, EngineerSuggestion)> = candidates
        .iter()
        .filter(|c| c.engineer.active)
        .map(|c| {
            let e = &c.engineer;
            let open = c.open_orders;
            let mut reasons = Vec::new();
            let skill_match = match job.category {
                Some(cat) if e.skills.contains(&cat) => {
                    reasons.push(SuggestionReason::SkillMatch { category: cat });
                    true
                }
                Some(cat) => {
                    reasons.push(SuggestionReason::NoSkill { category: cat });
                    false
                }
                None => true,
            };
            reasons.push(SuggestionReason::Workload { open_orders: open });
            let home = e.lat.zip(e.lon).map(|(lat, lon)| GeoPoint { lat, lon });
            let distance_km = match (job.site.location(), home) {
                (Some(s), Some(home)) => {
                    let km = (home.distance_km(s) * 10.0).round() / 10.0;
                    reasons.push(SuggestionReason::Distance { km });
                    Some(km)
                }
                _ => {
                    reasons.push(SuggestionReason::DistanceUnknown);
                    None
                }
            };
            let beyond = distance_km.is_some_and(|km| km > settings.max_distance_km);
            if beyond {
                reasons.push(SuggestionReason::BeyondLimit {
                    limit_km: settings.max_distance_km,
                });
            }
            let (booked, absent) = match window {
                Some((start, end)) => {
                    let booked = c
                        .appointments
                        .iter()
                        .filter(|a| start <= **a && **a <= end)
                        .count() as u32;
                    let absent = c
                        .absences
                        .iter()
                        .filter(|a| a.overlaps(start, end))
                        .max_by_key(|a| a.to)
                        .copied();
                    (booked, absent)
                }
                None => (0, None),
            };
            if booked > 0 {
                reasons.push(SuggestionReason::Booked { orders: booked });
            }
            if let Some(a) = absent {
                reasons.push(SuggestionReason::Absent {
                    reason: a.reason,
                    until: a.to,
                });
            }
            let score = distance_km.unwrap_or(settings.unknown_distance_km)
                + settings.km_per_open_order * f64::from(open)
                + settings.km_per_booked_order * f64::from(booked);
            let suggestion = EngineerSuggestion {
                engineer_id: e.user_id,
                display_name: e.display_name.clone(),
                home_base: e.home_base.clone(),
                skill_match,
                open_orders: open,
                distance_km,
                score: (score * 10.0).round() / 10.0,
                reasons,
            };
            (absent.is_some(), beyond, suggestion)
        })
        .collect();
    ranked.sort_by(|(a_away, a_far, a), (b_away, b_far, b)| {
        a_away
            .cmp(b_away)
            .then(a_far.cmp(b_far))
            .then(b.skill_match.cmp(&a.skill_match))
            .then(a.score.total_cmp(&b.score))
            .then(a.display_name.cmp(&b.display_name))
    });
    ranked.into_iter().map(|(_, _, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::absence::AbsenceReason;
    use MachineCategory::*;
    use chrono::TimeZone;
    use uuid::Uuid;

    fn eng(
        name: &str,
        skills: &[MachineCategory],
        at: Option<(f64, f64)>,
        active: bool,
    ) -> EngineerView {
        EngineerView {
            user_id: Uuid::from_u128(name.len() as u128),
            username: name.into(),
            display_name: name.into(),
            skills: skills.to_vec(),
            home_base: None,
            lat: at.map(|a| a.0),
            lon: at.map(|a| a.1),
            phone: None,
            active,
            version: 1,
            updated_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        }
    }

    fn cand(e: EngineerView, open: u32) -> Candidate {
        Candidate {
            engineer: e,
            open_orders: open,
            appointments: vec![],
            absences: vec![],
        }
    }

    fn site(lat: f64, lon: f64) -> Site {
        Site {
            division: None,
            lat: Some(lat),
            lon: Some(lon),
        }
    }

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 1, h, 0, 0).unwrap()
    }

    fn names(r: &[EngineerSuggestion]) -> Vec<&str> {
        r.iter().map(|s| s.display_name.as_str()).collect()
    }

    #[test]
    fn qualified_engineers_rank_first_then_by_distance_and_workload() {
        let site = site(45.0, 127.0);
        let ranked = rank(
            &[
                cand(eng("near", &[Sprayer], Some((45.0, 127.1)), true), 0),
                cand(
                    eng("far", &[CombineHarvester], Some((46.0, 127.0)), true),
                    0,
                ),
                cand(
                    eng("busy", &[CombineHarvester], Some((45.0, 127.05)), true),
                    3,
                ),
                cand(
                    eng("off", &[CombineHarvester], Some((45.0, 127.0)), false),
                    0,
                ),
            ],
            &Job {
                category: Some(CombineHarvester),
                site: &site,
                at: None,
            },
            &DispatchSettings::default(),
        );
        // far: 111.2 km; busy: 3.9 km + 3 x 60 = 183.9 -> far first; the unqualified last; inactive absent.
        assert_eq!(names(&ranked), vec!["far", "busy", "near"]);
        assert_eq!(ranked[0].score, 111.2);
        assert_eq!(ranked[1].score, 183.9);
        assert!(ranked[2].reasons.contains(&SuggestionReason::NoSkill {
            category: CombineHarvester
        }));
        assert_eq!(
            ranked[0].reasons.last(),
            Some(&SuggestionReason::Distance { km: 111.2 })
        );
    }

    #[test]
    fn missing_coordinates_count_the_assumed_distance_and_say_so() {
        let settings = DispatchSettings {
            unknown_distance_km: 50.0,
            ..DispatchSettings::default()
        };
        let site = site(30.0, 120.2);
        let job = Job {
            category: None,
            site: &site,
            at: None,
        };
        let ranked = rank(
            &[
                cand(eng("nowhere", &[], None, true), 0),
                cand(eng("here", &[], Some((30.0, 120.0)), true), 0),
            ],
            &job,
            &settings,
        );
        // here: 19.3 km < the 50 km assumed.
        assert_eq!(names(&ranked), vec!["here", "nowhere"]);
        assert_eq!(ranked[1].score, 50.0);
        assert_eq!(ranked[1].distance_km, None);
        assert!(
            ranked[1]
                .reasons
                .contains(&SuggestionReason::DistanceUnknown)
        );
        // An unknown distance is never beyond the limit, even a tiny one.
        let tight = DispatchSettings {
            max_distance_km: 1.0,
            ..settings
        };
        let ranked = rank(
            &[
                cand(eng("nowhere", &[], None, true), 0),
                cand(eng("here", &[], Some((30.0, 120.0)), true), 0),
            ],
            &job,
            &tight,
        );
        assert_eq!(names(&ranked), vec!["nowhere", "here"]);
        assert!(
            !ranked[0]
                .reasons
                .iter()
                .any(|r| matches!(r, SuggestionReason::BeyondLimit { .. }))
        );
        // With no site point nobody's distance is known.
        let nowhere = Site::default();
        let ranked = rank(
            &[cand(eng("here", &[], Some((30.0, 120.0)), true), 1)],
            &Job {
                site: &nowhere,
                ..job
            },
            &settings,
        );
        assert_eq!(ranked[0].score, 110.0);
    }

    #[test]
    fn skill_outranks_distance_only_within_the_limit() {
        // A harvester fault near 郑州; a qualified engineer in 哈尔滨 (~1,400 km)
        // and an unqualified one 20 km away.
        let site = site(34.75, 113.62);
        let job = Job {
            category: Some(CombineHarvester),
            site: &site,
            at: None,
        };
        let harbin = cand(
            eng("harbin", &[CombineHarvester], Some((45.80, 126.53)), true),
            0,
        );
        let local = cand(eng("local", &[Tractor], Some((34.80, 113.80)), true), 2);
        let ranked = rank(
            &[harbin.clone(), local.clone()],
            &job,
            &DispatchSettings::default(),
        );
        assert_eq!(names(&ranked), vec!["local", "harbin"]);
        assert!(
            ranked[1]
                .reasons
                .contains(&SuggestionReason::BeyondLimit { limit_km: 400.0 })
        );
        // Raise the limit past the distance: the skill wins again.
        let wide = DispatchSettings {
            max_distance_km: 2000.0,
            ..DispatchSettings::default()
        };
        assert_eq!(
            names(&rank(&[harbin.clone(), local.clone()], &job, &wide)),
            vec!["harbin", "local"]
        );
        // Exactly at the limit is within it.
        let km = rank(std::slice::from_ref(&harbin), &job, &wide)[0]
            .distance_km
            .unwrap();
        let edge = DispatchSettings {
            max_distance_km: km,
            ..DispatchSettings::default()
        };
        assert_eq!(
            names(&rank(&[harbin.clone(), local.clone()], &job, &edge)),
            vec!["harbin", "local"]
        );
        let below = DispatchSettings {
            max_distance_km: km - 0.1,
            ..DispatchSettings::default()
        };
        assert_eq!(
            names(&rank(&[harbin, local], &job, &below)),
            vec!["local", "harbin"]
        );
    }

    #[test]
    fn bookings_in_the_window_weigh_and_absences_rank_last() {
        let site = site(45.0, 127.0);
        let job = Job {
            category: None,
            site: &site,
            at: Some(at(10)),
        };
        let mut booked = cand(eng("booked", &[], Some((45.0, 127.0)), true), 0);
        // 06:00 and 14:00 are the window's edges (4 h); 15:00 is outside.
        booked.appointments = vec![at(6), at(14), at(15)];
        let mut away = cand(eng("away", &[], Some((45.0, 127.0)), true), 0);
        away.absences = vec![Absence {
            from: at(13),
            to: at(20),
            reason: AbsenceReason::Training,
        }];
        let free = cand(eng("free", &[], Some((45.0, 128.0)), true), 0);
        let settings = DispatchSettings::default();
        let ranked = rank(
            &[booked.clone(), away.clone(), free.clone()],
            &job,
            &settings,
        );
        // free: 78.6 km; booked: 0 + 2 x 120 = 240; away: last whatever its score.
        assert_eq!(names(&ranked), vec!["free", "booked", "away"]);
        assert_eq!(ranked[1].score, 240.0);
        assert!(
            ranked[1]
                .reasons
                .contains(&SuggestionReason::Booked { orders: 2 })
        );
        assert_eq!(
            ranked[2].reasons.last(),
            Some(&SuggestionReason::Absent {
                reason: AbsenceReason::Training,
                until: at(20)
            })
        );
        // An absence that ends when the window opens does not count.
        let mut back = away.clone();
        back.absences[0] = Absence {
            from: at(0),
            to: at(6),
            reason: AbsenceReason::Leave,
        };
        let ranked = rank(&[back, free.clone()], &job, &settings);
        assert_eq!(names(&ranked), vec!["away", "free"]);
        // No proposed time: the schedule is not looked at.
        let ranked = rank(&[booked, away, free], &Job { at: None, ..job }, &settings);
        assert_eq!(names(&ranked), vec!["away", "booked", "free"]);
    }

    #[test]
    fn the_settings_refuse_out_of_range_values() {
        use crate::settings::Setting;
        assert!(Setting::validate(&DispatchSettings::default()).is_ok());
        let bad = DispatchSettings {
            km_per_open_order: -1.0,
            unknown_distance_km: f64::NAN,
            max_distance_km: 0.0,
            window_hours: 73,
            ..DispatchSettings::default()
        };
        assert_eq!(
            Setting::validate(&bad).unwrap_err().fields(),
            vec![
                "km_per_open_order",
                "unknown_distance_km",
                "max_distance_km",
                "window_hours"
            ]
        );
    }
}
