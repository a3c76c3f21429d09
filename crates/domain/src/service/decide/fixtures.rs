//! Records and actors for the decisions' tests.

use super::Ctx;
use super::records::{Case, Report, Request};
use super::reports::new_report;
use super::requests::{Assignment, new_work_order};
use crate::auth::Actor;
use crate::roles::Role;
use crate::service::calendar::WorkCalendar;
use crate::service::sanbao::LegalClock;
use crate::service::sla::SlaSettings;
use crate::service::status::{ReportStatus, RequestStatus, WorkOrderStatus};
use crate::service::types::{DispatchRequest, ReportDraft, SuspectedPart};
use chrono::{DateTime, Duration, TimeZone, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).unwrap()
}

fn user(id: u128, role: Role) -> Actor {
    Actor {
        user_id: Uuid::from_u128(id),
        username: role.as_str().into(),
        roles: vec![role],
        dealer_id: None,
    }
}

pub fn agent() -> Actor {
    user(1, Role::Agent)
}

pub fn supervisor() -> Actor {
    user(2, Role::Supervisor)
}

pub fn engineer_id() -> Uuid {
    Uuid::from_u128(3)
}

pub fn engineer() -> Actor {
    user(3, Role::Engineer)
}

pub fn other_engineer() -> Actor {
    user(4, Role::Engineer)
}

pub fn ctx(actor: &Actor) -> Ctx<'_> {
    Ctx { actor, now: now() }
}

pub fn sla() -> SlaSettings {
    SlaSettings::default()
}

pub fn calendar() -> WorkCalendar {
    WorkCalendar::default()
}

pub fn new_case() -> Case {
    Case {
        request: Request {
            id: Uuid::from_u128(100),
            number: "SR-2026-000001".into(),
            status: RequestStatus::New,
            needs_onsite: true,
            dealer_id: None,
            first_contact_at: None,
            arrival_due: Some(now() + Duration::hours(24)),
            arrived_at: None,
            repaired_at: None,
            completed_at: None,
            closed_at: None,
            work_order_id: None,
            engineer_id: None,
            cancel_reason: None,
            resolution: None,
            reported_at: now() - Duration::hours(2),
            legal_clock: LegalClock::SanbaoBusySeason,
            diagnosed_part: SuspectedPart::Unknown,
            repair_due: Some(now() - Duration::hours(2) + Duration::days(1)),
            proposed_coverage: None,
            coverage: None,
            coverage_reason: None,
            version: 1,
        },
        work_order: None,
        report: None,
    }
}

pub fn dispatch_input(site: Option<&str>) -> DispatchRequest {
    DispatchRequest {
        engineer_id: engineer_id(),
        site_address: site.map(Into::into),
        requirements: None,
    }
}

pub fn assignment() -> Assignment {
    Assignment {
        id: Uuid::from_u128(200),
        number: "WO-2026-000001".into(),
        engineer_id: engineer_id(),
        engineer_name: "王工".into(),
        default_site: "黑龙江五常市".into(),
    }
}

/// A request dispatched to [`engineer`], its work order assigned.
pub fn dispatched_case() -> Case {
    let mut case = new_case();
    case.request.status = RequestStatus::Dispatched;
    case.request.work_order_id = Some(Uuid::from_u128(200));
    case.request.engineer_id = Some(engineer_id());
    case.work_order = Some(new_work_order(
        &ctx(&supervisor()),
        &case.request,
        &assignment(),
        None,
        Some("带液压油".into()),
    ));
    case
}

/// The engineer on site, no report yet.
pub fn on_site_case() -> Case {
    let mut case = dispatched_case();
    case.request.status = RequestStatus::InService;
    let w = case.work_order.as_mut().unwrap();
    w.status = WorkOrderStatus::OnSite;
    w.arrived_at = Some(now() - Duration::hours(2));
    case
}

pub fn full_draft() -> ReportDraft {
    ReportDraft {
        process: "拆检液压泵".into(),
        cause: "密封圈老化".into(),
        measures: "更换密封圈".into(),
        further_problems: None,
        proposals: None,
        labour_hours: Decimal::new(25, 1),
        parts: vec![],
        part_type: None,
        fault: Default::default(),
    }
}

/// The visit finished with a passed inspection and a report in `status`.
pub fn reported_case(status: ReportStatus) -> Case {
    let mut case = on_site_case();
    let w = case.work_order.as_mut().unwrap();
    w.status = WorkOrderStatus::Finished;
    w.finished_at = Some(now() - Duration::hours(1));
    w.inspection_passed = Some(true);
    case.request.status = match status {
        ReportStatus::Draft | ReportStatus::Rejected => RequestStatus::InService,
        ReportStatus::Submitted => RequestStatus::PendingReview,
        ReportStatus::Approved | ReportStatus::SignatureRefused => RequestStatus::PendingSignoff,
        ReportStatus::Signed | ReportStatus::ClosedUnsigned => RequestStatus::Completed,
    };
    let report = new_report(w, Uuid::from_u128(300), full_draft());
    case.report = Some(Report { status, ..report });
    case
}
