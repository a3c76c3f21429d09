//! Service requests (报修单): intake, the urgency list, one request with its
//! timeline, dispatch suggestions and the office commands. Also the customer
//! and machine look-ups the intake form needs.

use crate::services::requests::{ApiError, Call, Listing};
use crate::services::resource::{Answer, Resource};
use furrow_domain::Page;
use furrow_domain::audit::AuditEventView;
use furrow_domain::master::{CustomerView, MachineView};
use furrow_domain::service::RequestFilters;
use furrow_domain::service::replacement::CustomerChoiceRequest;
use furrow_domain::service::{
    ClockPreview, ContactRequest, CreateServiceRequest, DispatchRequest, EngineerSuggestion,
    NotificationView, Priority, ReasonRequest, RequestKind, ResolveRemotelyRequest,
    ServiceRequestSummary, ServiceRequestView, SuspectedPart,
};
use uuid::Uuid;

const REQUESTS: Resource = Resource::new("/service-requests");

/// `GET /service-requests`: summaries, what a list row shows.
pub fn list(f: &RequestFilters, l: &Listing) -> impl Answer<Page<ServiceRequestSummary>> + use<> {
    REQUESTS.list().filters(f).listing(l).fetch()
}

/// `POST /service-requests` with the form's `Idempotency-Key`
/// ([`Call::idempotent`]), so a retried or doubled submission records the
/// request once.
pub async fn create(
    req: &CreateServiceRequest,
    nonce: &str,
) -> Result<ServiceRequestView, ApiError> {
    Call::post("/service-requests")
        .json(req)
        .idempotent(nonce)
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
    pub kind: RequestKind,
    pub suspected_part: Option<SuspectedPart>,
    pub harvest_critical: Option<bool>,
    /// The work site's point when both coordinates are typed.
    pub site: Option<(f64, f64)>,
}

/// `GET /service-requests/clock-preview`: the due times a request would get now.
pub async fn clock_preview(p: &PreviewInput) -> Result<ClockPreview, ApiError> {
    Call::get("/service-requests/clock-preview")
        .query("customer_id", p.customer_id)
        .query_opt("machine_id", p.machine_id)
        .query("priority", p.priority.as_str())
        .query("needs_onsite", p.needs_onsite)
        .query("kind", p.kind.as_str())
        .query_opt("suspected_part", p.suspected_part.map(|s| s.as_str()))
        .query_opt("harvest_critical", p.harvest_critical)
        .query_opt("site_lat", p.site.map(|s| s.0))
        .query_opt("site_lon", p.site.map(|s| s.1))
        .fetch()
        .await
}

/// `GET /service-requests/{id}`.
pub fn get(id: Uuid) -> impl Answer<ServiceRequestView> {
    REQUESTS.get(id)
}

/// `GET /service-requests/{id}/timeline`, oldest first.
pub fn timeline(id: Uuid) -> impl Answer<Vec<AuditEventView>> {
    REQUESTS.sub(id, "timeline")
}

/// `GET /service-requests/{id}/engineer-suggestions`, best first.
pub fn suggestions(id: Uuid) -> impl Answer<Vec<EngineerSuggestion>> {
    REQUESTS.sub(id, "engineer-suggestions")
}

/// `POST /service-requests/{id}/dispatch` (派工).
pub fn dispatch(id: Uuid, version: i32, req: &DispatchRequest) -> impl Answer<ServiceRequestView> {
    REQUESTS.command(id, "dispatch", version).json(req).fetch()
}

/// `POST /service-requests/{id}/contact`: the first contact is made, with
/// a note of what was said (empty: none).
pub fn contact(id: Uuid, version: i32, note: String) -> impl Answer<ServiceRequestView> {
    let note = Some(note).filter(|n| !n.trim().is_empty());
    let body = ContactRequest { note };
    REQUESTS.command(id, "contact", version).json(&body).fetch()
}

/// `POST /service-requests/{id}/resolve-remotely` (远程解决).
pub fn resolve_remotely(
    id: Uuid,
    version: i32,
    resolution: String,
) -> impl Answer<ServiceRequestView> {
    let body = ResolveRemotelyRequest { resolution };
    REQUESTS
        .command(id, "resolve-remotely", version)
        .json(&body)
        .fetch()
}

/// `POST /service-requests/{id}/cancel` with a reason.
pub fn cancel(id: Uuid, version: i32, reason: String) -> impl Answer<ServiceRequestView> {
    let body = ReasonRequest { reason };
    REQUESTS.command(id, "cancel", version).json(&body).fetch()
}

/// `POST /service-requests/{id}/customer-choice`: past the 三包 repair
/// deadline, the customer continues the repair or has the machine replaced.
pub fn customer_choice(
    id: Uuid,
    version: i32,
    body: &CustomerChoiceRequest,
) -> impl Answer<ServiceRequestView> {
    REQUESTS
        .command(id, "customer-choice", version)
        .json(body)
        .fetch()
}

/// `GET /notifications`: overdue and soon-due clocks (supervisors), without
/// the read marks the bell keeps.
pub fn notifications() -> impl Answer<Vec<NotificationView>> {
    async { super::notifications::list().await.map(|l| l.items) }
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
pub fn customer(id: Uuid) -> impl Answer<CustomerView> {
    super::customers::get(id)
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
