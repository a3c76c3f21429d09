//! Pieces shared by the service pages: state badges, dates, phone and map
//! links, the reason dialog and long-text fields.

use crate::components::form::{Choice, FieldErrors};
pub use crate::components::form::{TextAreaProps, text_area};
use crate::components::{ErrorBannerProps, Tone, badge, error_banner};
use crate::hooks::{Form, I18n, use_i18n};
use crate::i18n::T;
use crate::i18n::service::{self as names, S};
use crate::services::requests::ApiError;
use crate::time::local_minutes;
pub use crate::time::{from_input, now, to_input};
use chrono::{DateTime, Utc};
use furrow_domain::service::{Priority, ReportStatus, RequestStatus, WorkOrderStatus};
use std::future::Future;
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

/// Runs a command on the record a page shows, through `form` (busy while it
/// runs, its failure kept for the page's banner): `done` gets the answer. A
/// conflict (409, 412) also calls `reload`, so the page shows where the
/// record stands now.
pub fn run_command<R: 'static>(
    form: &Form<()>,
    reload: &Callback<()>,
    call: impl Future<Output = Result<R, ApiError>> + 'static,
    done: impl FnOnce(R) + 'static,
) {
    let reload = reload.clone();
    let call = async move {
        let answer = call.await;
        if answer
            .as_ref()
            .is_err_and(|e| matches!(e.status(), 409 | 412))
        {
            reload.emit(());
        }
        answer
    };
    form.submit(call, done);
}

/// The priorities, most urgent first, as the selects offer them.
pub const PRIORITIES: [Priority; 4] = [
    Priority::Critical,
    Priority::High,
    Priority::Normal,
    Priority::Low,
];

/// The choices of a select of `items`: each one's code and name.
pub fn choices<E: Copy>(
    items: &[E],
    pair: impl Fn(E) -> (&'static str, &'static str),
) -> Vec<Choice> {
    items
        .iter()
        .map(|e| {
            let (code, name) = pair(*e);
            Choice::new(code, name)
        })
        .collect()
}

/// `2026-06-01 16:05` (company time) or an empty string.
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

/// A map search for an address (opens the map app on a phone).
pub fn map_link(address: &str) -> String {
    let q = js_sys::encode_uri_component(address.trim());
    format!("https://uri.amap.com/search?keyword={q}")
}

/// While `armed`, leaving the page asks first: closing or reloading the tab
/// (the browser's own prompt) and following a link inside the app (a
/// confirmation with `message`; staying keeps the input).
#[hook]
pub fn use_unsaved_guard(armed: bool, message: &'static str) {
    use_effect_with(armed, move |armed| {
        let listeners = if *armed { guard(message) } else { None };
        move || drop(listeners)
    });
}

fn guard(message: &'static str) -> Option<[gloo_events::EventListener; 2]> {
    use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let document = window.document()?;
    let unload = EventListener::new_with_options(
        &window,
        "beforeunload",
        EventListenerOptions::enable_prevent_default(),
        |e| {
            e.prevent_default();
            // Older engines ask only when a return value is set.
            let _ = js_sys::Reflect::set(e, &"returnValue".into(), &"".into());
        },
    );
    // Captured on the document, before the link's own handler navigates.
    let capture = EventListenerOptions {
        phase: EventListenerPhase::Capture,
        passive: false,
    };
    let click = EventListener::new_with_options(&document, "click", capture, move |e| {
        let link = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten());
        let Some(link) = link else { return };
        let inside = link
            .get_attribute("href")
            .is_some_and(|h| h.starts_with('/'));
        let elsewhere = link.has_attribute("target")
            || e.dyn_ref::<MouseEvent>().is_some_and(|m| {
                m.button() != 0 || m.ctrl_key() || m.meta_key() || m.shift_key() || m.alt_key()
            });
        if !inside || elsewhere {
            return;
        }
        let leave = web_sys::window()
            .and_then(|w| w.confirm_with_message(message).ok())
            .unwrap_or(true);
        if !leave {
            e.prevent_default();
            e.stop_immediate_propagation();
        }
    });
    Some([unload, click])
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

pub use crate::components::definition_list::dl_row;

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
