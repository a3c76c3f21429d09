//! The customer's answer through a sign-off link: a signature completes the
//! request and schedules the follow-up call; a refusal goes back to the supervisor.

use super::decision::{Decision, FollowUp, NewRecord};
use super::preconditions::check;
use super::records::{Case, Report};
use super::{Ctx, text};
use crate::audit::AuditAction;
use crate::error::DomainError;
use crate::service::calendar::WorkCalendar;
use crate::service::commands::Command;
use crate::service::sla::SlaSettings;
use crate::service::status::{ReportStatus, RequestStatus};
use crate::service::types::{ReasonRequest, RefuseSignatureRequest, SignRequest};
use serde_json::json;

/// The customer signs: the report is signed, the request completed, the
/// follow-up call due after the settings' days. The image is the store's.
pub fn sign(
    case: &Case,
    ctx: &Ctx<'_>,
    input: &SignRequest,
    sla: &SlaSettings,
    calendar: &WorkCalendar,
) -> Result<Decision, DomainError> {
    input.validate()?;
    check(Command::Sign, ctx.actor, &case.state())?;
    let signer = input.signer_name.trim().to_owned();
    let report = Report {
        status: ReportStatus::Signed,
        signer_name: Some(signer.clone()),
        signed_at: Some(ctx.now),
        ..case.report()?.clone()
    };
    let mut r = case.request.clone();
    r.status = RequestStatus::Completed;
    r.completed_at = Some(ctx.now);
    let follow_up = FollowUp::after(r.id, ctx, sla, calendar);
    let data = json!({"signer_name": signer, "follow_up_due": follow_up.due_at});
    Ok(Decision::recording(r.id, AuditAction::Signed, data)
        .with_request(r)
        .with_report(report)
        .creating(NewRecord::FollowUp(follow_up)))
}

/// The customer refuses to sign, with a reason.
pub fn refuse(
    case: &Case,
    ctx: &Ctx<'_>,
    input: &RefuseSignatureRequest,
) -> Result<Decision, DomainError> {
    ReasonRequest {
        reason: input.reason.clone(),
    }
    .validate()?;
    check(Command::RefuseSignature, ctx.actor, &case.state())?;
    let reason = text(Some(&input.reason));
    let report = Report {
        status: ReportStatus::SignatureRefused,
        refusal_reason: reason.clone(),
        signer_name: text(input.signer_name.as_deref()),
        ..case.report()?.clone()
    };
    let data = json!({"reason": reason});
    Ok(
        Decision::recording(report.request_id, AuditAction::SignatureRefused, data)
            .with_report(report),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::decide::fixtures::*;
    use chrono::{Duration, TimeZone, Utc};

    fn signature() -> SignRequest {
        SignRequest {
            signer_name: " 张三 ".into(),
            signature_png: "iVBORw0KGgo=".into(),
        }
    }

    #[test]
    fn signing_completes_the_request_and_schedules_the_follow_up() {
        let case = reported_case(ReportStatus::Approved);
        let customer = agent();
        let d = sign(&case, &ctx(&customer), &signature(), &sla(), &calendar()).unwrap();
        let rep = d.report.unwrap();
        assert_eq!(rep.status, ReportStatus::Signed);
        assert_eq!(rep.signer_name.as_deref(), Some("张三"));
        let r = d.request.unwrap();
        assert_eq!(r.status, RequestStatus::Completed);
        assert_eq!(r.completed_at, Some(now()));
        assert_eq!(
            d.create,
            vec![NewRecord::FollowUp(FollowUp {
                request_id: r.id,
                due_at: now() + Duration::days(sla().follow_up_days)
            })]
        );
    }

    #[test]
    fn a_follow_up_falling_in_a_holiday_is_due_on_the_next_working_day() {
        let case = reported_case(ReportStatus::Approved);
        let customer = agent();
        // Signed Thu 2026-09-24 15:00 Beijing: 7 days later is Oct 1 (国庆),
        // so the call is due on Thu Oct 8 at the same hour.
        let at = Utc.with_ymd_and_hms(2026, 9, 24, 7, 0, 0).unwrap();
        let c = Ctx {
            actor: &customer,
            now: at,
        };
        let d = sign(&case, &c, &signature(), &sla(), &calendar()).unwrap();
        let due = Utc.with_ymd_and_hms(2026, 10, 8, 7, 0, 0).unwrap();
        assert!(
            matches!(&d.create[..], [NewRecord::FollowUp(f)] if f.due_at == due),
            "{:?}",
            d.create
        );
        // With no calendar year defined, only the weekend would move it.
        let plain = WorkCalendar { years: vec![] };
        let d = sign(&case, &c, &signature(), &sla(), &plain).unwrap();
        let due = Utc.with_ymd_and_hms(2026, 10, 1, 7, 0, 0).unwrap();
        assert!(matches!(&d.create[..], [NewRecord::FollowUp(f)] if f.due_at == due));
    }

    #[test]
    fn only_an_approved_report_is_signed_or_refused() {
        let case = reported_case(ReportStatus::Signed);
        let a = agent();
        assert_eq!(
            sign(&case, &ctx(&a), &signature(), &sla(), &calendar()).unwrap_err(),
            DomainError::NotAwaitingSignature
        );
        let refusal = RefuseSignatureRequest {
            signer_name: None,
            reason: "还有异响".into(),
        };
        assert_eq!(
            refuse(&case, &ctx(&a), &refusal).unwrap_err(),
            DomainError::NotAwaitingSignature
        );
        let d = refuse(&reported_case(ReportStatus::Approved), &ctx(&a), &refusal).unwrap();
        let rep = d.report.unwrap();
        assert_eq!(rep.status, ReportStatus::SignatureRefused);
        assert_eq!(rep.refusal_reason.as_deref(), Some("还有异响"));
        assert_eq!(d.request, None);
    }
}
