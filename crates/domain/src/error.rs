//! Why a command is refused, named for the business situation. Each variant
//! has a stable wire `code` the SPA and integrations match on; the API turns
//! it into problem+json in one place and lists the codes in its OpenAPI
//! document. No HTTP and no database here.

use crate::access::RecordKind;
use crate::service::commands::Command;
use crate::validation::ValidationErrors;

/// A refused command.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DomainError {
    /// The record does not exist, or the actor may not see it (no existence leak).
    #[error("no such record, or you may not see it")]
    NotFound,
    /// The actor's roles do not allow the command.
    #[error("your roles do not allow this ({0})")]
    Forbidden(Command),
    /// The client's `If-Match` version is not the current one.
    #[error("the record was changed by someone else (current version {current})")]
    VersionMismatch { current: i32 },
    /// The record's state does not allow the command.
    #[error("the {record} is {state}: {command} is not possible now")]
    InvalidState {
        record: RecordKind,
        state: &'static str,
        command: Command,
    },
    /// The command's input breaks a field rule.
    #[error(transparent)]
    Validation(#[from] ValidationErrors),
    /// Dispatching a request that was recorded as needing no visit.
    #[error("this request needs no visit; resolve it remotely or change it first")]
    NoVisitNeeded,
    /// Reassigning a work order to the engineer who already has it.
    #[error("the work order is already assigned to this engineer")]
    SameEngineer,
    /// An engineer's command on a work order assigned to someone else.
    #[error("this work order is assigned to another engineer")]
    NotYourWorkOrder,
    /// Writing the report before the engineer is on site.
    #[error("the work order is {state}: the report is written on site or after")]
    ReportBeforeVisit { state: &'static str },
    /// Submitting the report before the visit was finished with its inspection.
    #[error("the work order is {state}: finish the visit (with the inspection) before submitting")]
    VisitNotFinished { state: &'static str },
    /// Approving a report whose visit ended with a failed inspection (质量检验
    /// 不合格): the supervisor sends it back for another visit instead.
    #[error("the inspection after the repair failed: reject the report to send the engineer back")]
    InspectionFailed,
    /// The customer already acknowledged this visit on site.
    #[error("the customer already acknowledged this visit")]
    AlreadyAcknowledged,
    /// A sign-off link that was already used.
    #[error("this sign-off link was already used")]
    LinkUsed,
    /// A sign-off link past its 7 days.
    #[error("this sign-off link has expired")]
    LinkExpired,
    /// A sign-off link whose report no longer waits for a signature.
    #[error("this report is no longer waiting for a signature")]
    NotAwaitingSignature,
    /// A unique value is taken (the database's constraint name stays in the log).
    #[error("a record with this value already exists")]
    Duplicate,
    /// Recording the customer's choice (continue or replace) on a request
    /// that does not offer it: not an in-warranty repair past its 三包
    /// repair deadline, still unrepaired.
    #[error("the customer has no choice here: the repair is not past its 三包 deadline unrepaired")]
    NoCustomerChoice,
    /// The engineer asks for the sign-off link of a report the supervisor has
    /// not approved (or whose refusal waits for the supervisor's decision).
    #[error(
        "the report is {state}: its sign-off link is issued once the supervisor has approved it"
    )]
    ReportNotApproved { state: &'static str },
    /// Closing a follow-up as unreachable before the configured number of
    /// failed attempts (`settings/follow-up`).
    #[error("{failed} failed attempts so far: a follow-up is closed as unreachable after {needed}")]
    TooFewAttempts { failed: i32, needed: i32 },
    /// A movement would take a part's stock in a warehouse below zero; nothing
    /// is written.
    #[error("not enough {part} in {warehouse}: {on_hand} on hand, {requested} asked to take out")]
    InsufficientStock {
        part: String,
        warehouse: String,
        on_hand: rust_decimal::Decimal,
        requested: rust_decimal::Decimal,
    },
    /// Reconciling a stock-take some of whose lines are not counted yet.
    #[error(
        "{uncounted} lines of the stock-take are not counted yet: count them (0 if none is found) or cancel the stock-take"
    )]
    UncountedLines { uncounted: u32 },
    /// Opening a stock-take of a warehouse that is already being counted.
    #[error("the warehouse is being counted in stock-take {number}: reconcile or cancel it first")]
    StocktakeInProgress { number: String },
    /// Receiving more of a part than is still outstanding on its purchase
    /// request; nothing is written.
    #[error(
        "only {outstanding} of part {part_id} is outstanding on this purchase request, {received} received"
    )]
    OverReceipt {
        part_id: uuid::Uuid,
        outstanding: rust_decimal::Decimal,
        received: rust_decimal::Decimal,
    },
}

