//! Service requests (报修单): intake, the urgency list, one request with its
//! timeline, dispatch suggestions and the office commands. Also the customer
//! and machine look-ups the intake form needs.

use crate::services::requests::{ApiError, Call};
use furrow_domain::Page;
use furrow_domain::audit::AuditEventView;
use furrow_domain::master::{CustomerView, MachineView};
use furrow_domain::service::{
    ClockPreview, CreateServiceRequest, DispatchRequest, EngineerSuggestion, NotificationView,
    Priority, ReasonRequest, RequestStatus, ResolveRemotelyRequest, ServiceRequestSummary,
    ServiceRequestView, SuspectedPart,
};
use uuid::Uuid;

/// Filters and page of `GET /service-requests`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestFilter {
    pub status: Option<RequestStatus>,
    pub open: Option<bool>,
    pub priority: Option<Priority>,
    pub overdue: Option<bool>,
    /// `false`: only requests waiting for first contact.
    pub contacted: Option<bool>,
    pub harvest_critical: Option<bool>,
    pub q: Option<String>,
    /// `urgency` (the API's default) or `newest`.
    pub sort: Option<&'static str>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// `GET /service-requests`: summaries, what a list row shows.
pub async fn list(f: &RequestFilter) -> Result<Page<ServiceRequestSummary>, ApiError> {
    Call::get("/service-requests")
        .query_opt("status", f.status.map(|s| s.as_str()))
        .query_opt("open", f.open)
        .query_opt("priority", f.priority.map(|p| p.as_str()))
        .query_opt("overdue", f.overdue)
        .query_opt("contacted", f.contacted)
        .query_opt("harvest_critical", f.harvest_critical)
        .query_opt("q", f.q.as_deref().filter(|q| !q.trim().is_empty()))
        .query_opt("sort", f.sort)
        .query_opt("limit", f.limit)
        .query_opt("cursor", f.cursor.as_deref())
        .fetch()
        .await
}

/// `POST /service-requests` with an `Idempotency-Key`, so a retried or doubled
/// submission records the request once.
pub async fn create(
    req: &CreateServiceRequest,
    idempotency_key: &str,
) -> Result<ServiceRequestView, ApiError> {
    Call::post("/service-requests")
        .header("Idempotency-Key", idempotency_key)
        .json(req)
        .fetch()
        .await
}

/// Inputs of the clock preview.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewInput {
    pub customer_id: Uuid,
    pub machine_id: Option<Uuid>,
    pub priority: Priority,
    pub needs_onsite: bool,
    pub suspected_part: Option<SuspectedPart>,
    pub harvest_critical: Option<bool>,
}

/// `GET /service-requests/clock-preview`: the due times a request would get now.
pub async fn clock_preview(p: &PreviewInput) -> Result<ClockPreview, ApiError> {
    Call::get("/service-requests/clock-preview")
        .query("customer_id", p.customer_id)
        .query_opt("machine_id", p.machine_id)
        .query("priority", p.priority.as_str())
        .query("needs_onsite", p.needs_onsite)
        .query_opt("suspected_part", p.suspected_part.map(|s| s.as_str()))
        .query_opt("harvest_critical", p.harvest_critical)
        .fetch()
        .await
}

/// `GET /service-requests/{id}`.
pub async fn get(id: Uuid) -> Result<ServiceRequestView, ApiError> {
    Call::get(format!("/service-requests/{id}")).fetch().await
}

/// `GET /service-requests/{id}/timeline`, oldest first.
pub async fn timeline(id: Uuid) -> Result<Vec<AuditEventView>, ApiError> {
    Call::get(format!("/service-requests/{id}/timeline"))
        .fetch()
        .await
}

/// `GET /service-requests/{id}/engineer-suggestions`, best first.
pub async fn suggestions(id: Uuid) -> Result<Vec<EngineerSuggestion>, ApiError> {
    Call::get(format!("/service-requests/{id}/engineer-suggestions"))
        .fetch()
        .await
}

/// `POST /service-requests/{id}/dispatch` (派工).
pub async fn dispatch(
    id: Uuid,
    version: i32,
    req: &DispatchRequest,
) -> Result<ServiceRequestView, ApiError> {
    Call::post(format!("/service-requests/{id}/dispatch"))
        .if_match(version)
        .json(req)
        .fetch()
        .await
}

/// `POST /service-requests/{id}/contact`: the first contact is made, with
/// a note of what was said (empty: none).
pub async fn contact(id: Uuid, version: i32, note: String) -> Result<ServiceRequestView, ApiError> {
    let note = Some(note).filter(|n| !n.trim().is_empty());
    Call::post(format!("/service-requests/{id}/contact"))
        .if_match(version)
        .json(&furrow_domain::service::ContactRequest { note })
        .fetch()
        .await
}

/// `POST /service-requests/{id}/resolve-remotely` (远程解决).
pub async fn resolve_remotely(
    id: Uuid,
    version: i32,
    resolution: String,
) -> Result<ServiceRequestView, ApiError> {
    Call::post(format!("/service-requests/{id}/resolve-remotely"))
        .if_match(version)
        .json(&ResolveRemotelyRequest { resolution })
        .fetch()
        .await
}

/// `POST /service-requests/{id}/cancel` with a reason.
pub async fn cancel(
    id: Uuid,
    version: i32,
    reason: String,
) -> Result<ServiceRequestView, ApiError> {
    Call::post(format!("/service-requests/{id}/cancel"))
        .if_match(version)
        .json(&ReasonRequest { reason })
        .fetch()
        .await
}

/// `GET /notifications`: overdue and soon-due clocks (supervisors).
pub async fn notifications() -> Result<Vec<NotificationView>, ApiError> {
    Call::get("/notifications").fetch().await
}

/// Customers whose name, phone or code contains `q` (intake look-up).
pub async fn find_customers(q: &str) -> Result<Page<CustomerView>, ApiError> {
    Call::get("/customers")
        .query("q", q.trim())
        .query("active", true)
        .query("limit", 20)
        .fetch()
        .await
}

/// `GET /customers/{id}` (intake).
pub async fn customer(id: Uuid) -> Result<CustomerView, ApiError> {
    Call::get(format!("/customers/{id}")).fetch().await
}

/// The machines of a customer (intake).
pub async fn machines_of(customer_id: Uuid) -> Result<Page<MachineView>, ApiError> {
    Call::get("/machines")
        .query("customer_id", customer_id)
        .query("limit", 100)
        .fetch()
        .await
}

/// Machines whose serial number contains `q` (intake look-up).
pub async fn find_machines(q: &str) -> Result<Page<MachineView>, ApiError> {
    Call::get("/machines")
        .query("q", q.trim())
        .query("limit", 20)
        .fetch()
        .await
}
