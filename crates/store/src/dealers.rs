//! Dealers: reading them, scoped so a dealer user sees only its own.

use crate::db::now;
use crate::entities::dealer;
use crate::error::{StoreError, check_version};
use crate::versioned::{guarded_update, switch_active};
use crate::{Store, audit};
use furrow_domain::auth::Actor;
use furrow_domain::dealers::{DealerInput, DealerView};
use furrow_domain::master::clean;
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::validation::Validator;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

pub(crate) fn view(m: dealer::Model) -> DealerView {
    DealerView {
        id: m.id,
        code: m.code,
        name: m.name,
        region: m.region,
        contact_name: m.contact_name,
        contact_phone: m.contact_phone,
        address: m.address,
        active: m.active,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

/// Dealers ordered by code, keyset-paginated on it.
pub async fn list(
    store: &Store,
    actor: &Actor,
    cursor: Option<&str>,
    limit: Option<u64>,
) -> Result<Page<DealerView>, StoreError> {
    let limit = clamp_limit(limit);
    let mut q = dealer::Entity::find()
        .order_by_asc(dealer::Column::Code)
        .limit(limit + 1);
    if let Some(own) = actor.dealer_scope() {
        q = q.filter(dealer::Column::Id.eq(own));
    }
    if let Some(after) = cursor {
        q = q.filter(dealer::Column::Code.gt(after));
    }
    let mut rows = q.all(store.conn()).await?;
    let next_cursor = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|m| m.code.clone())
    } else {
        None
    };
    Ok(Page {
        items: rows.into_iter().map(view).collect(),
        next_cursor,
    })
}

fn audit_json(d: &DealerView) -> serde_json::Value {
    serde_json::json!({"code": d.code, "name": d.name, "region": d.region, "contact_name": d.contact_name,
        "contact_phone": d.contact_phone, "address": d.address, "active": d.active})
}

fn apply(m: &mut dealer::ActiveModel, input: &DealerInput) {
    m.code = Set(input.code.trim().to_owned());
    m.name = Set(input.name.trim().to_owned());
    m.region = Set(input.region.trim().to_owned());
    m.contact_name = Set(clean(&input.contact_name));
    m.contact_phone = Set(clean(&input.contact_phone));
    m.address = Set(clean(&input.address));
}

async fn ensure_code_free(
    conn: &impl ConnectionTrait,
    code: &str,
    except: Option<Uuid>,
) -> Result<(), StoreError> {
    let mut q = dealer::Entity::find().filter(dealer::Column::Code.eq(code));
    if let Some(id) = except {
        q = q.filter(dealer::Column::Id.ne(id));
    }
    if q.one(conn).await?.is_some() {
        let mut v = Validator::new();
        v.error("code", "taken", format!("the dealer code {code} is taken"));
        v.finish()?;
    }
    Ok(())
}

/// One dealer the actor may see.
pub async fn get(store: &Store, actor: &Actor, id: Uuid) -> Result<DealerView, StoreError> {
    if actor.dealer_scope().is_some_and(|own| own != id) {
        return Err(StoreError::NotFound);
    }
    dealer::Entity::find_by_id(id)
        .one(store.conn())
        .await?
        .map(view)
        .ok_or(StoreError::NotFound)
}

pub async fn create(
    store: &Store,
    actor: &Actor,
    input: &DealerInput,
) -> Result<DealerView, StoreError> {
    input.validate()?;
    let tx = store.begin_write().await?;
    ensure_code_free(&*tx, input.code.trim(), None).await?;
    let t = now();
    let mut m = dealer::ActiveModel {
        id: Set(Uuid::now_v7()),
        active: Set(true),
        version: Set(1),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    };
    apply(&mut m, input);
    let out = view(m.insert(&*tx).await?);
    audit::record(
        &*tx,
        Some(actor),
        "dealer",
        out.id,
        "created",
        audit_json(&out),
    )
    .await?;
    tx.commit().await?;
    Ok(out)
}

pub async fn update(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &DealerInput,
) -> Result<DealerView, StoreError> {
    input.validate()?;
    let tx = store.begin_write().await?;
    let current = dealer::Entity::find_by_id(id)
        .one(&*tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    check_version(expected, current.version)?;
    ensure_code_free(&*tx, input.code.trim(), Some(id)).await?;
    let before = view(current.clone());
    let mut m = current.clone().into_active_model();
    apply(&mut m, input);
    m.version = Set(current.version + 1);
    m.updated_at = Set(now());
    let after = view(guarded_update::<dealer::Entity>(&*tx, m, current.version).await?);
    audit::record(
        &*tx,
        Some(actor),
        "dealer",
        id,
        "updated",
        audit::diff(&audit_json(&before), &audit_json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn set_active(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    active: bool,
) -> Result<DealerView, StoreError> {
    let tx = store.begin_write().await?;
    let current = dealer::Entity::find_by_id(id)
        .one(&*tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    check_version(expected, current.version)?;
    if current.active == active {
        return Ok(view(current));
    }
    let out = view(
        switch_active::<dealer::Entity>(&*tx, actor, "dealer", id, current.clone(), active).await?,
    );
    tx.commit().await?;
    Ok(out)
}
