//! The supervisor's outcome after the customer refused to sign: rework,
//! close unsigned on a witness's word, or a complaint. The rules are
//! `furrow_domain::service::decide::refusal`; this runs them through the pipeline.

use super::reports::on_report;
use crate::error::StoreError;
use crate::{Store, settings};
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
    on_report(store, actor, id, expected, |case, ctx| {
        decide::rework(case, ctx, input)
    })
    .await
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
    let (sla, calendar) = settings::clocks(store).await?;
    on_report(store, actor, id, expected, |case, ctx| {
        decide::close_unsigned(case, ctx, input, &sla, &calendar)
    })
    .await
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
    let (sla, calendar) = settings::clocks(store).await?;
    on_report(store, actor, id, expected, |case, ctx| {
        decide::open_complaint(case, ctx, input, &sla, &calendar)
    })
    .await
}
