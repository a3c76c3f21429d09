//! The repair report: the engineer's draft and submission, the supervisor's
//! review and the request to sign.

use super::decision::Event;
use super::decision::{Decision, NewRecord};
use super::preconditions::check;
use super::records::{Case, Report, Request, WorkOrder};
use super::{Ctx, text};
use crate::audit::AuditAction;
use crate::error::DomainError;
use crate::service::calendar::WorkCalendar;
use crate::service::commands::Command;
use crate::service::coverage::{CoverageChoice, confirm_coverage};
use crate::service::sanbao::diagnosed_due;
use crate::service::sla::SlaSettings;
use crate::service::status::{ReportStatus, RequestStatus, WorkOrderStatus};
use crate::service::types::{PartLine, ReportDraft, SuspectedPart};
use crate::validation::Validator;
use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

/// The draft as stored: texts trimmed, blank optional texts none, hours normalised.
fn tidy(d: &ReportDraft) -> ReportDraft {
    ReportDraft {
        process: d.process.trim().into(),
        cause: d.cause.trim().into(),
        measures: d.measures.trim().into(),
        further_problems: text(d.further_problems.as_deref()),
        proposals: text(d.proposals.as_deref()),
        labour_hours: d.labour_hours.normalize(),
        // Who pays is the supervisor's to say at review, not the engineer's.
        parts: d
            .parts
            .iter()
            .map(|p| PartLine {
                coverage: None,
                ..p.clone()
            })
            .collect(),
        // Not kept on the report: it goes to the request (see [`diagnosis`]).
        part_type: None,
        fault: d.fault,
    }
}

/// The part type a draft's fault is checked against: the one it names,
/// else the request's diagnosis so far.
fn named_part(case: &Case, draft: &ReportDraft) -> SuspectedPart {
    draft
        .part_type
        .filter(|p| *p != SuspectedPart::Unknown)
        .unwrap_or(case.request.diagnosed_part)
}

/// What the draft's diagnosis changes on the request: the part type it
/// names, and on the busy-season clock the repair deadline recomputed from
/// the report time, with a `diagnosed` event holding the old and new due
/// time. Nothing when it names no part or the one already named.
pub(crate) fn diagnosis(
    case: &Case,
    part: Option<SuspectedPart>,
    sla: &SlaSettings,
    calendar: &WorkCalendar,
) -> Option<(Request, Event)> {
    let part = part.filter(|p| *p != SuspectedPart::Unknown)?;
    let before = &case.request;
    if before.diagnosed_part == part {
        return None;
    }
    let mut r = before.clone();
    r.diagnosed_part = part;
    r.repair_due = diagnosed_due(
        sla,
        calendar,
        r.legal_clock,
        r.reported_at,
        r.repair_due,
        part,
    );
    let event = Event::on_request(
        r.id,
        AuditAction::Diagnosed,
        json!({"part": part.as_str(), "part_before": before.diagnosed_part.as_str(),
            "legal_clock": r.legal_clock.as_str(),
            "repair_due_before": before.repair_due, "repair_due": r.repair_due}),
    );
    Some((r, event))
}

/// Saves the engineer's draft for their work order (on site or finished); the
/// first save creates the report (with `new_id`), a rejected one goes back to draft.
/// A draft naming the part type is the engineer's diagnosis ([`diagnosis`]).
pub fn save_draft(
    case: &Case,
    ctx: &Ctx<'_>,
    draft: &ReportDraft,
    new_id: Uuid,
    sla: &SlaSettings,
    calendar: &WorkCalendar,
) -> Result<Decision, DomainError> {
    draft.validate_draft()?;
    draft.fault.check(named_part(case, draft), false)?;
    check(Command::SaveReport, ctx.actor, &case.state())?;
    let w = case.work_order()?;
    let mut decision = if let Some(current) = &case.report {
        Decision {
            report: Some(Report {
                status: ReportStatus::Draft,
                content: tidy(draft),
                ..current.clone()
            }),
            ..Decision::default()
        }
    } else {
        let report = new_report(w, new_id, tidy(draft));
        let data = json!({"work_order": w.number});
        Decision::recording(w.request_id, AuditAction::ReportStarted, data)
            .creating(NewRecord::Report(report))
    };
    if let Some((r, event)) = diagnosis(case, draft.part_type, sla, calendar) {
        decision.events.push(event);
        decision = decision.with_request(r);
    }
    Ok(decision)
}

