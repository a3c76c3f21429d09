//! The Chinese working-day calendar (POLICY.md, 三包: "working days are the
//! official ones"): per year, the public holidays (放假) and the official
//! make-up working days (调休上班). Every working-day clock counts with it.
//!
//! A year the calendar does not define counts Monday to Friday: the State
//! Council publishes each year's schedule late in the year before, so until an
//! administrator enters or imports it, the plain week is the best guess, and
//! the settings page lists which years are defined so the gap is visible.

use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// Longest name of a calendar day, in characters.
pub const MAX_NAME_CHARS: usize = 40;
/// The years a calendar may define: wide enough for history and planning,
/// narrow enough to catch a mistyped year.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// One date of the calendar with what it is called (元旦, 春节…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CalendarDay {
    /// The date, `YYYY-MM-DD`, in the company's time zone.
    pub date: NaiveDate,
    /// The holiday it belongs to; may be empty.
    #[serde(default)]
    pub name: String,
}

/// Whether a listed date is a day off or a day of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CalendarDayKind {
    /// A public holiday (放假): not a working day, whatever the weekday.
    Holiday,
    /// A make-up working day (调休上班): a working day, though a weekend day.
    Workday,
}

/// One year's official schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CalendarYear {
    pub year: i32,
    /// Public holidays (放假), weekend days of a holiday included.
    #[serde(default)]
    pub holidays: Vec<CalendarDay>,
    /// Make-up working days (调休上班): Saturdays or Sundays worked.
    #[serde(default)]
    pub workdays: Vec<CalendarDay>,
}

/// `GET/PUT /settings/calendar`: the working-day calendar, one entry per
/// defined year. A year without an entry counts Monday to Friday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkCalendar {
    pub years: Vec<CalendarYear>,
}

fn day(y: i32, m: u32, d: u32, name: &str) -> CalendarDay {
    CalendarDay {
        date: NaiveDate::from_ymd_opt(y, m, d).expect("a real date"),
        name: name.into(),
    }
}

fn days(y: i32, m: u32, from: u32, to: u32, name: &str) -> Vec<CalendarDay> {
    (from..=to).map(|d| day(y, m, d, name)).collect()
}

impl Default for WorkCalendar {
    /// The official 2026 schedule (国务院办公厅关于2026年部分节假日安排的通知).
    /// 2027 is left undefined until its notice is entered or imported.
    fn default() -> Self {
        let holidays = [
            days(2026, 1, 1, 3, "元旦"),
            days(2026, 2, 15, 23, "春节"),
            days(2026, 4, 4, 6, "清明节"),
            days(2026, 5, 1, 5, "劳动节"),
            days(2026, 6, 19, 21, "端午节"),
            days(2026, 9, 25, 27, "中秋节"),
            days(2026, 10, 1, 7, "国庆节"),
        ]
        .concat();
        let workdays = vec![
            day(2026, 1, 4, "元旦"),
            day(2026, 2, 14, "春节"),
            day(2026, 2, 28, "春节"),
            day(2026, 5, 9, "劳动节"),
            day(2026, 9, 20, "国庆节"),
            day(2026, 10, 10, "国庆节"),
        ];
        WorkCalendar {
            years: vec![CalendarYear {
                year: 2026,
                holidays,
                workdays,
            }],
        }
    }
}

impl crate::settings::Setting for WorkCalendar {
    const KEY: &'static str = "calendar";

    fn validate(&self) -> Result<(), ValidationErrors> {
        WorkCalendar::validate(self)
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

impl WorkCalendar {
    /// The year's entry, if the calendar defines it.
    pub fn year(&self, year: i32) -> Option<&CalendarYear> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The years defined, ascending: the others count Monday to Friday.
    pub fn defined_years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.years.iter().map(|y| y.year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// Whether `date` is a working day: a make-up day is, a holiday is not,
    /// otherwise Monday to Friday (also in a year the calendar does not define).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if let Some(y) = self.year(date.year()) {
            if y.workdays.iter().any(|d| d.date == date) {
                return true;
            }
            if y.holidays.iter().any(|d| d.date == date) {
                return false;
            }
        }
        !is_weekend(date)
    }

    /// The first working day on or after `date`.
    pub fn working_day_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        // A calendar year has at most 366 holidays; a bound keeps a
        // pathological calendar from looping for ever.
        for _ in 0..(2 * 366) {
            if self.is_working_day(d) {
                return d;
            }
            d += Duration::days(1);
        }
        d
    }

