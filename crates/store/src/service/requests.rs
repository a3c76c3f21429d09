//! Service requests: intake with SLA clocks and idempotency, lists by urgency,
//! the timeline, dispatch, remote resolution and cancellation.

use super::common::*;
use super::intake_refs::resolve;
use crate::cursor::{contains_pattern, decode, decode_time, encode, encode_time, invalid};
use crate::db::now;
use crate::entities::{
    customer, idempotency_key, machine, product_model, service_request, work_order,
};
use crate::error::StoreError;
use crate::idempotency::{self, IdempotencyKey};
use crate::pipeline::{self, Creation};
use crate::{Store, audit, customers, engineers, settings};
use chrono::{DateTime, Utc};
use furrow_domain::RecordKind;
use furrow_domain::audit::AuditEventView;
use furrow_domain::auth::Actor;
use furrow_domain::master::MachineCategory;
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::service::decide::intake::{
    self as decide_intake, IntakeRefs, NewRequest, Numbered,
};
use furrow_domain::service::dispatch::rank;
use furrow_domain::service::sla::{ClockInput, Clocks, clocks};
use furrow_domain::service::*;
use furrow_domain::validation::clamp_to_span;
use sea_orm::sea_query::{Expr, Func, LikeExpr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QuerySelect,
    QueryTrait,
};
use uuid::Uuid;

/// The audit entity of everything that happens in a request's life.
pub const ENTITY: &str = RecordKind::ServiceRequest.as_str();

pub use super::desk::{cancel, dispatch, record_contact, resolve_remotely};

/// Clock preview for the intake form (the promised arrival time proposed from the SLA).
pub async fn preview_clocks(
    store: &Store,
    actor: &Actor,
    q: &ClockPreviewQuery,
) -> Result<Clocks, StoreError> {
    let r = resolve(store.conn(), actor, q.customer_id, q.machine_id, None).await?;
    let (sla, _) = settings::sla_cached(store).await?;
    Ok(clocks(
        &sla,
        &ClockInput {
            reported_at: now(),
            priority: q.priority,
            region: Some(r.customer.province.clone()),
            category: r.category,
            harvest_critical: q.harvest_critical,
            suspected_part: q.suspected_part.unwrap_or(SuspectedPart::Unknown),
            needs_onsite: q.needs_onsite,
            promised_arrival_at: None,
        },
    ))
}

/// The result of an intake: the request, or the stored first response to a retry.
pub enum Intake {
    Created(Box<ServiceRequestView>),
    Replayed(idempotency::StoredResponse),
}

/// Records a service request (报修受理).
///
/// A retry with the same `Idempotency-Key` gets the first attempt's stored
/// answer. The key is not looked up first, which would cost every intake a
/// statement: the key's row is written in the creating transaction, so a retry
/// fails there and rolls back (no number is used), and only then is the stored
/// answer read. Any other failure is checked the same way, so a retry is
/// answered as the first attempt was even if, say, the customer has since left
/// the actor's scope.
pub async fn intake(
    store: &Store,
    actor: &Actor,
    input: &CreateServiceRequest,
    key: Option<&IdempotencyKey>,
) -> Result<Intake, StoreError> {
    let error = match create(store, actor, input, key).await {
        Ok(view) => return Ok(Intake::Created(view)),
        Err(e) => e,
    };
    if let Some(k) = key
        && let Some(stored) = idempotency::replay(store.conn(), k).await?
    {
        return Ok(Intake::Replayed(stored));
    }
    Err(error)
}

