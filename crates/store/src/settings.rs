//! Settings documents stored as JSON, validated by `domain` before they are kept.

use crate::db::now;
use crate::entities::setting;
use crate::error::{StoreError, check_version};
use crate::{Store, audit};
use furrow_domain::auth::Actor;
use furrow_domain::service::sla::SlaSettings;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

const SLA_KEY: &str = "sla";

/// The SLA settings and their version (0 = the defaults, never saved).
pub async fn sla(conn: &impl ConnectionTrait) -> Result<(SlaSettings, i32), StoreError> {
    match setting::Entity::find_by_id(SLA_KEY).one(conn).await? {
        // A stored document that no longer parses (written by a newer
        // Furrow) falls back to the defaults rather than stopping intake.
        Some(row) => Ok((
            serde_json::from_value(row.value).unwrap_or_default(),
            row.version,
        )),
        None => Ok((SlaSettings::default(), 0)),
    }
}

/// The SLA settings for computing clocks outside a transaction: read at most
/// every [`crate::ttl_cache::TTL`] (at once after a change through this process).
pub async fn sla_cached(store: &Store) -> Result<(SlaSettings, i32), StoreError> {
    store
        .sla_cache()
        .get_or_load((), || sla(store.conn()))
        .await
}

/// Replaces the SLA settings.
pub async fn put_sla(
    store: &Store,
    actor: &Actor,
    expected: Option<i32>,
    value: &SlaSettings,
) -> Result<(SlaSettings, i32), StoreError> {
    value.validate()?;
    let tx = store.begin_write().await?;
    let (before, version) = sla(&*tx).await?;
    check_version(expected, version)?;
    let json = serde_json::to_value(value)
        .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
    let row = setting::ActiveModel {
        key: Set(SLA_KEY.into()),
        value: Set(json.clone()),
        version: Set(version + 1),
        updated_at: Set(now()),
    };
    if version == 0 {
        setting::Entity::insert(row)
            .exec_without_returning(&*tx)
            .await?;
    } else {
        setting::Entity::update(row).exec(&*tx).await?;
    }
    let before = serde_json::to_value(&before).unwrap_or_default();
    audit::record(
        &*tx,
        Some(actor),
        "setting",
        uuid::Uuid::nil(),
        "sla_updated",
        audit::diff(&before, &json),
    )
    .await?;
    tx.commit().await?;
    store.sla_cache().forget(&());
    Ok((value.clone(), version + 1))
}
