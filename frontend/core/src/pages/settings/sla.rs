//! The SLA settings (服务时限与农忙季节): first-contact and arrival targets by
//! priority, the busy farming seasons, the harvest-critical machines, the
//! three-guarantees repair days, follow-up days, the due-soon window and the
//! company's time zone. Checked here with the domain's own rules before
//! sending; the server's 422 lands on the same fields, a 412 offers Reload.

use super::frame::{SettingFormProps, setting_field_id, use_setting_form, use_setting_page};
use crate::components::form::FieldErrors;
use crate::components::form::{
    Choice, SelectFieldProps, TextFieldProps, check_box, check_grid, check_label, save_button,
    select_field, text_field,
};
use crate::hooks::{I18n, use_i18n};
use crate::i18n::Lang;
use crate::i18n::home::H;
use crate::i18n::master::machine_category;
use crate::i18n::service::priority;
use furrow_domain::FieldError;
use furrow_domain::division::Division;
use furrow_domain::master::MachineCategory;
use furrow_domain::service::Priority;
use furrow_domain::service::sla::{BusySeason, PriorityHours, SlaSettings};
use furrow_domain::service::working_hours::WorkingHours;
use yew::prelude::*;

const PRIORITIES: [(Priority, &str); 4] = [
    (Priority::Critical, "critical"),
    (Priority::High, "high"),
    (Priority::Normal, "normal"),
    (Priority::Low, "low"),
];

/// One busy season as typed.
#[derive(Debug, Clone, Default, PartialEq)]
struct Season {
    name: String,
    /// The division's six-digit code, empty for every region, or the text of
    /// a region stored before codes that names no division (the server
    /// refuses it, so it must be chosen again).
    region: String,
    start: String,
    end: String,
    categories: Vec<MachineCategory>,
}

/// The form as typed: numbers stay text until saved.
#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    first_contact: [String; 4],
    arrival: [String; 4],
    seasons: Vec<Season>,
    critical: Vec<MachineCategory>,
    main_part_days: String,
    wear_part_days: String,
    working_days: String,
    follow_up_days: String,
    due_soon_hours: String,
    utc_offset_minutes: String,
    hours: WorkingHours,
}

fn hours_text(h: &PriorityHours) -> [String; 4] {
    PRIORITIES.map(|(p, _)| h.get(p).to_string())
}

impl From<&SlaSettings> for Draft {
    fn from(s: &SlaSettings) -> Self {
        Draft {
            first_contact: hours_text(&s.first_contact_hours),
            arrival: hours_text(&s.arrival_hours),
            seasons: s
                .busy_seasons
                .iter()
                .map(|b| Season {
                    name: b.name.clone(),
                    region: b
                        .division
                        .map(|d| d.to_string())
                        .or_else(|| b.region.clone())
                        .unwrap_or_default(),
                    start: b.start.clone(),
                    end: b.end.clone(),
                    categories: b.categories.clone(),
                })
                .collect(),
            critical: s.harvest_critical_categories.clone(),
            main_part_days: s.sanbao_main_part_days.to_string(),
            wear_part_days: s.sanbao_wear_part_days.to_string(),
            working_days: s.sanbao_working_days.to_string(),
            follow_up_days: s.follow_up_days.to_string(),
            due_soon_hours: s.due_soon_hours.to_string(),
            utc_offset_minutes: s.utc_offset_minutes.to_string(),
            hours: s.working_hours.clone(),
        }
    }
}

/// Reads whole numbers, noting each field that is not one.
struct Numbers(Vec<FieldError>);

impl Numbers {
    fn read<N: std::str::FromStr + Default>(&mut self, field: &str, text: &str) -> N {
        text.trim().parse().unwrap_or_else(|_| {
            self.0.push(FieldError {
                field: field.into(),
                code: "not_a_number".into(),
                message: "enter a whole number".into(),
            });
            N::default()
        })
    }

