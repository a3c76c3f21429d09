//! Sign-in sessions: the password check under the failed-login throttle, the
//! rotating refresh tokens (stored as SHA-256, never in clear), and whether the
//! session an access token names is still live.
//!
//! # Throttling
//! Failed sign-ins are counted in `login_throttles` (in the database, so the
//! count holds across servers) under three keys, each a fixed-size SHA-256 of
//! what it counts, whatever the client sent:
//! - the login name: 5 free failures, then 30 s doubling to 15 min
//!   ([`furrow_domain::auth::login_retry_after`]);
//! - the client address (IPv6 by /64): 30 free failures, then the same
//!   back-off, so one address cannot spray many names;
//! - the whole server: past 100 failures a minute, sign-ins from addresses
//!   their user never signed in from wait for the minute to end (a spray from
//!   many addresses).
//!
//! A locked login name still gets in from an address it signed in from
//! successfully before (`login_addresses`, ten per user), so nobody can keep a
//! known user locked out; an admin's [`unlock`] lifts the lock everywhere.
//!
//! Rows are bounded: a login name longer than any user can have, or a password
//! longer than any can be, is refused as wrong credentials without a row of
//! its own (and without hashing); rows untouched for an hour are deleted on
//! each failure; and new rows come only from failures under the server-wide
//! ceiling (or from addresses users signed in from), about 2 × 100 a minute.
//!
//! # Sessions
//! A session is a refresh-token family: it lives while one of its tokens is
//! unrevoked. Access tokens carry it as `sid`; [`principal`] checks it on every
//! request through a [`crate::ttl_cache::TtlCache`], so signing out, a
//! password change or reset, a replayed refresh token and a deactivation end
//! the access tokens of the session at once in this process and within the
//! cache's 2 s in others.

use crate::db::by_id;
use crate::entities::{login_address, login_throttle, refresh_token, user};
use crate::error::StoreError;
use crate::users::{Principal, view};
use crate::{Store, audit, password};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use furrow_domain::access::RecordKind;
use furrow_domain::auth::{
    Actor, LoginLimits, MAX_PASSWORD_ATTEMPT_BYTES, REFRESH_TOKEN_TTL_DAYS, address_bucket,
    backoff_retry_after, global_retry_after,
};
use furrow_domain::users::{MAX_USERNAME_CHARS, UserView, normalize_username};
use rand::RngCore;
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use sha2::{Digest, Sha256};
use std::net::IpAddr;
use uuid::Uuid;

/// Addresses remembered per user for [`check_password`]'s lock bypass.
const KNOWN_ADDRESSES_PER_USER: u64 = 10;

/// Why a sign-in or refresh was refused.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("wrong username or password")]
    InvalidCredentials,
    #[error("this account is deactivated")]
    Deactivated,
    #[error("too many failed sign-ins; try again in {retry_after_secs} s")]
    Throttled { retry_after_secs: i64 },
    #[error("the refresh token is unknown, expired or already used")]
    InvalidRefreshToken,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for AuthError {
    fn from(e: sea_orm::DbErr) -> Self {
        AuthError::Store(e.into())
    }
}

/// A signed-in session: who, its refresh token, and its id (the access
/// token's `sid`).
#[derive(Debug, Clone)]
pub struct Session {
    pub user: UserView,
    pub refresh_token: String,
    pub session_id: Uuid,
}

/// A fresh opaque token: 256 random bits, URL-safe.
fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// What a throttle row counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Username,
    Address,
    Global,
    /// A dealer's refusals for another dealer's key (see [`taken_probe_wait`]).
    Taken,
}

impl Scope {
    fn name(self) -> &'static str {
        match self {
            Scope::Username => "username",
            Scope::Address => "address",
            Scope::Global => "global",
            Scope::Taken => "taken",
        }
    }
}

/// The fixed-size key of a throttle row.
fn throttle_key(scope: Scope, value: &str) -> String {
    digest(&format!("{}:{value}", scope.name()))
}

/// The throttle key of a login name (normalised).
fn username_key(username: &str) -> String {
    throttle_key(Scope::Username, &normalize_username(username))
}

