//! Parts requisitions (领用单): the parts a work order needs, issued by a
//! parts clerk to the engineer (出库 / 领用), brought back unused (退库) or
//! exchanged when faulty (退换). The rules, decided here once:
//!
//! - A requisition belongs to one work order, and so to its request and
//!   machine, and is numbered `RQ-YYYY-NNNNNN` by the one numbering
//!   mechanism.
//! - Approving a repair report creates its requisition in the same
//!   transaction ([`from_report`]): each of the report's part lines whose
//!   part number is in the catalog (matched exactly, ignoring surrounding
//!   spaces and letter case, resolved by the store) becomes an issuable line
//!   with the catalog's part; every other line (no number, or a number the
//!   catalog does not know, written as free text before the catalog existed)
//!   is kept on the requisition, visible with its text, but is not issuable.
//!   A report with no catalog part creates no requisition.
//! - An engineer asks for parts for their own open work order (assigned,
//!   scheduled or on site): every line names a catalog part ([`decide_create`]).
//! - States: `open` → `partly_issued` → `issued`, or `cancelled`; the state
//!   follows the lines ([`status_of`]): issued when every issuable line is
//!   issued in full, partly issued when something was issued.
//! - An issue ([`decide_issue`]) takes parts from one chosen warehouse to a
//!   named recipient (领用人员, required), per line never more than requested
//!   minus issued; it posts `issue` movements referring to the requisition.
//!   A line the issue leaves outstanding while the warehouse has none of the
//!   part left is short by what is outstanding ([`shortages`]): the shortage
//!   the store records (and purchasing buys).
//! - A return ([`decide_return`]) brings unused parts back into a warehouse,
//!   never more than issued minus returned, as `return` movements.
//! - An exchange (退换, [`decide_exchange`]) swaps faulty issued units for
//!   good ones at a warehouse: an `exchange_in` of the faulty units taken
//!   back (to go back to the supplier) and an `exchange_out` of the good
//!   units handed over, of the same quantity; the issued quantity does not
//!   change, the line counts what was exchanged.
//! - A requisition open or partly issued can be cancelled with a reason
//!   ([`decide_cancel`]); what was issued stays issued and can still be
//!   returned.

use super::ledger::{
    MAX_QUANTITY, Movement, MovementKind, ReferenceKind, StockReference, check_amount,
    check_quantity_scale,
};
use crate::DomainError;
use crate::access::{self, RecordKind, Scope};
use crate::auth::Actor;
use crate::service::PartLine;
use crate::service::commands::Command;
use crate::service::status::WorkOrderStatus;
use crate::validation::Validator;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

wire_enum!(
    /// Where a requisition stands (领用单状态).
    RequisitionStatus {
        /// 待发料: nothing issued yet.
        Open => "open",
        /// 部分发料
        PartlyIssued => "partly_issued",
        /// 已发料: every issuable line issued in full.
        Issued => "issued",
        /// 已取消
        Cancelled => "cancelled",
    }
);

wire_enum!(
    /// How a requisition came to be.
    RequisitionSource {
        /// Created by approving the work order's repair report.
        Report => "report",
        /// Asked for by the engineer for their open work order.
        Engineer => "engineer",
    }
);

/// One line of a requisition, as decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub id: Uuid,
    /// The catalog part; none: not issuable (the report's free text only).
    pub part_id: Option<Uuid>,
    pub part_number: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub requested: Decimal,
    pub issued: Decimal,
    pub returned: Decimal,
    pub exchanged: Decimal,
    /// What was last found short (outstanding with no stock left), until issued.
    pub short: Decimal,
}

impl Line {
    /// Whether the line can be issued at all (it names a catalog part).
    pub fn issuable(&self) -> bool {
        self.part_id.is_some()
    }

    /// What is still to issue: requested minus issued (0 when not issuable).
    pub fn outstanding(&self) -> Decimal {
        if self.issuable() {
            (self.requested - self.issued).max(Decimal::ZERO)
        } else {
            Decimal::ZERO
        }
    }

    /// What can still come back: issued minus returned.
    pub fn returnable(&self) -> Decimal {
        (self.issued - self.returned).max(Decimal::ZERO)
    }
}

/// A requisition as decided (the store keeps it as rows).
#[derive(Debug, Clone, PartialEq)]
pub struct Requisition {
    pub id: Uuid,
    pub number: String,
    pub work_order_id: Uuid,
    pub work_order_number: String,
    pub request_id: Uuid,
    pub machine_id: Option<Uuid>,
    pub engineer_id: Uuid,
    pub report_id: Option<Uuid>,
    pub source: RequisitionSource,
    pub status: RequisitionStatus,
    pub note: Option<String>,
    pub cancel_reason: Option<String>,
    pub lines: Vec<Line>,
    pub version: i32,
}

/// The work order a requisition is made for, as the decisions read it.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkOrderRef {
    pub id: Uuid,
    pub number: String,
    pub request_id: Uuid,
    pub machine_id: Option<Uuid>,
    pub engineer_id: Uuid,
    pub status: WorkOrderStatus,
}

/// A catalog part as a requisition line takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogPart {
    pub id: Uuid,
    pub part_number: String,
    pub name: String,
    pub unit: String,
    pub active: bool,
}

