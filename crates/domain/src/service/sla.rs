//! SLA clocks (DESIGN §4): first contact, arrival on site, repair completed,
//! with the busy farming season (农忙季节) and the three-guarantees rule (三包).
//! Every number is a setting with the design's default.

use super::calendar::WorkCalendar;
use super::sanbao::{LegalClock, LegalFacts, legal_clock, repair_deadline, tightened};
use super::site::Site;
use super::types::{Priority, RequestKind, SuspectedPart};
use super::working_hours::WorkingHours;
use crate::division::{Division, resolve};
use crate::master::MachineCategory;
use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Hours per priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PriorityHours {
    pub critical: i64,
    pub high: i64,
    pub normal: i64,
    pub low: i64,
}

impl PriorityHours {
    pub fn get(&self, p: Priority) -> i64 {
        match p {
            Priority::Critical => self.critical,
            Priority::High => self.high,
            Priority::Normal => self.normal,
            Priority::Low => self.low,
        }
    }
}

/// A busy farming season: a yearly date range (`MM-DD`), for one region (all when
/// absent) and some machine categories (all when empty). Ranges may wrap the year end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BusySeason {
    /// e.g. 三夏, 三秋
    pub name: String,
    /// Where the season holds: a GB/T 2260 code of a province (`410000` 河南省)
    /// or a prefecture (`150700` 呼伦贝尔市), covering every place under it;
    /// absent = every region.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = Option<String>, pattern = "^[0-9]{6}$", example = "410000")
    )]
    pub division: Option<Division>,
    /// Accepted on input only: the region by name or code (河南, 河南省,
    /// 410000), saved as `division`; a name no division has is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(deprecated))]
    pub region: Option<String>,
    /// Empty = every category.
    #[serde(default)]
    pub categories: Vec<MachineCategory>,
    /// First day, `MM-DD`.
    pub start: String,
    /// Last day, `MM-DD`.
    pub end: String,
}

impl BusySeason {
    fn new(name: &str, division: Option<&str>, start: &str, end: &str) -> Self {
        BusySeason {
            name: name.into(),
            division: division
                .map(|d| resolve(d).expect("a default season names a known division")),
            region: None,
            categories: vec![],
            start: start.into(),
            end: end.into(),
        }
    }

    /// The season's division: the code, else the region text resolved (a
    /// document stored before codes); `Err` when the text names no division.
    fn place(&self) -> Result<Option<Division>, ()> {
        match (&self.division, &self.region) {
            (Some(d), _) => Ok(Some(*d)),
            (None, Some(r)) => resolve(r).map(Some).ok_or(()),
            (None, None) => Ok(None),
        }
    }

    /// Whether the season holds at a site in `site` (`None`: a place no
    /// division code was found for, where only the seasons of every region hold).
    pub fn covers(&self, site: Option<Division>) -> bool {
        match self.place() {
            Ok(None) => true,
            Ok(Some(d)) => site.is_some_and(|s| d.contains(s)),
            Err(()) => false,
        }
    }

    /// Whether the local date falls in the season's yearly range.
    pub fn includes(&self, date: NaiveDate) -> bool {
        let md = (date.month(), date.day());
        let (Some(start), Some(end)) = (parse_md(&self.start), parse_md(&self.end)) else {
            return false;
        };
        if start <= end {
            start <= md && md <= end
        } else {
            md >= start || md <= end
        }
    }
}

