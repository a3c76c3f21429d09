//! Whether a command can be given to a case now, by its state and owner. The
//! decisions call [`check`] first and [`super::available_commands`] asks it for
//! every command, so a button shown is a command accepted.

use super::records::Case;
use crate::access::{RecordKind, Scope, scope};
use crate::auth::Actor;
use crate::error::DomainError;
use crate::service::commands::Command;
use crate::service::follow_up::{FollowUpSettings, FollowUpStatus, may_close_unreachable};
use crate::service::status::{ReportStatus, RequestStatus, WorkOrderStatus};
use uuid::Uuid;

/// What the preconditions read of a case: its states and the work order's
/// engineer. A view has these as well as a loaded case, so `actions` and the
/// decisions ask the same question of the same facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub request: RequestStatus,
    pub needs_onsite: bool,
    /// The first contact is recorded (recording it again changes nothing).
    pub contacted: bool,
    pub work_order: Option<WorkOrderState>,
    pub report: Option<ReportStatus>,
    /// The inspection (质量检验) that ended the visit, as the report records it.
    pub inspection_passed: Option<bool>,
    /// The customer may choose between the repair and a new machine now
    /// (`replacement::customer_choice`, which reads the clock and the
    /// machine's warranty: the view or the store computes it).
    pub customer_choice: bool,
    /// The customer acknowledged the work order's last visit on site.
    pub acknowledged: bool,
    /// The request's follow-up call, for the follow-up's commands.
    pub follow_up: Option<FollowUpState>,
}

/// What the follow-up's commands read of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpState {
    pub status: FollowUpStatus,
    pub failed_attempts: i32,
    /// The failed attempts after which it may be closed as unreachable
    /// (`FollowUpSettings::max_failed_attempts`).
    pub max_failed_attempts: i32,
}

/// A work order's state and owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkOrderState {
    pub status: WorkOrderStatus,
    pub engineer_id: Uuid,
}

impl Case {
    /// The facts the preconditions read.
    pub fn state(&self) -> State {
        State {
            request: self.request.status,
            needs_onsite: self.request.needs_onsite,
            contacted: self.request.first_contact_at.is_some(),
            work_order: self.work_order.as_ref().map(|w| WorkOrderState {
                status: w.status,
                engineer_id: w.engineer_id,
            }),
            report: self.report.as_ref().map(|r| r.status),
            inspection_passed: self.report.as_ref().and_then(|r| r.inspection_passed),
            // Needs the clock and the machine: the command sets it.
            customer_choice: false,
            acknowledged: self
                .work_order
                .as_ref()
                .is_some_and(|w| w.is_acknowledged()),
            // The follow-up's commands load it beside the case.
            follow_up: None,
        }
    }
}

