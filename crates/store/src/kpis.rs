//! The monthly KPIs (DESIGN §5): the store loads the facts of the month's
//! records — the work orders whose arrival was due or that finished in the
//! month, the follow-ups done in it — in a few set queries that run alike on
//! SQLite and PostgreSQL, and `furrow_domain::kpi`'s rules decide which count
//! where. The figures and the records behind them are read off the same
//! facts by the same rules, so a figure and its drill-down always agree.

use crate::cursor::{decode_time, encode_time, page_end};
use crate::entities::{dealer, follow_up, service_request, work_order};
use crate::error::StoreError;
use crate::service::common::user_names;
use crate::stocktakes::ReconciledLine;
use crate::{Listing, Store, settings};
use chrono::{DateTime, Utc};
use furrow_domain::access::{self, RecordKind, Scope};
use furrow_domain::auth::Actor;
use furrow_domain::kpi::*;
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::service::follow_up::FollowUpStatus;
use furrow_domain::service::sla::SlaSettings;
use furrow_domain::service::{Satisfaction, WorkOrderStatus};
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QuerySelect};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// A work order of the month with its facts and whom it counts for.
struct WorkOrderRow {
    id: Uuid,
    number: String,
    request_id: Uuid,
    engineer_id: Uuid,
    facts: WorkOrderFacts,
}

/// A follow-up done in the month with its facts.
struct FollowUpRow {
    id: Uuid,
    request_id: Uuid,
    facts: FollowUpFacts,
}

/// What a request tells the month's figures: its number and whom it is of.
struct RequestRow {
    number: String,
    engineer_id: Option<Uuid>,
    dealer_id: Option<Uuid>,
    region: Option<String>,
}

/// The facts of one month, as far as the actor may see them.
struct MonthFacts {
    span: MonthSpan,
    work_orders: Vec<WorkOrderRow>,
    follow_ups: Vec<FollowUpRow>,
    requests: HashMap<Uuid, RequestRow>,
}

impl MonthFacts {
    /// The engineer a follow-up counts for: the engineer of its request.
    fn follow_up_engineer(&self, f: &FollowUpRow) -> Option<Uuid> {
        self.requests.get(&f.request_id).and_then(|r| r.engineer_id)
    }

    fn request_of(&self, id: Uuid) -> Option<&RequestRow> {
        self.requests.get(&id)
    }

    /// Whether a record of request `request_id` done by `engineer` counts for `subject`.
    fn counts_for(&self, subject: &Subject, engineer: Option<Uuid>, request_id: Uuid) -> bool {
        let r = self.request_of(request_id);
        match subject {
            Subject::Company => true,
            Subject::Parts => false,
            Subject::Engineer(e) => engineer == Some(*e),
            Subject::Dealer(d) => r.and_then(|r| r.dealer_id) == Some(*d),
            Subject::Region(name) => r.and_then(|r| r.region.as_deref()) == Some(name.as_str()),
        }
    }

    /// The three service figures of `subject`.
    fn figures(&self, subject: &Subject) -> (Rate, Rate, Rate) {
        let span = &self.span;
        let mut t = Rate::NO_DATA;
        let mut s = Rate::NO_DATA;
        let mut sat = Rate::NO_DATA;
        for w in &self.work_orders {
            if self.counts_for(subject, Some(w.engineer_id), w.request_id) {
                t.add(timeliness(&w.facts, span));
                s.add(success(&w.facts, span));
            }
        }
        for f in &self.follow_ups {
            if self.counts_for(subject, self.follow_up_engineer(f), f.request_id) {
                sat.add(satisfaction(&f.facts, span));
            }
        }
        (t, s, sat)
    }
}

/// The actor's view of the KPIs: every subject, or only their own figures.
fn own_engineer(actor: &Actor) -> Result<Option<Uuid>, StoreError> {
    match access::scope(actor, RecordKind::Kpi) {
        Scope::All => Ok(None),
        Scope::OwnWorkOrders => Ok(Some(actor.user_id)),
        _ => Err(StoreError::Forbidden(
            "your roles do not allow reading the KPIs".into(),
        )),
    }
}

