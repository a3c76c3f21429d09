//! Customers (客户档案): CRUD, search, and the archive. Dealer users see and
//! change only their own dealer's customers; others answer 404.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{created, if_match, ok_with_etag};
use crate::paging::Paging;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use furrow_domain::archive::CustomerArchive;
use furrow_domain::master::{CustomerInput, CustomerKind, CustomerView};
use furrow_domain::{Page, Permission};
use furrow_store::customers::{self, CustomerFilter};
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

/// Filters of `GET /customers`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CustomerQuery {
    /// Part of the name, phone or code (Chinese or Latin).
    pub q: Option<String>,
    /// Province.
    pub province: Option<String>,
    pub dealer_id: Option<Uuid>,
    pub kind: Option<CustomerKind>,
    pub active: Option<bool>,
    /// Only customers changed at or after this time, oldest change first (for sync).
    pub updated_since: Option<DateTime<Utc>>,
    /// Page size, 1-200 (default 50); others answer 400 `invalid_limit`.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page of this same list (and order);
    /// any other answers 400 `invalid_cursor`.
    pub cursor: Option<String>,
}

/// Lists customers by code (or by last change with `updated_since`).
#[utoipa::path(operation_id = "list_customers", tag = "customers", params(CustomerQuery), responses((status = 200, body = Page<CustomerView>)))]
#[get("/customers")]
async fn list(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<CustomerQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ViewMasterData)?;
    let q = query.into_inner();
    let list = if q.updated_since.is_some() {
        "customers.sync"
    } else {
        "customers"
    };
    let paging = Paging::new(list, q.limit, q.cursor)?;
    let filter = CustomerFilter {
        q: q.q,
        province: q.province,
        dealer_id: q.dealer_id,
        kind: q.kind,
        active: q.active,
        updated_since: q.updated_since,
        cursor: paging.cursor.clone(),
        limit: paging.limit,
    };
    paging.respond(customers::list(&state.store, &auth.actor, &filter).await)
}

/// Creates a customer. A dealer user's customers belong to its dealer.
#[utoipa::path(operation_id = "create_customer", tag = "customers", request_body = CustomerInput, responses((status = 201, body = CustomerView, headers(("ETag" = String), ("Location" = String)))))]
#[post("/customers")]
async fn create(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: web::Json<CustomerInput>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::EditMasterData)?;
    let c = customers::create(&state.store, &auth.actor, &body).await?;
    Ok(created(
        c.version,
        format!("/api/v1/customers/{}", c.id),
        &c,
    ))
}

/// One customer.
#[utoipa::path(operation_id = "get_customer", tag = "customers", params(("id" = Uuid, Path)), responses((status = 200, body = CustomerView, headers(("ETag" = String)))))]
#[get("/customers/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ViewMasterData)?;
    let c = customers::get(&state.store, &auth.actor, *id).await?;
    Ok(ok_with_etag(c.version, &c))
}

/// Replaces a customer's fields. Send the ETag as `If-Match`.
#[utoipa::path(operation_id = "update_customer", tag = "customers", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = CustomerInput,
    responses((status = 200, body = CustomerView)))]
#[put("/customers/{id}")]
async fn update(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Json<CustomerInput>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::EditMasterData)?;
    let c = customers::update(&state.store, &auth.actor, *id, if_match(&req)?, &body).await?;
    Ok(ok_with_etag(c.version, &c))
}

/// Deactivates a customer (kept with its history, hidden from pickers).
#[utoipa::path(operation_id = "deactivate_customer", tag = "customers", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = CustomerView)))]
#[post("/customers/{id}/deactivate")]
async fn deactivate(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::EditMasterData)?;
    let c = customers::set_active(&state.store, &auth.actor, *id, if_match(&req)?, false).await?;
    Ok(ok_with_etag(c.version, &c))
}

/// Reactivates a customer.
#[utoipa::path(operation_id = "activate_customer", tag = "customers", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = CustomerView)))]
#[post("/customers/{id}/activate")]
async fn activate(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::EditMasterData)?;
    let c = customers::set_active(&state.store, &auth.actor, *id, if_match(&req)?, true).await?;
    Ok(ok_with_etag(c.version, &c))
}

/// The customer archive: the customer, their machines and their timeline.
#[utoipa::path(operation_id = "get_customer_archive", tag = "customers", params(("id" = Uuid, Path)), responses((status = 200, body = CustomerArchive)))]
#[get("/customers/{id}/archive")]
async fn archive(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ViewMasterData)?;
    Ok(HttpResponse::Ok()
        .json(furrow_store::archives::customer(&state.store, &auth.actor, *id).await?))
}
