//! Requests to reissue a machine's lost 三包 certificate (三包凭证补办): the
//! decisions are `furrow_domain::master`'s; here they are loaded scoped to
//! the actor's machines, written in one transaction with the event on the
//! machine's timeline (`certificate_reissue_requested`,
//! `certificate_reissued`), and read back with their state today.

use crate::Store;
use crate::db::now;
use crate::entities::certificate_reissue as row;
use crate::error::{StoreError, check_version};
use crate::idempotency::{self, IdempotencyKey, Once};
use crate::machines::Machines;
use crate::record_kit;
use crate::settings;
use crate::versioned::guarded_update;
use chrono::NaiveDate;
use furrow_domain::auth::Actor;
use furrow_domain::master::{
    CertificateReissueRequest, CertificateReissueView, CertificateReissued, decide_reissue_request,
    decide_reissued, reissue_state,
};
use furrow_domain::service::calendar::WorkCalendar;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

/// Today in the company's time zone: the certificate's days are its dates.
async fn today(conn: &impl ConnectionTrait) -> Result<NaiveDate, StoreError> {
    let zone = settings::sla(conn).await?.0.zone();
    Ok(now().with_timezone(&zone).date_naive())
}

fn view(m: &row::Model, today: NaiveDate) -> CertificateReissueView {
    CertificateReissueView {
        id: m.id,
        machine_id: m.machine_id,
        requested_by: m.requested_by.clone(),
        requested_on: m.requested_on,
        notes: m.notes.clone(),
        due_on: m.due_on,
        certificate_number: m.certificate_number.clone(),
        reissued_on: m.reissued_on,
        state: reissue_state(m.due_on, m.reissued_on, today),
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

fn audit_json(v: &CertificateReissueView) -> serde_json::Value {
    serde_json::json!({
        "reissue_id": v.id, "requested_by": v.requested_by, "requested_on": v.requested_on,
        "due_on": v.due_on, "notes": v.notes, "certificate_number": v.certificate_number,
        "reissued_on": v.reissued_on,
    })
}

/// The reissues of a machine the actor sees, newest request first.
pub async fn of_machine(
    conn: &impl ConnectionTrait,
    machine_id: Uuid,
) -> Result<Vec<CertificateReissueView>, StoreError> {
    let today = today(conn).await?;
    let rows = row::Entity::find()
        .filter(row::Column::MachineId.eq(machine_id))
        .order_by_desc(row::Column::RequestedOn)
        .order_by_desc(row::Column::CreatedAt)
        .all(conn)
        .await?;
    Ok(rows.iter().map(|m| view(m, today)).collect())
}

/// Records a customer's request on machine `machine_id`, once per
/// `Idempotency-Key`, due 10 working days later by the calendar in the settings.
pub async fn request_once(
    store: &Store,
    actor: &Actor,
    machine_id: Uuid,
    input: &CertificateReissueRequest,
    key: Option<&IdempotencyKey>,
) -> Result<Once<CertificateReissueView>, StoreError> {
    idempotency::once(store, key, async || {
        request(store, actor, machine_id, input, key).await
    })
    .await
}

async fn request(
    store: &Store,
    actor: &Actor,
    machine_id: Uuid,
    input: &CertificateReissueRequest,
    key: Option<&IdempotencyKey>,
) -> Result<CertificateReissueView, StoreError> {
    let tx = store.begin_write().await?;
    record_kit::load::<Machines, _>(&*tx, actor, machine_id).await?;
    let today = today(&*tx).await?;
    let (calendar, _) = settings::get::<WorkCalendar>(&*tx).await?;
    let new = decide_reissue_request(input, today, &calendar)?;
    let at = now();
    let model = row::ActiveModel {
        id: Set(Uuid::now_v7()),
        machine_id: Set(machine_id),
        requested_by: Set(new.requested_by),
        requested_on: Set(new.requested_on),
        notes: Set(new.notes),
        due_on: Set(new.due_on),
        certificate_number: Set(None),
        reissued_on: Set(None),
        version: Set(1),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(&*tx)
    .await?;
    let out = view(&model, today);
    crate::audit::record(
        &*tx,
        Some(actor),
        "machine",
        machine_id,
        "certificate_reissue_requested",
        audit_json(&out),
    )
    .await?;
    idempotency::remember(&*tx, key, &out).await?;
    tx.commit().await?;
    Ok(out)
}

/// Marks reissue `id` of machine `machine_id` done, at the version the client
/// read (`If-Match`).
pub async fn mark_reissued(
    store: &Store,
    actor: &Actor,
    machine_id: Uuid,
    id: Uuid,
    expected: Option<i32>,
    input: &CertificateReissued,
) -> Result<CertificateReissueView, StoreError> {
    let tx = store.begin_write().await?;
    record_kit::load::<Machines, _>(&*tx, actor, machine_id).await?;
    let current = row::Entity::find_by_id(id)
        .filter(row::Column::MachineId.eq(machine_id))
        .one(&*tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    check_version(expected, current.version)?;
    let today = today(&*tx).await?;
    let (number, on) = decide_reissued(current.requested_on, current.reissued_on, input, today)?;
    let version = current.version;
    let mut model: row::ActiveModel = current.into();
    model.certificate_number = Set(Some(number));
    model.reissued_on = Set(Some(on));
    model.version = Set(version + 1);
    model.updated_at = Set(now());
    let updated = guarded_update::<row::Entity>(&*tx, model, version).await?;
    let out = view(&updated, today);
    crate::audit::record(
        &*tx,
        Some(actor),
        "machine",
        machine_id,
        "certificate_reissued",
        audit_json(&out),
    )
    .await?;
    tx.commit().await?;
    Ok(out)
}