    /// Puts `date` in the year's list of `kind` (creating the year), taking it
    /// out of the other list; a name given replaces the old one.
    pub fn set_day(&mut self, date: NaiveDate, kind: CalendarDayKind, name: &str) {
        let idx = match self.years.iter().position(|y| y.year == date.year()) {
            Some(i) => i,
            None => {
                self.years.push(CalendarYear {
                    year: date.year(),
                    holidays: vec![],
                    workdays: vec![],
                });
                self.years.sort_by_key(|y| y.year);
                self.years
                    .iter()
                    .position(|y| y.year == date.year())
                    .expect("just added")
            }
        };
        let y = &mut self.years[idx];
        y.holidays.retain(|d| d.date != date);
        y.workdays.retain(|d| d.date != date);
        let list = match kind {
            CalendarDayKind::Holiday => &mut y.holidays,
            CalendarDayKind::Workday => &mut y.workdays,
        };
        list.push(CalendarDay {
            date,
            name: name.trim().to_owned(),
        });
        list.sort_by_key(|d| d.date);
    }

    /// Checks every year: the whole calendar is refused on any error.
    ///
    /// A year is listed once and within [`YEARS`]; each date lies in its year,
    /// appears once in its list and not in both; a make-up working day is a
    /// Saturday or Sunday (a weekday is working anyway, so one listed there is
    /// a typing mistake).
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        for (i, y) in self.years.iter().enumerate() {
            if !YEARS.contains(&y.year) {
                v.error(
                    &format!("years[{i}].year"),
                    "out_of_range",
                    format!(
                        "the year must be between {} and {}",
                        YEARS.start(),
                        YEARS.end()
                    ),
                );
            }
            if self.years[..i].iter().any(|o| o.year == y.year) {
                v.error(
                    &format!("years[{i}].year"),
                    "duplicate",
                    format!("{} is listed twice", y.year),
                );
            }
            for (list, days) in [("holidays", &y.holidays), ("workdays", &y.workdays)] {
                for (j, d) in days.iter().enumerate() {
                    let field = format!("years[{i}].{list}[{j}]");
                    if d.date.year() != y.year {
                        v.error(
                            &format!("{field}.date"),
                            "outside_year",
                            format!("{} is not in {}", d.date, y.year),
                        );
                    }
                    if days[..j].iter().any(|o| o.date == d.date) {
                        v.error(
                            &format!("{field}.date"),
                            "duplicate",
                            format!("{} is listed twice", d.date),
                        );
                    }
                    if list == "workdays" {
                        if y.holidays.iter().any(|h| h.date == d.date) {
                            v.error(
                                &format!("{field}.date"),
                                "both",
                                format!("{} is listed as a holiday and a working day", d.date),
                            );
                        }
                        if !is_weekend(d.date) {
                            v.error(
                                &format!("{field}.date"),
                                "not_weekend",
                                format!(
                                    "{} is a weekday: a make-up working day is a Saturday or Sunday",
                                    d.date
                                ),
                            );
                        }
                    }
                    v.max_chars(&format!("{field}.name"), &d.name, MAX_NAME_CHARS);
                }
            }
        }
        v.finish()
    }
}

