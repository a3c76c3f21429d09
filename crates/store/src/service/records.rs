//! The workflow's rows as the `domain` records its decisions read, and the
//! decisions' records written back onto the rows.

use super::common::{coverage_of, parse};
use crate::entities::{follow_up, repair_report, service_request, work_order};
use crate::error::StoreError;
use chrono::{DateTime, Utc};
use furrow_domain::service::decide::{Report, Request, WorkOrder};
use furrow_domain::service::fault::{FaultIdentity, MainAssembly};
use furrow_domain::service::sanbao::LegalClock;
use furrow_domain::service::*;
use rust_decimal::Decimal;
use std::str::FromStr;

/// A stored JSON or text value this build cannot read: a data error, never a default.
fn undecodable(what: &str, detail: impl std::fmt::Display) -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom(format!(
        "stored {what} does not decode: {detail}"
    )))
}

pub fn request(m: &service_request::Model) -> Result<Request, StoreError> {
    Ok(Request {
        id: m.id,
        number: m.number.clone(),
        status: parse(&m.status, RequestStatus::parse)?,
        needs_onsite: m.needs_onsite,
        dealer_id: m.dealer_id,
        first_contact_at: m.first_contact_at,
        arrival_due: m.arrival_due,
        arrived_at: m.arrived_at,
        repaired_at: m.repaired_at,
        completed_at: m.completed_at,
        closed_at: m.closed_at,
        work_order_id: m.work_order_id,
        engineer_id: m.engineer_id,
        cancel_reason: m.cancel_reason.clone(),
        resolution: m.resolution.clone(),
        reported_at: m.reported_at,
        legal_clock: parse(&m.legal_clock, LegalClock::parse)?,
        diagnosed_part: parse(&m.diagnosed_part, SuspectedPart::parse)?,
        repair_due: m.repair_due,
        proposed_coverage: coverage_of(m.proposed_coverage.as_deref())?,
        coverage: coverage_of(m.coverage.as_deref())?,
        coverage_reason: m.coverage_reason.clone(),
        version: m.version,
    })
}

/// A follow-up call as the decisions read it.
pub fn follow_up(
    m: &follow_up::Model,
) -> Result<furrow_domain::service::follow_up::FollowUpRecord, StoreError> {
    use furrow_domain::service::follow_up::{ContactMethod, FollowUpRecord, FollowUpStatus};
    Ok(FollowUpRecord {
        id: m.id,
        request_id: m.request_id,
        due_at: m.due_at,
        status: parse(&m.status, FollowUpStatus::parse)?,
        method: m
            .method
            .as_deref()
            .map(|s| parse(s, ContactMethod::parse))
            .transpose()?,
        attempts: m.attempts,
        failed_attempts: m.failed_attempts,
        last_attempt_at: m.last_attempt_at,
        reached: m.reached,
        satisfaction: m
            .satisfaction
            .as_deref()
            .map(|s| parse(s, Satisfaction::parse))
            .transpose()?,
        machine_running_normally: m.machine_running_normally,
        comments: m.comments.clone(),
        suggestions: m.suggestions.clone(),
        completed_at: m.completed_at,
        completed_by: m.completed_by,
        version: m.version,
    })
}

/// Writes a decided follow-up onto its row.
pub fn put_follow_up(
    m: &mut follow_up::Model,
    f: &furrow_domain::service::follow_up::FollowUpRecord,
) {
    m.status = f.status.as_str().into();
    m.method = f.method.map(|x| x.as_str().to_owned());
    m.attempts = f.attempts;
    m.failed_attempts = f.failed_attempts;
    m.last_attempt_at = f.last_attempt_at;
    m.reached = f.reached;
    m.satisfaction = f.satisfaction.map(|x| x.as_str().to_owned());
    m.machine_running_normally = f.machine_running_normally;
    m.comments = f.comments.clone();
    m.suggestions = f.suggestions.clone();
    m.completed_at = f.completed_at;
    m.completed_by = f.completed_by;
}

/// Writes a decided request onto its row; `is_open` follows the status.
pub fn put_request(m: &mut service_request::Model, r: &Request) {
    m.status = r.status.as_str().into();
    m.is_open = r.status.is_open();
    m.first_contact_at = r.first_contact_at;
    m.arrived_at = r.arrived_at;
    m.repaired_at = r.repaired_at;
    m.completed_at = r.completed_at;
    m.closed_at = r.closed_at;
    m.work_order_id = r.work_order_id;
    m.engineer_id = r.engineer_id;
    m.cancel_reason = r.cancel_reason.clone();
    m.resolution = r.resolution.clone();
    m.diagnosed_part = r.diagnosed_part.as_str().into();
    m.repair_due = r.repair_due;
    m.proposed_coverage = r.proposed_coverage.map(|c| c.as_str().to_owned());
    m.coverage = r.coverage.map(|c| c.as_str().to_owned());
    m.coverage_reason = r.coverage_reason.clone();
    m.sort_due = super::common::sort_due(m);
}

pub fn work_order(m: &work_order::Model) -> Result<WorkOrder, StoreError> {
    Ok(WorkOrder {
        id: m.id,
        number: m.number.clone(),
        status: parse(&m.status, WorkOrderStatus::parse)?,
        request_id: m.request_id,
        engineer_id: m.engineer_id,
        dispatcher_id: m.dispatcher_id,
        dispatcher_name: m.dispatcher_name.clone(),
        site_address: m.site_address.clone(),
        requirements: m.requirements.clone(),
        arrival_due: m.arrival_due,
        appointment_at: m.appointment_at,
        arrived_at: m.arrived_at,
        finished_at: m.finished_at,
        inspection_passed: m.inspection_passed,
        finish_notes: m.finish_notes.clone(),
        close_reason: m.close_reason.clone(),
        acknowledgement: acknowledgement(m)?,
        version: m.version,
    })
}

