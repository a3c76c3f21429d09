//! Who reads what of the service records: the service department (internal),
//! the dealer that reported a request (经销商) and the customer who signs the
//! report on the sign page (no sign-in).
//!
//! One home for the decision: [`event`] names each audit action's
//! visibility and the fields of its changes a reader outside the service
//! department may read; [`REPORT_FIELDS`], [`WORK_ORDER_FIELDS`] and
//! [`REQUEST_FIELDS`] name the fields of the views. Whatever is not listed is
//! internal: a new action or field stays inside until someone decides
//! otherwise. The store's scoped loaders read these tables; the API's
//! OpenAPI document repeats them.

use crate::access::{self, RecordKind};
use crate::audit::{AuditAction, AuditEventView};
use crate::auth::Actor;

wire_enum!(
    /// Who may read an event or a field, from the narrowest audience to the widest.
    Visibility {
        /// The service department only: review comments, reasons, notes,
        /// labour and costs, sign links.
        Internal => "internal",
        /// Also the dealer of the request (its times, its outcome).
        Dealer => "dealer",
        /// Also the customer, on the sign page.
        Customer => "customer",
    }
);

/// Who is reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The maker's service department: reads everything its scope shows.
    Staff,
    /// A dealer-side user bound to a dealer (a dealer, an integration).
    Dealer,
    /// The customer on the sign page.
    Customer,
}

impl Reader {
    /// The reader an actor is: a dealer when the permission table limits its
    /// service requests to its own dealer's.
    pub fn of(actor: &Actor) -> Reader {
        if access::own_dealer(actor, RecordKind::ServiceRequest).is_some() {
            Reader::Dealer
        } else {
            Reader::Staff
        }
    }

    /// Whether this reader reads what has visibility `v`.
    pub fn sees(self, v: Visibility) -> bool {
        match self {
            Reader::Staff => true,
            Reader::Dealer => v != Visibility::Internal,
            Reader::Customer => v == Visibility::Customer,
        }
    }
}