wire_enum!(
    /// The `code` of a problem answering a refused command: one per
    /// [`DomainError`] variant, stable, for the SPA's message table and
    /// integrations to match on.
    ProblemCode {
        NotFound => "not_found",
        Forbidden => "forbidden",
        StaleVersion => "stale_version",
        InvalidState => "invalid_state",
        ValidationFailed => "validation_failed",
        NoVisitNeeded => "no_visit_needed",
        SameEngineer => "same_engineer",
        NotYourWorkOrder => "not_your_work_order",
        ReportBeforeVisit => "report_before_visit",
        VisitNotFinished => "visit_not_finished",
        InspectionFailed => "inspection_failed",
        AlreadyAcknowledged => "already_acknowledged",
        LinkUsed => "link_used",
        LinkExpired => "link_expired",
        NotAwaitingSignature => "not_awaiting_signature",
        Duplicate => "duplicate",
        NoCustomerChoice => "no_customer_choice",
        ReportNotApproved => "report_not_approved",
        TooFewAttempts => "too_few_attempts",
        InsufficientStock => "insufficient_stock",
        UncountedLines => "uncounted_lines",
        StocktakeInProgress => "stocktake_in_progress",
        OverReceipt => "over_receipt",
    }
);

/// How the API answers a refusal, without naming HTTP in the domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NotFound,
    Forbidden,
    Stale,
    Conflict,
    Invalid,
    Gone,
}

