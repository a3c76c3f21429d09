//! Engineers' absences (leave, training): recorded by those who keep the
//! engineers' profiles, each on the engineer's timeline
//! (`absence_recorded`, `absence_cancelled`), and read by the dispatch ranking.

use crate::Store;
use crate::db::now;
use crate::engineers;
use crate::entities::engineer_absence as row;
use crate::error::{StoreError, check_version};
use crate::idempotency::{self, IdempotencyKey, Once};
use chrono::{DateTime, Duration, Utc};
use furrow_domain::auth::Actor;
use furrow_domain::service::absence::{Absence, AbsenceReason, AbsenceView, CreateAbsence};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    ModelTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

/// The audit entity the events are written under: the engineer's.
const ENTITY: &str = "engineer";

/// How far back the list reaches: absences that ended longer ago are history.
pub const LIST_DAYS_BACK: i64 = 30;

fn reason(m: &row::Model) -> Result<AbsenceReason, StoreError> {
    AbsenceReason::parse(&m.reason).ok_or_else(|| {
        StoreError::Db(DbErr::Custom(format!(
            "absence {} has an unknown reason `{}`",
            m.id, m.reason
        )))
    })
}

fn view(m: &row::Model) -> Result<AbsenceView, StoreError> {
    Ok(AbsenceView {
        id: m.id,
        engineer_id: m.engineer_id,
        from: m.starts_at,
        to: m.ends_at,
        reason: reason(m)?,
        note: m.note.clone(),
        version: m.version,
        created_at: m.created_at,
    })
}

fn audit_json(v: &AbsenceView) -> serde_json::Value {
    serde_json::json!({
        "absence_id": v.id, "from": v.from, "to": v.to,
        "reason": v.reason.as_str(), "note": v.note,
    })
}

/// The absences of engineer `engineer_id` that end after [`LIST_DAYS_BACK`]
/// days ago, earliest first.
pub async fn of_engineer(
    store: &Store,
    actor: &Actor,
    engineer_id: Uuid,
) -> Result<Vec<AbsenceView>, StoreError> {
    engineers::get(store, actor, engineer_id).await?;
    let since = store.now() - Duration::days(LIST_DAYS_BACK);
    row::Entity::find()
        .filter(row::Column::EngineerId.eq(engineer_id))
        .filter(row::Column::EndsAt.gt(since))
        .order_by_asc(row::Column::StartsAt)
        .order_by_asc(row::Column::Id)
        .all(store.conn())
        .await?
        .iter()
        .map(view)
        .collect()
}

/// Every absence overlapping `[start, end)`, by engineer (for the ranking).
pub async fn overlapping(
    conn: &impl ConnectionTrait,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<(Uuid, Absence)>, StoreError> {
    row::Entity::find()
        .filter(row::Column::StartsAt.lt(end))
        .filter(row::Column::EndsAt.gt(start))
        .all(conn)
        .await?
        .iter()
        .map(|m| {
            Ok((
                m.engineer_id,
                Absence {
                    from: m.starts_at,
                    to: m.ends_at,
                    reason: reason(m)?,
                },
            ))
        })
        .collect()
}

/// Records an absence of engineer `engineer_id`, once per `Idempotency-Key`.
pub async fn create_once(
    store: &Store,
    actor: &Actor,
    engineer_id: Uuid,
    input: &CreateAbsence,
    key: Option<&IdempotencyKey>,
) -> Result<Once<AbsenceView>, StoreError> {
    idempotency::once(store, key, async || {
        create(store, actor, engineer_id, input, key).await
    })
    .await
}

async fn create(
    store: &Store,
    actor: &Actor,
    engineer_id: Uuid,
    input: &CreateAbsence,
    key: Option<&IdempotencyKey>,
) -> Result<AbsenceView, StoreError> {
    input.validate()?;
    engineers::get(store, actor, engineer_id).await?;
    let tx = store.begin_write().await?;
    let at = now();
    let note = input
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    let model = row::ActiveModel {
        id: Set(Uuid::now_v7()),
        engineer_id: Set(engineer_id),
        starts_at: Set(input.from),
        ends_at: Set(input.to),
        reason: Set(input.reason.as_str().into()),
        note: Set(note),
        created_by: Set(Some(actor.user_id)),
        version: Set(1),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(&*tx)
    .await?;
    let out = view(&model)?;
    crate::audit::record(
        &*tx,
        Some(actor),
        ENTITY,
        engineer_id,
        "absence_recorded",
        audit_json(&out),
    )
    .await?;
    idempotency::remember(&*tx, key, &out).await?;
    tx.commit().await?;
    Ok(out)
}

/// Cancels (deletes) absence `id` of engineer `engineer_id` at the version
/// the client read (`If-Match`); the engineer's timeline keeps what it was.
pub async fn cancel(
    store: &Store,
    actor: &Actor,
    engineer_id: Uuid,
    id: Uuid,
    expected: Option<i32>,
) -> Result<(), StoreError> {
    engineers::get(store, actor, engineer_id).await?;
    let tx = store.begin_write().await?;
    let current = row::Entity::find_by_id(id)
        .filter(row::Column::EngineerId.eq(engineer_id))
        .one(&*tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    check_version(expected, current.version)?;
    let out = view(&current)?;
    current.delete(&*tx).await?;
    crate::audit::record(
        &*tx,
        Some(actor),
        ENTITY,
        engineer_id,
        "absence_cancelled",
        audit_json(&out),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