/// The status the lines say, for a requisition not cancelled.
pub fn status_of(lines: &[Line]) -> RequisitionStatus {
    let issuable: Vec<&Line> = lines.iter().filter(|l| l.issuable()).collect();
    if !issuable.is_empty() && issuable.iter().all(|l| l.issued >= l.requested) {
        RequisitionStatus::Issued
    } else if issuable.iter().any(|l| l.issued > Decimal::ZERO) {
        RequisitionStatus::PartlyIssued
    } else {
        RequisitionStatus::Open
    }
}

/// The key a part number is matched on: trimmed, upper case.
pub fn part_key(number: &str) -> String {
    number.trim().to_uppercase()
}

/// The lines of the requisition an approved report's parts make: a line
/// whose number `catalog` knows becomes issuable with that part; any other
/// keeps its text and is not issuable. `None` when no line is in the
/// catalog: such a report creates no requisition.
pub fn lines_from_report(
    parts: &[PartLine],
    catalog: impl Fn(&str) -> Option<CatalogPart>,
    mut new_id: impl FnMut() -> Uuid,
) -> Option<Vec<Line>> {
    let lines: Vec<Line> = parts
        .iter()
        .filter(|p| p.quantity > Decimal::ZERO)
        .map(|p| {
            let part = p
                .part_number
                .as_deref()
                .filter(|n| !n.trim().is_empty())
                .and_then(|n| catalog(&part_key(n)))
                .filter(|c| c.active);
            Line {
                id: new_id(),
                part_id: part.as_ref().map(|c| c.id),
                part_number: part
                    .as_ref()
                    .map(|c| c.part_number.clone())
                    .or_else(|| crate::master::clean(&p.part_number)),
                name: part
                    .as_ref()
                    .map_or_else(|| p.name.clone(), |c| c.name.clone()),
                unit: part.as_ref().map(|c| c.unit.clone()).or(p.unit.clone()),
                requested: p.quantity,
                issued: Decimal::ZERO,
                returned: Decimal::ZERO,
                exchanged: Decimal::ZERO,
                short: Decimal::ZERO,
            }
        })
        .collect();
    lines.iter().any(Line::issuable).then_some(lines)
}

/// The requisition an approved report creates (see [`lines_from_report`]).
pub fn from_report(
    work_order: &WorkOrderRef,
    report_id: Uuid,
    id: Uuid,
    number: String,
    lines: Vec<Line>,
) -> Requisition {
    Requisition {
        id,
        number,
        work_order_id: work_order.id,
        work_order_number: work_order.number.clone(),
        request_id: work_order.request_id,
        machine_id: work_order.machine_id,
        engineer_id: work_order.engineer_id,
        report_id: Some(report_id),
        source: RequisitionSource::Report,
        status: RequisitionStatus::Open,
        note: None,
        cancel_reason: None,
        lines,
        version: 1,
    }
}

/// One line an engineer asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RequisitionLineInput {
    pub part_id: Uuid,
    /// More than 0, up to 3 decimals.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2"))]
    pub quantity: Decimal,
}

/// Body of `POST /work-orders/{id}/requisitions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RequisitionInput {
    pub lines: Vec<RequisitionLineInput>,
    pub note: Option<String>,
}

/// One line's quantity in an issue, return or exchange.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LineQuantity {
    pub line_id: Uuid,
    /// Up to 3 decimals. In an issue 0 issues nothing of the line but checks
    /// it for a shortage; in a return or exchange more than 0.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1"))]
    pub quantity: Decimal,
}

/// Body of `POST /requisitions/{id}/issue` (发料).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IssueInput {
    pub warehouse_id: Uuid,
    /// Who receives the parts (领用人员), required.
    #[cfg_attr(feature = "openapi", schema(example = "张工"))]
    pub recipient: String,
    pub lines: Vec<LineQuantity>,
    pub note: Option<String>,
}

/// Body of `POST /requisitions/{id}/returns` (退库).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReturnInput {
    pub warehouse_id: Uuid,
    pub lines: Vec<LineQuantity>,
    /// The bin the parts go back to (one of the warehouse's).
    pub bin: Option<String>,
    pub note: Option<String>,
}

/// Body of `POST /requisitions/{id}/exchanges` (退换).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExchangeInput {
    pub warehouse_id: Uuid,
    /// Who receives the good parts (领用人员), required.
    pub recipient: String,
    pub lines: Vec<LineQuantity>,
    /// What is wrong with the parts taken back (required).
    #[cfg_attr(feature = "openapi", schema(example = "新件漏油"))]
    pub reason: String,
}

/// Body of `POST /requisitions/{id}/cancel`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CancelInput {
    /// Why (required).
    pub reason: String,
}

/// A line found short by an issue: the part and what is outstanding.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortage {
    pub line_id: Uuid,
    pub part_id: Uuid,
    pub quantity: Decimal,
}

/// What a shortage asks purchasing to buy, one entry per part in part
/// order: for each short line, what is short now beyond what the line was
/// already short of (`short_before`, by line id), which an earlier purchase
/// request already asks for. Issuing again from another empty warehouse thus
/// never buys the same units twice.
pub fn to_buy(short_before: &HashMap<Uuid, Decimal>, lines: &[Shortage]) -> Vec<(Uuid, Decimal)> {
    let mut buy: BTreeMap<Uuid, Decimal> = BTreeMap::new();
    for s in lines {
        let more = s.quantity - short_before.get(&s.line_id).copied().unwrap_or_default();
        if more > Decimal::ZERO {
            *buy.entry(s.part_id).or_default() += more;
        }
    }
    buy.into_iter().collect()
}

/// A decided change of a requisition with the movements it posts.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub requisition: Requisition,
    pub movements: Vec<Movement>,
}