/// Work orders whose arrival was due or that finished in `span`.
fn month_work_orders(span: &MonthSpan, engineer: Option<Uuid>) -> Condition {
    use work_order::Column as C;
    let mut c = Condition::all().add(
        Condition::any()
            .add(
                C::ArrivalDue
                    .gte(span.start)
                    .and(C::ArrivalDue.lt(span.end)),
            )
            .add(
                C::FinishedAt
                    .gte(span.start)
                    .and(C::FinishedAt.lt(span.end)),
            ),
    );
    if let Some(e) = engineer {
        c = c.add(C::EngineerId.eq(e));
    }
    c
}

/// Follow-ups done (outcome recorded or closed unreachable) in `span`.
fn month_follow_ups(span: &MonthSpan) -> Condition {
    use follow_up::Column as C;
    Condition::all()
        .add(C::CompletedAt.gte(span.start))
        .add(C::CompletedAt.lt(span.end))
}

/// The request ids of the month's work orders, as a subquery.
fn work_order_requests(span: &MonthSpan, engineer: Option<Uuid>) -> SelectStatement {
    Query::select()
        .column(work_order::Column::RequestId)
        .from(work_order::Entity)
        .cond_where(month_work_orders(span, engineer))
        .to_owned()
}

/// Loads the month's facts; for an engineer-scoped actor only their own.
async fn load(
    store: &Store,
    month: Month,
    engineer: Option<Uuid>,
) -> Result<MonthFacts, StoreError> {
    let conn = store.conn();
    let zone = settings::cached::<SlaSettings>(store).await?.0.zone();
    let span = month.span(zone);

    let orders = work_order::Entity::find()
        .filter(month_work_orders(&span, engineer))
        .all(conn)
        .await?;

    // The requests reported as repeats of the month's work orders' requests:
    // the first one at or after each visit finished decides its success.
    let mut repeats: HashMap<Uuid, Vec<DateTime<Utc>>> = HashMap::new();
    for (of, at) in service_request::Entity::find()
        .select_only()
        .column(service_request::Column::RepeatOf)
        .column(service_request::Column::ReportedAt)
        .filter(service_request::Column::RepeatOf.in_subquery(work_order_requests(&span, engineer)))
        .into_tuple::<(Option<Uuid>, DateTime<Utc>)>()
        .all(conn)
        .await?
    {
        if let Some(of) = of {
            repeats.entry(of).or_default().push(at);
        }
    }
    let abnormal: std::collections::HashSet<Uuid> = follow_up::Entity::find()
        .select_only()
        .column(follow_up::Column::RequestId)
        .filter(follow_up::Column::MachineRunningNormally.eq(false))
        .filter(follow_up::Column::RequestId.in_subquery(work_order_requests(&span, engineer)))
        .into_tuple::<Uuid>()
        .all(conn)
        .await?
        .into_iter()
        .collect();

    let mut fu_query = follow_up::Entity::find().filter(month_follow_ups(&span));
    if let Some(e) = engineer {
        fu_query = fu_query.filter(
            follow_up::Column::RequestId.in_subquery(
                Query::select()
                    .column(service_request::Column::Id)
                    .from(service_request::Entity)
                    .and_where(Expr::col(service_request::Column::EngineerId).eq(e))
                    .to_owned(),
            ),
        );
    }
    let follow_ups = fu_query.all(conn).await?;

    let done = FollowUpStatus::Done.as_str();
    let follow_ups: Vec<FollowUpRow> = follow_ups
        .into_iter()
        .map(|f| FollowUpRow {
            id: f.id,
            request_id: f.request_id,
            facts: FollowUpFacts {
                done_at: f.completed_at,
                // Only a follow-up done with an outcome reached the customer;
                // one closed unreachable did not, whatever its last call said.
                reached: f.status == done && f.reached == Some(true),
                satisfaction: f.satisfaction.as_deref().and_then(Satisfaction::parse),
            },
        })
        .collect();

    let request_ids: Vec<Uuid> = orders
        .iter()
        .map(|w| w.request_id)
        .chain(follow_ups.iter().map(|f| f.request_id))
        .collect();
    let mut requests = HashMap::new();
    // In slices, to stay under both engines' limit of bound parameters.
    for ids in request_ids.chunks(10_000) {
        for r in service_request::Entity::find()
            .select_only()
            .column(service_request::Column::Id)
            .column(service_request::Column::Number)
            .column(service_request::Column::EngineerId)
            .column(service_request::Column::DealerId)
            .column(service_request::Column::Region)
            .filter(service_request::Column::Id.is_in(ids.iter().copied()))
            .into_tuple::<(Uuid, String, Option<Uuid>, Option<Uuid>, Option<String>)>()
            .all(conn)
            .await?
        {
            requests.insert(
                r.0,
                RequestRow {
                    number: r.1,
                    engineer_id: r.2,
                    dealer_id: r.3,
                    region: r.4,
                },
            );
        }
    }

    let closed = [
        WorkOrderStatus::Cancelled.as_str(),
        WorkOrderStatus::Reassigned.as_str(),
    ];
    let work_orders = orders
        .into_iter()
        .map(|w| {
            let repeat_reported_at = w.finished_at.and_then(|done| {
                repeats
                    .get(&w.request_id)
                    .and_then(|at| at.iter().copied().filter(|t| *t >= done).min())
            });
            WorkOrderRow {
                facts: WorkOrderFacts {
                    arrival_due: w.arrival_due,
                    arrived_at: w.arrived_at,
                    cancelled_or_reassigned: closed.contains(&w.status.as_str()),
                    finished_at: w.finished_at,
                    inspection_passed: w.inspection_passed == Some(true),
                    repeat_reported_at,
                    follow_up_abnormal: abnormal.contains(&w.request_id),
                },
                id: w.id,
                number: w.number,
                request_id: w.request_id,
                engineer_id: w.engineer_id,
            }
        })
        .collect();
    Ok(MonthFacts {
        span,
        work_orders,
        follow_ups,
        requests,
    })
}