/// An audit action's visibility on a request's timeline, and the fields of
/// its `changes` a reader outside the service department reads (the others
/// are the command's internal inputs: notes, reasons, comments, labour).
///
/// Account and master-data actions are not part of a request's life and are
/// internal here.
pub fn event(action: AuditAction) -> (Visibility, &'static [&'static str]) {
    use AuditAction::*;
    use Visibility::{Customer, Dealer, Internal};
    match action {
        Created => (
            Customer,
            &[
                "number",
                "channel",
                "priority",
                "harvest_critical",
                "first_contact_due",
                "arrival_due",
                "repair_due",
            ],
        ),
        // The desk's note of the call is internal; that the call happened is not.
        Contacted => (Dealer, &[]),
        // Requirements given to the engineer are internal.
        Dispatched => (Dealer, &["work_order", "arrival_due"]),
        // Why an engineer was replaced is internal.
        Reassigned => (Dealer, &["work_order"]),
        // The appointment (预约) is the dealer's to pass on; the note is internal.
        Scheduled => (Customer, &["work_order", "appointment_at"]),
        CheckedIn => (Customer, &["work_order", "arrived_at", "arrival_due"]),
        // The engineer's finishing notes are internal.
        Finished => (Customer, &["work_order"]),
        ResolvedRemotely => (Customer, &["resolution"]),
        Cancelled => (Dealer, &[]),
        // The approval happened; the reviewer's comment is internal.
        ReportApproved => (Dealer, &[]),
        Signed => (Customer, &["signer_name"]),
        // The customer's own mark on site.
        Acknowledged => (Customer, &["work_order", "signer_name", "satisfaction"]),
        SignatureRefused => (Dealer, &[]),
        // A diagnosis moves the 三包 deadline the dealer passes on.
        Diagnosed => (Dealer, &["part", "repair_due_before", "repair_due"]),
        // The customer's own choice past the deadline, and its new machine.
        RepairContinued => (Customer, &["eligible_since"]),
        MachineReplaced => (Customer, &["old_serial", "new_serial", "replaced_on"]),
        // The machine is owed a new assembly or a new machine: the dealer
        // passes it on to the customer; the requests behind it may be
        // another dealer's, so only their count is read outside.
        RepeatFaultEligible => (Dealer, &["assembly", "remedy", "repairs"]),
        // The customer's own answers on the follow-up, and the request it
        // opened; the agent's notes of the calls are internal.
        FollowedUp => (
            Dealer,
            &["satisfaction", "machine_running_normally", "repeat_request"],
        ),
        FollowUpUnreachable => (Dealer, &["attempts"]),
        FollowUpAttempted => (Internal, &[]),
        // Drafts, submissions, rejections and their comments, sign links,
        // closing without a signature and complaints are the department's.
        ReportStarted | ReportSubmitted | ReportRejected | SignLinkCreated | ClosedUnsigned
        | ComplaintOpened => (Internal, &[]),
        Updated | Activated | Deactivated | PasswordChanged | ProfileUpdated | SignInUnlocked => {
            (Internal, &[])
        }
        // The parts department's own books.
        StockReceived | StockAdjusted | StockTransferred | StocktakeOpened | StocktakeCounted
        | StocktakeReconciled | StocktakeCancelled => (Internal, &[]),
        // Purchasing's own records.
        PurchaseRequested | PurchaseApproved | PurchaseOrdered | PurchaseReceived
        | PurchaseCancelled | PurchaseNoted => (Internal, &[]),
        RequisitionCreated | PartsIssued | PartsShort | PartsReturned | PartsExchanged
        | RequisitionCancelled => (Internal, &[]),
        // That the repair waits for parts, and since when, is the dealer's to
        // pass on; which parts and requisitions stay the department's.
        PartsAwaited => (Dealer, &["since"]),
        PartsWaitEnded => (Dealer, &["since"]),
    }
}

/// `event` as `reader` may read it: `None` when hidden from it, else with
/// only the fields of its changes [`event`] lists (all of them for staff).
/// An action this build does not know is internal.
pub fn event_for(reader: Reader, e: AuditEventView) -> Option<AuditEventView> {
    if reader == Reader::Staff {
        return Some(e);
    }
    let (visibility, fields) = event(AuditAction::parse(&e.action)?);
    reader.sees(visibility).then(|| only(e, fields))
}

/// The fields of a customer's or a machine's file that its dealer keeps and
/// reads on the record itself, as the audit log records them.
const FILE_FIELDS: &[&str] = &[
    // The customer.
    "code",
    "name",
    "kind",
    "phone",
    "alt_phone",
    "email",
    "province",
    "city",
    "county",
    "address",
    "lat",
    "lon",
    "dealer_id",
    "notes",
    "active",
    // The machine.
    "serial_number",
    "model_id",
    "customer_id",
    "sale_date",
    "warranty_end",
    "extended_warranty_end",
    "engine_hours",
    "status",
];

/// A master-data event on a customer's or a machine's archive (档案), and
/// the fields of its changes a reader outside the service department reads.
/// The dealer keeps its customers' and machines' files, so the changes to
/// them are the dealer's to read; the maker's own words are not: why the
/// warranty dates changed, the notes on a lost certificate's reissue. The
/// customer's choice of a new machine is theirs. Anything else (an action
/// of the service workflow on the wrong record, an account action, one this
/// build does not know) stays internal.
pub fn archive_event(action: &str) -> (Visibility, &'static [&'static str]) {
    use Visibility::{Dealer, Internal};
    match action {
        "created" | "updated" | "activated" | "deactivated" => (Dealer, FILE_FIELDS),
        "warranty_changed" => (
            Dealer,
            &["sale_date", "warranty_end", "extended_warranty_end"],
        ),
        "certificate_reissue_requested" | "certificate_reissued" => (
            Dealer,
            &[
                "requested_by",
                "requested_on",
                "due_on",
                "certificate_number",
                "reissued_on",
            ],
        ),
        "machine_replaced" => event(AuditAction::MachineReplaced),
        _ => (Internal, &[]),
    }
}

