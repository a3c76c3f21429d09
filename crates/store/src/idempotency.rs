//! `Idempotency-Key`: the first response to a creating POST is stored in the
//! same transaction as what it created, so a retry gets exactly that response
//! and nothing is created twice.

use crate::Store;
use crate::db::now;
use crate::entities::idempotency_key;
use crate::error::StoreError;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// A client's key with the fingerprint of the request it came with.
#[derive(Debug, Clone)]
pub struct IdempotencyKey {
    pub user_id: Uuid,
    pub key: String,
    pub request_hash: String,
}

impl IdempotencyKey {
    /// Keys are scoped per user; the hash covers the route and the body.
    pub fn new(user_id: Uuid, key: &str, route: &str, body: &[u8]) -> Self {
        let mut h = Sha256::new();
        h.update(route.as_bytes());
        h.update([0]);
        h.update(body);
        Self {
            user_id,
            key: key.to_owned(),
            request_hash: hex::encode(h.finalize()),
        }
    }
}

/// A response stored for a key.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub status: u16,
    pub body: String,
}

/// The stored response for this key, if any. The same key with another request
/// is a conflict: the client reused a key.
pub async fn replay(
    conn: &impl ConnectionTrait,
    key: &IdempotencyKey,
) -> Result<Option<StoredResponse>, StoreError> {
    let Some(row) = idempotency_key::Entity::find_by_id((key.user_id, key.key.clone()))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    if row.request_hash != key.request_hash {
        return Err(StoreError::conflict(
            "idempotency_key_reused",
            "this Idempotency-Key was already used with a different request",
        ));
    }
    Ok(Some(StoredResponse {
        status: row.status_code as u16,
        body: row.response_body,
    }))
}

/// The row that stores the response for a key, to insert inside the creating
/// transaction: a key already stored makes the insert fail.
pub fn row(key: &IdempotencyKey, status: u16, body: String) -> idempotency_key::ActiveModel {
    idempotency_key::ActiveModel {
        user_id: Set(key.user_id),
        key: Set(key.key.clone()),
        request_hash: Set(key.request_hash.clone()),
        status_code: Set(i32::from(status)),
        response_body: Set(body),
        created_at: Set(now()),
    }
}

/// What a creating write with an optional key did.
#[derive(Debug)]
pub enum Once<T> {
    /// Created now.
    Created(T),
    /// The key's first answer, created before.
    Replayed(StoredResponse),
}

/// Runs the creating write `create` once per key. `create` stores its answer
/// with [`remember`] inside its own transaction, so a retry's write fails (on
/// the key, or earlier on what the first one created) and the key's first
/// answer is returned instead; the key with another request is a conflict
/// (409). Without a key, or when no answer is stored, `create`'s error stands.
pub async fn once<T>(
    store: &Store,
    key: Option<&IdempotencyKey>,
    create: impl AsyncFnOnce() -> Result<T, StoreError>,
) -> Result<Once<T>, StoreError> {
    let error = match create().await {
        Ok(created) => return Ok(Once::Created(created)),
        Err(e) => e,
    };
    if let Some(k) = key
        && let Some(stored) = replay(store.conn(), k).await?
    {
        return Ok(Once::Replayed(stored));
    }
    Err(error)
}

/// Stores `answer` as the key's 201 inside the creating transaction `conn`:
/// a key already stored (a retry, or a concurrent one that committed first)
/// fails here, and with it the transaction.
pub async fn remember(
    conn: &impl ConnectionTrait,
    key: Option<&IdempotencyKey>,
    answer: &impl serde::Serialize,
) -> Result<(), StoreError> {
    let Some(k) = key else { return Ok(()) };
    let body = serde_json::to_string(answer).unwrap_or_default();
    idempotency_key::Entity::insert(row(k, 201, body))
        .exec_without_returning(conn)
        .await?;
    Ok(())
}
