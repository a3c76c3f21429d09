//! The supervisor's outcome after the customer refused to sign: rework,
//! close unsigned on a witness's word, or a complaint. The rules are
//! `furrow_domain::service::decide::refusal`; this runs them through the pipeline.

use super::reports::get;
use crate::Store;
use crate::error::StoreError;
use crate::pipeline::{Pipeline, Target};
use furrow_domain::auth::Actor;
use furrow_domain::service::decide::refusal as decide;
use furrow_domain::service::*;
use uuid::Uuid;

/// Rework: the engineer visits again, as after a rejected report.
pub async fn rework(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &ReasonRequest,
) -> Result<RepairReportView, StoreError> {
    input.validate()?;
    Pipeline::run(store, actor, Target::Report(id), expected, |case, ctx| {
        decide::rework(case, ctx, input)
    })
    .await?;
    get(store, actor, id).await
}

/// Closes the request without a signature, naming the witness and the reason.
pub async fn close_unsigned(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &CloseUnsignedRequest,
) -> Result<RepairReportView, StoreError> {
    input.validate()?;
    Pipeline::run_with_clocks(
        store,
        actor,
        Target::Report(id),
        expected,
        |case, ctx, sla, calendar| decide::close_unsigned(case, ctx, input, sla, calendar),
    )
    .await?;
    get(store, actor, id).await
}

/// Opens a complaint with the customer's refusal reason; the request completes.
pub async fn open_complaint(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &ReasonRequest,
) -> Result<RepairReportView, StoreError> {
    input.validate()?;
    Pipeline::run_with_clocks(
        store,
        actor,
        Target::Report(id),
        expected,
        |case, ctx, sla, calendar| decide::open_complaint(case, ctx, input, sla, calendar),
    )
    .await?;
    get(store, actor, id).await
}