/// The default busy seasons, by how the land is farmed where the company's
/// customers are (the demo's dealers: 黑龙江, 河南, 山东, 江苏, 新疆).
/// A region without a season here has none until an administrator adds one.
fn default_busy_seasons() -> Vec<BusySeason> {
    // 黄淮海 (the Central Plains): winter wheat, then summer maize or rice.
    // 三夏: the wheat harvest starts in southern 河南 in late May and reaches
    // 河北 by mid-June, with summer sowing straight behind the combines.
    // 三秋: the summer maize comes in from mid-September and the wheat is sown
    // by about 20 October.
    const CENTRAL_PLAINS: [&str; 5] = ["河南", "山东", "河北", "安徽", "江苏"];
    // 东北 and eastern 内蒙古 (赤峰, 通辽, 呼伦贝尔, 兴安盟): one crop a year
    // (maize, soybeans, rice). Sowing waits for the thaw, late April to the
    // end of May; the harvest starts and ends later than the Central Plains'.
    const NORTHEAST: [&str; 7] = [
        "黑龙江",
        "吉林",
        "辽宁",
        "赤峰",
        "通辽",
        "呼伦贝尔",
        "兴安盟",
    ];
    let mut seasons = Vec::new();
    for place in CENTRAL_PLAINS {
        seasons.push(BusySeason::new(
            "三夏（麦收夏种）",
            Some(place),
            "05-25",
            "06-20",
        ));
        seasons.push(BusySeason::new(
            "三秋（秋收秋种）",
            Some(place),
            "09-10",
            "10-20",
        ));
    }
    for place in NORTHEAST {
        seasons.push(BusySeason::new("春播", Some(place), "04-20", "05-31"));
        seasons.push(BusySeason::new("秋收", Some(place), "09-15", "10-31"));
    }
    // 新疆: cotton and maize are sown in April into early May (earlier than
    // the northeast: the oases warm sooner); the winter wheat is cut from late
    // June to mid-July; cotton picking and the maize harvest run from
    // mid-September to the end of October.
    seasons.push(BusySeason::new("春播", Some("新疆"), "04-10", "05-10"));
    seasons.push(BusySeason::new(
        "夏收（冬小麦）",
        Some("新疆"),
        "06-25",
        "07-20",
    ));
    seasons.push(BusySeason::new(
        "秋收（棉花、玉米）",
        Some("新疆"),
        "09-15",
        "10-31",
    ));
    seasons
}

/// `GET/PUT /settings/sla`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SlaSettings {
    /// Hours from the report to the first contact with the customer.
    pub first_contact_hours: PriorityHours,
    /// Hours from the report to the engineer's arrival on site.
    pub arrival_hours: PriorityHours,
    pub busy_seasons: Vec<BusySeason>,
    /// Machines whose arrival target is halved in season and that fall under
    /// the in-season 三包 repair deadlines.
    pub harvest_critical_categories: Vec<MachineCategory>,
    /// 三包, in season: days to repair a fault of the whole machine or a main part.
    pub sanbao_main_part_days: i64,
    /// 三包, in season: days to repair a wear part or other part.
    pub sanbao_wear_part_days: i64,
    /// 三包, otherwise: working days to finish a repair.
    pub sanbao_working_days: i64,
    /// Days after completion when the follow-up call is due.
    pub follow_up_days: i64,
    /// Hours before a due time when an item counts as due soon.
    pub due_soon_hours: i64,
    /// The company's time zone as minutes east of UTC (Asia/Shanghai = 480; China has no DST).
    pub utc_offset_minutes: i32,
    /// The hours the first-contact and arrival clocks count (off by default:
    /// round the clock).
    #[serde(default)]
    pub working_hours: WorkingHours,
}

impl Default for SlaSettings {
    fn default() -> Self {
        use MachineCategory::*;
        SlaSettings {
            first_contact_hours: PriorityHours {
                critical: 1,
                high: 2,
                normal: 4,
                low: 8,
            },
            arrival_hours: PriorityHours {
                critical: 4,
                high: 12,
                normal: 24,
                low: 72,
            },
            busy_seasons: default_busy_seasons(),
            harvest_critical_categories: vec![CombineHarvester, Tractor, Planter, Transplanter],
            sanbao_main_part_days: 3,
            sanbao_wear_part_days: 1,
            sanbao_working_days: 30,
            follow_up_days: 7,
            due_soon_hours: 2,
            utc_offset_minutes: 480,
            working_hours: WorkingHours::default(),
        }
    }
}

fn parse_md(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    // Validate against a leap year so 02-29 is accepted.
    NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
}

impl crate::settings::Setting for SlaSettings {
    const KEY: &'static str = "sla";

    fn validate(&self) -> Result<(), ValidationErrors> {
        // The inherent method: callers that know the type keep calling it directly.
        SlaSettings::validate(self)
    }

    fn normalize(&mut self) {
        SlaSettings::normalize(self)
    }
}

