//! Purchasing (采购): purchase requests (采购申请, `PR-YYYY-NNNNNN`) raised on
//! a shortage for a work order, from a reorder suggestion, or by hand; their
//! life `requested → approved → ordered → partly_received → received`, or
//! `cancelled` with a reason; receipts that post `receipt` movements through
//! the ledger; the overdue flag; and the reorder suggestion's arithmetic.
//! Who may give each command is the permission table ([`crate::access`]);
//! whether the record's state allows it now is decided here, once, for the
//! store, the API and the web app.

use super::ledger::{
    Movement, ReceiptInput, ReferenceKind, StockReference, check_amount, decide_receipt,
};
use crate::DomainError;
use crate::access::{RecordKind, may_give_on};
use crate::audit::AuditAction;
use crate::auth::Actor;
use crate::service::commands::Command;
use crate::service::decide::Event;
use crate::validation::Validator;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The prefix of a purchase request's number: `PR-2026-000123`.
pub const NUMBER_PREFIX: &str = "PR";

/// The most lines one purchase request holds.
pub const MAX_LINES: usize = 100;

/// The days of `issue` movements a reorder suggestion reads.
pub const USAGE_DAYS: i64 = 90;

wire_enum!(
    /// Where a purchase request stands (采购进度).
    PurchaseStatus {
        /// 已申请: raised, waiting for approval.
        Requested => "requested",
        /// 已批准: approved, to be ordered from a supplier.
        Approved => "approved",
        /// 已下单: ordered from a supplier, expected on a date.
        Ordered => "ordered",
        /// 部分到货: some of it received.
        PartlyReceived => "partly_received",
        /// 已到货: all of it received.
        Received => "received",
        /// 已取消, with a reason.
        Cancelled => "cancelled",
    }
);

wire_enum!(
    /// Why a purchase request was raised (采购原因).
    PurchaseOrigin {
        /// 缺件: an issue could not be met for a work order.
        Shortage => "shortage",
        /// 补货: a reorder suggestion (stock under its reorder point).
        Reorder => "reorder",
        /// 手工: by hand (a purchasing plan).
        Manual => "manual",
    }
);

impl PurchaseStatus {
    /// Whether parts are still to come: approved, ordered or partly received.
    /// A requested one is not on order yet; neither is a finished one.
    pub fn on_order(self) -> bool {
        matches!(self, Self::Approved | Self::Ordered | Self::PartlyReceived)
    }

    /// Whether the request is finished (received or cancelled).
    pub fn closed(self) -> bool {
        matches!(self, Self::Received | Self::Cancelled)
    }
}

/// One line of a purchase request: a part, the quantity asked for and what
/// has been received of it.
#[derive(Debug, Clone, PartialEq)]
pub struct PurchaseLine {
    pub part_id: Uuid,
    pub quantity: Decimal,
    pub received: Decimal,
}

impl PurchaseLine {
    /// What is still to come of the line (never below zero).
    pub fn outstanding(&self) -> Decimal {
        (self.quantity - self.received).max(Decimal::ZERO)
    }
}

/// A purchase request as the decisions read and change it.
#[derive(Debug, Clone, PartialEq)]
pub struct PurchaseRequest {
    pub id: Uuid,
    pub number: String,
    pub origin: PurchaseOrigin,
    pub status: PurchaseStatus,
    pub work_order_id: Option<Uuid>,
    pub requisition_id: Option<Uuid>,
    pub supplier: Option<String>,
    pub expected_on: Option<NaiveDate>,
    pub cancel_reason: Option<String>,
    pub lines: Vec<PurchaseLine>,
}

/// Whether a purchase request is overdue (逾期): it has an expected date,
/// that date is before `today`, and it is still not fully received (ordered
/// or partly received; a cancelled one is not waited for).
pub fn is_overdue(
    status: PurchaseStatus,
    expected_on: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    matches!(
        status,
        PurchaseStatus::Ordered | PurchaseStatus::PartlyReceived
    ) && expected_on.is_some_and(|d| d < today)
}

/// When the parts a repair waits for are expected (预计到货), as the agent,
/// the supervisor and the request's dealer read it on the request: from the
/// open purchase requests its shortages raised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartsExpected {
    /// Open shortage purchase requests (not received, not cancelled).
    pub open_requests: usize,
    /// Of them, those not ordered yet: no expected date.
    pub undated: usize,
    /// The latest expected date of the ordered ones: the repair can go on
    /// once the last part arrives. None while none is ordered.
    pub expected_on: Option<NaiveDate>,
    /// Whether that date has passed with a part still not received.
    pub overdue: bool,
}

