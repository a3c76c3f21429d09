//! What a decision says: the records' new states, the records to create and
//! the events to record. The store saves exactly this, in one transaction.

use super::intake::NewRequest;
use super::records::{Report, Request, WorkOrder};
use crate::access::RecordKind;
use crate::audit::AuditAction;
use crate::service::calendar::WorkCalendar;
use crate::service::sla::SlaSettings;
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

/// The outcome of an accepted command.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decision {
    /// The request's new state, when it changes.
    pub request: Option<Request>,
    /// The addressed work order's new state, when it changes.
    pub work_order: Option<WorkOrder>,
    /// The report's new state, when it changes.
    pub report: Option<Report>,
    /// The addressed follow-up's new state, when it changes.
    pub follow_up: Option<crate::service::follow_up::FollowUpRecord>,
    /// Records the command brings into being.
    pub create: Vec<NewRecord>,
    /// The machine replaced (换货), when the command replaces it.
    pub replacement: Option<Replacement>,
    /// What to write to the audit log and the outbox.
    pub events: Vec<Event>,
}

/// A record a command creates.
#[derive(Debug, Clone, PartialEq)]
pub enum NewRecord {
    /// A service request (intake), numbered by the caller.
    Request(Box<NewRequest>),
    /// A work order (dispatch, reassignment), numbered by the caller.
    WorkOrder(WorkOrder),
    /// The follow-up call due after a finished service.
    FollowUp(FollowUp),
    /// The engineer's first draft of a report.
    Report(Report),
}

/// A machine replaced with a new one of the same model (换货): the record
/// keeps its id, owner and model and takes the new serial; its 三包 period
/// restarts on `replaced_on` and ends on `warranty_end`.
#[derive(Debug, Clone, PartialEq)]
pub struct Replacement {
    pub machine_id: Uuid,
    /// The machine's version as loaded (the write is refused if it moved on).
    pub version: i32,
    pub old_serial: String,
    pub new_serial: String,
    pub replaced_on: chrono::NaiveDate,
    pub warranty_end: Option<chrono::NaiveDate>,
}

/// A follow-up call (客户回访) to make.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    pub request_id: Uuid,
    pub due_at: DateTime<Utc>,
}

/// One typed event of a command, recorded on `record`.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub action: AuditAction,
    pub record: RecordKind,
    pub record_id: Uuid,
    /// The command's inputs and effects worth keeping, as the timeline shows them.
    pub data: serde_json::Value,
}

impl FollowUp {
    /// The follow-up call of a request finished now: due after the SLA's
    /// follow-up days, moved on to the next working day of `calendar` when
    /// that falls on a holiday or weekend (nobody calls farmers on 国庆).
    pub fn after(
        request_id: Uuid,
        ctx: &super::Ctx<'_>,
        sla: &SlaSettings,
        calendar: &WorkCalendar,
    ) -> Self {
        let zone = sla.zone();
        let due = (ctx.now + Duration::days(sla.follow_up_days)).with_timezone(&zone);
        let working = calendar.working_day_on_or_after(due.date_naive());
        FollowUp {
            request_id,
            due_at: (due + (working - due.date_naive())).with_timezone(&Utc),
        }
    }
}

impl Event {
    /// An event on a service request: the timeline of a case is its request's.
    pub fn on_request(request_id: Uuid, action: AuditAction, data: serde_json::Value) -> Self {
        Event {
            action,
            record: RecordKind::ServiceRequest,
            record_id: request_id,
            data,
        }
    }
}

impl Decision {
    /// A decision that records `action` with `data` on the request
    /// `request_id` (a case's timeline is its request's); what it changes and
    /// creates is added with the `with_*` and `creating` methods.
    pub fn recording(request_id: Uuid, action: AuditAction, data: serde_json::Value) -> Self {
        Decision {
            events: vec![Event::on_request(request_id, action, data)],
            ..Decision::default()
        }
    }

    /// The request's new state (none: it does not change).
    pub fn with_request(self, request: impl Into<Option<Request>>) -> Self {
        Decision {
            request: request.into(),
            ..self
        }
    }

    /// The addressed work order's new state (none: it does not change).
    pub fn with_work_order(self, work_order: impl Into<Option<WorkOrder>>) -> Self {
        Decision {
            work_order: work_order.into(),
            ..self
        }
    }

    /// The report's new state (none: it does not change).
    pub fn with_report(self, report: impl Into<Option<Report>>) -> Self {
        Decision {
            report: report.into(),
            ..self
        }
    }

    /// Adds a record the command brings into being.
    pub fn creating(mut self, record: NewRecord) -> Self {
        self.create.push(record);
        self
    }

    /// The work order this decision creates, if any.
    pub fn created_work_order(&self) -> Option<&WorkOrder> {
        self.create.iter().find_map(|r| match r {
            NewRecord::WorkOrder(w) => Some(w),
            _ => None,
        })
    }

    /// The request this decision creates (intake), if any.
    pub fn created_request(&self) -> Option<&NewRequest> {
        self.create.iter().find_map(|r| match r {
            NewRecord::Request(r) => Some(&**r),
            _ => None,
        })
    }

    /// The report this decision creates, if any.
    pub fn created_report(&self) -> Option<&Report> {
        self.create.iter().find_map(|r| match r {
            NewRecord::Report(r) => Some(r),
            _ => None,
        })
    }
}