impl SlaSettings {
    /// Checks every value; the whole document is refused on any error.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        for (name, h) in [
            ("first_contact_hours", &self.first_contact_hours),
            ("arrival_hours", &self.arrival_hours),
        ] {
            for (p, x) in [
                ("critical", h.critical),
                ("high", h.high),
                ("normal", h.normal),
                ("low", h.low),
            ] {
                if !(1..=24 * 90).contains(&x) {
                    v.error(
                        &format!("{name}.{p}"),
                        "out_of_range",
                        "hours must be between 1 and 2160",
                    );
                }
            }
        }
        for (i, s) in self.busy_seasons.iter().enumerate() {
            if s.name.trim().is_empty() {
                v.error(
                    &format!("busy_seasons[{i}].name"),
                    "required",
                    "a season needs a name",
                );
            }
            if let Some(r) = &s.region {
                match resolve(r) {
                    None => {
                        v.error(
                            &format!("busy_seasons[{i}].region"),
                            "unknown_region",
                            format!(
                                "`{}` is no province or prefecture; choose one from the list",
                                r.trim()
                            ),
                        );
                    }
                    Some(d) if s.division.is_some_and(|x| x != d) => {
                        v.error(
                            &format!("busy_seasons[{i}].region"),
                            "conflict",
                            "the region and the division name different places",
                        );
                    }
                    Some(_) => {}
                }
            }
            for (f, val) in [("start", &s.start), ("end", &s.end)] {
                if parse_md(val).is_none() {
                    v.error(
                        &format!("busy_seasons[{i}].{f}"),
                        "invalid",
                        "use MM-DD, e.g. 06-01",
                    );
                }
            }
        }
        for (f, x, max) in [
            ("sanbao_main_part_days", self.sanbao_main_part_days, 60),
            ("sanbao_wear_part_days", self.sanbao_wear_part_days, 60),
            ("sanbao_working_days", self.sanbao_working_days, 365),
            ("follow_up_days", self.follow_up_days, 365),
            ("due_soon_hours", self.due_soon_hours, 240),
        ] {
            if !(0..=max).contains(&x) {
                v.error(
                    f,
                    "out_of_range",
                    format!("{f} must be between 0 and {max}"),
                );
            }
        }
        if !(-720..=840).contains(&self.utc_offset_minutes) {
            v.error(
                "utc_offset_minutes",
                "out_of_range",
                "the UTC offset must be between -720 and 840 minutes",
            );
        }
        self.working_hours.check("working_hours", &mut v);
        v.finish()
    }

    /// The company time zone.
    pub fn zone(&self) -> FixedOffset {
        FixedOffset::east_opt(self.utc_offset_minutes * 60)
            .unwrap_or_else(|| FixedOffset::east_opt(8 * 3600).unwrap())
    }

    /// Whether `at` (company local date) falls in a busy season for a site in
    /// `site` (`None`: unknown place, only the seasons of every region) and category.
    pub fn in_season(
        &self,
        at: DateTime<Utc>,
        site: Option<Division>,
        category: Option<MachineCategory>,
    ) -> bool {
        let local = at.with_timezone(&self.zone()).date_naive();
        self.busy_seasons.iter().any(|s| {
            let category_ok =
                s.categories.is_empty() || category.is_some_and(|c| s.categories.contains(&c));
            s.covers(site) && category_ok && s.includes(local)
        })
    }

    /// Whether `at` falls in a busy season of some region: the company's busy time as a whole.
    pub fn in_season_somewhere(&self, at: DateTime<Utc>) -> bool {
        let local = at.with_timezone(&self.zone()).date_naive();
        self.busy_seasons.iter().any(|s| s.includes(local))
    }

    /// Saves each season's region as its division code (see
    /// [`crate::settings::Setting::normalize`]); text no division has stays
    /// as it is, covering no site, and is refused by [`Self::validate`].
    pub fn normalize(&mut self) {
        for s in &mut self.busy_seasons {
            if let Some(d) = s.region.as_deref().and_then(resolve) {
                s.division.get_or_insert(d);
                s.region = None;
            }
        }
    }

    /// Whether a category is harvest-critical.
    pub fn is_harvest_critical_category(&self, category: Option<MachineCategory>) -> bool {
        category.is_some_and(|c| self.harvest_critical_categories.contains(&c))
    }
}

/// What the clocks of a new request are computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockInput {
    pub reported_at: DateTime<Utc>,
    pub priority: Priority,
    pub kind: RequestKind,
    /// Where the machine is to be repaired.
    pub site: Site,
    pub category: Option<MachineCategory>,
    /// Under 三包 on the report day ([`super::sanbao::under_sanbao`]).
    pub in_warranty: bool,
    /// The site is inside the service network ([`super::sanbao::ServiceNetwork::covers`]).
    pub in_network: bool,
    /// The intake form's flag: `Some(true)` tightens (the arrival target, and
    /// the 30-working-day clock to the busy-season one); `Some(false)` is ignored.
    pub harvest_critical: Option<bool>,
    /// The part type a diagnosis named (`Unknown` until one did).
    pub diagnosed_part: SuspectedPart,
    pub needs_onsite: bool,
    pub promised_arrival_at: Option<DateTime<Utc>>,
}

