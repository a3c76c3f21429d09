//! Working hours (服务时间): the first-contact and arrival clocks count only the
//! hours the service works, on the working days of the [`WorkCalendar`], in
//! the company time zone. A busy season at the site may extend the day and
//! count every day of the week (harvest does not wait for Monday).
//!
//! The legal 三包 day deadlines are calendar or working days and are not
//! moved by working hours.

use super::calendar::WorkCalendar;
use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// `working_hours` of the SLA settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkingHours {
    /// On: the first-contact and arrival clocks count only working hours.
    /// Off (the default): they run round the clock.
    pub enabled: bool,
    /// When the working day starts, `HH:MM` company time.
    pub start: String,
    /// When the working day ends, `HH:MM` company time (after `start`).
    pub end: String,
    /// In a busy season at the site: when the day starts; absent = `start`.
    #[serde(default)]
    pub season_start: Option<String>,
    /// In a busy season at the site: when the day ends; absent = `end`.
    #[serde(default)]
    pub season_end: Option<String>,
    /// In a busy season at the site, every day counts, weekends and holidays too.
    #[serde(default)]
    pub season_every_day: bool,
}

impl Default for WorkingHours {
    fn default() -> Self {
        WorkingHours {
            enabled: false,
            start: "08:00".into(),
            end: "18:00".into(),
            season_start: Some("06:00".into()),
            season_end: Some("21:00".into()),
            season_every_day: true,
        }
    }
}

