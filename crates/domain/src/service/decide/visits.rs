//! The engineer's visit (schedule, check in, finish) and the supervisor's
//! reassignment of a work order.

use super::decision::{Decision, NewRecord};
use super::preconditions::check;
use super::records::{Case, WorkOrder};
use super::requests::{Assignment, new_work_order};
use super::{Ctx, text};
use crate::audit::AuditAction;
use crate::error::DomainError;
use crate::service::commands::Command;
use crate::service::status::{RequestStatus, WorkOrderStatus};
use crate::service::types::{
    AcknowledgeRequest, Acknowledgement, FinishRequest, ReassignRequest, ScheduleRequest,
};
use serde_json::json;

/// Confirms the appointment agreed with the customer (also the first contact).
pub fn schedule(
    case: &Case,
    ctx: &Ctx<'_>,
    input: &ScheduleRequest,
) -> Result<Decision, DomainError> {
    input.validate(ctx.now)?;
    check(Command::Schedule, ctx.actor, &case.state())?;
    let w = WorkOrder {
        status: WorkOrderStatus::Scheduled,
        appointment_at: Some(input.appointment_at),
        ..case.work_order()?.clone()
    };
    let request = case.request.first_contact_at.is_none().then(|| {
        let mut r = case.request.clone();
        r.first_contact_at = Some(ctx.now);
        r
    });
    let data =
        json!({"work_order": w.number, "appointment_at": input.appointment_at, "note": input.note});
    Ok(
        Decision::recording(w.request_id, AuditAction::Scheduled, data)
            .with_request(request)
            .with_work_order(w),
    )
}

/// The engineer arrives on site: the arrival clock stops and the request is in service.
pub fn check_in(case: &Case, ctx: &Ctx<'_>) -> Result<Decision, DomainError> {
    check(Command::CheckIn, ctx.actor, &case.state())?;
    let w = WorkOrder {
        status: WorkOrderStatus::OnSite,
        arrived_at: Some(ctx.now),
        ..case.work_order()?.clone()
    };
    let mut r = case.request.clone();
    r.status = RequestStatus::InService;
    // The arrival clock stopped at the first visit; a visit after a rejected
    // report does not move it.
    r.arrived_at.get_or_insert(ctx.now);
    r.first_contact_at.get_or_insert(ctx.now);
    let late = w.arrival_due.is_some_and(|d| ctx.now > d);
    let data = json!({"work_order": w.number, "arrived_at": ctx.now, "arrival_due": w.arrival_due, "late": late});
    Ok(Decision::recording(r.id, AuditAction::CheckedIn, data)
        .with_request(r)
        .with_work_order(w))
}

/// The visit ends with the inspection (质量检验); the repair clock stops.
pub fn finish(case: &Case, ctx: &Ctx<'_>, input: &FinishRequest) -> Result<Decision, DomainError> {
    check(Command::Finish, ctx.actor, &case.state())?;
    let w = WorkOrder {
        status: WorkOrderStatus::Finished,
        finished_at: Some(ctx.now),
        inspection_passed: Some(input.inspection_passed),
        finish_notes: text(input.notes.as_deref()),
        ..case.work_order()?.clone()
    };
    let mut r = case.request.clone();
    r.repaired_at = Some(ctx.now);
    let data = json!({"work_order": w.number, "inspection_passed": input.inspection_passed, "notes": w.finish_notes});
    Ok(Decision::recording(r.id, AuditAction::Finished, data)
        .with_request(r)
        .with_work_order(w))
}

/// The customer acknowledges the finished visit on the engineer's phone
/// (现场确认): their name, a satisfaction mark and a drawn signature (the image
/// is the store's). Nothing moves on: the report still goes to review and the
/// customer still signs the approved report (客户签字确认).
pub fn acknowledge(
    case: &Case,
    ctx: &Ctx<'_>,
    input: &AcknowledgeRequest,
) -> Result<Decision, DomainError> {
    input.validate()?;
    check(Command::Acknowledge, ctx.actor, &case.state())?;
    let ack = Acknowledgement {
        signer_name: input.signer_name.trim().to_owned(),
        satisfaction: input.satisfaction,
        at: ctx.now,
    };
    let data = json!({"work_order": case.work_order()?.number,
        "signer_name": ack.signer_name, "satisfaction": ack.satisfaction});
    let w = WorkOrder {
        acknowledgement: Some(ack),
        ..case.work_order()?.clone()
    };
    Ok(Decision::recording(w.request_id, AuditAction::Acknowledged, data).with_work_order(w))
}

