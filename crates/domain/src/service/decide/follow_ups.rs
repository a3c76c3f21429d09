//! The follow-up call's commands (客户回访): an attempt that did not end in an
//! outcome, the outcome (which closes the request and, when the machine does
//! not run normally, opens a repeat request), and the close as unreachable
//! after the configured failed attempts.

use super::decision::Decision;
use super::preconditions::{FollowUpState, State, check};
use super::records::Case;
use super::{Ctx, text};
use crate::access::RecordKind;
use crate::audit::AuditAction;
use crate::error::DomainError;
use crate::service::commands::Command;
use crate::service::follow_up::{
    FollowUpAttemptRequest, FollowUpCloseRequest, FollowUpOutcomeRequest, FollowUpRecord,
    FollowUpSettings, FollowUpStatus,
};
use crate::service::status::RequestStatus;
use crate::service::types::{Channel, CreateServiceRequest, Priority};
use crate::validation::Validator;
use serde_json::json;
use uuid::Uuid;

impl FollowUpRecord {
    /// What the preconditions read of it under `settings`.
    pub fn state(&self, settings: &FollowUpSettings) -> FollowUpState {
        FollowUpState {
            status: self.status,
            failed_attempts: self.failed_attempts,
            max_failed_attempts: settings.max_failed_attempts,
        }
    }
}

/// The facts a follow-up's commands are checked against: its request's
/// state with the follow-up's.
pub fn follow_up_state(
    request: RequestStatus,
    f: &FollowUpRecord,
    settings: &FollowUpSettings,
) -> State {
    State {
        request,
        needs_onsite: false,
        contacted: true,
        work_order: None,
        report: None,
        inspection_passed: None,
        customer_choice: false,
        acknowledged: false,
        follow_up: Some(f.state(settings)),
    }
}

fn checked(
    command: Command,
    case: &Case,
    f: &FollowUpRecord,
    settings: &FollowUpSettings,
    ctx: &Ctx<'_>,
) -> Result<(), DomainError> {
    if f.request_id != case.request.id {
        return Err(DomainError::NotFound);
    }
    check(
        command,
        ctx.actor,
        &follow_up_state(case.request.status, f, settings),
    )
}

/// The follow-up's event, on its request's timeline.
fn event(f: &FollowUpRecord, action: AuditAction, data: serde_json::Value) -> Decision {
    let mut d = Decision::recording(f.request_id, action, data);
    d.events.push(super::decision::Event {
        action,
        record: RecordKind::FollowUp,
        record_id: f.id,
        data: d.events[0].data.clone(),
    });
    d
}

/// Records a call (or mail, message, visit) that ended without an outcome:
/// one more attempt, a failed one when the customer was not reached.
pub fn record_attempt(
    case: &Case,
    f: &FollowUpRecord,
    settings: &FollowUpSettings,
    ctx: &Ctx<'_>,
    input: &FollowUpAttemptRequest,
) -> Result<Decision, DomainError> {
    input.validate()?;
    checked(Command::RecordFollowUpAttempt, case, f, settings, ctx)?;
    let mut n = f.clone();
    n.attempts += 1;
    if !input.reached {
        n.failed_attempts += 1;
    }
    n.method = Some(input.method);
    n.reached = Some(input.reached);
    n.last_attempt_at = Some(ctx.now);
    let data = json!({"method": input.method.as_str(), "reached": input.reached,
        "attempts": n.attempts, "note": text(input.note.as_deref())});
    let mut d = event(f, AuditAction::FollowUpAttempted, data);
    d.follow_up = Some(n);
    Ok(d)
}

/// The intake form of the request a follow-up opens when the customer says
/// the machine does not run normally: a repair of the same machine, on site,
/// reported by phone, high priority (the machine failed again after a
/// repair), with `repeat_of` the followed-up request. None when it runs
/// normally.
pub fn repeat_request(
    request_id: Uuid,
    customer_id: Uuid,
    machine_id: Option<Uuid>,
    model_id: Option<Uuid>,
    input: &FollowUpOutcomeRequest,
) -> Option<CreateServiceRequest> {
    if input.machine_running_normally {
        return None;
    }
    let said = text(input.comments.as_deref()).unwrap_or_default();
    Some(CreateServiceRequest {
        channel: Some(Channel::Phone),
        model_id: if machine_id.is_some() { None } else { model_id },
        priority: Priority::High,
        harvest_critical: Some(false),
        repeat_of: Some(request_id),
        ..CreateServiceRequest::onsite_repair(
            customer_id,
            machine_id,
            format!("回访发现机器运行不正常 (follow-up: not running normally): {said}"),
        )
    })
}

