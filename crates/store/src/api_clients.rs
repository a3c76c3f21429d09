//! API clients: registering, rotating and revoking them (administrators),
//! checking their credentials at the token endpoint, and the acting client
//! behind a client token on every request.
//!
//! The secret is 32 random bytes (256 bits), kept as its SHA-256 digest.
//! A password is hashed slowly (argon2, `crate::password`) because people
//! choose guessable ones and a stolen digest must not give them away; a
//! generated 256-bit secret cannot be guessed, so one fast hash already
//! makes a stolen digest useless, while argon2's 19 MiB and tens of
//! milliseconds per token request would only hand an attacker a cheap way to
//! load the server. No key is needed for the hash for the same reason; the
//! digests are compared in constant time.

use crate::Store;
use crate::audit;
use crate::db::by_id;
use crate::entities::{api_client, dealer};
use crate::error::{StoreError, check_version};
use crate::versioned::guarded_update;
use furrow_domain::api_clients::{
    ApiClientSecret, ApiClientView, ClientRole, ClientScope, CreateApiClientRequest,
    RotateApiClientRequest, SECRET_PREFIX, ip_allowed, secret_accepted,
};
use furrow_domain::api_limits::ApiClientUsage;
use furrow_domain::auth::Actor;
use furrow_domain::roles::permissions_of;
use furrow_domain::users::UserView;
use furrow_domain::validation::Validator;
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel, QueryOrder};
use sha2::{Digest, Sha256};
use std::net::IpAddr;
use uuid::Uuid;

/// The acting client behind a client token: as an actor (its id as the
/// user's), as the user view `/me` shows, and the scopes it holds now.
pub type ClientPrincipal = (Actor, UserView, Vec<ClientScope>);

/// Why the token endpoint refuses a client (all `invalid_client` on the
/// wire, told apart in the server's log only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No such client, or a wrong or expired secret.
    BadCredentials,
    /// Revoked.
    Revoked,
    /// Asking from outside its allowed ranges.
    Address,
    /// Its dealer is deactivated: it may no longer act for it.
    DealerInactive,
}

fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Equal digests, compared in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{SECRET_PREFIX}{}", hex::encode(bytes))
}

fn strings<T: serde::de::DeserializeOwned>(
    m: &api_client::Model,
    what: &'static str,
    v: &serde_json::Value,
) -> Result<T, StoreError> {
    serde_json::from_value(v.clone())
        .map_err(|e| StoreError::corrupt(format!("API client {} ({})", m.name, m.id), what, e))
}

fn view(m: &api_client::Model) -> Result<ApiClientView, StoreError> {
    let role = ClientRole::parse(&m.role).ok_or_else(|| {
        StoreError::corrupt(format!("API client {} ({})", m.name, m.id), "role", &m.role)
    })?;
    Ok(ApiClientView {
        id: m.id,
        name: m.name.clone(),
        role,
        dealer_id: m.dealer_id,
        scopes: strings(m, "scopes", &m.scopes)?,
        allowed_ips: strings(m, "allowed_ips", &m.allowed_ips)?,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
        rotated_at: m.rotated_at,
        previous_secret_valid_until: m.previous_secret_valid_until,
        revoked_at: m.revoked_at,
        last_used_at: m.last_used_at,
        usage: ApiClientUsage {
            last_request_at: m.last_request_at,
            request_count: m.request_count,
            error_count: m.error_count,
        },
    })
}

