//! The workflow's lists as summaries (what a list row shows): requests by
//! urgency, newest first or by change (a dealer's sync), and work orders
//! newest first or by urgency (an engineer's work). The record pages keep the
//! full views (`requests::get`, `work_orders::get`).
//!
//! Each page is one statement that reads only the columns a row shows and
//! joins the names it shows, rather than building a full view (45 fields, the
//! free texts, the actions) for a row that shows a dozen.

use super::common::{far_future, field_error, join_names, page_of, parse};
use super::requests::{RequestSort, filtered};
use super::work_orders::scoped;
use crate::cursor::{decode, decode_time, encode, encode_time, invalid, page_end};
use crate::db::now;
use crate::entities::{repair_report, service_request, work_order};
use crate::error::StoreError;
use crate::{Listing, Store};
use chrono::{DateTime, Utc};
use furrow_domain::auth::Actor;
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::service::sla::{ClockState, downtime_end, downtime_hours};
use furrow_domain::service::urgency::by_urgency;
use furrow_domain::service::{
    Priority, ReportStatus, RequestFilters, RequestStatus, ServiceRequestSummary, WorkOrderFilters,
    WorkOrderStatus, WorkOrderSummary,
};
use furrow_domain::validation::clamp_to_span;
use sea_orm::sea_query::{Alias, DynIden, Expr, IntoIden};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, FromQueryResult, Order, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Select,
};
use uuid::Uuid;

/// The request columns a summary row (and the list's cursors) read.
const REQUEST_COLUMNS: [service_request::Column; 23] = {
    use service_request::Column as C;
    [
        C::Id,
        C::Number,
        C::Status,
        C::IsOpen,
        C::Priority,
        C::PriorityRank,
        C::StoppedRank,
        C::SortDue,
        C::CustomerId,
        C::MachineId,
        C::ModelId,
        C::ReportedSerial,
        C::DealerId,
        C::HarvestCritical,
        C::MachineStopped,
        C::InSeason,
        C::ReportedAt,
        C::RepairDue,
        C::CompletedAt,
        C::ClosedAt,
        C::EngineerId,
        C::Version,
        C::UpdatedAt,
    ]
};

/// One request row of a list page with the names it shows.
#[derive(Debug, FromQueryResult)]
struct RequestRow {
    id: Uuid,
    number: String,
    status: String,
    is_open: bool,
    priority: String,
    priority_rank: i32,
    stopped_rank: i32,
    sort_due: DateTime<Utc>,
    reported_serial: Option<String>,
    dealer_id: Option<Uuid>,
    harvest_critical: bool,
    machine_stopped: bool,
    in_season: bool,
    reported_at: DateTime<Utc>,
    repair_due: Option<DateTime<Utc>>,
    completed_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    engineer_id: Option<Uuid>,
    version: i32,
    updated_at: DateTime<Utc>,
    customer_name: Option<String>,
    customer_phone: Option<String>,
    machine_serial: Option<String>,
    model_name: Option<String>,
    engineer_name: Option<String>,
}

impl RequestRow {
    /// The earliest due time of a clock still running: the stored urgency
    /// key (`common::sort_due`, kept by every save), so a row shows the time
    /// the list is ordered by. Reading it instead of the six clock columns
    /// spares each row their decoding.
    fn next_due(&self) -> Option<DateTime<Utc>> {
        (self.is_open && self.sort_due < far_future()).then_some(self.sort_due)
    }

    fn summary(self, now: DateTime<Utc>) -> Result<ServiceRequestSummary, StoreError> {
        let next = self.next_due();
        Ok(ServiceRequestSummary {
            id: self.id,
            status: parse(&self.status, RequestStatus::parse)?,
            priority: parse(&self.priority, Priority::parse)?,
            customer_name: self.customer_name.unwrap_or_default(),
            customer_phone: self.customer_phone.unwrap_or_default(),
            serial_number: self.machine_serial.or(self.reported_serial),
            model_name: self.model_name,
            dealer_id: self.dealer_id,
            harvest_critical: self.harvest_critical,
            machine_stopped: self.machine_stopped,
            in_season: self.in_season,
            repair_due: self.repair_due,
            next_due_at: next,
            overdue: next.is_some_and(|d| d < now),
            downtime_hours: downtime_hours(
                self.reported_at,
                downtime_end(self.completed_at, self.closed_at, now),
            ),
            engineer_id: self.engineer_id,
            engineer_name: self.engineer_name,
            reported_at: self.reported_at,
            version: self.version,
            updated_at: self.updated_at,
            number: self.number,
        })
    }
}

