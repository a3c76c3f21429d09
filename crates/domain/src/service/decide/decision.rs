//! What a decision says: the records' new states, the records to create and
//! the events to record. The store saves exactly this, in one transaction.

use super::intake::NewRequest;
use super::records::{Report, Request, WorkOrder};
use crate::access::RecordKind;
use crate::audit::AuditAction;
use chrono::{DateTime, Utc};
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
    /// Records the command brings into being.
    pub create: Vec<NewRecord>,
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
