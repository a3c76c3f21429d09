//! The month a KPI is counted in: a calendar month in the company's time
//! zone (`SlaSettings::zone`), so a visit at 07:00 on 1 November in Beijing
//! (23:00 UTC on 31 October) counts in November.

use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Utc};
use std::fmt;

/// A calendar month, `YYYY-MM` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u32,
}

/// A month's instants: from its first moment, up to but not including the
/// next month's first moment, in the company's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthSpan {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl MonthSpan {
    /// Whether `at` falls in the month.
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.start <= at && at < self.end
    }

    /// Whether a time that may be missing falls in the month.
    pub fn holds(&self, at: Option<DateTime<Utc>>) -> bool {
        at.is_some_and(|t| self.contains(t))
    }
}

impl Month {
    /// The years a month may name: wide enough for history, narrow enough
    /// to catch a typo.
    pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

    /// Parses `YYYY-MM` (`2026-10`), naming the field `month` on error.
    pub fn parse(s: &str) -> Result<Month, ValidationErrors> {
        let parsed = s
            .split_once('-')
            .filter(|(y, m)| y.len() == 4 && m.len() == 2)
            .filter(|(y, m)| y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()))
            .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)))
            .filter(|(y, m)| Month::YEARS.contains(y) && (1..=12).contains(m));
        match parsed {
            Some((year, month)) => Ok(Month { year, month }),
            None => {
                let mut v = Validator::new();
                v.error(
                    "month",
                    "invalid_month",
                    format!(
                        "`{}` is not a month: write it as YYYY-MM, e.g. 2026-10, a year from 2000 to 2100",
                        s.chars().take(40).collect::<String>()
                    ),
                );
                Err(v.finish().expect_err("an error was recorded"))
            }
        }
    }

    /// The month that holds `at` in `zone`.
    pub fn of(at: DateTime<Utc>, zone: FixedOffset) -> Month {
        let local = at.with_timezone(&zone);
        Month {
            year: local.year(),
            month: local.month(),
        }
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn month(&self) -> u32 {
        self.month
    }

    /// The month after this one.
    pub fn next(&self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a parsed month has a first day")
    }

    /// The month's instants in `zone` (a fixed offset: China has no DST).
    pub fn span(&self, zone: FixedOffset) -> MonthSpan {
        let start_of = |m: Month| {
            zone.from_local_datetime(&m.first_day().and_hms_opt(0, 0, 0).expect("midnight"))
                .single()
                .expect("a fixed offset maps every local time once")
                .with_timezone(&Utc)
        };
        MonthSpan {
            start: start_of(*self),
            end: start_of(self.next()),
        }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beijing() -> FixedOffset {
        FixedOffset::east_opt(8 * 3600).unwrap()
    }

    #[test]
    fn a_month_is_parsed_from_year_dash_month_only() {
        let m = Month::parse("2026-10").unwrap();
        assert_eq!((m.year(), m.month()), (2026, 10));
        assert_eq!(m.to_string(), "2026-10");
        for bad in [
            "",
            "2026",
            "2026-13",
            "2026-00",
            "2026-1",
            "26-10",
            "2026/10",
            "2026-10-01",
            "1999-12",
            "2101-01",
            "+026-10",
            "２０２６-10",
        ] {
            let e = Month::parse(bad).unwrap_err();
            assert_eq!(e.fields(), vec!["month"], "{bad}");
        }
    }

    #[test]
    fn the_month_is_the_calendar_month_in_the_company_time_zone() {
        let span = Month::parse("2026-11").unwrap().span(beijing());
        assert_eq!(
            span.start,
            Utc.with_ymd_and_hms(2026, 10, 31, 16, 0, 0).unwrap()
        );
        assert_eq!(
            span.end,
            Utc.with_ymd_and_hms(2026, 11, 30, 16, 0, 0).unwrap()
        );
        // 07:00 on 1 November in Beijing is 23:00 UTC on 31 October: November.
        let early = Utc.with_ymd_and_hms(2026, 10, 31, 23, 0, 0).unwrap();
        assert!(span.contains(early));
        assert_eq!(Month::of(early, beijing()).to_string(), "2026-11");
        assert!(!span.contains(span.end));
        assert!(span.contains(span.start));
    }

    #[test]
    fn december_runs_into_january() {
        let span = Month::parse("2026-12").unwrap().span(beijing());
        assert_eq!(
            span.end,
            Utc.with_ymd_and_hms(2026, 12, 31, 16, 0, 0).unwrap()
        );
        assert_eq!(
            Month::parse("2026-12").unwrap().next().to_string(),
            "2027-01"
        );
    }
}
