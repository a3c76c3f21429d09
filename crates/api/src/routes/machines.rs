//! Machines (产品档案): CRUD, search by serial number or owner, and the archive.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{created, if_match, ok_with_etag};
use crate::paging::Paging;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use furrow_domain::archive::MachineArchive;
use furrow_domain::master::{
    MachineCategory, MachineInput, MachineStatus, MachineView, WarrantyStatus,
};
use furrow_domain::{Page, Permission};
use furrow_store::machines::{self, MachineFilter};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(get_one)
        .service(update)
        .service(deactivate)
        .service(activate)
        .service(archive);
}

/// Filters of `GET /machines`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MachineQuery {
    /// Part of the serial number, or of the owner's name, phone or code.
    pub q: Option<String>,
    pub dealer_id: Option<Uuid>,
    pub model_id: Option<Uuid>,
    pub customer_id: Option<Uuid>,
    pub category: Option<MachineCategory>,
    pub status: Option<MachineStatus>,
    /// Warranty as sold, today.
    pub warranty: Option<WarrantyStatus>,
    pub active: Option<bool>,
    /// Only machines changed at or after this time, oldest change first (for sync).
    pub updated_since: Option<DateTime<Utc>>,
    /// Page size, 1-200 (default 50); others answer 400 `invalid_limit`.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page of this same list (and order);
    /// any other answers 400 `invalid_cursor`.
    pub cursor: Option<String>,
}

/// Lists machines by serial number (or by last change with `updated_since`).
#[utoipa::path(operation_id = "list_machines", tag = "machines", params(MachineQuery), responses((status = 200, body = Page<MachineView>)))]
#[get("/machines")]
async fn list(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<MachineQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ViewMasterData)?;
    let q = query.into_inner();
    let list = if q.updated_since.is_some() {
        "machines.sync"
    } else {
        "machines"
    };
    let paging = Paging::new(list, q.limit, q.cursor)?;
    let filter = MachineFilter {
        q: q.q,
        dealer_id: q.dealer_id,
        model_id: q.model_id,
        customer_id: q.customer_id,
        category: q.category,
        status: q.status,
        warranty: q.warranty,
        today: None,
        active: q.active,
        updated_since: q.updated_since,
        cursor: paging.cursor.clone(),
        limit: paging.limit,
    };
    paging.respond(machines::list(&state.store, &auth.actor, &filter).await)
}

/// Registers a machine. The warranty end is computed from the sale date and
/// the model's warranty months unless given.
#[utoipa::path(operation_id = "create_machine", tag = "machines", request_body = MachineInput, responses((status = 201, body = MachineView, headers(("ETag" = String), ("Location" = String)))))]
#[post("/machines")]
async fn create(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: web::Json<MachineInput>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::EditMasterData)?;
    let m = machines::create(&state.store, &auth.actor, &body).await?;
    Ok(created(m.version, format!("/api/v1/machines/{}", m.id), &m))
}

/// One machine.
#[utoipa::path(operation_id = "get_machine", tag = "machines", params(("id" = Uuid, Path)), responses((status = 200, body = MachineView, headers(("ETag" = String)))))]
#[get("/machines/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ViewMasterData)?;
    let m = machines::get(&state.store, &auth.actor, *id).await?;
    Ok(ok_with_etag(m.version, &m))
}

/// Replaces a machine's fields. Send the ETag as `If-Match`.
#[utoipa::path(operation_id = "update_machine", tag = "machines", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = MachineInput,
    responses((status = 200, body = MachineView)))]
#[put("/machines/{id}")]
async fn update(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Json<MachineInput>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::EditMasterData)?;
    let m = machines::update(&state.store, &auth.actor, *id, if_match(&req)?, &body).await?;
    Ok(ok_with_etag(m.version, &m))
}

/// Deactivates a machine (kept with its history).
#[utoipa::path(operation_id = "deactivate_machine", tag = "machines", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = MachineView)))]
#[post("/machines/{id}/deactivate")]
async fn deactivate(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::EditMasterData)?;
    let m = machines::set_active(&state.store, &auth.actor, *id, if_match(&req)?, false).await?;
    Ok(ok_with_etag(m.version, &m))
}

/// Reactivates a machine.
#[utoipa::path(operation_id = "activate_machine", tag = "machines", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = MachineView)))]
#[post("/machines/{id}/activate")]
async fn activate(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::EditMasterData)?;
    let m = machines::set_active(&state.store, &auth.actor, *id, if_match(&req)?, true).await?;
    Ok(ok_with_etag(m.version, &m))
}

/// The machine archive: model parameters, warranty (with 三包 extension) and timeline.
#[utoipa::path(operation_id = "get_machine_archive", tag = "machines", params(("id" = Uuid, Path)), responses((status = 200, body = MachineArchive)))]
#[get("/machines/{id}/archive")]
async fn archive(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ViewMasterData)?;
    Ok(HttpResponse::Ok()
        .json(furrow_store::archives::machine(&state.store, &auth.actor, *id).await?))
}
