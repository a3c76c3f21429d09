//! Dates and times as office users read them: local time, minutes.
//!
//! Formatting goes through the browser's `Date` rather than chrono's
//! formatter and time-zone code, which would add tens of kilobytes to the wasm.

use chrono::{DateTime, Utc};
use wasm_bindgen::JsValue;

/// `2026-06-01 16:05` in the browser's time zone.
pub fn local_minutes(at: &DateTime<Utc>) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}
