//! Repair reports (维修报告): the engineer's draft and submission, the
//! supervisor's review.

use super::common::*;
use super::requests::{self, ENTITY};
use super::work_orders;
use crate::cursor::{decode_time, encode_time};
use crate::db::now;
use crate::entities::{repair_report, service_request, work_order};
use crate::error::StoreError;
use crate::{Store, audit};
use furrow_domain::auth::Actor;
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::service::*;
use rust_decimal::Decimal;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Select,
};
use std::collections::HashMap;
use std::str::FromStr;
use uuid::Uuid;

/// Reports the actor may see: a field engineer their own; dealers none.
pub fn scoped(actor: &Actor) -> Select<repair_report::Entity> {
    let mut q = repair_report::Entity::find();
    if let Some(e) = actor.engineer_scope() {
        q = q.filter(repair_report::Column::EngineerId.eq(e));
    }
    if actor.dealer_scope().is_some() {
        q = q.filter(repair_report::Column::Id.is_null());
    }
    q
}

pub async fn find(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<repair_report::Model, StoreError> {
    scoped(actor)
        .filter(repair_report::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

pub fn parts_of(m: &repair_report::Model) -> Vec<PartLine> {
    serde_json::from_value(m.parts.clone()).unwrap_or_default()
}

pub fn labour_of(m: &repair_report::Model) -> Decimal {
    Decimal::from_str(&m.labour_hours).unwrap_or_default()
}

pub fn draft_of(m: &repair_report::Model) -> ReportDraft {
    ReportDraft {
        process: m.process.clone(),
        cause: m.cause.clone(),
        measures: m.measures.clone(),
        further_problems: m.further_problems.clone(),
        proposals: m.proposals.clone(),
        labour_hours: labour_of(m),
        parts: parts_of(m),
    }
}

/// Reports as views with their work order and request numbers.
pub async fn views(
    conn: &impl ConnectionTrait,
    rows: Vec<repair_report::Model>,
) -> Result<Vec<RepairReportView>, StoreError> {
    let wos: HashMap<Uuid, String> = work_order::Entity::find()
        .select_only()
        .column(work_order::Column::Id)
        .column(work_order::Column::Number)
        .filter(
            work_order::Column::Id.is_in(rows.iter().map(|r| r.work_order_id).collect::<Vec<_>>()),
        )
        .into_tuple::<(Uuid, String)>()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    let srs: HashMap<Uuid, String> = service_request::Entity::find()
        .select_only()
        .column(service_request::Column::Id)
        .column(service_request::Column::Number)
        .filter(
            service_request::Column::Id
                .is_in(rows.iter().map(|r| r.request_id).collect::<Vec<_>>()),
        )
        .into_tuple::<(Uuid, String)>()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    let names = user_names(conn, rows.iter().map(|r| r.engineer_id)).await?;
    rows.into_iter()
        .map(|m| {
            Ok(RepairReportView {
                id: m.id,
                work_order_id: m.work_order_id,
                work_order_number: wos.get(&m.work_order_id).cloned().unwrap_or_default(),
                request_id: m.request_id,
                request_number: srs.get(&m.request_id).cloned().unwrap_or_default(),
                status: parse(&m.status, ReportStatus::parse)?,
                engineer_name: names.get(&m.engineer_id).cloned().unwrap_or_default(),
                labour_hours: labour_of(&m),
                parts: parts_of(&m),
                process: m.process,
                cause: m.cause,
                measures: m.measures,
                further_problems: m.further_problems,
                proposals: m.proposals,
                inspection_passed: m.inspection_passed,
                submitted_at: m.submitted_at,
                reviewer_name: m.reviewer_name,
                review_comment: m.review_comment,
                reviewed_at: m.reviewed_at,
                signer_name: m.signer_name,
                signed_at: m.signed_at,
                refusal_reason: m.refusal_reason,
                has_signature: m.signature_png.is_some(),
                version: m.version,
                created_at: m.created_at,
                updated_at: m.updated_at,
            })
        })
        .collect()
}

pub async fn get(store: &Store, actor: &Actor, id: Uuid) -> Result<RepairReportView, StoreError> {
    let m = find(store.conn(), actor, id).await?;
    Ok(views(store.conn(), vec![m]).await?.remove(0))
}

/// The report of a work order, if one was started.
pub async fn of_work_order(
    store: &Store,
    actor: &Actor,
    work_order_id: Uuid,
) -> Result<RepairReportView, StoreError> {
    work_orders::find(store.conn(), actor, work_order_id).await?;
    let m = scoped(actor)
        .filter(repair_report::Column::WorkOrderId.eq(work_order_id))
        .one(store.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(views(store.conn(), vec![m]).await?.remove(0))
}

/// The stored signature image.
pub async fn signature(store: &Store, actor: &Actor, id: Uuid) -> Result<Vec<u8>, StoreError> {
    find(store.conn(), actor, id)
        .await?
        .signature_png
        .ok_or(StoreError::NotFound)
}

/// Reports by status (the review queue is `submitted`), oldest submission first.
pub async fn list(
    store: &Store,
    actor: &Actor,
    status: Option<ReportStatus>,
    cursor: Option<&str>,
    limit: Option<u64>,
) -> Result<Page<RepairReportView>, StoreError> {
    use repair_report::Column as C;
    let limit = clamp_limit(limit);
    let mut q = scoped(actor).order_by_asc(C::UpdatedAt).order_by_asc(C::Id);
    if let Some(s) = status {
        q = q.filter(C::Status.eq(s.as_str()));
    }
    if let Some(c) = cursor {
        let (at, id) = decode_time(c)?;
        q = q.filter(
            Condition::any()
                .add(C::UpdatedAt.gt(at))
                .add(Condition::all().add(C::UpdatedAt.eq(at)).add(C::Id.gt(id))),
        );
    }
    let mut rows = q.limit(limit + 1).all(store.conn()).await?;
    let next =
        crate::customers::page_end(&mut rows, limit).map(|r| encode_time(r.updated_at, r.id));
    Ok(Page {
        items: views(store.conn(), rows).await?,
        next_cursor: next,
    })
}

async fn save(conn: &impl ConnectionTrait, m: &repair_report::Model) -> Result<(), StoreError> {
    let mut m = m.clone();
    m.updated_at = now();
    repair_report::Entity::update(sea_orm::ActiveModelTrait::reset_all(
        repair_report::ActiveModel::from(m),
    ))
    .exec(conn)
    .await?;
    Ok(())
}

fn apply(m: &mut repair_report::Model, d: &ReportDraft) {
    m.process = d.process.trim().into();
    m.cause = d.cause.trim().into();
    m.measures = d.measures.trim().into();
    m.further_problems = d
        .further_problems
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    m.proposals = d
        .proposals
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    m.labour_hours = d.labour_hours.normalize().to_string();
    m.parts = serde_json::to_value(&d.parts).unwrap_or_default();
}

/// Saves the engineer's draft for their work order (on site or finished).
/// A rejected report goes back to draft with the first save.
pub async fn save_draft(
    store: &Store,
    actor: &Actor,
    work_order_id: Uuid,
    expected: Option<i32>,
    draft: &ReportDraft,
) -> Result<RepairReportView, StoreError> {
    draft.validate_draft()?;
    let tx = store.begin_write().await?;
    let w = work_orders::find(&*tx, actor, work_order_id).await?;
    if w.engineer_id != actor.user_id {
        return Err(StoreError::Forbidden(
            "this work order is assigned to another engineer".into(),
        ));
    }
    let wo_status = parse(&w.status, WorkOrderStatus::parse)?;
    if !matches!(
        wo_status,
        WorkOrderStatus::OnSite | WorkOrderStatus::Finished
    ) {
        return Err(StoreError::conflict(
            "invalid_state",
            format!("the work order is {wo_status}: the report is written on site or after"),
        ));
    }
    let existing = repair_report::Entity::find()
        .filter(repair_report::Column::WorkOrderId.eq(work_order_id))
        .one(&*tx)
        .await?;
    let id = match existing {
        Some(current) => {
            bump_version(&*tx, "repair_reports", current.id, expected).await?;
            let status = parse(&current.status, ReportStatus::parse)?;
            if !status.is_editable() {
                return Err(StoreError::conflict(
                    "invalid_state",
                    format!("the report is {status} and can no longer be edited"),
                ));
            }
            let mut m = repair_report::Entity::find_by_id(current.id)
                .one(&*tx)
                .await?
                .ok_or(StoreError::NotFound)?;
            status
                .transition(ReportStatus::Draft)
                .map_err(|e| wrong_state("report", status.as_str(), e))?;
            m.status = ReportStatus::Draft.as_str().into();
            apply(&mut m, draft);
            save(&*tx, &m).await?;
            m.id
        }
        None => {
            if expected.is_some_and(|v| v != 0) {
                return Err(StoreError::StaleVersion { current: 0 });
            }
            let t = now();
            let mut m = repair_report::Model {
                id: Uuid::now_v7(),
                work_order_id,
                request_id: w.request_id,
                engineer_id: w.engineer_id,
                status: ReportStatus::Draft.as_str().into(),
                process: String::new(),
                cause: String::new(),
                measures: String::new(),
                further_problems: None,
                proposals: None,
                labour_hours: "0".into(),
                parts: serde_json::json!([]),
                inspection_passed: None,
                submitted_at: None,
                reviewer_id: None,
                reviewer_name: None,
                review_comment: None,
                reviewed_at: None,
                signer_name: None,
                signature_png: None,
                signed_at: None,
                signed_ip: None,
                refusal_reason: None,
                version: 1,
                created_at: t,
                updated_at: t,
            };
            apply(&mut m, draft);
            repair_report::Entity::insert(sea_orm::ActiveModelTrait::reset_all(
                repair_report::ActiveModel::from(m.clone()),
            ))
            .exec_without_returning(&*tx)
            .await?;
            audit::record(
                &*tx,
                Some(actor),
                ENTITY,
                w.request_id,
                "report_started",
                serde_json::json!({"work_order": w.number}),
            )
            .await?;
            m.id
        }
    };
    tx.commit().await?;
    get(store, actor, id).await
}

/// Submits the report for review; the work order must be finished.
pub async fn submit(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
) -> Result<RepairReportView, StoreError> {
    let tx = store.begin_write().await?;
    let current = find(&*tx, actor, id).await?;
    if current.engineer_id != actor.user_id {
        return Err(StoreError::Forbidden(
            "only the engineer who wrote the report submits it".into(),
        ));
    }
    bump_version(&*tx, "repair_reports", id, expected).await?;
    let mut m = repair_report::Entity::find_by_id(id)
        .one(&*tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    let status = parse(&m.status, ReportStatus::parse)?;
    status
        .transition(ReportStatus::Submitted)
        .map_err(|e| wrong_state("report", status.as_str(), e))?;
    draft_of(&m).validate_submit()?;
    let w = work_order::Entity::find_by_id(m.work_order_id)
        .one(&*tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    if w.status != WorkOrderStatus::Finished.as_str() {
        return Err(StoreError::conflict(
            "invalid_state",
            format!(
                "the work order is {}: finish the visit (with the inspection) before submitting",
                w.status
            ),
        ));
    }
    m.status = ReportStatus::Submitted.as_str().into();
    m.submitted_at = Some(now());
    m.inspection_passed = w.inspection_passed;
    save(&*tx, &m).await?;
    move_request(&*tx, m.request_id, RequestStatus::PendingReview).await?;
    audit::record(
        &*tx,
        Some(actor),
        ENTITY,
        m.request_id,
        "report_submitted",
        serde_json::json!({"work_order": w.number, "labour_hours": m.labour_hours}),
    )
    .await?;
    tx.commit().await?;
    get(store, actor, id).await
}

/// Moves the report's request to `to` through its state machine.
pub(crate) async fn move_request(
    conn: &impl ConnectionTrait,
    request_id: Uuid,
    to: RequestStatus,
) -> Result<service_request::Model, StoreError> {
    bump_version(conn, "service_requests", request_id, None).await?;
    let mut r = service_request::Entity::find_by_id(request_id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let status = parse(&r.status, RequestStatus::parse)?;
    status
        .transition(to)
        .map_err(|e| wrong_state("request", status.as_str(), e))?;
    r.status = to.as_str().into();
    if !to.is_open() {
        r.is_open = false;
    }
    requests::save(conn, r).await
}

/// The supervisor approves (审核通过) or rejects (驳回, comment required) a submitted report.
pub async fn review(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    approve: bool,
    comment: Option<&str>,
) -> Result<RepairReportView, StoreError> {
    let comment = comment.map(str::trim).filter(|c| !c.is_empty());
    if !approve && comment.is_none() {
        let mut v = furrow_domain::validation::Validator::new();
        v.error("reason", "required", "say what must be corrected");
        v.finish()?;
    }
    let tx = store.begin_write().await?;
    find(&*tx, actor, id).await?;
    bump_version(&*tx, "repair_reports", id, expected).await?;
    let mut m = repair_report::Entity::find_by_id(id)
        .one(&*tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    let status = parse(&m.status, ReportStatus::parse)?;
    let to = if approve {
        ReportStatus::Approved
    } else {
        ReportStatus::Rejected
    };
    status
        .transition(to)
        .map_err(|e| wrong_state("report", status.as_str(), e))?;
    m.status = to.as_str().into();
    m.reviewer_id = Some(actor.user_id);
    m.reviewer_name = Some(actor.username.clone());
    m.review_comment = comment.map(str::to_owned);
    m.reviewed_at = Some(now());
    save(&*tx, &m).await?;
    let request_to = if approve {
        RequestStatus::PendingSignoff
    } else {
        RequestStatus::InService
    };
    move_request(&*tx, m.request_id, request_to).await?;
    let action = if approve {
        "report_approved"
    } else {
        "report_rejected"
    };
    audit::record(
        &*tx,
        Some(actor),
        ENTITY,
        m.request_id,
        action,
        serde_json::json!({"comment": comment}),
    )
    .await?;
    tx.commit().await?;
    get(store, actor, id).await
}
