//! The signed-in user: who am I, change my password.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use furrow_domain::auth::ChangePasswordRequest;
use furrow_domain::users::MeView;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(me).service(change_password);
}

/// The signed-in user with their roles and permissions, and the company's
/// time zone the pages show and take times in.
#[utoipa::path(tag = "auth", responses((status = 200, body = MeView)))]
#[get("/me")]
async fn me(state: web::Data<AppState>, auth: Authenticated) -> Result<HttpResponse, ApiError> {
    let (sla, _) = furrow_store::settings::sla_cached(&state.store).await?;
    Ok(HttpResponse::Ok().json(MeView {
        user: auth.user,
        utc_offset_minutes: sla.utc_offset_minutes,
    }))
}

/// Changes the signed-in user's password; every session of the user ends,
/// this one included (its access token stops working).
///
/// The new password must have 10-128 characters, no control characters, not
/// be only spaces, a common password, the demo password, contain the login
/// name, or equal the current one. Wrong current passwords count as failed
/// sign-ins: after five, 429 with `Retry-After`.
#[utoipa::path(tag = "auth", request_body = ChangePasswordRequest, responses(
    (status = 204, description = "Password changed; sign in again"),
    (status = 422, description = "Wrong current password, or the new one breaks the password rules (field errors on `current_password` / `new_password`)", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 429, description = "Too many wrong current passwords; see Retry-After", body = furrow_domain::Problem, content_type = "application/problem+json",
        headers(("Retry-After" = u64, description = "Seconds to wait"))),
))]
#[post("/me/password")]
async fn change_password(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: web::Json<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    // Re-checking the current password keeps a stolen access token from
    // taking the account over; it is throttled like a sign-in.
    furrow_store::sessions::check_password(
        &state.store,
        &auth.user.username,
        &body.current_password,
        crate::routes::auth::client_ip(&req),
        &furrow_domain::auth::LoginLimits::default(),
    )
    .await
    .map_err(|e| match e {
        furrow_store::sessions::AuthError::InvalidCredentials => {
            ApiError::Validation(vec![furrow_domain::FieldError {
                field: "current_password".into(),
                code: "wrong".into(),
                message: "the current password is wrong".into(),
            }])
        }
        other => other.into(),
    })?;
    furrow_store::users::set_password(
        &state.store,
        &auth.actor,
        auth.actor.user_id,
        &body.new_password,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
