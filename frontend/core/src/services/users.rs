//! User administration (`manage_users`).

use crate::services::requests::{ApiError, Call};
use furrow_domain::Page;
use furrow_domain::audit::AuditEventView;
use furrow_domain::users::{CreateUserRequest, SetPasswordRequest, UpdateUserRequest, UserView};
use uuid::Uuid;

/// Filters and page of `GET /users`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserFilter {
    /// Part of the login or display name.
    pub q: Option<String>,
    /// Only active (`true`) or deactivated (`false`) users.
    pub active: Option<bool>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// `GET /users`.
pub async fn list(filter: &UserFilter) -> Result<Page<UserView>, ApiError> {
    Call::get("/users")
        .query_opt("q", filter.q.as_deref().filter(|q| !q.trim().is_empty()))
        .query_opt("active", filter.active)
        .query_opt("limit", filter.limit)
        .query_opt("cursor", filter.cursor.as_deref())
        .fetch()
        .await
}

/// `GET /users/{id}`.
pub async fn get(id: Uuid) -> Result<UserView, ApiError> {
    Call::get(format!("/users/{id}")).fetch().await
}

/// `POST /users`.
pub async fn create(req: &CreateUserRequest) -> Result<UserView, ApiError> {
    Call::post("/users").json(req).fetch().await
}

/// `PATCH /users/{id}` against `version`.
pub async fn update(id: Uuid, version: i32, req: &UpdateUserRequest) -> Result<UserView, ApiError> {
    Call::patch(format!("/users/{id}"))
        .if_match(version)
        .json(req)
        .fetch()
        .await
}

/// `POST /users/{id}/deactivate` or `/activate` against `version`.
pub async fn set_active(id: Uuid, version: i32, active: bool) -> Result<UserView, ApiError> {
    let action = if active { "activate" } else { "deactivate" };
    Call::post(format!("/users/{id}/{action}"))
        .if_match(version)
        .fetch()
        .await
}

/// `POST /users/{id}/password`.
pub async fn set_password(id: Uuid, new_password: String) -> Result<(), ApiError> {
    Call::post(format!("/users/{id}/password"))
        .json(&SetPasswordRequest { new_password })
        .send()
        .await
}

/// `GET /users/{id}/history`, oldest first.
pub async fn history(id: Uuid) -> Result<Vec<AuditEventView>, ApiError> {
    Call::get(format!("/users/{id}/history")).fetch().await
}