/// The new request of an intake, its event and its key's answer, committed:
/// the references resolved in the actor's scope, the number taken in the
/// write, the request decided by `decide::intake`, saved by the pipeline.
async fn create(
    store: &Store,
    actor: &Actor,
    input: &CreateServiceRequest,
    key: Option<&IdempotencyKey>,
) -> Result<Box<ServiceRequestView>, StoreError> {
    decide_intake::validate(input, store.now())?;
    let (sla, _) = settings::sla_cached(store).await?;
    let r = resolve(
        store.conn(),
        actor,
        input.customer_id,
        input.machine_id,
        input.model_id,
    )
    .await?;
    if let Some(prev) = input.repeat_of {
        find_request(store.conn(), actor, prev).await.map_err(|_| {
            field_error("repeat_of", "unknown", "no request you can see has this id")
        })?;
    }
    let refs = IntakeRefs {
        customer_id: r.customer.id,
        dealer_id: r.customer.dealer_id,
        province: r.customer.province.clone(),
        machine_id: r.machine.as_ref().map(|m| m.id),
        model_id: r.model_id,
        category: r.category,
    };
    let names = (
        r.customer.name,
        r.customer.phone,
        r.machine.map(|m| m.serial_number),
        r.model.as_ref().map(|m| m.name.clone()),
        r.model.map(|m| m.category),
        None,
    );
    let write = Creation::begin(store, actor).await?;
    let numbered = Numbered {
        id: Uuid::now_v7(),
        number: write.take_number("SR", sla.zone()).await?,
    };
    let decision = decide_intake::intake(&write.ctx(), &refs, input, &sla, numbered)?;
    let created = decision.created_request().ok_or_else(|| {
        StoreError::Db(sea_orm::DbErr::Custom("intake created no request".into()))
    })?;
    let row = new_row(created);
    let view = with_actions(actor, request_view(row, names, created.reported_at)?);
    if let Some(k) = key {
        // A key already stored (a retry, or a concurrent one that committed
        // first) fails here, and with it the transaction.
        let body = serde_json::to_string(&view).unwrap_or_default();
        idempotency_key::Entity::insert(idempotency::row(k, 201, body))
            .exec_without_returning(write.tx())
            .await?;
    }
    write.commit(decision).await?;
    Ok(Box::new(view))
}

/// The row of a request intake creates; the urgency key follows its clocks.
pub fn new_row(r: &NewRequest) -> service_request::Model {
    let mut row = service_request::Model {
        id: r.id,
        number: r.number.clone(),
        status: r.status.as_str().into(),
        is_open: true,
        channel: r.channel.as_str().into(),
        kind: r.kind.as_str().into(),
        priority: r.priority.as_str().into(),
        priority_rank: r.priority.rank(),
        customer_id: r.customer_id,
        machine_id: r.machine_id,
        model_id: r.model_id,
        reported_serial: r.reported_serial.clone(),
        dealer_id: r.dealer_id,
        region: r.region.clone(),
        symptoms: r.symptoms.clone(),
        preliminary_judgement: r.preliminary_judgement.clone(),
        needs_onsite: r.needs_onsite,
        harvest_critical: r.harvest_critical,
        machine_stopped: r.machine_stopped,
        stopped_rank: r.stopped_rank,
        operation_at_risk: r.operation_at_risk.map(|o| o.as_str().to_owned()),
        suspected_part: r.suspected_part.as_str().into(),
        in_season: r.in_season,
        promised_arrival_at: r.promised_arrival_at,
        reported_at: r.reported_at,
        first_contact_due: r.first_contact_due,
        first_contact_at: None,
        arrival_due: r.arrival_due,
        arrived_at: None,
        repair_due: r.repair_due,
        repaired_at: None,
        completed_at: None,
        closed_at: None,
        sort_due: r.reported_at,
        work_order_id: None,
        engineer_id: None,
        repeat_of: r.repeat_of,
        cancel_reason: None,
        resolution: None,
        created_by: r.created_by,
        created_by_name: r.created_by_name.clone(),
        version: 1,
        created_at: r.reported_at,
        updated_at: r.reported_at,
    };
    row.sort_due = sort_due(&row);
    row
}

