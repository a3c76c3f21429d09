//! Work orders (维修任务单): the engineer's schedule, check-in, finish, and the
//! supervisor's reassignment.

use super::common::*;
use crate::Store;
use crate::db::now;
use crate::entities::{acknowledgement_signature, repair_report, service_request, work_order};
use crate::error::StoreError;
use crate::pipeline::{Pipeline, Target};
use furrow_domain::auth::Actor;
use furrow_domain::service::commands::Command;
use furrow_domain::service::decide::available::case_state;
use furrow_domain::service::decide::available_commands;
use furrow_domain::service::decide::preconditions::check;
use furrow_domain::service::decide::{Case, Ctx, Decision, visits};
use furrow_domain::service::*;
use furrow_domain::{DomainError, RecordKind};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Select,
};
use std::collections::HashMap;
use uuid::Uuid;

pub use super::lists::{WorkOrderSort, list_work_orders as list};

/// Work orders the actor may see, as the permission table's scope says: a
/// field engineer their own; dealers none.
pub fn scoped(actor: &Actor) -> Select<work_order::Entity> {
    use work_order::Column as C;
    scoped_to_engineer(actor, RecordKind::WorkOrder, C::Id, C::EngineerId)
}

pub async fn find(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<work_order::Model, StoreError> {
    find_in(conn, scoped(actor), work_order::Column::Id, id).await
}

/// Work orders as views with their request's essentials.
pub async fn views(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    rows: Vec<work_order::Model>,
) -> Result<Vec<WorkOrderView>, StoreError> {
    let request_ids: Vec<Uuid> = rows.iter().map(|w| w.request_id).collect();
    let requests = service_request::Entity::find()
        .filter(service_request::Column::Id.is_in(request_ids))
        .all(conn)
        .await?;
    let request_views: HashMap<Uuid, ServiceRequestView> = request_views(conn, requests, now())
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let people = rows
        .iter()
        .flat_map(|w| [Some(w.engineer_id), w.dispatcher_id])
        .flatten();
    let names = user_names(conn, people).await?;
    let reports: HashMap<Uuid, (Uuid, String)> = repair_report::Entity::find()
        .select_only()
        .column(repair_report::Column::WorkOrderId)
        .column(repair_report::Column::Id)
        .column(repair_report::Column::Status)
        .filter(
            repair_report::Column::WorkOrderId.is_in(rows.iter().map(|w| w.id).collect::<Vec<_>>()),
        )
        .into_tuple::<(Uuid, Uuid, String)>()
        .all(conn)
        .await?
        .into_iter()
        .map(|(wo, id, s)| (wo, (id, s)))
        .collect();
    rows.into_iter()
        .map(|w| {
            let r = request_views
                .get(&w.request_id)
                .ok_or(StoreError::NotFound)?;
            let report = reports.get(&w.id);
            let status = parse(&w.status, WorkOrderStatus::parse)?;
            let report_status = report.and_then(|x| ReportStatus::parse(&x.1));
            let acknowledgement = super::records::acknowledgement(&w)?;
            let acknowledged = acknowledgement
                .as_ref()
                .is_some_and(|a| a.covers(w.finished_at));
            let state = case_state(
                r.status,
                r.needs_onsite,
                status,
                w.engineer_id,
                report_status,
                w.inspection_passed,
                acknowledged,
            );
            let actions = available_commands(actor, RecordKind::WorkOrder, &state);
            Ok(WorkOrderView {
                id: w.id,
                number: w.number,
                status,
                request_id: w.request_id,
                request_number: r.number.clone(),
                engineer_id: w.engineer_id,
                engineer_name: display_name(&names, Some(w.engineer_id)).unwrap_or_default(),
                dispatcher_name: display_name(&names, w.dispatcher_id).unwrap_or(w.dispatcher_name),
                customer_name: r.customer_name.clone(),
                customer_phone: r.customer_phone.clone(),
                serial_number: r.serial_number.clone(),
                model_name: r.model_name.clone(),
                symptoms: r.symptoms.clone(),
                priority: r.priority,
                harvest_critical: r.harvest_critical,
                site_address: w.site_address,
                requirements: w.requirements,
                arrival_due: w.arrival_due,
                appointment_at: w.appointment_at,
                arrived_at: w.arrived_at,
                finished_at: w.finished_at,
                inspection_passed: w.inspection_passed,
                finish_notes: w.finish_notes,
                acknowledgement,
                report_id: report.map(|x| x.0),
                report_status,
                coverage: r.coverage.or(r.proposed_coverage),
                actions,
                version: w.version,
                created_at: w.created_at,
                updated_at: w.updated_at,
            })
        })
        .collect()
}

pub async fn get(store: &Store, actor: &Actor, id: Uuid) -> Result<WorkOrderView, StoreError> {
    let w = find(store.conn(), actor, id).await?;
    Ok(views(store.conn(), actor, vec![w]).await?.remove(0))
}

/// Runs a visit command on work order `id` and answers the order as it is now.
async fn visit<'a>(
    store: &Store,
    actor: &'a Actor,
    id: Uuid,
    expected: Option<i32>,
    decide: impl FnOnce(&Case, &Ctx<'a>) -> Result<Decision, DomainError>,
) -> Result<WorkOrderView, StoreError> {
    Pipeline::run(store, actor, Target::WorkOrder(id), expected, decide).await?;
    get(store, actor, id).await
}

/// Confirms the appointment agreed with the customer (also the first contact).
pub async fn schedule(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &ScheduleRequest,
) -> Result<WorkOrderView, StoreError> {
    visit(store, actor, id, expected, |case, ctx| {
        visits::schedule(case, ctx, input)
    })
    .await
}

/// The engineer arrives on site; the time is the store's clock.
pub async fn check_in(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
) -> Result<WorkOrderView, StoreError> {
    visit(store, actor, id, expected, visits::check_in).await
}

/// The visit ends with the inspection (质量检验); the repair clock stops.
pub async fn finish(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &FinishRequest,
) -> Result<WorkOrderView, StoreError> {
    visit(store, actor, id, expected, |case, ctx| {
        visits::finish(case, ctx, input)
    })
    .await
}

/// The customer acknowledges the finished visit on the engineer's phone
/// (现场确认), with `png`, the drawn signature already proved a PNG of sensible
/// size; it replaces the signature of an earlier visit's acknowledgement.
pub async fn acknowledge(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &AcknowledgeRequest,
    png: Vec<u8>,
) -> Result<WorkOrderView, StoreError> {
    let p = Pipeline::for_actor(store, actor, Target::WorkOrder(id), expected).await?;
    let d = visits::acknowledge(p.case(), &p.ctx(), input)?;
    acknowledgement_signature::Entity::delete_by_id(id)
        .exec(p.tx())
        .await?;
    acknowledgement_signature::Entity::insert(acknowledgement_signature::ActiveModel {
        work_order_id: Set(id),
        signature_png: Set(png),
        created_at: Set(p.ctx().now),
    })
    .exec_without_returning(p.tx())
    .await?;
    p.commit(d).await?;
    get(store, actor, id).await
}

/// The signature of the customer's on-site acknowledgement (PNG).
pub async fn acknowledgement_signature(
    store: &Store,
    actor: &Actor,
    id: Uuid,
) -> Result<Vec<u8>, StoreError> {
    let w = find(store.conn(), actor, id).await?;
    Ok(acknowledgement_signature::Entity::find_by_id(w.id)
        .one(store.conn())
        .await?
        .ok_or(StoreError::NotFound)?
        .signature_png)
}

/// Gives the job to another engineer: this order closes as reassigned and a
/// new one takes over (supervisor); answers the new work order.
pub async fn reassign(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &ReassignRequest,
) -> Result<WorkOrderView, StoreError> {
    input.validate()?;
    let p = Pipeline::for_actor(store, actor, Target::WorkOrder(id), expected).await?;
    check(Command::Reassign, actor, &p.case().state())?;
    if p.case().work_order()?.engineer_id == input.engineer_id {
        return Err(DomainError::SameEngineer.into());
    }
    let a = super::desk::assignment(store, &p, input.engineer_id).await?;
    let d = visits::reassign(p.case(), &p.ctx(), input, &a)?;
    let done = p.commit(d).await?;
    get(
        store,
        actor,
        done.work_order_id.ok_or(StoreError::NotFound)?,
    )
    .await
}
