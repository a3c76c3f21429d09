//! Engineer profiles: skills by machine category, home base, availability.

use crate::cursor::{decode, encode, page_end};
use crate::db::now;
use crate::entities::{engineer_profile, user};
use crate::error::{StoreError, check_version};
use crate::record_kit::{contains, contains_any_case};
use crate::{Listing, Store, audit};
use furrow_domain::Role;
use furrow_domain::access::{self, RecordKind};
use furrow_domain::auth::Actor;
use furrow_domain::master::{
    EngineerFilters, EngineerProfileInput, EngineerView, MachineCategory, clean,
};
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::roles::parse_roles;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The stored skills of an engineer; a category that does not decode is an
/// error naming the engineer, never a skill silently dropped.
fn skills_of(u: &user::Model, s: &str) -> Result<Vec<MachineCategory>, StoreError> {
    s.split(',')
        .filter(|c| !c.is_empty())
        .map(|c| {
            MachineCategory::parse(c).ok_or_else(|| {
                StoreError::corrupt(
                    format!("engineer {} ({})", u.username, u.id),
                    "skills",
                    format!("unknown category {c:?}"),
                )
            })
        })
        .collect()
}

fn view(u: &user::Model, p: Option<&engineer_profile::Model>) -> Result<EngineerView, StoreError> {
    let skills = match p {
        Some(p) => skills_of(u, &p.skills)?,
        // No profile yet: no skills recorded.
        None => Vec::new(),
    };
    Ok(EngineerView {
        user_id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        skills,
        home_base: p.and_then(|p| p.home_base.clone()),
        lat: p.and_then(|p| p.lat),
        lon: p.and_then(|p| p.lon),
        phone: p.and_then(|p| p.phone.clone()),
        active: u.active && p.is_none_or(|p| p.active),
        version: p.map(|p| p.version).unwrap_or(0),
        updated_at: p.map(|p| p.updated_at).unwrap_or(u.updated_at),
    })
}

fn is_engineer(u: &user::Model) -> Result<bool, StoreError> {
    let roles = parse_roles(&u.roles)
        .map_err(|e| StoreError::corrupt(format!("user {} ({})", u.username, u.id), "roles", e))?;
    Ok(roles.contains(&Role::Engineer))
}

/// The users of `rows` holding the engineer role.
fn engineers_only(rows: Vec<user::Model>) -> Result<Vec<user::Model>, StoreError> {
    let mut out = Vec::with_capacity(rows.len());
    for u in rows {
        if is_engineer(&u)? {
            out.push(u);
        }
    }
    Ok(out)
}

/// The user, if it holds the engineer role.
fn engineer(u: Option<user::Model>) -> Result<user::Model, StoreError> {
    match u {
        Some(u) if is_engineer(&u)? => Ok(u),
        _ => Err(StoreError::NotFound),
    }
}

async fn hydrate(
    conn: &impl ConnectionTrait,
    users: Vec<user::Model>,
) -> Result<Vec<EngineerView>, StoreError> {
    let ids: Vec<Uuid> = users.iter().map(|u| u.id).collect();
    let profiles: HashMap<Uuid, engineer_profile::Model> = engineer_profile::Entity::find()
        .filter(engineer_profile::Column::UserId.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.user_id, p))
        .collect();
    users.iter().map(|u| view(u, profiles.get(&u.id))).collect()
}