/// A new draft report of work order `w`, holding `content`.
pub(crate) fn new_report(w: &WorkOrder, id: Uuid, content: ReportDraft) -> Report {
    Report {
        id,
        work_order_id: w.id,
        request_id: w.request_id,
        engineer_id: w.engineer_id,
        status: ReportStatus::Draft,
        content,
        inspection_passed: None,
        submitted_at: None,
        reviewer_id: None,
        reviewer_name: None,
        review_comment: None,
        reviewed_at: None,
        signer_name: None,
        signed_at: None,
        refusal_reason: None,
        version: 1,
    }
}

/// Submits the report for review once the visit is finished; the request waits for review.
pub fn submit(case: &Case, ctx: &Ctx<'_>) -> Result<Decision, DomainError> {
    check(Command::SubmitReport, ctx.actor, &case.state())?;
    let current = case.report()?;
    current.content.validate_submit()?;
    current
        .content
        .fault
        .check(case.request.diagnosed_part, true)?;
    let w = case.work_order()?;
    let report = Report {
        status: ReportStatus::Submitted,
        submitted_at: Some(ctx.now),
        inspection_passed: w.inspection_passed,
        ..current.clone()
    };
    let mut r = case.request.clone();
    r.status = RequestStatus::PendingReview;
    let data =
        json!({"work_order": w.number, "labour_hours": report.content.labour_hours.to_string()});
    Ok(
        Decision::recording(r.id, AuditAction::ReportSubmitted, data)
            .with_request(r)
            .with_report(report),
    )
}

/// The supervisor approves (审核通过: the customer signs next; refused when
/// the inspection failed) or rejects (驳回, with what to correct).
pub fn review(
    case: &Case,
    ctx: &Ctx<'_>,
    approve: bool,
    comment: Option<&str>,
) -> Result<Decision, DomainError> {
    if approve {
        approve_report(case, ctx, text(comment), &CoverageChoice::default())
    } else {
        reject(case, ctx, comment)
    }
}

/// The supervisor approves (审核通过) with an optional comment, confirming
/// or changing who pays for the request and each part line (`confirm_coverage`:
/// a change from the proposal needs a reason). The approval's event keeps the
/// proposal, the choice and the reason.
pub fn approve(
    case: &Case,
    ctx: &Ctx<'_>,
    comment: Option<&str>,
    choice: &CoverageChoice<'_>,
) -> Result<Decision, DomainError> {
    approve_report(case, ctx, text(comment), choice)
}

fn approve_report(
    case: &Case,
    ctx: &Ctx<'_>,
    comment: Option<String>,
    choice: &CoverageChoice<'_>,
) -> Result<Decision, DomainError> {
    check(Command::ApproveReport, ctx.actor, &case.state())?;
    let mut report = reviewed(case, ctx, ReportStatus::Approved, comment.clone())?;
    let mut r = case.request.clone();
    let confirmed = confirm_coverage(r.proposed_coverage, &report.content.parts, choice)?;
    report.content.parts = confirmed.parts;
    r.coverage = confirmed.coverage;
    r.coverage_reason = confirmed.reason.clone();
    r.status = RequestStatus::PendingSignoff;
    let part_coverage: Vec<_> = report.content.parts.iter().map(|p| p.coverage).collect();
    Ok(Decision::recording(
        r.id,
        AuditAction::ReportApproved,
        json!({"comment": comment, "proposed_coverage": r.proposed_coverage,
            "coverage": r.coverage, "part_coverage": part_coverage,
            "coverage_changed": confirmed.changed, "coverage_reason": confirmed.reason}),
    )
    .with_request(r)
    .with_report(report))
}

/// 驳回: the engineer goes back for another visit (schedule, check in,
/// finish with a new inspection) and writes the report again. The work
/// order's visit fields are cleared; the previous visit stays on the
/// timeline in its events (scheduled, checked in, finished). The SLA clocks run on from the report time: the
/// first arrival still counts, the repair is no longer done.
fn reject(case: &Case, ctx: &Ctx<'_>, comment: Option<&str>) -> Result<Decision, DomainError> {
    let comment = text(comment);
    if comment.is_none() {
        let mut v = Validator::new();
        v.error("reason", "required", "say what must be corrected");
        v.finish()?;
    }
    check(Command::RejectReport, ctx.actor, &case.state())?;
    send_back(case, ctx, comment, json!({}))
}

