//! Optimistic concurrency for versioned records (`version` + `updated_at`
//! columns): writes that land only on the version they were checked against,
//! and the deactivate/activate command every master record shares.

use crate::audit;
use crate::db::now;
use crate::error::StoreError;
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

/// Writes `model` only if the row is still at `version` (the one the checks
/// ran against). Under PostgreSQL's read-committed isolation, a concurrent
/// writer could otherwise slip in between the read and the write and have its
/// change silently overwritten; here it makes this write fail with 412.
pub async fn guarded_update<E>(
    conn: &impl ConnectionTrait,
    model: E::ActiveModel,
    version: i32,
) -> Result<E::Model, StoreError>
where
    E: EntityTrait,
    E::Model: IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
{
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
pub async fn switch_active<E>(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    entity_type: &str,
    id: Uuid,
    current: E::Model,
    active: bool,
) -> Result<E::Model, StoreError>
where
    E: EntityTrait,
    E::Model: IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
{
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
