//! The work queues of the home page (工作台): what each one holds and who
//! has it. The engineer's order of work is `service::urgency`.
//!
//! A queue is a filter of one list. The store counts a queue with the same
//! filter its list applies (`RequestCriteria` for requests, a report status,
//! "open" for work orders), so the number on a home card and the rows behind
//! its link cannot disagree.

use crate::access::{self, RecordKind, Scope};
use crate::auth::Actor;
use crate::service::commands::Command;
use crate::service::status::{ReportStatus, RequestStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

wire_enum!(
    /// A queue of work shown as a card on the home page.
    Queue {
        /// Open requests (the desk's open calls; a dealer's own requests).
        OpenRequests => "open_requests",
        /// Open requests nobody has contacted yet (待首次联系).
        AwaitingContact => "awaiting_contact",
        /// Open requests whose running clock is past due (已超时).
        Overdue => "overdue",
        /// Requests waiting for dispatch or a remote resolution (待派工).
        Unassigned => "unassigned",
        /// Repair reports submitted for review (待审核).
        ReportsToReview => "reports_to_review",
        /// Repair reports the customer refused to sign (客户拒签).
        SignatureRefused => "signature_refused",
        /// The engineer's open work orders (我的任务).
        MyWorkOrders => "my_work_orders",
    }
);

/// Which requests a request queue holds, in the terms of the request list's
/// filters (`GET /service-requests`). Absent fields do not filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestCriteria {
    pub open: Option<bool>,
    pub status: Option<RequestStatus>,
    /// With `true`: open requests whose next running clock is due before now.
    pub overdue: Option<bool>,
    /// With `false`: requests without a first contact yet.
    pub contacted: Option<bool>,
}

/// The filter of a queue, on the list it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueFilter {
    Requests(RequestCriteria),
    Reports(ReportStatus),
    /// Open work orders, in the actor's scope (an engineer's own).
    OpenWorkOrders,
}

impl Queue {
    /// What the queue holds.
    pub fn filter(self) -> QueueFilter {
        let open = Some(true);
        match self {
            Queue::OpenRequests => QueueFilter::Requests(RequestCriteria {
                open,
                ..Default::default()
            }),
            Queue::AwaitingContact => QueueFilter::Requests(RequestCriteria {
                open,
                contacted: Some(false),
                ..Default::default()
            }),
            Queue::Overdue => QueueFilter::Requests(RequestCriteria {
                overdue: Some(true),
                ..Default::default()
            }),
            // A new request has neither a work order nor a remote resolution.
            Queue::Unassigned => QueueFilter::Requests(RequestCriteria {
                status: Some(RequestStatus::New),
                ..Default::default()
            }),
            Queue::ReportsToReview => QueueFilter::Reports(ReportStatus::Submitted),
            Queue::SignatureRefused => QueueFilter::Reports(ReportStatus::SignatureRefused),
            Queue::MyWorkOrders => QueueFilter::OpenWorkOrders,
        }
    }

    /// The kind of record the queue counts.
    pub fn record(self) -> RecordKind {
        match self.filter() {
            QueueFilter::Requests(_) => RecordKind::ServiceRequest,
            QueueFilter::Reports(_) => RecordKind::RepairReport,
            QueueFilter::OpenWorkOrders => RecordKind::WorkOrder,
        }
    }

    /// The API list the queue is a filter of, with that filter as its query
    /// (`/service-requests?open=true&contacted=false`), under `/api/v1`.
    pub fn list_path(self) -> String {
        match self.filter() {
            QueueFilter::Requests(c) => {
                let mut q = Vec::new();
                if let Some(o) = c.open {
                    q.push(format!("open={o}"));
                }
                if let Some(s) = c.status {
                    q.push(format!("status={}", s.as_str()));
                }
                if let Some(o) = c.overdue {
                    q.push(format!("overdue={o}"));
                }
                if let Some(c) = c.contacted {
                    q.push(format!("contacted={c}"));
                }
                format!("/service-requests?{}", q.join("&"))
            }
            QueueFilter::Reports(s) => format!("/repair-reports?status={}", s.as_str()),
            QueueFilter::OpenWorkOrders => "/work-orders?open=true".into(),
        }
    }
}

