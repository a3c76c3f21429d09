//! Reading one cell's text as a date, a number or a label, the way people
//! actually type them into Chinese spreadsheets.

use crate::master::MachineStatus;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::str::FromStr;

/// Day 0 of Excel's 1900 date system as it counts from 1900-03-01 on: Excel
/// believes 1900 was a leap year, so serials from 61 on are days since 1899-12-30.
const EXCEL_EPOCH: (i32, u32, u32) = (1899, 12, 30);
/// The first serial unaffected by Excel's phantom 1900-02-29.
const FIRST_SAFE_SERIAL: u64 = 61;
/// 9999-12-31, the last date Excel can show.
const LAST_SERIAL: u64 = 2_958_465;

/// Parses a date as spreadsheets give it: `2025-03-15`, `2025/3/15`,
/// `2025.3.15`, `2025年3月15日`, `20250315`, or an Excel serial day number
/// (`45731`, what an XLSX date cell holds). A time after the date is ignored.
pub fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    let s = raw.trim();
    // "2025-03-15 00:00:00" and "2025-03-15T08:00": the day is what counts.
    let day = s.split([' ', 'T']).next().unwrap_or(s);
    let bad = || format!("`{s}` is not a date; write it as YYYY-MM-DD (for example 2025-03-15)");
    // Digits only (with perhaps a fraction): `20250315` or an Excel serial.
    if day.chars().all(|c| c.is_ascii_digit() || c == '.')
        && let Some(d) = compact_or_serial(day)
    {
        return Ok(d);
    }
    let day = day
        .trim_end_matches('日')
        .replace(['年', '月', '/', '.'], "-");
    let mut parts = day.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return Err(bad());
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(bad());
    };
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("`{s}` is not a day of the calendar"))
}

/// `20250315`, or an Excel serial (`45731`, `45731.5`); `None` when neither.
fn compact_or_serial(s: &str) -> Option<NaiveDate> {
    if s.len() == 8 && !s.contains('.') {
        let (y, md) = s.split_at(4);
        let (m, d) = md.split_at(2);
        return NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    }
    let serial: f64 = s.parse().ok()?;
    let whole = serial.trunc() as u64;
    if !(FIRST_SAFE_SERIAL as f64..=LAST_SERIAL as f64 + 1.0).contains(&serial) {
        return None;
    }
    let (y, m, d) = EXCEL_EPOCH;
    NaiveDate::from_ymd_opt(y, m, d)?.checked_add_days(Days::new(whole))
}

/// Parses a whole number, accepting thousands separators (`1,200`) and a
/// zero fraction (`1200.0`, how some tools write integers).
pub fn parse_int(raw: &str) -> Result<i32, String> {
    let s: String = raw
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    if let Ok(n) = s.parse::<i32>() {
        return Ok(n);
    }
    match s.parse::<f64>() {
        Ok(f) if f.fract() == 0.0 && f.abs() <= i32::MAX as f64 => Ok(f as i32),
        _ => Err(format!("`{}` is not a whole number", raw.trim())),
    }
}

/// Parses a decimal number such as a latitude (`45.75`).
pub fn parse_decimal(raw: &str) -> Result<f64, String> {
    let s = raw.trim();
    s.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .ok_or_else(|| format!("`{s}` is not a number"))
}

/// A decimal as typed, with thousands separators (`1,200.5`) allowed.
fn exact_decimal(raw: &str) -> Option<Decimal> {
    let s: String = raw
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    Decimal::from_str(&s).ok()
}

/// Parses an amount of money in yuan (`12.50`, `1,200`, `¥35`) into fen:
/// at most 2 decimals, so no fen is lost to rounding.
pub fn parse_yuan_as_fen(raw: &str) -> Result<i64, String> {
    let s = raw.trim();
    let amount = s.trim_start_matches(['¥', '￥']).trim();
    let yuan = exact_decimal(amount)
        .ok_or_else(|| format!("`{s}` is not an amount in yuan (for example 12.50)"))?;
    if yuan.normalize().scale() > 2 {
        return Err(format!(
            "`{s}` has more than 2 decimals; amounts are in yuan to the fen"
        ));
    }
    (yuan * Decimal::ONE_HUNDRED)
        .to_i64()
        .ok_or_else(|| format!("`{s}` is too large"))
}