/// Adds usage counted in memory to the stored counts: one UPDATE per client,
/// in one write, without touching the version (usage is no change of the
/// client's registration, so an administrator's `If-Match` stays valid).
/// `last_request_at` becomes the last counted call (with several instances,
/// one flushing after another may set a time a few seconds older).
pub async fn add_usage(store: &Store, usage: &[(Uuid, ApiClientUsage)]) -> Result<(), StoreError> {
    use api_client::Column as C;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, QueryFilter};
    let tx = store.begin_write().await?;
    for (id, u) in usage {
        let mut update = api_client::Entity::update_many()
            .col_expr(
                C::RequestCount,
                Expr::col(C::RequestCount).add(u.request_count),
            )
            .col_expr(C::ErrorCount, Expr::col(C::ErrorCount).add(u.error_count))
            .filter(C::Id.eq(*id));
        if let Some(at) = u.last_request_at {
            update = update.col_expr(C::LastRequestAt, Expr::value(at));
        }
        update.exec(&*tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Every client, newest first.
pub async fn list(store: &Store) -> Result<Vec<ApiClientView>, StoreError> {
    api_client::Entity::find()
        .order_by_desc(api_client::Column::CreatedAt)
        .order_by_desc(api_client::Column::Id)
        .all(store.conn())
        .await?
        .iter()
        .map(view)
        .collect()
}

/// One client.
pub async fn get(store: &Store, id: Uuid) -> Result<ApiClientView, StoreError> {
    view(&by_id::<api_client::Entity>(store.conn(), id).await?)
}

/// Registers a client and generates its secret (returned once).
pub async fn create(
    store: &Store,
    actor: &Actor,
    input: &CreateApiClientRequest,
) -> Result<ApiClientSecret, StoreError> {
    input.validate()?;
    let tx = store.begin_write().await?;
    if let Some(d) = input.dealer_id {
        let found = dealer::Entity::find_by_id(d).one(&*tx).await?;
        if !found.is_some_and(|d| d.active) {
            let mut v = Validator::new();
            v.error("dealer_id", "unknown", "no such active dealer");
            v.finish()?;
        }
    }
    let secret = new_secret();
    let now = store.now();
    let scopes = input.normalized_scopes();
    let ranges = input.normalized_ranges();
    let m = api_client::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(input.name.trim().to_owned()),
        role: Set(input.role.as_str().to_owned()),
        dealer_id: Set(input.dealer_id),
        scopes: Set(serde_json::json!(scopes)),
        allowed_ips: Set(serde_json::json!(ranges)),
        secret_hash: Set(digest(&secret)),
        previous_secret_hash: Set(None),
        previous_secret_valid_until: Set(None),
        rotated_at: Set(None),
        revoked_at: Set(None),
        last_used_at: Set(None),
        last_request_at: Set(None),
        request_count: Set(0),
        error_count: Set(0),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &*tx,
        Some(actor),
        "api_client",
        m.id,
        "created",
        serde_json::json!({
            "name": m.name, "role": m.role, "dealer_id": m.dealer_id,
            "scopes": scopes, "allowed_ips": ranges,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(ApiClientSecret {
        client: view(&m)?,
        client_secret: secret,
    })
}

fn refuse_revoked(m: &api_client::Model) -> Result<(), StoreError> {
    if m.revoked_at.is_some() {
        return Err(StoreError::Conflict {
            code: "revoked",
            message: "the client is revoked; register a new one".into(),
        });
    }
    Ok(())
}

/// Gives a client a new secret (returned once); the current one stays
/// valid for the overlap asked for, any older one stops at once. `expected`
/// is the version the administrator saw (`If-Match`): two rotations racing
/// never leave one of them holding a secret the other replaced.
pub async fn rotate(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &RotateApiClientRequest,
) -> Result<ApiClientSecret, StoreError> {
    input.validate()?;
    let tx = store.begin_write().await?;
    let m = by_id::<api_client::Entity>(&*tx, id).await?;
    check_version(expected, m.version)?;
    refuse_revoked(&m)?;
    let now = store.now();
    let until = input.previous_valid_until(now);
    let secret = new_secret();
    let version = m.version;
    let previous = m.secret_hash.clone();
    let mut a = m.into_active_model();
    a.previous_secret_hash = Set(until.map(|_| previous));
    a.previous_secret_valid_until = Set(until);
    a.secret_hash = Set(digest(&secret));
    a.rotated_at = Set(Some(now));
    a.updated_at = Set(now);
    a.version = Set(version + 1);
    let m = guarded_update::<api_client::Entity>(&*tx, a, version).await?;
    audit::record(
        &*tx,
        Some(actor),
        "api_client",
        id,
        "secret_rotated",
        serde_json::json!({ "previous_secret_valid_until": until }),
    )
    .await?;
    tx.commit().await?;
    store.clients().forget(&id);
    Ok(ApiClientSecret {
        client: view(&m)?,
        client_secret: secret,
    })
}

/// Revokes a client at once: no more tokens, and the ones it holds stop
/// working (through this server at once, elsewhere within the cache's 2 s).
pub async fn revoke(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
) -> Result<ApiClientView, StoreError> {
    let tx = store.begin_write().await?;
    let m = by_id::<api_client::Entity>(&*tx, id).await?;
    check_version(expected, m.version)?;
    refuse_revoked(&m)?;
    let now = store.now();
    let version = m.version;
    let mut a = m.into_active_model();
    a.revoked_at = Set(Some(now));
    a.previous_secret_hash = Set(None);
    a.previous_secret_valid_until = Set(None);
    a.updated_at = Set(now);
    a.version = Set(version + 1);
    let m = guarded_update::<api_client::Entity>(&*tx, a, version).await?;
    audit::record(
        &*tx,
        Some(actor),
        "api_client",
        id,
        "revoked",
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    store.clients().forget(&id);
    view(&m)
}

/// Checks a token request's credentials: the client, its secret (the
/// current one, or the previous one inside its overlap), that it is not
/// revoked and that `ip` is inside its ranges. On success notes the use and
/// answers the client.
pub async fn authenticate(
    store: &Store,
    client_id: &str,
    secret: &str,
    ip: Option<IpAddr>,
) -> Result<Result<ApiClientView, Refusal>, StoreError> {
    let presented = digest(secret);
    let Ok(id) = client_id.parse::<Uuid>() else {
        return Ok(Err(Refusal::BadCredentials));
    };
    let Some(m) = api_client::Entity::find_by_id(id).one(store.conn()).await? else {
        return Ok(Err(Refusal::BadCredentials));
    };
    let now = store.now();
    let current = same(&presented, &m.secret_hash);
    let previous = m
        .previous_secret_hash
        .as_deref()
        .is_some_and(|h| same(&presented, h));
    if !secret_accepted(current, previous, m.previous_secret_valid_until, now) {
        return Ok(Err(Refusal::BadCredentials));
    }
    if m.revoked_at.is_some() {
        return Ok(Err(Refusal::Revoked));
    }
    let v = view(&m)?;
    if !v.allowed_ips.is_empty() && !ip.is_some_and(|ip| ip_allowed(&v.allowed_ips, ip)) {
        return Ok(Err(Refusal::Address));
    }
    if let Some(d) = m.dealer_id {
        let active = dealer::Entity::find_by_id(d)
            .one(store.conn())
            .await?
            .is_some_and(|d| d.active);
        if !active {
            return Ok(Err(Refusal::DealerInactive));
        }
    }
    // The last use, to the minute: one write a minute per client at most.
    if m.last_used_at
        .is_none_or(|t| now - t > chrono::Duration::minutes(1))
    {
        let tx = store.begin_write().await?;
        api_client::Entity::update(api_client::ActiveModel {
            id: sea_orm::ActiveValue::Unchanged(id),
            last_used_at: Set(Some(now)),
            ..Default::default()
        })
        .exec(&*tx)
        .await?;
        tx.commit().await?;
    }
    Ok(Ok(ApiClientView {
        last_used_at: Some(now),
        ..v
    }))
}

/// The acting client behind a client token: `None` when it is gone or
/// revoked, so its tokens stop working.
pub async fn principal(store: &Store, id: Uuid) -> Result<Option<ClientPrincipal>, StoreError> {
    store
        .clients()
        .get_or_load(id, || load_principal(store, id))
        .await
}

async fn load_principal(store: &Store, id: Uuid) -> Result<Option<ClientPrincipal>, StoreError> {
    let Some(m) = api_client::Entity::find_by_id(id).one(store.conn()).await? else {
        return Ok(None);
    };
    if m.revoked_at.is_some() {
        return Ok(None);
    }
    let v = view(&m)?;
    Ok(Some(as_principal(&v)))
}

/// The client as the rules see an actor: its one role, its dealer.
pub fn as_principal(v: &ApiClientView) -> ClientPrincipal {
    let roles = vec![v.role.role()];
    let username = format!("client:{}", v.id);
    let actor = Actor {
        user_id: v.id,
        username: username.clone(),
        roles: roles.clone(),
        dealer_id: v.dealer_id,
    };
    let user = UserView {
        id: v.id,
        username,
        display_name: v.name.clone(),
        permissions: permissions_of(&roles),
        roles,
        dealer_id: v.dealer_id,
        department: None,
        locale: None,
        active: v.revoked_at.is_none(),
        version: 1,
        created_at: v.created_at,
        updated_at: v.updated_at,
    };
    (actor, user, v.scopes.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_compare_equal_only_when_equal() {
        let a = digest("fcs_1");
        assert!(same(&a, &digest("fcs_1")));
        assert!(!same(&a, &digest("fcs_2")));
        assert!(!same(&a, ""));
        let s = new_secret();
        assert!(s.starts_with(SECRET_PREFIX));
        assert_eq!(s.len(), SECRET_PREFIX.len() + 64);
        assert_ne!(s, new_secret());
    }
}