/// The due times fixed when a request is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clocks {
    pub in_season: bool,
    pub harvest_critical: bool,
    /// The regime the clocks follow.
    pub legal_clock: LegalClock,
    /// The flag made the legal clock stricter than the law (needs a reason).
    pub tightened: bool,
    pub first_contact_due: DateTime<Utc>,
    /// None when nobody goes on site.
    pub arrival_due: Option<DateTime<Utc>>,
    /// None when nobody goes on site (nothing to repair on site) or under the company SLA.
    pub repair_due: Option<DateTime<Utc>>,
    /// The busy-season deadline of an undiagnosed fault: the stricter one, until a diagnosis.
    pub repair_due_provisional: bool,
}

/// Computes the three clocks of a new request; the 30-working-day repair
/// clock counts the working days of `calendar`.
pub fn clocks(settings: &SlaSettings, calendar: &WorkCalendar, input: &ClockInput) -> Clocks {
    let site = input.site.division;
    let in_season = settings.in_season(input.reported_at, site, input.category);
    let critical_category = settings.is_harvest_critical_category(input.category);
    // The flag may only add: a `false` never loosens what the facts set.
    let harvest_critical = input.harvest_critical == Some(true) || (in_season && critical_category);
    let law = legal_clock(&LegalFacts {
        kind: input.kind,
        in_warranty: input.in_warranty,
        critical_category,
        in_season,
        in_network: input.in_network,
    });
    let (legal_clock, tightened) = tightened(law, input.harvest_critical);
    // First contact and arrival count working hours (see `working_hours`).
    let season_on = |d: NaiveDate| {
        d.and_hms_opt(12, 0, 0)
            .and_then(|t| t.and_local_timezone(settings.zone()).single())
            .is_some_and(|t| settings.in_season(t.with_timezone(&Utc), site, input.category))
    };
    let working = |minutes: i64| {
        let h = &settings.working_hours;
        h.after(
            input.reported_at,
            minutes,
            settings.zone(),
            calendar,
            &season_on,
        )
    };
    let first_contact_due = working(settings.first_contact_hours.get(input.priority) * 60);
    if !input.needs_onsite {
        return Clocks {
            in_season,
            harvest_critical,
            legal_clock,
            tightened,
            first_contact_due,
            arrival_due: None,
            repair_due: None,
            repair_due_provisional: false,
        };
    }
    let mut arrival_minutes = settings.arrival_hours.get(input.priority) * 60;
    if in_season && harvest_critical {
        arrival_minutes /= 2;
    }
    let sla_arrival = working(arrival_minutes);
    let arrival_due = match input.promised_arrival_at {
        Some(p) if p < sla_arrival => p,
        _ => sla_arrival,
    };
    let (repair_due, repair_due_provisional) = repair_deadline(
        settings,
        calendar,
        legal_clock,
        input.reported_at,
        input.diagnosed_part,
    );
    Clocks {
        in_season,
        harvest_critical,
        legal_clock,
        tightened,
        first_contact_due,
        arrival_due: Some(arrival_due),
        repair_due,
        repair_due_provisional,
    }
}

/// The clocks still running of a request, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunningClocks {
    pub first_contact_due: Option<DateTime<Utc>>,
    pub arrival_due: Option<DateTime<Utc>>,
    pub repair_due: Option<DateTime<Utc>>,
}

/// The due times and stop times of a request's three clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockState {
    pub is_open: bool,
    pub first_contact_due: DateTime<Utc>,
    pub first_contact_at: Option<DateTime<Utc>>,
    pub arrival_due: Option<DateTime<Utc>>,
    pub arrived_at: Option<DateTime<Utc>>,
    pub repair_due: Option<DateTime<Utc>>,
    pub repaired_at: Option<DateTime<Utc>>,
}

impl ClockState {
    /// A clock runs until its event happens; a finished request runs none.
    pub fn running(&self) -> RunningClocks {
        if !self.is_open {
            return RunningClocks {
                first_contact_due: None,
                arrival_due: None,
                repair_due: None,
            };
        }
        RunningClocks {
            first_contact_due: self
                .first_contact_at
                .is_none()
                .then_some(self.first_contact_due),
            arrival_due: self.arrival_due.filter(|_| self.arrived_at.is_none()),
            repair_due: self.repair_due.filter(|_| self.repaired_at.is_none()),
        }
    }
}

/// The stored sort rank of a request's downtime (0 sorts first): a stopped
/// machine in the busy season comes before everything else not overdue.
pub fn stopped_rank(machine_stopped: bool, in_season: bool) -> i32 {
    if machine_stopped && in_season { 0 } else { 1 }
}

