//! What the supervisor decides after the customer refused to sign (客户拒签):
//! send the engineer back (rework, another visit), close the request without
//! a signature on a witness's word, or open a complaint (客户投诉). Each is
//! given on the refused report; the refusal reason stays on the report.

use super::decision::{Decision, FollowUp, NewRecord};
use super::preconditions::check;
use super::records::{Case, Report};
use super::reports::send_back;
use super::{Ctx, text};
use crate::audit::AuditAction;
use crate::error::DomainError;
use crate::service::calendar::WorkCalendar;
use crate::service::commands::Command;
use crate::service::sla::SlaSettings;
use crate::service::status::{ReportStatus, RequestStatus};
use crate::service::types::{CloseUnsignedRequest, ReasonRequest};
use serde_json::json;

/// Rework: the work order goes back to the engineer for another visit exactly
/// as a rejected report does (the clocks keep running); the rejection event
/// carries the customer's refusal reason.
pub fn rework(case: &Case, ctx: &Ctx<'_>, input: &ReasonRequest) -> Result<Decision, DomainError> {
    input.validate()?;
    check(Command::ReworkAfterRefusal, ctx.actor, &case.state())?;
    let refusal = case.report()?.refusal_reason.clone();
    send_back(
        case,
        ctx,
        text(Some(&input.reason)),
        json!({"after_refusal": refusal}),
    )
}

/// Closes without a signature: the request completes (the follow-up call is
/// scheduled as after a signature) and the report is closed unsigned; the
/// event names the witness and the supervisor's reason.
pub fn close_unsigned(
    case: &Case,
    ctx: &Ctx<'_>,
    input: &CloseUnsignedRequest,
    sla: &SlaSettings,
    calendar: &WorkCalendar,
) -> Result<Decision, DomainError> {
    input.validate()?;
    check(Command::CloseUnsigned, ctx.actor, &case.state())?;
    let data = json!({
        "witness": input.witness.trim(),
        "reason": input.reason.trim(),
        "refusal_reason": case.report()?.refusal_reason,
    });
    closed(case, ctx, AuditAction::ClosedUnsigned, data, sla, calendar)
}

/// Opens a complaint (客户投诉) with the customer's refusal reason and the
/// supervisor's note: the request completes unsigned and the
/// `complaint_opened` event on its timeline is the complaint record the
/// follow-up call routes.
pub fn open_complaint(
    case: &Case,
    ctx: &Ctx<'_>,
    input: &ReasonRequest,
    sla: &SlaSettings,
    calendar: &WorkCalendar,
) -> Result<Decision, DomainError> {
    input.validate()?;
    check(Command::OpenComplaint, ctx.actor, &case.state())?;
    let data = json!({
        "complaint": case.report()?.refusal_reason,
        "note": input.reason.trim(),
    });
    closed(case, ctx, AuditAction::ComplaintOpened, data, sla, calendar)
}

