//! Importing the working-day calendar from a spreadsheet: one row per date
//! with its kind (holiday or make-up working day) and an optional name, as an
//! administrator copies it from the State Council's notice.
//!
//! Every year that appears in the file is replaced by the file's rows, so
//! importing a corrected file drops the dates it no longer lists; the other
//! years stay as they are. The import is all or nothing: one bad row and the
//! calendar is not changed.

use super::calendar::{
    CalendarDay, CalendarDayKind, CalendarYear, MAX_NAME_CHARS, WorkCalendar, YEARS,
};
use crate::import::{ImportAction, ImportCellError, ImportRowResult, parse_date};
use crate::problem::Problem;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The columns of a calendar file: the field name, then the headers it is
/// also recognised by (the first is the template's).
const COLUMNS: [(&str, &[&str], bool); 3] = [
    ("date", &["日期"], true),
    ("kind", &["类型"], true),
    ("name", &["名称", "节日"], false),
];

/// The answer to a calendar import: every row's outcome, and the calendar as
/// it is (applied) or would be (dry run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarImportReport {
    /// Nothing was written, by request.
    pub dry_run: bool,
    /// The calendar was saved (false for a dry run and for a file with errors).
    pub applied: bool,
    /// Data rows read (blank rows are skipped and not counted).
    pub total_rows: u32,
    /// Rows in error (a header problem counts as one, on row 1).
    pub errors_count: u32,
    /// The years the file replaces.
    pub years: Vec<i32>,
    /// Each row's outcome, keyed by its date: `create` for a date new to the
    /// calendar, `update` when its kind or name changes, `unchanged` otherwise.
    pub rows: Vec<ImportRowResult>,
    /// The calendar after the import (the current one when a row is in error).
    pub calendar: WorkCalendar,
    /// The calendar's version after the import (its `ETag`).
    pub version: i32,
}

/// The 422 answer of a real calendar import that had errors: a problem
/// document with the report attached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarImportProblem {
    #[serde(flatten)]
    pub problem: Problem,
    /// What each row would have done; nothing was written.
    pub report: CalendarImportReport,
}

/// One parsed row.
struct Entry {
    row: u32,
    date: NaiveDate,
    kind: CalendarDayKind,
    name: String,
}

fn norm(h: &str) -> String {
    h.trim().trim_start_matches('\u{feff}').to_lowercase()
}

/// Reads `holiday`/`workday` and their Chinese names (放假/休, 上班/班).
fn parse_kind(raw: &str) -> Option<CalendarDayKind> {
    match raw.trim().to_lowercase().as_str() {
        "holiday" | "放假" | "休" | "假" | "节假日" => Some(CalendarDayKind::Holiday),
        "workday" | "上班" | "班" | "调休上班" | "补班" => Some(CalendarDayKind::Workday),
        _ => None,
    }
}

fn error_row(row: u32, key: &str, errors: Vec<ImportCellError>) -> ImportRowResult {
    ImportRowResult {
        row,
        key: key.to_owned(),
        action: ImportAction::Error,
        errors,
    }
}

