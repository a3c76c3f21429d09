//! The one label table of audited actions and of the fields of their
//! details, read by every timeline (a customer's or machine's archive, a
//! service request's events), so one action and one field have one name
//! everywhere, and the details read in the same meaningful order.

use crate::hooks::I18n;
use crate::i18n::master::M;
use crate::i18n::service::{self as names, S};
use crate::i18n::{Lang, T, role_name};
use furrow_domain::Role;
use serde_json::{Map, Value};

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
        "warranty_changed" => return i18n.m(M::ActWarrantyChanged).to_owned(),
        "certificate_reissue_requested" => return i18n.m(M::ActReissueRequested).to_owned(),
        "certificate_reissued" => return i18n.m(M::ActReissued).to_owned(),
        _ => None,
    };
    match (generic, names::action(action)) {
        (Some(key), _) => i18n.t(key).to_owned(),
        (None, Some(key)) => i18n.s(key).to_owned(),
        (None, None) => action.to_owned(),
    }
}

/// A field's label, from the workflow's or the master data's table.
enum Label {
    S(S),
    M(M),
    T(T),
}

/// Every field a timeline names, in the order people read an event: what
/// and for whom first, then who and when it is due, then the facts of the
/// visit, then free text. Fields not listed follow, by name.
const FIELDS: &[(&str, Label)] = &[
    // Which record and its identity.
    ("number", Label::S(S::ChNumber)),
    ("code", Label::M(M::CustomerCode)),
    ("name", Label::M(M::CustomerName)),
    ("kind", Label::M(M::CustomerKindLabel)),
    ("serial_number", Label::M(M::Serial)),
    ("model_id", Label::M(M::Model)),
    ("customer_id", Label::M(M::Owner)),
    ("from_work_order", Label::S(S::ChFromWorkOrder)),
    ("work_order", Label::S(S::ChWorkOrder)),
    ("engineer", Label::S(S::ChEngineer)),
    ("signer_name", Label::S(S::ChSignerName)),
    ("satisfaction", Label::S(S::Satisfaction)),
    ("method", Label::S(S::ChMethod)),
    ("machine_running_normally", Label::S(S::ChRunningNormally)),
    ("repeat_request", Label::S(S::ChRepeatRequest)),
    ("attempts", Label::S(S::ChAttempts)),
    ("since", Label::S(S::ChSince)),
    ("reached", Label::S(S::ChReached)),
    // How urgent, then the clocks in the order they run.
    ("channel", Label::S(S::Channel)),
    ("priority", Label::S(S::Priority)),
    ("harvest_critical", Label::S(S::BadgeHarvest)),
    ("first_contact_due", Label::S(S::FirstContactDue)),
    ("appointment_at", Label::S(S::ChAppointment)),
    ("arrival_due", Label::S(S::ArrivalDue)),
    ("arrived_at", Label::S(S::ChArrivedAt)),
    ("late", Label::S(S::ChLate)),
    ("repair_due_before", Label::S(S::RepairDueBefore)),
    ("repair_due", Label::S(S::RepairDue)),
    ("part_before", Label::S(S::SuspectedPart)),
    ("part", Label::S(S::DiagnosedPart)),
    ("remedy", Label::S(S::ChRemedy)),
    ("assembly", Label::S(S::FaultAssembly)),
    ("repairs", Label::S(S::ChRepairs)),
    ("requests", Label::S(S::ChRequests)),
    ("legal_clock", Label::S(S::LegalClock)),
    ("proposed_coverage", Label::S(S::ChProposedCoverage)),
    ("coverage", Label::S(S::Coverage)),
    ("repair_due_provisional", Label::S(S::ProvisionalLabel)),
    ("inspection_passed", Label::S(S::ChInspectionPassed)),
    ("labour_hours", Label::S(S::LabourHours)),
    ("expires_at", Label::S(S::ChExpiresAt)),
    ("answered_at", Label::S(S::ChAnsweredAt)),
    ("follow_up_due", Label::S(S::ChFollowUpDue)),
    // Contact and place.
    ("phone", Label::M(M::Phone)),
    ("alt_phone", Label::M(M::AltPhone)),
    ("email", Label::M(M::Email)),
    ("province", Label::M(M::Province)),
    ("city", Label::M(M::City)),
    ("county", Label::M(M::County)),
    ("address", Label::M(M::Address)),
    ("site_address", Label::S(S::SiteAddress)),
    ("lat", Label::M(M::Lat)),
    ("lon", Label::M(M::Lon)),
    ("dealer_id", Label::M(M::SellingDealer)),
    // The machine's life.
    ("sale_date", Label::M(M::SaleDate)),
    ("old_serial", Label::S(S::ChOldSerial)),
    ("new_serial", Label::S(S::ChNewSerial)),
    ("replaced_on", Label::S(S::ReplacedOn)),
    ("eligible_since", Label::S(S::ChEligibleSince)),
    ("previous_warranty_end", Label::S(S::ChPreviousWarrantyEnd)),
    ("warranty_end", Label::M(M::WarrantyEnd)),
    ("extended_warranty_end", Label::M(M::ExtendedWarrantyEnd)),
    ("engine_hours", Label::M(M::EngineHours)),
    ("status", Label::M(M::Status)),
    ("active", Label::T(T::ColStatus)),
    ("source", Label::M(M::Source)),
    // A user account.
    ("username", Label::T(T::Username)),
    ("display_name", Label::T(T::DisplayName)),
    ("roles", Label::T(T::Roles)),
    ("department", Label::T(T::Department)),
    ("locale", Label::T(T::Locale)),
    // Free text last: the outcome, the why, what was said.
    ("symptoms", Label::S(S::Symptoms)),
    ("resolution", Label::S(S::ResolutionLabel)),
    ("reason", Label::S(S::Reason)),
    ("comment", Label::S(S::ChComment)),
    ("note", Label::S(S::ChNote)),
    ("comments", Label::S(S::ChComments)),
    ("suggestions", Label::S(S::ChSuggestions)),
    ("notes", Label::M(M::Notes)),
];

