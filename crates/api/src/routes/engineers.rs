//! Engineers: the users with the engineer role and their profiles (skills by
//! machine category, home base with coordinates, availability).

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{if_match, ok_with_etag};
use crate::paging::{PageQuery, Paging};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, put, web};
use furrow_domain::master::{EngineerProfileInput, EngineerView, MachineCategory};
use furrow_domain::{Page, Permission};
use furrow_store::engineers::{self, EngineerFilter};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list).service(get_one).service(put_profile);
}

/// Filters of `GET /engineers`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EngineerQuery {
    /// Part of the login or display name.
    pub q: Option<String>,
    /// Only engineers qualified for this category.
    pub skill: Option<MachineCategory>,
    /// Only engineers available (`true`) or not.
    pub active: Option<bool>,
}

/// Lists engineers by login name.
#[utoipa::path(operation_id = "list_engineers", tag = "engineers", params(EngineerQuery, PageQuery), responses((status = 200, body = Page<EngineerView>)))]
#[get("/engineers")]
async fn list(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<EngineerQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ViewMasterData)?;
    let (q, page) = (query.into_inner(), page.into_inner());
    let paging = Paging::new("engineers", page.limit, page.cursor)?;
    let filter = EngineerFilter {
        q: q.q,
        skill: q.skill,
        active: q.active,
        cursor: paging.cursor.clone(),
        limit: paging.limit,
    };
    paging.respond(engineers::list(&state.store, &auth.actor, &filter).await)
}

/// One engineer with their profile.
#[utoipa::path(operation_id = "get_engineer", tag = "engineers", params(("user_id" = Uuid, Path)), responses((status = 200, body = EngineerView, headers(("ETag" = String)))))]
#[get("/engineers/{user_id}")]
async fn get_one(
    state: web::Data<AppState>,
    auth: Authenticated,
    user_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ViewMasterData)?;
    let e = engineers::get(&state.store, &auth.actor, *user_id).await?;
    Ok(ok_with_etag(e.version, &e))
}

/// Creates or replaces an engineer's profile. Send the ETag as `If-Match`
/// (`"0"` before the first profile exists).
#[utoipa::path(operation_id = "put_engineer_profile", tag = "engineers", params(("user_id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = EngineerProfileInput,
    responses((status = 200, body = EngineerView)))]
#[put("/engineers/{user_id}")]
async fn put_profile(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    user_id: web::Path<Uuid>,
    body: web::Json<EngineerProfileInput>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageCatalog)?;
    let e =
        engineers::put_profile(&state.store, &auth.actor, *user_id, if_match(&req)?, &body).await?;
    Ok(ok_with_etag(e.version, &e))
}
