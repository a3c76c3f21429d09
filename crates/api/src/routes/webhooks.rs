//! Webhook subscriptions: the change feed pushed to a URL, kept by
//! administrators (any dealer's, or the whole service's) and by dealers'
//! users and clients (their own dealer's); each one's delivery log, and
//! delivering a logged event again by hand.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{if_match, ok_with_etag};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Utc};
use furrow_domain::RecordKind;
use furrow_domain::access::Action;
use furrow_domain::webhooks::{DeliveryView, WebhookCreated, WebhookInput, WebhookView};
use furrow_store::webhooks;
use serde::Deserialize;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_webhooks)
        .service(create_webhook)
        .service(get_webhook)
        .service(update_webhook)
        .service(delete_webhook)
        .service(list_deliveries)
        .service(redeliver);
}

/// A client token must also hold `events_read`: a webhook is the feed.
fn require(auth: &Authenticated, action: Option<Action>) -> Result<(), ApiError> {
    auth.require_feed()?;
    match action {
        None => auth.require_view(RecordKind::Webhook),
        Some(a) => auth.require_action(RecordKind::Webhook, a),
    }
}

/// The subscriptions the caller keeps: every one for an administrator, its
/// dealer's for a dealer's user or client. Newest first.
#[utoipa::path(tag = "webhooks", responses(
    (status = 200, body = Vec<WebhookView>),
    (status = 403, description = "Neither an administrator nor a dealer; a client token without `events_read`", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[get("/webhooks")]
async fn list_webhooks(
    state: web::Data<AppState>,
    auth: Authenticated,
) -> Result<HttpResponse, ApiError> {
    require(&auth, None)?;
    Ok(HttpResponse::Ok().json(webhooks::list(&state.store, &auth.actor).await?))
}

/// Subscribes a URL to the change feed from now on. Each event the
/// subscription's reader may see (a dealer's: its own records, as its
/// system reads them from `GET /events`) and its `events` filters want is
/// POSTed as JSON (`{type, timestamp, data}`), signed the Standard Webhooks
/// way with the secret in this answer (shown once): headers `webhook-id`
/// (the event's id, the same on every retry), `webhook-timestamp` and
/// `webhook-signature` (`v1,` and the base64 HMAC-SHA256 of
/// `id.timestamp.body`). Events go out one at a time, in commit order; a
/// receiver that does not answer 2xx within 10 s gets the same event again
/// after 5 s, 20 s, 80 s... (at most 2 h apart), and after a day of
/// failures the subscription is disabled. Addresses inside the network
/// (loopback, private, link-local) are refused unless the server allows
/// them.
#[utoipa::path(tag = "webhooks", request_body = WebhookInput, responses(
    (status = 201, body = WebhookCreated, headers(("Location" = String), ("Cache-Control" = String, description = "`no-store`"))),
    (status = 403, description = "Not allowed to keep webhooks", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 422, description = "Invalid fields: not an http(s) URL, an internal address, an unknown event filter, another dealer", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/webhooks")]
async fn create_webhook(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: web::Json<WebhookInput>,
) -> Result<HttpResponse, ApiError> {
    require(&auth, Some(Action::Create))?;
    let made = webhooks::create(
        &state.store,
        &auth.actor,
        &body,
        state.config.webhooks_allow_internal,
    )
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/webhooks/{}", made.webhook.id)))
        .insert_header(("Cache-Control", "no-store"))
        .json(made))
}

/// One subscription, with its version as the ETag.
#[utoipa::path(tag = "webhooks", params(("id" = Uuid, Path)), responses(
    (status = 200, body = WebhookView, headers(("ETag" = String))),
    (status = 404, description = "No such subscription (or another dealer's)", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[get("/webhooks/{id}")]
async fn get_webhook(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    require(&auth, None)?;
    let w = webhooks::get(&state.store, &auth.actor, *id).await?;
    Ok(ok_with_etag(w.version, &w))
}

/// Changes a subscription (all its fields; send its ETag as `If-Match`).
/// `enabled: true` also clears its failures and makes it due at once: the
/// way to retry now once a receiver is mended, or to turn back on one the
/// server disabled. `enabled: false` holds its deliveries: they go out,
/// from where it stopped, once it is enabled again.
#[utoipa::path(tag = "webhooks", params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "The subscription's ETag as read")), request_body = WebhookInput, responses(
    (status = 200, body = WebhookView, headers(("ETag" = String))),
    (status = 404, description = "No such subscription", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 412, description = "It changed since the version in `If-Match`", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 422, description = "Invalid fields", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 428, description = "`If-Match` is missing", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[put("/webhooks/{id}")]
async fn update_webhook(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Json<WebhookInput>,
) -> Result<HttpResponse, ApiError> {
    require(&auth, Some(Action::Update))?;
    let expected = if_match(&req)?;
    let w = webhooks::update(
        &state.store,
        &auth.actor,
        *id,
        expected,
        &body,
        state.config.webhooks_allow_internal,
    )
    .await?;
    Ok(ok_with_etag(w.version, &w))
}

/// Deletes a subscription and its delivery log (send its ETag as `If-Match`).
#[utoipa::path(tag = "webhooks", params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "The subscription's ETag as read")), responses(
    (status = 204, description = "Deleted"),
    (status = 404, description = "No such subscription", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 412, description = "It changed since the version in `If-Match`", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 428, description = "`If-Match` is missing", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[delete("/webhooks/{id}")]
async fn delete_webhook(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    require(&auth, Some(Action::Deactivate))?;
    let expected = if_match(&req)?;
    webhooks::delete(&state.store, &auth.actor, *id, expected).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `GET /webhooks/{id}/deliveries` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct DeliveriesQuery {
    /// Attempts made before this time (the `at` of the last one of the page
    /// before); absent: the newest.
    before: Option<DateTime<Utc>>,
    /// Attempts per page, 1-200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u64>,
}

/// A subscription's delivery log, newest first: each attempt's event, the
/// receiver's status or why there was none, and how long it took.
#[utoipa::path(tag = "webhooks", params(("id" = Uuid, Path), DeliveriesQuery), responses(
    (status = 200, body = Vec<DeliveryView>),
    (status = 400, description = "A limit out of range (`invalid_limit`)", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such subscription", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[get("/webhooks/{id}/deliveries")]
async fn list_deliveries(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    query: web::Query<DeliveriesQuery>,
) -> Result<HttpResponse, ApiError> {
    require(&auth, None)?;
    let limit = query.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::BadRequest {
            code: "invalid_limit",
            detail: "limit: 1 to 200".into(),
        });
    }
    let log = webhooks::deliveries(&state.store, &auth.actor, *id, query.before, limit).await?;
    Ok(HttpResponse::Ok().json(log))
}

/// Delivers a logged event again, now, and answers the new attempt (also
/// logged, as made by hand). The subscription's own position and retries
/// do not change.
#[utoipa::path(tag = "webhooks", params(("id" = Uuid, Path), ("delivery" = Uuid, Path)), responses(
    (status = 200, body = DeliveryView),
    (status = 404, description = "No such subscription or delivery", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 409, description = "The subscription's reader may no longer see the event (`event_gone`)", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/webhooks/{id}/deliveries/{delivery}/redeliver")]
async fn redeliver(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    require(&auth, Some(Action::Update))?;
    let (id, delivery) = path.into_inner();
    let (m, event) = webhooks::event_of(&state.store, &auth.actor, id, delivery).await?;
    let event = event.ok_or_else(|| ApiError::Conflict {
        code: "event_gone",
        detail: "the subscription may no longer see this event".into(),
    })?;
    let attempt =
        crate::webhook_delivery::send(&m, &event, state.config.webhooks_allow_internal).await;
    let logged = webhooks::record_attempt(&state.store, &m, &event, &attempt, true).await?;
    Ok(HttpResponse::Ok().json(logged))
}
