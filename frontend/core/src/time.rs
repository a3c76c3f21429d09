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

/// `2026-06-01 16:05` in the company's time zone.
pub fn local_minutes(at: &DateTime<Utc>) -> String {
    let t = wall(at);
    format!("{} {:02}:{:02}", day_text(t.date()), t.hour(), t.minute())
}

/// The pattern a typed day follows, also the field's placeholder.
pub const DAY_PATTERN: &str = "YYYY-MM-DD";
/// The pattern a typed time follows, also the field's placeholder.
pub const MINUTE_PATTERN: &str = "YYYY-MM-DD HH:mm";
/// The same patterns for the input's `pattern` attribute.
pub const DAY_REGEX: &str = r"\d{4}-\d{2}-\d{2}";
pub const MINUTE_REGEX: &str = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}";

/// A day as Chinese users write it: `2026-06-01`.
pub fn day_text(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Reads a typed day, strictly `YYYY-MM-DD` (`2026-6-1` and `01/06/2026`
/// are refused, so what is saved is what the field shows); `None` when it
/// is not one or not a day of the calendar.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) {
        return None;
    }
    if !digits(5..7) || !digits(8..10) {
        return None;
    }
    // By hand: chrono's format parser would add kilobytes to the wasm for one pattern.
    NaiveDate::from_ymd_opt(
        t[..4].parse().ok()?,
        t[5..7].parse().ok()?,
        t[8..].parse().ok()?,
    )
}

/// A time as a text field shows it (`2026-06-01 16:05`) in the company's
/// time zone.
pub fn to_input(at: &DateTime<Utc>) -> String {
    local_minutes(at)
}

/// Reads a typed time (`YYYY-MM-DD HH:mm`; a `T` for the space and seconds
/// are taken too) as a time in the company's time zone; `None` when it is
/// not one.
pub fn from_input(value: &str) -> Option<DateTime<Utc>> {
    let v = value.trim();
    let (day, time) = v.split_once(['T', ' '])?;
    let day = parse_day(day)?;
    let mut t = time.trim_start().splitn(3, ':');
    let (hh, mm) = (t.next()?, t.next()?);
    if hh.len() != 2 || mm.len() != 2 {
        return None;
    }
    let sec = match t.next() {
        None => 0,
        Some(s) => s.split('.').next()?.parse::<u32>().ok()?,
    };
    let naive = day.and_hms_opt(hh.parse().ok()?, mm.parse().ok()?, sec)?;
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
        assert_eq!(to_input(&at("2026-12-31T16:00:00Z")), "2027-01-01 00:00");
        assert_eq!(
            from_input("2026-06-02T00:05"),
            Some(at("2026-06-01T16:05:00Z"))
        );
        assert_eq!(
            from_input("2026-06-02T00:05:30"),
            Some(at("2026-06-01T16:05:30Z"))
        );
        assert_eq!(
            from_input(" 2026-06-02 00:05 "),
            Some(at("2026-06-01T16:05:00Z"))
        );
        for bad in [
            "",
            "2026-06-02",
            "2026-13-02T00:05",
            "2026/06/02 00:05",
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

    #[test]
    fn a_day_is_typed_as_chinese_users_write_it_and_nothing_else() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert_eq!(day_text(d), "2026-01-05");
        assert_eq!(parse_day(" 2026-01-05 "), Some(d));
        assert_eq!(parse_day(&day_text(d)), Some(d));
        for bad in [
            "",
            "01/05/2026",
            "2026/01/05",
            "2026-1-5",
            "2026-01-5",
            "+2026-01-05",
            "2026-02-30",
            "2026-13-01",
            "2026-01-05 10:00",
            "２０２６-01-05",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }
}
