//! Repair reports: the review queue, submit, approve, reject, and the
//! customer sign-off link.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{if_match, ok_with_etag};
use crate::paging::Paging;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use furrow_domain::service::commands::Command;
use furrow_domain::service::*;
use furrow_domain::{Page, RecordKind};
use furrow_store::service::{reports, signoff};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(get_one)
        .service(signature)
        .service(submit)
        .service(approve)
        .service(reject)
        .service(sign_link);
}

/// Filters of `GET /repair-reports`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// `submitted` is the review queue.
    pub status: Option<ReportStatus>,
    /// Page size, 1-200 (default 50); others answer 400 `invalid_limit`.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page of this same list (and order);
    /// any other answers 400 `invalid_cursor`.
    pub cursor: Option<String>,
}

/// Reports, longest waiting first.
#[utoipa::path(operation_id = "list_repair_reports", tag = "repair-reports", params(ReportQuery), responses((status = 200, body = Page<RepairReportView>)))]
#[get("/repair-reports")]
async fn list(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::RepairReport)?;
    let q = query.into_inner();
    let paging = Paging::new("repair_reports", q.limit, q.cursor)?;
    paging.respond(
        reports::list(
            &state.store,
            &auth.actor,
            q.status,
            paging.cursor.as_deref(),
            paging.limit,
        )
        .await,
    )
}

/// One report.
#[utoipa::path(operation_id = "get_repair_report", tag = "repair-reports", params(("id" = Uuid, Path)), responses((status = 200, body = RepairReportView, headers(("ETag" = String)))))]
#[get("/repair-reports/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::RepairReport)?;
    let r = reports::get(&state.store, &auth.actor, *id).await?;
    Ok(ok_with_etag(r.version, &r))
}

/// The customer's drawn signature (PNG).
#[utoipa::path(operation_id = "get_repair_report_signature", tag = "repair-reports", params(("id" = Uuid, Path)), responses((status = 200, description = "The signature", content_type = "image/png", body = Vec<u8>)))]
#[get("/repair-reports/{id}/signature")]
async fn signature(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::RepairReport)?;
    let png = reports::signature(&state.store, &auth.actor, *id).await?;
    Ok(HttpResponse::Ok().content_type("image/png").body(png))
}

/// The engineer submits the report for review (the visit must be finished).
#[utoipa::path(operation_id = "submit_repair_report", tag = "repair-reports", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = RepairReportView)))]
#[post("/repair-reports/{id}/submit")]
async fn submit(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::SubmitReport)?;
    let r = reports::submit(&state.store, &auth.actor, *id, if_match(&req)?).await?;
    Ok(ok_with_etag(r.version, &r))
}

/// The supervisor approves the report (审核通过); it goes to the customer for signature.
#[utoipa::path(operation_id = "approve_repair_report", tag = "repair-reports", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body(content = Option<ApproveRequest>),
    responses((status = 200, body = RepairReportView)))]
#[post("/repair-reports/{id}/approve")]
async fn approve(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Option<web::Json<ApproveRequest>>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::ApproveReport)?;
    let comment = body.and_then(|b| b.into_inner().comment);
    let r = reports::review(
        &state.store,
        &auth.actor,
        *id,
        if_match(&req)?,
        true,
        comment.as_deref(),
    )
    .await?;
    Ok(ok_with_etag(r.version, &r))
}

/// The supervisor rejects the report (驳回) with what must be corrected.
#[utoipa::path(operation_id = "reject_repair_report", tag = "repair-reports", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = ReasonRequest,
    responses((status = 200, body = RepairReportView)))]
#[post("/repair-reports/{id}/reject")]
async fn reject(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Json<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::RejectReport)?;
    body.validate()?;
    let r = reports::review(
        &state.store,
        &auth.actor,
        *id,
        if_match(&req)?,
        false,
        Some(&body.reason),
    )
    .await?;
    Ok(ok_with_etag(r.version, &r))
}

/// A one-time sign-off link for the customer, valid 7 days (approved reports,
/// or again after a refusal). Earlier links of the report stop working.
#[utoipa::path(operation_id = "create_sign_link", tag = "repair-reports", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 201, body = SignLinkView)))]
#[post("/repair-reports/{id}/sign-link")]
async fn sign_link(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::CreateSignLink)?;
    let link = signoff::create_link(&state.store, &auth.actor, *id, if_match(&req)?).await?;
    Ok(HttpResponse::Created().json(link))
}