fn allowed(actor: &Actor, command: Command) -> Result<(), DomainError> {
    if access::may_give_on(actor, RecordKind::Requisition, command) {
        Ok(())
    } else {
        Err(DomainError::Forbidden(command))
    }
}

fn refuse(status: RequisitionStatus, command: Command) -> DomainError {
    DomainError::invalid_state(RecordKind::Requisition, status.as_str(), command)
}

/// Whether `command` can be given on `r` now by `actor` (its role, and the
/// requisition's state): what the views' `actions` list.
pub fn available(actor: &Actor, r: &Requisition) -> Vec<Command> {
    use RequisitionStatus::*;
    let mut out = Vec::new();
    let live = matches!(r.status, Open | PartlyIssued);
    let returnable = r.lines.iter().any(|l| l.returnable() > Decimal::ZERO);
    for (command, ok) in [
        (Command::IssueParts, live),
        (Command::ReturnParts, returnable),
        (Command::ExchangeParts, returnable),
        (Command::CancelRequisition, live),
    ] {
        if ok && access::may_give_on(actor, RecordKind::Requisition, command) {
            out.push(command);
        }
    }
    out
}

/// Whether `actor` may ask for parts for a work order of `engineer_id` in
/// `status`: an engineer for their own open work order (assigned, scheduled
/// or on site). [`decide_create`] checks it, and the work order's view lists
/// `create_requisition` in its `actions` when it holds.
pub fn may_create(
    actor: &Actor,
    engineer_id: Uuid,
    status: WorkOrderStatus,
) -> Result<(), DomainError> {
    allowed(actor, Command::CreateRequisition)?;
    if access::scope(actor, RecordKind::WorkOrder) == Scope::OwnWorkOrders
        && engineer_id != actor.user_id
    {
        return Err(DomainError::NotYourWorkOrder);
    }
    if !matches!(
        status,
        WorkOrderStatus::Assigned | WorkOrderStatus::Scheduled | WorkOrderStatus::OnSite
    ) {
        return Err(DomainError::invalid_state(
            RecordKind::WorkOrder,
            status.as_str(),
            Command::CreateRequisition,
        ));
    }
    Ok(())
}

/// An engineer asks for parts for their own open work order: every line a
/// catalog part (`parts`: those the lines name, as found), more than 0.
pub fn decide_create(
    actor: &Actor,
    work_order: &WorkOrderRef,
    input: &RequisitionInput,
    parts: &[CatalogPart],
    id: Uuid,
    number: String,
    mut new_id: impl FnMut() -> Uuid,
) -> Result<Requisition, DomainError> {
    may_create(actor, work_order.engineer_id, work_order.status)?;
    let mut v = Validator::new();
    if input.lines.is_empty() {
        v.error("lines", "required", "name at least one part");
    }
    if input.lines.len() > 100 {
        v.error("lines", "too_many", "at most 100 lines");
    }
    let mut seen = HashSet::new();
    for (i, l) in input.lines.iter().enumerate() {
        let field = format!("lines[{i}].quantity");
        check_amount(&mut v, &field, l.quantity);
        let field = format!("lines[{i}].part_id");
        match parts.iter().find(|p| p.id == l.part_id) {
            None => {
                v.error(&field, "not_found", "no such part");
            }
            Some(p) if !p.active => {
                v.error(
                    &field,
                    "inactive",
                    format!("part {} is deactivated", p.part_number),
                );
            }
            Some(_) => {}
        }
        if !seen.insert(l.part_id) {
            v.error(&field, "duplicate", "each part once");
        }
    }
    v.optional_max_chars("note", input.note.as_deref(), 500);
    v.finish()?;
    let lines = input
        .lines
        .iter()
        .map(|l| {
            let p = parts.iter().find(|p| p.id == l.part_id).expect("checked");
            Line {
                id: new_id(),
                part_id: Some(p.id),
                part_number: Some(p.part_number.clone()),
                name: p.name.clone(),
                unit: Some(p.unit.clone()),
                requested: l.quantity,
                issued: Decimal::ZERO,
                returned: Decimal::ZERO,
                exchanged: Decimal::ZERO,
                short: Decimal::ZERO,
            }
        })
        .collect();
    Ok(Requisition {
        id,
        number,
        work_order_id: work_order.id,
        work_order_number: work_order.number.clone(),
        request_id: work_order.request_id,
        machine_id: work_order.machine_id,
        engineer_id: work_order.engineer_id,
        report_id: None,
        source: RequisitionSource::Engineer,
        status: RequisitionStatus::Open,
        note: crate::master::clean(&input.note),
        cancel_reason: None,
        lines,
        version: 1,
    })
}

/// Checks the lines named in a command: each once, each the requisition's.
fn named_lines<'a>(
    v: &mut Validator,
    r: &'a Requisition,
    lines: &[LineQuantity],
) -> Vec<Option<&'a Line>> {
    if lines.is_empty() {
        v.error("lines", "required", "name at least one line");
    }
    let mut seen = HashSet::new();
    lines
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let field = format!("lines[{i}].line_id");
            if !seen.insert(q.line_id) {
                v.error(&field, "duplicate", "each line once");
            }
            let line = r.lines.iter().find(|l| l.id == q.line_id);
            if line.is_none() {
                v.error(&field, "not_found", "no such line on this requisition");
            }
            line
        })
        .collect()
}

