//! Work orders (维修任务单): the engineer's own list and commands, and the
//! report draft written on site.

use crate::services::requests::{ApiError, Call};
use chrono::{DateTime, Utc};
use furrow_domain::Page;
use furrow_domain::service::{
    FinishRequest, ReassignRequest, RepairReportView, ReportDraft, ScheduleRequest,
    WorkOrderStatus, WorkOrderSummary, WorkOrderView,
};
use uuid::Uuid;

/// `GET /work-orders` (an engineer gets their own): summaries, newest first.
pub async fn list(
    open: Option<bool>,
    status: Option<WorkOrderStatus>,
    request_id: Option<Uuid>,
) -> Result<Page<WorkOrderSummary>, ApiError> {
    Call::get("/work-orders")
        .query_opt("open", open)
        .query_opt("status", status.map(|s| s.as_str()))
        .query_opt("request_id", request_id)
        .query("limit", 100)
        .fetch()
        .await
}

/// The engineer's open work, most urgent first (`sort=urgency`: the whole
/// set in one page, which the server refuses past the page size).
pub async fn open_by_urgency() -> Result<Page<WorkOrderSummary>, ApiError> {
    Call::get("/work-orders")
        .query("open", true)
        .query("sort", "urgency")
        .query("limit", 200)
        .fetch()
        .await
}

/// `GET /work-orders/{id}`.
pub async fn get(id: Uuid) -> Result<WorkOrderView, ApiError> {
    Call::get(format!("/work-orders/{id}")).fetch().await
}

/// `POST /work-orders/{id}/schedule`: the appointment agreed with the customer.
pub async fn schedule(
    id: Uuid,
    version: i32,
    appointment_at: DateTime<Utc>,
) -> Result<WorkOrderView, ApiError> {
    Call::post(format!("/work-orders/{id}/schedule"))
        .if_match(version)
        .json(&ScheduleRequest {
            appointment_at,
            note: None,
        })
        .fetch()
        .await
}

/// `POST /work-orders/{id}/check-in`: arrived on site (server clock).
pub async fn check_in(id: Uuid, version: i32) -> Result<WorkOrderView, ApiError> {
    Call::post(format!("/work-orders/{id}/check-in"))
        .if_match(version)
        .fetch()
        .await
}

/// `POST /work-orders/{id}/finish`: the visit ends with the inspection.
pub async fn finish(
    id: Uuid,
    version: i32,
    req: &FinishRequest,
) -> Result<WorkOrderView, ApiError> {
    Call::post(format!("/work-orders/{id}/finish"))
        .if_match(version)
        .json(req)
        .fetch()
        .await
}

/// `POST /work-orders/{id}/reassign` (改派): this order closes as reassigned;
/// answers the new work order.
pub async fn reassign(
    id: Uuid,
    version: i32,
    req: &ReassignRequest,
) -> Result<WorkOrderView, ApiError> {
    Call::post(format!("/work-orders/{id}/reassign"))
        .if_match(version)
        .json(req)
        .fetch()
        .await
}

/// `GET /work-orders/{id}/report`; `None` before the first save.
pub async fn report(id: Uuid) -> Result<Option<RepairReportView>, ApiError> {
    match Call::get(format!("/work-orders/{id}/report")).fetch().await {
        Ok(r) => Ok(Some(r)),
        Err(e) if e.status() == 404 => Ok(None),
        Err(e) => Err(e),
    }
}

/// `PUT /work-orders/{id}/report` against the report's version (0 before the
/// first save).
pub async fn save_report(
    id: Uuid,
    version: i32,
    draft: &ReportDraft,
) -> Result<RepairReportView, ApiError> {
    Call::put(format!("/work-orders/{id}/report"))
        .if_match(version)
        .json(draft)
        .fetch()
        .await
}
