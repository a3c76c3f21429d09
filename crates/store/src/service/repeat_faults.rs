//! The 三包 repeat-fault rule (`domain::service::repeat_fault`) on a
//! machine's stored reports: the eligibility its pages show, and the event an
//! approval records when it makes the machine eligible.
//!
//! Like the warranty it reads, the rule reads every report of the machine,
//! whoever asks: the actor's scope decides which machines are shown and, for
//! a dealer, which requests behind an eligibility are named.

use super::common::parse;
use super::records;
use crate::entities::{machine, repair_report, service_request};
use crate::error::StoreError;
use crate::pipeline::Pipeline;
use crate::{Store, settings};
use chrono::FixedOffset;
use furrow_domain::RecordKind;
use furrow_domain::access;
use furrow_domain::auth::Actor;
use furrow_domain::master::WarrantyState;
use furrow_domain::service::decide::Decision;
use furrow_domain::service::repeat_fault::{
    FaultRecord, Period, RepeatFault, as_decided, repeat_faults, with_eligibility,
};
use furrow_domain::service::{ReportStatus, RequestKind};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

type RequestRow = (
    Uuid,
    String,
    Option<Uuid>,
    String,
    chrono::DateTime<chrono::Utc>,
);

/// Every repair report of the machine `machine_id`, with its request.
async fn fault_records(
    conn: &impl ConnectionTrait,
    machine_id: Uuid,
) -> Result<Vec<FaultRecord>, StoreError> {
    use service_request::Column as C;
    let requests: HashMap<Uuid, RequestRow> = service_request::Entity::find()
        .select_only()
        .columns([C::Id, C::Number, C::DealerId, C::Kind, C::ReportedAt])
        .filter(C::MachineId.eq(machine_id))
        .into_tuple::<RequestRow>()
        .all(conn)
        .await?
        .into_iter()
        .map(|r| (r.0, r))
        .collect();
    if requests.is_empty() {
        return Ok(Vec::new());
    }
    let reports = repair_report::Entity::find()
        .filter(repair_report::Column::RequestId.is_in(requests.keys().copied()))
        .all(conn)
        .await?;
    reports
        .iter()
        .filter_map(|m| requests.get(&m.request_id).map(|r| (m, r)))
        .map(|(m, (id, number, dealer_id, kind, reported_at))| {
            Ok(FaultRecord {
                report_id: m.id,
                request_id: *id,
                request_number: number.clone(),
                dealer_id: *dealer_id,
                kind: parse(kind, RequestKind::parse)?,
                reported_at: *reported_at,
                status: parse(&m.status, ReportStatus::parse)?,
                reviewed_at: m.reviewed_at,
                fault: records::fault(m)?,
            })
        })
        .collect()
}

/// What the rule reads of machine `m`'s 三包 period: its warranty today,
/// as every page computes it, and the company's time zone.
async fn period_of(
    conn: &impl ConnectionTrait,
    m: &machine::Model,
) -> Result<(WarrantyState, FixedOffset), StoreError> {
    let zone = settings::sla(conn).await?.0.zone();
    let warranty = crate::warranty::of_machines(conn, std::slice::from_ref(m))
        .await?
        .remove(&m.id)
        .unwrap_or_else(|| crate::warranty::as_sold(m));
    Ok((warranty, zone))
}

fn period<'a>(
    m: &machine::Model,
    (warranty, zone): &'a (WarrantyState, FixedOffset),
) -> Period<'a> {
    Period {
        warranty,
        start: crate::warranty::terms(m).period_start(),
        zone: *zone,
    }
}

/// `GET /machines/{id}/repeat-faults`: the machine's eligibility for a new
/// assembly or a new machine, as `actor` may read it (a dealer: the
/// requests of its own named, the others' dates only).
pub async fn of_machine(
    store: &Store,
    actor: &Actor,
    machine_id: Uuid,
) -> Result<Vec<RepeatFault>, StoreError> {
    let conn = store.conn();
    let m = crate::machines::scoped(actor)
        .filter(machine::Column::Id.eq(machine_id))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let records = fault_records(conn, machine_id).await?;
    let read = period_of(conn, &m).await?;
    let all = repeat_faults(&records, &period(&m, &read));
    Ok(match access::own_dealer(actor, RecordKind::Machine) {
        Some(own) => all.into_iter().map(|f| f.for_dealer(own)).collect(),
        None => all,
    })
}

/// An approval's decision with the `repeat_fault_eligible` events of what
/// it makes the machine eligible for (read in the command's transaction,
/// before and as decided); any other decision as it is.
pub(crate) async fn on_approval(
    p: &Pipeline<'_>,
    decision: Decision,
) -> Result<Decision, StoreError> {
    let (Some(report), Some(machine_id)) = (&decision.report, p.request_row().machine_id) else {
        return Ok(decision);
    };
    if report.status != ReportStatus::Approved || report.content.fault.assembly_at_fault().is_none()
    {
        return Ok(decision);
    }
    let conn = p.tx();
    let Some(m) = machine::Entity::find_by_id(machine_id).one(conn).await? else {
        return Ok(decision);
    };
    let stored = fault_records(conn, machine_id).await?;
    let read = period_of(conn, &m).await?;
    let before = repeat_faults(&stored, &period(&m, &read));
    let after = repeat_faults(&as_decided(&stored, report), &period(&m, &read));
    let request_id = p.case().request.id;
    Ok(with_eligibility(decision, request_id, &before, &after))
}