fn reference(r: &Requisition) -> StockReference {
    StockReference {
        kind: ReferenceKind::Requisition,
        id: Some(r.id),
        number: Some(r.number.clone()),
    }
}

/// The note a movement of the requisition carries: its work order, and the
/// command's note.
fn movement_note(r: &Requisition, note: Option<&str>) -> Option<String> {
    let wo = format!("工单 {}", r.work_order_number);
    Some(match crate::service::decide::text(note) {
        Some(n) => format!("{wo}: {n}"),
        None => wo,
    })
}

/// Issues parts (发料) from one warehouse to the recipient: per line at most
/// what is outstanding; a line that is not issuable cannot be named. The
/// movements are the ledger's `issue`s, referring to the requisition, with
/// the work order in their note. Shortages are found after the posting
/// ([`shortages`]).
pub fn decide_issue(
    actor: &Actor,
    r: &Requisition,
    input: &IssueInput,
) -> Result<Change, DomainError> {
    allowed(actor, Command::IssueParts)?;
    if !matches!(
        r.status,
        RequisitionStatus::Open | RequisitionStatus::PartlyIssued
    ) {
        return Err(refuse(r.status, Command::IssueParts));
    }
    let mut v = Validator::new();
    v.required_text("recipient", &input.recipient, 100)
        .optional_max_chars("note", input.note.as_deref(), 500);
    let named = named_lines(&mut v, r, &input.lines);
    for (i, (q, line)) in input.lines.iter().zip(&named).enumerate() {
        let field = format!("lines[{i}].quantity");
        if q.quantity < Decimal::ZERO || q.quantity > MAX_QUANTITY {
            v.error(&field, "out_of_range", "0 or more");
            continue;
        }
        check_quantity_scale(&mut v, &field, q.quantity);
        let Some(line) = line else { continue };
        if !line.issuable() {
            v.error(
                &format!("lines[{i}].line_id"),
                "not_issuable",
                "the line names no catalog part",
            );
        } else if q.quantity > line.outstanding() {
            v.error(
                &field,
                "more_than_outstanding",
                format!("at most {} is still to issue", line.outstanding()),
            );
        }
    }
    v.finish()?;
    let mut change = apply(r, &input.lines, |line, quantity, movements| {
        if quantity.is_zero() {
            return;
        }
        line.issued += quantity;
        line.short = line.short.min(line.outstanding());
        movements.push(Movement {
            part_id: line.part_id.expect("checked"),
            warehouse_id: input.warehouse_id,
            kind: MovementKind::Issue,
            quantity: MovementKind::Issue.signed(quantity),
            bin: None,
            reference: Some(reference(r)),
            recipient: Some(input.recipient.trim().to_owned()),
            note: movement_note(r, input.note.as_deref()),
        });
    });
    change.requisition.status = status_of(&change.requisition.lines);
    Ok(change)
}

/// A copy of `r` with `each` applied to every line `lines` names (checked
/// by `named_lines`), with the movements `each` posts.
fn apply(
    r: &Requisition,
    lines: &[LineQuantity],
    mut each: impl FnMut(&mut Line, Decimal, &mut Vec<Movement>),
) -> Change {
    let mut next = r.clone();
    let mut movements = Vec::new();
    for q in lines {
        let line = next
            .lines
            .iter_mut()
            .find(|l| l.id == q.line_id)
            .expect("checked by named_lines");
        each(line, q.quantity, &mut movements);
    }
    Change {
        requisition: next,
        movements,
    }
}

/// Each quantity of a return or an exchange: more than 0 and at most what
/// its line issued and has not had back.
fn check_returnable(v: &mut Validator, lines: &[LineQuantity], named: &[Option<&Line>]) {
    for (i, (q, line)) in lines.iter().zip(named).enumerate() {
        let field = format!("lines[{i}].quantity");
        check_amount(v, &field, q.quantity);
        if let Some(line) = line
            && q.quantity > line.returnable()
        {
            v.error(
                &field,
                "more_than_issued",
                format!("at most {} was issued and not returned", line.returnable()),
            );
        }
    }
}

/// The shortages of an issue: each line it named that is still outstanding
/// while the warehouse has none of its part left after the posting
/// (`left`: the warehouse's level of a part, read in the issue's
/// transaction), short by what is outstanding.
pub fn shortages(
    after: &Requisition,
    input: &IssueInput,
    left: impl Fn(Uuid) -> Decimal,
) -> Vec<Shortage> {
    input
        .lines
        .iter()
        .filter_map(|q| after.lines.iter().find(|l| l.id == q.line_id))
        .filter_map(|l| {
            let part = l.part_id?;
            let outstanding = l.outstanding();
            (outstanding > Decimal::ZERO && left(part) <= Decimal::ZERO).then_some(Shortage {
                line_id: l.id,
                part_id: part,
                quantity: outstanding,
            })
        })
        .collect()
}

/// Brings unused parts back (退库) into a warehouse: per line at most what
/// was issued and not yet returned, as `return` movements.
pub fn decide_return(
    actor: &Actor,
    r: &Requisition,
    input: &ReturnInput,
) -> Result<Change, DomainError> {
    allowed(actor, Command::ReturnParts)?;
    let mut v = Validator::new();
    v.optional_max_chars("bin", input.bin.as_deref(), 40)
        .optional_max_chars("note", input.note.as_deref(), 500);
    let named = named_lines(&mut v, r, &input.lines);
    check_returnable(&mut v, &input.lines, &named);
    v.finish()?;
    Ok(apply(r, &input.lines, |line, quantity, movements| {
        line.returned += quantity;
        movements.push(Movement {
            part_id: line.part_id.expect("issued lines are issuable"),
            warehouse_id: input.warehouse_id,
            kind: MovementKind::Return,
            quantity: MovementKind::Return.signed(quantity),
            bin: crate::master::clean(&input.bin),
            reference: Some(reference(r)),
            recipient: None,
            note: movement_note(r, input.note.as_deref()),
        });
    }))
}

