//! The dispatch settings (派工排序): the weights and limits the engineer
//! suggestions are ranked by. Checked here with the domain's own rules before
//! sending; the server's 422 lands on the same fields, a 412 offers Reload.

use super::frame::{SettingFormProps, setting_field_id, use_setting_form, use_setting_page};
use crate::components::form::{FieldErrors, TextFieldProps, save_button, text_field};
use crate::hooks::use_i18n;
use crate::i18n::home::H;
use furrow_domain::FieldError;
use furrow_domain::service::dispatch::DispatchSettings;
use furrow_domain::settings::Setting;
use yew::prelude::*;

/// The form as typed: numbers stay text until saved.
#[derive(Debug, Clone, PartialEq)]
struct Draft([String; 5]);

/// The fields, in the form's order, with their labels.
const FIELDS: [(&str, H); 5] = [
    ("km_per_open_order", H::KmPerOpenOrder),
    ("km_per_booked_order", H::KmPerBookedOrder),
    ("unknown_distance_km", H::UnknownDistanceKm),
    ("max_distance_km", H::MaxDistanceKm),
    ("window_hours", H::WindowHours),
];

fn draft(s: &DispatchSettings) -> Draft {
    Draft([
        s.km_per_open_order.to_string(),
        s.km_per_booked_order.to_string(),
        s.unknown_distance_km.to_string(),
        s.max_distance_km.to_string(),
        s.window_hours.to_string(),
    ])
}

fn settings(d: &Draft) -> Result<DispatchSettings, FieldErrors> {
    let mut errors = Vec::new();
    let mut num = |i: usize| -> f64 {
        d.0[i].trim().parse().unwrap_or_else(|_| {
            errors.push(FieldError {
                field: FIELDS[i].0.into(),
                code: "not_a_number".into(),
                message: "enter a number".into(),
            });
            0.0
        })
    };
    let s = DispatchSettings {
        km_per_open_order: num(0),
        km_per_booked_order: num(1),
        unknown_distance_km: num(2),
        max_distance_km: num(3),
        window_hours: 0,
    };
    let window_hours = d.0[4].trim().parse().unwrap_or_else(|_| {
        errors.push(FieldError {
            field: FIELDS[4].0.into(),
            code: "not_a_number".into(),
            message: "enter a whole number".into(),
        });
        0
    });
    if !errors.is_empty() {
        return Err(FieldErrors(errors));
    }
    let s = DispatchSettings { window_hours, ..s };
    Setting::validate(&s).map_err(FieldErrors::from)?;
    Ok(s)
}

#[function_component(DispatchForm)]
fn dispatch_form(props: &SettingFormProps<DispatchSettings>) -> Html {
    let i18n = use_i18n();
    let (form, onsubmit) = use_setting_form(props, draft, settings);
    let busy = *form.busy;
    let names: Vec<&str> = FIELDS.iter().map(|(f, _)| *f).collect();
    let fields = FIELDS.iter().enumerate().map(|(i, (field, label))| {
        let oninput = form.change(move |d: &mut Draft, v: String| d.0[i] = v);
        html! {
            { text_field(&i18n, &yew::props!(TextFieldProps { id: setting_field_id("dispatch", field), label: i18n.h(*label), kind: "number", value: form.draft.0[i].clone(), oninput, error: form.err(&i18n, field), required: true })) }
        }
    });
    html! {
        <form class="panel form" {onsubmit} novalidate=true data-testid="dispatch-form">
            { form.failure_banner(&i18n, &names, &props.on_reload, "dispatch-save-error") }
            <p class="hint">{ i18n.h(H::DispatchSettingsHint) }</p>
            <div class="form-grid">{ for fields }</div>
            { save_button(&i18n, busy, i18n.h(H::SaveSettings), "dispatch-save") }
        </form>
    }
}

#[function_component(DispatchSettingsPage)]
pub fn dispatch_settings_page() -> Html {
    let texts = (H::SettingDispatch, H::SettingsIntro);
    use_setting_page::<DispatchForm, _>(texts, |_, _| Html::default())
}
