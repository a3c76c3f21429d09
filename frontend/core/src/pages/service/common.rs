//! Pieces shared by the service pages: state badges, date-time inputs, the
//! reason dialog, long-text fields and the timeline's details.

use crate::components::form::FieldErrors;
pub use crate::components::form::{TextAreaProps, text_area};
use crate::components::{ErrorBannerProps, Tone, badge, error_banner};
use crate::hooks::{I18n, use_i18n};
use crate::i18n::T;
use crate::i18n::service::{self as names, S};
use crate::services::requests::ApiError;
use crate::time::local_minutes;
use chrono::{DateTime, Utc};
use furrow_domain::service::{Priority, ReportStatus, RequestStatus, WorkOrderStatus};
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;
use yew::prelude::*;

pub fn request_status_badge(i18n: &I18n, s: RequestStatus) -> Html {
    use RequestStatus::*;
    let tone = match s {
        New => Tone::Warning,
        Dispatched | InService => Tone::Info,
        PendingReview | PendingSignoff => Tone::Violet,
        Completed | ResolvedRemotely | Closed => Tone::Success,
        Cancelled => Tone::Neutral,
    };
    badge(
        tone,
        names::request_status(s, i18n.lang),
        Some("request-status".into()),
    )
}

pub fn work_order_status_badge(i18n: &I18n, s: WorkOrderStatus) -> Html {
    use WorkOrderStatus::*;
    let tone = match s {
        Assigned => Tone::Warning,
        Scheduled | OnSite => Tone::Info,
        Finished => Tone::Success,
        Reassigned | Cancelled => Tone::Neutral,
    };
    badge(
        tone,
        names::work_order_status(s, i18n.lang),
        Some("wo-status".into()),
    )
}

pub fn report_status_badge(i18n: &I18n, s: ReportStatus) -> Html {
    use ReportStatus::*;
    let tone = match s {
        Draft => Tone::Neutral,
        Submitted => Tone::Violet,
        Rejected | SignatureRefused => Tone::Danger,
        Approved => Tone::Info,
        Signed => Tone::Success,
    };
    badge(
        tone,
        names::report_status(s, i18n.lang),
        Some("report-status".into()),
    )
}

pub fn priority_badge(i18n: &I18n, p: Priority) -> Html {
    let tone = match p {
        Priority::Critical => Tone::Danger,
        Priority::High => Tone::Warning,
        Priority::Normal => Tone::Neutral,
        Priority::Low => Tone::Neutral,
    };
    badge(tone, names::priority(p, i18n.lang), None)
}

/// `2026-06-01 16:05` or an empty string.
pub fn when(at: &Option<DateTime<Utc>>) -> String {
    at.as_ref().map(local_minutes).unwrap_or_default()
}

/// `11-27 05:46` this year, else `2027-01-08 03:46` (narrow columns).
pub fn when_short(at: &Option<DateTime<Utc>>) -> String {
    let full = when(at);
    let this_year = local_minutes(&now());
    if full.len() > 5 && this_year.get(..5) == full.get(..5) {
        full[5..].to_owned()
    } else {
        full
    }
}

/// The errors without those on `field` (the user is correcting it).
pub fn without(errors: &FieldErrors, field: &str) -> FieldErrors {
    FieldErrors(
        errors
            .0
            .iter()
            .filter(|e| e.field != field)
            .cloned()
            .collect(),
    )
}

/// The value of a `datetime-local` input (`2026-06-01T16:05`) in local time.
pub fn to_input(at: &DateTime<Utc>) -> String {
    local_minutes(at).replacen(' ', "T", 1)
}

/// Reads a `datetime-local` input's value as local time.
pub fn from_input(value: &str) -> Option<DateTime<Utc>> {
    let v = value.trim();
    // The browser reads `YYYY-MM-DDTHH:MM` without an offset as local time.
    if v.len() < 16 || v.as_bytes().get(10) != Some(&b'T') {
        return None;
    }
    let ms = js_sys::Date::new(&JsValue::from_str(v)).get_time();
    if ms.is_nan() {
        return None;
    }
    DateTime::from_timestamp_millis(ms as i64)
}

/// The browser's clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Hours with one decimal: `12.5`.
pub fn hours(i18n: &I18n, h: f64) -> String {
    i18n.sf(S::Hours, &[&format!("{:.1}", h)])
}

