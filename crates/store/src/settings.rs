//! Settings documents: one typed JSON document per [`Setting`] key, versioned,
//! validated before it is kept, audited, and cached for a moment.
//!
//! A stored document that does not decode is an error naming the setting
//! ([`undecodable`]), never a silent fall back to the defaults: an intake that
//! computed its clocks from defaults nobody chose would look right and be
//! wrong. The API answers it 500 (the cause is logged): the client's request
//! was fine and there is nothing it could change to make it succeed, but an
//! administrator can replace the document, since [`put`] never decodes the
//! stored one.

use crate::db::now;
use crate::entities::setting;
use crate::error::{StoreError, check_version};
use crate::{Store, audit};
use furrow_domain::auth::Actor;
use furrow_domain::service::calendar::WorkCalendar;
use furrow_domain::service::calendar_import::{
    CalendarImportReport, import_calendar as import_calendar_rows,
};
use furrow_domain::service::sla::SlaSettings;
use furrow_domain::settings::{REGISTRY, Setting, SettingSummary};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use std::any::Any;
use std::sync::Arc;

/// What the store's cache keeps per setting: the decoded document and its version.
pub(crate) type CachedSetting = Arc<dyn Any + Send + Sync>;

/// The error for a stored document of `key` that does not decode.
fn undecodable(key: &str, err: serde_json::Error) -> StoreError {
    StoreError::Db(DbErr::Json(format!(
        "the stored setting `{key}` does not decode: {err}"
    )))
}

/// The stored row of `S`, as JSON and version (`None`: never saved).
async fn raw<S: Setting>(
    conn: &impl ConnectionTrait,
) -> Result<Option<(serde_json::Value, i32)>, StoreError> {
    Ok(setting::Entity::find_by_id(S::KEY)
        .one(conn)
        .await?
        .map(|row| (row.value, row.version)))
}

/// The document `S` and its version (0 = the defaults, never saved).
pub async fn get<S: Setting>(conn: &impl ConnectionTrait) -> Result<(S, i32), StoreError> {
    match raw::<S>(conn).await? {
        Some((json, version)) => {
            let mut s: S = serde_json::from_value(json).map_err(|e| undecodable(S::KEY, e))?;
            s.normalize();
            Ok((s, version))
        }
        None => Ok((S::default(), 0)),
    }
}

/// The document `S` for work outside a transaction: read at most every
/// [`crate::ttl_cache::TTL`], at once after a change through this process.
pub async fn cached<S: Setting>(store: &Store) -> Result<(S, i32), StoreError> {
    let cache = store.settings_cache();
    let kept = cache
        .get_or_load(S::KEY, || async {
            let loaded: CachedSetting = Arc::new(get::<S>(store.conn()).await?);
            Ok::<_, StoreError>(loaded)
        })
        .await?;
    match kept.downcast_ref::<(S, i32)>() {
        Some(found) => Ok(found.clone()),
        // Only if two settings shared a key (the registry's test forbids it).
        None => get::<S>(store.conn()).await,
    }
}

/// Replaces the document `S`; `expected` is the client's `If-Match` version.
///
/// The stored document is compared as JSON, never decoded, so a document that
/// no longer decodes can still be replaced.
pub async fn put<S: Setting>(
    store: &Store,
    actor: &Actor,
    expected: Option<i32>,
    value: &S,
) -> Result<(S, i32), StoreError> {
    value.validate()?;
    let mut value = value.clone();
    value.normalize();
    let json = serde_json::to_value(&value).map_err(|e| {
        StoreError::Db(DbErr::Json(format!(
            "the setting `{}` does not encode: {e}",
            S::KEY
        )))
    })?;
    let tx = store.begin_write().await?;
    let (before, version) = match raw::<S>(&*tx).await? {
        Some(row) => row,
        // Never saved: the change is from the defaults in force.
        None => (
            serde_json::to_value(S::default()).map_err(|e| undecodable(S::KEY, e))?,
            0,
        ),
    };
    check_version(expected, version)?;
    let row = setting::ActiveModel {
        key: Set(S::KEY.into()),
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
    audit::record(
        &*tx,
        Some(actor),
        "setting",
        uuid::Uuid::nil(),
        &format!("{}_updated", S::KEY),
        audit::diff(&before, &json),
    )
    .await?;
    tx.commit().await?;
    store.settings_cache().forget(&S::KEY);
    Ok((value, version + 1))
}

/// Every known setting with its version and when it was last saved, in
/// [`REGISTRY`] order (version 0 and no time while the defaults are in force).
pub async fn list(conn: &impl ConnectionTrait) -> Result<Vec<SettingSummary>, StoreError> {
    let keys: Vec<&str> = REGISTRY.iter().map(|k| k.key).collect();
    let rows = setting::Entity::find()
        .filter(setting::Column::Key.is_in(keys))
        .all(conn)
        .await?;
    Ok(REGISTRY
        .iter()
        .map(|kind| {
            let row = rows.iter().find(|r| r.key == kind.key);
            SettingSummary {
                key: kind.key.to_owned(),
                version: row.map_or(0, |r| r.version),
                updated_at: row.map(|r| r.updated_at),
            }
        })
        .collect())
}

/// The SLA settings and their version (0 = the defaults, never saved).
pub async fn sla(conn: &impl ConnectionTrait) -> Result<(SlaSettings, i32), StoreError> {
    get::<SlaSettings>(conn).await
}

/// The SLA settings for computing clocks outside a transaction (see [`cached`]).
pub async fn sla_cached(store: &Store) -> Result<(SlaSettings, i32), StoreError> {
    cached::<SlaSettings>(store).await
}

/// Replaces the SLA settings (see [`put`]).
pub async fn put_sla(
    store: &Store,
    actor: &Actor,
    expected: Option<i32>,
    value: &SlaSettings,
) -> Result<(SlaSettings, i32), StoreError> {
    put(store, actor, expected, value).await
}

/// The working-day calendar for computing clocks outside a transaction (see [`cached`]).
pub async fn calendar_cached(store: &Store) -> Result<WorkCalendar, StoreError> {
    Ok(cached::<WorkCalendar>(store).await?.0)
}

/// What every clock computation reads: the SLA settings and the working-day
/// calendar, outside a transaction (see [`cached`]).
pub async fn clocks(store: &Store) -> Result<(SlaSettings, WorkCalendar), StoreError> {
    Ok((sla_cached(store).await?.0, calendar_cached(store).await?))
}

/// Imports the calendar from a spreadsheet's rows (see
/// `furrow_domain::service::calendar_import`): all or nothing, and with
/// `dry_run` nothing is written. `expected` is the client's `If-Match`
/// version, if it sent one; the save checks the version read in any case, so
/// a calendar changed meanwhile is never overwritten unseen.
pub async fn import_calendar(
    store: &Store,
    actor: &Actor,
    expected: Option<i32>,
    rows: &[crate::import::SheetRow],
    dry_run: bool,
) -> Result<CalendarImportReport, StoreError> {
    let (current, version) = get::<WorkCalendar>(store.conn()).await?;
    check_version(expected, version)?;
    let rows: Vec<(u32, Vec<String>)> = rows.iter().map(|r| (r.number, r.cells.clone())).collect();
    let mut report = import_calendar_rows(&current, &rows);
    report.dry_run = dry_run;
    report.version = version;
    if dry_run || report.errors_count > 0 {
        return Ok(report);
    }
    let (saved, version) = put(store, actor, Some(version), &report.calendar).await?;
    report.calendar = saved;
    report.version = version;
    report.applied = true;
    Ok(report)
}
