//! Sign-in sessions: password check with the failed-login throttle, and the
//! rotating refresh tokens (stored as SHA-256, never in clear).

use crate::entities::{login_failure, refresh_token, user};
use crate::error::StoreError;
use crate::users::view;
use crate::{Store, password};
use base64::Engine;
use chrono::{Duration, Utc};
use furrow_domain::auth::{REFRESH_TOKEN_TTL_DAYS, login_retry_after};
use furrow_domain::users::{UserView, normalize_username};
use rand::RngCore;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use uuid::Uuid;

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

/// A fresh opaque token: 256 random bits, URL-safe.
fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
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

/// Checks a password under the failed-login throttle: a failure is counted, a
/// success clears the count. Returns the (active) user.
pub async fn check_password(
    store: &Store,
    username: &str,
    password_attempt: &str,
) -> Result<user::Model, AuthError> {
    let username = normalize_username(username);
    let now = Utc::now();
    if let Some(f) = login_failure::Entity::find_by_id(username.clone())
        .one(store.conn())
        .await?
        && let Some(wait) = login_retry_after(f.failures.max(0) as u32, f.last_failure_at, now)
    {
        // Round up so a client that waits exactly Retry-After is let in.
        return Err(AuthError::Throttled {
            retry_after_secs: (wait.num_milliseconds() + 999) / 1000,
        });
    }
    let found = user::Entity::find()
        .filter(user::Column::Username.eq(&username))
        .one(store.conn())
        .await?;
    let ok = password::verify(
        password_attempt.to_owned(),
        found.as_ref().map(|u| u.password_hash.clone()),
    )
    .await;
    let tx = store.begin_write().await?;
    match found {
        Some(u) if ok => {
            login_failure::Entity::delete_by_id(username)
                .exec(&*tx)
                .await?;
            tx.commit().await?;
            if u.active {
                Ok(u)
            } else {
                Err(AuthError::Deactivated)
            }
        }
        _ => {
            login_failure::Entity::insert(login_failure::ActiveModel {
                username: Set(username),
                failures: Set(1),
                last_failure_at: Set(now),
            })
            .on_conflict(
                OnConflict::column(login_failure::Column::Username)
                    .value(
                        login_failure::Column::Failures,
                        Expr::col((login_failure::Entity, login_failure::Column::Failures)).add(1),
                    )
                    .update_column(login_failure::Column::LastFailureAt)
                    .to_owned(),
            )
            .exec_without_returning(&*tx)
            .await?;
            tx.commit().await?;
            Err(AuthError::InvalidCredentials)
        }
    }
}

/// Checks a password and opens a session: the user and a new refresh token.
pub async fn login(
    store: &Store,
    username: &str,
    password_attempt: &str,
) -> Result<(UserView, String), AuthError> {
    let u = check_password(store, username, password_attempt).await?;
    let tx = store.begin_write().await?;
    let token = issue(&*tx, u.id, Uuid::now_v7()).await?;
    tx.commit().await?;
    Ok((view(&u), token))
}

/// Exchanges a refresh token for a new one (the old one stops working) and the user.
///
/// Presenting a token that was already rotated means it leaked or was replayed:
/// the whole session (token family) is revoked.
pub async fn refresh(store: &Store, secret: &str) -> Result<(UserView, String), AuthError> {
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
    Ok((view(&u), token))
}

/// Ends the session a refresh token belongs to. Unknown tokens are ignored, so
/// signing out twice is harmless.
pub async fn logout(store: &Store, secret: &str) -> Result<(), AuthError> {
    let tx = store.begin_write().await?;
    if let Some(row) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(digest(secret)))
        .one(&*tx)
        .await?
    {
        revoke_family(&*tx, row.family_id).await?;
    }
    tx.commit().await?;
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