/// Exchanges faulty issued parts for good ones (退换) at a warehouse: per
/// line at most what was issued and not returned; an `exchange_in` of the
/// faulty units and an `exchange_out` of the good ones, posted together.
pub fn decide_exchange(
    actor: &Actor,
    r: &Requisition,
    input: &ExchangeInput,
) -> Result<Change, DomainError> {
    allowed(actor, Command::ExchangeParts)?;
    let mut v = Validator::new();
    v.required_text("recipient", &input.recipient, 100)
        .required_text("reason", &input.reason, 500);
    let named = named_lines(&mut v, r, &input.lines);
    check_returnable(&mut v, &input.lines, &named);
    v.finish()?;
    let note = movement_note(r, Some(input.reason.as_str()));
    Ok(apply(r, &input.lines, |line, quantity, movements| {
        line.exchanged += quantity;
        let part_id = line.part_id.expect("issued lines are issuable");
        for (kind, recipient) in [
            (MovementKind::ExchangeIn, None),
            (
                MovementKind::ExchangeOut,
                Some(input.recipient.trim().to_owned()),
            ),
        ] {
            movements.push(Movement {
                part_id,
                warehouse_id: input.warehouse_id,
                kind,
                quantity: kind.signed(quantity),
                bin: None,
                reference: Some(reference(r)),
                recipient,
                note: note.clone(),
            });
        }
    }))
}

/// Cancels an open or partly issued requisition, with a reason; what was
/// issued stays issued.
pub fn decide_cancel(
    actor: &Actor,
    r: &Requisition,
    input: &CancelInput,
) -> Result<Requisition, DomainError> {
    allowed(actor, Command::CancelRequisition)?;
    if !matches!(
        r.status,
        RequisitionStatus::Open | RequisitionStatus::PartlyIssued
    ) {
        return Err(refuse(r.status, Command::CancelRequisition));
    }
    let mut v = Validator::new();
    v.required_text("reason", &input.reason, 500);
    v.finish()?;
    Ok(Requisition {
        status: RequisitionStatus::Cancelled,
        cancel_reason: Some(input.reason.trim().to_owned()),
        ..r.clone()
    })
}

/// One line as the API shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequisitionLineView {
    pub id: Uuid,
    /// None: the report's part number is not in the catalog (not issuable).
    pub part_id: Option<Uuid>,
    pub part_number: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub issuable: bool,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2.000"))]
    pub requested: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1.000"))]
    pub issued: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0.000"))]
    pub returned: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0.000"))]
    pub exchanged: Decimal,
    /// Found short (缺料) by an issue, until issued.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1.000"))]
    pub short: Decimal,
    /// Requested minus issued.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1.000"))]
    pub outstanding: Decimal,
}

impl From<&Line> for RequisitionLineView {
    fn from(l: &Line) -> Self {
        RequisitionLineView {
            id: l.id,
            part_id: l.part_id,
            part_number: l.part_number.clone(),
            name: l.name.clone(),
            unit: l.unit.clone(),
            issuable: l.issuable(),
            requested: l.requested,
            issued: l.issued,
            returned: l.returned,
            exchanged: l.exchanged,
            short: l.short,
            outstanding: l.outstanding(),
        }
    }
}

/// A requisition as the API shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequisitionView {
    pub id: Uuid,
    /// `RQ-2026-000123`
    pub number: String,
    pub status: RequisitionStatus,
    pub source: RequisitionSource,
    pub work_order_id: Uuid,
    pub work_order_number: String,
    pub request_id: Uuid,
    pub request_number: String,
    pub machine_id: Option<Uuid>,
    pub machine_serial: Option<String>,
    pub customer_name: Option<String>,
    pub engineer_id: Uuid,
    pub engineer_name: String,
    pub report_id: Option<Uuid>,
    pub note: Option<String>,
    pub cancel_reason: Option<String>,
    pub lines: Vec<RequisitionLineView>,
    /// Some line is short.
    pub short: bool,
    /// What the caller may do now.
    pub actions: Vec<Command>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Filters of `GET /requisitions` (the queue, latest change first).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct RequisitionFilters {
    pub status: Option<RequisitionStatus>,
    pub work_order_id: Option<Uuid>,
    pub engineer_id: Option<Uuid>,
    pub machine_id: Option<Uuid>,
    /// Part of the requisition's number.
    pub q: Option<String>,
    /// Only requisitions with a line found short (`true`).
    pub short: Option<bool>,
}

