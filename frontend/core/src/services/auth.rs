//! Sign-in, sign-out and the signed-in user's own account.

use crate::services::requests::{ApiError, Call};
use furrow_domain::auth::{ChangePasswordRequest, LoginRequest, RefreshRequest, TokenResponse};
use furrow_domain::users::UserView;

/// `POST /auth/login`.
pub async fn login(req: &LoginRequest) -> Result<TokenResponse, ApiError> {
    Call::post("/auth/login")
        .anonymous()
        .json(req)
        .fetch()
        .await
}

/// `POST /auth/logout`: revokes the refresh token.
pub async fn logout(refresh_token: String) -> Result<(), ApiError> {
    Call::post("/auth/logout")
        .anonymous()
        .json(&RefreshRequest { refresh_token })
        .send()
        .await
}

/// `GET /me`: the signed-in user with their current roles and permissions;
/// the company's time zone it carries is where every page reads times.
pub async fn me() -> Result<UserView, ApiError> {
    let me: furrow_domain::users::MeView = Call::get("/me").fetch().await?;
    crate::time::set_company_offset(me.utc_offset_minutes);
    Ok(me.user)
}

/// `POST /me/password`: changes the own password (every session ends).
pub async fn change_password(req: &ChangePasswordRequest) -> Result<(), ApiError> {
    Call::post("/me/password").json(req).send().await
}
