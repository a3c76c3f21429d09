//! Users: creating, listing, changing roles, deactivating, and loading the
//! acting user for every authenticated request.

use crate::audit;
use crate::db::by_id;
use crate::entities::user;
use crate::error::{StoreError, check_version};
use crate::idempotency::{self, IdempotencyKey, Once};
use crate::password;
use crate::sessions;
use crate::versioned::fresh;
use crate::versioned::{guarded_update, switch_active};
use crate::{Listing, Store};
use chrono::Utc;
use furrow_domain::auth::Actor;
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::roles::{join_roles, parse_roles, permissions_of};
use furrow_domain::users::{
    CreateUserRequest, UpdateUserRequest, UserFilters, UserView, normalize_username,
};
use furrow_domain::validation::Validator;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

/// The view of a stored user; a role list that does not decode (a role this
/// Furrow does not know) is an error naming the user, never a user shown with
/// fewer roles than the row says.
pub(crate) fn view(m: &user::Model) -> Result<UserView, StoreError> {
    let roles = parse_roles(&m.roles)
        .map_err(|e| StoreError::corrupt(format!("user {} ({})", m.username, m.id), "roles", e))?;
    Ok(UserView {
        id: m.id,
        username: m.username.clone(),
        display_name: m.display_name.clone(),
        permissions: permissions_of(&roles),
        roles,
        dealer_id: m.dealer_id,
        department: m.department.clone(),
        locale: m.locale.clone(),
        active: m.active,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

fn audit_json(u: &UserView) -> serde_json::Value {
    serde_json::json!({
        "username": u.username, "display_name": u.display_name, "roles": u.roles,
        "dealer_id": u.dealer_id, "department": u.department, "locale": u.locale, "active": u.active,
    })
}

/// Creates a user. `actor` is `None` for the CLI and demo data.
pub async fn create(
    store: &Store,
    actor: Option<&Actor>,
    req: &CreateUserRequest,
) -> Result<UserView, StoreError> {
    req.validate()?;
    insert(store, actor, req, None).await
}

/// [`create`] once per `Idempotency-Key` (`idempotency::once`, as intake);
/// the key is looked up first so that a retry hashes no password again.
pub async fn create_once(
    store: &Store,
    actor: &Actor,
    req: &CreateUserRequest,
    key: Option<&IdempotencyKey>,
) -> Result<Once<UserView>, StoreError> {
    if let Some(k) = key
        && let Some(stored) = idempotency::replay(store.conn(), k).await?
    {
        return Ok(Once::Replayed(stored));
    }
    req.validate()?;
    idempotency::once(store, key, async || {
        insert(store, Some(actor), req, key).await
    })
    .await
}

/// Creates a user WITHOUT the password policy: for the demo accounts only,
/// whose password is the published `furrow-demo` (the README promises it),
/// exactly what the policy refuses for everyone else. Every other field is
/// validated as in [`create`].
pub(crate) async fn create_unchecked(
    store: &Store,
    req: &CreateUserRequest,
) -> Result<UserView, StoreError> {
    req.validate_without_password_policy()?;
    insert(store, None, req, None).await
}

/// Inserts the user, storing its answer under `key` in the same transaction.
async fn insert(
    store: &Store,
    actor: Option<&Actor>,
    req: &CreateUserRequest,
    key: Option<&IdempotencyKey>,
) -> Result<UserView, StoreError> {
    let hash = password::hash(req.password.clone()).await;
    let tx = store.begin_write().await?;
    crate::dealers::check_exists(&*tx, req.dealer_id).await?;
    let username = normalize_username(&req.username);
    if user::Entity::find()
        .filter(user::Column::Username.eq(&username))
        .one(&*tx)
        .await?
        .is_some()
    {
        let mut v = Validator::new();
        v.error(
            "username",
            "taken",
            format!("the username {username} is taken"),
        );
        v.finish()?;
    }
    let now = Utc::now();
    let model = user::ActiveModel {
        username: Set(username),
        display_name: Set(req.display_name.trim().to_owned()),
        password_hash: Set(hash),
        roles: Set(join_roles(&req.roles)),
        dealer_id: Set(req.dealer_id),
        department: Set(req.department.clone().filter(|d| !d.trim().is_empty())),
        locale: Set(req.locale.clone()),
        ..fresh(Uuid::now_v7(), now)?
    }
    .insert(&*tx)
    .await?;
    let out = view(&model)?;
    audit::record(&*tx, actor, "user", out.id, "created", audit_json(&out)).await?;
    idempotency::remember(&*tx, key, &out).await?;
    tx.commit().await?;
    Ok(out)
}

/// A user to change, at the version the client read (412 otherwise).
async fn load_at(
    conn: &impl ConnectionTrait,
    id: Uuid,
    expected_version: Option<i32>,
) -> Result<user::Model, StoreError> {
    let current = by_id::<user::Entity>(conn, id).await?;
    check_version(expected_version, current.version)?;
    Ok(current)
}

/// One user by id.
pub async fn get(store: &Store, id: Uuid) -> Result<UserView, StoreError> {
    user::Entity::find_by_id(id)
        .one(store.conn())
        .await?
        .map(|m| view(&m))
        .ok_or(StoreError::NotFound)?
}

/// Most events of a user's history returned at once.
const HISTORY_LIMIT: u64 = 500;

/// The audit history of a user record, oldest first; not found if no user
/// has this id.
pub async fn history(
    store: &Store,
    id: Uuid,
) -> Result<Vec<furrow_domain::audit::AuditEventView>, StoreError> {
    get(store, id).await?;
    Ok(audit::history(store.conn(), "user", id, HISTORY_LIMIT).await?)
}

/// Users ordered by login name, keyset-paginated on it.
pub async fn list(
    store: &Store,
    listing: &Listing<UserFilters>,
) -> Result<Page<UserView>, StoreError> {
    let filter = &listing.filters;
    let limit = clamp_limit(listing.limit);
    let mut q = user::Entity::find()
        .order_by_asc(user::Column::Username)
        .limit(limit + 1);
    if let Some(after) = &listing.cursor {
        q = q.filter(user::Column::Username.gt(after.as_str()));
    }
    if let Some(active) = filter.active {
        q = q.filter(user::Column::Active.eq(active));
    }
    if let Some(text) = filter.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = format!("%{}%", text.to_lowercase());
        q = q.filter(
            Condition::any()
                .add(Expr::expr(Expr::col(user::Column::Username)).like(pattern.clone()))
                .add(
                    Expr::expr(sea_orm::sea_query::Func::lower(Expr::col(
                        user::Column::DisplayName,
                    )))
                    .like(pattern),
                ),
        );
    }
    let mut rows = q.all(store.conn()).await?;
    let next_cursor = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|m| m.username.clone())
    } else {
        None
    };
    let items = rows.iter().map(view).collect::<Result<_, _>>()?;
    Ok(Page::new(items, next_cursor))
}