/// The work order goes back to the engineer and the report to rejected with
/// the supervisor's `comment` (a rejection, or rework after the customer
/// refused to sign); `extra` adds to the event's data. The caller has checked
/// its command.
pub(crate) fn send_back(
    case: &Case,
    ctx: &Ctx<'_>,
    comment: Option<String>,
    extra: serde_json::Value,
) -> Result<Decision, DomainError> {
    let report = reviewed(case, ctx, ReportStatus::Rejected, comment.clone())?;
    let w = WorkOrder {
        status: WorkOrderStatus::Assigned,
        appointment_at: None,
        arrived_at: None,
        finished_at: None,
        inspection_passed: None,
        finish_notes: None,
        ..case.work_order()?.clone()
    };
    let mut r = case.request.clone();
    r.status = RequestStatus::Dispatched;
    r.repaired_at = None;
    // The previous visit stays on the timeline in its own events.
    // The version rejected is kept so the resubmission can show what changed.
    let mut data = json!({"comment": comment, "work_order": w.number,
        "rejected_report": report.content});
    if let (Some(data), serde_json::Value::Object(extra)) = (data.as_object_mut(), extra) {
        data.extend(extra);
    }
    Ok(Decision::recording(r.id, AuditAction::ReportRejected, data)
        .with_request(r)
        .with_work_order(w)
        .with_report(report))
}

/// The report with the supervisor's review.
fn reviewed(
    case: &Case,
    ctx: &Ctx<'_>,
    to: ReportStatus,
    comment: Option<String>,
) -> Result<Report, DomainError> {
    Ok(Report {
        status: to,
        reviewer_id: Some(ctx.actor.user_id),
        reviewer_name: Some(ctx.actor.username.clone()),
        review_comment: comment,
        reviewed_at: Some(ctx.now),
        ..case.report()?.clone()
    })
}