/// The queues on the actor's home page, most pressing first: each follows
/// from what the permission table lets the actor do, so a queue appears only
/// for those who can act on it or follow it.
pub fn queues_for(actor: &Actor) -> Vec<Queue> {
    let mut out = Vec::new();
    let gives = |c| access::may_give(actor, c);
    if gives(Command::Dispatch) {
        out.extend([Queue::Overdue, Queue::Unassigned]);
    }
    if gives(Command::RecordContact) {
        out.push(Queue::AwaitingContact);
    }
    if access::may_give_on(actor, RecordKind::RepairReport, Command::ApproveReport) {
        out.push(Queue::ReportsToReview);
    }
    // Refusals wait for the supervisor's outcome (rework, close, complaint).
    if access::may_give_on(actor, RecordKind::RepairReport, Command::ReworkAfterRefusal) {
        out.push(Queue::SignatureRefused);
    }
    if access::scope(actor, RecordKind::WorkOrder) == Scope::OwnWorkOrders
        || access::may_give_on(actor, RecordKind::WorkOrder, Command::CheckIn)
    {
        out.push(Queue::MyWorkOrders);
    }
    // An engineer follows requests through their work orders.
    let requests = access::scope(actor, RecordKind::ServiceRequest);
    if matches!(requests, Scope::All | Scope::OwnDealer) {
        out.push(Queue::OpenRequests);
    }
    out
}

/// One card of `GET /me/home`: a queue, how many records it holds now in the
/// caller's scope, and the list it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HomeCard {
    pub queue: Queue,
    /// The kind of record counted.
    pub record: RecordKind,
    pub count: u64,
    /// The API list whose filter the count is (`/service-requests?overdue=true`),
    /// under `/api/v1`: it returns exactly the records counted.
    pub list: String,
}

/// `GET /me/home`: the caller's queues with live counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HomeView {
    pub cards: Vec<HomeCard>,
    /// When the counts were taken.
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::Role;
    use uuid::Uuid;

    fn actor(roles: &[Role], dealer: Option<Uuid>) -> Actor {
        Actor {
            user_id: Uuid::from_u128(9),
            username: "x".into(),
            roles: roles.to_vec(),
            dealer_id: dealer,
        }
    }

    #[test]
    fn each_role_lands_on_its_own_queues() {
        use Queue::*;
        let d = Some(Uuid::from_u128(1));
        let cases: &[(&[Role], Option<Uuid>, &[Queue])] = &[
            (&[Role::Agent], None, &[AwaitingContact, OpenRequests]),
            (
                &[Role::Supervisor],
                None,
                &[
                    Overdue,
                    Unassigned,
                    AwaitingContact,
                    ReportsToReview,
                    SignatureRefused,
                    OpenRequests,
                ],
            ),
            (&[Role::Engineer], None, &[MyWorkOrders]),
            (&[Role::Dealer], d, &[OpenRequests]),
            (&[Role::Manager], None, &[OpenRequests]),
            (&[Role::Finance], None, &[]),
        ];
        for (roles, dealer, want) in cases {
            assert_eq!(
                queues_for(&actor(roles, *dealer)),
                want.to_vec(),
                "{roles:?}"
            );
        }
    }

    #[test]
    fn queue_filters_name_the_list_they_count() {
        assert_eq!(
            Queue::AwaitingContact.list_path(),
            "/service-requests?open=true&contacted=false"
        );
        assert_eq!(Queue::Overdue.list_path(), "/service-requests?overdue=true");
        assert_eq!(
            Queue::Unassigned.list_path(),
            "/service-requests?status=new"
        );
        assert_eq!(
            Queue::SignatureRefused.list_path(),
            "/repair-reports?status=signature_refused"
        );
        assert_eq!(Queue::MyWorkOrders.record(), RecordKind::WorkOrder);
    }
}
