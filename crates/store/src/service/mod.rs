//! The service workflow's persistence: reads scoped to the actor, and every
//! command one `domain` decision run through [`crate::pipeline`] (scope,
//! version, decide, save, audit and outbox events on the request, so one query
//! gives the whole timeline, in one transaction).

pub mod choice;
pub mod common;
pub mod desk;
pub mod follow_ups;
pub mod home;
pub mod intake_refs;
pub mod lists;
pub mod notifications;
pub mod records;
pub mod refusal;
pub mod repeat_faults;
pub mod reports;
pub mod requests;
pub mod signoff;
pub mod status_pull;
pub mod work_orders;
