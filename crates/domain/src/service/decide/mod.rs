//! The workflow's commands as decisions: each takes the records it acts on
//! (plain structs, no entities), the actor, the command's input, the clock and
//! the settings it needs, and returns what changes, what is created and which
//! events are recorded, or why it is refused. No database, no async: the
//! store's pipeline loads, calls one of these, and saves what it says.

pub mod available;
pub mod choice;
pub mod decision;
pub mod follow_ups;
pub mod intake;
pub mod preconditions;
pub mod records;
pub mod refusal;
pub mod reports;
pub mod requests;
pub mod signoff;
pub mod visits;

pub use available::available_commands;
pub use decision::{Decision, Event, FollowUp, NewRecord, Replacement};
pub use records::{Case, Machine, Report, Request, WorkOrder};

use crate::auth::Actor;
use chrono::{DateTime, Utc};

/// Who gives the command, and when.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub actor: &'a Actor,
    pub now: DateTime<Utc>,
}

/// Trims a free text; blank is none.
pub(crate) fn text(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
pub(crate) mod fixtures;
