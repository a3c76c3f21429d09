//! The commands a caller may run on a record now: the permission table for
//! the record's kind, narrowed by the same preconditions the decisions check.

use super::preconditions::{State, check};
use crate::access::{RecordKind, may_give_on};
use crate::auth::Actor;
use crate::parts::requisition;
use crate::service::commands::Command;

/// The commands `actor` may give on a record of `record` whose case is in
/// `state`, in the order of [`Command::ALL`] (a view's `actions`).
pub fn available_commands(actor: &Actor, record: RecordKind, state: &State) -> Vec<Command> {
    Command::ALL
        .iter()
        .copied()
        .filter(|c| *c != Command::Intake)
        // Accepted again as a no-op, but nothing a user needs a button for.
        .filter(|c| !(*c == Command::RecordContact && state.contacted))
        .filter(|c| match c {
            // Given on the work order (`POST /work-orders/{id}/requisitions`)
            // but decided by the requisitions' rules, so the engineer's page
            // shows the parts request only when it would be accepted.
            Command::CreateRequisition => {
                record == RecordKind::WorkOrder
                    && state.work_order.is_some_and(|w| {
                        requisition::may_create(actor, w.engineer_id, w.status).is_ok()
                    })
            }
            c => may_give_on(actor, record, *c) && check(*c, actor, state).is_ok(),
        })
        .collect()
}

use super::preconditions::WorkOrderState;
use crate::service::status::{ReportStatus, RequestStatus, WorkOrderStatus};
use crate::service::types::ServiceRequestView;

impl ServiceRequestView {
    /// The facts of the request's own commands (they read no work order).
    pub fn state(&self) -> State {
        State {
            request: self.status,
            needs_onsite: self.needs_onsite,
            contacted: self.first_contact_at.is_some(),
            work_order: None,
            report: None,
            inspection_passed: None,
            customer_choice: self.customer_choice.is_some(),
            acknowledged: false,
            follow_up: None,
        }
    }
}

/// The facts of a work order's or a report's commands; `inspection_passed`
/// is the report's record of the inspection, `acknowledged` whether the
/// customer acknowledged the last visit ([`super::WorkOrder::is_acknowledged`]).
pub fn case_state(
    request: RequestStatus,
    needs_onsite: bool,
    work_order: WorkOrderStatus,
    engineer_id: uuid::Uuid,
    report: Option<ReportStatus>,
    inspection_passed: Option<bool>,
    acknowledged: bool,
) -> State {
    State {
        request,
        needs_onsite,
        // The desk's command; not given on work orders or reports.
        contacted: true,
        work_order: Some(WorkOrderState {
            status: work_order,
            engineer_id,
        }),
        report,
        inspection_passed,
        customer_choice: false,
        acknowledged,
        follow_up: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::decide::fixtures::*;

    #[test]
    fn a_new_request_offers_the_desk_its_commands_and_the_supervisor_dispatch() {
        let state = new_case().state();
        use Command::*;
        assert_eq!(
            available_commands(&agent(), RecordKind::ServiceRequest, &state),
            vec![RecordContact, ResolveRemotely, Cancel]
        );
        assert_eq!(
            available_commands(&supervisor(), RecordKind::ServiceRequest, &state),
            vec![RecordContact, Dispatch, ResolveRemotely, Cancel]
        );
        assert!(available_commands(&engineer(), RecordKind::ServiceRequest, &state).is_empty());
    }

    #[test]
    fn a_contacted_request_no_longer_offers_record_contact() {
        let mut state = new_case().state();
        state.contacted = true;
        let listed = available_commands(&agent(), RecordKind::ServiceRequest, &state);
        assert_eq!(listed, vec![Command::ResolveRemotely, Command::Cancel]);
    }

    #[test]
    fn a_work_order_offers_its_engineer_the_next_step_only() {
        use Command::*;
        let assigned = dispatched_case().state();
        assert_eq!(
            available_commands(&engineer(), RecordKind::WorkOrder, &assigned),
            vec![Schedule, CheckIn, CreateRequisition]
        );
        assert!(available_commands(&other_engineer(), RecordKind::WorkOrder, &assigned).is_empty());
        assert_eq!(
            available_commands(&supervisor(), RecordKind::WorkOrder, &assigned),
            vec![Reassign]
        );
        let on_site = on_site_case().state();
        assert_eq!(
            available_commands(&engineer(), RecordKind::WorkOrder, &on_site),
            vec![Finish, SaveReport, CreateRequisition]
        );
    }

    #[test]
    fn parts_are_requested_on_an_open_work_order_only() {
        let listed = |state: &State| {
            available_commands(&engineer(), RecordKind::WorkOrder, state)
                .contains(&Command::CreateRequisition)
        };
        assert!(listed(&dispatched_case().state()));
        assert!(!listed(&reported_case(ReportStatus::Draft).state()));
        let request = dispatched_case().state();
        assert!(
            !available_commands(&engineer(), RecordKind::ServiceRequest, &request)
                .contains(&Command::CreateRequisition)
        );
    }

    #[test]
    fn a_report_offers_review_to_the_supervisor_once_submitted() {
        use Command::*;
        let submitted = reported_case(ReportStatus::Submitted).state();
        assert_eq!(
            available_commands(&supervisor(), RecordKind::RepairReport, &submitted),
            vec![ApproveReport, RejectReport]
        );
        assert!(available_commands(&engineer(), RecordKind::RepairReport, &submitted).is_empty());
        let draft = reported_case(ReportStatus::Draft).state();
        assert_eq!(
            available_commands(&engineer(), RecordKind::RepairReport, &draft),
            vec![SaveReport, SubmitReport]
        );
    }

    #[test]
    fn every_listed_action_is_accepted_by_its_decision() {
        // The buttons and the decisions read the same preconditions: a
        // listed command never meets a refusal by state.
        let case = new_case();
        let sup = supervisor();
        for c in available_commands(&sup, RecordKind::ServiceRequest, &case.state()) {
            let ctx = ctx(&sup);
            let decided = match c {
                Command::RecordContact => {
                    super::super::requests::record_contact(&case, &ctx, &Default::default())
                }
                Command::Dispatch => super::super::requests::dispatch(
                    &case,
                    &ctx,
                    &dispatch_input(None),
                    &assignment(),
                ),
                Command::Cancel => super::super::requests::cancel(
                    &case,
                    &ctx,
                    &crate::service::types::ReasonRequest { reason: "x".into() },
                ),
                Command::ResolveRemotely => super::super::requests::resolve_remotely(
                    &case,
                    &ctx,
                    &crate::service::types::ResolveRemotelyRequest {
                        resolution: "x".into(),
                    },
                    &sla(),
                    &calendar(),
                ),
                other => panic!("unexpected {other}"),
            };
            assert!(decided.is_ok(), "{c}: {decided:?}");
        }
    }
}