/// Refuses `command` unless the case's state (and, for an engineer's command,
/// the work order's owner) allows it. Roles are the permission table's
/// business, not this one's.
pub fn check(command: Command, actor: &Actor, case: &State) -> Result<(), DomainError> {
    use Command::*;
    let request = |to: RequestStatus| {
        case.request.transition(to).map(|_| ()).map_err(|_| {
            DomainError::invalid_state(RecordKind::ServiceRequest, case.request.as_str(), command)
        })
    };
    let wo = || case.work_order.ok_or(DomainError::NotFound);
    let rep = || case.report.ok_or(DomainError::NotFound);
    let work_order = |to: WorkOrderStatus| -> Result<(), DomainError> {
        let w = wo()?;
        w.status.transition(to).map(|_| ()).map_err(|_| {
            DomainError::invalid_state(RecordKind::WorkOrder, w.status.as_str(), command)
        })
    };
    let report = |to: ReportStatus| -> Result<(), DomainError> {
        let r = rep()?;
        r.transition(to)
            .map(|_| ())
            .map_err(|_| DomainError::invalid_state(RecordKind::RepairReport, r.as_str(), command))
    };
    // A move the report's lifecycle allows from several states, given only from `from`.
    let report_from = |from: ReportStatus, to: ReportStatus| -> Result<(), DomainError> {
        let r = rep()?;
        if r != from {
            return Err(DomainError::invalid_state(
                RecordKind::RepairReport,
                r.as_str(),
                command,
            ));
        }
        report(to)
    };
    let own = || -> Result<(), DomainError> {
        if wo()?.engineer_id == actor.user_id {
            Ok(())
        } else {
            Err(DomainError::NotYourWorkOrder)
        }
    };
    let pending_follow_up = || -> Result<FollowUpState, DomainError> {
        let f = case.follow_up.ok_or(DomainError::NotFound)?;
        if f.status == FollowUpStatus::Pending {
            Ok(f)
        } else {
            Err(DomainError::invalid_state(
                RecordKind::FollowUp,
                f.status.as_str(),
                command,
            ))
        }
    };
    match command {
        // Intake has no record yet; its rules are the input's.
        Intake => Ok(()),
        RecordFollowUpAttempt => pending_follow_up().map(|_| ()),
        // Both end the follow-up and close the request (DESIGN §3).
        RecordFollowUpOutcome => {
            pending_follow_up()?;
            request(RequestStatus::Closed)
        }
        CloseFollowUpUnreachable => {
            let f = pending_follow_up()?;
            request(RequestStatus::Closed)?;
            let settings = FollowUpSettings {
                max_failed_attempts: f.max_failed_attempts,
            };
            if may_close_unreachable(f.failed_attempts, &settings) {
                Ok(())
            } else {
                Err(DomainError::TooFewAttempts {
                    failed: f.failed_attempts,
                    needed: f.max_failed_attempts,
                })
            }
        }
        RecordContact => {
            if case.request.is_open() {
                Ok(())
            } else {
                Err(DomainError::invalid_state(
                    RecordKind::ServiceRequest,
                    case.request.as_str(),
                    command,
                ))
            }
        }
        Dispatch => {
            request(RequestStatus::Dispatched)?;
            if case.needs_onsite {
                Ok(())
            } else {
                Err(DomainError::NoVisitNeeded)
            }
        }
        ResolveRemotely => request(RequestStatus::ResolvedRemotely),
        Cancel => request(RequestStatus::Cancelled),
        Reassign => work_order(WorkOrderStatus::Reassigned),
        Schedule => {
            own()?;
            work_order(WorkOrderStatus::Scheduled)
        }
        CheckIn => {
            own()?;
            work_order(WorkOrderStatus::OnSite)?;
            request(RequestStatus::InService)
        }
        Finish => {
            own()?;
            work_order(WorkOrderStatus::Finished)
        }
        // On site, after the work and before the review: once the report is
        // approved the customer confirms through the sign-off link instead.
        Acknowledge => {
            own()?;
            let w = wo()?;
            if w.status != WorkOrderStatus::Finished {
                return Err(DomainError::invalid_state(
                    RecordKind::WorkOrder,
                    w.status.as_str(),
                    command,
                ));
            }
            match case.report {
                None | Some(ReportStatus::Draft | ReportStatus::Submitted) => {}
                Some(r) => {
                    return Err(DomainError::invalid_state(
                        RecordKind::RepairReport,
                        r.as_str(),
                        command,
                    ));
                }
            }
            if case.acknowledged {
                return Err(DomainError::AlreadyAcknowledged);
            }
            Ok(())
        }
        SaveReport => {
            own()?;
            let w = wo()?;
            if !matches!(
                w.status,
                WorkOrderStatus::OnSite | WorkOrderStatus::Finished
            ) {
                return Err(DomainError::ReportBeforeVisit {
                    state: w.status.as_str(),
                });
            }
            match case.report {
                Some(r) if !r.is_editable() => Err(DomainError::invalid_state(
                    RecordKind::RepairReport,
                    r.as_str(),
                    command,
                )),
                _ => Ok(()),
            }
        }
        SubmitReport => {
            own()?;
            report(ReportStatus::Submitted)?;
            let w = wo()?;
            if w.status == WorkOrderStatus::Finished {
                Ok(())
            } else {
                Err(DomainError::VisitNotFinished {
                    state: w.status.as_str(),
                })
            }
        }
        ApproveReport => {
            report(ReportStatus::Approved)?;
            request(RequestStatus::PendingSignoff)?;
            if case.inspection_passed == Some(false) {
                return Err(DomainError::InspectionFailed);
            }
            Ok(())
        }
        RejectReport => {
            report_from(ReportStatus::Submitted, ReportStatus::Rejected)?;
            request(RequestStatus::Dispatched)?;
            work_order(WorkOrderStatus::Assigned)
        }
        CreateSignLink => sign_link_issuable(actor, case),
        ReworkAfterRefusal => {
            report_from(ReportStatus::SignatureRefused, ReportStatus::Rejected)?;
            request(RequestStatus::Dispatched)?;
            work_order(WorkOrderStatus::Assigned)
        }
        CloseUnsigned | OpenComplaint => {
            report(ReportStatus::ClosedUnsigned)?;
            request(RequestStatus::Completed)
        }
        RecordCustomerChoice => {
            if case.customer_choice {
                request(RequestStatus::Completed)
            } else {
                Err(DomainError::NoCustomerChoice)
            }
        }
        // The stock's, the stock-takes', purchasing's and the requisitions'
        // commands are given on their own records, never on a case.
        PostReceipt | PostAdjustment | PostTransfer | OpenStocktake | CountStocktake
        | ReconcileStocktake | CancelStocktake | RequestPurchase | ApprovePurchase
        | OrderPurchase | ReceivePurchase | CancelPurchase | NotePurchase | CreateRequisition
        | IssueParts | ReturnParts | ExchangeParts | CancelRequisition => Err(
            DomainError::invalid_state(RecordKind::ServiceRequest, case.request.as_str(), command),
        ),
        Sign | RefuseSignature => {
            if rep()? != ReportStatus::Approved {
                return Err(DomainError::NotAwaitingSignature);
            }
            if command == Sign {
                request(RequestStatus::Completed)
            } else {
                Ok(())
            }
        }
    }
}

/// Who may issue an approved report's sign-off link, and when (POLICY: the
/// review, then 反馈给客户 and 签字确认). The supervisor issues it once the
/// report is approved, or again after the customer refused (which approves
/// the report again). The engineer of the work order issues (or re-issues) it
/// for an approved report only, so the customer can scan it on the engineer's
/// phone back on the farm; what follows a refusal is the supervisor's call.
/// Another engineer's report is not even seen (the table's scope: 404).
pub fn sign_link_issuable(actor: &Actor, case: &State) -> Result<(), DomainError> {
    let report = case.report.ok_or(DomainError::NotFound)?;
    let engineer = scope(actor, RecordKind::RepairReport) == Scope::OwnWorkOrders;
    if engineer {
        let own = case.work_order.ok_or(DomainError::NotFound)?.engineer_id == actor.user_id;
        if !own {
            return Err(DomainError::NotYourWorkOrder);
        }
    }
    let waiting = case.request == RequestStatus::PendingSignoff;
    match report {
        ReportStatus::Approved if waiting => Ok(()),
        ReportStatus::SignatureRefused if waiting && !engineer => Ok(()),
        _ if engineer => Err(DomainError::ReportNotApproved {
            state: report.as_str(),
        }),
        other => Err(DomainError::invalid_state(
            RecordKind::RepairReport,
            other.as_str(),
            Command::CreateSignLink,
        )),
    }
}