    fn hours(&mut self, name: &str, texts: &[String; 4]) -> PriorityHours {
        let [c, h, n, l] = [0, 1, 2, 3].map(|i| {
            let (_, p) = PRIORITIES[i];
            self.read(&format!("{name}.{p}"), &texts[i])
        });
        PriorityHours {
            critical: c,
            high: h,
            normal: n,
            low: l,
        }
    }
}

impl Draft {
    /// The document to save, or the fields to fix: not numbers, then the
    /// domain's own checks (the server runs the same ones).
    fn settings(&self) -> Result<SlaSettings, FieldErrors> {
        let mut n = Numbers(Vec::new());
        let s = SlaSettings {
            first_contact_hours: n.hours("first_contact_hours", &self.first_contact),
            arrival_hours: n.hours("arrival_hours", &self.arrival),
            busy_seasons: self
                .seasons
                .iter()
                .map(|s| {
                    // A six-digit code is the division; any other text goes
                    // as a region name for the domain to resolve or refuse.
                    let place = s.region.trim();
                    let division = Division::from_code(place).filter(|_| place.len() == 6);
                    BusySeason {
                        name: s.name.trim().to_owned(),
                        division,
                        region: Some(place.to_owned())
                            .filter(|r| !r.is_empty() && division.is_none()),
                        categories: s.categories.clone(),
                        start: s.start.trim().to_owned(),
                        end: s.end.trim().to_owned(),
                    }
                })
                .collect(),
            harvest_critical_categories: self.critical.clone(),
            sanbao_main_part_days: n.read("sanbao_main_part_days", &self.main_part_days),
            sanbao_wear_part_days: n.read("sanbao_wear_part_days", &self.wear_part_days),
            sanbao_working_days: n.read("sanbao_working_days", &self.working_days),
            follow_up_days: n.read("follow_up_days", &self.follow_up_days),
            due_soon_hours: n.read("due_soon_hours", &self.due_soon_hours),
            utc_offset_minutes: n.read("utc_offset_minutes", &self.utc_offset_minutes),
            working_hours: {
                // Empty season times follow the ordinary day.
                let h = &self.hours;
                let time = |t: &Option<String>| {
                    t.as_deref()
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(str::to_owned)
                };
                WorkingHours {
                    start: h.start.trim().to_owned(),
                    end: h.end.trim().to_owned(),
                    season_start: time(&h.season_start),
                    season_end: time(&h.season_end),
                    ..h.clone()
                }
            },
        };
        if !n.0.is_empty() {
            return Err(FieldErrors(n.0));
        }
        s.validate().map_err(FieldErrors::from)?;
        Ok(s)
    }
}

/// A division's name in the interface language: the official Chinese name,
/// or the English one; a prefecture with its province.
fn division_label(lang: Lang, d: Division) -> String {
    let (Some(n), province) = (d.named(), d.province().named()) else {
        return d.to_string();
    };
    match (lang, province.filter(|p| p.code != d)) {
        (Lang::ZhCn, None) => n.name.to_owned(),
        (Lang::ZhCn, Some(p)) => format!("{}（{}）", n.name, p.short),
        (Lang::En, None) => n.english.to_owned(),
        (Lang::En, Some(p)) => format!("{} ({})", n.english, p.english),
    }
}

/// The region choices: every region, then the domain's table (provinces,
/// each followed by its named prefectures); a current value the table does
/// not name is kept as a choice of its own, marked, rather than shown as
/// "every region".
fn region_choices(i18n: &I18n, current: &str) -> Vec<Choice> {
    let mut choices = vec![Choice::new("", i18n.h(H::EveryRegion))];
    choices.extend(
        Division::choices()
            .into_iter()
            .map(|n| Choice::new(n.code.to_string(), division_label(i18n.lang, n.code))),
    );
    if !current.is_empty() && !choices.iter().any(|c| c.value == current) {
        let label = match Division::from_code(current) {
            Some(d) if current.len() == 6 => division_label(i18n.lang, d),
            _ => format!("{current}{}", i18n.h(H::UnrecognisedRegion)),
        };
        choices.push(Choice::new(current.to_owned(), label));
    }
    choices
}

