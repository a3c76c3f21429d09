//! The working-day calendar (工作日历): per year, the public holidays (放假)
//! and the make-up working days (调休上班) every working-day clock counts
//! with. A year not listed counts Monday to Friday, so the page says which
//! years are defined and warns when this year or the next is not. Checked
//! here with the domain's own rules before sending; the server's 422 lands on
//! the same fields, a 412 offers Reload.

use super::frame::{SettingFormProps, setting_field_id, use_setting_form, use_setting_page};
use crate::components::form::FieldErrors;
use crate::components::form::{DateKind, TextFieldProps, date_field, save_button, text_field};
use crate::components::{NoticeKind, NoticeProps, notice};
use crate::hooks::{I18n, use_i18n};
use crate::i18n::home::H;
use crate::time::{day_text, parse_day};
use chrono::Datelike;
use furrow_domain::FieldError;
use furrow_domain::service::calendar::{CalendarDay, CalendarYear, WorkCalendar};
use yew::prelude::*;

/// One date as typed.
#[derive(Debug, Clone, Default, PartialEq)]
struct Day {
    date: String,
    name: String,
}

/// One year as typed.
#[derive(Debug, Clone, Default, PartialEq)]
struct Year {
    year: String,
    holidays: Vec<Day>,
    workdays: Vec<Day>,
}

/// Which list of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Holidays,
    Workdays,
}

impl List {
    fn key(self) -> &'static str {
        match self {
            List::Holidays => "holidays",
            List::Workdays => "workdays",
        }
    }

    fn of(self, y: &mut Year) -> &mut Vec<Day> {
        match self {
            List::Holidays => &mut y.holidays,
            List::Workdays => &mut y.workdays,
        }
    }
}

fn days_text(days: &[CalendarDay]) -> Vec<Day> {
    days.iter()
        .map(|d| Day {
            date: day_text(d.date),
            name: d.name.clone(),
        })
        .collect()
}

fn from_calendar(c: &WorkCalendar) -> Vec<Year> {
    c.years
        .iter()
        .map(|y| Year {
            year: y.year.to_string(),
            holidays: days_text(&y.holidays),
            workdays: days_text(&y.workdays),
        })
        .collect()
}

/// The calendar to save, or the fields to fix: years and dates that do not
/// parse, then the domain's own checks (the server runs the same ones).
fn to_calendar(draft: &[Year]) -> Result<WorkCalendar, FieldErrors> {
    let mut bad = Vec::new();
    let mut years = Vec::new();
    for (i, y) in draft.iter().enumerate() {
        let year = y.year.trim().parse().unwrap_or_else(|_| {
            bad.push(FieldError {
                field: format!("years[{i}].year"),
                code: "not_a_number".into(),
                message: "enter a whole number".into(),
            });
            0
        });
        let mut list = |kind: List, days: &[Day]| -> Vec<CalendarDay> {
            days.iter()
                .enumerate()
                .filter_map(|(j, d)| {
                    let field = format!("years[{i}].{}[{j}].date", kind.key());
                    let date = parse_day(&d.date);
                    if date.is_none() {
                        bad.push(DateKind::Day.refusal(field));
                    }
                    date.map(|date| CalendarDay {
                        date,
                        name: d.name.trim().to_owned(),
                    })
                })
                .collect()
        };
        let holidays = list(List::Holidays, &y.holidays);
        let workdays = list(List::Workdays, &y.workdays);
        years.push(CalendarYear {
            year,
            holidays,
            workdays,
        });
    }
    if !bad.is_empty() {
        return Err(FieldErrors(bad));
    }
    let c = WorkCalendar { years };
    c.validate().map_err(FieldErrors::from)?;
    Ok(c)
}

/// The fields the form has, for errors that have no place in it.
const FIELDS: &[&str] = &["years["];

/// An element id (and test id) for a field name:
/// `years[0].workdays[1].date` -> `calendar-years-0-workdays-1-date`.
fn field_id(field: &str) -> String {
    setting_field_id("calendar", field)
}

