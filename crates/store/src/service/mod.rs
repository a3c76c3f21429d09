//! The service workflow's persistence: every command checks scope, version and
//! state, applies the `domain` state machine, updates the rows, and writes its
//! audit event (on the request, so one query gives the whole timeline) in one
//! transaction.

pub mod common;
pub mod intake_refs;
pub mod notifications;
pub mod reports;
pub mod requests;
pub mod signoff;
pub mod work_orders;
