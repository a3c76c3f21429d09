//! Sign-in, token refresh and sign-out.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use furrow_domain::auth::{ACCESS_TOKEN_TTL_SECONDS, LoginRequest, RefreshRequest, TokenResponse};
use furrow_domain::users::UserView;
use furrow_store::sessions;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(login).service(refresh).service(logout);
}

fn tokens(state: &AppState, user: UserView, refresh_token: String) -> TokenResponse {
    TokenResponse {
        access_token: state.jwt.issue(user.id),
        refresh_token,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TOKEN_TTL_SECONDS,
        user,
    }
}

/// Signs in with a username and password.
///
/// After five failed attempts for one username, further attempts are refused
/// with 429 and `Retry-After` (30 s, doubling, at most 15 minutes), whether the
/// password is right or not.
#[utoipa::path(tag = "auth", security(()), request_body = LoginRequest, responses(
    (status = 200, description = "Signed in", body = TokenResponse),
    (status = 401, description = "Wrong username or password, or deactivated account", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 429, description = "Too many failed attempts; see Retry-After", body = furrow_domain::Problem, content_type = "application/problem+json",
        headers(("Retry-After" = u64, description = "Seconds to wait"))),
))]
#[post("/auth/login")]
async fn login(
    state: web::Data<AppState>,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let (user, refresh_token) =
        sessions::login(&state.store, &body.username, &body.password).await?;
    tracing::info!(user_id = %user.id, username = %user.username, "signed in");
    Ok(HttpResponse::Ok().json(tokens(&state, user, refresh_token)))
}

/// Exchanges a refresh token for new tokens. The refresh token is single-use:
/// the old one stops working, and presenting it again ends the whole session.
#[utoipa::path(tag = "auth", security(()), request_body = RefreshRequest, responses(
    (status = 200, description = "New tokens", body = TokenResponse),
    (status = 401, description = "Unknown, expired, used or revoked refresh token", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/auth/refresh")]
async fn refresh(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let (user, refresh_token) = sessions::refresh(&state.store, &body.refresh_token).await?;
    Ok(HttpResponse::Ok().json(tokens(&state, user, refresh_token)))
}

/// Signs out: revokes the session of this refresh token. Idempotent.
#[utoipa::path(tag = "auth", security(()), request_body = RefreshRequest, responses(
    (status = 204, description = "Signed out"),
))]
#[post("/auth/logout")]
async fn logout(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    sessions::logout(&state.store, &body.refresh_token).await?;
    Ok(HttpResponse::NoContent().finish())
}