/// Imports `rows` (the first is the header; each is its spreadsheet row
/// number and its cells) into `current`. Answers the report with the new
/// calendar, or, when any row is in error, with `current` unchanged.
/// `dry_run`, `applied` and `version` are the caller's to set.
pub fn import_calendar(
    current: &WorkCalendar,
    rows: &[(u32, Vec<String>)],
) -> CalendarImportReport {
    let mut report = CalendarImportReport {
        dry_run: false,
        applied: false,
        total_rows: 0,
        errors_count: 0,
        years: vec![],
        rows: vec![],
        calendar: current.clone(),
        version: 0,
    };
    let Some(((header_row, header), data)) = rows.split_first() else {
        report.rows.push(error_row(
            1,
            "",
            vec![ImportCellError::new(
                "",
                "file",
                "empty",
                "the file has no rows",
            )],
        ));
        report.errors_count = 1;
        return report;
    };
    let mut index = BTreeMap::new();
    let mut header_errors = vec![];
    for (field, headers, required) in COLUMNS {
        let at = header.iter().position(|h| {
            let h = norm(h);
            h == field || headers.iter().any(|c| h == *c)
        });
        match at {
            Some(i) => {
                index.insert(field, i);
            }
            None if required => header_errors.push(ImportCellError::new(
                headers[0],
                field,
                "missing_column",
                format!("the file needs a `{}` ({field}) column", headers[0]),
            )),
            None => {}
        }
    }
    report.total_rows = u32::try_from(data.len()).unwrap_or(u32::MAX);
    if !header_errors.is_empty() {
        report.rows.push(error_row(*header_row, "", header_errors));
        report.errors_count = 1;
        return report;
    }
    let cell = |cells: &[String], field: &str| -> String {
        index
            .get(field)
            .and_then(|&i| cells.get(i))
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
    };

    let mut entries: Vec<Entry> = vec![];
    let mut seen = BTreeSet::new();
    for (number, cells) in data {
        let (raw_date, raw_kind, name) = (
            cell(cells, "date"),
            cell(cells, "kind"),
            cell(cells, "name"),
        );
        let mut errors = vec![];
        let date = match parse_date(&raw_date) {
            Ok(d) => Some(d),
            Err(message) => {
                errors.push(ImportCellError::new("日期", "date", "invalid", message));
                None
            }
        };
        let kind = parse_kind(&raw_kind);
        if kind.is_none() {
            errors.push(ImportCellError::new(
                "类型",
                "kind",
                "invalid",
                format!("`{raw_kind}` is not a kind: write holiday (放假) or workday (上班)"),
            ));
        }
        if name.chars().count() > MAX_NAME_CHARS {
            errors.push(ImportCellError::new(
                "名称",
                "name",
                "too_long",
                format!("a name has at most {MAX_NAME_CHARS} characters"),
            ));
        }
        if let Some(d) = date {
            if !YEARS.contains(&d.year()) {
                errors.push(ImportCellError::new(
                    "日期",
                    "date",
                    "out_of_range",
                    format!(
                        "the year must be between {} and {}",
                        YEARS.start(),
                        YEARS.end()
                    ),
                ));
            }
            if !seen.insert(d) {
                errors.push(ImportCellError::new(
                    "日期",
                    "date",
                    "duplicate",
                    format!("{d} is listed twice in the file"),
                ));
            }
            if kind == Some(CalendarDayKind::Workday)
                && !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
            {
                errors.push(ImportCellError::new(
                    "日期",
                    "date",
                    "not_weekend",
                    format!("{d} is a weekday: a make-up working day is a Saturday or Sunday"),
                ));
            }
        }
        match (date, kind, errors.is_empty()) {
            (Some(date), Some(kind), true) => entries.push(Entry {
                row: *number,
                date,
                kind,
                name,
            }),
            _ => report.rows.push(error_row(*number, &raw_date, errors)),
        }
    }
    report.errors_count = u32::try_from(report.rows.len()).unwrap_or(u32::MAX);

    let years: BTreeSet<i32> = entries.iter().map(|e| e.date.year()).collect();
    let mut next = current.clone();
    next.years.retain(|y| !years.contains(&y.year));
    for &year in &years {
        next.years.push(CalendarYear {
            year,
            holidays: vec![],
            workdays: vec![],
        });
    }
    for e in &entries {
        next.set_day(e.date, e.kind, &e.name);
        let before = current.year(e.date.year()).and_then(|y| {
            let find = |list: &[CalendarDay], kind| {
                list.iter()
                    .find(|d| d.date == e.date)
                    .map(|d| (kind, d.name.clone()))
            };
            find(&y.holidays, CalendarDayKind::Holiday)
                .or_else(|| find(&y.workdays, CalendarDayKind::Workday))
        });
        let action = match before {
            None => ImportAction::Create,
            Some((kind, name)) if kind == e.kind && name == e.name => ImportAction::Unchanged,
            Some(_) => ImportAction::Update,
        };
        report.rows.push(ImportRowResult {
            row: e.row,
            key: e.date.to_string(),
            action,
            errors: vec![],
        });
    }
    report.rows.sort_by_key(|r| r.row);
    next.years.sort_by_key(|y| y.year);
    report.years = years.into_iter().collect();
    if report.errors_count == 0 {
        report.calendar = next;
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<(u32, Vec<String>)> {
        lines
            .iter()
            .enumerate()
            .map(|(i, cells)| {
                (
                    i as u32 + 1,
                    cells.iter().map(|c| (*c).to_owned()).collect(),
                )
            })
            .collect()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_file_replaces_its_years_and_keeps_the_others() {
        let current = WorkCalendar::default();
        let r = import_calendar(
            &current,
            &rows(&[
                &["日期", "类型", "名称"],
                &["2027-01-01", "放假", "元旦"],
                &["2027/2/20", "上班", "春节"],
                &["2026-10-01", "holiday", "国庆节"],
            ]),
        );
        assert_eq!(r.errors_count, 0, "{:?}", r.rows);
        assert_eq!(r.years, vec![2026, 2027]);
        let actions: Vec<_> = r.rows.iter().map(|x| (x.row, x.action)).collect();
        assert_eq!(
            actions,
            vec![
                (2, ImportAction::Create),
                (3, ImportAction::Create),
                (4, ImportAction::Unchanged),
            ]
        );
        // 2026 now holds only the file's one date: Oct 2 is an ordinary Friday.
        assert_eq!(r.calendar.defined_years(), vec![2026, 2027]);
        assert!(!r.calendar.is_working_day(date(2026, 10, 1)));
        assert!(r.calendar.is_working_day(date(2026, 10, 2)));
        assert!(r.calendar.is_working_day(date(2027, 2, 20)));
        assert!(r.calendar.validate().is_ok());
    }

    #[test]
    fn english_headers_in_any_order_and_a_missing_name_column_are_read() {
        let r = import_calendar(
            &WorkCalendar { years: vec![] },
            &rows(&[&["Kind", "Date"], &["workday", "2027-02-20"]]),
        );
        assert_eq!(r.errors_count, 0, "{:?}", r.rows);
        assert_eq!(
            r.calendar.year(2027).unwrap().workdays[0].date,
            date(2027, 2, 20)
        );
    }

    #[test]
    fn bad_rows_are_reported_each_and_nothing_changes() {
        let current = WorkCalendar::default();
        let r = import_calendar(
            &current,
            &rows(&[
                &["date", "kind"],
                &["2027-13-01", "放假"],
                &["2027-01-01", "rest"],
                &["2027-01-04", "上班"],
                &["2027-01-02", "放假"],
                &["2027-01-02", "放假"],
                &["1999-01-02", "放假"],
            ]),
        );
        let errors: Vec<_> = r
            .rows
            .iter()
            .filter(|x| x.action == ImportAction::Error)
            .map(|x| (x.row, x.errors[0].code.as_str()))
            .collect();
        assert_eq!(
            errors,
            vec![
                (2, "invalid"),
                (3, "invalid"),
                (4, "not_weekend"),
                (6, "duplicate"),
                (7, "out_of_range"),
            ]
        );
        assert_eq!(r.errors_count, 5);
        assert_eq!(r.calendar, current);
    }

    #[test]
    fn a_file_without_a_kind_column_is_refused_on_its_header() {
        let r = import_calendar(
            &WorkCalendar::default(),
            &rows(&[&["日期", "名称"], &["2027-01-01", "元旦"]]),
        );
        assert_eq!(r.errors_count, 1);
        assert_eq!(r.rows[0].row, 1);
        assert_eq!(r.rows[0].errors[0].code, "missing_column");
        assert_eq!(r.rows[0].errors[0].field, "kind");
    }

    #[test]
    fn a_date_changing_kind_or_name_is_an_update() {
        let r = import_calendar(
            &WorkCalendar::default(),
            &rows(&[
                &["日期", "类型", "名称"],
                &["2026-10-10", "放假", "国庆节"],
                &["2026-10-01", "放假", "国庆"],
            ]),
        );
        assert!(r.rows.iter().all(|x| x.action == ImportAction::Update));
        assert!(!r.calendar.is_working_day(date(2026, 10, 10)));
    }
}