/// The fields the form has, for errors that have no place in it.
const FIELDS: &[&str] = &[
    "first_contact_hours.critical",
    "first_contact_hours.high",
    "first_contact_hours.normal",
    "first_contact_hours.low",
    "arrival_hours.critical",
    "arrival_hours.high",
    "arrival_hours.normal",
    "arrival_hours.low",
    "busy_seasons[",
    "sanbao_main_part_days",
    "sanbao_wear_part_days",
    "sanbao_working_days",
    "follow_up_days",
    "due_soon_hours",
    "utc_offset_minutes",
    "working_hours.",
];

/// An element id (and test id) for a field name: `busy_seasons[0].start` ->
/// `sla-busy_seasons-0-start`.
fn field_id(field: &str) -> String {
    setting_field_id("sla", field)
}

#[function_component(SlaForm)]
fn sla_form(props: &SettingFormProps<SlaSettings>) -> Html {
    let i18n = use_i18n();
    let (form, onsubmit) = use_setting_form(props, |s| Draft::from(s), Draft::settings);
    let draft = &*form.draft;
    let busy = *form.busy;
    let err = |f: &str| form.err(&i18n, f);

    let number = |field: &'static str,
                  label: String,
                  value: &str,
                  set: fn(&mut Draft, String),
                  hint: Option<&str>| {
        let id = field_id(field);
        html! {
            { text_field(&i18n, &yew::props!(TextFieldProps { id, label, kind: "number", value: value.to_owned(), oninput: form.edit(set), error: err(field), hint: hint.map(|h| AttrValue::from(h.to_owned())), required: true })) }
        }
    };

    let hours_row = |name: &'static str, title: H, arrival: bool| {
        let cells = PRIORITIES.iter().enumerate().map(|(i, (p, key))| {
            let field = format!("{name}.{key}");
            let value = if arrival {
                draft.arrival[i].clone()
            } else {
                draft.first_contact[i].clone()
            };
            let oninput = form.change(move |d: &mut Draft, v: String| {
                if arrival {
                    d.arrival[i] = v;
                } else {
                    d.first_contact[i] = v;
                }
            });
            html! {
                { text_field(&i18n, &yew::props!(TextFieldProps { id: field_id(&field), label: priority(*p, i18n.lang), kind: "number", value, oninput, error: err(&field), required: true })) }
            }
        });
        html! {
            <fieldset class="field-group" data-testid={format!("sla-{name}")}>
                <legend>{ i18n.h(title) }</legend>
                <p class="hint">{ i18n.h(H::HoursHint) }</p>
                <div class="form-grid form-grid-4">{ for cells }</div>
            </fieldset>
        }
    };

    let categories = |prefix: String, chosen: &[MachineCategory], onchange| {
        let item = |c: MachineCategory| (c.as_str(), i18n.m(machine_category(c)).to_owned());
        check_grid(&prefix, MachineCategory::ALL, chosen, item, &onchange)
    };

    let seasons = draft.seasons.iter().enumerate().map(|(i, s)| {
        let f = |name: &str| format!("busy_seasons[{i}].{name}");
        let text = |name: &'static str, label: H, value: &str, set: fn(&mut Season, String), hint: Option<H>| {
            let field = f(name);
            let oninput = form.change(move |d: &mut Draft, v: String| set(&mut d.seasons[i], v));
            html! {
                { text_field(&i18n, &yew::props!(TextFieldProps { id: field_id(&field), label: i18n.h(label), value: value.to_owned(), oninput, error: err(&field), hint: hint.map(|h| AttrValue::from(i18n.h(h))), required: true })) }
            }
        };
        let pick = form.change(move |d: &mut Draft, v| d.seasons[i].categories = v);
        let region = {
            let field = f("region");
            let onchange = form.change(move |d: &mut Draft, v: String| d.seasons[i].region = v);
            let choices = region_choices(&i18n, &s.region);
            html! {
                { select_field(&i18n, &yew::props!(SelectFieldProps { id: field_id(&field), label: i18n.h(H::SeasonRegion), value: s.region.clone(), choices, onchange, error: err(&field), hint: AttrValue::from(i18n.h(H::SeasonRegionHint)), optional: true })) }
            }
        };
        let remove = form.change(move |d: &mut Draft, _: MouseEvent| {
            d.seasons.remove(i);
        });
        html! {
            <li class="season" key={i} data-testid={format!("sla-season-{i}")}>
                <div class="form-grid">
                    { text("name", H::SeasonName, &s.name, |s, v| s.name = v, None) }
                    { region }
                    { text("start", H::SeasonStart, &s.start, |s, v| s.start = v, None) }
                    { text("end", H::SeasonEnd, &s.end, |s, v| s.end = v, None) }
                </div>
                <fieldset class="field">
                    <legend>{ i18n.h(H::SeasonCategories) }</legend>
                    <p class="hint">{ i18n.h(H::SeasonCategoriesHint) }</p>
                    { categories(format!("sla-season-{i}-category"), &s.categories, pick) }
                </fieldset>
                <button type="button" class="btn btn-small btn-ghost" data-testid={format!("sla-season-{i}-remove")}
                        onclick={remove}>{ i18n.h(H::RemoveSeason) }</button>
            </li>
        }
    });
    let add_season = form.change(|d: &mut Draft, _: MouseEvent| d.seasons.push(Season::default()));
    let pick_critical = form.change(|d: &mut Draft, v| d.critical = v);

    let working_hours = {
        let h = &draft.hours;
        let time = |name: &'static str,
                    label: H,
                    value: String,
                    set: fn(&mut WorkingHours, String)| {
            let field = format!("working_hours.{name}");
            let oninput = form.change(move |d: &mut Draft, v: String| set(&mut d.hours, v));
            html! {
                { text_field(&i18n, &yew::props!(TextFieldProps { id: field_id(&field), label: i18n.h(label), value, oninput, error: err(&field), placeholder: AttrValue::from("08:00") })) }
            }
        };
        let check = |name: &str, label: H, on: bool, set: fn(&mut WorkingHours, bool)| {
            let onchange = form.change(move |d: &mut Draft, on| set(&mut d.hours, on));
            check_box(
                &field_id(&format!("working_hours.{name}")),
                check_label(i18n.h(label)),
                on,
                onchange,
            )
        };
        html! {
            <fieldset class="field-group" data-testid="sla-working-hours">
                <legend>{ i18n.h(H::WorkingHours) }</legend>
                <p class="hint">{ i18n.h(H::WorkingHoursHint) }</p>
                { check("enabled", H::WorkingHoursEnabled, h.enabled, |h, on| h.enabled = on) }
                <div class="form-grid form-grid-4">
                    { time("start", H::WorkdayStart, h.start.clone(), |h, v| h.start = v) }
                    { time("end", H::WorkdayEnd, h.end.clone(), |h, v| h.end = v) }
                    { time("season_start", H::SeasonDayStart, h.season_start.clone().unwrap_or_default(), |h, v| h.season_start = Some(v)) }
                    { time("season_end", H::SeasonDayEnd, h.season_end.clone().unwrap_or_default(), |h, v| h.season_end = Some(v)) }
                </div>
                { check("season_every_day", H::SeasonEveryDay, h.season_every_day, |h, on| h.season_every_day = on) }
            </fieldset>
        }
    };

    html! {
        <form class="panel form" {onsubmit} novalidate=true data-testid="sla-form">
            { form.failure_banner(&i18n, FIELDS, &props.on_reload, "sla-save-error") }
            { hours_row("first_contact_hours", H::FirstContactHours, false) }
            { hours_row("arrival_hours", H::ArrivalHours, true) }
            { working_hours }
            <fieldset class="field-group" data-testid="sla-busy-seasons">
                <legend>{ i18n.h(H::BusySeasons) }</legend>
                <p class="hint">{ i18n.h(H::BusySeasonsHint) }</p>
                if draft.seasons.is_empty() {
                    <p class="muted">{ i18n.h(H::NoSeasons) }</p>
                }
                <ol class="season-list">{ for seasons }</ol>
                <button type="button" class="btn btn-small" data-testid="sla-add-season" onclick={add_season}>
                    { i18n.h(H::AddSeason) }
                </button>
            </fieldset>
            <fieldset class="field-group">
                <legend>{ i18n.h(H::HarvestCritical) }</legend>
                { categories("sla-critical".into(), &draft.critical, pick_critical) }
            </fieldset>
            <fieldset class="field-group">
                <legend>{ i18n.h(H::Sanbao) }</legend>
                <div class="form-grid">
                    { number("sanbao_main_part_days", i18n.h(H::SanbaoMainPart).into(), &draft.main_part_days, |d, v| d.main_part_days = v, None) }
                    { number("sanbao_wear_part_days", i18n.h(H::SanbaoWearPart).into(), &draft.wear_part_days, |d, v| d.wear_part_days = v, None) }
                    { number("sanbao_working_days", i18n.h(H::SanbaoWorking).into(), &draft.working_days, |d, v| d.working_days = v, None) }
                </div>
            </fieldset>
            <fieldset class="field-group">
                <legend>{ i18n.h(H::Other) }</legend>
                <div class="form-grid">
                    { number("follow_up_days", i18n.h(H::FollowUpDays).into(), &draft.follow_up_days, |d, v| d.follow_up_days = v, None) }
                    { number("due_soon_hours", i18n.h(H::DueSoonHours).into(), &draft.due_soon_hours, |d, v| d.due_soon_hours = v, None) }
                    { number("utc_offset_minutes", i18n.h(H::UtcOffset).into(), &draft.utc_offset_minutes, |d, v| d.utc_offset_minutes = v, Some(i18n.h(H::UtcOffsetHint))) }
                </div>
            </fieldset>
            { save_button(&i18n, busy, i18n.h(H::SaveSettings), "sla-save") }
        </form>
    }
}