/// Adds `days` working days of `calendar` in the company time zone, keeping
/// the time of day: a request reported on Wednesday 10:00 with one working day
/// is due on the next working day at 10:00.
pub fn add_working_days(
    from: DateTime<Utc>,
    days: i64,
    zone: FixedOffset,
    calendar: &WorkCalendar,
) -> DateTime<Utc> {
    let mut local = from.with_timezone(&zone);
    let mut left = days;
    while left > 0 {
        local += Duration::days(1);
        if calendar.is_working_day(local.date_naive()) {
            left -= 1;
        }
    }
    local.with_timezone(&Utc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn beijing() -> FixedOffset {
        FixedOffset::east_opt(8 * 3600).unwrap()
    }

    fn empty() -> WorkCalendar {
        WorkCalendar { years: vec![] }
    }

    #[test]
    fn the_default_is_the_official_2026_schedule_and_nothing_else() {
        let c = WorkCalendar::default();
        assert_eq!(c.defined_years(), vec![2026]);
        let y = c.year(2026).unwrap();
        assert_eq!(y.holidays.len(), 3 + 9 + 3 + 5 + 3 + 3 + 7);
        let workdays: Vec<_> = y.workdays.iter().map(|d| d.date).collect();
        assert_eq!(
            workdays,
            vec![
                date(2026, 1, 4),
                date(2026, 2, 14),
                date(2026, 2, 28),
                date(2026, 5, 9),
                date(2026, 9, 20),
                date(2026, 10, 10),
            ]
        );
        assert!(c.validate().is_ok());
    }

    #[test]
    fn the_2026_make_up_days_fall_on_the_weekdays_the_notice_names() {
        let c = WorkCalendar::default();
        for (d, w) in [
            (date(2026, 1, 4), Weekday::Sun),
            (date(2026, 2, 14), Weekday::Sat),
            (date(2026, 2, 28), Weekday::Sat),
            (date(2026, 5, 9), Weekday::Sat),
            (date(2026, 9, 20), Weekday::Sun),
            (date(2026, 10, 10), Weekday::Sat),
        ] {
            assert_eq!(d.weekday(), w, "{d}");
            assert!(c.is_working_day(d), "{d}");
        }
    }

    #[test]
    fn the_2026_holidays_are_days_off_even_on_weekdays() {
        let c = WorkCalendar::default();
        // First and last day of each holiday, with the weekday the notice implies.
        for (d, w) in [
            (date(2026, 1, 1), Weekday::Thu),
            (date(2026, 1, 3), Weekday::Sat),
            (date(2026, 2, 15), Weekday::Sun),
            (date(2026, 2, 23), Weekday::Mon),
            (date(2026, 4, 4), Weekday::Sat),
            (date(2026, 4, 6), Weekday::Mon),
            (date(2026, 5, 1), Weekday::Fri),
            (date(2026, 5, 5), Weekday::Tue),
            (date(2026, 6, 19), Weekday::Fri),
            (date(2026, 6, 21), Weekday::Sun),
            (date(2026, 9, 25), Weekday::Fri),
            (date(2026, 9, 27), Weekday::Sun),
            (date(2026, 10, 1), Weekday::Thu),
            (date(2026, 10, 7), Weekday::Wed),
        ] {
            assert_eq!(d.weekday(), w, "{d}");
            assert!(!c.is_working_day(d), "{d}");
        }
        // The days around a holiday are ordinary.
        assert!(c.is_working_day(date(2026, 2, 24)));
        assert!(c.is_working_day(date(2026, 9, 30)));
        assert!(c.is_working_day(date(2026, 10, 8)));
        assert!(!c.is_working_day(date(2026, 10, 11)));
    }

    #[test]
    fn a_year_not_defined_counts_monday_to_friday() {
        let c = WorkCalendar::default();
        // 2027-01-01 is a Friday: working, since 2027 is not defined.
        assert!(c.is_working_day(date(2027, 1, 1)));
        assert!(!c.is_working_day(date(2027, 1, 2)));
        assert!(empty().is_working_day(date(2026, 10, 1)));
    }

    #[test]
    fn the_national_day_holiday_is_skipped_and_its_saturday_counted() {
        let c = WorkCalendar::default();
        // 2026-09-30 10:00 Beijing: Oct 1–7 off, Oct 8, 9 and Sat Oct 10 count.
        let at = utc(2026, 9, 30, 2, 0);
        assert_eq!(
            add_working_days(at, 3, beijing(), &c),
            utc(2026, 10, 10, 2, 0)
        );
        assert_eq!(
            add_working_days(at, 30, beijing(), &c),
            utc(2026, 11, 17, 2, 0)
        );
        // Monday to Friday alone would give Nov 11.
        assert_eq!(
            add_working_days(at, 30, beijing(), &empty()),
            utc(2026, 11, 11, 2, 0)
        );
    }

    #[test]
    fn working_days_use_the_company_local_date() {
        let c = WorkCalendar::default();
        // 2026-09-30 17:30 UTC is already Oct 1 01:30 in Beijing: the first
        // working day after it is Oct 8.
        assert_eq!(
            add_working_days(utc(2026, 9, 30, 17, 30), 1, beijing(), &c),
            utc(2026, 10, 7, 17, 30)
        );
        // Friday 2026-03-06 10:00 Beijing + 1 working day = Monday.
        assert_eq!(
            add_working_days(utc(2026, 3, 6, 2, 0), 1, beijing(), &c),
            utc(2026, 3, 9, 2, 0)
        );
    }

    #[test]
    fn counting_crosses_the_year_boundary_into_the_next_year_s_calendar() {
        let mut c = WorkCalendar::default();
        c.set_day(date(2027, 1, 1), CalendarDayKind::Holiday, "元旦");
        c.set_day(date(2027, 1, 4), CalendarDayKind::Holiday, "元旦");
        c.set_day(date(2027, 1, 9), CalendarDayKind::Workday, "元旦");
        // Thu 2026-12-31 10:00: Fri Jan 1 and Mon Jan 4 off, Sat Jan 9 worked.
        let at = utc(2026, 12, 31, 2, 0);
        assert_eq!(
            add_working_days(at, 1, beijing(), &c),
            utc(2027, 1, 5, 2, 0)
        );
        assert_eq!(
            add_working_days(at, 5, beijing(), &c),
            utc(2027, 1, 9, 2, 0)
        );
        // And the 2026 holidays still count when counting from the year before.
        let mut c = WorkCalendar::default();
        c.set_day(date(2025, 12, 31), CalendarDayKind::Holiday, "");
        assert_eq!(
            add_working_days(utc(2025, 12, 30, 2, 0), 1, beijing(), &c),
            utc(2026, 1, 4, 2, 0)
        );
    }

    #[test]
    fn zero_days_is_the_start_itself() {
        let at = utc(2026, 10, 1, 2, 0);
        assert_eq!(
            add_working_days(at, 0, beijing(), &WorkCalendar::default()),
            at
        );
    }

    #[test]
    fn setting_a_day_moves_it_between_lists_and_creates_the_year() {
        let mut c = WorkCalendar::default();
        c.set_day(date(2026, 10, 4), CalendarDayKind::Workday, " 调整 ");
        let y = c.year(2026).unwrap();
        assert!(!y.holidays.iter().any(|d| d.date == date(2026, 10, 4)));
        let moved = y.workdays.iter().find(|d| d.date == date(2026, 10, 4));
        assert_eq!(moved.map(|d| d.name.as_str()), Some("调整"));
        assert!(c.is_working_day(date(2026, 10, 4)));
        assert!(c.validate().is_ok());
        c.set_day(date(2028, 2, 1), CalendarDayKind::Holiday, "");
        assert_eq!(c.defined_years(), vec![2026, 2028]);
    }

    #[test]
    fn the_next_working_day_skips_a_holiday_and_its_weekend() {
        let c = WorkCalendar::default();
        assert_eq!(
            c.working_day_on_or_after(date(2026, 10, 1)),
            date(2026, 10, 8)
        );
        assert_eq!(
            c.working_day_on_or_after(date(2026, 10, 10)),
            date(2026, 10, 10)
        );
    }

    #[test]
    fn bad_calendars_are_refused_field_by_field() {
        let c = WorkCalendar {
            years: vec![
                CalendarYear {
                    year: 2027,
                    holidays: vec![
                        day(2027, 2, 6, "春节"),
                        day(2028, 1, 1, "元旦"),
                        day(2027, 2, 6, "春节"),
                    ],
                    workdays: vec![
                        day(2027, 2, 6, "春节"),
                        day(2027, 2, 8, "x"),
                        CalendarDay {
                            date: date(2027, 2, 13),
                            name: "名".repeat(MAX_NAME_CHARS + 1),
                        },
                    ],
                },
                CalendarYear {
                    year: 2027,
                    holidays: vec![],
                    workdays: vec![],
                },
                CalendarYear {
                    year: 1999,
                    holidays: vec![],
                    workdays: vec![],
                },
            ],
        };
        let err = c.validate().unwrap_err();
        let codes: Vec<_> = err
            .0
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("years[0].holidays[1].date", "outside_year"),
                ("years[0].holidays[2].date", "duplicate"),
                ("years[0].workdays[0].date", "both"),
                ("years[0].workdays[1].date", "not_weekend"),
                ("years[0].workdays[2].name", "too_long"),
                ("years[1].year", "duplicate"),
                ("years[2].year", "out_of_range"),
            ]
        );
    }
}