/// The request completed without a signature, recording `action` with `data`.
fn closed(
    case: &Case,
    ctx: &Ctx<'_>,
    action: AuditAction,
    data: serde_json::Value,
    sla: &SlaSettings,
    calendar: &WorkCalendar,
) -> Result<Decision, DomainError> {
    let report = Report {
        status: ReportStatus::ClosedUnsigned,
        ..case.report()?.clone()
    };
    let mut r = case.request.clone();
    r.status = RequestStatus::Completed;
    r.completed_at = Some(ctx.now);
    let follow_up = FollowUp::after(r.id, ctx, sla, calendar);
    Ok(Decision::recording(r.id, action, data)
        .with_request(r)
        .with_report(report)
        .creating(NewRecord::FollowUp(follow_up)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::RecordKind;
    use crate::service::decide::available::available_commands;
    use crate::service::decide::fixtures::*;
    use crate::service::status::WorkOrderStatus;

    fn refused() -> Case {
        let mut case = reported_case(ReportStatus::SignatureRefused);
        case.report.as_mut().unwrap().refusal_reason = Some("还有异响".into());
        case
    }

    fn reason(s: &str) -> ReasonRequest {
        ReasonRequest { reason: s.into() }
    }

    fn witnessed() -> CloseUnsignedRequest {
        CloseUnsignedRequest {
            witness: " 李四（村委会） ".into(),
            reason: " 机器已正常作业 ".into(),
        }
    }

    #[test]
    fn a_refused_report_offers_the_supervisor_the_three_outcomes_and_a_new_link() {
        use Command::*;
        let state = refused().state();
        assert_eq!(
            available_commands(&supervisor(), RecordKind::RepairReport, &state),
            vec![
                CreateSignLink,
                ReworkAfterRefusal,
                CloseUnsigned,
                OpenComplaint
            ]
        );
        assert!(available_commands(&agent(), RecordKind::RepairReport, &state).is_empty());
        // An approved report waiting for the customer has no outcome yet.
        let approved = reported_case(ReportStatus::Approved).state();
        assert_eq!(
            available_commands(&supervisor(), RecordKind::RepairReport, &approved),
            vec![CreateSignLink]
        );
    }

    #[test]
    fn rework_sends_the_engineer_back_with_the_refusal_on_the_timeline() {
        let sup = supervisor();
        let d = rework(&refused(), &ctx(&sup), &reason(" 返工：异响 ")).unwrap();
        let rep = d.report.as_ref().unwrap();
        assert_eq!(rep.status, ReportStatus::Rejected);
        assert_eq!(rep.review_comment.as_deref(), Some("返工：异响"));
        let w = d.work_order.as_ref().unwrap();
        assert_eq!(w.status, WorkOrderStatus::Assigned);
        assert_eq!((w.arrived_at, w.finished_at), (None, None));
        let r = d.request.as_ref().unwrap();
        assert_eq!(r.status, RequestStatus::Dispatched);
        assert_eq!(r.repaired_at, None);
        assert_eq!(d.events[0].action, AuditAction::ReportRejected);
        assert_eq!(d.events[0].data["after_refusal"], "还有异响");
        assert_eq!(d.events[0].data["comment"], "返工：异响");
        assert_eq!(
            rework(&refused(), &ctx(&sup), &reason(" "))
                .unwrap_err()
                .code(),
            "validation_failed"
        );
    }

    #[test]
    fn closing_unsigned_completes_the_request_with_the_witness_and_reason() {
        let sup = supervisor();
        let d = close_unsigned(&refused(), &ctx(&sup), &witnessed(), &sla(), &calendar()).unwrap();
        assert_eq!(
            d.report.as_ref().unwrap().status,
            ReportStatus::ClosedUnsigned
        );
        assert_eq!(d.report.as_ref().unwrap().signed_at, None);
        let r = d.request.as_ref().unwrap();
        assert_eq!(r.status, RequestStatus::Completed);
        assert_eq!(r.completed_at, Some(now()));
        assert!(matches!(&d.create[..], [NewRecord::FollowUp(_)]));
        let e = &d.events[0];
        assert_eq!(e.action, AuditAction::ClosedUnsigned);
        assert_eq!(e.data["witness"], "李四（村委会）");
        assert_eq!(e.data["reason"], "机器已正常作业");
        assert_eq!(e.data["refusal_reason"], "还有异响");
        let no_witness = CloseUnsignedRequest {
            witness: " ".into(),
            ..witnessed()
        };
        let err = close_unsigned(&refused(), &ctx(&sup), &no_witness, &sla(), &calendar());
        assert_eq!(err.unwrap_err().code(), "validation_failed");
    }

    #[test]
    fn a_complaint_records_the_customers_reason_and_completes_the_request() {
        let sup = supervisor();
        let d = open_complaint(
            &refused(),
            &ctx(&sup),
            &reason("客户要求换货"),
            &sla(),
            &calendar(),
        )
        .unwrap();
        assert_eq!(d.request.as_ref().unwrap().status, RequestStatus::Completed);
        assert_eq!(
            d.report.as_ref().unwrap().status,
            ReportStatus::ClosedUnsigned
        );
        let e = &d.events[0];
        assert_eq!(e.action, AuditAction::ComplaintOpened);
        assert_eq!(e.data["complaint"], "还有异响");
        assert_eq!(e.data["note"], "客户要求换货");
    }

    #[test]
    fn the_outcomes_need_a_refused_report_still_waiting_and_a_supervisor() {
        let sup = supervisor();
        for status in [ReportStatus::Approved, ReportStatus::ClosedUnsigned] {
            let case = reported_case(status);
            let state = status.as_str();
            let wrong =
                DomainError::invalid_state(RecordKind::RepairReport, state, Command::CloseUnsigned);
            assert_eq!(
                close_unsigned(&case, &ctx(&sup), &witnessed(), &sla(), &calendar()).unwrap_err(),
                wrong
            );
            assert_eq!(
                open_complaint(&case, &ctx(&sup), &reason("x"), &sla(), &calendar())
                    .unwrap_err()
                    .code(),
                "invalid_state"
            );
            assert_eq!(
                rework(&case, &ctx(&sup), &reason("x")).unwrap_err().code(),
                "invalid_state"
            );
        }
        // Closed: no new sign link either.
        let closed = reported_case(ReportStatus::ClosedUnsigned).state();
        assert!(available_commands(&sup, RecordKind::RepairReport, &closed).is_empty());
        assert!(!Command::CloseUnsigned.allowed(&engineer()));
    }
}