/// When the parts are expected, from the status and expected date of each
/// shortage purchase request of the repair; `None` when none is open (the
/// repair waits for no purchase).
pub fn parts_expected(
    requests: &[(PurchaseStatus, Option<NaiveDate>)],
    today: NaiveDate,
) -> Option<PartsExpected> {
    let open: Vec<_> = requests.iter().filter(|(s, _)| !s.closed()).collect();
    if open.is_empty() {
        return None;
    }
    Some(PartsExpected {
        open_requests: open.len(),
        undated: open.iter().filter(|(_, d)| d.is_none()).count(),
        expected_on: open.iter().filter_map(|(_, d)| *d).max(),
        overdue: open.iter().any(|(s, d)| is_overdue(*s, *d, today)),
    })
}

/// Whether a change of purchase request `before` into `after` changes what
/// [`parts_expected`] tells of its repair: a shortage's request opening or
/// closing, or its expected date moving. The repair's request then shows
/// something new and its version rises, so a reader holding the old one
/// (the page's ETag, a dealer's pull) reads it again. Whether a date has
/// passed changes with the day, not with a command, and is read afresh.
/// `before` is absent for a new request; each state is its status and
/// expected date.
pub fn changes_parts_expected(
    origin: PurchaseOrigin,
    before: Option<(PurchaseStatus, Option<NaiveDate>)>,
    after: (PurchaseStatus, Option<NaiveDate>),
) -> bool {
    let shown = |(status, on): (PurchaseStatus, Option<NaiveDate>)| (status.closed(), on);
    origin == PurchaseOrigin::Shortage && before.map(shown) != Some(shown(after))
}

/// One line of a new purchase request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PurchaseLineInput {
    pub part_id: Uuid,
    /// Units to buy, more than 0, up to 3 decimals.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "20"))]
    pub quantity: Decimal,
}

/// Body of `POST /purchase-requests` (and what a shortage raises through
/// the store's `purchasing::create_in`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPurchaseRequest {
    pub origin: PurchaseOrigin,
    /// The work order waiting for the parts: required for a shortage.
    #[serde(default)]
    pub work_order_id: Option<Uuid>,
    /// The requisition (领用单) the shortage was found on; only with a shortage.
    #[serde(default)]
    pub requisition_id: Option<Uuid>,
    /// One line per part (a part at most once).
    pub lines: Vec<PurchaseLineInput>,
    /// Why, or anything purchasing should know; kept as the first progress note.
    #[serde(default)]
    pub note: Option<String>,
}

/// Body of `POST /purchase-requests/{id}/order` (下单).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderInput {
    /// The supplier ordered from (供应商).
    #[cfg_attr(feature = "openapi", schema(example = "潍柴配件公司"))]
    pub supplier: String,
    /// When the parts are expected (预计到货), today or later.
    pub expected_on: NaiveDate,
    #[serde(default)]
    pub note: Option<String>,
}

/// One part received on a purchase request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReceiveLineInput {
    pub part_id: Uuid,
    /// Units received now, more than 0 and at most what is outstanding.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "5"))]
    pub quantity: Decimal,
}

/// Body of `POST /purchase-requests/{id}/receive` (到货入库).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReceiveInput {
    /// The warehouse the parts go into.
    pub warehouse_id: Uuid,
    /// The bin they are shelved in (one of the warehouse's).
    #[serde(default)]
    pub bin: Option<String>,
    /// The supplier's delivery note number (送货单号).
    #[serde(default)]
    pub delivery_note: Option<String>,
    pub lines: Vec<ReceiveLineInput>,
}

/// Body of `POST /purchase-requests/{id}/cancel`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CancelInput {
    /// Why it is cancelled (required).
    pub reason: String,
}

/// Body of `POST /purchase-requests/{id}/notes` (进度备注).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    #[cfg_attr(feature = "openapi", schema(example = "供应商确认周五发货"))]
    pub text: String,
}

/// A line of a purchase request as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseLineView {
    pub part_id: Uuid,
    pub part_number: String,
    pub part_name: String,
    pub spec: Option<String>,
    pub unit: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "20.000"))]
    pub quantity: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "5.000"))]
    pub received: Decimal,
    /// Still to come (quantity − received).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "15.000"))]
    pub outstanding: Decimal,
}

/// A progress note (进度备注), oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseNoteView {
    pub at: DateTime<Utc>,
    pub author_id: Uuid,
    pub author_name: String,
    pub text: String,
}

/// A purchase request (采购申请) as the API and the web app read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseRequestView {
    pub id: Uuid,
    #[cfg_attr(feature = "openapi", schema(example = "PR-2026-000042"))]
    pub number: String,
    pub origin: PurchaseOrigin,
    pub status: PurchaseStatus,
    pub work_order_id: Option<Uuid>,
    pub work_order_number: Option<String>,
    pub requisition_id: Option<Uuid>,
    pub supplier: Option<String>,
    pub expected_on: Option<NaiveDate>,
    /// Expected before today and not fully received ([`is_overdue`]).
    pub overdue: bool,
    pub cancel_reason: Option<String>,
    pub lines: Vec<PurchaseLineView>,
    pub notes: Vec<PurchaseNoteView>,
    pub requested_by: Uuid,
    pub requested_by_name: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The commands the caller may give on it now.
    pub actions: Vec<Command>,
}