/// Changes a user's name, roles, dealer, department or locale.
pub async fn update(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected_version: Option<i32>,
    req: &UpdateUserRequest,
) -> Result<UserView, StoreError> {
    let tx = store.begin_write().await?;
    let current = load_at(&*tx, id, expected_version).await?;
    let before = view(&current)?;
    req.validate(&before.roles, current.dealer_id)?;
    crate::dealers::check_exists(&*tx, req.dealer_id).await?;
    if id == actor.user_id
        && let Some(roles) = &req.roles
        && before.roles.contains(&furrow_domain::Role::Admin)
        && !roles.contains(&furrow_domain::Role::Admin)
    {
        return Err(StoreError::Forbidden(
            "you cannot remove your own admin role".into(),
        ));
    }
    let mut m = current.clone().into_active_model();
    if let Some(n) = &req.display_name {
        m.display_name = Set(n.trim().to_owned());
    }
    if let Some(r) = &req.roles {
        m.roles = Set(join_roles(r));
        // Staff roles carry no dealer; drop a stale one with the dealer role.
        if !r.contains(&furrow_domain::Role::Dealer)
            && !r.contains(&furrow_domain::Role::Integration)
        {
            m.dealer_id = Set(None);
        }
    }
    if let Some(d) = req.dealer_id {
        m.dealer_id = Set(Some(d));
    }
    if let Some(d) = &req.department {
        m.department = Set(Some(d.trim().to_owned()).filter(|d| !d.is_empty()));
    }
    if let Some(l) = &req.locale {
        m.locale = Set(Some(l.clone()));
    }
    m.version = Set(current.version + 1);
    m.updated_at = Set(Utc::now());
    let updated = guarded_update::<user::Entity>(&*tx, m, current.version).await?;
    let after = view(&updated)?;
    audit::record(
        &*tx,
        Some(actor),
        "user",
        id,
        "updated",
        audit::diff(&audit_json(&before), &audit_json(&after)),
    )
    .await?;
    tx.commit().await?;
    store.actors().forget(&id);
    Ok(after)
}