/// A rounded score for the wire.
fn score_view(s: Option<rust_decimal::Decimal>) -> Option<f64> {
    use rust_decimal::prelude::ToPrimitive;
    s.and_then(|s| s.round_dp(2).to_f64())
}

fn subject_figures(
    facts: &MonthFacts,
    subject: Subject,
    id: Option<Uuid>,
    name: String,
    weights: Option<&AssessmentSettings>,
) -> SubjectFigures {
    let (t, s, sat) = facts.figures(&subject);
    let score = weights.and_then(|a| {
        let w = &a.engineer_weights;
        score(&[(t, w.timeliness), (s, w.success), (sat, w.satisfaction)])
    });
    SubjectFigures {
        subject: subject.to_string(),
        id,
        name,
        figures: KpiFigures {
            timeliness: t.into(),
            success: s.into(),
            satisfaction: sat.into(),
        },
        score: score_view(score),
        grade: score.zip(weights).map(|(s, a)| grade(s, &a.bands)),
    }
}

/// The lines of the stock-takes (盘点) reconciled in the month, with the
/// facts the parts accuracy counts: the book each was counted against and
/// the count (a reconciled stock-take has every line counted).
async fn parts_lines(
    store: &Store,
    span: &MonthSpan,
) -> Result<Vec<(ReconciledLine, StockTakeLineFacts)>, StoreError> {
    Ok(
        crate::stocktakes::reconciled_lines(store.conn(), span.start, span.end)
            .await?
            .into_iter()
            .filter_map(|l| {
                let facts = StockTakeLineFacts {
                    reconciled_at: Some(l.reconciled_at),
                    book: l.book_at_count?,
                    counted: l.counted?,
                };
                Some((l, facts))
            })
            .collect(),
    )
}

/// 配件准确率 of the month: the lines of the stock-takes reconciled in it
/// whose count equals the book / all such lines ("no data" without any).
async fn parts_accuracy_rate(store: &Store, span: &MonthSpan) -> Result<Rate, StoreError> {
    let lines = parts_lines(store, span).await?;
    Ok(Rate::count(
        lines.iter().map(|(_, f)| parts_accuracy(f, span)),
    ))
}

