//! The desk's commands on a request: first contact, dispatch, remote
//! resolution and cancellation.

use super::decision::{Decision, FollowUp, NewRecord};
use super::preconditions::check;
use super::records::{Case, Request, WorkOrder};
use super::{Ctx, text};
use crate::audit::AuditAction;
use crate::error::DomainError;
use crate::service::calendar::WorkCalendar;
use crate::service::commands::Command;
use crate::service::sla::SlaSettings;
use crate::service::status::{RequestStatus, WorkOrderStatus};
use crate::service::types::{
    ContactRequest, DispatchRequest, ReasonRequest, ResolveRemotelyRequest,
};
use serde_json::json;
use uuid::Uuid;

/// The work order a dispatch or reassignment creates, as the store prepared
/// it: a fresh id and number, the engineer's name, the default site.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub id: Uuid,
    pub number: String,
    pub engineer_id: Uuid,
    pub engineer_name: String,
    /// Where the visit goes unless the command names a site.
    pub default_site: String,
}

/// A new work order for `request`, assigned by the actor.
pub(crate) fn new_work_order(
    ctx: &Ctx<'_>,
    request: &Request,
    a: &Assignment,
    site: Option<&str>,
    requirements: Option<String>,
) -> WorkOrder {
    WorkOrder {
        id: a.id,
        number: a.number.clone(),
        status: WorkOrderStatus::Assigned,
        request_id: request.id,
        engineer_id: a.engineer_id,
        dispatcher_id: Some(ctx.actor.user_id),
        dispatcher_name: ctx.actor.username.clone(),
        site_address: text(site).unwrap_or_else(|| a.default_site.clone()),
        requirements,
        arrival_due: request.arrival_due,
        appointment_at: None,
        arrived_at: None,
        finished_at: None,
        inspection_passed: None,
        finish_notes: None,
        close_reason: None,
        acknowledgement: None,
        version: 1,
    }
}

/// Records the first contact with the customer (stops the first clock),
/// with what was said when the agent notes it; a second contact changes
/// nothing.
pub fn record_contact(
    case: &Case,
    ctx: &Ctx<'_>,
    input: &ContactRequest,
) -> Result<Decision, DomainError> {
    input.validate()?;
    check(Command::RecordContact, ctx.actor, &case.state())?;
    if case.request.first_contact_at.is_some() {
        return Ok(Decision::default());
    }
    let mut r = case.request.clone();
    r.first_contact_at = Some(ctx.now);
    let note = text(input.note.as_deref());
    Ok(Decision::recording(r.id, AuditAction::Contacted, json!({"note": note})).with_request(r))
}

/// Dispatches a request that needs a visit to an engineer with a new work order (派工).
pub fn dispatch(
    case: &Case,
    ctx: &Ctx<'_>,
    input: &DispatchRequest,
    assignment: &Assignment,
) -> Result<Decision, DomainError> {
    input.validate()?;
    check(Command::Dispatch, ctx.actor, &case.state())?;
    let wo = new_work_order(
        ctx,
        &case.request,
        assignment,
        input.site_address.as_deref(),
        text(input.requirements.as_deref()),
    );
    let mut r = case.request.clone();
    r.status = RequestStatus::Dispatched;
    r.work_order_id = Some(wo.id);
    r.engineer_id = Some(wo.engineer_id);
    let data = json!({"work_order": wo.number, "engineer": assignment.engineer_name,
        "arrival_due": wo.arrival_due, "site_address": wo.site_address});
    Ok(Decision::recording(r.id, AuditAction::Dispatched, data)
        .with_request(r)
        .creating(NewRecord::WorkOrder(wo)))
}

