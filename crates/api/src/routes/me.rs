//! The signed-in user: who am I, change my password.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use furrow_domain::auth::ChangePasswordRequest;
use furrow_domain::users::UserView;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(me).service(change_password);
}

/// The signed-in user with their roles and permissions.
#[utoipa::path(tag = "auth", responses((status = 200, body = UserView)))]
#[get("/me")]
async fn me(auth: Authenticated) -> HttpResponse {
    HttpResponse::Ok().json(auth.user)
}

/// Changes the signed-in user's password; every session of the user ends.
#[utoipa::path(tag = "auth", request_body = ChangePasswordRequest, responses(
    (status = 204, description = "Password changed; sign in again"),
))]
#[post("/me/password")]
async fn change_password(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: web::Json<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    // Re-checking the current password keeps a stolen access token from
    // taking the account over.
    furrow_store::sessions::check_password(
        &state.store,
        &auth.user.username,
        &body.current_password,
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
