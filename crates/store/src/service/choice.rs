//! The customer's choice past the 三包 repair deadline: whether a request
//! offers it (`replacement::customer_choice`, reading the machine's warranty
//! as every page computes it), and the command recording it, run through the
//! pipeline; a replacement writes the machine's new serial and restarted
//! 三包 period in the same transaction.

use super::requests::get;
use crate::db::by_id;
use crate::entities::{machine, service_request};
use crate::error::StoreError;
use crate::pipeline::{Pipeline, Target};
use crate::service::common::parse;
use crate::{Store, settings, warranty};
use chrono::{DateTime, Utc};
use furrow_domain::auth::Actor;
use furrow_domain::service::decide::Machine;
use furrow_domain::service::decide::choice as decide;
use furrow_domain::service::replacement::{
    ChoiceFacts, CustomerChoice, CustomerChoiceRequest, customer_choice, reported_in_warranty,
};
use furrow_domain::service::*;
use sea_orm::ConnectionTrait;
use uuid::Uuid;

/// Whether the request `m` offers the customer the choice at `now`. The
/// machine and its warranty are read only for an open repair already past
/// its deadline.
pub(crate) async fn of_request(
    conn: &impl ConnectionTrait,
    m: &service_request::Model,
    now: DateTime<Utc>,
) -> Result<Option<CustomerChoice>, StoreError> {
    let facts = ChoiceFacts {
        kind: parse(&m.kind, RequestKind::parse)?,
        status: parse(&m.status, RequestStatus::parse)?,
        repair_due: m.repair_due,
        repaired_at: m.repaired_at,
        in_warranty: true,
    };
    let (Some(_), Some(machine_id)) = (customer_choice(&facts, now), m.machine_id) else {
        return Ok(None);
    };
    let machine = by_id::<machine::Entity>(conn, machine_id).await?;
    let zone = settings::sla(conn).await?.0.zone();
    let warranty = warranty::of_machines(conn, std::slice::from_ref(&machine))
        .await?
        .remove(&machine.id)
        .ok_or(StoreError::NotFound)?;
    let start = warranty::terms(&machine).period_start();
    let in_warranty = reported_in_warranty(&warranty, start, m.reported_at, zone);
    Ok(customer_choice(
        &ChoiceFacts {
            in_warranty,
            ..facts
        },
        now,
    ))
}

/// The request's machine as a replacement reads it.
fn machine_record(m: &machine::Model) -> Machine {
    Machine {
        id: m.id,
        serial_number: m.serial_number.clone(),
        sale_date: m.sale_date,
        warranty_end: m.warranty_end,
        replaced_on: m.replaced_on,
        version: m.version,
    }
}

/// Records the customer's choice: continue the repair, or replace the
/// machine (换货) with a new serial and the replacement day.
pub async fn record(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &CustomerChoiceRequest,
) -> Result<ServiceRequestView, StoreError> {
    input.validate()?;
    let (sla, calendar) = settings::clocks(store).await?;
    let p = Pipeline::for_actor(store, actor, Target::Request(id), expected).await?;
    let ctx = p.ctx();
    let row = p.request_row();
    let choice = of_request(p.tx(), row, ctx.now).await?;
    let machine = match row.machine_id {
        Some(m) => Some(machine_record(&by_id::<machine::Entity>(p.tx(), m).await?)),
        None => None,
    };
    let d = decide::record_customer_choice(
        p.case(),
        &ctx,
        input,
        choice,
        machine.as_ref(),
        &sla,
        &calendar,
    )?;
    p.commit(d).await?;
    get(store, actor, id).await
}