/// A stored request read back as intake's record, for the bench's twin,
/// which copies a loaded row.
fn new_request_of(m: &service_request::Model) -> Result<NewRequest, StoreError> {
    Ok(NewRequest {
        id: m.id,
        number: m.number.clone(),
        status: RequestStatus::New,
        channel: parse(&m.channel, Channel::parse)?,
        kind: parse(&m.kind, RequestKind::parse)?,
        priority: parse(&m.priority, Priority::parse)?,
        customer_id: m.customer_id,
        machine_id: m.machine_id,
        model_id: m.model_id,
        reported_serial: m.reported_serial.clone(),
        dealer_id: m.dealer_id,
        region: m.region.clone(),
        symptoms: m.symptoms.clone(),
        preliminary_judgement: m.preliminary_judgement.clone(),
        needs_onsite: m.needs_onsite,
        harvest_critical: m.harvest_critical,
        machine_stopped: m.machine_stopped,
        stopped_rank: m.stopped_rank,
        operation_at_risk: m
            .operation_at_risk
            .as_deref()
            .map(|o| parse(o, Operation::parse))
            .transpose()?,
        suspected_part: parse(&m.suspected_part, SuspectedPart::parse)?,
        in_season: m.in_season,
        promised_arrival_at: m.promised_arrival_at,
        reported_at: m.reported_at,
        first_contact_due: m.first_contact_due,
        arrival_due: m.arrival_due,
        repair_due: m.repair_due,
        repeat_of: m.repeat_of,
        created_by: m.created_by,
        created_by_name: m.created_by_name.clone(),
    })
}

/// Writes what an intake writes for `row`, as a new request: its key's
/// `answer`, the request and its `created` event, through the pipeline's
/// save. The bench's intake twin measures it.
pub async fn insert_intake(
    conn: &impl ConnectionTrait,
    row: &service_request::Model,
    actor: &Actor,
    answer: Option<(&IdempotencyKey, String)>,
) -> Result<(), StoreError> {
    if let Some((key, body)) = answer {
        idempotency_key::Entity::insert(idempotency::row(key, 201, body))
            .exec_without_returning(conn)
            .await?;
    }
    let decision = decide_intake::created(new_request_of(row)?);
    pipeline::save_created(conn, actor, &decision, row.created_at).await
}

/// How the request list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RequestSort {
    /// Open requests by urgency (DESIGN §4), then finished ones newest first.
    #[default]
    Urgency,
    /// Newest report first.
    Newest,
}

/// Filters of the request list.
#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    pub status: Option<RequestStatus>,
    pub open: Option<bool>,
    pub priority: Option<Priority>,
    pub channel: Option<Channel>,
    pub dealer_id: Option<Uuid>,
    pub engineer_id: Option<Uuid>,
    pub customer_id: Option<Uuid>,
    pub machine_id: Option<Uuid>,
    pub overdue: Option<bool>,
    pub due_before: Option<DateTime<Utc>>,
    pub harvest_critical: Option<bool>,
    /// Part of the number, the customer's name, phone or code, or the serial number.
    pub q: Option<String>,
    /// Changed at or after, oldest change first (sync); overrides `sort`.
    pub updated_since: Option<DateTime<Utc>>,
    pub sort: RequestSort,
    pub cursor: Option<String>,
    pub limit: Option<u64>,
}

fn filtered(
    actor: &Actor,
    f: &RequestFilter,
    now: DateTime<Utc>,
) -> sea_orm::Select<service_request::Entity> {
    use service_request::Column as C;
    let mut q = scoped_requests(actor);
    if let Some(s) = f.status {
        q = q.filter(C::Status.eq(s.as_str()));
    }
    if let Some(o) = f.open {
        q = q.filter(C::IsOpen.eq(o));
    }
    if let Some(p) = f.priority {
        q = q.filter(C::Priority.eq(p.as_str()));
    }
    if let Some(c) = f.channel {
        q = q.filter(C::Channel.eq(c.as_str()));
    }
    if let Some(d) = f.dealer_id {
        q = q.filter(C::DealerId.eq(d));
    }
    if let Some(e) = f.engineer_id {
        q = q.filter(C::EngineerId.eq(e));
    }
    if let Some(c) = f.customer_id {
        q = q.filter(C::CustomerId.eq(c));
    }
    if let Some(m) = f.machine_id {
        q = q.filter(C::MachineId.eq(m));
    }
    match f.overdue {
        Some(true) => q = q.filter(C::IsOpen.eq(true)).filter(C::SortDue.lt(now)),
        Some(false) => {
            q = q.filter(
                Condition::any()
                    .add(C::IsOpen.eq(false))
                    .add(C::SortDue.gte(now)),
            )
        }
        None => {}
    }
    if let Some(d) = f.due_before.map(clamp_to_span) {
        q = q.filter(C::IsOpen.eq(true)).filter(C::SortDue.lt(d));
    }
    if let Some(h) = f.harvest_critical {
        q = q.filter(C::HarvestCritical.eq(h));
    }
    if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
        let p = contains_pattern(text);
        let serials = machine::Entity::find()
            .select_only()
            .column(machine::Column::Id)
            .filter(
                Expr::expr(Func::lower(Expr::col(machine::Column::SerialNumber)))
                    .like(LikeExpr::new(p.clone()).escape('\\')),
            )
            .into_query();
        q = q.filter(
            Condition::any()
                .add(
                    Expr::expr(Func::lower(Expr::col(C::Number)))
                        .like(LikeExpr::new(p).escape('\\')),
                )
                .add(C::CustomerId.in_subquery(customers::matching_ids(text)))
                .add(C::MachineId.in_subquery(serials)),
        );
    }
    q
}

