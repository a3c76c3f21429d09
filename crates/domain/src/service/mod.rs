//! The service workflow (售后服务流程): requests, work orders, repair reports,
//! their state machines, SLA clocks, dispatch ranking and urgency.

pub mod absence;
pub mod calendar;
pub mod calendar_import;
pub mod commands;
pub mod coverage;
pub mod decide;
pub mod dispatch;
pub mod fault;
mod filters;
pub mod follow_up;
pub mod notifications;
pub mod parts_wait;
pub mod public_status;
pub mod queues;
pub mod repeat_fault;
pub mod replacement;
pub mod resubmission;
pub mod rules;
pub mod sanbao;
pub mod site;
pub mod sla;
pub mod status;
pub mod summary;
pub mod types;
pub mod urgency;
pub mod working_hours;

pub use coverage::{Coverage, propose_coverage};
pub use filters::{ReportFilters, RequestFilters, WorkOrderFilters};
pub use follow_up::{FollowUpFilters, FollowUpView};
pub use status::{ReportStatus, RequestStatus, TransitionError, WorkOrderStatus};
pub use summary::{ServiceRequestSummary, WorkOrderSummary};
pub use types::*;
