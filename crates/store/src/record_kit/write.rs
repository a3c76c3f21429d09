//! Writing records: create, update at the version the client read (`If-Match`)
//! and (de)activate, each in one transaction with its audit event.

use super::{Record, VersionedRow, load, view_of};
use crate::db::now;
use crate::error::{StoreError, check_version};
use crate::idempotency::{self, IdempotencyKey, Once};
use crate::versioned::{column, fresh, guarded_update, switch_active};
use crate::{Store, WriteTx, audit, sessions};
use furrow_domain::auth::Actor;
use furrow_domain::validation::Validator;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
};
use uuid::Uuid;

/// The field error of a unique value another record holds.
pub fn taken(field: &str, message: String) -> StoreError {
    let mut v = Validator::new();
    v.error(field, "taken", message);
    v.finish().unwrap_err().into()
}

fn is_taken(e: &StoreError) -> bool {
    matches!(e, StoreError::Validation(v) if v.0.iter().any(|f| f.code == "taken"))
}

/// Whether a record other than `except` holds `value` in the unique `col`.
pub async fn unique_taken<E: EntityTrait, C: ConnectionTrait>(
    conn: &C,
    col: E::Column,
    value: &str,
    except: Option<Uuid>,
) -> Result<bool, StoreError> {
    let mut q = E::find().filter(col.eq(value));
    if let Some(id) = except {
        q = q.filter(column::<E>("id")?.ne(id));
    }
    Ok(q.one(conn).await?.is_some())
}

/// Runs the record's database checks; a taken unique value of a probed record
/// is counted against the dealer once the write is given up.
async fn resolve<R: Record>(
    store: &Store,
    tx: WriteTx,
    actor: &Actor,
    input: &R::Input,
    current: Option<&R::Row>,
) -> Result<(WriteTx, R::Resolved), StoreError> {
    match R::resolve(&tx, actor, input, current).await {
        Ok(resolved) => Ok((tx, resolved)),
        Err(e) if R::PROBED && is_taken(&e) => {
            drop(tx);
            Err(sessions::refuse_taken(store, actor, R::KIND, e).await)
        }
        Err(e) => Err(e),
    }
}

/// Checks the input and the dealer's probe allowance before a write opens.
async fn precheck<R: Record>(
    store: &Store,
    actor: &Actor,
    input: &R::Input,
) -> Result<(), StoreError> {
    R::validate(input)?;
    if R::PROBED {
        sessions::check_taken_probes(store, actor, R::KIND).await?;
    }
    Ok(())
}

/// Creates a record (active, version 1) and writes its `created` event.
pub async fn create<R: Record>(
    store: &Store,
    actor: &Actor,
    input: &R::Input,
) -> Result<R::View, StoreError> {
    insert::<R>(store, actor, input, None).await
}

/// [`create`] once per `Idempotency-Key` (`idempotency::once`, as intake).
/// The key is looked up first: a retry then neither runs the write again nor
/// counts as a dealer's probe of a taken code (`sessions::refuse_taken`).
pub async fn create_once<R: Record>(
    store: &Store,
    actor: &Actor,
    input: &R::Input,
    key: Option<&IdempotencyKey>,
) -> Result<Once<R::View>, StoreError> {
    if let Some(k) = key
        && let Some(stored) = idempotency::replay(store.conn(), k).await?
    {
        return Ok(Once::Replayed(stored));
    }
    idempotency::once(store, key, async || {
        insert::<R>(store, actor, input, key).await
    })
    .await
}

/// Creates the record, storing its answer under `key` in the same transaction.
async fn insert<R: Record>(
    store: &Store,
    actor: &Actor,
    input: &R::Input,
    key: Option<&IdempotencyKey>,
) -> Result<R::View, StoreError> {
    precheck::<R>(store, actor, input).await?;
    let tx = store.begin_write().await?;
    let (tx, resolved) = resolve::<R>(store, tx, actor, input, None).await?;
    let (id, t) = (Uuid::now_v7(), now());
    let mut row: R::Active = fresh(id, t)?;
    R::apply(&mut row, input, resolved);
    let row = row.insert(&*tx).await?;
    R::write_children(&tx, id, input).await?;
    let out = view_of::<R, _>(&*tx, row).await?;
    audit::record(
        &*tx,
        Some(actor),
        R::KIND.as_str(),
        id,
        "created",
        R::audit_json(&out),
    )
    .await?;
    let out = R::for_reader(actor, out);
    idempotency::remember(&*tx, key, &out).await?;
    tx.commit().await?;
    Ok(out)
}

/// Replaces a record's fields at the version the client read, writing the
/// `updated` event with what changed.
pub async fn update<R: Record>(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &R::Input,
) -> Result<R::View, StoreError> {
    precheck::<R>(store, actor, input).await?;
    let tx = store.begin_write().await?;
    let current = load::<R, _>(&*tx, actor, id).await?;
    check_version(expected, current.version())?;
    let (tx, resolved) = resolve::<R>(store, tx, actor, input, Some(&current)).await?;
    let version = current.version();
    let before = view_of::<R, _>(&*tx, current.clone()).await?;
    let mut row = current.into_active_model();
    R::apply(&mut row, input, resolved);
    row.set(column::<R::Entity>("version")?, (version + 1).into());
    row.set(column::<R::Entity>("updated_at")?, now().into());
    let row = guarded_update::<R::Entity>(&*tx, row, version).await?;
    R::write_children(&tx, id, input).await?;
    let after = view_of::<R, _>(&*tx, row).await?;
    R::after_update(&tx, &before, &after).await?;
    let changes = audit::diff(&R::audit_json(&before), &R::audit_json(&after));
    audit::record(&*tx, Some(actor), R::KIND.as_str(), id, "updated", changes).await?;
    tx.commit().await?;
    Ok(R::for_reader(actor, after))
}

/// Deactivates or reactivates a record (records with history are never
/// deleted); asking for the state it is already in changes nothing.
pub async fn set_active<R: Record>(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    active: bool,
) -> Result<R::View, StoreError> {
    let tx = store.begin_write().await?;
    let current = load::<R, _>(&*tx, actor, id).await?;
    check_version(expected, current.version())?;
    if current.active() == active {
        return Ok(R::for_reader(actor, view_of::<R, _>(&*tx, current).await?));
    }
    let row =
        switch_active::<R::Entity>(&*tx, actor, R::KIND.as_str(), id, current, active).await?;
    let out = view_of::<R, _>(&*tx, row).await?;
    tx.commit().await?;
    Ok(R::for_reader(actor, out))
}
