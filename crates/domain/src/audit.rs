//! The audit trail: every command on every record, who did it and when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

wire_enum!(
    /// What happened to a record: the audit log's `action` and the outbox's `kind`.
    AuditAction {
        Created => "created",
        Updated => "updated",
        Activated => "activated",
        Deactivated => "deactivated",
        PasswordChanged => "password_changed",
        ProfileUpdated => "profile_updated",
        SignInUnlocked => "sign_in_unlocked",
        Contacted => "contacted",
        Dispatched => "dispatched",
        Reassigned => "reassigned",
        Scheduled => "scheduled",
        CheckedIn => "checked_in",
        Finished => "finished",
        Acknowledged => "acknowledged",
        ResolvedRemotely => "resolved_remotely",
        Cancelled => "cancelled",
        ReportStarted => "report_started",
        ReportSubmitted => "report_submitted",
        ReportApproved => "report_approved",
        ReportRejected => "report_rejected",
        SignLinkCreated => "sign_link_created",
        Signed => "signed",
        SignatureRefused => "signature_refused",
        ClosedUnsigned => "closed_unsigned",
        ComplaintOpened => "complaint_opened",
    }
);

/// One recorded command on one record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEventView {
    pub id: Uuid,
    /// When the command was applied (server clock).
    pub at: DateTime<Utc>,
    /// Who applied it; absent for the system itself.
    pub actor_id: Option<Uuid>,
    /// The actor's login name at the time (`system` for the system).
    pub actor_name: String,
    /// The actor's name as people read it (the account's display name; the
    /// login name when the account is gone); absent for the system.
    pub actor_display_name: Option<String>,
    /// The kind of record (`user`, `customer`, `service_request`...).
    pub entity_type: String,
    pub entity_id: Uuid,
    /// The command (`created`, `updated`, `deactivated`, `dispatched`...).
    pub action: String,
    /// What changed: field names with their old and new values, or the command's inputs.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub changes: serde_json::Value,
}

/// What a dealer may read of a service request's timeline: `None` when the
/// event is internal, else the fields of its `changes` the dealer sees.
///
/// A dealer follows its customers' requests (appointments, promised and
/// actual times, the outcome) but not the service department's internals:
/// work orders and reports answer 403 to dealers, so their review comments,
/// labour hours, refusal and reassignment reasons, engineers' notes and sign
/// links are not read through the timeline either. An action not listed here
/// is internal until someone decides otherwise.
pub fn dealer_visible_fields(action: &str) -> Option<&'static [&'static str]> {
    use AuditAction::*;
    Some(match AuditAction::parse(action)? {
        Created => &[
            "number",
            "channel",
            "priority",
            "harvest_critical",
            "first_contact_due",
            "arrival_due",
            "repair_due",
        ],
        Contacted => &[],
        Dispatched => &["work_order", "arrival_due"],
        Reassigned => &["work_order"],
        Scheduled => &["work_order", "appointment_at"],
        CheckedIn => &["work_order", "arrived_at", "arrival_due"],
        Finished => &["work_order"],
        ResolvedRemotely => &["resolution"],
        ReportApproved => &[],
        Signed => &["signer_name"],
        SignatureRefused => &[],
        Cancelled => &[],
        _ => return None,
    })
}

/// `event` as a dealer may read it (see [`dealer_visible_fields`]).
pub fn for_dealer(mut event: AuditEventView) -> Option<AuditEventView> {
    let fields = dealer_visible_fields(&event.action)?;
    if let serde_json::Value::Object(changes) = &mut event.changes {
        changes.retain(|k, _| fields.contains(&k.as_str()));
    } else {
        event.changes = serde_json::Value::Null;
    }
    Some(event)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(action: &str, changes: serde_json::Value) -> AuditEventView {
        AuditEventView {
            id: Uuid::nil(),
            at: DateTime::<Utc>::MIN_UTC,
            actor_id: None,
            actor_name: "supervisor".into(),
            actor_display_name: Some("王主管".into()),
            entity_type: "service_request".into(),
            entity_id: Uuid::nil(),
            action: action.into(),
            changes,
        }
    }

    #[test]
    fn dealers_see_the_times_of_their_requests_but_no_internal_detail() {
        let e = for_dealer(event(
            "checked_in",
            serde_json::json!({"work_order": "WO-1", "arrived_at": "t", "late": true}),
        ))
        .unwrap();
        assert_eq!(
            e.changes,
            serde_json::json!({"work_order": "WO-1", "arrived_at": "t"})
        );
        let refused = for_dealer(event(
            "signature_refused",
            serde_json::json!({"reason": "x"}),
        ));
        assert_eq!(refused.unwrap().changes, serde_json::json!({}));
        let submitted = for_dealer(event(
            "report_submitted",
            serde_json::json!({"labour_hours": "2"}),
        ));
        assert!(submitted.is_none());
        assert!(
            for_dealer(event(
                "report_rejected",
                serde_json::json!({"comment": "redo"})
            ))
            .is_none()
        );
        assert!(for_dealer(event("something_new", serde_json::json!({}))).is_none());
    }
}
