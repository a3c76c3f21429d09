//! What a list row shows of a request or a work order. Lists and the dealer's
//! sync answer these; the record page (`GET .../{id}`) keeps the full view
//! with its `actions`.

use super::status::{ReportStatus, RequestStatus, WorkOrderStatus};
use super::types::Priority;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A service request as a list row (or a sync page entry) shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceRequestSummary {
    pub id: Uuid,
    /// `SR-2026-000123`
    pub number: String,
    pub status: RequestStatus,
    pub priority: Priority,
    pub customer_name: String,
    pub customer_phone: String,
    pub serial_number: Option<String>,
    pub model_name: Option<String>,
    pub dealer_id: Option<Uuid>,
    pub harvest_critical: bool,
    pub machine_stopped: bool,
    /// The busy farming season applied when the clocks started.
    pub in_season: bool,
    /// The repair clock's due time (三包 in season), when it has one.
    pub repair_due: Option<DateTime<Utc>>,
    /// The earliest due time of a clock still running.
    pub next_due_at: Option<DateTime<Utc>>,
    /// A running clock is past its due time.
    pub overdue: bool,
    /// Hours from the report until completion or cancellation (or until now
    /// while open): `sla::downtime_end`.
    pub downtime_hours: f64,
    pub engineer_id: Option<Uuid>,
    pub engineer_name: Option<String>,
    pub reported_at: DateTime<Utc>,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

/// A work order as a list row (the engineer's card) shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkOrderSummary {
    pub id: Uuid,
    /// `WO-2026-000456`
    pub number: String,
    pub status: WorkOrderStatus,
    pub request_id: Uuid,
    pub request_number: String,
    pub engineer_id: Uuid,
    pub engineer_name: String,
    pub customer_name: String,
    pub customer_phone: String,
    pub serial_number: Option<String>,
    pub model_name: Option<String>,
    pub priority: Priority,
    pub harvest_critical: bool,
    pub machine_stopped: bool,
    /// The busy farming season applied when the request's clocks started.
    pub in_season: bool,
    pub site_address: String,
    pub arrival_due: Option<DateTime<Utc>>,
    pub appointment_at: Option<DateTime<Utc>>,
    pub arrived_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The earliest due time of the request's clocks still running.
    pub next_due_at: Option<DateTime<Utc>>,
    /// A running clock of the request is past its due time.
    pub overdue: bool,
    pub report_status: Option<ReportStatus>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl WorkOrderSummary {
    /// The visit is over and its report may still be written (none yet, a
    /// draft, or sent back): the engineer's "reports to write".
    pub fn report_to_write(&self) -> bool {
        self.status == WorkOrderStatus::Finished
            && self.report_status.is_none_or(ReportStatus::is_editable)
    }
}