/// Records what the customer said: the follow-up is done and its request
/// closed (DESIGN §3). When the machine does not run normally, `repeat` is
/// the intake decision of [`repeat_request`]'s form (decided by
/// `decide::intake`, so its clocks are right): it is created in the same
/// command and named on the timeline.
pub fn record_outcome(
    case: &Case,
    f: &FollowUpRecord,
    settings: &FollowUpSettings,
    ctx: &Ctx<'_>,
    input: &FollowUpOutcomeRequest,
    repeat: Option<Decision>,
) -> Result<Decision, DomainError> {
    input.validate()?;
    checked(Command::RecordFollowUpOutcome, case, f, settings, ctx)?;
    let repeat_number = repeat
        .as_ref()
        .and_then(|d| d.created_request())
        .map(|r| r.number.clone());
    if input.machine_running_normally == repeat_number.is_some() {
        let mut v = Validator::new();
        v.error(
            "machine_running_normally",
            "repeat_request",
            "a machine not running normally opens a repeat request, and only then",
        );
        v.finish()?;
    }
    let mut n = f.clone();
    n.attempts += 1;
    n.method = Some(input.method);
    n.reached = Some(true);
    n.last_attempt_at = Some(ctx.now);
    n.status = FollowUpStatus::Done;
    n.satisfaction = Some(input.satisfaction);
    n.machine_running_normally = Some(input.machine_running_normally);
    n.comments = text(input.comments.as_deref());
    n.suggestions = text(input.suggestions.as_deref());
    n.completed_at = Some(ctx.now);
    n.completed_by = Some(ctx.actor.user_id);
    let mut r = case.request.clone();
    r.status = RequestStatus::Closed;
    r.closed_at = Some(ctx.now);
    let data = json!({"method": input.method.as_str(),
        "satisfaction": input.satisfaction.as_str(),
        "machine_running_normally": input.machine_running_normally,
        "comments": n.comments, "suggestions": n.suggestions,
        "repeat_request": repeat_number});
    let mut d = event(f, AuditAction::FollowedUp, data).with_request(r);
    d.follow_up = Some(n);
    if let Some(repeat) = repeat {
        d.create.extend(repeat.create);
        d.events.extend(repeat.events);
    }
    Ok(d)
}