/// `GET /kpis?month=`: the month's figures the actor may see.
pub async fn report(store: &Store, actor: &Actor, month: &str) -> Result<KpiReport, StoreError> {
    let month = Month::parse(month)?;
    let own = own_engineer(actor)?;
    let facts = load(store, month, own).await?;
    let assessment = settings::cached::<AssessmentSettings>(store).await?.0;
    let conn = store.conn();

    let mut engineer_ids: Vec<Uuid> = facts
        .work_orders
        .iter()
        .map(|w| w.engineer_id)
        .chain(
            facts
                .follow_ups
                .iter()
                .filter_map(|f| facts.follow_up_engineer(f)),
        )
        .collect();
    if let Some(me) = own {
        engineer_ids.retain(|e| *e == me);
        engineer_ids.push(me);
    }
    engineer_ids.sort_unstable();
    engineer_ids.dedup();
    let names = user_names(conn, engineer_ids.iter().copied()).await?;
    let mut engineers: Vec<SubjectFigures> = engineer_ids
        .iter()
        .map(|e| {
            let name = names.get(e).cloned().unwrap_or_default();
            subject_figures(
                &facts,
                Subject::Engineer(*e),
                Some(*e),
                name,
                Some(&assessment),
            )
        })
        .collect();
    engineers.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));

    let mut report = KpiReport {
        month: month.to_string(),
        from: facts.span.start,
        to: facts.span.end,
        engineers,
        parts_department: None,
        company: None,
        dealers: Vec::new(),
        regions: Vec::new(),
    };
    if own.is_some() {
        return Ok(report);
    }

    let accuracy = parts_accuracy_rate(store, &facts.span).await?;
    let parts_score = score(&[(accuracy, assessment.parts_weights.accuracy)]);
    report.parts_department = Some(PartsFigures {
        subject: Subject::Parts.to_string(),
        parts_accuracy: accuracy.into(),
        score: score_view(parts_score),
        grade: parts_score.map(|s| grade(s, &assessment.bands)),
    });
    report.company = Some(subject_figures(
        &facts,
        Subject::Company,
        None,
        String::new(),
        None,
    ));

    let mut dealer_ids: Vec<Uuid> = facts
        .requests
        .values()
        .filter_map(|r| r.dealer_id)
        .collect();
    dealer_ids.sort_unstable();
    dealer_ids.dedup();
    let dealer_names = crate::labels::labels::<dealer::Entity>(
        conn,
        dealer::Column::Id,
        dealer::Column::Name,
        dealer_ids.iter().copied(),
    )
    .await?;
    let mut dealers: Vec<SubjectFigures> = dealer_ids
        .iter()
        .map(|d| {
            let name = dealer_names.get(d).cloned().unwrap_or_default();
            subject_figures(&facts, Subject::Dealer(*d), Some(*d), name, None)
        })
        .collect();
    dealers.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
    report.dealers = dealers;

    let regions: BTreeMap<&str, ()> = facts
        .requests
        .values()
        .filter_map(|r| r.region.as_deref())
        .map(|r| (r, ()))
        .collect();
    report.regions = regions
        .keys()
        .map(|r| {
            subject_figures(
                &facts,
                Subject::Region((*r).to_owned()),
                None,
                (*r).to_owned(),
                None,
            )
        })
        .collect();
    Ok(report)
}

