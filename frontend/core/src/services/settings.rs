//! Settings documents (`/settings`): the list with versions, the SLA document
//! and the working-day calendar.

use crate::services::requests::{ApiError, Call};
use furrow_domain::service::calendar::WorkCalendar;
use furrow_domain::service::dispatch::DispatchSettings;
use furrow_domain::service::sanbao::ServiceNetwork;
use furrow_domain::service::sla::SlaSettings;
use furrow_domain::settings::SettingSummary;

/// `GET /settings`: every document with its version (the ETag to send back).
pub async fn list() -> Result<Vec<SettingSummary>, ApiError> {
    Call::get("/settings").fetch().await
}

/// `GET /settings/sla`.
pub async fn sla() -> Result<SlaSettings, ApiError> {
    Call::get("/settings/sla").fetch().await
}

/// `PUT /settings/sla` with `If-Match: "<version>"`: a 412 when someone saved
/// in between, a 422 with field errors (`arrival_hours.critical`,
/// `busy_seasons[0].start`...) when a value is refused.
pub async fn put_sla(version: i32, body: &SlaSettings) -> Result<SlaSettings, ApiError> {
    Call::put("/settings/sla")
        .if_match(version)
        .json(body)
        .fetch()
        .await
}

/// `GET /settings/dispatch`.
pub async fn dispatch() -> Result<DispatchSettings, ApiError> {
    Call::get("/settings/dispatch").fetch().await
}

/// `PUT /settings/dispatch` with `If-Match: "<version>"`.
pub async fn put_dispatch(
    version: i32,
    body: &DispatchSettings,
) -> Result<DispatchSettings, ApiError> {
    Call::put("/settings/dispatch")
        .if_match(version)
        .json(body)
        .fetch()
        .await
}

/// `GET /settings/service_network`.
pub async fn service_network() -> Result<ServiceNetwork, ApiError> {
    Call::get("/settings/service_network").fetch().await
}

/// `PUT /settings/service_network` with `If-Match: "<version>"`.
pub async fn put_service_network(
    version: i32,
    body: &ServiceNetwork,
) -> Result<ServiceNetwork, ApiError> {
    Call::put("/settings/service_network")
        .if_match(version)
        .json(body)
        .fetch()
        .await
}

/// `GET /settings/calendar`.
pub async fn calendar() -> Result<WorkCalendar, ApiError> {
    Call::get("/settings/calendar").fetch().await
}

/// `PUT /settings/calendar` with `If-Match: "<version>"`: a 412 when someone
/// saved in between, a 422 with field errors (`years[0].workdays[1].date`...)
/// when a date is refused.
pub async fn put_calendar(version: i32, body: &WorkCalendar) -> Result<WorkCalendar, ApiError> {
    Call::put("/settings/calendar")
        .if_match(version)
        .json(body)
        .fetch()
        .await
}