/// An archive's `event` as `reader` reads it ([`archive_event`]): `None`
/// when hidden, else with only the fields it may read (all for staff).
pub fn archive_event_for(reader: Reader, e: AuditEventView) -> Option<AuditEventView> {
    if reader == Reader::Staff {
        return Some(e);
    }
    let (visibility, fields) = archive_event(&e.action);
    reader.sees(visibility).then(|| only(e, fields))
}

/// An event of the change feed (`GET /events`) as `reader` reads it: a
/// request's event as on its timeline ([`event_for`]), a customer's or a
/// machine's as on its archive ([`archive_event_for`]), any other kind's
/// (accounts, settings, work orders, reports, clients) only by staff.
pub fn feed_event_for(
    reader: Reader,
    record: RecordKind,
    e: AuditEventView,
) -> Option<AuditEventView> {
    match record {
        RecordKind::ServiceRequest => event_for(reader, e),
        RecordKind::Customer | RecordKind::Machine => archive_event_for(reader, e),
        _ => (reader == Reader::Staff).then_some(e),
    }
}

/// The event with only `fields` of its changes.
fn only(mut e: AuditEventView, fields: &[&str]) -> AuditEventView {
    if let serde_json::Value::Object(changes) = &mut e.changes {
        changes.retain(|k, _| fields.contains(&k.as_str()));
    } else {
        e.changes = serde_json::Value::Null;
    }
    e
}

/// The fields of the repair report (`RepairReportView`) a reader outside the
/// service department may read; any other field is internal: the review
/// (`review_comment`, `reviewer_name`, `last_rejection`), the sign link's
/// state and the commands. What the customer signs is theirs to read.
pub const REPORT_FIELDS: &[(&str, Visibility)] = &[
    ("request_number", Visibility::Customer),
    ("work_order_number", Visibility::Customer),
    ("status", Visibility::Dealer),
    ("engineer_name", Visibility::Customer),
    ("process", Visibility::Customer),
    ("cause", Visibility::Customer),
    ("measures", Visibility::Customer),
    ("further_problems", Visibility::Customer),
    ("proposals", Visibility::Customer),
    ("labour_hours", Visibility::Customer),
    ("parts", Visibility::Customer),
    // Which assembly failed and whether it was replaced is what the customer
    // claims a replacement from (三包).
    ("fault", Visibility::Customer),
    ("inspection_passed", Visibility::Customer),
    ("reviewed_at", Visibility::Dealer),
    ("signer_name", Visibility::Customer),
    ("has_signature", Visibility::Customer),
    ("signed_at", Visibility::Customer),
    ("refusal_reason", Visibility::Dealer),
    // Who pays is the customer's to know; why it departs from the proposal
    // is for the dealer who answers the customer's question.
    ("coverage", Visibility::Customer),
    ("proposed_coverage", Visibility::Dealer),
    ("coverage_reason", Visibility::Dealer),
    ("acknowledgement", Visibility::Customer),
];

/// The fields of the work order (`WorkOrderView`) a reader outside the
/// service department may read; the dispatcher, the requirements given to
/// the engineer and the engineer's finishing notes are internal.
pub const WORK_ORDER_FIELDS: &[(&str, Visibility)] = &[
    ("number", Visibility::Customer),
    ("status", Visibility::Dealer),
    ("request_number", Visibility::Customer),
    ("customer_name", Visibility::Customer),
    ("customer_phone", Visibility::Dealer),
    ("serial_number", Visibility::Customer),
    ("model_name", Visibility::Customer),
    ("symptoms", Visibility::Customer),
    ("priority", Visibility::Dealer),
    ("harvest_critical", Visibility::Dealer),
    ("site_address", Visibility::Dealer),
    ("inspection_passed", Visibility::Customer),
    ("report_status", Visibility::Dealer),
    ("engineer_name", Visibility::Customer),
    ("arrival_due", Visibility::Dealer),
    ("appointment_at", Visibility::Customer),
    ("arrived_at", Visibility::Customer),
    ("finished_at", Visibility::Customer),
    ("coverage", Visibility::Customer),
    ("acknowledgement", Visibility::Customer),
];

