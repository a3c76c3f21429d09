//! The filters of the service lists, written once: the API reads them from
//! the query string (and documents them from these comments), the web app
//! writes them into it, the store turns them into conditions. How a list is
//! ordered is not a filter: the API and the store each keep their own word
//! for it.

use super::{Channel, Priority, ReportStatus, RequestStatus, WorkOrderStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Filters of `GET /service-requests`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct RequestFilters {
    pub status: Option<RequestStatus>,
    /// Only open (`true`) or finished (`false`) requests.
    pub open: Option<bool>,
    pub priority: Option<Priority>,
    pub channel: Option<Channel>,
    pub dealer_id: Option<Uuid>,
    pub engineer_id: Option<Uuid>,
    pub customer_id: Option<Uuid>,
    pub machine_id: Option<Uuid>,
    /// Only requests with a running clock past due (`true`), or none (`false`).
    pub overdue: Option<bool>,
    /// Only requests with (`true`) or without (`false`) a first contact
    /// (`false`: waiting for first contact, 待首次联系).
    pub contacted: Option<bool>,
    /// Only open requests whose next clock is due before this time.
    pub due_before: Option<DateTime<Utc>>,
    pub harvest_critical: Option<bool>,
    /// Part of the number, the customer's name, phone or code, or the serial number.
    pub q: Option<String>,
    /// Only requests changed at or after this time, oldest change first (sync); overrides `sort`.
    pub updated_since: Option<DateTime<Utc>>,
}

/// Filters of `GET /work-orders`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct WorkOrderFilters {
    pub status: Option<WorkOrderStatus>,
    /// Only open (`true`) or closed (`false`) work orders.
    pub open: Option<bool>,
    pub engineer_id: Option<Uuid>,
    pub request_id: Option<Uuid>,
}

/// Filters of `GET /repair-reports`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ReportFilters {
    /// `submitted` is the review queue.
    pub status: Option<ReportStatus>,
}
