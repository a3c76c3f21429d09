//! Dealers.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{created, if_match, ok_with_etag};
use crate::paging::Paging;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use furrow_domain::Page;
use furrow_domain::Permission;
use furrow_domain::dealers::{DealerInput, DealerView};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_dealers)
        .service(create)
        .service(get_one)
        .service(update)
        .service(deactivate)
        .service(activate);
}

/// Paging of `GET /dealers`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DealerListQuery {
    /// Page size, 1-200 (default 50); others answer 400 `invalid_limit`.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page of this same list (and order);
    /// any other answers 400 `invalid_cursor`.
    pub cursor: Option<String>,
}

/// Lists dealers by code. A dealer user sees only its own dealer.
#[utoipa::path(tag = "dealers", params(DealerListQuery), responses((status = 200, body = Page<DealerView>)))]
#[get("/dealers")]
async fn list_dealers(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<DealerListQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ViewMasterData)?;
    let q = query.into_inner();
    let paging = Paging::new("dealers", q.limit, q.cursor)?;
    paging.respond(
        furrow_store::dealers::list(
            &state.store,
            &auth.actor,
            paging.cursor.as_deref(),
            paging.limit,
        )
        .await,
    )
}

/// Creates a dealer.
#[utoipa::path(operation_id = "create_dealer", tag = "dealers", request_body = DealerInput, responses((status = 201, body = DealerView, headers(("ETag" = String), ("Location" = String)))))]
#[post("/dealers")]
async fn create(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: web::Json<DealerInput>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageCatalog)?;
    let d = furrow_store::dealers::create(&state.store, &auth.actor, &body).await?;
    Ok(created(d.version, format!("/api/v1/dealers/{}", d.id), &d))
}

/// One dealer (a dealer user sees only its own).
#[utoipa::path(operation_id = "get_dealer", tag = "dealers", params(("id" = Uuid, Path)), responses((status = 200, body = DealerView, headers(("ETag" = String)))))]
#[get("/dealers/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ViewMasterData)?;
    let d = furrow_store::dealers::get(&state.store, &auth.actor, *id).await?;
    Ok(ok_with_etag(d.version, &d))
}

/// Replaces a dealer's fields. Send the ETag as `If-Match`.
#[utoipa::path(operation_id = "update_dealer", tag = "dealers", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = DealerInput,
    responses((status = 200, body = DealerView)))]
#[put("/dealers/{id}")]
async fn update(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Json<DealerInput>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageCatalog)?;
    let d = furrow_store::dealers::update(&state.store, &auth.actor, *id, if_match(&req)?, &body)
        .await?;
    Ok(ok_with_etag(d.version, &d))
}

/// Deactivates a dealer.
#[utoipa::path(operation_id = "deactivate_dealer", tag = "dealers", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = DealerView)))]
#[post("/dealers/{id}/deactivate")]
async fn deactivate(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageCatalog)?;
    let d =
        furrow_store::dealers::set_active(&state.store, &auth.actor, *id, if_match(&req)?, false)
            .await?;
    Ok(ok_with_etag(d.version, &d))
}

/// Reactivates a dealer.
#[utoipa::path(operation_id = "activate_dealer", tag = "dealers", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = DealerView)))]
#[post("/dealers/{id}/activate")]
async fn activate(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageCatalog)?;
    let d =
        furrow_store::dealers::set_active(&state.store, &auth.actor, *id, if_match(&req)?, true)
            .await?;
    Ok(ok_with_etag(d.version, &d))
}