/// Closes a consultation solved on the phone (远程解决); it is still followed up.
pub fn resolve_remotely(
    case: &Case,
    ctx: &Ctx<'_>,
    input: &ResolveRemotelyRequest,
    sla: &SlaSettings,
    calendar: &WorkCalendar,
) -> Result<Decision, DomainError> {
    input.validate()?;
    check(Command::ResolveRemotely, ctx.actor, &case.state())?;
    let mut r = case.request.clone();
    r.status = RequestStatus::ResolvedRemotely;
    r.first_contact_at.get_or_insert(ctx.now);
    r.completed_at = Some(ctx.now);
    r.resolution = text(Some(&input.resolution));
    let follow_up = FollowUp::after(r.id, ctx, sla, calendar);
    let data = json!({"resolution": r.resolution, "follow_up_due": follow_up.due_at});
    Ok(
        Decision::recording(r.id, AuditAction::ResolvedRemotely, data)
            .with_request(r)
            .creating(NewRecord::FollowUp(follow_up)),
    )
}

/// Cancels a request with no visit under way, with a reason; its assigned
/// work order (not yet on site) goes too.
pub fn cancel(case: &Case, ctx: &Ctx<'_>, input: &ReasonRequest) -> Result<Decision, DomainError> {
    input.validate()?;
    check(Command::Cancel, ctx.actor, &case.state())?;
    let reason = text(Some(&input.reason));
    let work_order = case
        .work_order
        .as_ref()
        .filter(|w| w.status.is_open())
        .map(|w| WorkOrder {
            status: WorkOrderStatus::Cancelled,
            close_reason: reason.clone(),
            ..w.clone()
        });
    let mut r = case.request.clone();
    r.status = RequestStatus::Cancelled;
    r.closed_at = Some(ctx.now);
    r.cancel_reason = reason.clone();
    Ok(
        Decision::recording(r.id, AuditAction::Cancelled, json!({"reason": reason}))
            .with_request(r)
            .with_work_order(work_order),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::decide::fixtures::*;
    use chrono::Duration;

    fn note(text: &str) -> ContactRequest {
        ContactRequest {
            note: Some(text.into()),
        }
    }

    #[test]
    fn first_contact_stops_the_first_clock_once() {
        let case = new_case();
        let d = record_contact(&case, &ctx(&agent()), &ContactRequest::default()).unwrap();
        assert_eq!(d.request.unwrap().first_contact_at, Some(now()));
        assert_eq!(d.events[0].action, AuditAction::Contacted);
        assert_eq!(d.events[0].data, json!({"note": null}));
        let mut again = new_case();
        again.request.first_contact_at = Some(now() - Duration::hours(1));
        let d = record_contact(&again, &ctx(&agent()), &note("called back")).unwrap();
        assert_eq!(d, Decision::default());
    }

    #[test]
    fn the_first_contact_keeps_the_agents_note_trimmed() {
        let d = record_contact(
            &new_case(),
            &ctx(&agent()),
            &note("  arrives Tuesday 9:00 "),
        )
        .unwrap();
        assert_eq!(d.events[0].data, json!({"note": "arrives Tuesday 9:00"}));
        let blank = record_contact(&new_case(), &ctx(&agent()), &note("   ")).unwrap();
        assert_eq!(blank.events[0].data, json!({"note": null}));
        let long = note(&"话".repeat(2001));
        let err = record_contact(&new_case(), &ctx(&agent()), &long).unwrap_err();
        assert_eq!(err.code(), "validation_failed");
    }

    #[test]
    fn a_finished_request_takes_no_contact() {
        let mut case = new_case();
        case.request.status = RequestStatus::Cancelled;
        assert_eq!(
            record_contact(&case, &ctx(&agent()), &ContactRequest::default())
                .unwrap_err()
                .code(),
            "invalid_state"
        );
    }

    #[test]
    fn dispatch_creates_the_work_order_at_the_customers_site_with_the_arrival_clock() {
        let case = new_case();
        let sup = supervisor();
        let d = dispatch(&case, &ctx(&sup), &dispatch_input(None), &assignment()).unwrap();
        let r = d.request.as_ref().unwrap();
        assert_eq!(r.status, RequestStatus::Dispatched);
        let wo = d.created_work_order().unwrap();
        assert_eq!(r.work_order_id, Some(wo.id));
        assert_eq!(r.engineer_id, Some(engineer_id()));
        assert_eq!(wo.site_address, "黑龙江五常市");
        assert_eq!(wo.arrival_due, case.request.arrival_due);
        assert_eq!(wo.status, WorkOrderStatus::Assigned);
        assert_eq!(wo.dispatcher_name, "supervisor");
        assert_eq!(d.events[0].action, AuditAction::Dispatched);
        assert_eq!(d.events[0].data["work_order"], "WO-2026-000001");
        let d = dispatch(
            &case,
            &ctx(&sup),
            &dispatch_input(Some(" 田间 ")),
            &assignment(),
        )
        .unwrap();
        assert_eq!(d.created_work_order().unwrap().site_address, "田间");
    }

    #[test]
    fn a_request_needing_no_visit_is_not_dispatched() {
        let mut case = new_case();
        case.request.needs_onsite = false;
        let e = dispatch(
            &case,
            &ctx(&supervisor()),
            &dispatch_input(None),
            &assignment(),
        );
        assert_eq!(e.unwrap_err(), DomainError::NoVisitNeeded);
    }

    #[test]
    fn a_dispatched_request_cannot_be_dispatched_again() {
        let case = dispatched_case();
        let e = dispatch(
            &case,
            &ctx(&supervisor()),
            &dispatch_input(None),
            &assignment(),
        );
        assert_eq!(
            e.unwrap_err(),
            DomainError::invalid_state(
                crate::access::RecordKind::ServiceRequest,
                "dispatched",
                Command::Dispatch
            )
        );
    }

    #[test]
    fn remote_resolution_closes_the_request_and_schedules_the_follow_up() {
        let case = new_case();
        let input = ResolveRemotelyRequest {
            resolution: " 指导客户更换保险丝 ".into(),
        };
        let d = resolve_remotely(&case, &ctx(&agent()), &input, &sla(), &calendar()).unwrap();
        let r = d.request.unwrap();
        assert_eq!(r.status, RequestStatus::ResolvedRemotely);
        assert!(!r.status.is_open());
        assert_eq!(r.completed_at, Some(now()));
        assert_eq!(r.first_contact_at, Some(now()));
        assert_eq!(r.resolution.as_deref(), Some("指导客户更换保险丝"));
        assert_eq!(
            d.create,
            vec![NewRecord::FollowUp(FollowUp {
                request_id: case.request.id,
                due_at: now() + Duration::days(sla().follow_up_days),
            })]
        );
        let blank = ResolveRemotelyRequest {
            resolution: " ".into(),
        };
        assert_eq!(
            resolve_remotely(&case, &ctx(&agent()), &blank, &sla(), &calendar())
                .unwrap_err()
                .code(),
            "validation_failed"
        );
        assert!(
            resolve_remotely(
                &dispatched_case(),
                &ctx(&agent()),
                &input,
                &sla(),
                &calendar()
            )
            .is_err()
        );
    }

    #[test]
    fn cancelling_a_dispatched_request_cancels_its_work_order_with_the_reason() {
        let case = dispatched_case();
        let input = ReasonRequest {
            reason: "客户已自行修复".into(),
        };
        let d = cancel(&case, &ctx(&agent()), &input).unwrap();
        let r = d.request.unwrap();
        assert_eq!(r.status, RequestStatus::Cancelled);
        assert_eq!(r.cancel_reason.as_deref(), Some("客户已自行修复"));
        assert_eq!(
            r.closed_at,
            Some(now()),
            "the downtime stops at the cancel time"
        );
        let w = d.work_order.unwrap();
        assert_eq!(w.status, WorkOrderStatus::Cancelled);
        assert_eq!(w.close_reason.as_deref(), Some("客户已自行修复"));
        assert_eq!(d.events[0].data["reason"], "客户已自行修复");
    }

    #[test]
    fn a_request_in_service_cannot_be_cancelled() {
        let mut case = dispatched_case();
        case.request.status = RequestStatus::InService;
        let input = ReasonRequest { reason: "x".into() };
        assert_eq!(
            cancel(&case, &ctx(&agent()), &input).unwrap_err().code(),
            "invalid_state"
        );
    }
}