fn parse_hm(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

impl WorkingHours {
    /// Checks the times; `prefix` names the document's field (`working_hours`).
    pub fn check(&self, prefix: &str, v: &mut Validator) {
        let mut day = |f: &str, start: &str, end: &str| match (parse_hm(start), parse_hm(end)) {
            (Some(s), Some(e)) if s < e => {}
            (Some(_), Some(_)) => {
                v.error(
                    &format!("{prefix}.{f}end"),
                    "out_of_range",
                    "the day must end after it starts",
                );
            }
            (s, e) => {
                for (name, t) in [("start", s), ("end", e)] {
                    if t.is_none() {
                        v.error(
                            &format!("{prefix}.{f}{name}"),
                            "invalid",
                            "use HH:MM, e.g. 08:00",
                        );
                    }
                }
            }
        };
        day("", &self.start, &self.end);
        if self.season_start.is_some() || self.season_end.is_some() {
            day(
                "season_",
                self.season_start.as_deref().unwrap_or(&self.start),
                self.season_end.as_deref().unwrap_or(&self.end),
            );
        }
    }

    /// The working window of a local date, if the day counts:
    /// `(start, end, counts on days off)`.
    fn window(&self, in_season: bool) -> Option<(NaiveTime, NaiveTime, bool)> {
        if in_season {
            let s = parse_hm(self.season_start.as_deref().unwrap_or(&self.start))?;
            let e = parse_hm(self.season_end.as_deref().unwrap_or(&self.end))?;
            Some((s, e, self.season_every_day))
        } else {
            Some((parse_hm(&self.start)?, parse_hm(&self.end)?, false))
        }
    }

    /// The time `minutes` of working time after `from`: only the hours of the
    /// working window count, on the calendar's working days (in a season day,
    /// `season_on(local date)`, on every day if `season_every_day`). Off, or
    /// with times that do not parse (never stored: validated), the plain sum.
    pub fn after(
        &self,
        from: DateTime<Utc>,
        minutes: i64,
        zone: FixedOffset,
        calendar: &WorkCalendar,
        season_on: &dyn Fn(NaiveDate) -> bool,
    ) -> DateTime<Utc> {
        let plain = from + Duration::minutes(minutes);
        if !self.enabled {
            return plain;
        }
        let mut left = Duration::minutes(minutes.max(0));
        let mut cursor = from.with_timezone(&zone).naive_local();
        // Ten years of days off would be a calendar nobody keeps: give up on it.
        for _ in 0..3660 {
            let date = cursor.date();
            let Some((start, end, every_day)) = self.window(season_on(date)) else {
                return plain;
            };
            if every_day && season_on(date) || calendar.is_working_day(date) {
                let open = cursor.max(date.and_time(start));
                let close = date.and_time(end);
                if open < close {
                    if left <= close - open {
                        let due = open + left;
                        return zone
                            .from_local_datetime(&due)
                            .single()
                            .map_or(plain, |d| d.with_timezone(&Utc));
                    }
                    left -= close - open;
                }
            }
            cursor = (date + Duration::days(1)).and_time(NaiveTime::MIN);
        }
        plain
    }
}

/// Checks the working hours as a document would.
pub fn validate(h: &WorkingHours) -> Result<(), ValidationErrors> {
    let mut v = Validator::new();
    h.check("working_hours", &mut v);
    v.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::division::resolve;
    use crate::service::site::Site;

    fn henan() -> Site {
        Site {
            division: resolve("河南"),
            ..Site::default()
        }
    }

    fn zone() -> FixedOffset {
        FixedOffset::east_opt(8 * 3600).unwrap()
    }

    /// Company local time (UTC+8) as UTC.
    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        zone()
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn on() -> WorkingHours {
        WorkingHours {
            enabled: true,
            ..WorkingHours::default()
        }
    }

    fn never(_: NaiveDate) -> bool {
        false
    }

    fn always(_: NaiveDate) -> bool {
        true
    }

    #[test]
    fn off_by_default_the_clock_runs_round_the_clock() {
        let from = local(2026, 3, 2, 23, 5);
        let due =
            WorkingHours::default().after(from, 240, zone(), &WorkCalendar::default(), &never);
        assert_eq!(due, local(2026, 3, 3, 3, 5));
    }

    #[test]
    fn a_call_at_23_05_counts_from_the_next_morning() {
        // Monday 2 March 2026, 23:05: four working hours from Tuesday 08:00.
        let cal = WorkCalendar::default();
        let from = local(2026, 3, 2, 23, 5);
        assert_eq!(
            on().after(from, 240, zone(), &cal, &never),
            local(2026, 3, 3, 12, 0)
        );
        // 24 working hours of 10 a day: Tuesday, Wednesday, and 4 h on Thursday.
        assert_eq!(
            on().after(from, 24 * 60, zone(), &cal, &never),
            local(2026, 3, 5, 12, 0)
        );
    }

    #[test]
    fn the_edges_of_the_day() {
        let cal = WorkCalendar::default();
        // Exactly at the start: the whole day counts.
        assert_eq!(
            on().after(local(2026, 3, 3, 8, 0), 600, zone(), &cal, &never),
            local(2026, 3, 3, 18, 0)
        );
        // One minute more rolls to the next morning.
        assert_eq!(
            on().after(local(2026, 3, 3, 8, 0), 601, zone(), &cal, &never),
            local(2026, 3, 4, 8, 1)
        );
        // A call before opening waits for it.
        assert_eq!(
            on().after(local(2026, 3, 3, 6, 30), 60, zone(), &cal, &never),
            local(2026, 3, 3, 9, 0)
        );
        // Friday 17:00 with 2 h: 1 h on Friday, the weekend skipped, 09:00 Monday.
        assert_eq!(
            on().after(local(2026, 3, 6, 17, 0), 120, zone(), &cal, &never),
            local(2026, 3, 9, 9, 0)
        );
    }

    #[test]
    fn a_call_on_the_eve_of_a_holiday_resumes_after_it() {
        // Wednesday 30 September 2026, 17:00; 国庆节 1-7 October; 8 October is a Thursday.
        let cal = WorkCalendar::default();
        assert_eq!(
            on().after(local(2026, 9, 30, 17, 0), 240, zone(), &cal, &never),
            local(2026, 10, 8, 11, 0)
        );
        // The make-up working day Saturday 10 October counts.
        assert_eq!(
            on().after(local(2026, 10, 9, 17, 30), 60, zone(), &cal, &never),
            local(2026, 10, 10, 8, 30)
        );
    }

    #[test]
    fn the_busy_season_extends_the_day_and_counts_every_day() {
        let cal = WorkCalendar::default();
        // Friday 5 June 2026, 20:00, in season: 1 h to 21:00, then Saturday from 06:00.
        assert_eq!(
            on().after(local(2026, 6, 5, 20, 0), 240, zone(), &cal, &always),
            local(2026, 6, 6, 9, 0)
        );
        // Without every day, the weekend waits: Monday 06:00 + 3 h.
        let weekdays = WorkingHours {
            season_every_day: false,
            ..on()
        };
        assert_eq!(
            weekdays.after(local(2026, 6, 5, 20, 0), 240, zone(), &cal, &always),
            local(2026, 6, 8, 9, 0)
        );
        // Season times absent: the ordinary day.
        let plain_day = WorkingHours {
            season_start: None,
            season_end: None,
            ..on()
        };
        assert_eq!(
            plain_day.after(local(2026, 6, 5, 17, 0), 120, zone(), &cal, &always),
            local(2026, 6, 6, 9, 0)
        );
    }

    #[test]
    fn validation_names_the_field() {
        assert!(validate(&on()).is_ok());
        let bad = WorkingHours {
            start: "18:00".into(),
            end: "08:00".into(),
            season_start: Some("6am".into()),
            ..on()
        };
        let e = validate(&bad).unwrap_err();
        assert_eq!(
            e.fields(),
            vec!["working_hours.end", "working_hours.season_start"]
        );
    }

    #[test]
    fn clocks_count_working_hours_for_contact_and_arrival_but_not_the_sanbao_days() {
        use crate::service::sla::{ClockInput, SlaSettings, clocks};
        use crate::service::types::{Priority, RequestKind, SuspectedPart};
        let settings = SlaSettings {
            working_hours: on(),
            ..SlaSettings::default()
        };
        let input = ClockInput {
            reported_at: local(2026, 3, 2, 23, 5),
            priority: Priority::Normal,
            kind: RequestKind::Repair,
            site: henan(),
            category: None,
            in_warranty: true,
            in_network: true,
            harvest_critical: None,
            diagnosed_part: SuspectedPart::Unknown,
            needs_onsite: true,
            promised_arrival_at: None,
        };
        let cal = WorkCalendar::default();
        let c = clocks(&settings, &cal, &input);
        // Normal: 4 h to first contact, 24 h to arrival, in working hours.
        assert_eq!(c.first_contact_due, local(2026, 3, 3, 12, 0));
        assert_eq!(c.arrival_due, Some(local(2026, 3, 5, 12, 0)));
        // The 30-working-day repair clock is the same with working hours off.
        let off = clocks(&SlaSettings::default(), &cal, &input);
        assert_eq!(c.repair_due, off.repair_due);
        assert_eq!(off.first_contact_due, local(2026, 3, 3, 3, 5));
        // A promise earlier than the working-hours target still wins.
        let promised = ClockInput {
            promised_arrival_at: Some(local(2026, 3, 3, 10, 0)),
            ..input.clone()
        };
        assert_eq!(
            clocks(&settings, &cal, &promised).arrival_due,
            Some(local(2026, 3, 3, 10, 0))
        );
    }

    #[test]
    fn in_season_the_site_gets_the_longer_day() {
        use crate::master::MachineCategory;
        use crate::service::sla::{ClockInput, SlaSettings, clocks};
        use crate::service::types::{Priority, RequestKind, SuspectedPart};
        let settings = SlaSettings {
            working_hours: on(),
            ..SlaSettings::default()
        };
        // Friday 5 June 2026, 20:00 in 河南 (三夏): a critical call, 1 h to first contact.
        let input = ClockInput {
            reported_at: local(2026, 6, 5, 20, 0),
            priority: Priority::Critical,
            kind: RequestKind::Repair,
            site: henan(),
            category: Some(MachineCategory::Sprayer),
            in_warranty: true,
            in_network: true,
            harvest_critical: Some(false),
            diagnosed_part: SuspectedPart::Unknown,
            needs_onsite: true,
            promised_arrival_at: None,
        };
        let cal = WorkCalendar::default();
        let c = clocks(&settings, &cal, &input);
        assert!(c.in_season);
        assert_eq!(c.first_contact_due, local(2026, 6, 5, 21, 0));
        // Arrival 4 h: 1 h to 21:00, then Saturday from 06:00.
        assert_eq!(c.arrival_due, Some(local(2026, 6, 6, 9, 0)));
        // Out of season there (黑龙江 has none in early June): Monday 08:00 + 4 h.
        let north = ClockInput {
            site: Site {
                division: resolve("黑龙江"),
                ..Site::default()
            },
            ..input
        };
        let c = clocks(&settings, &cal, &north);
        assert!(!c.in_season);
        assert_eq!(c.first_contact_due, local(2026, 6, 8, 9, 0));
    }
}