impl DomainError {
    /// The stable wire code.
    pub fn code(&self) -> &'static str {
        self.problem_code().as_str()
    }

    /// The code as its enum (the OpenAPI document lists them).
    pub fn problem_code(&self) -> ProblemCode {
        use DomainError::*;
        match self {
            NotFound => ProblemCode::NotFound,
            Forbidden(_) => ProblemCode::Forbidden,
            VersionMismatch { .. } => ProblemCode::StaleVersion,
            InvalidState { .. } => ProblemCode::InvalidState,
            Validation(_) => ProblemCode::ValidationFailed,
            NoVisitNeeded => ProblemCode::NoVisitNeeded,
            SameEngineer => ProblemCode::SameEngineer,
            NotYourWorkOrder => ProblemCode::NotYourWorkOrder,
            ReportBeforeVisit { .. } => ProblemCode::ReportBeforeVisit,
            VisitNotFinished { .. } => ProblemCode::VisitNotFinished,
            InspectionFailed => ProblemCode::InspectionFailed,
            AlreadyAcknowledged => ProblemCode::AlreadyAcknowledged,
            LinkUsed => ProblemCode::LinkUsed,
            LinkExpired => ProblemCode::LinkExpired,
            NotAwaitingSignature => ProblemCode::NotAwaitingSignature,
            Duplicate => ProblemCode::Duplicate,
            NoCustomerChoice => ProblemCode::NoCustomerChoice,
            ReportNotApproved { .. } => ProblemCode::ReportNotApproved,
            TooFewAttempts { .. } => ProblemCode::TooFewAttempts,
            InsufficientStock { .. } => ProblemCode::InsufficientStock,
            UncountedLines { .. } => ProblemCode::UncountedLines,
            StocktakeInProgress { .. } => ProblemCode::StocktakeInProgress,
            OverReceipt { .. } => ProblemCode::OverReceipt,
        }
    }

    /// The kind of refusal, which the API maps to a status.
    pub fn refusal(&self) -> Refusal {
        use DomainError::*;
        match self {
            NotFound => Refusal::NotFound,
            Forbidden(_) | NotYourWorkOrder => Refusal::Forbidden,
            VersionMismatch { .. } => Refusal::Stale,
            Validation(_) => Refusal::Invalid,
            LinkUsed | LinkExpired | NotAwaitingSignature => Refusal::Gone,
            InvalidState { .. }
            | NoVisitNeeded
            | SameEngineer
            | ReportBeforeVisit { .. }
            | VisitNotFinished { .. }
            | InspectionFailed
            | Duplicate
            | NoCustomerChoice
            | ReportNotApproved { .. }
            | TooFewAttempts { .. }
            | InsufficientStock { .. }
            | UncountedLines { .. }
            | StocktakeInProgress { .. }
            | OverReceipt { .. }
            | AlreadyAcknowledged => Refusal::Conflict,
        }
    }

    /// The refusal of `command` on a `record` in `state`.
    pub fn invalid_state(record: RecordKind, state: &'static str, command: Command) -> Self {
        DomainError::InvalidState {
            record,
            state,
            command,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once_and_names_the_state_it_refuses() {
        let samples = [
            DomainError::NotFound,
            DomainError::Forbidden(Command::Dispatch),
            DomainError::VersionMismatch { current: 3 },
            DomainError::invalid_state(RecordKind::ServiceRequest, "cancelled", Command::Cancel),
            DomainError::Validation(ValidationErrors(vec![])),
            DomainError::NoVisitNeeded,
            DomainError::SameEngineer,
            DomainError::NotYourWorkOrder,
            DomainError::ReportBeforeVisit { state: "assigned" },
            DomainError::VisitNotFinished { state: "on_site" },
            DomainError::InspectionFailed,
            DomainError::AlreadyAcknowledged,
            DomainError::LinkUsed,
            DomainError::LinkExpired,
            DomainError::NotAwaitingSignature,
            DomainError::Duplicate,
            DomainError::NoCustomerChoice,
            DomainError::ReportNotApproved { state: "submitted" },
            DomainError::TooFewAttempts {
                failed: 1,
                needed: 3,
            },
            DomainError::InsufficientStock {
                part: "LQ-1".into(),
                warehouse: "WH-1".into(),
                on_hand: rust_decimal::Decimal::new(1500, 3),
                requested: rust_decimal::Decimal::TWO,
            },
            DomainError::UncountedLines { uncounted: 2 },
            DomainError::StocktakeInProgress {
                number: "ST-2026-000001".into(),
            },
            DomainError::OverReceipt {
                part_id: uuid::Uuid::nil(),
                outstanding: rust_decimal::Decimal::ONE,
                received: rust_decimal::Decimal::TWO,
            },
        ];
        let codes: Vec<_> = samples.iter().map(DomainError::problem_code).collect();
        assert_eq!(codes, ProblemCode::ALL);
        assert_eq!(
            samples[3].to_string(),
            "the service_request is cancelled: cancel is not possible now"
        );
        assert_eq!(samples[1].refusal(), Refusal::Forbidden);
        assert_eq!(samples[10].refusal(), Refusal::Conflict);
        assert_eq!(samples[11].refusal(), Refusal::Conflict);
        assert_eq!(samples[12].refusal(), Refusal::Gone);
        assert_eq!(
            samples[19].to_string(),
            "not enough LQ-1 in WH-1: 1.500 on hand, 2 asked to take out"
        );
        assert_eq!(samples[19].refusal(), Refusal::Conflict);
    }
}