/// The calendar's own refusals in the user's language; the others as the
/// shared form shows them.
fn error_text(i18n: &I18n, errors: &FieldErrors, field: &str) -> Option<AttrValue> {
    let e = errors.0.iter().find(|e| e.field == field)?;
    let own = match e.code.as_str() {
        "both" => Some(H::CalErrBoth),
        "not_weekend" => Some(H::CalErrNotWeekend),
        "outside_year" => Some(H::CalErrOutsideYear),
        "duplicate" => Some(H::CalErrDuplicate),
        _ => None,
    };
    match own {
        Some(h) => Some(AttrValue::from(i18n.h(h))),
        None => errors.text(i18n, field),
    }
}

#[function_component(CalendarForm)]
fn calendar_form(props: &SettingFormProps<WorkCalendar>) -> Html {
    let i18n = use_i18n();
    let (form, onsubmit) = use_setting_form(props, from_calendar, |d| to_calendar(d));
    let draft = &*form.draft;
    let busy = *form.busy;
    let err = |f: &str| error_text(&i18n, &form.errors, f);

    let day_rows = |i: usize, kind: List, days: &[Day]| {
        let rows = days.iter().enumerate().map(|(j, d)| {
            let base = format!("years[{i}].{}[{j}]", kind.key());
            let (date_field_name, name_field) = (format!("{base}.date"), format!("{base}.name"));
            let set_date = form.change(move |dr: &mut Vec<Year>, v: String| {
                kind.of(&mut dr[i])[j].date = v;
            });
            let set_name = form.change(move |dr: &mut Vec<Year>, v: String| {
                kind.of(&mut dr[i])[j].name = v;
            });
            let remove = form.change(move |dr: &mut Vec<Year>, _: MouseEvent| {
                kind.of(&mut dr[i]).remove(j);
            });
            let remove_id = format!("{}-remove", field_id(&base));
            html! {
                <li class="calendar-day" key={j}>
                    <div class="form-grid">
                        { date_field(&i18n, &yew::props!(TextFieldProps { id: field_id(&date_field_name), label: i18n.h(H::CalDate), value: d.date.clone(), oninput: set_date, error: err(&date_field_name), required: true }), DateKind::Day) }
                        { text_field(&i18n, &yew::props!(TextFieldProps { id: field_id(&name_field), label: i18n.h(H::CalName), value: d.name.clone(), oninput: set_name, error: err(&name_field), optional: true })) }
                    </div>
                    <button type="button" class="btn btn-small btn-ghost" data-testid={remove_id} onclick={remove}>
                        { i18n.h(H::RemoveSeason) }
                    </button>
                </li>
            }
        });
        let add = form.change(move |dr: &mut Vec<Year>, _: MouseEvent| {
            kind.of(&mut dr[i]).push(Day::default());
        });
        let (title, hint, add_label) = match kind {
            List::Holidays => (H::CalHolidays, H::CalHolidaysHint, H::CalAddHoliday),
            List::Workdays => (H::CalWorkdays, H::CalWorkdaysHint, H::CalAddWorkday),
        };
        html! {
            <fieldset class="field-group" data-testid={format!("calendar-year-{i}-{}", kind.key())}>
                <legend>{ i18n.h(title) }</legend>
                <p class="hint">{ i18n.h(hint) }</p>
                <ol class="calendar-days">{ for rows }</ol>
                <button type="button" class="btn btn-small" data-testid={format!("calendar-year-{i}-add-{}", kind.key())} onclick={add}>
                    { i18n.h(add_label) }
                </button>
            </fieldset>
        }
    };

    let years = draft.iter().enumerate().map(|(i, y)| {
        let field = format!("years[{i}].year");
        let set_year = form.change(move |dr: &mut Vec<Year>, v: String| dr[i].year = v);
        let remove = form.change(move |dr: &mut Vec<Year>, _: MouseEvent| {
            dr.remove(i);
        });
        html! {
            <li class="calendar-year panel" key={i} data-testid={format!("calendar-year-{i}")}>
                <div class="form-grid">
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: field_id(&field), label: i18n.h(H::CalYear), kind: "number", value: y.year.clone(), oninput: set_year, error: err(&field), required: true })) }
                </div>
                { day_rows(i, List::Holidays, &y.holidays) }
                { day_rows(i, List::Workdays, &y.workdays) }
                <button type="button" class="btn btn-small btn-ghost" data-testid={format!("calendar-year-{i}-remove")} onclick={remove}>
                    { i18n.h(H::CalRemoveYear) }
                </button>
            </li>
        }
    });
    let add_year = form.change(|dr: &mut Vec<Year>, _: MouseEvent| {
        // The year after the last one listed, or this year.
        let next = dr
            .iter()
            .filter_map(|y| y.year.trim().parse::<i32>().ok())
            .max()
            .map_or(crate::time::today().year(), |y| y + 1);
        dr.push(Year {
            year: next.to_string(),
            ..Year::default()
        });
    });

    html! {
        <form class="form" {onsubmit} novalidate=true data-testid="calendar-form">
            { form.failure_banner(&i18n, FIELDS, &props.on_reload, "calendar-save-error") }
            <ol class="calendar-years">{ for years }</ol>
            <button type="button" class="btn btn-small" data-testid="calendar-add-year" onclick={add_year}>
                { i18n.h(H::CalAddYear) }
            </button>
            { save_button(&i18n, busy, i18n.h(H::SaveSettings), "calendar-save") }
        </form>
    }
}