/// The fields of the service request (`ServiceRequestView`) the customer
/// reads on the sign page; a dealer reads the whole view of its own
/// requests, which carries no internal field.
pub const REQUEST_FIELDS: &[(&str, Visibility)] = &[
    ("number", Visibility::Customer),
    ("customer_name", Visibility::Customer),
    ("serial_number", Visibility::Customer),
    ("model_name", Visibility::Customer),
    ("symptoms", Visibility::Customer),
    ("arrived_at", Visibility::Customer),
    ("coverage", Visibility::Customer),
];

/// The keys every record's view carries (its ids and links, its version,
/// the row's times, the caller's commands): they say nothing of what
/// happened and are left out when the internal fields are named.
pub const RECORD_KEYS: &[&str] = &[
    "id",
    "request_id",
    "work_order_id",
    "report_id",
    "engineer_id",
    "version",
    "created_at",
    "updated_at",
    "actions",
];

/// A field's visibility in one of the tables; internal when not listed.
pub fn field(table: &[(&str, Visibility)], name: &str) -> Visibility {
    table
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(Visibility::Internal, |(_, v)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use serde_json::json;
    use uuid::Uuid;

    fn ev(action: &str, changes: serde_json::Value) -> AuditEventView {
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
        let e = event_for(
            Reader::Dealer,
            ev(
                "checked_in",
                json!({"work_order": "WO-1", "arrived_at": "t", "late": true}),
            ),
        )
        .unwrap();
        assert_eq!(e.changes, json!({"work_order": "WO-1", "arrived_at": "t"}));
        let scheduled = event_for(
            Reader::Dealer,
            ev(
                "scheduled",
                json!({"work_order": "WO-1", "appointment_at": "t2", "note": "call first"}),
            ),
        )
        .unwrap();
        assert_eq!(
            scheduled.changes,
            json!({"work_order": "WO-1", "appointment_at": "t2"})
        );
        let refused = event_for(
            Reader::Dealer,
            ev("signature_refused", json!({"reason": "x"})),
        );
        assert_eq!(refused.unwrap().changes, json!({}));
        let approved = event_for(
            Reader::Dealer,
            ev("report_approved", json!({"comment": "ok, bill 2h"})),
        );
        assert_eq!(approved.unwrap().changes, json!({}));
    }

    #[test]
    fn rejections_submissions_and_unknown_actions_are_internal() {
        for action in ["report_rejected", "report_submitted", "sign_link_created"] {
            let e = ev(action, json!({"comment": "redo the seal"}));
            assert_eq!(event_for(Reader::Dealer, e.clone()), None, "{action}");
            assert_eq!(event_for(Reader::Customer, e), None, "{action}");
        }
        assert_eq!(
            event_for(Reader::Dealer, ev("something_new", json!({}))),
            None
        );
        let staff = event_for(
            Reader::Staff,
            ev("report_rejected", json!({"comment": "c"})),
        );
        assert_eq!(staff.unwrap().changes, json!({"comment": "c"}));
    }

    #[test]
    fn the_customer_reads_a_narrower_timeline_than_the_dealer() {
        let contacted = ev("contacted", json!({"note": "n"}));
        assert!(event_for(Reader::Dealer, contacted.clone()).is_some());
        assert_eq!(event_for(Reader::Customer, contacted), None);
        let signed = ev("signed", json!({"signer_name": "张三", "ip": "1.2.3.4"}));
        assert_eq!(
            event_for(Reader::Customer, signed).unwrap().changes,
            json!({"signer_name": "张三"})
        );
    }

    #[test]
    fn every_action_has_a_visibility_and_internal_ones_show_no_field() {
        let mut internal = Vec::new();
        for a in AuditAction::ALL {
            let (v, fields) = event(*a);
            if v == Visibility::Internal {
                assert!(fields.is_empty(), "{a}");
                internal.push(a.as_str());
            }
            for f in fields {
                assert!(
                    ![
                        "note",
                        "notes",
                        "reason",
                        "comment",
                        "requirements",
                        "labour_hours"
                    ]
                    .contains(f),
                    "{a} shows {f}"
                );
            }
        }
        assert_eq!(
            internal,
            [
                "updated",
                "activated",
                "deactivated",
                "password_changed",
                "profile_updated",
                "sign_in_unlocked",
                "report_started",
                "report_submitted",
                "report_rejected",
                "sign_link_created",
                "closed_unsigned",
                "complaint_opened",
                "follow_up_attempted",
                "stock_received",
                "stock_adjusted",
                "stock_transferred",
                "stocktake_opened",
                "stocktake_counted",
                "stocktake_reconciled",
                "stocktake_cancelled",
                "purchase_requested",
                "purchase_approved",
                "purchase_ordered",
                "purchase_received",
                "purchase_cancelled",
                "purchase_noted",
                "requisition_created",
                "parts_issued",
                "parts_short",
                "parts_returned",
                "parts_exchanged",
                "requisition_cancelled",
            ]
        );
    }

    #[test]
    fn readers_see_their_level_and_the_wider_ones() {
        use Visibility::*;
        let seen = |r: Reader| {
            Visibility::ALL
                .iter()
                .filter(|v| r.sees(**v))
                .map(|v| v.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(seen(Reader::Staff), ["internal", "dealer", "customer"]);
        assert_eq!(seen(Reader::Dealer), ["dealer", "customer"]);
        assert_eq!(seen(Reader::Customer), ["customer"]);
        assert_eq!(field(REPORT_FIELDS, "review_comment"), Internal);
        assert_eq!(field(REPORT_FIELDS, "last_rejection"), Internal);
        assert_eq!(field(REPORT_FIELDS, "reviewer_name"), Internal);
        assert_eq!(field(REPORT_FIELDS, "cause"), Customer);
        assert_eq!(field(WORK_ORDER_FIELDS, "requirements"), Internal);
        assert_eq!(field(WORK_ORDER_FIELDS, "finish_notes"), Internal);
        assert_eq!(field(WORK_ORDER_FIELDS, "dispatcher_name"), Internal);
        assert_eq!(field(WORK_ORDER_FIELDS, "appointment_at"), Customer);
    }

    #[test]
    fn a_dealer_is_the_reader_bound_to_a_dealer() {
        use crate::roles::Role;
        let actor = |roles: &[Role], dealer: Option<u128>| Actor {
            user_id: Uuid::from_u128(7),
            username: "x".into(),
            roles: roles.to_vec(),
            dealer_id: dealer.map(Uuid::from_u128),
        };
        assert_eq!(Reader::of(&actor(&[Role::Dealer], Some(1))), Reader::Dealer);
        assert_eq!(
            Reader::of(&actor(&[Role::Integration], Some(1))),
            Reader::Dealer
        );
        assert_eq!(
            Reader::of(&actor(&[Role::Integration], None)),
            Reader::Staff
        );
        assert_eq!(Reader::of(&actor(&[Role::Supervisor], None)), Reader::Staff);
    }

    fn keys<T: serde::Serialize>(v: &T) -> Vec<String> {
        match serde_json::to_value(v).unwrap() {
            serde_json::Value::Object(m) => m.keys().cloned().collect(),
            other => panic!("not an object: {other}"),
        }
    }

    #[test]
    fn the_report_summary_on_a_request_shows_only_what_a_dealer_may_read() {
        use crate::service::{ReportStatus, ReportSummary};
        let s = ReportSummary {
            status: ReportStatus::Approved,
            engineer_name: "李工".into(),
            cause: "c".into(),
            measures: "m".into(),
            further_problems: None,
            proposals: None,
            fault: Default::default(),
            inspection_passed: Some(true),
            reviewed_at: None,
            signed_at: None,
        };
        let k = keys(&s);
        assert_eq!(k.len(), 10);
        for key in k {
            assert!(
                Reader::Dealer.sees(field(REPORT_FIELDS, &key)),
                "{key} is internal"
            );
        }
        let shown: Vec<_> = ReportStatus::ALL
            .iter()
            .filter(|s| ReportSummary::shown(**s))
            .map(|s| s.as_str())
            .collect();
        assert_eq!(
            shown,
            ["approved", "signed", "signature_refused", "closed_unsigned"]
        );
    }

    #[test]
    fn the_sign_page_shows_the_customer_nothing_internal() {
        use crate::service::SignSummary;
        let s = SignSummary {
            request_number: "SR".into(),
            work_order_number: "WO".into(),
            customer_name: "c".into(),
            serial_number: None,
            model_name: None,
            engineer_name: "e".into(),
            symptoms: "s".into(),
            process: "p".into(),
            cause: "c".into(),
            measures: "m".into(),
            further_problems: None,
            proposals: None,
            labour_hours: rust_decimal::Decimal::ONE,
            parts: vec![],
            arrived_at: None,
            finished_at: None,
            expires_at: DateTime::<Utc>::MIN_UTC,
            coverage: None,
        };
        let k = keys(&s);
        assert_eq!(k.len(), 18);
        for key in k {
            // The link's own expiry is the page's, not a record's field.
            if key == "expires_at" {
                continue;
            }
            let v = [REPORT_FIELDS, WORK_ORDER_FIELDS, REQUEST_FIELDS]
                .iter()
                .map(|t| field(t, &key))
                .max_by_key(|v| Visibility::ALL.iter().position(|x| x == v))
                .unwrap();
            assert_eq!(v, Visibility::Customer, "{key}");
        }
    }

    /// A dealer reads the changes to the files it keeps, never the maker's
    /// reasons and notes, and no workflow or account event on a file.
    #[test]
    fn a_dealer_reads_its_files_changes_but_not_the_makers_reasons() {
        let warranty = ev(
            "warranty_changed",
            json!({"warranty_end": ["2026-01-01", "2027-01-01"], "reason": "补录发票"}),
        );
        let seen = archive_event_for(Reader::Dealer, warranty.clone()).unwrap();
        assert_eq!(
            seen.changes,
            json!({"warranty_end": ["2026-01-01", "2027-01-01"]})
        );
        assert_eq!(
            archive_event_for(Reader::Staff, warranty.clone()),
            Some(warranty)
        );

        let reissue = ev(
            "certificate_reissue_requested",
            json!({"due_on": "2026-12-20", "notes": "客户电话里很急"}),
        );
        let seen = archive_event_for(Reader::Dealer, reissue).unwrap();
        assert_eq!(seen.changes, json!({"due_on": "2026-12-20"}));

        let updated = ev("updated", json!({"phone": ["1", "2"], "secret": [1, 2]}));
        let seen = archive_event_for(Reader::Dealer, updated).unwrap();
        assert_eq!(seen.changes, json!({"phone": ["1", "2"]}));

        for hidden in ["report_rejected", "password_changed", "something_new"] {
            assert_eq!(
                archive_event_for(Reader::Dealer, ev(hidden, json!({}))),
                None,
                "{hidden}"
            );
        }
        let replaced = ev(
            "machine_replaced",
            json!({"new_serial": "X2", "note": "内部"}),
        );
        let seen = archive_event_for(Reader::Customer, replaced).unwrap();
        assert_eq!(seen.changes, json!({"new_serial": "X2"}));
    }
}
