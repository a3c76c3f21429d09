//! API clients (`/api-clients`, administrators): other systems' client
//! credentials. The secret comes back only in the answers to registering and
//! rotating; nothing here keeps it.

use crate::services::requests::Call;
use crate::services::resource::{Answer, Resource};
use furrow_domain::api_clients::{
    ApiClientSecret, ApiClientView, CreateApiClientRequest, RotateApiClientRequest,
};
use uuid::Uuid;

const CLIENTS: Resource = Resource::new("/api-clients");

/// `GET /api-clients`, newest first.
pub fn list() -> impl Answer<Vec<ApiClientView>> {
    CLIENTS.list().fetch()
}

/// `GET /api-clients/{id}`, with this instance's latest usage.
pub fn get(id: Uuid) -> impl Answer<ApiClientView> {
    CLIENTS.get(id)
}

/// `POST /api-clients`. No `Idempotency-Key`: a replayed answer would carry
/// the secret a second time, so the API keeps none; the form's busy state
/// stops a double submission instead.
pub fn create(req: &CreateApiClientRequest) -> impl Answer<ApiClientSecret> + use<> {
    Call::post("/api-clients").json(req).fetch()
}

/// `POST /api-clients/{id}/rotate` against `version`.
pub fn rotate(
    id: Uuid,
    version: i32,
    req: &RotateApiClientRequest,
) -> impl Answer<ApiClientSecret> + use<> {
    CLIENTS.command(id, "rotate", version).json(req).fetch()
}

/// `POST /api-clients/{id}/revoke` against `version`.
pub fn revoke(id: Uuid, version: i32) -> impl Answer<ApiClientView> + use<> {
    CLIENTS.command(id, "revoke", version).fetch()
}