/// Which years are defined, and a warning for this year or the next when not.
fn coverage(i18n: &I18n, calendar: &WorkCalendar) -> Html {
    let defined = calendar.defined_years();
    let listed = defined
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let this_year = crate::time::today().year();
    let missing: Vec<String> = [this_year, this_year + 1]
        .into_iter()
        .filter(|y| !defined.contains(y))
        .map(|y| y.to_string())
        .collect();
    html! {
        <>
            <p class="muted" data-testid="calendar-defined-years">
                { i18n.hf(H::CalDefinedYears, &[if listed.is_empty() { "—" } else { &listed }]) }
            </p>
            if !missing.is_empty() {
                { notice(&yew::props!(NoticeProps { kind: NoticeKind::Warning, text: i18n.hf(H::CalYearMissing, &[&missing.join(", ")]), testid: "calendar-missing-years" })) }
            }
        </>
    }
}

#[function_component(CalendarSettingsPage)]
pub fn calendar_settings_page() -> Html {
    let texts = (H::SettingCalendar, H::CalIntro);
    use_setting_page::<CalendarForm, _>(texts, coverage)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_calendar_round_trips_through_the_form() {
        let c = WorkCalendar::default();
        assert_eq!(to_calendar(&from_calendar(&c)).unwrap(), c);
    }

    #[test]
    fn a_date_that_is_not_one_and_a_weekday_make_up_day_land_on_their_fields() {
        let mut draft = from_calendar(&WorkCalendar::default());
        draft[0].holidays[0].date = "2026-13-01".into();
        let errors = to_calendar(&draft).unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["years[0].holidays[0].date"]);
        assert_eq!(errors.0[0].code, "not_a_date");
        draft[0].holidays[0].date = "01/01/2026".into();
        assert_eq!(to_calendar(&draft).unwrap_err().0[0].code, "not_a_date");
        draft[0].holidays[0].date = "2026-01-01".into();
        draft[0].workdays.push(Day {
            date: "2026-11-16".into(),
            name: String::new(),
        });
        let errors = to_calendar(&draft).unwrap_err();
        assert_eq!(errors.0[0].field, "years[0].workdays[6].date");
        assert_eq!(errors.0[0].code, "not_weekend");
        assert_eq!(
            field_id("years[0].workdays[6].date"),
            "calendar-years-0-workdays-6-date"
        );
    }
}