/// A page of request rows, in one statement: `q` (filtered), ordered by
/// `order` and cut at `limit` inside a subquery reading only the row's
/// columns, the names joined outside it, so the joins see only the page's
/// rows and the page keeps the plan of its index walk.
async fn request_page(
    conn: &impl ConnectionTrait,
    q: Select<service_request::Entity>,
    order: &[(service_request::Column, Order)],
    limit: u64,
) -> Result<Vec<RequestRow>, StoreError> {
    use service_request::Column as R;
    let q = q.select_only().columns(REQUEST_COLUMNS);
    let outer = page_of(q, order, limit, |stmt, page| {
        join_names(stmt, page.clone(), (page, R::EngineerId.into_iden()))
    });
    let stmt = conn.get_database_backend().build(&outer);
    Ok(RequestRow::find_by_statement(stmt).all(conn).await?)
}

/// Lists requests as summaries: by urgency (default), newest first, or by
/// change for sync.
pub async fn list_requests(
    store: &Store,
    actor: &Actor,
    listing: &Listing<RequestFilters, RequestSort>,
) -> Result<Page<ServiceRequestSummary>, StoreError> {
    use service_request::Column as C;
    let limit = clamp_limit(listing.limit);
    let now = now();
    let conn = store.conn();
    let f = &listing.filters;
    let mut q = filtered(actor, f, now);
    let (rows, next) = if let Some(since) = f.updated_since.map(clamp_to_span) {
        let cursor = listing.cursor.as_deref().map(decode_time).transpose()?;
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
            q = q.filter(beyond(C::UpdatedAt, C::Id, (at, id), Order::Asc));
        }
        let order = [(C::UpdatedAt, Order::Asc), (C::Id, Order::Asc)];
        let mut rows = request_page(conn, q, &order, limit + 1).await?;
        let next = page_end(&mut rows, limit).map(|m| encode_time(m.updated_at, m.id));
        (rows, next)
    } else if listing.sort == RequestSort::Newest {
        if let Some(c) = &listing.cursor {
            let (at, id) = decode_time(c)?;
            q = q.filter(beyond(C::ReportedAt, C::Id, (at, id), Order::Desc));
        }
        let order = [(C::ReportedAt, Order::Desc), (C::Id, Order::Desc)];
        let mut rows = request_page(conn, q, &order, limit + 1).await?;
        let next = page_end(&mut rows, limit).map(|m| encode_time(m.reported_at, m.id));
        (rows, next)
    } else {
        urgency_page(conn, q, listing.cursor.as_deref(), limit, now).await?
    };
    let items = rows
        .into_iter()
        .map(|r| r.summary(now))
        .collect::<Result<_, _>>()?;
    Ok(Page::new(items, next))
}

/// How many requests [`list_requests`] selects over all its pages: the same
/// scoped filters and sync bound, without the cursor.
pub async fn count_requests(
    store: &Store,
    actor: &Actor,
    f: &RequestFilters,
) -> Result<u64, StoreError> {
    let mut q = filtered(actor, f, now());
    if let Some(since) = f.updated_since.map(clamp_to_span) {
        q = q.filter(service_request::Column::UpdatedAt.gte(since));
    }
    Ok(q.count(store.conn()).await?)
}

