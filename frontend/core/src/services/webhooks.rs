//! Webhook subscriptions (`/webhooks`): administrators' and each dealer's
//! own. The secret comes back only in the answer to subscribing.

use crate::services::requests::Call;
use crate::services::resource::{Answer, Resource};
use furrow_domain::webhooks::{DeliveryView, WebhookCreated, WebhookInput, WebhookView};
use uuid::Uuid;

const WEBHOOKS: Resource = Resource::new("/webhooks");

/// `GET /webhooks`, newest first.
pub fn list() -> impl Answer<Vec<WebhookView>> {
    WEBHOOKS.list().fetch()
}

pub fn get(id: Uuid) -> impl Answer<WebhookView> {
    WEBHOOKS.get(id)
}

/// `POST /webhooks`. No `Idempotency-Key`, as for API clients: a replayed
/// answer would carry the secret again; the busy form stops a double click.
pub fn create(input: &WebhookInput) -> impl Answer<WebhookCreated> + use<> {
    Call::post("/webhooks").json(input).fetch()
}

/// `PUT /webhooks/{id}` against `version`.
pub fn update(id: Uuid, version: i32, input: &WebhookInput) -> impl Answer<WebhookView> + use<> {
    WEBHOOKS.update(id, version, input)
}

/// `DELETE /webhooks/{id}` against `version`.
pub fn delete(id: Uuid, version: i32) -> impl Answer<()> + use<> {
    Call::delete(format!("/webhooks/{id}"))
        .if_match(version)
        .send()
}

/// `GET /webhooks/{id}/deliveries`: the newest attempts.
pub fn deliveries(id: Uuid) -> impl Answer<Vec<DeliveryView>> {
    WEBHOOKS.sub(id, "deliveries")
}

/// `POST /webhooks/{id}/deliveries/{delivery}/redeliver`.
pub fn redeliver(id: Uuid, delivery: Uuid) -> impl Answer<DeliveryView> + use<> {
    Call::post(format!("/webhooks/{id}/deliveries/{delivery}/redeliver")).fetch()
}