/// Gives the job to another engineer: this order closes as reassigned and a
/// new one, at the same site, takes over.
pub fn reassign(
    case: &Case,
    ctx: &Ctx<'_>,
    input: &ReassignRequest,
    next: &Assignment,
) -> Result<Decision, DomainError> {
    input.validate()?;
    check(Command::Reassign, ctx.actor, &case.state())?;
    let old = case.work_order()?;
    if input.engineer_id == old.engineer_id {
        return Err(DomainError::SameEngineer);
    }
    let reason = text(Some(&input.reason));
    let requirements = text(input.requirements.as_deref()).or(old.requirements.clone());
    let new = new_work_order(
        ctx,
        &case.request,
        next,
        Some(&old.site_address),
        requirements,
    );
    let mut r = case.request.clone();
    r.work_order_id = Some(new.id);
    r.engineer_id = Some(new.engineer_id);
    let data = json!({"from_work_order": old.number, "work_order": new.number,
        "engineer": next.engineer_name, "reason": reason});
    let closed = WorkOrder {
        status: WorkOrderStatus::Reassigned,
        close_reason: reason,
        ..old.clone()
    };
    Ok(Decision::recording(r.id, AuditAction::Reassigned, data)
        .with_request(r)
        .with_work_order(closed)
        .creating(NewRecord::WorkOrder(new)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::decide::fixtures::*;
    use crate::service::status::ReportStatus;
    use crate::service::types::Satisfaction;
    use chrono::Duration;

    fn appointment() -> ScheduleRequest {
        ScheduleRequest {
            appointment_at: now() + Duration::hours(5),
            note: Some("上午到".into()),
        }
    }

    #[test]
    fn scheduling_sets_the_appointment_and_counts_as_first_contact() {
        let case = dispatched_case();
        let d = schedule(&case, &ctx(&engineer()), &appointment()).unwrap();
        let w = d.work_order.unwrap();
        assert_eq!(w.status, WorkOrderStatus::Scheduled);
        assert_eq!(w.appointment_at, Some(now() + Duration::hours(5)));
        assert_eq!(d.request.unwrap().first_contact_at, Some(now()));
        assert_eq!(d.events[0].data["note"], "上午到");
    }

    #[test]
    fn another_engineers_work_order_is_not_scheduled_checked_in_or_finished() {
        let case = dispatched_case();
        let other = other_engineer();
        assert_eq!(
            schedule(&case, &ctx(&other), &appointment()).unwrap_err(),
            DomainError::NotYourWorkOrder
        );
        assert_eq!(
            check_in(&case, &ctx(&other)).unwrap_err(),
            DomainError::NotYourWorkOrder
        );
    }

    #[test]
    fn check_in_stops_the_arrival_clock_and_says_whether_it_was_late() {
        let mut case = dispatched_case();
        case.work_order.as_mut().unwrap().arrival_due = Some(now() - Duration::hours(1));
        let d = check_in(&case, &ctx(&engineer())).unwrap();
        let r = d.request.unwrap();
        assert_eq!(r.status, RequestStatus::InService);
        assert_eq!(r.arrived_at, Some(now()));
        assert_eq!(r.first_contact_at, Some(now()));
        assert_eq!(d.work_order.unwrap().status, WorkOrderStatus::OnSite);
        assert_eq!(d.events[0].data["late"], true);
        assert!(check_in(&on_site_case(), &ctx(&engineer())).is_err());
    }

    #[test]
    fn finishing_records_the_inspection_and_stops_the_repair_clock() {
        let case = on_site_case();
        let input = FinishRequest {
            inspection_passed: false,
            notes: Some("  ".into()),
        };
        let d = finish(&case, &ctx(&engineer()), &input).unwrap();
        let w = d.work_order.unwrap();
        assert_eq!(w.status, WorkOrderStatus::Finished);
        assert!(!w.status.is_open());
        assert_eq!(w.inspection_passed, Some(false));
        assert_eq!(w.finish_notes, None);
        assert_eq!(d.request.unwrap().repaired_at, Some(now()));
        assert_eq!(
            finish(&dispatched_case(), &ctx(&engineer()), &input)
                .unwrap_err()
                .code(),
            "invalid_state"
        );
    }

    fn acknowledgement(satisfaction: Satisfaction) -> AcknowledgeRequest {
        AcknowledgeRequest {
            signer_name: " 李四 ".into(),
            satisfaction,
            signature_png: "iVBORw0KGgo=".into(),
        }
    }

    #[test]
    fn the_customer_acknowledges_the_finished_visit_on_the_engineers_phone() {
        let case = reported_case(ReportStatus::Draft);
        let input = acknowledgement(Satisfaction::Neutral);
        let d = acknowledge(&case, &ctx(&engineer()), &input).unwrap();
        let w = d.work_order.as_ref().unwrap();
        assert_eq!(
            w.acknowledgement,
            Some(Acknowledgement {
                signer_name: "李四".into(),
                satisfaction: Satisfaction::Neutral,
                at: now(),
            })
        );
        assert!(w.is_acknowledged());
        // It confirms the visit only: the work order stays finished, the
        // request and the report wait for review and the final signature.
        assert_eq!(w.status, WorkOrderStatus::Finished);
        assert_eq!(d.request, None);
        assert_eq!(d.report, None);
        assert_eq!(d.events[0].action, AuditAction::Acknowledged);
        assert_eq!(
            d.events[0].data,
            json!({"work_order": "WO-2026-000001", "signer_name": "李四", "satisfaction": "neutral"})
        );
        // Without a report yet, and with a submitted one, as well.
        let mut no_report = case.clone();
        no_report.report = None;
        assert!(acknowledge(&no_report, &ctx(&engineer()), &input).is_ok());
        let submitted = reported_case(ReportStatus::Submitted);
        assert!(acknowledge(&submitted, &ctx(&engineer()), &input).is_ok());
    }

    #[test]
    fn only_the_assigned_engineer_collects_the_acknowledgement() {
        let case = reported_case(ReportStatus::Draft);
        let input = acknowledgement(Satisfaction::Satisfied);
        assert_eq!(
            acknowledge(&case, &ctx(&other_engineer()), &input).unwrap_err(),
            DomainError::NotYourWorkOrder
        );
        assert!(!Command::Acknowledge.allowed(&supervisor()));
        assert!(!Command::Acknowledge.allowed(&agent()));
        assert!(Command::Acknowledge.allowed(&engineer()));
    }

    #[test]
    fn an_unfinished_visit_or_a_reviewed_report_is_not_acknowledged_on_site() {
        let input = acknowledgement(Satisfaction::VerySatisfied);
        let e = engineer();
        for case in [dispatched_case(), on_site_case()] {
            let err = acknowledge(&case, &ctx(&e), &input).unwrap_err();
            assert_eq!(err.code(), "invalid_state", "{err}");
        }
        // Once approved, the customer confirms through the sign-off link.
        for status in [ReportStatus::Approved, ReportStatus::Signed] {
            let err = acknowledge(&reported_case(status), &ctx(&e), &input).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "the repair_report is {}: acknowledge is not possible now",
                    status.as_str()
                )
            );
        }
    }

    #[test]
    fn a_visit_is_acknowledged_once_but_a_later_visit_again() {
        let mut case = reported_case(ReportStatus::Draft);
        let e = engineer();
        let input = acknowledgement(Satisfaction::Dissatisfied);
        let w = acknowledge(&case, &ctx(&e), &input).unwrap().work_order;
        case.work_order = w;
        assert_eq!(
            acknowledge(&case, &ctx(&e), &input).unwrap_err(),
            DomainError::AlreadyAcknowledged
        );
        // The report was rejected and the engineer finished a second visit.
        case.work_order.as_mut().unwrap().finished_at = Some(now() + Duration::hours(30));
        let later = Ctx {
            actor: &e,
            now: now() + Duration::hours(31),
        };
        let d = acknowledge(&case, &later, &input).unwrap();
        let ack = d.work_order.unwrap().acknowledgement.unwrap();
        assert_eq!(ack.at, now() + Duration::hours(31));
    }

    #[test]
    fn a_missing_name_or_signature_or_an_unknown_mark_is_refused() {
        let case = reported_case(ReportStatus::Draft);
        let mut input = acknowledgement(Satisfaction::Satisfied);
        input.signer_name = "  ".into();
        input.signature_png = String::new();
        let DomainError::Validation(errors) =
            acknowledge(&case, &ctx(&engineer()), &input).unwrap_err()
        else {
            panic!("not a validation error");
        };
        let fields: Vec<_> = errors.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["signer_name", "signature_png"]);
        // Marks travel as the follow-up's scale; anything else does not decode.
        for bad in [json!("good"), json!(5), json!(""), json!(null)] {
            let body = json!({"signer_name": "李四", "satisfaction": bad, "signature_png": "x"});
            assert!(serde_json::from_value::<AcknowledgeRequest>(body).is_err());
        }
        let body = json!({"signer_name": "李四", "satisfaction": "very_dissatisfied", "signature_png": "x"});
        let parsed: AcknowledgeRequest = serde_json::from_value(body).unwrap();
        assert_eq!(parsed.satisfaction, Satisfaction::VeryDissatisfied);
    }

    #[test]
    fn reassignment_closes_the_order_and_opens_one_for_the_new_engineer_at_the_same_site() {
        let case = dispatched_case();
        let mut next = assignment();
        next.id = uuid::Uuid::from_u128(201);
        next.number = "WO-2026-000002".into();
        next.engineer_id = uuid::Uuid::from_u128(4);
        let input = ReassignRequest {
            engineer_id: next.engineer_id,
            reason: "王工病假".into(),
            requirements: None,
        };
        let d = reassign(&case, &ctx(&supervisor()), &input, &next).unwrap();
        let old = d.work_order.as_ref().unwrap();
        assert_eq!(old.status, WorkOrderStatus::Reassigned);
        assert_eq!(old.close_reason.as_deref(), Some("王工病假"));
        let new = d.created_work_order().unwrap();
        assert_eq!(new.engineer_id, next.engineer_id);
        assert_eq!(new.site_address, old.site_address);
        assert_eq!(new.requirements.as_deref(), Some("带液压油"));
        let r = d.request.as_ref().unwrap();
        assert_eq!(r.work_order_id, Some(new.id));
        assert_eq!(r.engineer_id, Some(next.engineer_id));
        assert_eq!(d.events[0].data["from_work_order"], "WO-2026-000001");
        let same = ReassignRequest {
            engineer_id: engineer_id(),
            ..input
        };
        assert_eq!(
            reassign(&case, &ctx(&supervisor()), &same, &next).unwrap_err(),
            DomainError::SameEngineer
        );
    }
}
