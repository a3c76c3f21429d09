//! The desk's commands on a request (first contact, dispatch, remote
//! resolution, cancellation), each one decision run through the pipeline.

use super::common::address_line;
use super::requests::{check_engineer, get};
use crate::db::by_id;
use crate::entities::customer;
use crate::error::StoreError;
use crate::pipeline::{Pipeline, Target};
use crate::{Store, settings};
use furrow_domain::auth::Actor;
use furrow_domain::service::commands::Command;
use furrow_domain::service::decide::preconditions::check;
use furrow_domain::service::decide::requests::{self as decide, Assignment};
use furrow_domain::service::*;
use uuid::Uuid;

/// Records the first contact with the customer (stops the first clock),
/// with the agent's note.
pub async fn record_contact(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &ContactRequest,
) -> Result<ServiceRequestView, StoreError> {
    input.validate()?;
    Pipeline::run(store, actor, Target::Request(id), expected, |case, ctx| {
        decide::record_contact(case, ctx, input)
    })
    .await?;
    get(store, actor, id).await
}

/// The work order a dispatch or reassignment creates: a number taken in the
/// command's transaction, the engineer checked, the request's site (else the
/// customer's address) as the default site.
pub(crate) async fn assignment(
    store: &Store,
    p: &Pipeline<'_>,
    engineer_id: Uuid,
) -> Result<Assignment, StoreError> {
    let engineer_name = check_engineer(p.tx(), engineer_id).await?;
    let customer = by_id::<customer::Entity>(p.tx(), p.customer_id()).await?;
    let (sla, _) = settings::sla_cached(store).await?;
    Ok(Assignment {
        id: Uuid::now_v7(),
        number: p.take_number("WO", sla.zone()).await?,
        engineer_id,
        engineer_name,
        // The site taken at intake; requests from before sites, the customer's address.
        default_site: p
            .site_address()
            .map_or_else(|| address_line(&customer), str::to_owned),
    })
}

/// Dispatches a new request to an engineer with a work order (派工); answers
/// the request and the new work order's id.
pub async fn dispatch(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &DispatchRequest,
) -> Result<(ServiceRequestView, Uuid), StoreError> {
    input.validate()?;
    let p = Pipeline::for_actor(store, actor, Target::Request(id), expected).await?;
    // The state first: a refused dispatch neither looks up the engineer nor
    // waits for the work orders' counter.
    check(Command::Dispatch, actor, &p.case().state())?;
    let a = assignment(store, &p, input.engineer_id).await?;
    let d = decide::dispatch(p.case(), &p.ctx(), input, &a)?;
    let done = p.commit(d).await?;
    let wo = done.work_order_id.ok_or(StoreError::NotFound)?;
    Ok((get(store, actor, id).await?, wo))
}

/// Closes a consultation solved on the phone (远程解决); it is still followed up.
pub async fn resolve_remotely(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &ResolveRemotelyRequest,
) -> Result<ServiceRequestView, StoreError> {
    input.validate()?;
    Pipeline::run_with_clocks(
        store,
        actor,
        Target::Request(id),
        expected,
        |case, ctx, sla, calendar| decide::resolve_remotely(case, ctx, input, sla, calendar),
    )
    .await?;
    get(store, actor, id).await
}

/// Cancels a request that has no visit under way, with a reason.
pub async fn cancel(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &ReasonRequest,
) -> Result<ServiceRequestView, StoreError> {
    input.validate()?;
    Pipeline::run(store, actor, Target::Request(id), expected, |case, ctx| {
        decide::cancel(case, ctx, input)
    })
    .await?;
    get(store, actor, id).await
}