/// Filters of `GET /purchase-requests`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct PurchaseFilters {
    /// Part of the number (`PR-2026-0001`).
    pub q: Option<String>,
    pub status: Option<PurchaseStatus>,
    pub origin: Option<PurchaseOrigin>,
    /// Only requests with a line of this part.
    pub part_id: Option<Uuid>,
    /// Part of the supplier's name.
    pub supplier: Option<String>,
    /// Only the overdue ones (`true`), or only those not overdue (`false`).
    pub overdue: Option<bool>,
    pub work_order_id: Option<Uuid>,
    /// Only open ones (`true`: not received or cancelled), or only finished ones.
    pub open: Option<bool>,
}

/// Filters of `GET /parts/reorder-suggestions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct SuggestionFilters {
    /// Part of the part's number, name or spec.
    pub q: Option<String>,
    pub category: Option<super::PartCategory>,
}

/// A part to reorder (补货建议).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReorderSuggestion {
    pub part_id: Uuid,
    pub part_number: String,
    pub part_name: String,
    pub spec: Option<String>,
    pub category: super::PartCategory,
    pub unit: String,
    /// Over every warehouse.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "3.000"))]
    pub on_hand: Decimal,
    /// Still to come on approved, ordered and partly received requests.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0.000"))]
    pub on_order: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "10.000"))]
    pub reorder_point: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "40.000"))]
    pub reorder_quantity: Decimal,
    /// Issued in the last 90 days, over every warehouse.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "12.000"))]
    pub usage_90_days: Decimal,
    /// [`suggested_quantity`].
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "40.000"))]
    pub suggested: Decimal,
}

/// The quantity to buy of a part (补货建议量), or `None` when it needs none.
///
/// A part needs buying when its position — on hand over every warehouse plus
/// what is on order — is below its reorder point (a point of 0 never does).
/// Then the suggestion tops the position up to the larger of the part's
/// reorder quantity and its last 90 days' issues, less what is already on
/// order: `max(reorder_quantity, usage_90_days) − on_order`; and never less
/// than what brings the position back to the reorder point
/// (`reorder_point − on_hand − on_order`), so buying the suggestion always
/// clears the flag.
pub fn suggested_quantity(
    on_hand: Decimal,
    on_order: Decimal,
    reorder_point: Decimal,
    reorder_quantity: Decimal,
    usage_90_days: Decimal,
) -> Option<Decimal> {
    let position = on_hand + on_order;
    if position >= reorder_point {
        return None;
    }
    let topped = reorder_quantity.max(usage_90_days) - on_order;
    let to_point = reorder_point - position;
    Some(topped.max(to_point))
}

/// A purchase request to insert, as decided: the store numbers it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPurchase {
    pub origin: PurchaseOrigin,
    pub work_order_id: Option<Uuid>,
    pub requisition_id: Option<Uuid>,
    pub lines: Vec<PurchaseLine>,
    pub note: Option<String>,
}

/// What an accepted command on a purchase request changes.
#[derive(Debug, Clone, PartialEq)]
pub struct PurchaseDecision {
    /// The request's new state.
    pub record: PurchaseRequest,
    /// The receipts to post (receive only), referring to the request.
    pub receipts: Vec<Movement>,
    /// A progress note to add.
    pub note: Option<String>,
    /// What to write to the audit log and the outbox.
    pub event: Event,
}

fn allowed(actor: &Actor, command: Command) -> Result<(), DomainError> {
    if may_give_on(actor, RecordKind::PurchaseRequest, command) {
        Ok(())
    } else {
        Err(DomainError::Forbidden(command))
    }
}

fn clean(s: &Option<String>) -> Option<String> {
    crate::master::clean(s)
}