/// `GET /kpis/records`: the exact records behind one side of one figure,
/// by the time that puts them in the month, in keyset pages.
pub async fn records(
    store: &Store,
    actor: &Actor,
    listing: &Listing<KpiRecordFilters>,
) -> Result<Page<KpiRecord>, StoreError> {
    let f = &listing.filters;
    let month = Month::parse(&f.month)?;
    let subject = Subject::parse(&f.subject)?;
    let own = own_engineer(actor)?;
    if own.is_some_and(|me| subject != Subject::Engineer(me)) {
        // Another subject's figures do not exist for an engineer.
        return Err(StoreError::NotFound);
    }
    let limit = clamp_limit(listing.limit);
    let after = listing.cursor.as_deref().map(decode_time).transpose()?;
    let facts = load(store, month, own).await?;
    let span = facts.span;
    let wants = |outcome: Option<bool>| match f.part {
        KpiPart::Denominator => outcome.is_some(),
        KpiPart::Numerator => outcome == Some(true),
    };
    let number_of = |request_id: Uuid| {
        facts
            .request_of(request_id)
            .map(|r| r.number.clone())
            .unwrap_or_default()
    };
    let record =
        |record, id, number, request_id, engineer_id, at, outcome, reason: &str| KpiRecord {
            record,
            id,
            number,
            request_id: Some(request_id),
            request_number: Some(number_of(request_id)),
            stocktake_id: None,
            part_number: None,
            engineer_id,
            engineer_name: None,
            at,
            in_numerator: outcome == Some(true),
            reason: reason.to_owned(),
        };
    let mut rows: Vec<KpiRecord> = Vec::new();
    match f.kpi {
        Kpi::Timeliness | Kpi::Success => {
            for w in &facts.work_orders {
                if !facts.counts_for(&subject, Some(w.engineer_id), w.request_id) {
                    continue;
                }
                let (outcome, at, reason) = if f.kpi == Kpi::Timeliness {
                    (
                        timeliness(&w.facts, &span),
                        w.facts.arrival_due,
                        timeliness_reason(&w.facts),
                    )
                } else {
                    (
                        success(&w.facts, &span),
                        w.facts.finished_at,
                        success_reason(&w.facts, &span),
                    )
                };
                if let (true, Some(at)) = (wants(outcome), at) {
                    rows.push(record(
                        RecordKind::WorkOrder,
                        w.id,
                        w.number.clone(),
                        w.request_id,
                        Some(w.engineer_id),
                        at,
                        outcome,
                        reason,
                    ));
                }
            }
        }
        Kpi::Satisfaction => {
            for fu in &facts.follow_ups {
                let engineer = facts.follow_up_engineer(fu);
                if !facts.counts_for(&subject, engineer, fu.request_id) {
                    continue;
                }
                let outcome = satisfaction(&fu.facts, &span);
                if let (true, Some(at)) = (wants(outcome), fu.facts.done_at) {
                    let reason = fu.facts.satisfaction.map_or("", |s| s.as_str());
                    rows.push(record(
                        RecordKind::FollowUp,
                        fu.id,
                        number_of(fu.request_id),
                        fu.request_id,
                        engineer,
                        at,
                        outcome,
                        reason,
                    ));
                }
            }
        }
        // The parts department's alone: its stock-takes' lines.
        Kpi::PartsAccuracy if subject == Subject::Parts => {
            for (l, facts) in parts_lines(store, &span).await? {
                let outcome = parts_accuracy(&facts, &span);
                if wants(outcome) {
                    rows.push(KpiRecord {
                        record: RecordKind::Stocktake,
                        id: l.id,
                        number: l.number,
                        request_id: None,
                        request_number: None,
                        stocktake_id: Some(l.stocktake_id),
                        part_number: Some(l.part_number),
                        engineer_id: None,
                        engineer_name: None,
                        at: l.reconciled_at,
                        in_numerator: outcome == Some(true),
                        reason: if outcome == Some(true) {
                            "matched"
                        } else {
                            "variance"
                        }
                        .to_owned(),
                    });
                }
            }
        }
        Kpi::PartsAccuracy => {}
    }
    rows.sort_by_key(|r| (r.at, r.id));
    if let Some((at, id)) = after {
        rows.retain(|r| (r.at, r.id) > (at, id));
    }
    rows.truncate(limit as usize + 1);
    let next = page_end(&mut rows, limit).map(|r| encode_time(r.at, r.id));
    let names = user_names(store.conn(), rows.iter().filter_map(|r| r.engineer_id)).await?;
    let items = rows
        .into_iter()
        .map(|mut r| {
            r.engineer_name = r.engineer_id.and_then(|e| names.get(&e).cloned());
            r
        })
        .collect();
    Ok(Page::new(items, next))
}