/// The customer's on-site acknowledgement stored on a work order.
pub fn acknowledgement(m: &work_order::Model) -> Result<Option<Acknowledgement>, StoreError> {
    let (Some(name), Some(mark), Some(at)) =
        (&m.ack_signer_name, &m.ack_satisfaction, m.acknowledged_at)
    else {
        return Ok(None);
    };
    Ok(Some(Acknowledgement {
        signer_name: name.clone(),
        satisfaction: parse(mark, Satisfaction::parse)?,
        at,
    }))
}

/// The row of a decided work order; a new one is stamped `now`.
pub fn work_order_row(
    w: &WorkOrder,
    existing: Option<&work_order::Model>,
    now: DateTime<Utc>,
) -> work_order::Model {
    work_order::Model {
        id: w.id,
        number: w.number.clone(),
        status: w.status.as_str().into(),
        is_open: w.status.is_open(),
        request_id: w.request_id,
        engineer_id: w.engineer_id,
        dispatcher_id: w.dispatcher_id,
        dispatcher_name: w.dispatcher_name.clone(),
        site_address: w.site_address.clone(),
        requirements: w.requirements.clone(),
        arrival_due: w.arrival_due,
        appointment_at: w.appointment_at,
        arrived_at: w.arrived_at,
        finished_at: w.finished_at,
        inspection_passed: w.inspection_passed,
        finish_notes: w.finish_notes.clone(),
        close_reason: w.close_reason.clone(),
        ack_signer_name: w.acknowledgement.as_ref().map(|a| a.signer_name.clone()),
        ack_satisfaction: w
            .acknowledgement
            .as_ref()
            .map(|a| a.satisfaction.as_str().into()),
        acknowledged_at: w.acknowledgement.as_ref().map(|a| a.at),
        version: existing.map_or(1, |e| e.version),
        created_at: existing.map_or(now, |e| e.created_at),
        updated_at: now,
    }
}

/// The parts of a stored report.
pub fn parts(m: &repair_report::Model) -> Result<Vec<PartLine>, StoreError> {
    serde_json::from_value(m.parts.clone()).map_err(|e| undecodable("report parts", e))
}

/// What a stored report says of the fault it repaired.
pub fn fault(m: &repair_report::Model) -> Result<FaultIdentity, StoreError> {
    Ok(FaultIdentity {
        assembly: m
            .fault_assembly
            .as_deref()
            .map(|a| parse(a, MainAssembly::parse))
            .transpose()?,
        serious: m.fault_serious,
        assembly_replaced: m.fault_assembly_replaced,
    })
}

/// The labour hours of a stored report.
pub fn labour(m: &repair_report::Model) -> Result<Decimal, StoreError> {
    Decimal::from_str(&m.labour_hours).map_err(|e| undecodable("labour hours", e))
}

pub fn report(m: &repair_report::Model) -> Result<Report, StoreError> {
    Ok(Report {
        id: m.id,
        work_order_id: m.work_order_id,
        request_id: m.request_id,
        engineer_id: m.engineer_id,
        status: parse(&m.status, ReportStatus::parse)?,
        content: ReportDraft {
            process: m.process.clone(),
            cause: m.cause.clone(),
            measures: m.measures.clone(),
            further_problems: m.further_problems.clone(),
            proposals: m.proposals.clone(),
            labour_hours: labour(m)?,
            parts: parts(m)?,
            part_type: None,
            fault: fault(m)?,
        },
        inspection_passed: m.inspection_passed,
        submitted_at: m.submitted_at,
        reviewer_id: m.reviewer_id,
        reviewer_name: m.reviewer_name.clone(),
        review_comment: m.review_comment.clone(),
        reviewed_at: m.reviewed_at,
        signer_name: m.signer_name.clone(),
        signed_at: m.signed_at,
        refusal_reason: m.refusal_reason.clone(),
        version: m.version,
    })
}

/// The row of a decided report; the signature and its address stay as stored.
pub fn report_row(
    r: &Report,
    existing: Option<&repair_report::Model>,
    now: DateTime<Utc>,
) -> Result<repair_report::Model, StoreError> {
    Ok(repair_report::Model {
        id: r.id,
        work_order_id: r.work_order_id,
        request_id: r.request_id,
        engineer_id: r.engineer_id,
        status: r.status.as_str().into(),
        process: r.content.process.clone(),
        cause: r.content.cause.clone(),
        measures: r.content.measures.clone(),
        further_problems: r.content.further_problems.clone(),
        proposals: r.content.proposals.clone(),
        labour_hours: r.content.labour_hours.normalize().to_string(),
        parts: serde_json::to_value(&r.content.parts).map_err(|e| undecodable("parts", e))?,
        inspection_passed: r.inspection_passed,
        submitted_at: r.submitted_at,
        reviewer_id: r.reviewer_id,
        reviewer_name: r.reviewer_name.clone(),
        review_comment: r.review_comment.clone(),
        reviewed_at: r.reviewed_at,
        signer_name: r.signer_name.clone(),
        signature_png: existing.and_then(|e| e.signature_png.clone()),
        signed_at: r.signed_at,
        signed_ip: existing.and_then(|e| e.signed_ip.clone()),
        refusal_reason: r.refusal_reason.clone(),
        fault_assembly: r.content.fault.assembly.map(|a| a.as_str().into()),
        fault_serious: r.content.fault.serious,
        fault_assembly_replaced: r.content.fault.assembly_replaced,
        version: existing.map_or(1, |e| e.version),
        created_at: existing.map_or(now, |e| e.created_at),
        updated_at: now,
    })
}