/// Raising a purchase request (parts clerks and purchasing): at least one
/// line, each part once with a quantity; a shortage names its work order.
pub fn decide_request(
    actor: &Actor,
    input: &NewPurchaseRequest,
) -> Result<NewPurchase, DomainError> {
    allowed(actor, Command::RequestPurchase)?;
    let mut v = Validator::new();
    if input.lines.is_empty() {
        v.error(
            "lines",
            "required",
            "a purchase request has at least one line",
        );
    } else if input.lines.len() > MAX_LINES {
        v.error(
            "lines",
            "too_many",
            format!("a purchase request has at most {MAX_LINES} lines"),
        );
    }
    let mut seen = std::collections::HashSet::new();
    for (i, l) in input.lines.iter().enumerate() {
        check_amount(&mut v, &format!("lines[{i}].quantity"), l.quantity);
        if !seen.insert(l.part_id) {
            v.error(
                &format!("lines[{i}].part_id"),
                "duplicate",
                "a part appears once per purchase request",
            );
        }
    }
    match input.origin {
        PurchaseOrigin::Shortage => {
            if input.work_order_id.is_none() {
                v.error(
                    "work_order_id",
                    "required",
                    "a shortage names the work order waiting for the parts",
                );
            }
        }
        _ => {
            if input.requisition_id.is_some() {
                v.error(
                    "requisition_id",
                    "not_allowed",
                    "only a shortage refers to a requisition",
                );
            }
        }
    }
    v.optional_max_chars("note", input.note.as_deref(), 1000);
    v.finish()?;
    Ok(NewPurchase {
        origin: input.origin,
        work_order_id: input.work_order_id,
        requisition_id: input.requisition_id,
        lines: input
            .lines
            .iter()
            .map(|l| PurchaseLine {
                part_id: l.part_id,
                quantity: l.quantity,
                received: Decimal::ZERO,
            })
            .collect(),
        note: clean(&input.note),
    })
}

/// Whether `command` can be given to a request in `status` (the state's
/// half of the rule; the permission table is the other).
pub fn state_allows(command: Command, status: PurchaseStatus) -> bool {
    use PurchaseStatus::*;
    match command {
        Command::ApprovePurchase => status == Requested,
        Command::OrderPurchase => status == Approved,
        Command::ReceivePurchase => matches!(status, Ordered | PartlyReceived),
        Command::CancelPurchase => !status.closed(),
        Command::NotePurchase => true,
        _ => false,
    }
}

fn check_state(r: &PurchaseRequest, command: Command) -> Result<(), DomainError> {
    if state_allows(command, r.status) {
        Ok(())
    } else {
        Err(DomainError::invalid_state(
            RecordKind::PurchaseRequest,
            r.status.as_str(),
            command,
        ))
    }
}

/// The commands `actor` may give on a request in `status` now, in the order
/// of [`Command::ALL`] (the record view's `actions`).
pub fn available_commands(actor: &Actor, status: PurchaseStatus) -> Vec<Command> {
    PURCHASE_COMMANDS
        .iter()
        .copied()
        .filter(|c| may_give_on(actor, RecordKind::PurchaseRequest, *c) && state_allows(*c, status))
        .collect()
}

/// The commands on an existing purchase request.
pub const PURCHASE_COMMANDS: [Command; 5] = [
    Command::ApprovePurchase,
    Command::OrderPurchase,
    Command::ReceivePurchase,
    Command::CancelPurchase,
    Command::NotePurchase,
];

fn event(r: &PurchaseRequest, action: AuditAction, data: serde_json::Value) -> Event {
    Event {
        action,
        record: RecordKind::PurchaseRequest,
        record_id: r.id,
        data,
    }
}

/// Approving a requested purchase request (purchasing, managers).
pub fn decide_approve(actor: &Actor, r: &PurchaseRequest) -> Result<PurchaseDecision, DomainError> {
    allowed(actor, Command::ApprovePurchase)?;
    check_state(r, Command::ApprovePurchase)?;
    let record = PurchaseRequest {
        status: PurchaseStatus::Approved,
        ..r.clone()
    };
    Ok(PurchaseDecision {
        event: event(
            &record,
            AuditAction::PurchaseApproved,
            serde_json::json!({"number": r.number}),
        ),
        record,
        receipts: vec![],
        note: None,
    })
}

/// Ordering an approved request from a supplier, expected on a date not
/// before `today` (purchasing).
pub fn decide_order(
    actor: &Actor,
    r: &PurchaseRequest,
    input: &OrderInput,
    today: NaiveDate,
) -> Result<PurchaseDecision, DomainError> {
    allowed(actor, Command::OrderPurchase)?;
    check_state(r, Command::OrderPurchase)?;
    let mut v = Validator::new();
    v.required_text("supplier", &input.supplier, 200)
        .optional_max_chars("note", input.note.as_deref(), 1000);
    if input.expected_on < today {
        v.error(
            "expected_on",
            "in_the_past",
            "the expected date is today or later",
        );
    } else {
        v.day_between(
            "expected_on",
            input.expected_on,
            today,
            crate::validation::latest_day(),
        );
    }
    v.finish()?;
    let record = PurchaseRequest {
        status: PurchaseStatus::Ordered,
        supplier: Some(input.supplier.trim().to_owned()),
        expected_on: Some(input.expected_on),
        ..r.clone()
    };
    Ok(PurchaseDecision {
        event: event(
            &record,
            AuditAction::PurchaseOrdered,
            serde_json::json!({"number": r.number, "supplier": record.supplier,
                "expected_on": input.expected_on}),
        ),
        record,
        receipts: vec![],
        note: clean(&input.note),
    })
}

