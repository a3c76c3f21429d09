//! Dates and times as the company reads them: `2026-06-01 16:05` in the
//! company's time zone (the SLA settings' UTC offset, sent with `GET /me`),
//! wherever the browser is, so an engineer's phone set to another zone and
//! the office agree on every deadline.
//!
//! Formatting and parsing are written out with chrono's plain date types
//! rather than its formatter or a time-zone database, which would add tens
//! of kilobytes to the wasm.

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike, Utc,
};
use std::sync::atomic::{AtomicI32, Ordering};

/// The documented default of the SLA settings (China Standard Time), in
/// force until the signed-in user's `GET /me` answers.
const DEFAULT_OFFSET_MINUTES: i32 = 8 * 60;

static OFFSET_MINUTES: AtomicI32 = AtomicI32::new(DEFAULT_OFFSET_MINUTES);

/// Sets the company's time zone (minutes east of UTC), as `GET /me` names it.
/// An offset outside the world's (-12:00..+14:00) keeps the current one.
pub fn set_company_offset(minutes: i32) {
    if (-720..=840).contains(&minutes) {
        OFFSET_MINUTES.store(minutes, Ordering::Relaxed);
    }
}

fn zone() -> FixedOffset {
    FixedOffset::east_opt(OFFSET_MINUTES.load(Ordering::Relaxed) * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(DEFAULT_OFFSET_MINUTES * 60).unwrap_or(Utc.fix()))
}

fn wall(at: &DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&zone()).naive_local()
}

fn minutes_text(t: &NaiveDateTime, sep: char) -> String {
    format!(
        "{:04}-{:02}-{:02}{sep}{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// `2026-06-01 16:05` in the company's time zone.
pub fn local_minutes(at: &DateTime<Utc>) -> String {
    minutes_text(&wall(at), ' ')
}

/// The value of a `datetime-local` input (`2026-06-01T16:05`) in the
/// company's time zone.
pub fn to_input(at: &DateTime<Utc>) -> String {
    minutes_text(&wall(at), 'T')
}

/// Reads a `datetime-local` input's value (`YYYY-MM-DDTHH:MM`, seconds
/// allowed) as a time in the company's time zone; `None` when it is not one.
pub fn from_input(value: &str) -> Option<DateTime<Utc>> {
    let v = value.trim();
    let (day, time) = v.split_once('T')?;
    let mut d = day.splitn(3, '-').map(str::parse::<u32>);
    let (y, m, dd) = (d.next()?.ok()?, d.next()?.ok()?, d.next()?.ok()?);
    let mut t = time.splitn(3, ':');
    let (hh, mm) = (t.next()?, t.next()?);
    if day.len() != 10 || hh.len() != 2 || mm.len() != 2 {
        return None;
    }
    let sec = match t.next() {
        None => 0,
        Some(s) => s.split('.').next()?.parse::<u32>().ok()?,
    };
    let naive = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, dd)?.and_hms_opt(
        hh.parse().ok()?,
        mm.parse().ok()?,
        sec,
    )?;
    zone()
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// Today in the company's time zone.
pub fn today() -> NaiveDate {
    wall(&now()).date()
}

/// The browser's clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn times_read_in_the_company_zone_whatever_the_browser() {
        set_company_offset(480);
        assert_eq!(
            local_minutes(&at("2026-06-01T16:05:59Z")),
            "2026-06-02 00:05"
        );
        assert_eq!(to_input(&at("2026-12-31T16:00:00Z")), "2027-01-01T00:00");
        assert_eq!(
            from_input("2026-06-02T00:05"),
            Some(at("2026-06-01T16:05:00Z"))
        );
        assert_eq!(
            from_input("2026-06-02T00:05:30"),
            Some(at("2026-06-01T16:05:30Z"))
        );
        for bad in [
            "",
            "2026-06-02",
            "2026-06-02 00:05",
            "2026-13-02T00:05",
            "2026-6-2T0:5",
            "2026-02-30T10:00",
        ] {
            assert_eq!(from_input(bad), None, "{bad}");
        }
        // An impossible offset keeps the one in force.
        set_company_offset(10_000);
        assert_eq!(
            local_minutes(&at("2026-06-01T16:05:00Z")),
            "2026-06-02 00:05"
        );
        set_company_offset(-300);
        assert_eq!(
            local_minutes(&at("2026-06-01T03:00:00Z")),
            "2026-05-31 22:00"
        );
        assert_eq!(
            from_input(&to_input(&at("2026-06-01T03:00:00Z"))),
            Some(at("2026-06-01T03:00:00Z"))
        );
        set_company_offset(DEFAULT_OFFSET_MINUTES);
    }
}