/// A `tel:` link for a phone number.
pub fn tel(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

/// Opens the browser's print dialog.
pub fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Scrolls an element into view and focuses it (after a state change).
pub fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// One detail of a timeline event, as a reader wants it.
fn change_value(i18n: &I18n, key: &str, v: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    Some(match v {
        Value::Null => return None,
        Value::Bool(b) => i18n.s(if *b { S::Yes } else { S::No }).to_owned(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.trim().is_empty() => return None,
        Value::String(s) => {
            if let Ok(at) = s.parse::<DateTime<Utc>>() {
                local_minutes(&at)
            } else if key == "priority"
                && let Some(p) = Priority::parse(s)
            {
                names::priority(p, i18n.lang).to_owned()
            } else if key == "channel"
                && let Some(c) = furrow_domain::service::Channel::parse(s)
            {
                names::channel(c, i18n.lang).to_owned()
            } else {
                s.clone()
            }
        }
        other => other.to_string(),
    })
}

/// The details of a timeline event as `name: value` pairs.
pub fn changes_html(i18n: &I18n, changes: &serde_json::Value) -> Html {
    let Some(map) = changes.as_object() else {
        return Html::default();
    };
    let items = map.iter().filter_map(|(k, v)| {
        let value = change_value(i18n, k, v)?;
        let label = names::change_key(k)
            .map(|s| i18n.s(s).to_owned())
            .unwrap_or_else(|| k.clone());
        Some(html! {
            <li data-key={k.clone()}><span class="muted">{ format!("{label}：") }</span>{ value }</li>
        })
    });
    html! { <ul class="change-list">{ for items }</ul> }
}

/// Standard base64 (for a `data:` URL of a fetched image).
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct ReasonDialogProps {
    /// Prefix of the ids and test ids (`cancel` gives `cancel-reason`).
    pub id: AttrValue,
    pub title: AttrValue,
    pub body: AttrValue,
    pub label: AttrValue,
    pub confirm_label: AttrValue,
    #[prop_or_default]
    pub danger: bool,
    #[prop_or_default]
    pub busy: bool,
    /// The last attempt failed.
    #[prop_or_default]
    pub error: Option<ApiError>,
    /// The text is required (otherwise an empty text is sent as none).
    #[prop_or(true)]
    pub required: bool,
    pub on_confirm: Callback<String>,
    pub on_cancel: Callback<()>,
}

/// A modal asking for a reason (cancel, reject, resolve). Escape or Cancel
/// closes it; an empty required reason is refused next to the field.
#[function_component(ReasonDialog)]
pub fn reason_dialog(props: &ReasonDialogProps) -> Html {
    let ReasonDialogProps {
        id,
        title,
        body,
        label,
        confirm_label,
        danger,
        busy,
        error,
        required,
        on_confirm,
        on_cancel,
    } = props;
    let i18n = use_i18n();
    let text = use_state(String::new);
    let missing = use_state(|| false);
    let field_id = format!("{id}-reason");
    {
        let field_id = field_id.clone();
        use_effect_with((), move |_| focus_by_id(&field_id));
    }
    let onkeydown = {
        let on_cancel = on_cancel.clone();
        let busy = *busy;
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && !busy {
                e.prevent_default();
                on_cancel.emit(());
            }
        })
    };
    let oninput = {
        let (text, missing) = (text.clone(), missing.clone());
        Callback::from(move |v: String| {
            text.set(v);
            missing.set(false);
        })
    };
    let confirm = {
        let (text, missing, on_confirm, required) =
            (text.clone(), missing.clone(), on_confirm.clone(), *required);
        Callback::from(move |_: MouseEvent| {
            let t = text.trim().to_owned();
            if required && t.is_empty() {
                missing.set(true);
                return;
            }
            on_confirm.emit(t);
        })
    };
    let cancel = {
        let cb = on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <div class="modal-backdrop" {onkeydown}>
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby={format!("{id}-title")}
                 data-testid={format!("{id}-dialog")}>
                <h2 id={format!("{id}-title")}>{ title.clone() }</h2>
                <p>{ body.clone() }</p>
                if let Some(e) = error.clone() { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e, testid: format!("{id}-error-banner") })) } }
                { text_area(&i18n, &yew::props!(TextAreaProps { id: field_id.clone(), label: label.clone(), value: (*text).clone(), oninput, required: *required, optional: !*required, rows: 4, maxlength: 2000, error: missing.then(|| AttrValue::from(i18n.t(T::FeRequired))) })) }
                <div class="modal-actions">
                    <button type="button" class="btn" disabled={*busy} onclick={cancel}
                            data-testid={format!("{id}-cancel")}>{ i18n.t(T::Cancel) }</button>
                    <button type="button" class={classes!("btn", if *danger { "btn-danger" } else { "btn-primary" })}
                            disabled={*busy} onclick={confirm} data-testid={format!("{id}-confirm")}>
                        { confirm_label.clone() }
                    </button>
                </div>
            </div>
        </div>
    }
}

/// A definition list row.
pub fn dl_row(label: &str, value: Html) -> Html {
    html! {
        <div class="dl-row"><dt>{ label.to_owned() }</dt><dd>{ value }</dd></div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads_like_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