/// Receiving parts of an ordered request into a warehouse (purchasing and
/// parts clerks): each line's part is on the request and the quantity at
/// most what is outstanding of it (409 `over_receipt` otherwise). The
/// receipts are decided by the ledger's [`decide_receipt`] and refer to the
/// request; the request is `received` once nothing is outstanding, else
/// `partly_received`.
pub fn decide_receive(
    actor: &Actor,
    r: &PurchaseRequest,
    input: &ReceiveInput,
) -> Result<PurchaseDecision, DomainError> {
    allowed(actor, Command::ReceivePurchase)?;
    check_state(r, Command::ReceivePurchase)?;
    let mut v = Validator::new();
    if input.lines.is_empty() {
        v.error("lines", "required", "receive at least one line");
    }
    let mut seen = std::collections::HashSet::new();
    for (i, l) in input.lines.iter().enumerate() {
        check_amount(&mut v, &format!("lines[{i}].quantity"), l.quantity);
        if !r.lines.iter().any(|x| x.part_id == l.part_id) {
            v.error(
                &format!("lines[{i}].part_id"),
                "not_on_request",
                "this part is not on the purchase request",
            );
        }
        if !seen.insert(l.part_id) {
            v.error(
                &format!("lines[{i}].part_id"),
                "duplicate",
                "a part appears once per receipt",
            );
        }
    }
    v.finish()?;
    let mut record = r.clone();
    let mut receipts = Vec::new();
    for l in &input.lines {
        let line = record
            .lines
            .iter_mut()
            .find(|x| x.part_id == l.part_id)
            .ok_or(DomainError::NotFound)?;
        if l.quantity > line.outstanding() {
            return Err(DomainError::OverReceipt {
                part_id: l.part_id,
                outstanding: line.outstanding(),
                received: l.quantity,
            });
        }
        line.received += l.quantity;
        let mut moves = decide_receipt(&ReceiptInput {
            part_id: l.part_id,
            warehouse_id: input.warehouse_id,
            quantity: l.quantity,
            bin: input.bin.clone(),
            delivery_note: input.delivery_note.clone(),
            note: clean(&input.delivery_note).map(|n| format!("送货单 {n}")),
        })?;
        for m in &mut moves {
            m.reference = Some(StockReference {
                kind: ReferenceKind::PurchaseRequest,
                id: Some(r.id),
                number: Some(r.number.clone()),
            });
        }
        receipts.extend(moves);
    }
    record.status = if record.lines.iter().all(|l| l.outstanding().is_zero()) {
        PurchaseStatus::Received
    } else {
        PurchaseStatus::PartlyReceived
    };
    let received: Vec<_> = input
        .lines
        .iter()
        .map(|l| serde_json::json!({"part_id": l.part_id, "quantity": l.quantity}))
        .collect();
    Ok(PurchaseDecision {
        event: event(
            &record,
            AuditAction::PurchaseReceived,
            serde_json::json!({"number": r.number, "warehouse_id": input.warehouse_id,
                "lines": received, "status": record.status,
                "delivery_note": clean(&input.delivery_note)}),
        ),
        record,
        receipts,
        note: None,
    })
}

/// Cancelling a request that is not finished, with a reason (purchasing).
/// What was received stays received; the rest is no longer on order.
pub fn decide_cancel(
    actor: &Actor,
    r: &PurchaseRequest,
    input: &CancelInput,
) -> Result<PurchaseDecision, DomainError> {
    allowed(actor, Command::CancelPurchase)?;
    check_state(r, Command::CancelPurchase)?;
    let mut v = Validator::new();
    v.required_text("reason", &input.reason, 500);
    v.finish()?;
    let reason = input.reason.trim().to_owned();
    let record = PurchaseRequest {
        status: PurchaseStatus::Cancelled,
        cancel_reason: Some(reason.clone()),
        ..r.clone()
    };
    Ok(PurchaseDecision {
        event: event(
            &record,
            AuditAction::PurchaseCancelled,
            serde_json::json!({"number": r.number, "reason": reason, "from": r.status}),
        ),
        record,
        receipts: vec![],
        note: None,
    })
}

