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
        /// Past the 三包 repair deadline the customer chose to go on with the repair.
        RepairContinued => "repair_continued",
        /// The customer chose a new machine (换货): on the request, and on the
        /// machine with its old and new serial numbers.
        MachineReplaced => "machine_replaced",
        /// A diagnosis named the part type (the 三包 deadline may move).
        Diagnosed => "diagnosed",
        /// An approved repair made the machine eligible for a new assembly or
        /// a new machine (三包 repeat-fault rule, `service::repeat_fault`).
        RepeatFaultEligible => "repeat_fault_eligible",
        /// A follow-up call that ended without an outcome.
        FollowUpAttempted => "follow_up_attempted",
        /// The follow-up's outcome: the request is closed.
        FollowedUp => "followed_up",
        /// The follow-up closed as unreachable: the request is closed.
        FollowUpUnreachable => "follow_up_unreachable",
        /// Parts received into a warehouse (入库).
        StockReceived => "stock_received",
        /// A warehouse's stock of a part corrected (库存调整).
        StockAdjusted => "stock_adjusted",
        /// Parts moved between warehouses (调拨).
        StockTransferred => "stock_transferred",
        /// A stock-take opened: its books frozen (盘点).
        StocktakeOpened => "stocktake_opened",
        /// A line of a stock-take counted (or recounted).
        StocktakeCounted => "stocktake_counted",
        /// A stock-take reconciled: its adjustments posted, accuracy recorded.
        StocktakeReconciled => "stocktake_reconciled",
        /// A stock-take cancelled: nothing posted.
        StocktakeCancelled => "stocktake_cancelled",
        /// A purchase request raised (采购申请).
        PurchaseRequested => "purchase_requested",
        /// A purchase request approved.
        PurchaseApproved => "purchase_approved",
        /// A purchase request ordered from a supplier (下单).
        PurchaseOrdered => "purchase_ordered",
        /// Parts of a purchase request received (到货).
        PurchaseReceived => "purchase_received",
        /// A purchase request cancelled, with its reason.
        PurchaseCancelled => "purchase_cancelled",
        /// A progress note on a purchase request.
        PurchaseNoted => "purchase_noted",
        /// A parts requisition (领用单) created: by a report's approval or an engineer.
        RequisitionCreated => "requisition_created",
        /// Parts issued on a requisition (发料).
        PartsIssued => "parts_issued",
        /// Lines of a requisition found short (缺料): outstanding, none in stock.
        PartsShort => "parts_short",
        /// Unused parts returned on a requisition (退库).
        PartsReturned => "parts_returned",
        /// Faulty parts exchanged on a requisition (退换).
        PartsExchanged => "parts_exchanged",
        /// A requisition cancelled.
        RequisitionCancelled => "requisition_cancelled",
        /// A request's repair held by parts found short (待配件).
        PartsAwaited => "parts_awaited",
        /// The parts a request waited for were issued (or no longer needed).
        PartsWaitEnded => "parts_wait_ended",
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
    /// A dealer reads only the fields `visibility::event` lists for the action.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub changes: serde_json::Value,
}
