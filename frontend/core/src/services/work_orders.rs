//! Work orders (维修任务单): the engineer's own list and commands, and the
//! report draft written on site.

use crate::services::requests::ApiError;
use crate::services::resource::{Answer, Resource};
use chrono::{DateTime, Utc};
use furrow_domain::Page;
use furrow_domain::service::{
    AcknowledgeRequest, FinishRequest, ReassignRequest, RepairReportView, ReportDraft,
    ScheduleRequest, WorkOrderFilters, WorkOrderSummary, WorkOrderView,
};
use uuid::Uuid;

const WORK_ORDERS: Resource = Resource::new("/work-orders");

/// `GET /work-orders` (an engineer gets their own): summaries, newest first.
pub fn list(f: &WorkOrderFilters) -> impl Answer<Page<WorkOrderSummary>> + use<> {
    WORK_ORDERS.list().filters(f).query("limit", 100).fetch()
}

/// The engineer's open work, most urgent first (`sort=urgency`: the whole
/// set in one page, which the server refuses past the page size).
pub fn open_by_urgency() -> impl Answer<Page<WorkOrderSummary>> {
    WORK_ORDERS
        .list()
        .query("open", true)
        .query("sort", "urgency")
        .query("limit", 200)
        .fetch()
}

/// `GET /work-orders/{id}`.
pub fn get(id: Uuid) -> impl Answer<WorkOrderView> {
    WORK_ORDERS.get(id)
}

/// `POST /work-orders/{id}/schedule`: the appointment agreed with the customer.
pub fn schedule(
    id: Uuid,
    version: i32,
    appointment_at: DateTime<Utc>,
) -> impl Answer<WorkOrderView> {
    let body = ScheduleRequest {
        appointment_at,
        note: None,
    };
    WORK_ORDERS
        .command(id, "schedule", version)
        .json(&body)
        .fetch()
}

/// `POST /work-orders/{id}/check-in`: arrived on site (server clock).
pub fn check_in(id: Uuid, version: i32) -> impl Answer<WorkOrderView> {
    WORK_ORDERS.command(id, "check-in", version).fetch()
}

/// `POST /work-orders/{id}/finish`: the visit ends with the inspection.
pub fn finish(id: Uuid, version: i32, req: &FinishRequest) -> impl Answer<WorkOrderView> {
    WORK_ORDERS.command(id, "finish", version).json(req).fetch()
}

/// `POST /work-orders/{id}/acknowledge`: the customer's on-site
/// acknowledgement (现场确认) of the finished visit.
pub fn acknowledge(id: Uuid, version: i32, req: &AcknowledgeRequest) -> impl Answer<WorkOrderView> {
    WORK_ORDERS
        .command(id, "acknowledge", version)
        .json(req)
        .fetch()
}

/// `GET /work-orders/{id}/acknowledgement/signature`: the PNG drawn with it.
pub async fn acknowledgement_png(id: Uuid) -> Result<Vec<u8>, ApiError> {
    crate::services::requests::Call::get(format!("/work-orders/{id}/acknowledgement/signature"))
        .bytes()
        .await
}

/// `POST /work-orders/{id}/reassign` (改派): this order closes as reassigned;
/// answers the new work order.
pub fn reassign(id: Uuid, version: i32, req: &ReassignRequest) -> impl Answer<WorkOrderView> {
    WORK_ORDERS
        .command(id, "reassign", version)
        .json(req)
        .fetch()
}

/// `GET /work-orders/{id}/report`; `None` before the first save.
pub async fn report(id: Uuid) -> Result<Option<RepairReportView>, ApiError> {
    match WORK_ORDERS.sub(id, "report").await {
        Ok(r) => Ok(Some(r)),
        Err(e) if e.status() == 404 => Ok(None),
        Err(e) => Err(e),
    }
}

/// `PUT /work-orders/{id}/report` against the report's version (0 before the
/// first save).
pub fn save_report(id: Uuid, version: i32, draft: &ReportDraft) -> impl Answer<RepairReportView> {
    WORK_ORDERS.put(id, "report", version, draft)
}