/// A progress note (purchasing and parts clerks), in any state.
pub fn decide_note(
    actor: &Actor,
    r: &PurchaseRequest,
    input: &NoteInput,
) -> Result<PurchaseDecision, DomainError> {
    allowed(actor, Command::NotePurchase)?;
    let mut v = Validator::new();
    v.required_text("text", &input.text, 1000);
    v.finish()?;
    let text = input.text.trim().to_owned();
    Ok(PurchaseDecision {
        event: event(
            r,
            AuditAction::PurchaseNoted,
            serde_json::json!({"number": r.number, "text": text}),
        ),
        record: r.clone(),
        receipts: vec![],
        note: Some(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::Role;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: Uuid::from_u128(9),
            username: role.as_str().into(),
            roles: vec![role],
            dealer_id: None,
        }
    }

    const P1: Uuid = Uuid::from_u128(1);
    const P2: Uuid = Uuid::from_u128(2);
    const WH: Uuid = Uuid::from_u128(10);

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    #[test]
    fn a_shortage_request_changes_what_its_repair_shows_when_it_opens_closes_or_is_dated() {
        use PurchaseOrigin::{Manual, Shortage};
        use PurchaseStatus as S;
        let on = Some(today());
        let changes = |before, after| changes_parts_expected(Shortage, before, after);
        assert!(changes(None, (S::Requested, None)), "a new one");
        assert!(!changes(Some((S::Requested, None)), (S::Approved, None)));
        assert!(
            changes(Some((S::Approved, None)), (S::Ordered, on)),
            "dated"
        );
        assert!(!changes(Some((S::Ordered, on)), (S::PartlyReceived, on)));
        assert!(
            changes(Some((S::PartlyReceived, on)), (S::Received, on)),
            "closed"
        );
        assert!(
            changes(Some((S::Approved, None)), (S::Cancelled, None)),
            "closed"
        );
        assert!(
            !changes_parts_expected(Manual, Some((S::Approved, None)), (S::Ordered, on)),
            "no repair waits for a manual request"
        );
    }

    #[test]
    fn parts_are_expected_on_the_latest_date_of_the_open_requests() {
        use PurchaseStatus as S;
        let day = |n| NaiveDate::from_ymd_opt(2026, 12, n);
        assert_eq!(parts_expected(&[], today()), None);
        assert_eq!(
            parts_expected(&[(S::Received, day(5)), (S::Cancelled, None)], today()),
            None,
            "nothing open: no purchase is waited for"
        );
        let e = parts_expected(
            &[
                (S::Ordered, day(9)),
                (S::PartlyReceived, day(12)),
                (S::Requested, None),
                (S::Received, day(20)),
            ],
            today(),
        )
        .unwrap();
        assert_eq!(
            e,
            PartsExpected {
                open_requests: 3,
                undated: 1,
                expected_on: day(12),
                overdue: false,
            }
        );
        let late = parts_expected(&[(S::Ordered, day(6)), (S::Approved, None)], today()).unwrap();
        assert!(late.overdue, "6 December has passed on the 7th");
        assert_eq!(late.expected_on, day(6));
    }

    fn request(status: PurchaseStatus) -> PurchaseRequest {
        PurchaseRequest {
            id: Uuid::from_u128(100),
            number: "PR-2026-000001".into(),
            origin: PurchaseOrigin::Manual,
            status,
            work_order_id: None,
            requisition_id: None,
            supplier: None,
            expected_on: None,
            cancel_reason: None,
            lines: vec![
                PurchaseLine {
                    part_id: P1,
                    quantity: d("10"),
                    received: d("0"),
                },
                PurchaseLine {
                    part_id: P2,
                    quantity: d("2.5"),
                    received: d("0"),
                },
            ],
        }
    }

    fn order() -> OrderInput {
        OrderInput {
            supplier: " 潍柴配件 ".into(),
            expected_on: today() + chrono::Duration::days(5),
            note: None,
        }
    }

    fn receive(lines: &[(Uuid, &str)]) -> ReceiveInput {
        ReceiveInput {
            warehouse_id: WH,
            bin: None,
            delivery_note: Some("SH-1".into()),
            lines: lines
                .iter()
                .map(|(p, q)| ReceiveLineInput {
                    part_id: *p,
                    quantity: d(q),
                })
                .collect(),
        }
    }

    fn new(origin: PurchaseOrigin) -> NewPurchaseRequest {
        NewPurchaseRequest {
            origin,
            work_order_id: None,
            requisition_id: None,
            lines: vec![PurchaseLineInput {
                part_id: P1,
                quantity: d("4"),
            }],
            note: None,
        }
    }

    #[test]
    fn parts_clerks_and_purchasing_request_and_nobody_else() {
        for role in Role::ALL {
            let ok = decide_request(&actor(role), &new(PurchaseOrigin::Manual)).is_ok();
            assert_eq!(
                ok,
                matches!(role, Role::PartsClerk | Role::Purchasing),
                "{role}"
            );
        }
    }

    #[test]
    fn a_request_needs_lines_each_part_once_and_a_shortage_its_work_order() {
        let clerk = actor(Role::PartsClerk);
        let mut bad = new(PurchaseOrigin::Shortage);
        bad.lines.push(PurchaseLineInput {
            part_id: P1,
            quantity: d("0"),
        });
        let Err(DomainError::Validation(e)) = decide_request(&clerk, &bad) else {
            panic!("refused")
        };
        assert_eq!(
            e.fields(),
            vec!["lines[1].quantity", "lines[1].part_id", "work_order_id"]
        );
        let mut empty = new(PurchaseOrigin::Reorder);
        empty.lines.clear();
        empty.requisition_id = Some(P2);
        let Err(DomainError::Validation(e)) = decide_request(&clerk, &empty) else {
            panic!("refused")
        };
        assert_eq!(e.fields(), vec!["lines", "requisition_id"]);
        let mut shortage = new(PurchaseOrigin::Shortage);
        shortage.work_order_id = Some(P2);
        shortage.requisition_id = Some(P1);
        shortage.note = Some("  ".into());
        let n = decide_request(&clerk, &shortage).unwrap();
        assert_eq!(n.lines[0].received, Decimal::ZERO);
        assert_eq!(n.note, None);
    }

    /// Every command, by every role, from every state: allowed exactly when
    /// the table grants it and the state's rule lets it through.
    #[test]
    fn transitions_per_role_and_state() {
        use PurchaseStatus::*;
        let grants: &[(Command, &[Role])] = &[
            (Command::ApprovePurchase, &[Role::Purchasing, Role::Manager]),
            (Command::OrderPurchase, &[Role::Purchasing]),
            (
                Command::ReceivePurchase,
                &[Role::Purchasing, Role::PartsClerk],
            ),
            (Command::CancelPurchase, &[Role::Purchasing]),
            (Command::NotePurchase, &[Role::Purchasing, Role::PartsClerk]),
        ];
        let from: &[(Command, &[PurchaseStatus])] = &[
            (Command::ApprovePurchase, &[Requested]),
            (Command::OrderPurchase, &[Approved]),
            (Command::ReceivePurchase, &[Ordered, PartlyReceived]),
            (
                Command::CancelPurchase,
                &[Requested, Approved, Ordered, PartlyReceived],
            ),
            (Command::NotePurchase, PurchaseStatus::ALL),
        ];
        for role in Role::ALL {
            let a = actor(role);
            for status in PurchaseStatus::ALL {
                let r = request(*status);
                for (command, roles) in grants {
                    let may = roles.contains(&role);
                    let fits = from
                        .iter()
                        .find(|(c, _)| c == command)
                        .unwrap()
                        .1
                        .contains(status);
                    let got = match command {
                        Command::ApprovePurchase => decide_approve(&a, &r),
                        Command::OrderPurchase => decide_order(&a, &r, &order(), today()),
                        Command::ReceivePurchase => decide_receive(&a, &r, &receive(&[(P1, "1")])),
                        Command::CancelPurchase => decide_cancel(
                            &a,
                            &r,
                            &CancelInput {
                                reason: "不再需要".into(),
                            },
                        ),
                        _ => decide_note(
                            &a,
                            &r,
                            &NoteInput {
                                text: "催货".into(),
                            },
                        ),
                    };
                    match got {
                        Ok(_) => assert!(may && fits, "{role} {command} from {status}"),
                        Err(DomainError::Forbidden(_)) => assert!(!may, "{role} {command}"),
                        Err(DomainError::InvalidState { .. }) => {
                            assert!(may && !fits, "{role} {command} from {status}")
                        }
                        Err(e) => panic!("{role} {command} from {status}: {e}"),
                    }
                    assert_eq!(
                        available_commands(&a, *status).contains(command),
                        may && fits,
                        "{role} {command} offered from {status}"
                    );
                }
            }
        }
    }

    #[test]
    fn ordering_needs_a_supplier_and_a_date_not_in_the_past() {
        let p = actor(Role::Purchasing);
        let r = request(PurchaseStatus::Approved);
        let bad = OrderInput {
            supplier: " ".into(),
            expected_on: today() - chrono::Duration::days(1),
            note: None,
        };
        let Err(DomainError::Validation(e)) = decide_order(&p, &r, &bad, today()) else {
            panic!("refused")
        };
        assert_eq!(e.fields(), vec!["supplier", "expected_on"]);
        let ok = decide_order(&p, &r, &order(), today()).unwrap();
        assert_eq!(ok.record.status, PurchaseStatus::Ordered);
        assert_eq!(ok.record.supplier.as_deref(), Some("潍柴配件"));
        let same_day = OrderInput {
            expected_on: today(),
            ..order()
        };
        assert!(decide_order(&p, &r, &same_day, today()).is_ok());
    }

    #[test]
    fn receiving_partly_then_fully_posts_receipts_referring_to_the_request() {
        let p = actor(Role::Purchasing);
        let r = request(PurchaseStatus::Ordered);
        let first = decide_receive(&p, &r, &receive(&[(P1, "4")])).unwrap();
        assert_eq!(first.record.status, PurchaseStatus::PartlyReceived);
        assert_eq!(first.receipts.len(), 1);
        let m = &first.receipts[0];
        assert_eq!((m.part_id, m.warehouse_id, m.quantity), (P1, WH, d("4")));
        let reference = m.reference.as_ref().unwrap();
        assert_eq!(reference.kind, ReferenceKind::PurchaseRequest);
        assert_eq!(reference.id, Some(r.id));
        assert_eq!(reference.number.as_deref(), Some("PR-2026-000001"));
        let second =
            decide_receive(&p, &first.record, &receive(&[(P1, "6"), (P2, "2.5")])).unwrap();
        assert_eq!(second.record.status, PurchaseStatus::Received);
        assert!(
            second
                .record
                .lines
                .iter()
                .all(|l| l.outstanding().is_zero())
        );
    }

    #[test]
    fn receiving_more_than_ordered_or_another_part_is_refused() {
        let p = actor(Role::PartsClerk);
        let r = request(PurchaseStatus::Ordered);
        assert_eq!(
            decide_receive(&p, &r, &receive(&[(P2, "2.501")])),
            Err(DomainError::OverReceipt {
                part_id: P2,
                outstanding: d("2.5"),
                received: d("2.501"),
            })
        );
        let Err(DomainError::Validation(e)) =
            decide_receive(&p, &r, &receive(&[(Uuid::from_u128(3), "1"), (P1, "0")]))
        else {
            panic!("refused")
        };
        assert_eq!(e.fields(), vec!["lines[0].part_id", "lines[1].quantity"]);
    }

    #[test]
    fn cancelling_needs_a_reason() {
        let p = actor(Role::Purchasing);
        let r = request(PurchaseStatus::Ordered);
        let Err(DomainError::Validation(e)) =
            decide_cancel(&p, &r, &CancelInput { reason: "".into() })
        else {
            panic!("refused")
        };
        assert_eq!(e.fields(), vec!["reason"]);
    }

    #[test]
    fn overdue_is_expected_before_today_and_not_fully_received() {
        use PurchaseStatus::*;
        let yesterday = Some(today() - chrono::Duration::days(1));
        assert!(is_overdue(Ordered, yesterday, today()));
        assert!(is_overdue(PartlyReceived, yesterday, today()));
        assert!(!is_overdue(Ordered, Some(today()), today()));
        assert!(!is_overdue(Received, yesterday, today()));
        assert!(!is_overdue(Cancelled, yesterday, today()));
        assert!(!is_overdue(Approved, None, today()));
    }

    #[test]
    fn a_suggestion_tops_up_to_the_larger_of_reorder_quantity_and_usage_less_on_order() {
        // Not under the point (on hand plus on order): nothing.
        assert_eq!(
            suggested_quantity(d("6"), d("4"), d("10"), d("40"), d("0")),
            None
        );
        assert_eq!(
            suggested_quantity(d("0"), d("0"), d("0"), d("40"), d("9")),
            None
        );
        // The reorder quantity, less what is on order.
        assert_eq!(
            suggested_quantity(d("3"), d("5"), d("10"), d("40"), d("12")),
            Some(d("35"))
        );
        // Busier than the reorder quantity: the 90 days' usage.
        assert_eq!(
            suggested_quantity(d("3"), d("0"), d("10"), d("40"), d("55.5")),
            Some(d("55.5"))
        );
        // Much on order already: at least back to the point.
        assert_eq!(
            suggested_quantity(d("0"), d("9"), d("20"), d("8"), d("0")),
            Some(d("11"))
        );
    }

    proptest! {
        /// Buying the suggestion always lifts the position to the reorder
        /// point or above; and a part at or over its point gets none.
        #[test]
        fn buying_the_suggestion_clears_the_flag(
            on_hand in 0i64..1_000_000, on_order in 0i64..1_000_000,
            point in 0i64..1_000_000, qty in 0i64..1_000_000, usage in 0i64..1_000_000,
        ) {
            let m = |x: i64| Decimal::new(x, 3);
            match suggested_quantity(m(on_hand), m(on_order), m(point), m(qty), m(usage)) {
                None => prop_assert!(on_hand + on_order >= point),
                Some(s) => {
                    prop_assert!(s > Decimal::ZERO);
                    prop_assert!(m(on_hand) + m(on_order) + s >= m(point));
                    prop_assert!(m(on_order) + s >= m(qty.max(usage)));
                }
            }
        }
    }
}