/// Lists requests: by urgency (default), newest first, or by change for sync.
pub async fn list(
    store: &Store,
    actor: &Actor,
    f: &RequestFilter,
) -> Result<Page<ServiceRequestView>, StoreError> {
    use service_request::Column as C;
    let limit = clamp_limit(f.limit);
    let now = now();
    let conn = store.conn();
    let mut q = filtered(actor, f, now);
    let (rows, next) = if let Some(since) = f.updated_since.map(clamp_to_span) {
        let cursor = f.cursor.as_deref().map(decode_time).transpose()?;
        // One plain lower bound, the later of `updated_since` and the cursor,
        // so the index range starts at the cursor. The OR below implies it,
        // but without a plain bound PostgreSQL walked idx_sr_dealer_updated
        // from `updated_since` (54-114 ms per page deep into a dealer's sync
        // at 1,000,000 requests, 0.25 ms with it; EXPLAIN ANALYZE). With two
        // plain bounds SQLite seeks on the first and only filters by the
        // second (EXPLAIN: `SeekGE` on `updated_since`), reading every index
        // entry since then on each page. Both found by `cargo xtask bench`.
        let from = cursor.map_or(since, |(at, _)| at.max(since));
        q = q.filter(C::UpdatedAt.gte(from));
        if let Some((at, id)) = cursor {
            q = q.filter(
                Condition::any()
                    .add(C::UpdatedAt.gt(at))
                    .add(Condition::all().add(C::UpdatedAt.eq(at)).add(C::Id.gt(id))),
            );
        }
        let order = [(C::UpdatedAt, Order::Asc), (C::Id, Order::Asc)];
        let mut rows = named_page(conn, q, &order, limit + 1).await?;
        let next = crate::customers::page_end(&mut rows, limit)
            .map(|(m, _)| encode_time(m.updated_at, m.id));
        (rows, next)
    } else if f.sort == RequestSort::Newest {
        if let Some(c) = &f.cursor {
            let (at, id) = decode_time(c)?;
            q = q.filter(
                Condition::any()
                    .add(C::ReportedAt.lt(at))
                    .add(Condition::all().add(C::ReportedAt.eq(at)).add(C::Id.lt(id))),
            );
        }
        let order = [(C::ReportedAt, Order::Desc), (C::Id, Order::Desc)];
        let mut rows = named_page(conn, q, &order, limit + 1).await?;
        let next = crate::customers::page_end(&mut rows, limit)
            .map(|(m, _)| encode_time(m.reported_at, m.id));
        (rows, next)
    } else {
        urgency_page(conn, q, f.cursor.as_deref(), limit, now).await?
    };
    Ok(Page {
        items: rows
            .into_iter()
            .map(|(m, names)| request_view(m, names, now).map(|v| with_actions(actor, v)))
            .collect::<Result<_, _>>()?,
        next_cursor: next,
    })
}