/// Deactivates or reactivates a user. Deactivation also ends every session
/// (refresh tokens and, through their session, access tokens), so a later
/// reactivation does not bring old tokens back.
pub async fn set_active(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected_version: Option<i32>,
    active: bool,
) -> Result<UserView, StoreError> {
    if id == actor.user_id && !active {
        return Err(StoreError::Forbidden(
            "you cannot deactivate yourself".into(),
        ));
    }
    let tx = store.begin_write().await?;
    let current = load_at(&*tx, id, expected_version).await?;
    if current.active == active {
        tx.commit().await?;
        return view(&current);
    }
    let updated =
        switch_active::<user::Entity>(&*tx, actor, "user", id, current.clone(), active).await?;
    let ended = if active {
        Vec::new()
    } else {
        sessions::revoke_all(&*tx, id).await?
    };
    tx.commit().await?;
    store.actors().forget(&id);
    sessions::forget_sessions(store, &ended);
    view(&updated)
}

/// Sets a new password (admin reset or own change) and ends every session of
/// the user, access tokens included. The password must meet
/// [`furrow_domain::users::password_policy`] for this user's login name and
/// differ from the current one (422 on `new_password` otherwise).
pub async fn set_password(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    new_password: &str,
) -> Result<(), StoreError> {
    let current = by_id::<user::Entity>(store.conn(), id).await?;
    let mut v = Validator::new();
    furrow_domain::users::check_new_password(
        &mut v,
        "new_password",
        new_password,
        Some(&current.username),
    );
    v.finish()?;
    if password::verify(new_password.to_owned(), Some(current.password_hash.clone())).await {
        let same = furrow_domain::users::PasswordRejection::SameAsCurrent;
        let mut v = Validator::new();
        v.error("new_password", same.code(), same.to_string());
        v.finish()?;
    }
    let hash = password::hash(new_password.to_owned()).await;
    let tx = store.begin_write().await?;
    let mut m = current.clone().into_active_model();
    m.password_hash = Set(hash);
    m.version = Set(current.version + 1);
    m.updated_at = Set(Utc::now());
    // Guarded by the version read above: a change in between answers 412.
    guarded_update::<user::Entity>(&*tx, m, current.version).await?;
    let ended = sessions::revoke_all(&*tx, id).await?;
    audit::record(
        &*tx,
        Some(actor),
        "user",
        id,
        "password_changed",
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    store.actors().forget(&id);
    sessions::forget_sessions(store, &ended);
    Ok(())
}

/// The signed-in user as the request handlers see them.
pub type Principal = (Actor, UserView);

/// The acting user behind an access token: `None` when the user is gone or
/// deactivated, so the token stops working (at once for changes made through
/// this process, within [`crate::ttl_cache::TTL`] for others).
pub async fn actor(store: &Store, user_id: Uuid) -> Result<Option<Principal>, StoreError> {
    store
        .actors()
        .get_or_load(user_id, || load_actor(store, user_id))
        .await
}

async fn load_actor(store: &Store, user_id: Uuid) -> Result<Option<Principal>, StoreError> {
    let Some(m) = user::Entity::find_by_id(user_id).one(store.conn()).await? else {
        return Ok(None);
    };
    if !m.active {
        return Ok(None);
    }
    let v = view(&m)?;
    Ok(Some((
        Actor {
            user_id: m.id,
            username: m.username,
            roles: v.roles.clone(),
            dealer_id: m.dealer_id,
        },
        v,
    )))
}

/// How many users exist (for start-up checks).
pub async fn count(store: &Store) -> Result<u64, StoreError> {
    use sea_orm::PaginatorTrait;
    Ok(user::Entity::find().count(store.conn()).await?)
}

/// Whether any of the demo accounts still exists and is active (the server warns).
pub async fn demo_accounts_active(store: &Store) -> Result<Vec<String>, StoreError> {
    let rows = user::Entity::find()
        .filter(user::Column::Username.is_in(crate::demo::DEMO_USERNAMES.iter().copied()))
        .filter(user::Column::Active.eq(true))
        .all(store.conn())
        .await?;
    let mut out = Vec::new();
    for m in rows {
        if password::verify(crate::demo::DEMO_PASSWORD.to_owned(), Some(m.password_hash)).await {
            out.push(m.username);
        }
    }
    Ok(out)
}
