//! User administration (admin only): list, create, change, deactivate, reset passwords.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{created, if_match, ok_with_etag};
use crate::paging::Paging;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use furrow_domain::access::Action;
use furrow_domain::audit::AuditEventView;
use furrow_domain::users::{CreateUserRequest, SetPasswordRequest, UpdateUserRequest, UserView};
use furrow_domain::{Page, RecordKind};
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
        .service(unlock_user)
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
    /// Page size, 1-200 (default 50); others answer 400 `invalid_limit`.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page of this same list (and order);
    /// any other answers 400 `invalid_cursor`.
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
    auth.require_view(RecordKind::User)?;
    let q = query.into_inner();
    let paging = Paging::new("users", q.limit, q.cursor)?;
    paging.respond(
        users::list(
            &state.store,
            &UserFilter {
                q: q.q,
                active: q.active,
                cursor: paging.cursor.clone(),
                limit: paging.limit,
            },
        )
        .await,
    )
}

/// Creates a user. The password must meet the password rules (see
/// `POST /users/{id}/password`).
#[utoipa::path(tag = "users", request_body = CreateUserRequest, responses(
    (status = 201, body = UserView, headers(("ETag" = String), ("Location" = String))),
    (status = 422, description = "Invalid fields, a weak password or a taken username (field errors)", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/users")]
async fn create_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: web::Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::User, Action::Create)?;
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
    auth.require_view(RecordKind::User)?;
    Ok(with_etag(users::get(&state.store, *id).await?))
}

/// Changes a user's display name, roles, dealer, department or locale.
/// Send the ETag as `If-Match`; a stale one answers 412.
#[utoipa::path(tag = "users", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "ETag of the version being changed")),
    request_body = UpdateUserRequest,
    responses((status = 200, body = UserView)))]
#[patch("/users/{id}")]
async fn update_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Json<UpdateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::User, Action::Update)?;
    Ok(with_etag(
        users::update(&state.store, &auth.actor, *id, if_match(&req)?, &body).await?,
    ))
}

/// Deactivates a user: they cannot sign in and their tokens stop working at once.
#[utoipa::path(tag = "users", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "ETag of the version being changed")),
    responses((status = 200, body = UserView)))]
#[post("/users/{id}/deactivate")]
async fn deactivate_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::User, Action::Deactivate)?;
    Ok(with_etag(
        users::set_active(&state.store, &auth.actor, *id, if_match(&req)?, false).await?,
    ))
}

/// Reactivates a user.
#[utoipa::path(tag = "users", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "ETag of the version being changed")),
    responses((status = 200, body = UserView)))]
#[post("/users/{id}/activate")]
async fn activate_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::User, Action::Reactivate)?;
    Ok(with_etag(
        users::set_active(&state.store, &auth.actor, *id, if_match(&req)?, true).await?,
    ))
}

/// Sets a new password for a user; every session of the user ends (access
/// tokens included).
///
/// The password must have 10-128 characters, no control characters, not be
/// only spaces, a common password, the published demo password, contain the
/// login name, or equal the current one (422 with a field error on
/// `new_password`: `too_short`, `too_long`, `control_characters`, `blank`,
/// `common`, `demo_password`, `contains_username`, `same_as_current`).
#[utoipa::path(tag = "users", params(("id" = Uuid, Path)), request_body = SetPasswordRequest, responses(
    (status = 204, description = "Password set"),
    (status = 404, description = "No such user", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 422, description = "The password breaks the password rules (field error on `new_password`)", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/users/{id}/password")]
async fn set_password(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: web::Json<SetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::User, Action::SetPassword)?;
    users::set_password(&state.store, &auth.actor, *id, &body.new_password).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Lifts the failed-sign-in lock of a user's login name: they can sign in from
/// any address at once (a lock never applies at addresses they signed in from
/// before). Recorded in the user's history.
#[utoipa::path(tag = "users", params(("id" = Uuid, Path)), responses(
    (status = 204, description = "Unlocked"),
    (status = 404, description = "No such user", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/users/{id}/unlock")]
async fn unlock_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::User, Action::Unlock)?;
    furrow_store::sessions::unlock(&state.store, &auth.actor, *id).await?;
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
    auth.require_view(RecordKind::User)?;
    let events = users::history(&state.store, *id).await?;
    Ok(HttpResponse::Ok().json(events))
}
