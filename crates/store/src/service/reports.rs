//! Repair reports (维修报告): the engineer's draft and submission, the
//! supervisor's review.

use super::common::*;
use super::work_orders;
use crate::cursor::{decode_time, encode_time};
use crate::entities::{audit_event, repair_report, service_request, work_order};
use crate::error::StoreError;
use crate::pipeline::{Pipeline, Target};
use crate::{Listing, Store};
use furrow_domain::auth::Actor;
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::service::decide::available::case_state;
use furrow_domain::service::decide::available_commands;
use furrow_domain::service::decide::reports as decide;
use furrow_domain::service::decide::{Case, Ctx, Decision};
use furrow_domain::service::resubmission;
use furrow_domain::service::*;
use furrow_domain::{DomainError, RecordKind};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Select,
};
use std::collections::HashMap;
use uuid::Uuid;

/// A request's proposed coverage, confirmed coverage and reason, as stored.
type SrCoverage = (Option<String>, Option<String>, Option<String>);
type SrRow = (
    Uuid,
    String,
    String,
    bool,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Reports the actor may see, as the permission table's scope says: a
/// field engineer their own; dealers none.
pub fn scoped(actor: &Actor) -> Select<repair_report::Entity> {
    use repair_report::Column as C;
    scoped_to_engineer(actor, RecordKind::RepairReport, C::Id, C::EngineerId)
}

pub async fn find(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<repair_report::Model, StoreError> {
    find_in(conn, scoped(actor), repair_report::Column::Id, id).await
}

/// The parts of a stored report; a list that does not decode is an error.
pub fn parts_of(m: &repair_report::Model) -> Result<Vec<PartLine>, StoreError> {
    super::records::parts(m)
}

/// Reports as views with their work order and request numbers.
pub async fn views(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    rows: Vec<repair_report::Model>,
) -> Result<Vec<RepairReportView>, StoreError> {
    let wos: HashMap<Uuid, work_order::Model> = work_order::Entity::find()
        .filter(
            work_order::Column::Id.is_in(rows.iter().map(|r| r.work_order_id).collect::<Vec<_>>()),
        )
        .all(conn)
        .await?
        .into_iter()
        .map(|w| (w.id, w))
        .collect();
    let srs: HashMap<Uuid, (String, String, bool, SrCoverage)> = service_request::Entity::find()
        .select_only()
        .column(service_request::Column::Id)
        .column(service_request::Column::Number)
        .column(service_request::Column::Status)
        .column(service_request::Column::NeedsOnsite)
        .column(service_request::Column::ProposedCoverage)
        .column(service_request::Column::Coverage)
        .column(service_request::Column::CoverageReason)
        .filter(
            service_request::Column::Id
                .is_in(rows.iter().map(|r| r.request_id).collect::<Vec<_>>()),
        )
        .into_tuple::<SrRow>()
        .all(conn)
        .await?
        .into_iter()
        .map(
            |(id, number, status, onsite, proposed, confirmed, reason)| {
                (id, (number, status, onsite, (proposed, confirmed, reason)))
            },
        )
        .collect();
    let history = review_history(conn, &rows).await?;
    let people = rows
        .iter()
        .flat_map(|r| [Some(r.engineer_id), r.reviewer_id])
        .chain(history.iter().map(|e| e.actor_id))
        .flatten();
    let names = user_names(conn, people).await?;
    rows.into_iter()
        .map(|m| {
            let wo = wos.get(&m.work_order_id).ok_or(StoreError::NotFound)?;
            let wo_number = &wo.number;
            let acknowledgement = super::records::acknowledgement(wo)?;
            let (sr_number, sr_status, needs_onsite, (proposed, confirmed, reason)) =
                srs.get(&m.request_id).ok_or(StoreError::NotFound)?;
            let proposed_coverage = coverage_of(proposed.as_deref())?;
            let status = parse(&m.status, ReportStatus::parse)?;
            let last_rejection = last_rejection(&history, &names, &m, wo_number)?;
            let state = case_state(
                parse(sr_status, RequestStatus::parse)?,
                *needs_onsite,
                parse(&wo.status, WorkOrderStatus::parse)?,
                wo.engineer_id,
                Some(status),
                m.inspection_passed,
                acknowledgement
                    .as_ref()
                    .is_some_and(|a| a.covers(wo.finished_at)),
            );
            Ok(RepairReportView {
                id: m.id,
                work_order_id: m.work_order_id,
                work_order_number: wo_number.clone(),
                request_id: m.request_id,
                request_number: sr_number.clone(),
                status,
                actions: available_commands(actor, RecordKind::RepairReport, &state),
                engineer_name: display_name(&names, Some(m.engineer_id)).unwrap_or_default(),
                labour_hours: super::records::labour(&m)?,
                parts: super::records::parts(&m)?,
                fault: super::records::fault(&m)?,
                coverage: coverage_of(confirmed.as_deref())?.or(proposed_coverage),
                proposed_coverage,
                coverage_reason: reason.clone(),
                process: m.process,
                cause: m.cause,
                measures: m.measures,
                further_problems: m.further_problems,
                proposals: m.proposals,
                inspection_passed: m.inspection_passed,
                submitted_at: m.submitted_at,
                reviewer_name: display_name(&names, m.reviewer_id).or(m.reviewer_name),
                review_comment: m.review_comment,
                reviewed_at: m.reviewed_at,
                signer_name: m.signer_name,
                signed_at: m.signed_at,
                last_rejection,
                refusal_reason: m.refusal_reason,
                has_signature: m.signature_png.is_some(),
                acknowledgement,
                version: m.version,
                created_at: m.created_at,
                updated_at: m.updated_at,
            })
        })
        .collect()
}

/// The rejections recorded on the reports' requests.
async fn review_history(
    conn: &impl ConnectionTrait,
    rows: &[repair_report::Model],
) -> Result<Vec<audit_event::Model>, StoreError> {
    Ok(audit_event::Entity::find()
        .filter(audit_event::Column::EntityType.eq("service_request"))
        .filter(
            audit_event::Column::EntityId
                .is_in(rows.iter().map(|r| r.request_id).collect::<Vec<_>>()),
        )
        .filter(audit_event::Column::Action.eq("report_rejected"))
        .all(conn)
        .await?)
}

/// The report's last rejection from its request's events: answered by the
/// report's submission since, which is compared with the version rejected.
fn last_rejection(
    history: &[audit_event::Model],
    names: &HashMap<Uuid, String>,
    m: &repair_report::Model,
    wo_number: &str,
) -> Result<Option<resubmission::ReportRejection>, StoreError> {
    let mine = |e: &&audit_event::Model| {
        e.entity_id == m.request_id && e.changes["work_order"].as_str() == Some(wo_number)
    };
    let Some(rejected) = history.iter().filter(mine).max_by_key(|e| (e.at, e.id)) else {
        return Ok(None);
    };
    let answered_at =
        resubmission::answered_at(parse(&m.status, ReportStatus::parse)?, m.submitted_at);
    let changes = match (answered_at, rejected.changes.get("rejected_report")) {
        (Some(_), Some(before)) => {
            let before: ReportDraft = serde_json::from_value(before.clone()).map_err(|e| {
                StoreError::corrupt(format!("audit event {}", rejected.id), "rejected_report", e)
            })?;
            let now = super::records::report(m)?.content;
            Some(resubmission::changes_since_rejection(&before, &now))
        }
        _ => None,
    };
    Ok(Some(resubmission::ReportRejection {
        comment: rejected.changes["comment"].as_str().map(str::to_owned),
        rejected_by: display_name(names, rejected.actor_id).or(Some(rejected.actor_name.clone())),
        rejected_at: rejected.at,
        answered_at,
        changes,
    }))
}

pub async fn get(store: &Store, actor: &Actor, id: Uuid) -> Result<RepairReportView, StoreError> {
    let m = find(store.conn(), actor, id).await?;
    Ok(views(store.conn(), actor, vec![m]).await?.remove(0))
}

/// The report of a work order, if one was started.
pub async fn of_work_order(
    store: &Store,
    actor: &Actor,
    work_order_id: Uuid,
) -> Result<RepairReportView, StoreError> {
    work_orders::find(store.conn(), actor, work_order_id).await?;
    let m = scoped(actor)
        .filter(repair_report::Column::WorkOrderId.eq(work_order_id))
        .one(store.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(views(store.conn(), actor, vec![m]).await?.remove(0))
}

/// The stored signature image.
pub async fn signature(store: &Store, actor: &Actor, id: Uuid) -> Result<Vec<u8>, StoreError> {
    find(store.conn(), actor, id)
        .await?
        .signature_png
        .ok_or(StoreError::NotFound)
}

/// Reports by status (the review queue is `submitted`), oldest submission first.
pub async fn list(
    store: &Store,
    actor: &Actor,
    listing: &Listing<ReportFilters>,
) -> Result<Page<RepairReportView>, StoreError> {
    use repair_report::Column as C;
    let limit = clamp_limit(listing.limit);
    let mut q = scoped(actor).order_by_asc(C::UpdatedAt).order_by_asc(C::Id);
    if let Some(s) = listing.filters.status {
        q = q.filter(C::Status.eq(s.as_str()));
    }
    if let Some(c) = listing.cursor.as_deref() {
        let (at, id) = decode_time(c)?;
        q = q.filter(
            Condition::any()
                .add(C::UpdatedAt.gt(at))
                .add(Condition::all().add(C::UpdatedAt.eq(at)).add(C::Id.gt(id))),
        );
    }
    let mut rows = q.limit(limit + 1).all(store.conn()).await?;
    let next =
        crate::customers::page_end(&mut rows, limit).map(|r| encode_time(r.updated_at, r.id));
    Ok(Page::new(views(store.conn(), actor, rows).await?, next))
}

/// Saves the engineer's draft for their work order (on site or finished).
/// The first save creates the report; a rejected report goes back to draft.
pub async fn save_draft(
    store: &Store,
    actor: &Actor,
    work_order_id: Uuid,
    expected: Option<i32>,
    draft: &ReportDraft,
) -> Result<RepairReportView, StoreError> {
    draft.validate_draft()?;
    let target = Target::ReportOfWorkOrder(work_order_id);
    let done = Pipeline::run_with_clocks(
        store,
        actor,
        target,
        expected,
        |case, ctx, sla, calendar| {
            decide::save_draft(case, ctx, draft, Uuid::now_v7(), sla, calendar)
        },
    )
    .await?;
    get(store, actor, done.report_id.ok_or(StoreError::NotFound)?).await
}

/// Submits the report for review; the work order must be finished.
pub async fn submit(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
) -> Result<RepairReportView, StoreError> {
    on_report(store, actor, id, expected, decide::submit).await
}

/// Runs a command on report `id` and answers the report as it is now.
pub(super) async fn on_report<'a>(
    store: &Store,
    actor: &'a Actor,
    id: Uuid,
    expected: Option<i32>,
    decide: impl FnOnce(&Case, &Ctx<'a>) -> Result<Decision, DomainError>,
) -> Result<RepairReportView, StoreError> {
    Pipeline::run(store, actor, Target::Report(id), expected, decide).await?;
    get(store, actor, id).await
}

/// The supervisor approves a submitted report (审核通过), confirming or
/// changing who pays for the request and each part line (a change from the
/// proposal needs a reason; the approval's event keeps both).
pub async fn approve(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    body: &ApproveRequest,
) -> Result<RepairReportView, StoreError> {
    let p = Pipeline::for_actor(store, actor, Target::Report(id), expected).await?;
    let d = decide::approve(
        p.case(),
        &p.ctx(),
        body.comment.as_deref(),
        &body.coverage_choice(),
    )?;
    let mut d = super::repeat_faults::on_approval(&p, d).await?;
    // The approved report's parts requisition, in the approval's transaction.
    d.events
        .extend(crate::requisitions::on_approval(store, &p, &d).await?);
    p.commit(d).await?;
    get(store, actor, id).await
}

/// The supervisor approves (审核通过) or rejects (驳回, comment required) a submitted report.
pub async fn review(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    approve: bool,
    comment: Option<&str>,
) -> Result<RepairReportView, StoreError> {
    let p = Pipeline::for_actor(store, actor, Target::Report(id), expected).await?;
    let d = decide::review(p.case(), &p.ctx(), approve, comment)?;
    let mut d = super::repeat_faults::on_approval(&p, d).await?;
    // The approved report's parts requisition, in the approval's transaction.
    d.events
        .extend(crate::requisitions::on_approval(store, &p, &d).await?);
    p.commit(d).await?;
    get(store, actor, id).await
}
