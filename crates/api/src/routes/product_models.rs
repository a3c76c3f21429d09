//! Product models (产品型号) with their technical parameters.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{created, if_match, ok_with_etag};
use crate::paging::Paging;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use furrow_domain::master::{MachineCategory, ProductModelInput, ProductModelView};
use furrow_domain::{Page, Permission};
use furrow_store::product_models::{self, ProductModelFilter};
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
        .service(activate);
}

/// Filters of `GET /product-models`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProductModelQuery {
    /// Part of the code or name.
    pub q: Option<String>,
    pub category: Option<MachineCategory>,
    pub active: Option<bool>,
    /// Only models changed at or after this time, oldest change first (for sync).
    pub updated_since: Option<DateTime<Utc>>,
    /// Page size, 1-200 (default 50); others answer 400 `invalid_limit`.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page of this same list (and order);
    /// any other answers 400 `invalid_cursor`.
    pub cursor: Option<String>,
}

/// Lists product models by code.
#[utoipa::path(operation_id = "list_product_models", tag = "product-models", params(ProductModelQuery), responses((status = 200, body = Page<ProductModelView>)))]
#[get("/product-models")]
async fn list(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<ProductModelQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ViewMasterData)?;
    let q = query.into_inner();
    let list = if q.updated_since.is_some() {
        "product_models.sync"
    } else {
        "product_models"
    };
    let paging = Paging::new(list, q.limit, q.cursor)?;
    let filter = ProductModelFilter {
        q: q.q,
        category: q.category,
        active: q.active,
        updated_since: q.updated_since,
        cursor: paging.cursor.clone(),
        limit: paging.limit,
    };
    paging.respond(product_models::list(&state.store, &filter).await)
}

/// Creates a product model.
#[utoipa::path(operation_id = "create_product_model", tag = "product-models", request_body = ProductModelInput, responses((status = 201, body = ProductModelView, headers(("ETag" = String), ("Location" = String)))))]
#[post("/product-models")]
async fn create(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: web::Json<ProductModelInput>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageCatalog)?;
    let m = product_models::create(&state.store, &auth.actor, &body).await?;
    Ok(created(
        m.version,
        format!("/api/v1/product-models/{}", m.id),
        &m,
    ))
}

/// One product model.
#[utoipa::path(operation_id = "get_product_model", tag = "product-models", params(("id" = Uuid, Path)), responses((status = 200, body = ProductModelView, headers(("ETag" = String)))))]
#[get("/product-models/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ViewMasterData)?;
    let m = product_models::get(&state.store, *id).await?;
    Ok(ok_with_etag(m.version, &m))
}

/// Replaces a product model. Send the ETag as `If-Match`.
#[utoipa::path(operation_id = "update_product_model", tag = "product-models", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = ProductModelInput,
    responses((status = 200, body = ProductModelView)))]
#[put("/product-models/{id}")]
async fn update(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Json<ProductModelInput>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageCatalog)?;
    let m = product_models::update(&state.store, &auth.actor, *id, if_match(&req)?, &body).await?;
    Ok(ok_with_etag(m.version, &m))
}

/// Deactivates a product model (no new machines of it).
#[utoipa::path(operation_id = "deactivate_product_model", tag = "product-models", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = ProductModelView)))]
#[post("/product-models/{id}/deactivate")]
async fn deactivate(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageCatalog)?;
    let m =
        product_models::set_active(&state.store, &auth.actor, *id, if_match(&req)?, false).await?;
    Ok(ok_with_etag(m.version, &m))
}

/// Reactivates a product model.
#[utoipa::path(operation_id = "activate_product_model", tag = "product-models", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = ProductModelView)))]
#[post("/product-models/{id}/activate")]
async fn activate(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageCatalog)?;
    let m =
        product_models::set_active(&state.store, &auth.actor, *id, if_match(&req)?, true).await?;
    Ok(ok_with_etag(m.version, &m))
}
