//! User administration (admin only): list, create, change, deactivate, reset passwords.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::idempotency;
use crate::paging::Paging;
use crate::record_kit::{Gate, Many, command_bare, command_with, list, one_order, read, show};
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, post, web};
use furrow_domain::RecordKind;
use furrow_domain::access::Action;
use furrow_domain::auth::Actor;
use furrow_domain::users::{
    CreateUserRequest, SetPasswordRequest, UpdateUserRequest, UserFilters, UserView,
};
use furrow_store::Store;
use furrow_store::users;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    const STALE: &str = "ETag of the version being changed";
    let active = |on| {
        async move |store: &Store, actor: &Actor, id, expected| {
            users::set_active(store, actor, id, expected, on).await
        }
    };
    cfg.service(list(
        "/users",
        "list_users",
        RecordKind::User,
        "Lists users by login name.",
        one_order("users"),
        async |store, _, q: UserFilters, (), paging: &Paging| {
            users::list(store, &paging.listing(q, ())).await
        },
    ))
    .service(create_user)
    .service(read(
        "/users/{id}",
        "get_user",
        RecordKind::User,
        "One user.",
        async |store, _, id| users::get(store, id).await,
    ))
    .service(
        command_with::<web::Json<UpdateUserRequest>, _, _>(
            Method::PATCH,
            "/users/{id}",
            "update_user",
            Gate::Action(RecordKind::User, Action::Update),
            "Changes a user's display name, roles, dealer, department or locale.\n\
                 Send the ETag as `If-Match`; a stale one answers 412.",
            users::update,
        )
        .if_match_described(STALE),
    )
    .service(
        command_bare(
            "/users/{id}/deactivate",
            "deactivate_user",
            Gate::Action(RecordKind::User, Action::Deactivate),
            "Deactivates a user: they cannot sign in and their tokens stop working at once.",
            active(false),
        )
        .if_match_described(STALE),
    )
    .service(
        command_bare(
            "/users/{id}/activate",
            "activate_user",
            Gate::Action(RecordKind::User, Action::Reactivate),
            "Reactivates a user.",
            active(true),
        )
        .if_match_described(STALE),
    )
    .service(set_password)
    .service(unlock_user)
    .service(show(
        "/users/{id}/history",
        "user_history",
        RecordKind::User,
        "The audit history of a user record, oldest first.",
        async |store, _, id| users::history(store, id).await.map(Many),
    ));
}

/// Creates a user. The password must meet the password rules (see
/// `POST /users/{id}/password`).
#[utoipa::path(tag = "users", request_body = CreateUserRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = idempotency::DESCRIPTION)),
    responses(
    (status = 201, body = UserView, headers(("ETag" = String), ("Location" = String), ("Idempotent-Replayed" = Option<String>, description = "`true` on a replayed answer"))),
    (status = 422, description = "Invalid fields, a weak password or a taken username (field errors)", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/users")]
async fn create_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: web::Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::User, Action::Create)?;
    // The key's fingerprint (an unsalted hash of the body, stored) leaves the
    // password out, so no password-derived hash is kept beside the key.
    let fingerprint = CreateUserRequest {
        password: String::new(),
        ..body.clone()
    };
    let key = idempotency::key(&req, auth.actor.user_id, &fingerprint)?;
    let once = users::create_once(&state.store, &auth.actor, &body, key.as_ref()).await?;
    Ok(idempotency::answer(once, "/users", |u| (u.id, u.version)))
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