/// Urgency order in two phases: open requests by (overdue, stopped in season,
/// priority, due, id), then finished ones newest first. The cursor names the
/// phase and the last row's key.
async fn urgency_page(
    conn: &impl ConnectionTrait,
    base: sea_orm::Select<service_request::Entity>,
    cursor: Option<&str>,
    limit: u64,
    now: DateTime<Utc>,
) -> Result<(Vec<(service_request::Model, Names)>, Option<String>), StoreError> {
    use service_request::Column as C;
    let position = cursor.map(decode).transpose()?;
    let mut rows = Vec::new();
    let in_closed_phase = position.as_ref().is_some_and(|(k, _)| k.starts_with("c|"));
    if !in_closed_phase {
        // Open requests come in two buckets, overdue first, each one query
        // ordered by (stopped_rank, priority_rank, sort_due, id): the order of
        // idx_sr_urgency, so the database walks the index and stops after the
        // page. Ordering by a `CASE sort_due < now` expression instead made it
        // read and sort every open request on every page (25 ms at 4,000 open
        // requests on SQLite: EXPLAIN QUERY PLAN `USE TEMP B-TREE FOR ORDER BY`;
        // found by `cargo xtask bench`). The cursor keeps its format.
        let (first_bucket, from) = match &position {
            Some((key, id)) => {
                let parts: Vec<&str> = key.splitn(5, '|').collect();
                let [_, bucket, stopped, prio, due] = parts[..] else {
                    return Err(invalid());
                };
                let due = DateTime::parse_from_rfc3339(due)
                    .map_err(|_| invalid())?
                    .with_timezone(&Utc);
                let (bucket, stopped, prio): (i32, i32, i32) = (
                    bucket.parse().map_err(|_| invalid())?,
                    stopped.parse().map_err(|_| invalid())?,
                    prio.parse().map_err(|_| invalid())?,
                );
                (bucket, Some((stopped, prio, due, *id)))
            }
            None => (0, None),
        };
        for bucket in first_bucket.max(0)..=1 {
            let room = limit + 1 - rows.len() as u64;
            if room == 0 {
                break;
            }
            let mut q = base
                .clone()
                .filter(C::IsOpen.eq(true))
                .filter(if bucket == 0 {
                    C::SortDue.lt(now)
                } else {
                    C::SortDue.gte(now)
                });
            if bucket == first_bucket
                && let Some((stopped, prio, due, id)) = from
            {
                q = q.filter(after(vec![
                    (Expr::col(C::StoppedRank).into(), stopped.into()),
                    (Expr::col(C::PriorityRank).into(), prio.into()),
                    (Expr::col(C::SortDue).into(), due.into()),
                    (Expr::col(C::Id).into(), id.into()),
                ]));
            }
            let order = [
                (C::StoppedRank, Order::Asc),
                (C::PriorityRank, Order::Asc),
                (C::SortDue, Order::Asc),
                (C::Id, Order::Asc),
            ];
            rows.extend(named_page(conn, q, &order, room).await?);
        }
        if rows.len() as u64 > limit {
            rows.truncate(limit as usize);
            let (last, _) = rows.last().unwrap();
            let bucket = i32::from(last.sort_due >= now);
            let key = format!(
                "o|{bucket}|{}|{}|{}",
                last.stopped_rank,
                last.priority_rank,
                last.sort_due
                    .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
            );
            let next = encode(&key, last.id);
            return Ok((rows, Some(next)));
        }
    }
    // Finished requests, newest first, fill the rest of the page.
    let room = limit - rows.len() as u64;
    let mut q = base.filter(C::IsOpen.eq(false));
    if let Some((key, id)) = position.filter(|(k, _)| k.starts_with("c|")) {
        let at = DateTime::parse_from_rfc3339(&key[2..])
            .map_err(|_| invalid())?
            .with_timezone(&Utc);
        q = q.filter(
            Condition::any()
                .add(C::ReportedAt.lt(at))
                .add(Condition::all().add(C::ReportedAt.eq(at)).add(C::Id.lt(id))),
        );
    }
    let order = [(C::ReportedAt, Order::Desc), (C::Id, Order::Desc)];
    let mut closed = named_page(conn, q, &order, room + 1).await?;
    let more = closed.len() as u64 > room;
    closed.truncate(room as usize);
    let next = if more {
        match closed.last() {
            Some((last, _)) => Some(encode(
                &format!(
                    "c|{}",
                    last.reported_at
                        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
                ),
                last.id,
            )),
            // The page filled exactly with open rows: the next page starts the closed phase.
            None => Some(encode("c|9999-12-31T00:00:00.000000Z", Uuid::max())),
        }
    } else {
        None
    };
    rows.extend(closed);
    Ok((rows, next))
}