/// Asks the customer to sign an approved report (a refused one is approved
/// again, its refusal cleared); the link itself is the store's.
pub fn create_sign_link(
    case: &Case,
    ctx: &Ctx<'_>,
    expires_at: DateTime<Utc>,
) -> Result<Decision, DomainError> {
    check(Command::CreateSignLink, ctx.actor, &case.state())?;
    let current = case.report()?;
    let report = (current.status == ReportStatus::SignatureRefused).then(|| Report {
        status: ReportStatus::Approved,
        refusal_reason: None,
        ..current.clone()
    });
    let data = json!({"expires_at": expires_at});
    Ok(
        Decision::recording(current.request_id, AuditAction::SignLinkCreated, data)
            .with_report(report),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::RecordKind;
    use crate::service::Coverage;
    use crate::service::decide::available::available_commands;
    use crate::service::decide::fixtures::*;
    use chrono::Duration;
    use rust_decimal::Decimal;

    /// Runs `decide` on the case and leaves the case as the store would.
    fn step(case: &mut Case, decide: impl FnOnce(&Case) -> Result<Decision, DomainError>) {
        let d = decide(case).unwrap();
        case.request = d.request.unwrap_or(case.request.clone());
        if let Some(w) = d.work_order {
            case.work_order = Some(w);
        }
        if let Some(r) = d.report {
            case.report = Some(r);
        }
    }

    #[test]
    fn the_first_draft_creates_the_report_on_site_and_later_saves_change_it() {
        let case = on_site_case();
        let mut draft = full_draft();
        draft.cause = "  密封圈老化 ".into();
        draft.proposals = Some(" ".into());
        let d = save_draft(
            &case,
            &ctx(&engineer()),
            &draft,
            Uuid::from_u128(9),
            &sla(),
            &calendar(),
        )
        .unwrap();
        let r = d.created_report().unwrap();
        assert_eq!(r.id, Uuid::from_u128(9));
        assert_eq!(r.status, ReportStatus::Draft);
        assert_eq!(r.content.cause, "密封圈老化");
        assert_eq!(r.content.proposals, None);
        assert_eq!(d.events[0].action, AuditAction::ReportStarted);
        let rejected = reported_case(ReportStatus::Rejected);
        let d = save_draft(
            &rejected,
            &ctx(&engineer()),
            &draft,
            Uuid::nil(),
            &sla(),
            &calendar(),
        )
        .unwrap();
        assert_eq!(d.report.unwrap().status, ReportStatus::Draft);
        assert!(d.create.is_empty() && d.events.is_empty());
    }

    #[test]
    fn the_drafts_diagnosis_moves_the_busy_season_deadline_both_ways_with_an_event() {
        let mut case = on_site_case();
        let reported = case.request.reported_at;
        let mut draft = full_draft();
        draft.part_type = Some(SuspectedPart::MainPart);
        let d = save_draft(
            &case,
            &ctx(&engineer()),
            &draft,
            Uuid::from_u128(9),
            &sla(),
            &calendar(),
        )
        .unwrap();
        let r = d.request.clone().expect("the request changes");
        assert_eq!(r.diagnosed_part, SuspectedPart::MainPart);
        assert_eq!(r.repair_due, Some(reported + Duration::days(3)));
        assert_eq!(
            d.events.iter().map(|e| e.action).collect::<Vec<_>>(),
            vec![AuditAction::ReportStarted, AuditAction::Diagnosed]
        );
        let e = &d.events[1];
        assert_eq!(e.data["part"], "main_part");
        assert_eq!(e.data["part_before"], "unknown");
        assert_eq!(
            e.data["repair_due_before"],
            json!(reported + Duration::days(1))
        );
        assert_eq!(e.data["repair_due"], json!(reported + Duration::days(3)));
        // The report does not keep it: the request does.
        assert_eq!(d.created_report().unwrap().content.part_type, None);
        case.request = r;
        case.report = Some(d.created_report().unwrap().clone());
        // The same part again changes nothing; a wear part moves it back to one day.
        let d = save_draft(
            &case,
            &ctx(&engineer()),
            &draft,
            Uuid::nil(),
            &sla(),
            &calendar(),
        )
        .unwrap();
        assert!(d.request.is_none() && d.events.is_empty());
        draft.part_type = Some(SuspectedPart::WearPart);
        let d = save_draft(
            &case,
            &ctx(&engineer()),
            &draft,
            Uuid::nil(),
            &sla(),
            &calendar(),
        )
        .unwrap();
        assert_eq!(
            d.request.unwrap().repair_due,
            Some(reported + Duration::days(1))
        );
        assert_eq!(
            d.events[0].data["repair_due_before"],
            json!(reported + Duration::days(3))
        );
    }

    #[test]
    fn no_report_before_the_engineer_is_on_site_nor_after_it_is_submitted() {
        let e = save_draft(
            &dispatched_case(),
            &ctx(&engineer()),
            &full_draft(),
            Uuid::nil(),
            &sla(),
            &calendar(),
        );
        assert_eq!(
            e.unwrap_err(),
            DomainError::ReportBeforeVisit { state: "assigned" }
        );
        let e = save_draft(
            &reported_case(ReportStatus::Submitted),
            &ctx(&engineer()),
            &full_draft(),
            Uuid::nil(),
            &sla(),
            &calendar(),
        );
        assert_eq!(
            e.unwrap_err(),
            DomainError::invalid_state(RecordKind::RepairReport, "submitted", Command::SaveReport)
        );
        let e = save_draft(
            &on_site_case(),
            &ctx(&other_engineer()),
            &full_draft(),
            Uuid::nil(),
            &sla(),
            &calendar(),
        );
        assert_eq!(e.unwrap_err(), DomainError::NotYourWorkOrder);
    }

    #[test]
    fn submitting_needs_the_finished_visit_and_the_required_content() {
        let case = reported_case(ReportStatus::Draft);
        let d = submit(&case, &ctx(&engineer())).unwrap();
        let r = d.report.unwrap();
        assert_eq!(r.status, ReportStatus::Submitted);
        assert_eq!(r.submitted_at, Some(now()));
        assert_eq!(r.inspection_passed, Some(true));
        assert_eq!(d.request.unwrap().status, RequestStatus::PendingReview);
        assert_eq!(d.events[0].data["labour_hours"], "2.5");

        let mut on_site = reported_case(ReportStatus::Draft);
        on_site.work_order.as_mut().unwrap().status = WorkOrderStatus::OnSite;
        assert_eq!(
            submit(&on_site, &ctx(&engineer())).unwrap_err(),
            DomainError::VisitNotFinished { state: "on_site" }
        );
        let mut empty = reported_case(ReportStatus::Draft);
        empty.report.as_mut().unwrap().content.labour_hours = Decimal::ZERO;
        assert_eq!(
            submit(&empty, &ctx(&engineer())).unwrap_err().code(),
            "validation_failed"
        );
    }

    #[test]
    fn a_main_part_report_is_submitted_with_its_assembly_and_a_wear_part_draft_claims_none() {
        use crate::service::fault::{FaultIdentity, MainAssembly};
        let field = |e: DomainError| match e {
            DomainError::Validation(v) => v.fields().join(","),
            other => panic!("{other:?}"),
        };
        let mut main = reported_case(ReportStatus::Draft);
        main.request.diagnosed_part = SuspectedPart::MainPart;
        assert_eq!(
            field(submit(&main, &ctx(&engineer())).unwrap_err()),
            "fault.assembly"
        );
        main.report.as_mut().unwrap().content.fault = FaultIdentity {
            assembly: Some(MainAssembly::Hydraulics),
            serious: true,
            assembly_replaced: false,
        };
        assert!(submit(&main, &ctx(&engineer())).is_ok());
        // The draft's own diagnosis decides over the request's so far.
        let on_site = on_site_case();
        let save = |draft: &ReportDraft| {
            let id = Uuid::from_u128(9);
            save_draft(&on_site, &ctx(&engineer()), draft, id, &sla(), &calendar())
        };
        let mut draft = full_draft();
        draft.part_type = Some(SuspectedPart::WearPart);
        draft.fault.assembly = Some(MainAssembly::Engine);
        assert_eq!(field(save(&draft).unwrap_err()), "fault.assembly");
        draft.part_type = Some(SuspectedPart::MainPart);
        let d = save(&draft).unwrap();
        assert_eq!(
            d.created_report().unwrap().content.fault.assembly,
            Some(MainAssembly::Engine)
        );
    }

    #[test]
    fn approval_sends_the_request_to_sign_off() {
        let case = reported_case(ReportStatus::Submitted);
        let sup = supervisor();
        let d = review(&case, &ctx(&sup), true, None).unwrap();
        let r = d.report.unwrap();
        assert_eq!(r.status, ReportStatus::Approved);
        assert_eq!(r.reviewer_name.as_deref(), Some("supervisor"));
        assert_eq!(r.reviewed_at, Some(now()));
        assert_eq!(d.request.unwrap().status, RequestStatus::PendingSignoff);
        assert_eq!(d.work_order, None);
        assert_eq!(
            review(&reported_case(ReportStatus::Draft), &ctx(&sup), true, None)
                .unwrap_err()
                .code(),
            "invalid_state"
        );
    }

    #[test]
    fn approval_confirms_the_proposed_coverage_or_changes_a_line_with_a_reason() {
        let mut case = reported_case(ReportStatus::Submitted);
        case.request.proposed_coverage = Some(Coverage::Sanbao);
        case.report.as_mut().unwrap().content.parts = vec![
            PartLine {
                part_number: None,
                name: "割刀".into(),
                quantity: Decimal::ONE,
                unit: None,
                coverage: None,
            };
            2
        ];
        let sup = supervisor();
        let d = approve(&case, &ctx(&sup), None, &CoverageChoice::default()).unwrap();
        assert_eq!(d.request.as_ref().unwrap().coverage, Some(Coverage::Sanbao));
        let parts = &d.report.as_ref().unwrap().content.parts;
        assert_eq!(parts[1].coverage, Some(Coverage::Sanbao));
        assert_eq!(d.events[0].data["coverage_changed"], false);

        let lines = [Coverage::Sanbao, Coverage::Charged];
        let mut choice = CoverageChoice {
            coverage: None,
            part_coverage: Some(&lines),
            reason: None,
        };
        let e = approve(&case, &ctx(&sup), None, &choice).unwrap_err();
        assert_eq!(e.code(), "validation_failed");
        choice.reason = Some("割刀撞石损坏，属使用不当");
        let d = approve(&case, &ctx(&sup), None, &choice).unwrap();
        let r = d.request.as_ref().unwrap();
        assert_eq!(r.coverage, Some(Coverage::Sanbao));
        assert_eq!(
            r.coverage_reason.as_deref(),
            Some("割刀撞石损坏，属使用不当")
        );
        let parts = &d.report.as_ref().unwrap().content.parts;
        assert_eq!(parts[1].coverage, Some(Coverage::Charged));
        assert_eq!(
            d.events[0].data["part_coverage"],
            json!(["sanbao", "charged"])
        );
        assert_eq!(
            d.events[0].data["coverage_reason"],
            "割刀撞石损坏，属使用不当"
        );
    }

    #[test]
    fn a_draft_drops_the_coverage_an_engineer_sends() {
        let mut draft = reported_case(ReportStatus::Draft).report.unwrap().content;
        draft.parts = vec![PartLine {
            part_number: None,
            name: "滤芯".into(),
            quantity: Decimal::ONE,
            unit: None,
            coverage: Some(Coverage::Goodwill),
        }];
        assert_eq!(tidy(&draft).parts[0].coverage, None);
    }

    /// The case after the engineer submitted a report of a visit whose
    /// inspection had `passed`.
    fn submitted(passed: bool) -> Case {
        let mut case = reported_case(ReportStatus::Draft);
        case.work_order.as_mut().unwrap().inspection_passed = Some(passed);
        step(&mut case, |c| submit(c, &ctx(&engineer())));
        case
    }

    #[test]
    fn a_failed_inspection_is_not_approved_and_only_rejection_is_offered() {
        let sup = supervisor();
        let failed = submitted(false);
        assert_eq!(
            failed.report.as_ref().unwrap().inspection_passed,
            Some(false)
        );
        assert_eq!(
            review(&failed, &ctx(&sup), true, None).unwrap_err(),
            DomainError::InspectionFailed
        );
        assert_eq!(
            available_commands(&sup, RecordKind::RepairReport, &failed.state()),
            vec![Command::RejectReport]
        );
        assert!(review(&failed, &ctx(&sup), false, Some("液压泵仍漏油")).is_ok());
        assert_eq!(
            available_commands(&sup, RecordKind::RepairReport, &submitted(true).state()),
            vec![Command::ApproveReport, Command::RejectReport]
        );
    }

    #[test]
    fn rejection_sends_the_engineer_back_for_another_visit_with_the_clocks_running() {
        let mut case = submitted(false);
        let arrived = now() - Duration::hours(3);
        case.request.arrived_at = Some(arrived);
        case.request.repaired_at = Some(now() - Duration::hours(1));
        case.work_order.as_mut().unwrap().arrived_at = Some(arrived);
        let sup = supervisor();
        let d = review(&case, &ctx(&sup), false, Some(" 补充配件 ")).unwrap();
        let rep = d.report.as_ref().unwrap();
        assert_eq!(rep.status, ReportStatus::Rejected);
        assert_eq!(rep.review_comment.as_deref(), Some("补充配件"));
        let w = d.work_order.as_ref().unwrap();
        assert_eq!(w.status, WorkOrderStatus::Assigned);
        assert_eq!(
            (w.arrived_at, w.finished_at, w.inspection_passed),
            (None, None, None)
        );
        let r = d.request.as_ref().unwrap();
        assert_eq!(r.status, RequestStatus::Dispatched);
        assert_eq!(r.arrived_at, Some(arrived));
        assert_eq!(r.repaired_at, None);
        assert_eq!(r.arrival_due, case.request.arrival_due);
        let e = &d.events[0];
        assert_eq!(e.action, AuditAction::ReportRejected);
        assert_eq!(e.data["comment"], "补充配件");
        assert_eq!(e.data["work_order"], "WO-2026-000001");
        // The version rejected is kept for the resubmission's comparison.
        let kept: ReportDraft = serde_json::from_value(e.data["rejected_report"].clone()).unwrap();
        assert_eq!(kept, case.report.as_ref().unwrap().content);
        assert_eq!(
            review(&case, &ctx(&sup), false, Some(" "))
                .unwrap_err()
                .code(),
            "validation_failed"
        );
    }

    #[test]
    fn after_a_rejection_the_engineer_visits_again_and_resubmits_for_approval() {
        use super::super::visits::{check_in, finish, schedule};
        use crate::service::types::{FinishRequest, ScheduleRequest};
        let (eng, sup) = (engineer(), supervisor());
        let mut case = submitted(false);
        let first_arrival = now() - Duration::hours(3);
        case.request.arrived_at = Some(first_arrival);
        step(&mut case, |c| review(c, &ctx(&sup), false, Some("返工")));
        // Not on site yet: no report to write, and the engineer is offered the
        // visit (and may ask for parts for it).
        assert_eq!(
            available_commands(&eng, RecordKind::WorkOrder, &case.state()),
            vec![
                Command::Schedule,
                Command::CheckIn,
                Command::CreateRequisition
            ]
        );
        assert_eq!(
            save_draft(
                &case,
                &ctx(&eng),
                &full_draft(),
                Uuid::nil(),
                &sla(),
                &calendar()
            )
            .unwrap_err(),
            DomainError::ReportBeforeVisit { state: "assigned" }
        );
        let at = ScheduleRequest {
            appointment_at: now() + Duration::hours(2),
            note: None,
        };
        step(&mut case, |c| schedule(c, &ctx(&eng), &at));
        step(&mut case, |c| check_in(c, &ctx(&eng)));
        assert_eq!(case.request.status, RequestStatus::InService);
        assert_eq!(case.request.arrived_at, Some(first_arrival));
        assert_eq!(case.work_order.as_ref().unwrap().arrived_at, Some(now()));
        let passed = FinishRequest {
            inspection_passed: true,
            notes: None,
        };
        step(&mut case, |c| finish(c, &ctx(&eng), &passed));
        assert_eq!(case.request.repaired_at, Some(now()));
        step(&mut case, |c| {
            save_draft(
                c,
                &ctx(&eng),
                &full_draft(),
                Uuid::nil(),
                &sla(),
                &calendar(),
            )
        });
        step(&mut case, |c| submit(c, &ctx(&eng)));
        assert_eq!(case.report.as_ref().unwrap().inspection_passed, Some(true));
        let d = review(&case, &ctx(&sup), true, None).unwrap();
        assert_eq!(d.report.unwrap().status, ReportStatus::Approved);
    }

    #[test]
    fn a_sign_link_is_asked_for_an_approved_or_refused_report_only() {
        let sup = supervisor();
        let expires = now() + chrono::Duration::days(7);
        let d =
            create_sign_link(&reported_case(ReportStatus::Approved), &ctx(&sup), expires).unwrap();
        assert_eq!(d.report, None);
        assert_eq!(d.events[0].action, AuditAction::SignLinkCreated);
        let mut refused = reported_case(ReportStatus::SignatureRefused);
        refused.report.as_mut().unwrap().refusal_reason = Some("不满意".into());
        let d = create_sign_link(&refused, &ctx(&sup), expires).unwrap();
        let r = d.report.unwrap();
        assert_eq!(r.status, ReportStatus::Approved);
        assert_eq!(r.refusal_reason, None);
        assert!(
            create_sign_link(&reported_case(ReportStatus::Submitted), &ctx(&sup), expires).is_err()
        );
    }

    /// The engineer of the work order shows the approved report's link on
    /// the phone; another engineer, an unapproved report or a refusal (the
    /// supervisor's decision) is refused, each with its own code.
    #[test]
    fn the_engineer_issues_the_link_of_an_approved_report_of_their_own_order() {
        let expires = now() + chrono::Duration::days(7);
        let approved = reported_case(ReportStatus::Approved);
        let d = create_sign_link(&approved, &ctx(&engineer()), expires).unwrap();
        assert_eq!(d.report, None);
        assert_eq!(d.events[0].action, AuditAction::SignLinkCreated);
        assert_eq!(
            available_commands(&engineer(), RecordKind::RepairReport, &approved.state()),
            vec![Command::CreateSignLink]
        );

        let err = create_sign_link(&approved, &ctx(&other_engineer()), expires).unwrap_err();
        assert_eq!(err, DomainError::NotYourWorkOrder);
        assert!(
            available_commands(
                &other_engineer(),
                RecordKind::RepairReport,
                &approved.state()
            )
            .is_empty()
        );

        for status in [ReportStatus::Submitted, ReportStatus::SignatureRefused] {
            let case = reported_case(status);
            let err = create_sign_link(&case, &ctx(&engineer()), expires).unwrap_err();
            assert_eq!(err.code(), "report_not_approved", "{status:?}");
            assert!(
                !available_commands(&engineer(), RecordKind::RepairReport, &case.state())
                    .contains(&Command::CreateSignLink)
            );
        }
    }
}
