//! Optimistic concurrency for versioned records (`version` + `updated_at`
//! columns): writes that land only on the version they were checked against,
//! and the deactivate/activate command every master record shares.

use crate::audit;
use crate::db::now;
use crate::error::StoreError;
use chrono::{DateTime, Utc};
use furrow_domain::auth::Actor;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, ModelTrait, QueryFilter, Value,
};
use std::str::FromStr;
use uuid::Uuid;

pub(crate) fn column<E: EntityTrait>(name: &str) -> Result<E::Column, StoreError> {
    E::Column::from_str(name)
        .map_err(|_| StoreError::Db(DbErr::Custom(format!("table without a `{name}` column"))))
}

/// A new versioned record's row before its own columns are filled: `id`,
/// active, version 1, created and updated at `now`. Every new master record
/// starts here (the record kit, users, the import, the demo data).
pub(crate) fn fresh<A>(id: Uuid, now: DateTime<Utc>) -> Result<A, StoreError>
where
    A: ActiveModelTrait + ActiveModelBehavior,
{
    let mut row = A::default();
    let frame: [(&str, Value); 5] = [
        ("id", id.into()),
        ("active", true.into()),
        ("version", 1.into()),
        ("created_at", now.into()),
        ("updated_at", now.into()),
    ];
    for (name, value) in frame {
        row.set(column::<A::Entity>(name)?, value);
    }
    Ok(row)
}

/// A table whose rows are read, changed and written back whole: what the
/// writes here ask of a versioned record's entity.
pub trait Table:
    EntityTrait<
        Model: IntoActiveModel<<Self as EntityTrait>::ActiveModel>,
        ActiveModel: ActiveModelTrait<Entity = Self> + ActiveModelBehavior + Send,
    >
{
}

impl<E> Table for E
where
    E: EntityTrait,
    E::Model: IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
{
}

/// Writes `model` only if the row is still at `version` (the one the checks
/// ran against). Under PostgreSQL's read-committed isolation, a concurrent
/// writer could otherwise slip in between the read and the write and have its
/// change silently overwritten; here it makes this write fail with 412.
pub async fn guarded_update<E: Table>(
    conn: &impl ConnectionTrait,
    model: E::ActiveModel,
    version: i32,
) -> Result<E::Model, StoreError> {
    match E::update(model)
        .filter(column::<E>("version")?.eq(version))
        .exec(conn)
        .await
    {
        Ok(m) => Ok(m),
        Err(DbErr::RecordNotUpdated) => Err(StoreError::StaleVersion {
            current: version + 1,
        }),
        Err(e) => Err(e.into()),
    }
}

/// Deactivates or reactivates a record at the version the checks ran against
/// (the one in `current`): sets `active`, advances the version, and writes the
/// `activated`/`deactivated` audit event, all in the caller's transaction.
pub async fn switch_active<E: Table>(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    entity_type: &str,
    id: Uuid,
    current: E::Model,
    active: bool,
) -> Result<E::Model, StoreError> {
    let version = match current.get(column::<E>("version")?) {
        Value::Int(Some(v)) => v,
        other => {
            return Err(StoreError::Db(DbErr::Custom(format!(
                "`version` is not an integer ({other:?})"
            ))));
        }
    };
    let mut m = current.into_active_model();
    m.set(column::<E>("active")?, active.into());
    m.set(column::<E>("version")?, (version + 1).into());
    m.set(column::<E>("updated_at")?, now().into());
    let out = guarded_update::<E>(conn, m, version).await?;
    let action = if active { "activated" } else { "deactivated" };
    audit::record(
        conn,
        Some(actor),
        entity_type,
        id,
        action,
        serde_json::json!({"active": [!active, active]}),
    )
    .await?;
    Ok(out)
}
