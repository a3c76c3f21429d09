//! Sign-in, token refresh and sign-out.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use furrow_domain::auth::{ACCESS_TOKEN_TTL_SECONDS, LoginRequest, RefreshRequest, TokenResponse};
use furrow_store::sessions::{self, Session};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(login).service(refresh).service(logout);
}

fn tokens(state: &AppState, session: Session) -> TokenResponse {
    TokenResponse {
        access_token: state.jwt.issue(session.user.id, session.session_id),
        refresh_token: session.refresh_token,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TOKEN_TTL_SECONDS,
        user: session.user,
    }
}

/// The client's address: the TCP peer (forwarding headers are not trusted).
pub(crate) fn client_ip(req: &HttpRequest) -> Option<std::net::IpAddr> {
    req.peer_addr().map(|a| a.ip())
}

/// Signs in with a username and password.
///
/// Failed attempts are throttled per login name (after 5), per client address
/// (after 30, any names) and server-wide (past 100 a minute, for addresses the
/// user never signed in from): further attempts are refused with 429 and
/// `Retry-After` (30 s, doubling, at most 15 minutes), whether the password is
/// right or not. A locked login name still signs in from an address it signed
/// in from before, or anywhere after an admin's `POST /users/{id}/unlock`.
/// A username longer than any user can have (64) is simply wrong credentials.
#[utoipa::path(tag = "auth", security(()), request_body = LoginRequest, responses(
    (status = 200, description = "Signed in", body = TokenResponse),
    (status = 401, description = "Wrong username or password, or deactivated account", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 429, description = "Too many failed attempts; see Retry-After", body = furrow_domain::Problem, content_type = "application/problem+json",
        headers(("Retry-After" = u64, description = "Seconds to wait"))),
))]
#[post("/auth/login")]
async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let session = sessions::login(
        &state.store,
        &body.username,
        &body.password,
        client_ip(&req),
    )
    .await?;
    tracing::info!(user_id = %session.user.id, username = %session.user.username, "signed in");
    Ok(HttpResponse::Ok().json(tokens(&state, session)))
}

/// Exchanges a refresh token for new tokens. The refresh token is single-use:
/// the old one stops working, and presenting it again ends the whole session
/// (its access tokens too).
#[utoipa::path(tag = "auth", security(()), request_body = RefreshRequest, responses(
    (status = 200, description = "New tokens", body = TokenResponse),
    (status = 401, description = "Unknown, expired, used or revoked refresh token", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/auth/refresh")]
async fn refresh(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let session = sessions::refresh(&state.store, &body.refresh_token).await?;
    Ok(HttpResponse::Ok().json(tokens(&state, session)))
}

/// Signs out: ends the session of this refresh token, its access tokens
/// included. Idempotent.
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
