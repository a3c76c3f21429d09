//! User administration (`manage_users`).

use crate::services::requests::{ApiError, Listing};
use crate::services::resource::{Answer, Resource};
use furrow_domain::Page;
use furrow_domain::audit::AuditEventView;
use furrow_domain::users::{
    CreateUserRequest, SetPasswordRequest, UpdateUserRequest, UserFilters, UserView,
};
use uuid::Uuid;

const USERS: Resource = Resource::new("/users");

/// `GET /users`.
pub fn list(f: &UserFilters, l: &Listing) -> impl Answer<Page<UserView>> + use<> {
    USERS.list().filters(f).listing(l).fetch()
}

/// `GET /users/{id}`.
pub fn get(id: Uuid) -> impl Answer<UserView> {
    USERS.get(id)
}

/// `POST /users` with the form's `Idempotency-Key` (`Call::idempotent`).
pub fn create(req: &CreateUserRequest, nonce: &str) -> impl Answer<UserView> {
    USERS.create(req, nonce)
}

/// `PATCH /users/{id}` against `version`.
pub fn update(id: Uuid, version: i32, req: &UpdateUserRequest) -> impl Answer<UserView> {
    USERS.patch(id, version, req)
}

/// `POST /users/{id}/password`.
pub async fn set_password(id: Uuid, new_password: String) -> Result<(), ApiError> {
    USERS
        .post(id, "password")
        .json(&SetPasswordRequest { new_password })
        .send()
        .await
}

/// `GET /users/{id}/history`, oldest first.
pub fn history(id: Uuid) -> impl Answer<Vec<AuditEventView>> {
    USERS.sub(id, "history")
}