/// Fields that mean something else on one kind of record: a user's dealer
/// is the one it works for, not one that sold a machine.
const ENTITY_FIELDS: &[(&str, &str, Label)] = &[("user", "dealer_id", Label::T(T::Dealer))];

/// The label of a detail's field of an `entity_type` record in the user's
/// language; unknown ones as sent.
pub fn field_label(i18n: &I18n, entity_type: &str, field: &str) -> String {
    let own = ENTITY_FIELDS
        .iter()
        .find(|(e, k, _)| *e == entity_type && *k == field)
        .map(|(_, _, l)| l);
    match own.or_else(|| FIELDS.iter().find(|(k, _)| *k == field).map(|(_, l)| l)) {
        Some(Label::S(s)) => i18n.s(*s).to_owned(),
        Some(Label::M(m)) => i18n.m(*m).to_owned(),
        Some(Label::T(t)) => i18n.t(*t).to_owned(),
        None => field.to_owned(),
    }
}

/// Where a record came from (the `source` of its creation), by the code the
/// server records.
fn source_label(lang: Lang, source: &str) -> Option<&'static str> {
    let (zh, en) = match source {
        "demo data" => ("演示数据", "Demo data"),
        _ => return None,
    };
    Some(match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    })
}

/// A detail's value when the server records it as a code: a user's roles,
/// where a record came from. `None` for values shown as they are.
pub fn coded_value(lang: Lang, field: &str, v: &Value) -> Option<String> {
    match (field, v) {
        ("roles", Value::Array(items)) => Some(
            items
                .iter()
                .filter_map(|r| r.as_str()?.parse::<Role>().ok())
                .map(|r| role_name(r, lang))
                .collect::<Vec<_>>()
                .join(if lang == Lang::ZhCn { "、" } else { ", " }),
        ),
        ("source", Value::String(s)) => source_label(lang, s).map(str::to_owned),
        ("part" | "part_before", Value::String(s)) => {
            furrow_domain::service::SuspectedPart::parse(s)
                .map(|p| names::suspected_part(p, lang).to_owned())
        }
        ("assembly", Value::String(s)) => furrow_domain::service::fault::MainAssembly::parse(s)
            .map(|a| names::main_assembly(a, lang).to_owned()),
        ("remedy", Value::String(s)) => furrow_domain::service::repeat_fault::Remedy::parse(s)
            .map(|r| names::remedy(r, lang).to_owned()),
        ("method", Value::String(s)) => furrow_domain::service::follow_up::ContactMethod::parse(s)
            .map(|m| crate::i18n::follow_up::method(m, lang).to_owned()),
        ("legal_clock", Value::String(s)) => furrow_domain::service::sanbao::LegalClock::parse(s)
            .map(|c| names::legal_clock(c, lang).to_owned()),
        _ => None,
    }
}

/// The details of an event in reading order (see [`FIELDS`]).
pub fn ordered_fields(details: &Map<String, Value>) -> Vec<(&str, &Value)> {
    let rank = |k: &str| {
        FIELDS
            .iter()
            .position(|(f, _)| *f == k)
            .unwrap_or(FIELDS.len())
    };
    let mut out: Vec<(&str, &Value)> = details.iter().map(|(k, v)| (k.as_str(), v)).collect();
    out.sort_by(|a, b| rank(a.0).cmp(&rank(b.0)).then(a.0.cmp(b.0)));
    out
}

/// `label：` in Chinese, `label: ` in English.
pub fn labelled(lang: Lang, label: &str) -> String {
    match lang {
        Lang::ZhCn => format!("{label}："),
        Lang::En => format!("{label}: "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn details_read_in_the_tables_order_whatever_the_servers() {
        let v = json!({"note": "n", "appointment_at": "t", "work_order": "WO-1", "zeta": 1, "alpha": 2});
        let keys: Vec<&str> = ordered_fields(v.as_object().unwrap())
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(
            keys,
            ["work_order", "appointment_at", "note", "alpha", "zeta"]
        );
    }

    #[test]
    fn every_field_is_named_once() {
        let mut keys: Vec<&str> = FIELDS.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }

    #[test]
    fn coded_values_read_in_the_users_language() {
        let source = json!("demo data");
        assert_eq!(
            coded_value(Lang::ZhCn, "source", &source).as_deref(),
            Some("演示数据")
        );
        assert_eq!(
            coded_value(Lang::En, "source", &source).as_deref(),
            Some("Demo data")
        );
        let roles = json!(["agent", "engineer"]);
        assert_eq!(
            coded_value(Lang::ZhCn, "roles", &roles).as_deref(),
            Some("售后服务人员、售后服务工程师")
        );
        assert_eq!(coded_value(Lang::ZhCn, "note", &source), None);
    }

    #[test]
    fn the_separator_follows_the_language() {
        assert_eq!(labelled(Lang::ZhCn, "备注"), "备注：");
        assert_eq!(labelled(Lang::En, "Note"), "Note: ");
    }
}