#[function_component(SlaSettingsPage)]
pub fn sla_settings_page() -> Html {
    let texts = (H::SettingSla, H::SettingsIntro);
    use_setting_page::<SlaForm, _>(texts, |_, _| Html::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_round_trip_through_the_form() {
        let d = SlaSettings::default();
        assert_eq!(Draft::from(&d).settings().unwrap(), d);
    }

    #[test]
    fn regions_are_chosen_by_code_and_an_unrecognised_one_is_kept_and_refused() {
        let mut draft = Draft::from(&SlaSettings::default());
        assert_eq!(draft.seasons[0].region, "410000");
        draft.seasons[0].region = "150700".into();
        draft.seasons[1].region = String::new();
        let s = draft.settings().unwrap();
        assert_eq!(
            (
                s.busy_seasons[0].division,
                s.busy_seasons[0].region.as_deref()
            ),
            (Division::from_code("150700"), None)
        );
        assert_eq!(
            (
                s.busy_seasons[1].division,
                s.busy_seasons[1].region.as_deref()
            ),
            (None, None)
        );
        assert_eq!(
            division_label(Lang::ZhCn, Division::from_code("150700").unwrap()),
            "呼伦贝尔市（内蒙古）"
        );
        assert_eq!(
            division_label(Lang::En, Division::from_code("650000").unwrap()),
            "Xinjiang"
        );
        // A region stored before codes that names no division: kept, and refused on its field.
        draft.seasons[0].region = "中原".into();
        let fields: Vec<_> = draft
            .settings()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["busy_seasons[0].region"]);
    }

    #[test]
    fn text_that_is_no_number_and_values_out_of_range_land_on_their_fields() {
        let mut draft = Draft::from(&SlaSettings::default());
        draft.arrival[0] = "four".into();
        draft.first_contact[3] = "0".into();
        draft.seasons[1].start = "13-40".into();
        let errors = draft.settings().unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["arrival_hours.critical"]);
        draft.arrival[0] = "4".into();
        let errors = draft.settings().unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["first_contact_hours.low", "busy_seasons[1].start"]);
        assert_eq!(
            field_id("busy_seasons[1].start"),
            "sla-busy_seasons-1-start"
        );
    }
}