/// Rows strictly after a position in ascending `(k1, k2, ...)` order, spelled
/// out as `k1 > v1 OR (k1 = v1 AND (k2 > v2 OR ...))` so it works wherever
/// row-value comparison does not.
fn after(keys: Vec<(sea_orm::sea_query::SimpleExpr, sea_orm::Value)>) -> Condition {
    let mut cond: Option<Condition> = None;
    for (expr, value) in keys.into_iter().rev() {
        let gt = Condition::all().add(Expr::expr(expr.clone()).gt(value.clone()));
        cond = Some(match cond {
            None => gt,
            Some(rest) => Condition::any()
                .add(gt)
                .add(Condition::all().add(Expr::expr(expr).eq(value)).add(rest)),
        });
    }
    cond.unwrap_or_else(Condition::all)
}

/// One request.
pub async fn get(store: &Store, actor: &Actor, id: Uuid) -> Result<ServiceRequestView, StoreError> {
    find_request_view(store.conn(), actor, id, now()).await
}

/// Every event of a request's life, oldest first; a dealer reads only what
/// `audit::for_dealer` lets it.
pub async fn timeline(
    store: &Store,
    actor: &Actor,
    id: Uuid,
) -> Result<Vec<AuditEventView>, StoreError> {
    find_request(store.conn(), actor, id).await?;
    let events = audit::history(store.conn(), ENTITY, id, 1000).await?;
    Ok(if actor.dealer_scope().is_some() {
        events
            .into_iter()
            .filter_map(furrow_domain::audit::for_dealer)
            .collect()
    } else {
        events
    })
}

/// Engineers ranked for a request.
pub async fn suggestions(
    store: &Store,
    actor: &Actor,
    id: Uuid,
) -> Result<Vec<EngineerSuggestion>, StoreError> {
    let conn = store.conn();
    let m = find_request(conn, actor, id).await?;
    let c = customer::Entity::find_by_id(m.customer_id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let category = match m.model_id {
        Some(mid) => product_model::Entity::find_by_id(mid)
            .one(conn)
            .await?
            .and_then(|x| MachineCategory::parse(&x.category)),
        None => None,
    };
    let engineers = engineers::active_with_profiles(conn).await?;
    let loads = open_workloads(conn).await?;
    let with_load: Vec<_> = engineers
        .into_iter()
        .map(|e| {
            let n = loads
                .iter()
                .find(|(id, _)| *id == e.user_id)
                .map(|(_, n)| *n)
                .unwrap_or(0);
            (e, n)
        })
        .collect();
    Ok(rank(&with_load, category, c.lat.zip(c.lon)))
}

async fn open_workloads(conn: &impl ConnectionTrait) -> Result<Vec<(Uuid, u32)>, StoreError> {
    let rows: Vec<(Uuid, i64)> = work_order::Entity::find()
        .select_only()
        .column(work_order::Column::EngineerId)
        .column_as(work_order::Column::Id.count(), "n")
        .filter(work_order::Column::IsOpen.eq(true))
        .group_by(work_order::Column::EngineerId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(|(id, n)| (id, n as u32)).collect())
}

/// Checks that `engineer_id` is an active engineer.
pub async fn check_engineer(
    conn: &impl ConnectionTrait,
    engineer_id: Uuid,
) -> Result<String, StoreError> {
    let all = engineers::active_with_profiles(conn).await?;
    all.into_iter()
        .find(|e| e.user_id == engineer_id)
        .map(|e| e.display_name)
        .ok_or_else(|| field_error("engineer_id", "unknown", "no active engineer has this id"))
}

/// Ids of requests of a machine (for the machine archive).
pub fn of_machine(machine_id: Uuid) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(service_request::Column::Id)
        .from(service_request::Entity)
        .and_where(Expr::col(service_request::Column::MachineId).eq(machine_id))
        .to_owned()
}
