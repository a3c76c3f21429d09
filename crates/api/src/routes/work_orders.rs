//! Work orders (维修任务单): the engineer's own (schedule, check in, finish, the
//! report draft) and the supervisor's reassignment.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{if_match, ok_with_etag};
use crate::paging::Paging;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use furrow_domain::service::commands::Command;
use furrow_domain::service::*;
use furrow_domain::{Page, RecordKind};
use furrow_store::service::work_orders::WorkOrderSort;
use furrow_store::service::{reports, work_orders};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(get_one)
        .service(schedule)
        .service(check_in)
        .service(finish)
        .service(reassign)
        .service(get_report)
        .service(put_report);
}

/// Filters of `GET /work-orders`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WorkOrderQuery {
    pub status: Option<WorkOrderStatus>,
    /// Only open (`true`) or closed (`false`) work orders.
    pub open: Option<bool>,
    pub engineer_id: Option<Uuid>,
    pub request_id: Option<Uuid>,
    /// `newest` (default) or `urgency`: open work first, then overdue, then
    /// stopped machines in season, then priority, then the earliest due time
    /// or appointment. `urgency` answers the whole list in one page (an
    /// engineer's open work: `open=true`); more than `limit` orders answer
    /// 422 on `sort`.
    pub sort: Option<String>,
    /// Page size, 1-200 (default 50); others answer 400 `invalid_limit`.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page of this same list (and order);
    /// any other answers 400 `invalid_cursor`.
    pub cursor: Option<String>,
}

/// Work orders as summaries (what a list row shows; `GET /work-orders/{id}`
/// has the full order and its `actions`), newest first or by urgency. An
/// engineer sees their own; supervisors all.
#[utoipa::path(operation_id = "list_work_orders", tag = "work-orders", params(WorkOrderQuery), responses((status = 200, body = Page<WorkOrderSummary>)))]
#[get("/work-orders")]
async fn list(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<WorkOrderQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::WorkOrder)?;
    let q = query.into_inner();
    let sort = match q.sort.as_deref() {
        None | Some("newest") => WorkOrderSort::Newest,
        Some("urgency") => WorkOrderSort::Urgency,
        Some(other) => {
            return Err(ApiError::BadRequest {
                code: "invalid_query",
                detail: format!("unknown sort `{other}`: use newest or urgency"),
            });
        }
    };
    let paging = Paging::new("work_orders", q.limit, q.cursor)?;
    let f = work_orders::WorkOrderFilter {
        status: q.status,
        open: q.open,
        engineer_id: q.engineer_id,
        request_id: q.request_id,
        sort,
        cursor: paging.cursor.clone(),
        limit: paging.limit,
    };
    paging.respond(work_orders::list(&state.store, &auth.actor, &f).await)
}

/// One work order.
#[utoipa::path(operation_id = "get_work_order", tag = "work-orders", params(("id" = Uuid, Path)), responses((status = 200, body = WorkOrderView, headers(("ETag" = String)))))]
#[get("/work-orders/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::WorkOrder)?;
    let w = work_orders::get(&state.store, &auth.actor, *id).await?;
    Ok(ok_with_etag(w.version, &w))
}

/// Confirms the appointment agreed with the customer.
#[utoipa::path(operation_id = "schedule_work_order", tag = "work-orders", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = ScheduleRequest,
    responses((status = 200, body = WorkOrderView)))]
#[post("/work-orders/{id}/schedule")]
async fn schedule(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Json<ScheduleRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::Schedule)?;
    let w = work_orders::schedule(&state.store, &auth.actor, *id, if_match(&req)?, &body).await?;
    Ok(ok_with_etag(w.version, &w))
}

/// The engineer arrives on site. The arrival time is the server's clock.
#[utoipa::path(operation_id = "check_in_work_order", tag = "work-orders", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = WorkOrderView)))]
#[post("/work-orders/{id}/check-in")]
async fn check_in(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::CheckIn)?;
    let w = work_orders::check_in(&state.store, &auth.actor, *id, if_match(&req)?).await?;
    Ok(ok_with_etag(w.version, &w))
}

/// Ends the visit with the inspection result.
#[utoipa::path(operation_id = "finish_work_order", tag = "work-orders", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = FinishRequest,
    responses((status = 200, body = WorkOrderView)))]
#[post("/work-orders/{id}/finish")]
async fn finish(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Json<FinishRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::Finish)?;
    let w = work_orders::finish(&state.store, &auth.actor, *id, if_match(&req)?, &body).await?;
    Ok(ok_with_etag(w.version, &w))
}

/// Gives the job to another engineer: this order closes as reassigned and the
/// new work order is returned.
#[utoipa::path(operation_id = "reassign_work_order", tag = "work-orders", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = ReassignRequest,
    responses((status = 200, body = WorkOrderView)))]
#[post("/work-orders/{id}/reassign")]
async fn reassign(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Json<ReassignRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::Reassign)?;
    let w = work_orders::reassign(&state.store, &auth.actor, *id, if_match(&req)?, &body).await?;
    Ok(ok_with_etag(w.version, &w))
}

/// The work order's repair report, once started.
#[utoipa::path(operation_id = "get_work_order_report", tag = "work-orders", params(("id" = Uuid, Path)), responses((status = 200, body = RepairReportView, headers(("ETag" = String)))))]
#[get("/work-orders/{id}/report")]
async fn get_report(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::RepairReport)?;
    let r = reports::of_work_order(&state.store, &auth.actor, *id).await?;
    Ok(ok_with_etag(r.version, &r))
}

/// Saves the report draft (on site or after the visit). `If-Match` carries the
/// report's version (`"0"` before the first save).
#[utoipa::path(operation_id = "save_work_order_report", tag = "work-orders", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = ReportDraft,
    responses((status = 200, body = RepairReportView)))]
#[put("/work-orders/{id}/report")]
async fn put_report(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Json<ReportDraft>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::SaveReport)?;
    let r = reports::save_draft(&state.store, &auth.actor, *id, if_match(&req)?, &body).await?;
    Ok(ok_with_etag(r.version, &r))
}
