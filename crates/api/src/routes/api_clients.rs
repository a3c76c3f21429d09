//! API clients (administrators): register, list, rotate the secret, revoke.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{etag, if_match, ok_with_etag};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use furrow_domain::RecordKind;
use furrow_domain::access::Action;
use furrow_domain::api_clients::{
    ApiClientSecret, ApiClientView, CreateApiClientRequest, RotateApiClientRequest,
};
use furrow_store::api_clients;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_api_clients)
        .service(create_api_client)
        .service(get_api_client)
        .service(rotate_api_client)
        .service(revoke_api_client);
}

/// Every API client, newest first, with its last use and its usage (this
/// instance's unstored counts included, as in `GET /api-clients/{id}`).
#[utoipa::path(tag = "api-clients", responses(
    (status = 200, body = Vec<ApiClientView>),
    (status = 403, description = "Not an administrator", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[get("/api-clients")]
async fn list_api_clients(
    state: web::Data<AppState>,
    auth: Authenticated,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::ApiClient)?;
    let mut clients = api_clients::list(&state.store).await?;
    for client in &mut clients {
        with_pending_usage(&state, client);
    }
    Ok(HttpResponse::Ok().json(clients))
}

/// One API client, with its version as the ETag that rotating and revoking
/// send back as `If-Match`.
#[utoipa::path(tag = "api-clients", params(("id" = Uuid, Path)), responses(
    (status = 200, body = ApiClientView, headers(("ETag" = String, description = "The client's version"))),
    (status = 404, description = "No such client", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[get("/api-clients/{id}")]
async fn get_api_client(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::ApiClient)?;
    let mut client = api_clients::get(&state.store, *id).await?;
    with_pending_usage(&state, &mut client);
    Ok(ok_with_etag(client.version, &client))
}

/// Registers an API client. Its secret is generated here and shown in this
/// answer only; Furrow keeps a SHA-256 digest of it.
#[utoipa::path(tag = "api-clients", request_body = CreateApiClientRequest, responses(
    (status = 201, body = ApiClientSecret, headers(("Location" = String), ("Cache-Control" = String, description = "`no-store`"))),
    (status = 422, description = "Invalid fields: no name, no scopes, a dealer client without a dealer, a malformed range", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/api-clients")]
async fn create_api_client(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: web::Json<CreateApiClientRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::ApiClient, Action::Create)?;
    let made = api_clients::create(&state.store, &auth.actor, &body).await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("/api/v1/api-clients/{}", made.client.id),
        ))
        .insert_header(("Cache-Control", "no-store"))
        .json(made))
}

/// Gives a client a new secret (shown in this answer only). The secret in
/// use stays valid for `overlap_minutes` so the client can switch without
/// downtime; one from an earlier rotation stops at once. Send the client's
/// ETag as `If-Match` (428 without, 412 if it changed meanwhile).
#[utoipa::path(tag = "api-clients", params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "The client's ETag as read")), request_body = RotateApiClientRequest, responses(
    (status = 200, body = ApiClientSecret, headers(("Cache-Control" = String, description = "`no-store`"), ("ETag" = String))),
    (status = 404, description = "No such client", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 409, description = "The client is revoked (`revoked`)", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 412, description = "The client changed since the version in `If-Match`", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 428, description = "`If-Match` is missing", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/api-clients/{id}/rotate")]
async fn rotate_api_client(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Json<RotateApiClientRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::ApiClient, Action::Update)?;
    let expected = if_match(&req)?;
    let mut rotated = api_clients::rotate(&state.store, &auth.actor, *id, expected, &body).await?;
    with_pending_usage(&state, &mut rotated.client);
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .insert_header((header::ETAG, etag(rotated.client.version)))
        .json(rotated))
}

/// Revokes a client: no token is issued to it any more and the tokens it
/// holds stop working (within 2 s on every server). Send the client's ETag
/// as `If-Match` (428 without, 412 if it changed meanwhile).
#[utoipa::path(tag = "api-clients", params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "The client's ETag as read")), responses(
    (status = 200, body = ApiClientView, headers(("ETag" = String))),
    (status = 404, description = "No such client", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 409, description = "Already revoked (`revoked`)", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 412, description = "The client changed since the version in `If-Match`", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 428, description = "`If-Match` is missing", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/api-clients/{id}/revoke")]
async fn revoke_api_client(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::ApiClient, Action::Deactivate)?;
    let expected = if_match(&req)?;
    let mut client = api_clients::revoke(&state.store, &auth.actor, *id, expected).await?;
    with_pending_usage(&state, &mut client);
    Ok(ok_with_etag(client.version, &client))
}

/// Adds this instance's counts not yet stored (`client_traffic`), so every
/// answer that shows a client shows the same usage as reading it.
fn with_pending_usage(state: &AppState, client: &mut ApiClientView) {
    client.usage = client.usage.plus(&state.traffic.pending(client.id));
}