impl RunningClocks {
    /// The earliest due time still running, with its clock's name.
    pub fn next(&self) -> Option<(&'static str, DateTime<Utc>)> {
        [
            ("first_contact", self.first_contact_due),
            ("arrival", self.arrival_due),
            ("repair", self.repair_due),
        ]
        .into_iter()
        .filter_map(|(n, d)| d.map(|d| (n, d)))
        .min_by_key(|(_, d)| *d)
    }
}

/// The sort key of the default request list (DESIGN §4): overdue first, then
/// stopped machines in season, then priority, then the due time. Smaller sorts first.
pub fn urgency_key(
    now: DateTime<Utc>,
    next_due: Option<DateTime<Utc>>,
    stopped_in_season: bool,
    priority: Priority,
) -> (u8, u8, i32, i64) {
    let overdue = next_due.is_some_and(|d| d < now);
    (
        u8::from(!overdue),
        u8::from(!stopped_in_season),
        priority.rank(),
        next_due.map(|d| d.timestamp()).unwrap_or(i64::MAX),
    )
}

/// When a request's downtime (停机时长) stops counting: at its completion
/// (repaired and signed, or resolved on the phone), or at its cancel time —
/// once cancelled the service no longer owes the machine anything, so neither
/// the downtime nor a clock runs on (a closed request runs no clock, see
/// [`ClockState::running`]). Only an open request counts up to `now`.
pub fn downtime_end(
    completed_at: Option<DateTime<Utc>>,
    cancelled_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    completed_at.or(cancelled_at).unwrap_or(now)
}

