//! User administration (admin only): list, create, change, deactivate, reset passwords.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{created, if_match, ok_with_etag};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use furrow_domain::Page;
use furrow_domain::Permission;
use furrow_domain::audit::AuditEventView;
use furrow_domain::users::{CreateUserRequest, SetPasswordRequest, UpdateUserRequest, UserView};
use furrow_store::users::{self, UserFilter};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_users)
        .service(create_user)
        .service(get_user)
        .service(update_user)
        .service(deactivate_user)
        .service(activate_user)
        .service(set_password)
        .service(user_history);
}

/// Filters of `GET /users`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserListQuery {
    /// Part of the login or display name.
    pub q: Option<String>,
    /// Only active (`true`) or deactivated (`false`) users.
    pub active: Option<bool>,
    /// Page size, 1-200 (default 50).
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn with_etag(user: UserView) -> HttpResponse {
    ok_with_etag(user.version, &user)
}

/// Lists users by login name.
#[utoipa::path(tag = "users", params(UserListQuery), responses((status = 200, body = Page<UserView>)))]
#[get("/users")]
async fn list_users(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<UserListQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageUsers)?;
    let q = query.into_inner();
    let page = users::list(
        &state.store,
        &UserFilter {
            q: q.q,
            active: q.active,
            cursor: q.cursor,
            limit: q.limit,
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Creates a user.
#[utoipa::path(tag = "users", request_body = CreateUserRequest, responses(
    (status = 201, body = UserView, headers(("ETag" = String), ("Location" = String))),
))]
#[post("/users")]
async fn create_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: web::Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageUsers)?;
    let user = users::create(&state.store, Some(&auth.actor), &body).await?;
    Ok(created(
        user.version,
        format!("/api/v1/users/{}", user.id),
        &user,
    ))
}

/// One user.
#[utoipa::path(tag = "users", params(("id" = Uuid, Path)), responses((status = 200, body = UserView, headers(("ETag" = String)))))]
#[get("/users/{id}")]
async fn get_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageUsers)?;
    Ok(with_etag(users::get(&state.store, *id).await?))
}

/// Changes a user's display name, roles, dealer, department or locale.
/// Send the ETag as `If-Match`; a stale one answers 412.
#[utoipa::path(tag = "users", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "ETag of the version being changed")),
    request_body = UpdateUserRequest,
    responses((status = 200, body = UserView), (status = 412, description = "Changed by someone else", body = furrow_domain::Problem, content_type = "application/problem+json")))]
#[patch("/users/{id}")]
async fn update_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Json<UpdateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageUsers)?;
    Ok(with_etag(
        users::update(&state.store, &auth.actor, *id, if_match(&req)?, &body).await?,
    ))
}

/// Deactivates a user: they cannot sign in and their tokens stop working at once.
#[utoipa::path(tag = "users", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "ETag of the version being changed")),
    responses((status = 200, body = UserView), (status = 412, description = "Changed by someone else", body = furrow_domain::Problem, content_type = "application/problem+json")))]
#[post("/users/{id}/deactivate")]
async fn deactivate_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageUsers)?;
    Ok(with_etag(
        users::set_active(&state.store, &auth.actor, *id, if_match(&req)?, false).await?,
    ))
}

/// Reactivates a user.
#[utoipa::path(tag = "users", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "ETag of the version being changed")),
    responses((status = 200, body = UserView), (status = 412, description = "Changed by someone else", body = furrow_domain::Problem, content_type = "application/problem+json")))]
#[post("/users/{id}/activate")]
async fn activate_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageUsers)?;
    Ok(with_etag(
        users::set_active(&state.store, &auth.actor, *id, if_match(&req)?, true).await?,
    ))
}

/// Sets a new password for a user; every session of the user ends.
#[utoipa::path(tag = "users", params(("id" = Uuid, Path)), request_body = SetPasswordRequest, responses((status = 204, description = "Password set")))]
#[post("/users/{id}/password")]
async fn set_password(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: web::Json<SetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageUsers)?;
    users::set_password(&state.store, &auth.actor, *id, &body.new_password).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The audit history of a user record, oldest first.
#[utoipa::path(tag = "users", params(("id" = Uuid, Path)), responses((status = 200, body = Vec<AuditEventView>)))]
#[get("/users/{id}/history")]
async fn user_history(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageUsers)?;
    users::get(&state.store, *id).await?;
    let events = furrow_store::audit::history(state.store.conn(), "user", *id, 500).await?;
    Ok(HttpResponse::Ok().json(events))
}
