//! `Idempotency-Key` on every creating `POST` (intake, the master records,
//! users): the key and the request's fingerprint, and the answer — created
//! now, or the key's first answer replayed with the headers it had. The store
//! keeps the answer in the creating transaction (`furrow_store::idempotency`).

use crate::error::ApiError;
use crate::http::{created, etag};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse};
use furrow_store::idempotency::{IdempotencyKey, Once, StoredResponse};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest `Idempotency-Key` accepted.
const MAX_KEY_LEN: usize = 200;

/// What the OpenAPI document says of the header.
pub const DESCRIPTION: &str = "Makes a retry return the first response: the same key with the \
    same body answers the first 201 again (`Idempotent-Replayed: true`), with another body 409 \
    `idempotency_key_reused`";

/// The request's key, scoped to `user` and fingerprinted with the path and
/// `body`, if the client sent one.
pub fn key(
    req: &HttpRequest,
    user: Uuid,
    body: &impl Serialize,
) -> Result<Option<IdempotencyKey>, ApiError> {
    let Some(raw) = req.headers().get("idempotency-key") else {
        return Ok(None);
    };
    let key = raw.to_str().unwrap_or_default().trim();
    if key.is_empty() || key.len() > MAX_KEY_LEN {
        return Err(ApiError::BadRequest {
            code: "invalid_idempotency_key",
            detail: format!("Idempotency-Key must be 1-{MAX_KEY_LEN} visible characters"),
        });
    }
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    Ok(Some(IdempotencyKey::new(user, key, req.path(), &bytes)))
}

/// A stored record's id and version, what its `Location` and `ETag` are made of.
#[derive(Deserialize)]
struct Identity {
    id: Uuid,
    version: i32,
}

/// The answer of a creating `POST` on `collection` (`/customers`): 201 with
/// the record's `ETag` and `Location` (from its `identity`, id and version),
/// or the key's first answer again.
pub fn answer<T: Serialize>(
    once: Once<T>,
    collection: &str,
    identity: impl FnOnce(&T) -> (Uuid, i32),
) -> HttpResponse {
    match once {
        Once::Created(view) => {
            let (id, version) = identity(&view);
            created(version, location(collection, id), &view)
        }
        Once::Replayed(stored) => replay(stored, collection),
    }
}

/// The answer of a creating `POST` whose records have no address of their
/// own (the movements of a stock posting): 201, or the key's first answer
/// again.
pub fn answer_unaddressed<T: Serialize>(once: Once<T>) -> HttpResponse {
    match once {
        Once::Created(body) => HttpResponse::Created().json(body),
        Once::Replayed(stored) => replay(stored, ""),
    }
}

fn location(collection: &str, id: Uuid) -> String {
    format!("/api/v1{collection}/{id}")
}

/// The first answer again, with the headers it had: a created record's
/// `ETag` and `Location` come from the stored body (the record as created).
fn replay(stored: StoredResponse, collection: &str) -> HttpResponse {
    let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    let mut res = HttpResponse::build(status);
    res.insert_header(("Idempotent-Replayed", "true"));
    if status.is_success()
        && let Ok(c) = serde_json::from_str::<Identity>(&stored.body)
    {
        res.insert_header((header::ETAG, etag(c.version)))
            .insert_header((header::LOCATION, location(collection, c.id)));
    }
    let content_type = if status.is_success() {
        "application/json"
    } else {
        "application/problem+json"
    };
    res.content_type(content_type).body(stored.body)
}