/// Parses a quantity (`5`, `2.5`, `1,000`) exactly, as a decimal; its range
/// and decimals are the input's own validation.
pub fn parse_quantity(raw: &str) -> Result<Decimal, String> {
    exact_decimal(raw).ok_or_else(|| format!("`{}` is not a number", raw.trim()))
}

/// Parses a machine status by its wire name or a Chinese label.
pub fn parse_machine_status(raw: &str) -> Option<MachineStatus> {
    let s = raw.trim();
    MachineStatus::parse(s).or(match s {
        "正常" | "正常使用" | "在用" | "使用中" => Some(MachineStatus::Operational),
        "维修中" | "在修" | "维修" => Some(MachineStatus::UnderRepair),
        "停用" | "报废" | "已报废" | "已停用" => Some(MachineStatus::Retired),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_are_read_in_every_spreadsheet_spelling() {
        for s in [
            "2025-03-15",
            "2025/3/15",
            "2025.3.15",
            "2025年3月15日",
            "20250315",
            " 2025-03-15 00:00:00 ",
            "2025-3-15T08:00",
        ] {
            assert_eq!(parse_date(s), Ok(d(2025, 3, 15)), "{s}");
        }
    }

    #[test]
    fn excel_serial_days_count_from_the_1900_system() {
        // 45731 is what Excel stores for 2025-03-15; a time of day is a fraction.
        assert_eq!(parse_date("45731"), Ok(d(2025, 3, 15)));
        assert_eq!(parse_date("45731.75"), Ok(d(2025, 3, 15)));
        assert_eq!(parse_date("61"), Ok(d(1900, 3, 1)));
    }

    #[test]
    fn impossible_or_ambiguous_dates_are_refused() {
        for s in [
            "2025-02-30",
            "15/03/2025",
            "3/15/2025",
            "yesterday",
            "2025-03",
            "12",
            "2025-003-15",
        ] {
            assert!(parse_date(s).is_err(), "{s}");
        }
    }

    #[test]
    fn whole_numbers_accept_separators_and_zero_fractions_only() {
        assert_eq!(parse_int("1,200"), Ok(1200));
        assert_eq!(parse_int(" 36 "), Ok(36));
        assert_eq!(parse_int("24.0"), Ok(24));
        assert!(parse_int("24.5").is_err());
        assert!(parse_int("两年").is_err());
    }

    #[test]
    fn decimals_refuse_text_and_infinity() {
        assert_eq!(parse_decimal("45.75"), Ok(45.75));
        assert!(parse_decimal("inf").is_err());
        assert!(parse_decimal("北纬45").is_err());
    }

    #[test]
    fn yuan_become_fen_without_rounding() {
        assert_eq!(parse_yuan_as_fen("12.50"), Ok(1250));
        assert_eq!(parse_yuan_as_fen("12.5"), Ok(1250));
        assert_eq!(parse_yuan_as_fen(" 1,200 "), Ok(120_000));
        assert_eq!(parse_yuan_as_fen("￥0.05"), Ok(5));
        assert_eq!(parse_yuan_as_fen("3.100"), Ok(310));
        assert!(parse_yuan_as_fen("12.345").is_err());
        assert!(parse_yuan_as_fen("十二元").is_err());
        // Negative amounts parse; the part's own validation refuses them.
        assert_eq!(parse_yuan_as_fen("-1"), Ok(-100));
    }

    #[test]
    fn quantities_are_exact_decimals() {
        assert_eq!(parse_quantity("2.5"), Ok(Decimal::new(25, 1)));
        assert_eq!(parse_quantity("1,000"), Ok(Decimal::new(1000, 0)));
        assert!(parse_quantity("五").is_err());
        assert!(parse_quantity("").is_err());
    }

    #[test]
    fn machine_status_reads_chinese_labels() {
        assert_eq!(
            parse_machine_status("维修中"),
            Some(MachineStatus::UnderRepair)
        );
        assert_eq!(
            parse_machine_status("retired"),
            Some(MachineStatus::Retired)
        );
        assert_eq!(parse_machine_status("丢了"), None);
    }
}