/// The throttle key (and `login_addresses` hash) of a client address; clients
/// without one (not over TCP) share one bucket.
fn address_key(client: Option<IpAddr>) -> String {
    let bucket = client.map_or_else(|| "unknown".to_owned(), address_bucket);
    throttle_key(Scope::Address, &bucket)
}

fn global_key() -> String {
    throttle_key(Scope::Global, "")
}

fn seconds_up(wait: Duration) -> i64 {
    // Round up so a client that waits exactly Retry-After is let in.
    (wait.num_milliseconds() + 999) / 1000
}

async fn issue(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
    family_id: Uuid,
) -> Result<String, sea_orm::DbErr> {
    let secret = new_secret();
    let now = Utc::now();
    refresh_token::Entity::insert(refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        token_hash: Set(digest(&secret)),
        family_id: Set(family_id),
        expires_at: Set(now + Duration::days(REFRESH_TOKEN_TTL_DAYS)),
        created_at: Set(now),
        revoked_at: Set(None),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(secret)
}

/// Checks a password under the failed-login throttle `limits`: a failure is
/// counted, a success clears the login name's count and remembers the
/// address. Returns the (active) user.
pub async fn check_password(
    store: &Store,
    username: &str,
    password_attempt: &str,
    client: Option<IpAddr>,
    limits: &LoginLimits,
) -> Result<user::Model, AuthError> {
    let now = Utc::now();
    let username = normalize_username(username);
    // Longer than any user's name or password: cannot match, so it is neither
    // hashed, looked up nor given a row of its own.
    let plausible = username.len() <= MAX_USERNAME_CHARS
        && password_attempt.len() <= MAX_PASSWORD_ATTEMPT_BYTES;
    let user_key = plausible.then(|| username_key(&username));
    let addr_key = address_key(client);
    let global = global_key();
    let mut keys = vec![addr_key.clone(), global.clone()];
    keys.extend(user_key.clone());
    let rows = login_throttle::Entity::find()
        .filter(login_throttle::Column::Key.is_in(keys))
        .all(store.conn())
        .await?;
    let row = |key: &str| rows.iter().find(|r| r.key == key);
    let found = if plausible {
        user::Entity::find()
            .filter(user::Column::Username.eq(&username))
            .one(store.conn())
            .await?
    } else {
        None
    };
    let known_address = match &found {
        Some(u) => login_address::Entity::find_by_id((u.id, addr_key.clone()))
            .one(store.conn())
            .await?
            .is_some(),
        None => false,
    };
    let failures = |r: &login_throttle::Model| r.failures.max(0) as u32;
    let mut waits = Vec::new();
    if let Some(r) = row(&addr_key) {
        waits.extend(backoff_retry_after(
            limits.free_address_failures,
            failures(r),
            r.last_failure_at,
            now,
        ));
    }
    // From an address the user signed in from before, neither a lock on the
    // name nor a spray elsewhere keeps them out.
    if !known_address {
        if let Some(r) = user_key.as_deref().and_then(row) {
            waits.extend(backoff_retry_after(
                limits.free_username_failures,
                failures(r),
                r.last_failure_at,
                now,
            ));
        }
        if let Some(r) = row(&global) {
            waits.extend(global_retry_after(
                limits,
                failures(r),
                r.first_failure_at,
                now,
            ));
        }
    }
    if let Some(wait) = waits.into_iter().max() {
        return Err(AuthError::Throttled {
            retry_after_secs: seconds_up(wait),
        });
    }
    let ok = plausible
        && password::verify(
            password_attempt.to_owned(),
            found.as_ref().map(|u| u.password_hash.clone()),
        )
        .await;
    let tx = store.begin_write().await?;
    match found {
        Some(u) if ok => {
            if let Some(key) = user_key {
                login_throttle::Entity::delete_by_id(key).exec(&*tx).await?;
            }
            if u.active {
                remember_address(&*tx, u.id, &addr_key, now).await?;
            }
            tx.commit().await?;
            if u.active {
                Ok(u)
            } else {
                Err(AuthError::Deactivated)
            }
        }
        _ => {
            count_failure(&*tx, Scope::Address, addr_key, now, limits).await?;
            if let Some(key) = user_key {
                count_failure(&*tx, Scope::Username, key, now, limits).await?;
            }
            count_failure(&*tx, Scope::Global, global, now, limits).await?;
            login_throttle::Entity::delete_many()
                .filter(
                    login_throttle::Column::LastFailureAt
                        .lt(now - Duration::seconds(limits.reset_after_seconds)),
                )
                .exec(&*tx)
                .await?;
            tx.commit().await?;
            Err(AuthError::InvalidCredentials)
        }
    }
}

/// Adds a failure to a throttle row. A login name's or address's count starts
/// again after `reset_after_seconds` without failures; the server-wide one
/// at the end of its window.
async fn count_failure(
    conn: &impl ConnectionTrait,
    scope: Scope,
    key: String,
    now: DateTime<Utc>,
    limits: &LoginLimits,
) -> Result<(), sea_orm::DbErr> {
    count_failures(conn, scope, key, now, limits, 1).await
}

/// [`count_failure`], `n` times at once.
async fn count_failures(
    conn: &impl ConnectionTrait,
    scope: Scope,
    key: String,
    now: DateTime<Utc>,
    limits: &LoginLimits,
    n: i32,
) -> Result<(), sea_orm::DbErr> {
    use login_throttle::Column as C;
    let col = |c: C| Expr::col((login_throttle::Entity, c));
    let restart = match scope {
        Scope::Global => {
            col(C::FirstFailureAt).lt(now - Duration::seconds(limits.global_window_seconds))
        }
        Scope::Username | Scope::Address | Scope::Taken => {
            col(C::LastFailureAt).lt(now - Duration::seconds(limits.reset_after_seconds))
        }
    };
    let failures = Expr::case(restart.clone(), Expr::val(n)).finally(col(C::Failures).add(n));
    let first = Expr::case(restart, Expr::val(now)).finally(col(C::FirstFailureAt));
    login_throttle::Entity::insert(login_throttle::ActiveModel {
        key: Set(key),
        scope: Set(scope.name().to_owned()),
        failures: Set(n),
        first_failure_at: Set(now),
        last_failure_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(C::Key)
            .value(C::Failures, failures)
            .value(C::FirstFailureAt, first)
            .update_column(C::LastFailureAt)
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await
    .map(|_| ())
}

/// Remembers that the user signed in from this address, keeping the
/// [`KNOWN_ADDRESSES_PER_USER`] most recent.
async fn remember_address(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
    addr_key: &str,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    use login_address::Column as C;
    login_address::Entity::insert(login_address::ActiveModel {
        user_id: Set(user_id),
        address_hash: Set(addr_key.to_owned()),
        last_success_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([C::UserId, C::AddressHash])
            .update_column(C::LastSuccessAt)
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    let keep = Query::select()
        .column(C::AddressHash)
        .from(login_address::Entity)
        .and_where(Expr::col(C::UserId).eq(user_id))
        .order_by(C::LastSuccessAt, sea_orm::Order::Desc)
        .limit(KNOWN_ADDRESSES_PER_USER)
        .to_owned();
    login_address::Entity::delete_many()
        .filter(C::UserId.eq(user_id))
        .filter(C::AddressHash.not_in_subquery(keep))
        .exec(conn)
        .await
        .map(|_| ())
}

/// Checks a password and opens a session (default throttle limits).
pub async fn login(
    store: &Store,
    username: &str,
    password_attempt: &str,
    client: Option<IpAddr>,
) -> Result<Session, AuthError> {
    login_with(
        store,
        username,
        password_attempt,
        client,
        &LoginLimits::default(),
    )
    .await
}

/// [`login`] under the given throttle limits.
pub async fn login_with(
    store: &Store,
    username: &str,
    password_attempt: &str,
    client: Option<IpAddr>,
    limits: &LoginLimits,
) -> Result<Session, AuthError> {
    let u = check_password(store, username, password_attempt, client, limits).await?;
    let session_id = Uuid::now_v7();
    let tx = store.begin_write().await?;
    let token = issue(&*tx, u.id, session_id).await?;
    tx.commit().await?;
    Ok(Session {
        user: view(&u)?,
        refresh_token: token,
        session_id,
    })
}

/// Exchanges a refresh token for a new one (the old one stops working) and the user.
///
/// Presenting a token that was already rotated means it leaked or was replayed:
/// the whole session (token family) is revoked, its access tokens included.
pub async fn refresh(store: &Store, secret: &str) -> Result<Session, AuthError> {
    let tx = store.begin_write().await?;
    let Some(row) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(digest(secret)))
        .one(&*tx)
        .await?
    else {
        return Err(AuthError::InvalidRefreshToken);
    };
    let now = Utc::now();
    if row.revoked_at.is_some() {
        revoke_family(&*tx, row.family_id).await?;
        tx.commit().await?;
        store.sessions().forget(&row.family_id);
        return Err(AuthError::InvalidRefreshToken);
    }
    if row.expires_at <= now {
        return Err(AuthError::InvalidRefreshToken);
    }
    let Some(u) = user::Entity::find_by_id(row.user_id)
        .one(&*tx)
        .await?
        .filter(|u| u.active)
    else {
        return Err(AuthError::InvalidRefreshToken);
    };
    // Conditional on still being unrevoked: of two concurrent refreshes with the
    // same token, exactly one wins.
    let res = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(row.id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(&*tx)
        .await?;
    if res.rows_affected != 1 {
        return Err(AuthError::InvalidRefreshToken);
    }
    let token = issue(&*tx, u.id, row.family_id).await?;
    tx.commit().await?;
    Ok(Session {
        user: view(&u)?,
        refresh_token: token,
        session_id: row.family_id,
    })
}

/// Ends the session a refresh token belongs to, its access tokens included.
/// Unknown tokens are ignored, so signing out twice is harmless.
pub async fn logout(store: &Store, secret: &str) -> Result<(), AuthError> {
    let tx = store.begin_write().await?;
    let family = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(digest(secret)))
        .one(&*tx)
        .await?
        .map(|row| row.family_id);
    if let Some(family) = family {
        revoke_family(&*tx, family).await?;
    }
    tx.commit().await?;
    if let Some(family) = family {
        store.sessions().forget(&family);
    }
    Ok(())
}

async fn revoke_family(conn: &impl ConnectionTrait, family_id: Uuid) -> Result<(), sea_orm::DbErr> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await
        .map(|_| ())
}

/// Revokes every session of a user; returns their ids, for
/// [`forget_sessions`] once the transaction committed.
pub(crate) async fn revoke_all(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
) -> Result<Vec<Uuid>, sea_orm::DbErr> {
    let families: Vec<Uuid> = refresh_token::Entity::find()
        .select_only()
        .column(refresh_token::Column::FamilyId)
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .into_tuple()
        .all(conn)
        .await?;
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(families)
}

/// Forgets revoked sessions in this process's cache (after the commit).
pub(crate) fn forget_sessions(store: &Store, sessions: &[Uuid]) {
    for s in sessions {
        store.sessions().forget(s);
    }
}

/// The acting user behind an access token for `user_id` in session `sid`:
/// `None` when the session ended (signed out, password changed or reset,
/// refresh token replayed, user deactivated) or the user is gone or
/// deactivated. Changes made through this process apply at once, others
/// within [`crate::ttl_cache::TTL`].
pub async fn principal(
    store: &Store,
    user_id: Uuid,
    sid: Uuid,
) -> Result<Option<Principal>, StoreError> {
    let owner = store
        .sessions()
        .get_or_load(sid, || session_owner(store, sid))
        .await?;
    if owner != Some(user_id) {
        return Ok(None);
    }
    crate::users::actor(store, user_id).await
}

/// The user a live session belongs to.
async fn session_owner(store: &Store, sid: Uuid) -> Result<Option<Uuid>, StoreError> {
    Ok(refresh_token::Entity::find()
        .select_only()
        .column(refresh_token::Column::UserId)
        .filter(refresh_token::Column::FamilyId.eq(sid))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .filter(refresh_token::Column::ExpiresAt.gt(Utc::now()))
        .order_by_desc(refresh_token::Column::CreatedAt)
        .into_tuple()
        .one(store.conn())
        .await?)
}

/// Lifts the failed-sign-in lock of a user's login name (an admin's unlock):
/// they can sign in from anywhere at once. Recorded in the user's history.
pub async fn unlock(store: &Store, actor: &Actor, user_id: Uuid) -> Result<(), StoreError> {
    let tx = store.begin_write().await?;
    let u = by_id::<user::Entity>(&*tx, user_id).await?;
    login_throttle::Entity::delete_by_id(username_key(&u.username))
        .exec(&*tx)
        .await?;
    audit::record(
        &*tx,
        Some(actor),
        "user",
        user_id,
        "sign_in_unlocked",
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The throttle key of a dealer's refusals for taken keys.
fn taken_key(dealer_id: Uuid) -> String {
    throttle_key(Scope::Taken, &dealer_id.to_string())
}

/// How long a dealer must wait before it may again be told that a customer
/// code or serial number is taken, if it must (`None`: it may try now).
///
/// A unique key cannot be refused without telling that it exists, so a
/// dealer can learn another dealer's codes and serials by trying them. Each
/// such refusal counts like a failed sign-in ([`count_taken_probe`]): a few
/// are free (typing errors, a machine registered twice), then the same
/// doubling back-off slows trying to a few hundred keys a day.
pub async fn taken_probe_wait(store: &Store, dealer_id: Uuid) -> Result<Option<i64>, StoreError> {
    let Some(row) = login_throttle::Entity::find_by_id(taken_key(dealer_id))
        .one(store.conn())
        .await?
    else {
        return Ok(None);
    };
    Ok(backoff_retry_after(
        furrow_domain::auth::FREE_TAKEN_REFUSALS,
        row.failures.max(0) as u32,
        row.last_failure_at,
        Utc::now(),
    )
    .map(seconds_up))
}

/// Counts `n` refusals of a dealer's writes because their keys are taken (in
/// a transaction of its own: the refused write has rolled back).
pub async fn count_taken_probes(store: &Store, dealer_id: Uuid, n: u32) -> Result<(), StoreError> {
    let tx = store.begin_write().await?;
    count_failures(
        &*tx,
        Scope::Taken,
        taken_key(dealer_id),
        Utc::now(),
        &LoginLimits::default(),
        i32::try_from(n).unwrap_or(i32::MAX),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// How many taken keys a dealer may be told of now: what is left of the free
/// ones, else one once its back-off has passed.
pub async fn taken_probe_allowance(store: &Store, dealer_id: Uuid) -> Result<u32, StoreError> {
    let failures = login_throttle::Entity::find_by_id(taken_key(dealer_id))
        .one(store.conn())
        .await?
        .map_or(0, |row| row.failures.max(0) as u32);
    Ok(furrow_domain::auth::FREE_TAKEN_REFUSALS
        .saturating_sub(failures)
        .max(1))
}

/// The dealer whose probes `actor` spends on records of `kind`: its own,
/// where the permission table limits it to its dealer's records (the ones
/// whose taken keys name other dealers' records).
fn probing_dealer(actor: &Actor, kind: RecordKind) -> Option<Uuid> {
    furrow_domain::access::own_dealer(actor, kind)
}

/// Refuses a dealer's write of `kind` while it must wait after too many taken keys.
pub async fn check_taken_probes(
    store: &Store,
    actor: &Actor,
    kind: RecordKind,
) -> Result<(), StoreError> {
    match probing_dealer(actor, kind) {
        Some(d) => match taken_probe_wait(store, d).await? {
            Some(retry_after_secs) => Err(StoreError::Throttled { retry_after_secs }),
            None => Ok(()),
        },
        None => Ok(()),
    }
}

/// `refusal` of a taken code or serial of a record of `kind`, counted first
/// when `actor` is limited to its dealer's (a database failure on the way is
/// passed on, not counted).
pub async fn refuse_taken(
    store: &Store,
    actor: &Actor,
    kind: RecordKind,
    refusal: StoreError,
) -> StoreError {
    if let (Some(d), StoreError::Validation(_)) = (probing_dealer(actor, kind), &refusal)
        && let Err(e) = count_taken_probes(store, d, 1).await
    {
        return e;
    }
    refusal
}
