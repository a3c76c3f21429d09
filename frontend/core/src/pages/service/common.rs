//! Pieces shared by the service pages: state badges, dates and hours, and
//! the choices of their selects.

use crate::components::form::{Choice, FieldErrors};
use crate::components::{Tone, badge};
use crate::hooks::{Form, I18n};
use crate::i18n::service::{self as names, S};
use crate::time::local_minutes;
pub use crate::time::{from_input, now, to_input};
use chrono::{DateTime, Utc};
use furrow_domain::service::{Priority, ReportStatus, RequestStatus, WorkOrderStatus};
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
        ClosedUnsigned => Tone::Neutral,
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

/// A machine as a request names it: model and serial, whichever are known.
pub fn machine_name(model: &Option<String>, serial: &Option<String>) -> String {
    let parts = [model.as_deref(), serial.as_deref()];
    parts.into_iter().flatten().collect::<Vec<_>>().join(" · ")
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

/// An input's `oninput` that writes the text into the form's draft (`set`)
/// and drops the error shown on `field`: the user is correcting it.
pub fn edit_field<D: Clone + 'static, E: 'static>(
    form: &Form<D>,
    field: String,
    set: impl Fn(&mut D, E) + 'static,
) -> Callback<E> {
    let (draft, errors) = (form.draft.clone(), form.errors.clone());
    Callback::from(move |v: E| {
        let mut d = (*draft).clone();
        set(&mut d, v);
        draft.set(d);
        if errors.0.iter().any(|e| e.field == field) {
            let rest = errors.0.iter().filter(|e| e.field != field).cloned();
            errors.set(FieldErrors(rest.collect()));
        }
    })
}

/// Hours with one decimal: `12.5`.
pub fn hours(i18n: &I18n, h: f64) -> String {
    i18n.sf(S::Hours, &[&format!("{:.1}", h)])
}