/// Closes a follow-up the customer could not be reached for after the
/// configured failed attempts; the request closes too, and the follow-up
/// counts in no satisfaction figure.
pub fn close_unreachable(
    case: &Case,
    f: &FollowUpRecord,
    settings: &FollowUpSettings,
    ctx: &Ctx<'_>,
    input: &FollowUpCloseRequest,
) -> Result<Decision, DomainError> {
    input.validate()?;
    checked(Command::CloseFollowUpUnreachable, case, f, settings, ctx)?;
    let mut n = f.clone();
    n.status = FollowUpStatus::Unreachable;
    n.completed_at = Some(ctx.now);
    n.completed_by = Some(ctx.actor.user_id);
    let mut r = case.request.clone();
    r.status = RequestStatus::Closed;
    r.closed_at = Some(ctx.now);
    let data = json!({"attempts": f.failed_attempts, "note": text(input.note.as_deref())});
    let mut d = event(f, AuditAction::FollowUpUnreachable, data).with_request(r);
    d.follow_up = Some(n);
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::decide::fixtures::*;
    use crate::service::follow_up::ContactMethod;
    use crate::service::types::Satisfaction;
    use chrono::Duration;

    fn completed() -> Case {
        let mut c = new_case();
        c.request.status = RequestStatus::Completed;
        c.request.completed_at = Some(now() - Duration::days(7));
        c
    }

    fn pending(c: &Case) -> FollowUpRecord {
        FollowUpRecord {
            id: Uuid::from_u128(99),
            request_id: c.request.id,
            due_at: now() - Duration::hours(1),
            status: FollowUpStatus::Pending,
            method: None,
            attempts: 0,
            failed_attempts: 0,
            last_attempt_at: None,
            reached: None,
            satisfaction: None,
            machine_running_normally: None,
            comments: None,
            suggestions: None,
            completed_at: None,
            completed_by: None,
            version: 1,
        }
    }

    fn outcome(normal: bool) -> FollowUpOutcomeRequest {
        FollowUpOutcomeRequest {
            method: ContactMethod::Phone,
            satisfaction: if normal {
                Satisfaction::VerySatisfied
            } else {
                Satisfaction::Dissatisfied
            },
            machine_running_normally: normal,
            comments: (!normal).then(|| "又漏油了".to_owned()),
            suggestions: Some("配件备足".into()),
        }
    }

    fn missed() -> FollowUpAttemptRequest {
        FollowUpAttemptRequest {
            method: ContactMethod::Phone,
            reached: false,
            note: Some("无人接听".into()),
        }
    }

    #[test]
    fn a_missed_call_counts_a_failed_attempt_on_the_timeline() {
        let c = completed();
        let f = pending(&c);
        let a = agent();
        let d = record_attempt(&c, &f, &FollowUpSettings::default(), &ctx(&a), &missed()).unwrap();
        let n = d.follow_up.unwrap();
        assert_eq!((n.attempts, n.failed_attempts), (1, 1));
        assert_eq!(n.status, FollowUpStatus::Pending);
        assert!(d.request.is_none());
        assert_eq!(d.events[0].action, AuditAction::FollowUpAttempted);
        assert_eq!(d.events[0].record, RecordKind::ServiceRequest);
        assert_eq!(d.events[1].record, RecordKind::FollowUp);
    }

    #[test]
    fn the_outcome_closes_the_request() {
        let c = completed();
        let f = pending(&c);
        let a = agent();
        let d = record_outcome(
            &c,
            &f,
            &FollowUpSettings::default(),
            &ctx(&a),
            &outcome(true),
            None,
        )
        .unwrap();
        let r = d.request.unwrap();
        assert_eq!(r.status, RequestStatus::Closed);
        assert_eq!(r.closed_at, Some(now()));
        let n = d.follow_up.unwrap();
        assert_eq!(n.status, FollowUpStatus::Done);
        assert_eq!(n.satisfaction, Some(Satisfaction::VerySatisfied));
        assert_eq!(n.reached, Some(true));
        assert!(d.create.is_empty());
    }

    #[test]
    fn not_running_normally_asks_for_a_repeat_request_of_the_same_machine() {
        let c = completed();
        let customer = Uuid::from_u128(5);
        let machine = Some(Uuid::from_u128(6));
        assert!(repeat_request(c.request.id, customer, machine, None, &outcome(true)).is_none());
        let form = repeat_request(c.request.id, customer, machine, None, &outcome(false)).unwrap();
        assert_eq!(form.repeat_of, Some(c.request.id));
        assert_eq!((form.customer_id, form.machine_id), (customer, machine));
        assert!(form.needs_onsite);
        assert!(form.symptoms.contains("又漏油了"));
        // Without the repeat request's decision the outcome is refused.
        let a = agent();
        let f = pending(&c);
        let s = FollowUpSettings::default();
        let e = record_outcome(&c, &f, &s, &ctx(&a), &outcome(false), None).unwrap_err();
        assert!(matches!(e, DomainError::Validation(_)), "{e:?}");
    }

    #[test]
    fn unreachable_only_after_the_configured_failed_attempts() {
        let c = completed();
        let mut f = pending(&c);
        let a = agent();
        let s = FollowUpSettings {
            max_failed_attempts: 2,
        };
        let close = FollowUpCloseRequest::default();
        f.failed_attempts = 1;
        assert_eq!(
            close_unreachable(&c, &f, &s, &ctx(&a), &close).unwrap_err(),
            DomainError::TooFewAttempts {
                failed: 1,
                needed: 2
            }
        );
        f.failed_attempts = 2;
        let d = close_unreachable(&c, &f, &s, &ctx(&a), &close).unwrap();
        assert_eq!(d.follow_up.unwrap().status, FollowUpStatus::Unreachable);
        assert_eq!(d.request.unwrap().status, RequestStatus::Closed);
    }

    #[test]
    fn a_follow_up_done_takes_no_more_commands() {
        let c = completed();
        let mut f = pending(&c);
        f.status = FollowUpStatus::Done;
        let a = agent();
        let s = FollowUpSettings::default();
        let e = record_attempt(&c, &f, &s, &ctx(&a), &missed()).unwrap_err();
        assert!(matches!(e, DomainError::InvalidState { .. }), "{e:?}");
    }

    #[test]
    fn actions_follow_the_state_and_the_role() {
        use crate::service::decide::available_commands;
        let c = completed();
        let mut f = pending(&c);
        let s = FollowUpSettings::default();
        let st = follow_up_state(c.request.status, &f, &s);
        assert_eq!(
            available_commands(&agent(), RecordKind::FollowUp, &st),
            vec![
                Command::RecordFollowUpAttempt,
                Command::RecordFollowUpOutcome
            ]
        );
        f.failed_attempts = 3;
        let st = follow_up_state(c.request.status, &f, &s);
        assert_eq!(
            available_commands(&agent(), RecordKind::FollowUp, &st),
            vec![
                Command::RecordFollowUpAttempt,
                Command::RecordFollowUpOutcome,
                Command::CloseFollowUpUnreachable
            ]
        );
        assert!(available_commands(&engineer(), RecordKind::FollowUp, &st).is_empty());
    }
}
