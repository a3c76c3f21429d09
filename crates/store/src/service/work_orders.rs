//! Work orders (维修任务单): the engineer's schedule, check-in, finish, and the
//! supervisor's reassignment.

use super::common::*;
use super::requests::{self, ENTITY};
use crate::cursor::{decode_time, encode_time};
use crate::db::now;
use crate::entities::{repair_report, service_request, work_order};
use crate::error::StoreError;
use crate::{Store, audit};
use furrow_domain::auth::Actor;
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::service::*;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Select,
};
use std::collections::HashMap;
use uuid::Uuid;

/// Work orders the actor may see: a field engineer their own; dealers none.
pub fn scoped(actor: &Actor) -> Select<work_order::Entity> {
    let mut q = work_order::Entity::find();
    if let Some(e) = actor.engineer_scope() {
        q = q.filter(work_order::Column::EngineerId.eq(e));
    }
    if actor.dealer_scope().is_some() {
        q = q.filter(work_order::Column::Id.is_null());
    }
    q
}

pub async fn find(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<work_order::Model, StoreError> {
    scoped(actor)
        .filter(work_order::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Work orders as views with their request's essentials.
pub async fn views(
    conn: &impl ConnectionTrait,
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
    let engineers = user_names(conn, rows.iter().map(|w| w.engineer_id)).await?;
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
            Ok(WorkOrderView {
                id: w.id,
                number: w.number,
                status: parse(&w.status, WorkOrderStatus::parse)?,
                request_id: w.request_id,
                request_number: r.number.clone(),
                engineer_id: w.engineer_id,
                engineer_name: engineers.get(&w.engineer_id).cloned().unwrap_or_default(),
                dispatcher_name: w.dispatcher_name,
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
                report_id: report.map(|x| x.0),
                report_status: report.and_then(|x| ReportStatus::parse(&x.1)),
                version: w.version,
                created_at: w.created_at,
                updated_at: w.updated_at,
            })
        })
        .collect()
}

/// Filters of the work order list.
#[derive(Debug, Clone, Default)]
pub struct WorkOrderFilter {
    pub status: Option<WorkOrderStatus>,
    pub open: Option<bool>,
    pub engineer_id: Option<Uuid>,
    pub request_id: Option<Uuid>,
    pub cursor: Option<String>,
    pub limit: Option<u64>,
}

/// Work orders, newest first.
pub async fn list(
    store: &Store,
    actor: &Actor,
    f: &WorkOrderFilter,
) -> Result<Page<WorkOrderView>, StoreError> {
    use work_order::Column as C;
    let limit = clamp_limit(f.limit);
    let mut q = scoped(actor)
        .order_by_desc(C::CreatedAt)
        .order_by_desc(C::Id);
    if let Some(s) = f.status {
        q = q.filter(C::Status.eq(s.as_str()));
    }
    if let Some(o) = f.open {
        q = q.filter(C::IsOpen.eq(o));
    }
    if let Some(e) = f.engineer_id {
        q = q.filter(C::EngineerId.eq(e));
    }
    if let Some(r) = f.request_id {
        q = q.filter(C::RequestId.eq(r));
    }
    if let Some(c) = &f.cursor {
        let (at, id) = decode_time(c)?;
        q = q.filter(
            Condition::any()
                .add(C::CreatedAt.lt(at))
                .add(Condition::all().add(C::CreatedAt.eq(at)).add(C::Id.lt(id))),
        );
    }
    let mut rows = q.limit(limit + 1).all(store.conn()).await?;
    let next =
        crate::customers::page_end(&mut rows, limit).map(|w| encode_time(w.created_at, w.id));
    Ok(Page {
        items: views(store.conn(), rows).await?,
        next_cursor: next,
    })
}

pub async fn get(store: &Store, actor: &Actor, id: Uuid) -> Result<WorkOrderView, StoreError> {
    let w = find(store.conn(), actor, id).await?;
    Ok(views(store.conn(), vec![w]).await?.remove(0))
}

/// Loads a work order for an engineer's command: own order, version lock, state move.
async fn lock_own(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    to: WorkOrderStatus,
) -> Result<work_order::Model, StoreError> {
    let w = find(conn, actor, id).await?;
    if w.engineer_id != actor.user_id {
        return Err(StoreError::Forbidden(
            "this work order is assigned to another engineer".into(),
        ));
    }
    bump_version(conn, "work_orders", id, expected).await?;
    let status = parse(&w.status, WorkOrderStatus::parse)?;
    status
        .transition(to)
        .map_err(|e| wrong_state("work order", status.as_str(), e))?;
    work_order::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

async fn save(conn: &impl ConnectionTrait, w: &work_order::Model) -> Result<(), StoreError> {
    let mut w = w.clone();
    w.updated_at = now();
    work_order::Entity::update(sea_orm::ActiveModelTrait::reset_all(
        work_order::ActiveModel::from(w),
    ))
    .exec(conn)
    .await?;
    Ok(())
}

async fn request_of(
    conn: &impl ConnectionTrait,
    w: &work_order::Model,
) -> Result<service_request::Model, StoreError> {
    bump_version(conn, "service_requests", w.request_id, None).await?;
    service_request::Entity::find_by_id(w.request_id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

async fn done(store: &Store, tx: crate::WriteTx, id: Uuid) -> Result<WorkOrderView, StoreError> {
    tx.commit().await?;
    let w = work_order::Entity::find_by_id(id)
        .one(store.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(views(store.conn(), vec![w]).await?.remove(0))
}

/// Confirms the appointment agreed with the customer (also the first contact).
pub async fn schedule(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &ScheduleRequest,
) -> Result<WorkOrderView, StoreError> {
    input.validate(crate::db::now())?;
    let tx = store.begin_write().await?;
    let mut w = lock_own(&*tx, actor, id, expected, WorkOrderStatus::Scheduled).await?;
    w.status = WorkOrderStatus::Scheduled.as_str().into();
    w.appointment_at = Some(input.appointment_at);
    save(&*tx, &w).await?;
    let mut r = request_of(&*tx, &w).await?;
    if r.first_contact_at.is_none() {
        r.first_contact_at = Some(now());
        requests::save(&*tx, r).await?;
    }
    audit::record(&*tx, Some(actor), ENTITY, w.request_id, "scheduled", serde_json::json!({"work_order": w.number, "appointment_at": input.appointment_at, "note": input.note})).await?;
    done(store, tx, id).await
}

/// The engineer arrives on site; the time is the server's clock.
pub async fn check_in(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
) -> Result<WorkOrderView, StoreError> {
    let tx = store.begin_write().await?;
    let mut w = lock_own(&*tx, actor, id, expected, WorkOrderStatus::OnSite).await?;
    let t = now();
    w.status = WorkOrderStatus::OnSite.as_str().into();
    w.arrived_at = Some(t);
    save(&*tx, &w).await?;
    let mut r = request_of(&*tx, &w).await?;
    let status = parse(&r.status, RequestStatus::parse)?;
    status
        .transition(RequestStatus::InService)
        .map_err(|e| wrong_state("request", status.as_str(), e))?;
    r.status = RequestStatus::InService.as_str().into();
    r.arrived_at = Some(t);
    r.first_contact_at.get_or_insert(t);
    let late = w.arrival_due.is_some_and(|d| t > d);
    requests::save(&*tx, r).await?;
    audit::record(&*tx, Some(actor), ENTITY, w.request_id, "checked_in", serde_json::json!({"work_order": w.number, "arrived_at": t, "arrival_due": w.arrival_due, "late": late})).await?;
    done(store, tx, id).await
}

/// The visit ends with the inspection (质量检验); the repair clock stops.
pub async fn finish(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &FinishRequest,
) -> Result<WorkOrderView, StoreError> {
    let tx = store.begin_write().await?;
    let mut w = lock_own(&*tx, actor, id, expected, WorkOrderStatus::Finished).await?;
    let t = now();
    w.status = WorkOrderStatus::Finished.as_str().into();
    w.is_open = false;
    w.finished_at = Some(t);
    w.inspection_passed = Some(input.inspection_passed);
    w.finish_notes = input
        .notes
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    save(&*tx, &w).await?;
    let mut r = request_of(&*tx, &w).await?;
    r.repaired_at = Some(t);
    requests::save(&*tx, r).await?;
    audit::record(&*tx, Some(actor), ENTITY, w.request_id, "finished", serde_json::json!({"work_order": w.number, "inspection_passed": input.inspection_passed, "notes": w.finish_notes})).await?;
    done(store, tx, id).await
}

/// Gives the job to another engineer: this order closes as reassigned and a new
/// one takes over (supervisor).
pub async fn reassign(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &ReassignRequest,
) -> Result<WorkOrderView, StoreError> {
    input.validate()?;
    let tx = store.begin_write().await?;
    let w = find(&*tx, actor, id).await?;
    bump_version(&*tx, "work_orders", id, expected).await?;
    let status = parse(&w.status, WorkOrderStatus::parse)?;
    status
        .transition(WorkOrderStatus::Reassigned)
        .map_err(|e| wrong_state("work order", status.as_str(), e))?;
    if input.engineer_id == w.engineer_id {
        return Err(StoreError::conflict(
            "same_engineer",
            "the work order is already assigned to this engineer",
        ));
    }
    let name = requests::check_engineer(&*tx, input.engineer_id).await?;
    let mut old = work_order::Entity::find_by_id(id)
        .one(&*tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    old.status = WorkOrderStatus::Reassigned.as_str().into();
    old.is_open = false;
    old.close_reason = Some(input.reason.trim().into());
    save(&*tx, &old).await?;
    let mut r = request_of(&*tx, &old).await?;
    let requirements = input
        .requirements
        .as_deref()
        .or(old.requirements.as_deref());
    let new = requests::create_work_order(
        &*tx,
        actor,
        &r,
        input.engineer_id,
        Some(&old.site_address),
        requirements,
    )
    .await?;
    r.work_order_id = Some(new.id);
    r.engineer_id = Some(input.engineer_id);
    requests::save(&*tx, r).await?;
    audit::record(&*tx, Some(actor), ENTITY, old.request_id, "reassigned", serde_json::json!({"from_work_order": old.number, "work_order": new.number, "engineer": name, "reason": input.reason.trim()})).await?;
    done(store, tx, new.id).await
}
