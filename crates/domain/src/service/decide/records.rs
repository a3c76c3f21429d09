//! The records a decision reads and returns, with only the fields the rules
//! touch. The store converts its rows to and from these.

use crate::service::sanbao::LegalClock;
use crate::service::status::{ReportStatus, RequestStatus, WorkOrderStatus};
use crate::service::types::{Acknowledgement, ReportDraft, SuspectedPart};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

/// A service request (报修单).
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub id: Uuid,
    pub number: String,
    pub status: RequestStatus,
    pub needs_onsite: bool,
    pub dealer_id: Option<Uuid>,
    pub first_contact_at: Option<DateTime<Utc>>,
    pub arrival_due: Option<DateTime<Utc>>,
    pub arrived_at: Option<DateTime<Utc>>,
    pub repaired_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    /// When it was cancelled: its downtime stops here (`sla::downtime_end`).
    pub closed_at: Option<DateTime<Utc>>,
    /// The open (or last) work order.
    pub work_order_id: Option<Uuid>,
    pub engineer_id: Option<Uuid>,
    pub cancel_reason: Option<String>,
    pub resolution: Option<String>,
    pub reported_at: DateTime<Utc>,
    /// The regime of its clocks.
    pub legal_clock: LegalClock,
    /// The part type the diagnosis named (`Unknown` until then).
    pub diagnosed_part: SuspectedPart,
    pub repair_due: Option<DateTime<Utc>>,
    /// Who pays, as intake proposed it (none on requests recorded before).
    pub proposed_coverage: Option<crate::service::Coverage>,
    /// Who pays, as the supervisor confirmed it at review.
    pub coverage: Option<crate::service::Coverage>,
    /// Why the confirmed coverage departs from the proposal.
    pub coverage_reason: Option<String>,
    pub version: i32,
}

/// A work order (维修任务单).
#[derive(Debug, Clone, PartialEq)]
pub struct WorkOrder {
    pub id: Uuid,
    pub number: String,
    pub status: WorkOrderStatus,
    pub request_id: Uuid,
    pub engineer_id: Uuid,
    pub dispatcher_id: Option<Uuid>,
    pub dispatcher_name: String,
    pub site_address: String,
    pub requirements: Option<String>,
    pub arrival_due: Option<DateTime<Utc>>,
    pub appointment_at: Option<DateTime<Utc>>,
    pub arrived_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub inspection_passed: Option<bool>,
    pub finish_notes: Option<String>,
    pub close_reason: Option<String>,
    /// The customer's on-site acknowledgement (the image stays in the store).
    pub acknowledgement: Option<Acknowledgement>,
    pub version: i32,
}

impl WorkOrder {
    /// The customer acknowledged the visit that ended at `finished_at`: an
    /// acknowledgement from before a later finish (after a rejected report)
    /// was for an earlier visit.
    pub fn is_acknowledged(&self) -> bool {
        self.acknowledgement
            .as_ref()
            .is_some_and(|a| a.covers(self.finished_at))
    }
}

/// A repair report (维修报告); the signature image stays in the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub id: Uuid,
    pub work_order_id: Uuid,
    pub request_id: Uuid,
    pub engineer_id: Uuid,
    pub status: ReportStatus,
    pub content: ReportDraft,
    pub inspection_passed: Option<bool>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewer_id: Option<Uuid>,
    pub reviewer_name: Option<String>,
    pub review_comment: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub signer_name: Option<String>,
    pub signed_at: Option<DateTime<Utc>>,
    pub refusal_reason: Option<String>,
    pub version: i32,
}

/// A request with the work order a command addresses (or its current one)
/// and that work order's report: what every workflow command acts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub request: Request,
    pub work_order: Option<WorkOrder>,
    pub report: Option<Report>,
}

impl Case {
    /// The work order, for a command that needs one.
    pub fn work_order(&self) -> Result<&WorkOrder, crate::DomainError> {
        self.work_order.as_ref().ok_or(crate::DomainError::NotFound)
    }

    /// The report, for a command that needs one.
    pub fn report(&self) -> Result<&Report, crate::DomainError> {
        self.report.as_ref().ok_or(crate::DomainError::NotFound)
    }
}

/// The machine of a request, with what a replacement (换货) reads and changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Machine {
    pub id: Uuid,
    pub serial_number: String,
    pub sale_date: Option<NaiveDate>,
    /// The 三包 end as sold (or as restarted by an earlier replacement).
    pub warranty_end: Option<NaiveDate>,
    pub replaced_on: Option<NaiveDate>,
    pub version: i32,
}
