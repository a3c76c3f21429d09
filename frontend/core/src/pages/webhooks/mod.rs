//! Webhooks (事件推送): the subscriptions an administrator keeps (any
//! dealer's, or the whole service's) or a dealer keeps for itself, each
//! one's delivery log, enabling, disabling, redelivering and deleting. The
//! secret is shown once, after subscribing.

mod detail;
mod form;
mod list;

pub use detail::{WebhookDetailProps, webhook_detail_page};
pub use list::WebhookListPage;

use crate::components::{Tone, badge};
use crate::hooks::I18n;
use crate::i18n::T;
use furrow_domain::webhooks::WebhookView;
use yew::prelude::*;

/// Delivering, failing or disabled, as a badge.
fn status_badge(i18n: &I18n, w: &WebhookView, testid: Option<String>) -> Html {
    if !w.enabled {
        badge(Tone::Neutral, i18n.t(T::WebhookDisabled), testid)
    } else if w.failures > 0 {
        badge(Tone::Danger, i18n.t(T::WebhookFailing), testid)
    } else {
        badge(Tone::Success, i18n.t(T::WebhookEnabled), testid)
    }
}

/// The event filters, joined, or "all events".
fn event_names(i18n: &I18n, w: &WebhookView) -> String {
    if w.events.is_empty() {
        i18n.t(T::AllEvents).to_owned()
    } else {
        w.events.join("、")
    }
}
