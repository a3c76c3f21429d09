//! API clients (接口客户端, administrators): the list with each client's
//! use, registering one, and one client's page (usage, rotate, revoke). A
//! secret is shown once, in the answer that made it. Served by the
//! integrations bundle (frontend/integrations), where the webhook
//! subscriptions and deliveries will join them.

mod detail;
mod list;
mod register;
mod secret;

pub use detail::{ApiClientDetailProps, api_client_detail_page};
pub use list::ApiClientListPage;
pub(crate) use secret::SecretOnce;

use crate::components::{Tone, badge};
use crate::hooks::I18n;
use crate::i18n::T;
use crate::i18n::api_clients::client_scope;
use crate::time::local_minutes;
use chrono::{DateTime, Utc};
use furrow_domain::api_clients::{ApiClientView, ClientScope};
use yew::prelude::*;

/// Active or revoked, as a badge.
fn status_badge(i18n: &I18n, c: &ApiClientView, testid: Option<String>) -> Html {
    if c.revoked_at.is_some() {
        badge(Tone::Neutral, i18n.t(T::ClientRevoked), testid)
    } else {
        badge(Tone::Success, i18n.t(T::ClientActive), testid)
    }
}

/// The scopes' names, joined.
fn scope_names(i18n: &I18n, scopes: &[ClientScope]) -> String {
    scopes
        .iter()
        .map(|s| client_scope(*s, i18n.lang))
        .collect::<Vec<_>>()
        .join("、")
}

/// A time, or "never".
fn when(i18n: &I18n, at: Option<&DateTime<Utc>>) -> String {
    at.map(local_minutes)
        .unwrap_or_else(|| i18n.t(T::Never).to_owned())
}