/// Users holding the engineer role, by login name, with their profiles.
/// Who sees the roster is the permission table's row for engineers (not
/// dealers).
pub async fn list(
    store: &Store,
    actor: &Actor,
    listing: &Listing<EngineerFilters>,
) -> Result<Page<EngineerView>, StoreError> {
    let f = &listing.filters;
    if !access::sees(actor, RecordKind::Engineer) {
        let refusal = "your roles do not see the engineer roster";
        return Err(StoreError::Forbidden(refusal.into()));
    }
    let limit = clamp_limit(listing.limit);
    // Roles are a short comma list; the LIKE narrows, `is_engineer` decides.
    let mut q = user::Entity::find()
        .filter(user::Column::Roles.contains("engineer"))
        .order_by_asc(user::Column::Username);
    if let Some(c) = &listing.cursor {
        q = q.filter(user::Column::Username.gt(decode(c)?.0));
    }
    if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
        q = q.filter(
            Condition::any()
                .add(contains(user::Column::Username, text))
                .add(contains_any_case(user::Column::DisplayName, text)),
        );
    }
    if let Some(skill) = f.skill {
        let ids = engineer_profile::Entity::find()
            .select_only()
            .column(engineer_profile::Column::UserId)
            .filter(engineer_profile::Column::Skills.contains(skill.as_str()))
            .into_query();
        q = q.filter(user::Column::Id.in_subquery(ids));
    }
    let mut rows = engineers_only(q.limit(limit + 1).all(store.conn()).await?)?;
    let next = page_end(&mut rows, limit).map(|u| encode(&u.username, u.id));
    let mut items = hydrate(store.conn(), rows).await?;
    if let Some(a) = f.active {
        items.retain(|e| e.active == a);
    }
    Ok(Page::new(items, next))
}

/// One engineer; to a role that does not see the roster, none is found.
pub async fn get(store: &Store, actor: &Actor, user_id: Uuid) -> Result<EngineerView, StoreError> {
    if !access::sees(actor, RecordKind::Engineer) {
        return Err(StoreError::NotFound);
    }
    let u = engineer(user::Entity::find_by_id(user_id).one(store.conn()).await?)?;
    Ok(hydrate(store.conn(), vec![u]).await?.remove(0))
}

/// Creates or replaces an engineer's profile.
pub async fn put_profile(
    store: &Store,
    actor: &Actor,
    user_id: Uuid,
    expected: Option<i32>,
    input: &EngineerProfileInput,
) -> Result<EngineerView, StoreError> {
    input.validate()?;
    let tx = store.begin_write().await?;
    let u = engineer(user::Entity::find_by_id(user_id).one(&*tx).await?)?;
    let current = engineer_profile::Entity::find_by_id(user_id)
        .one(&*tx)
        .await?;
    check_version(expected, current.as_ref().map(|p| p.version).unwrap_or(0))?;
    let mut skills: Vec<MachineCategory> = input.skills.clone();
    skills.sort();
    skills.dedup();
    let before = view(&u, current.as_ref())?;
    let model = engineer_profile::Model {
        user_id,
        skills: skills
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(","),
        home_base: clean(&input.home_base),
        lat: input.lat,
        lon: input.lon,
        phone: clean(&input.phone),
        active: input.active,
        version: current.as_ref().map(|p| p.version + 1).unwrap_or(1),
        updated_at: now(),
    };
    // From a Model every field is "unchanged"; mark them all for writing.
    let am = engineer_profile::ActiveModel::from(model.clone()).reset_all();
    if current.is_some() {
        engineer_profile::Entity::update(am).exec(&*tx).await?;
    } else {
        engineer_profile::Entity::insert(am)
            .exec_without_returning(&*tx)
            .await?;
    }
    let after = view(&u, Some(&model))?;
    let to_json = |e: &EngineerView| serde_json::json!({"skills": e.skills, "home_base": e.home_base, "lat": e.lat, "lon": e.lon, "phone": e.phone, "active": e.active});
    audit::record(
        &*tx,
        Some(actor),
        "engineer",
        user_id,
        "profile_updated",
        audit::diff(&to_json(&before), &to_json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Active engineers with their profiles (for dispatch suggestions).
pub async fn active_with_profiles(
    conn: &impl ConnectionTrait,
) -> Result<Vec<EngineerView>, StoreError> {
    let users = engineers_only(
        user::Entity::find()
            .filter(user::Column::Roles.contains("engineer"))
            .filter(user::Column::Active.eq(true))
            .all(conn)
            .await?,
    )?;
    let mut all = hydrate(conn, users).await?;
    all.retain(|e| e.active);
    Ok(all)
}