/// Hours of downtime from the report until `end` ([`downtime_end`]).
pub fn downtime_hours(reported_at: DateTime<Utc>, end: DateTime<Utc>) -> f64 {
    let minutes = (end - reported_at).num_minutes().max(0);
    (minutes as f64 / 60.0 * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::calendar::add_working_days;
    use chrono::{Duration, TimeZone};

    fn cal() -> WorkCalendar {
        WorkCalendar::default()
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn input(
        at: DateTime<Utc>,
        priority: Priority,
        category: Option<MachineCategory>,
    ) -> ClockInput {
        ClockInput {
            reported_at: at,
            priority,
            kind: RequestKind::Repair,
            site: Site {
                division: resolve("河南"),
                lat: None,
                lon: None,
            },
            category,
            in_warranty: true,
            in_network: true,
            harvest_critical: None,
            diagnosed_part: SuspectedPart::Unknown,
            needs_onsite: true,
            promised_arrival_at: None,
        }
    }

    #[test]
    fn out_of_season_targets_follow_priority() {
        let s = SlaSettings::default();
        let at = utc(2026, 3, 2, 2, 0); // Monday 10:00 in Beijing, no season
        for (p, contact, arrival) in [
            (Priority::Critical, 1, 4),
            (Priority::High, 2, 12),
            (Priority::Normal, 4, 24),
            (Priority::Low, 8, 72),
        ] {
            let c = clocks(
                &s,
                &cal(),
                &input(at, p, Some(MachineCategory::CombineHarvester)),
            );
            assert!(!c.in_season && !c.harvest_critical);
            assert_eq!(c.first_contact_due, at + Duration::hours(contact));
            assert_eq!(c.arrival_due, Some(at + Duration::hours(arrival)));
        }
    }

    #[test]
    fn in_season_harvest_critical_arrival_is_halved_and_sanbao_days_apply() {
        let s = SlaSettings::default();
        let at = utc(2026, 6, 10, 4, 0);
        let mut i = input(at, Priority::High, Some(MachineCategory::CombineHarvester));
        let c = clocks(&s, &cal(), &i);
        assert!(c.in_season && c.harvest_critical);
        assert_eq!(c.legal_clock, LegalClock::SanbaoBusySeason);
        assert_eq!(c.arrival_due, Some(at + Duration::hours(6)));
        // Undiagnosed: the stricter day, provisionally.
        assert_eq!(
            (c.repair_due, c.repair_due_provisional),
            (Some(at + Duration::days(1)), true)
        );
        i.diagnosed_part = SuspectedPart::MainPart;
        let c = clocks(&s, &cal(), &i);
        assert_eq!(
            (c.repair_due, c.repair_due_provisional),
            (Some(at + Duration::days(3)), false)
        );
        // Outside the network, or out of warranty, the busy-season deadline does not hold.
        i.in_network = false;
        let c = clocks(&s, &cal(), &i);
        assert_eq!(
            (c.legal_clock, c.repair_due),
            (
                LegalClock::SanbaoWorkingDays,
                Some(add_working_days(at, 30, s.zone(), &cal()))
            )
        );
        i.in_network = true;
        i.in_warranty = false;
        let c = clocks(&s, &cal(), &i);
        assert_eq!(
            (c.legal_clock, c.repair_due),
            (LegalClock::CompanySla, None)
        );
        // The company's arrival target still halves in season.
        assert_eq!(c.arrival_due, Some(at + Duration::hours(6)));
    }

    #[test]
    fn sprayers_are_not_harvest_critical_by_default_even_in_season() {
        let s = SlaSettings::default();
        let at = utc(2026, 6, 10, 4, 0);
        let c = clocks(
            &s,
            &cal(),
            &input(at, Priority::High, Some(MachineCategory::Sprayer)),
        );
        assert!(c.in_season && !c.harvest_critical);
        assert_eq!(c.arrival_due, Some(at + Duration::hours(12)));
        assert_eq!(
            c.repair_due,
            Some(add_working_days(at, 30, s.zone(), &cal()))
        );
    }

    fn place(text: &str) -> Option<Division> {
        resolve(text)
    }

    #[test]
    fn season_boundaries_use_the_company_local_date() {
        let s = SlaSettings::default();
        let henan = place("河南省");
        // 2026-05-24 16:30 UTC is 2026-05-25 00:30 in Beijing: the first day of 河南's 三夏.
        assert!(s.in_season(utc(2026, 5, 24, 16, 30), henan, None));
        // 2026-05-24 15:59 UTC is 23:59 on the 24th in Beijing: not yet.
        assert!(!s.in_season(utc(2026, 5, 24, 15, 59), henan, None));
        // The last day counts until local midnight.
        assert!(s.in_season(utc(2026, 6, 20, 15, 59), henan, None));
        assert!(!s.in_season(utc(2026, 6, 20, 16, 0), henan, None));
    }

    #[test]
    fn default_seasons_follow_each_region_and_the_north_harvests_later() {
        let s = SlaSettings::default();
        let noon = |m, d| utc(2026, m, d, 4, 0);
        let (henan, heilongjiang, xinjiang) = (place("河南"), place("黑龙江省"), place("新疆"));
        // 10 June: wheat harvest in the Central Plains; the northeast has sown.
        assert!(s.in_season(noon(6, 10), henan, None));
        assert!(s.in_season(noon(6, 10), place("江苏"), None));
        assert!(!s.in_season(noon(6, 10), heilongjiang, None));
        assert!(!s.in_season(noon(6, 10), xinjiang, None));
        // 25 October: the Central Plains are done, the northeast and 新疆 still harvest.
        assert!(!s.in_season(noon(10, 25), henan, None));
        assert!(s.in_season(noon(10, 25), heilongjiang, None));
        assert!(s.in_season(noon(10, 25), xinjiang, None));
        // 10 July: 新疆's winter wheat, nobody else.
        assert!(s.in_season(noon(7, 10), xinjiang, None));
        assert!(!s.in_season(noon(7, 10), henan, None));
        // Eastern Inner Mongolia sows with the northeast, down to a county
        // (牙克石市 150782 in 呼伦贝尔); 包头 (150200) in the west does not.
        assert!(s.in_season(noon(5, 10), Division::from_code("150782"), None));
        assert!(!s.in_season(noon(5, 10), Division::from_code("150200"), None));
        // An unknown place gets no regional season.
        assert!(!s.in_season(noon(6, 10), place("中原"), None));
        assert!(!s.in_season(noon(6, 10), None, None));
        // Every demo dealer's region has a season.
        for r in ["黑龙江", "河南", "山东", "江苏", "新疆"] {
            assert!(
                s.busy_seasons
                    .iter()
                    .any(|b| b.division.is_some_and(|d| d.contains(place(r).unwrap()))),
                "{r}"
            );
        }
    }

    #[test]
    fn clocks_resolve_the_sites_province_text() {
        let s = SlaSettings::default();
        let at = utc(2026, 6, 10, 4, 0);
        let mut i = input(at, Priority::High, Some(MachineCategory::CombineHarvester));
        for (text, in_season) in [
            ("河南省", true),
            ("河南", true),
            ("Henan", true),
            ("黑龙江省", false),
            ("豫", false),
        ] {
            i.site = Site::of_address(text, None, None, None, None);
            assert_eq!(clocks(&s, &cal(), &i).in_season, in_season, "{text}");
        }
    }

    #[test]
    fn seasons_may_be_regional_per_category_and_wrap_the_year() {
        let s = SlaSettings {
            busy_seasons: vec![BusySeason {
                name: "冬季".into(),
                division: place("海南"),
                region: None,
                categories: vec![MachineCategory::Transplanter],
                start: "12-01".into(),
                end: "02-15".into(),
            }],
            ..Default::default()
        };
        let jan = utc(2026, 1, 10, 4, 0);
        let t = Some(MachineCategory::Transplanter);
        assert!(s.in_season(jan, place("海南"), t));
        assert!(s.in_season(jan, Division::from_code("460100"), t));
        assert!(!s.in_season(jan, place("河南"), t));
        assert!(!s.in_season(jan, place("海南"), Some(MachineCategory::Tractor)));
        assert!(!s.in_season(utc(2026, 3, 1, 4, 0), place("海南"), t));
    }

    #[test]
    fn a_region_by_name_is_saved_as_its_code_and_an_unknown_one_is_refused() {
        let old = serde_json::json!({
            "name": "三夏", "region": "河南省", "start": "05-25", "end": "06-20"
        });
        let mut s = SlaSettings {
            busy_seasons: vec![serde_json::from_value(old).unwrap()],
            ..Default::default()
        };
        // Read before normalizing (a document stored before codes), it already matches.
        assert!(s.in_season(utc(2026, 6, 1, 4, 0), place("河南"), None));
        assert!(s.validate().is_ok());
        s.normalize();
        assert_eq!(
            (
                s.busy_seasons[0].division,
                s.busy_seasons[0].region.as_deref()
            ),
            (place("河南"), None)
        );
        let json = serde_json::to_value(&s.busy_seasons[0]).unwrap();
        assert_eq!(json["division"], "410000");
        assert!(json.get("region").is_none());

        s.busy_seasons[0].region = Some("中原".into());
        s.busy_seasons.push(BusySeason {
            region: Some("黑龙江".into()),
            ..s.busy_seasons[0].clone()
        });
        assert_eq!(
            s.validate().unwrap_err().fields(),
            vec!["busy_seasons[0].region", "busy_seasons[1].region"]
        );
        // Unknown text stays (and covers no site) rather than widen to every region.
        s.busy_seasons[0].division = None;
        s.normalize();
        assert_eq!(s.busy_seasons[0].region.as_deref(), Some("中原"));
        assert!(!s.busy_seasons[0].covers(place("河南")));
        assert!(!s.busy_seasons[0].covers(None));
    }

    #[test]
    fn a_promised_time_earlier_than_the_sla_becomes_the_arrival_due() {
        let s = SlaSettings::default();
        let at = utc(2026, 3, 2, 2, 0);
        let mut i = input(at, Priority::Normal, None);
        i.promised_arrival_at = Some(at + Duration::hours(5));
        assert_eq!(
            clocks(&s, &cal(), &i).arrival_due,
            Some(at + Duration::hours(5))
        );
        i.promised_arrival_at = Some(at + Duration::hours(50));
        assert_eq!(
            clocks(&s, &cal(), &i).arrival_due,
            Some(at + Duration::hours(24))
        );
    }

    #[test]
    fn the_harvest_critical_flag_only_tightens() {
        let s = SlaSettings::default();
        let at = utc(2026, 6, 10, 4, 0);
        let mut i = input(at, Priority::Normal, Some(MachineCategory::Sprayer));
        i.harvest_critical = Some(true);
        let c = clocks(&s, &cal(), &i);
        assert_eq!(c.arrival_due, Some(at + Duration::hours(12)));
        assert_eq!(
            (c.legal_clock, c.tightened, c.repair_due),
            (
                LegalClock::SanbaoBusySeason,
                true,
                Some(at + Duration::days(1))
            )
        );
        let mut i = input(
            at,
            Priority::Normal,
            Some(MachineCategory::CombineHarvester),
        );
        i.harvest_critical = Some(false);
        let c = clocks(&s, &cal(), &i);
        assert_eq!(c.arrival_due, Some(at + Duration::hours(12)));
        assert_eq!(
            (c.legal_clock, c.tightened, c.harvest_critical),
            (LegalClock::SanbaoBusySeason, false, true)
        );
    }

    #[test]
    fn consultations_without_a_visit_have_only_the_contact_clock() {
        let s = SlaSettings::default();
        let mut i = input(utc(2026, 3, 2, 2, 0), Priority::Low, None);
        i.needs_onsite = false;
        let c = clocks(&s, &cal(), &i);
        assert_eq!((c.arrival_due, c.repair_due), (None, None));
    }

    #[test]
    fn urgency_puts_overdue_first_then_stopped_in_season_then_priority_then_due() {
        let now = utc(2026, 6, 10, 8, 0);
        let overdue_low = urgency_key(now, Some(now - Duration::hours(1)), false, Priority::Low);
        let stopped_normal =
            urgency_key(now, Some(now + Duration::hours(1)), true, Priority::Normal);
        let critical = urgency_key(
            now,
            Some(now + Duration::hours(5)),
            false,
            Priority::Critical,
        );
        let high_soon = urgency_key(now, Some(now + Duration::hours(1)), false, Priority::High);
        let high_later = urgency_key(now, Some(now + Duration::hours(9)), false, Priority::High);
        let mut keys = vec![high_later, critical, high_soon, stopped_normal, overdue_low];
        keys.sort();
        assert_eq!(
            keys,
            vec![overdue_low, stopped_normal, critical, high_soon, high_later]
        );
    }

    #[test]
    fn a_cancelled_request_stops_its_downtime_and_its_clocks_at_the_cancel_time() {
        let reported = utc(2026, 6, 10, 4, 0);
        let cancelled = reported + Duration::minutes(150);
        let now = reported + Duration::days(3);
        let end = downtime_end(None, Some(cancelled), now);
        assert_eq!(end, cancelled);
        assert_eq!(downtime_hours(reported, end), 2.5);
        // Still open: counts to now; completed: stops at completion.
        assert_eq!(downtime_end(None, None, now), now);
        let done = reported + Duration::hours(30);
        assert_eq!(downtime_end(Some(done), None, now), done);
        let state = ClockState {
            is_open: false,
            first_contact_due: reported + Duration::hours(2),
            first_contact_at: None,
            arrival_due: Some(reported + Duration::hours(6)),
            arrived_at: None,
            repair_due: Some(reported + Duration::days(3)),
            repaired_at: None,
        };
        assert_eq!(state.running().next(), None);
        let open = ClockState {
            is_open: true,
            ..state
        };
        assert_eq!(
            open.running().next(),
            Some(("first_contact", reported + Duration::hours(2)))
        );
    }

    #[test]
    fn downtime_is_rounded_to_a_tenth_of_an_hour_and_never_negative() {
        let at = utc(2026, 6, 10, 8, 0);
        assert_eq!(downtime_hours(at, at + Duration::minutes(95)), 1.6);
        assert_eq!(downtime_hours(at, at - Duration::minutes(5)), 0.0);
    }

    #[test]
    fn bad_settings_are_refused_field_by_field() {
        let mut s = SlaSettings::default();
        s.arrival_hours.low = 0;
        s.busy_seasons[0].start = "13-40".into();
        s.follow_up_days = -1;
        assert_eq!(
            s.validate().unwrap_err().fields(),
            vec![
                "arrival_hours.low",
                "busy_seasons[0].start",
                "follow_up_days"
            ]
        );
        assert!(SlaSettings::default().validate().is_ok());
    }

    #[test]
    fn clocks_stop_at_their_events_and_all_stop_when_the_request_is_finished() {
        let t = utc(2026, 6, 10, 8, 0);
        let mut c = ClockState {
            is_open: true,
            first_contact_due: t,
            first_contact_at: Some(t),
            arrival_due: Some(t + Duration::hours(4)),
            arrived_at: None,
            repair_due: Some(t + Duration::days(3)),
            repaired_at: None,
        };
        let r = c.running();
        assert_eq!(
            (r.first_contact_due, r.arrival_due),
            (None, Some(t + Duration::hours(4)))
        );
        c.arrived_at = Some(t);
        assert_eq!(c.running().next(), Some(("repair", t + Duration::days(3))));
        c.is_open = false;
        assert_eq!(c.running().next(), None);
        assert_eq!(
            (
                stopped_rank(true, true),
                stopped_rank(true, false),
                stopped_rank(false, true)
            ),
            (0, 1, 1)
        );
    }

    #[test]
    fn next_running_clock_is_the_earliest() {
        let now = utc(2026, 6, 10, 8, 0);
        let r = RunningClocks {
            first_contact_due: None,
            arrival_due: Some(now + Duration::hours(3)),
            repair_due: Some(now + Duration::hours(1)),
        };
        assert_eq!(r.next(), Some(("repair", now + Duration::hours(1))));
        assert_eq!(
            RunningClocks {
                first_contact_due: None,
                arrival_due: None,
                repair_due: None
            }
            .next(),
            None
        );
    }
}