/// Urgency order in two phases: open requests by (overdue, stopped in season,
/// priority, due, id), then finished ones newest first. The cursor names the
/// phase and the last row's key.
async fn urgency_page(
    conn: &impl ConnectionTrait,
    base: Select<service_request::Entity>,
    cursor: Option<&str>,
    limit: u64,
    now: DateTime<Utc>,
) -> Result<(Vec<RequestRow>, Option<String>), StoreError> {
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
            rows.extend(request_page(conn, q, &order, room).await?);
        }
        if rows.len() as u64 > limit {
            rows.truncate(limit as usize);
            let last = rows.last().unwrap();
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
        q = q.filter(beyond(C::ReportedAt, C::Id, (at, id), Order::Desc));
    }
    let order = [(C::ReportedAt, Order::Desc), (C::Id, Order::Desc)];
    let mut closed = request_page(conn, q, &order, room + 1).await?;
    let more = closed.len() as u64 > room;
    closed.truncate(room as usize);
    let next = if more {
        match closed.last() {
            Some(last) => Some(encode(
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

/// Rows beyond the position `(at, id)` of a list in `(col, id_col)` order,
/// ascending or descending as `dir` says: a keyset page's start.
fn beyond<C: ColumnTrait>(
    col: C,
    id_col: C,
    (at, id): (DateTime<Utc>, Uuid),
    dir: Order,
) -> Condition {
    let (past, id_past) = match dir {
        Order::Desc => (col.lt(at), id_col.lt(id)),
        _ => (col.gt(at), id_col.gt(id)),
    };
    Condition::any()
        .add(past)
        .add(Condition::all().add(col.eq(at)).add(id_past))
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

/// How the work order list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WorkOrderSort {
    /// Newest first, in keyset pages.
    #[default]
    Newest,
    /// Most urgent first (`furrow_domain::service::urgency`), the whole list
    /// in one page: meant for one engineer's open work, a handful by nature.
    Urgency,
}

/// One work order row of a list page, with its request's essentials and the
/// names it shows.
#[derive(Debug, FromQueryResult)]
struct WorkOrderRow {
    id: Uuid,
    number: String,
    status: String,
    request_id: Uuid,
    engineer_id: Uuid,
    site_address: String,
    arrival_due: Option<DateTime<Utc>>,
    appointment_at: Option<DateTime<Utc>>,
    arrived_at: Option<DateTime<Utc>>,
    finished_at: Option<DateTime<Utc>>,
    version: i32,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    request_number: String,
    priority: String,
    harvest_critical: bool,
    machine_stopped: bool,
    in_season: bool,
    request_open: bool,
    first_contact_due: DateTime<Utc>,
    first_contact_at: Option<DateTime<Utc>>,
    request_arrival_due: Option<DateTime<Utc>>,
    request_arrived_at: Option<DateTime<Utc>>,
    repair_due: Option<DateTime<Utc>>,
    repaired_at: Option<DateTime<Utc>>,
    reported_serial: Option<String>,
    customer_name: Option<String>,
    customer_phone: Option<String>,
    machine_serial: Option<String>,
    model_name: Option<String>,
    engineer_name: Option<String>,
    report_status: Option<String>,
}

impl WorkOrderRow {
    fn summary(self, now: DateTime<Utc>) -> Result<WorkOrderSummary, StoreError> {
        let next = ClockState {
            is_open: self.request_open,
            first_contact_due: self.first_contact_due,
            first_contact_at: self.first_contact_at,
            arrival_due: self.request_arrival_due,
            arrived_at: self.request_arrived_at,
            repair_due: self.repair_due,
            repaired_at: self.repaired_at,
        }
        .running()
        .next()
        .map(|(_, d)| d);
        Ok(WorkOrderSummary {
            id: self.id,
            status: parse(&self.status, WorkOrderStatus::parse)?,
            request_id: self.request_id,
            request_number: self.request_number,
            engineer_id: self.engineer_id,
            engineer_name: self.engineer_name.unwrap_or_default(),
            customer_name: self.customer_name.unwrap_or_default(),
            customer_phone: self.customer_phone.unwrap_or_default(),
            serial_number: self.machine_serial.or(self.reported_serial),
            model_name: self.model_name,
            priority: parse(&self.priority, Priority::parse)?,
            harvest_critical: self.harvest_critical,
            machine_stopped: self.machine_stopped,
            in_season: self.in_season,
            site_address: self.site_address,
            arrival_due: self.arrival_due,
            appointment_at: self.appointment_at,
            arrived_at: self.arrived_at,
            finished_at: self.finished_at,
            next_due_at: next,
            overdue: next.is_some_and(|d| d < now),
            report_status: self
                .report_status
                .as_deref()
                .map(|s| parse(s, ReportStatus::parse))
                .transpose()?,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
            number: self.number,
        })
    }
}

/// The work orders of `q` as rows, in one statement: the work order's own
/// columns, its request's (an inner join: every order has its request) and
/// the names and report status (left joins on unique keys, so they never
/// change which orders come back).
async fn work_order_rows(
    conn: &impl ConnectionTrait,
    q: Select<work_order::Entity>,
) -> Result<Vec<WorkOrderRow>, StoreError> {
    use service_request::Column as R;
    use work_order::Column as W;
    let mut q = q.select_only().columns([
        W::Id,
        W::Number,
        W::Status,
        W::RequestId,
        W::EngineerId,
        W::SiteAddress,
        W::ArrivalDue,
        W::AppointmentAt,
        W::ArrivedAt,
        W::FinishedAt,
        W::Version,
        W::CreatedAt,
        W::UpdatedAt,
    ]);
    let stmt = QueryTrait::query(&mut q);
    let requests: DynIden = service_request::Entity.into_iden();
    let request_col = |c: R| Expr::col((requests.clone(), c));
    for (column, alias) in [
        (request_col(R::Number), "request_number"),
        (request_col(R::Priority), "priority"),
        (request_col(R::HarvestCritical), "harvest_critical"),
        (request_col(R::MachineStopped), "machine_stopped"),
        (request_col(R::InSeason), "in_season"),
        (request_col(R::IsOpen), "request_open"),
        (request_col(R::FirstContactDue), "first_contact_due"),
        (request_col(R::FirstContactAt), "first_contact_at"),
        (request_col(R::ArrivalDue), "request_arrival_due"),
        (request_col(R::ArrivedAt), "request_arrived_at"),
        (request_col(R::RepairDue), "repair_due"),
        (request_col(R::RepairedAt), "repaired_at"),
        (request_col(R::ReportedSerial), "reported_serial"),
        (
            Expr::col((repair_report::Entity, repair_report::Column::Status)),
            "report_status",
        ),
    ] {
        stmt.expr_as(column, Alias::new(alias));
    }
    let orders: DynIden = work_order::Entity.into_iden();
    stmt.inner_join(
        requests.clone(),
        Expr::col((requests.clone(), R::Id)).equals((orders.clone(), W::RequestId)),
    );
    join_names(stmt, requests, (orders.clone(), W::EngineerId.into_iden()));
    let reports: DynIden = repair_report::Entity.into_iden();
    stmt.left_join(
        reports.clone(),
        Expr::col((reports, repair_report::Column::WorkOrderId)).equals((orders, W::Id)),
    );
    Ok(q.into_model::<WorkOrderRow>().all(conn).await?)
}

/// Lists work orders as summaries: newest first in keyset pages, or by
/// urgency in one page.
pub async fn list_work_orders(
    store: &Store,
    actor: &Actor,
    listing: &Listing<WorkOrderFilters, WorkOrderSort>,
) -> Result<Page<WorkOrderSummary>, StoreError> {
    use work_order::Column as C;
    let (f, sort) = (&listing.filters, listing.sort);
    let limit = clamp_limit(listing.limit);
    let now = now();
    let mut q = scoped(actor);
    if let Some(s) = f.status {
        q = q.filter(C::Status.eq(s.as_str()));
    }
    if let Some(o) = f.open {
        q = q.filter(C::IsOpen.eq(o));
    }
    if let Some(e) = f.engineer_id {
        q = q.filter(C::EngineerId.eq(e));
    }
    if let Some(r) = f.request_id {
        q = q.filter(C::RequestId.eq(r));
    }
    let (rows, next) = match sort {
        WorkOrderSort::Newest => {
            if let Some(c) = &listing.cursor {
                let (at, id) = decode_time(c)?;
                q = q.filter(beyond(C::CreatedAt, C::Id, (at, id), Order::Desc));
            }
            let q = q
                .order_by_desc(C::CreatedAt)
                .order_by_desc(C::Id)
                .limit(limit + 1);
            let mut rows = work_order_rows(store.conn(), q).await?;
            let next = page_end(&mut rows, limit).map(|w| encode_time(w.created_at, w.id));
            (rows, next)
        }
        WorkOrderSort::Urgency => {
            // The order needs the whole set, so it comes in one page; a set
            // larger than the page is refused rather than cut at a point
            // that is not the most urgent.
            if listing.cursor.is_some() {
                return Err(invalid());
            }
            let rows = work_order_rows(store.conn(), q.limit(limit + 1)).await?;
            if rows.len() as u64 > limit {
                return Err(field_error(
                    "sort",
                    "too_many",
                    &format!(
                        "more than {limit} work orders to order by urgency: narrow the list \
                         (open=true, engineer_id) or raise limit"
                    ),
                ));
            }
            (rows, None)
        }
    };
    let mut items = rows
        .into_iter()
        .map(|r| r.summary(now))
        .collect::<Result<Vec<_>, _>>()?;
    if sort == WorkOrderSort::Urgency {
        items.sort_by(|a, b| by_urgency(now, a, b));
    }
    Ok(Page::new(items, next))
}