/// A part issued on a machine, as its archive lists it: the part, what was
/// issued less what came back, and the work order it went into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedPart {
    pub part_id: Uuid,
    pub part_number: String,
    pub name: String,
    pub unit: Option<String>,
    /// Issued minus returned.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2.000"))]
    pub quantity: Decimal,
    pub work_order_id: Uuid,
    pub work_order_number: String,
    pub requisition_id: Uuid,
    pub requisition_number: String,
    /// When the requisition last changed.
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_shortage_buys_only_what_became_short_beyond_what_was_short_before() {
        let (a, b, part) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let other = Uuid::from_u128(4);
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        // Line a was short 2 and is now short 5: buy 3 more. Line b of the
        // same part is newly short 1.5. Line c is short as before: nothing.
        let c = Uuid::from_u128(5);
        let before = HashMap::from([(a, d("2")), (c, d("4"))]);
        let lines = [
            Shortage {
                line_id: a,
                part_id: part,
                quantity: d("5"),
            },
            Shortage {
                line_id: b,
                part_id: part,
                quantity: d("1.5"),
            },
            Shortage {
                line_id: c,
                part_id: other,
                quantity: d("4"),
            },
        ];
        assert_eq!(to_buy(&before, &lines), vec![(part, d("4.5"))]);
        // Less short than before (some were issued meanwhile) buys nothing.
        let fewer = [Shortage {
            line_id: a,
            part_id: part,
            quantity: d("1"),
        }];
        assert!(to_buy(&before, &fewer).is_empty());
    }
    use super::*;
    use crate::roles::Role;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn actor(role: Role, id: u128) -> Actor {
        Actor {
            user_id: Uuid::from_u128(id),
            username: role.as_str().into(),
            roles: vec![role],
            dealer_id: None,
        }
    }

    const ENGINEER: u128 = 7;
    const WH: Uuid = Uuid::from_u128(900);

    fn clerk() -> Actor {
        actor(Role::PartsClerk, 3)
    }

    fn wo(status: WorkOrderStatus) -> WorkOrderRef {
        WorkOrderRef {
            id: Uuid::from_u128(50),
            number: "WO-2026-000001".into(),
            request_id: Uuid::from_u128(51),
            machine_id: Some(Uuid::from_u128(52)),
            engineer_id: Uuid::from_u128(ENGINEER),
            status,
        }
    }

    fn part(n: u128, number: &str) -> CatalogPart {
        CatalogPart {
            id: Uuid::from_u128(n),
            part_number: number.into(),
            name: format!("{number} 名"),
            unit: "个".into(),
            active: true,
        }
    }

    fn ids() -> impl FnMut() -> Uuid {
        let mut n = 1000u128;
        move || {
            n += 1;
            Uuid::from_u128(n)
        }
    }

    fn line(number: Option<&str>, q: &str) -> PartLine {
        PartLine {
            part_number: number.map(str::to_owned),
            name: "配件".into(),
            quantity: d(q),
            unit: Some("个".into()),
            coverage: None,
        }
    }

    fn requisition(requested: &[&str]) -> Requisition {
        let parts: Vec<CatalogPart> = (0..requested.len())
            .map(|i| part(100 + i as u128, &format!("P-{i}")))
            .collect();
        let input = RequisitionInput {
            lines: parts
                .iter()
                .zip(requested)
                .map(|(p, q)| RequisitionLineInput {
                    part_id: p.id,
                    quantity: d(q),
                })
                .collect(),
            note: None,
        };
        decide_create(
            &actor(Role::Engineer, ENGINEER),
            &wo(WorkOrderStatus::OnSite),
            &input,
            &parts,
            Uuid::from_u128(77),
            "RQ-2026-000001".into(),
            ids(),
        )
        .unwrap()
    }

    fn issue(r: &Requisition, qs: &[(usize, &str)]) -> IssueInput {
        IssueInput {
            warehouse_id: WH,
            recipient: " 张工 ".into(),
            lines: qs
                .iter()
                .map(|(i, q)| LineQuantity {
                    line_id: r.lines[*i].id,
                    quantity: d(q),
                })
                .collect(),
            note: None,
        }
    }

    fn fields(e: DomainError) -> Vec<String> {
        match e {
            DomainError::Validation(v) => v.fields().into_iter().map(str::to_owned).collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn report_lines_in_the_catalog_become_issuable_and_the_others_stay_visible() {
        let catalog = [part(1, "GT-0812"), part(2, "YY-3305")];
        let find = |k: &str| {
            catalog
                .iter()
                .find(|p| part_key(&p.part_number) == k)
                .cloned()
        };
        let lines = lines_from_report(
            &[
                line(Some(" gt-0812 "), "1"),
                line(Some("XX-9999"), "2"),
                line(None, "3"),
                line(Some("YY-3305"), "0.5"),
            ],
            find,
            ids(),
        )
        .unwrap();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0].part_id, Some(Uuid::from_u128(1)));
        assert_eq!(lines[0].part_number.as_deref(), Some("GT-0812"));
        assert_eq!(lines[0].name, "GT-0812 名");
        assert!(!lines[1].issuable());
        assert_eq!(lines[1].part_number.as_deref(), Some("XX-9999"));
        assert_eq!(lines[1].name, "配件");
        assert!(!lines[2].issuable());
        assert_eq!(lines[3].requested, d("0.5"));
        assert_eq!(lines[1].outstanding(), Decimal::ZERO);
        // No catalog part: no requisition.
        assert!(
            lines_from_report(&[line(Some("XX-1"), "1"), line(None, "1")], find, ids()).is_none()
        );
        assert!(lines_from_report(&[], find, ids()).is_none());
        // A deactivated part is not issued.
        let inactive = |_: &str| {
            Some(CatalogPart {
                active: false,
                ..part(1, "GT-0812")
            })
        };
        assert!(lines_from_report(&[line(Some("GT-0812"), "1")], inactive, ids()).is_none());
    }

    #[test]
    fn an_engineer_asks_for_catalog_parts_for_their_own_open_work_order() {
        let r = requisition(&["2", "1.5"]);
        assert_eq!(r.status, RequisitionStatus::Open);
        assert_eq!(r.source, RequisitionSource::Engineer);
        assert_eq!(r.lines.len(), 2);
        let p = part(100, "P-0");
        let input = RequisitionInput {
            lines: vec![RequisitionLineInput {
                part_id: p.id,
                quantity: d("1"),
            }],
            note: None,
        };
        let make = |a: &Actor, w: &WorkOrderRef, input: &RequisitionInput| {
            decide_create(
                a,
                w,
                input,
                std::slice::from_ref(&p),
                Uuid::nil(),
                "RQ".into(),
                ids(),
            )
        };
        let eng = actor(Role::Engineer, ENGINEER);
        let other = actor(Role::Engineer, 8);
        assert_eq!(
            make(&other, &wo(WorkOrderStatus::OnSite), &input).unwrap_err(),
            DomainError::NotYourWorkOrder
        );
        assert!(matches!(
            make(&eng, &wo(WorkOrderStatus::Finished), &input).unwrap_err(),
            DomainError::InvalidState { .. }
        ));
        assert!(matches!(
            make(&clerk(), &wo(WorkOrderStatus::OnSite), &input).unwrap_err(),
            DomainError::Forbidden(Command::CreateRequisition)
        ));
        let bad = RequisitionInput {
            lines: vec![
                RequisitionLineInput {
                    part_id: p.id,
                    quantity: d("0"),
                },
                RequisitionLineInput {
                    part_id: Uuid::from_u128(5),
                    quantity: d("1.0001"),
                },
            ],
            note: None,
        };
        assert_eq!(
            fields(make(&eng, &wo(WorkOrderStatus::Assigned), &bad).unwrap_err()),
            ["lines[0].quantity", "lines[1].quantity", "lines[1].part_id"]
        );
        let empty = RequisitionInput {
            lines: vec![],
            note: None,
        };
        assert_eq!(
            fields(make(&eng, &wo(WorkOrderStatus::Assigned), &empty).unwrap_err()),
            ["lines"]
        );
    }

    #[test]
    fn an_issue_is_fully_or_partly_per_line_and_never_more_than_outstanding() {
        let r = requisition(&["2", "3"]);
        let c = decide_issue(&clerk(), &r, &issue(&r, &[(0, "2"), (1, "1")])).unwrap();
        assert_eq!(c.requisition.status, RequisitionStatus::PartlyIssued);
        assert_eq!(c.movements.len(), 2);
        assert!(c.movements.iter().all(|m| m.kind == MovementKind::Issue
            && m.quantity < Decimal::ZERO
            && m.recipient.as_deref() == Some("张工")
            && m.reference.as_ref().unwrap().kind == ReferenceKind::Requisition
            && m.warehouse_id == WH));
        assert_eq!(c.movements[1].quantity, d("-1"));
        let r2 = c.requisition;
        let e =
            decide_issue(&clerk(), &r2, &issue(&r2, &[(0, "0.001"), (1, "2.001")])).unwrap_err();
        assert_eq!(fields(e), ["lines[0].quantity", "lines[1].quantity"]);
        let c = decide_issue(&clerk(), &r2, &issue(&r2, &[(1, "2")])).unwrap();
        assert_eq!(c.requisition.status, RequisitionStatus::Issued);
        let done = c.requisition;
        assert!(matches!(
            decide_issue(&clerk(), &done, &issue(&done, &[(1, "0")])).unwrap_err(),
            DomainError::InvalidState { .. }
        ));
        // The recipient is required; only parts clerks issue.
        let mut no_one = issue(&r, &[(0, "1")]);
        no_one.recipient = " ".into();
        assert_eq!(
            fields(decide_issue(&clerk(), &r, &no_one).unwrap_err()),
            ["recipient"]
        );
        for role in Role::ALL {
            let ok = decide_issue(&actor(role, 1), &r, &issue(&r, &[(0, "1")])).is_ok();
            assert_eq!(ok, role == Role::PartsClerk, "{role}");
        }
    }

    #[test]
    fn a_line_outside_the_catalog_cannot_be_issued() {
        let catalog = [part(1, "GT-0812")];
        let lines = lines_from_report(
            &[line(Some("GT-0812"), "1"), line(None, "1")],
            |k| catalog.iter().find(|p| p.part_number == k).cloned(),
            ids(),
        )
        .unwrap();
        let r = from_report(
            &wo(WorkOrderStatus::Finished),
            Uuid::nil(),
            Uuid::nil(),
            "RQ".into(),
            lines,
        );
        let e = decide_issue(&clerk(), &r, &issue(&r, &[(1, "1")])).unwrap_err();
        assert_eq!(fields(e), ["lines[0].line_id"]);
        let c = decide_issue(&clerk(), &r, &issue(&r, &[(0, "1")])).unwrap();
        // The line outside the catalog does not hold the requisition open.
        assert_eq!(c.requisition.status, RequisitionStatus::Issued);
    }

    #[test]
    fn a_line_left_outstanding_with_no_stock_left_is_short() {
        let r = requisition(&["5", "2"]);
        let input = issue(&r, &[(0, "3"), (1, "2")]);
        let c = decide_issue(&clerk(), &r, &input).unwrap();
        let p0 = r.lines[0].part_id.unwrap();
        let none_left = shortages(&c.requisition, &input, |_| Decimal::ZERO);
        assert_eq!(
            none_left,
            [Shortage {
                line_id: r.lines[0].id,
                part_id: p0,
                quantity: d("2")
            }]
        );
        // Stock left: the clerk chose a partial issue, nothing is short.
        assert!(shortages(&c.requisition, &input, |_| d("1")).is_empty());
        // Issuing the rest later clears the shortage.
        let mut after = c.requisition.clone();
        after.lines[0].short = d("2");
        let c = decide_issue(&clerk(), &after, &issue(&after, &[(0, "2")])).unwrap();
        assert_eq!(c.requisition.lines[0].short, Decimal::ZERO);
    }

    #[test]
    fn returns_and_exchanges_never_exceed_what_was_issued_and_not_returned() {
        let r = requisition(&["4"]);
        let r = decide_issue(&clerk(), &r, &issue(&r, &[(0, "3")]))
            .unwrap()
            .requisition;
        let back = |q: &str| ReturnInput {
            warehouse_id: WH,
            lines: vec![LineQuantity {
                line_id: r.lines[0].id,
                quantity: d(q),
            }],
            bin: None,
            note: None,
        };
        assert_eq!(
            fields(decide_return(&clerk(), &r, &back("3.001")).unwrap_err()),
            ["lines[0].quantity"]
        );
        let c = decide_return(&clerk(), &r, &back("1")).unwrap();
        assert_eq!(c.movements[0].kind, MovementKind::Return);
        assert_eq!(c.movements[0].quantity, d("1"));
        let r = c.requisition;
        assert_eq!(r.lines[0].returnable(), d("2"));
        let swap = |q: &str| ExchangeInput {
            warehouse_id: WH,
            recipient: "张工".into(),
            lines: vec![LineQuantity {
                line_id: r.lines[0].id,
                quantity: d(q),
            }],
            reason: "新件漏油".into(),
        };
        assert_eq!(
            fields(decide_exchange(&clerk(), &r, &swap("3")).unwrap_err()),
            ["lines[0].quantity"]
        );
        let c = decide_exchange(&clerk(), &r, &swap("2")).unwrap();
        assert_eq!(
            c.movements
                .iter()
                .map(|m| (m.kind, m.quantity))
                .collect::<Vec<_>>(),
            [
                (MovementKind::ExchangeIn, d("2")),
                (MovementKind::ExchangeOut, d("-2"))
            ]
        );
        assert_eq!(c.requisition.lines[0].issued, d("3"));
        assert_eq!(c.requisition.lines[0].exchanged, d("2"));
        let eng = actor(Role::Engineer, ENGINEER);
        assert!(matches!(
            decide_return(&eng, &r, &back("1")),
            Err(DomainError::Forbidden(_))
        ));
    }

    #[test]
    fn cancelling_needs_a_reason_and_an_unfinished_requisition() {
        let r = requisition(&["1"]);
        let no = CancelInput { reason: " ".into() };
        assert_eq!(
            fields(decide_cancel(&clerk(), &r, &no).unwrap_err()),
            ["reason"]
        );
        let c = decide_cancel(
            &clerk(),
            &r,
            &CancelInput {
                reason: "客户自购".into(),
            },
        )
        .unwrap();
        assert_eq!(c.status, RequisitionStatus::Cancelled);
        assert!(matches!(
            decide_cancel(&clerk(), &c, &CancelInput { reason: "x".into() }).unwrap_err(),
            DomainError::InvalidState { .. }
        ));
        assert!(available(&clerk(), &c).is_empty());
        assert_eq!(
            available(&clerk(), &r),
            [Command::IssueParts, Command::CancelRequisition]
        );
        assert!(available(&actor(Role::Supervisor, 1), &r).is_empty());
    }

    proptest! {
        /// Any sequence of issues and returns a clerk tries: the accepted
        /// ones never issue more than requested nor return more than issued,
        /// and the status always matches the lines.
        #[test]
        fn issued_never_exceeds_requested_nor_returned_issued(
            requested in proptest::collection::vec(1i64..5_000, 1..4),
            tries in proptest::collection::vec((any::<bool>(), 0usize..4, 0i64..6_000), 0..40),
        ) {
            let req: Vec<String> = requested.iter().map(|m| super::super::from_milli(*m).to_string()).collect();
            let refs: Vec<&str> = req.iter().map(String::as_str).collect();
            let mut r = requisition(&refs);
            for (is_issue, i, q) in tries {
                let i = i % r.lines.len();
                let q = super::super::from_milli(q);
                let before = r.clone();
                let lq = vec![LineQuantity { line_id: r.lines[i].id, quantity: q }];
                let result = if is_issue {
                    decide_issue(&clerk(), &r, &IssueInput { warehouse_id: WH, recipient: "张工".into(), lines: lq, note: None })
                } else {
                    decide_return(&clerk(), &r, &ReturnInput { warehouse_id: WH, lines: lq, bin: None, note: None })
                };
                match result {
                    Ok(c) => {
                        let moved: Decimal = c.movements.iter().map(|m| m.quantity.abs()).sum();
                        prop_assert_eq!(moved, q);
                        r = c.requisition;
                    }
                    Err(_) => prop_assert_eq!(&r, &before),
                }
                for l in &r.lines {
                    prop_assert!(l.issued <= l.requested);
                    prop_assert!(l.returned <= l.issued);
                    prop_assert!(l.issued >= Decimal::ZERO && l.returned >= Decimal::ZERO);
                }
                prop_assert_eq!(r.status, status_of(&r.lines));
            }
        }
    }
}
