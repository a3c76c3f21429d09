//! The one label table for audited actions, read by every timeline (a
//! customer's or machine's archive, a user's history, a service request's
//! events), so one action has one name everywhere.

use crate::hooks::I18n;
use crate::i18n::T;
use crate::i18n::master::M;
use crate::i18n::service as names;

/// An action of `entity_type`'s audit trail in the user's language; unknown
/// ones as sent. Creating a service request is "recording the call".
pub fn action_label(i18n: &I18n, entity_type: &str, action: &str) -> String {
    let generic = match action {
        "created" if entity_type == "service_request" => None,
        "created" => Some(T::ActionCreated),
        "updated" => Some(T::ActionUpdated),
        "activated" => Some(T::ActionActivated),
        "deactivated" => Some(T::ActionDeactivated),
        "password_changed" => Some(T::ActionPasswordChanged),
        "imported" => return i18n.m(M::ActImported).to_owned(),
        "replaced" => return i18n.m(M::ActReplaced).to_owned(),
        _ => None,
    };
    match (generic, names::action(action)) {
        (Some(key), _) => i18n.t(key).to_owned(),
        (None, Some(key)) => i18n.s(key).to_owned(),
        (None, None) => action.to_owned(),
    }
}
