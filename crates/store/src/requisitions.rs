//! Parts requisitions (领用单): created by a report's approval (in the
//! approval's transaction) or by an engineer for an open work order; issued,
//! taken back and exchanged by a parts clerk. Every command runs as the
//! others do: the domain decides (`furrow_domain::parts::requisition`), then
//! one write transaction saves the requisition (only at the version it was
//! loaded with), posts its movements through the ledger
//! ([`stock::post_in`]: never below zero, else 409 `insufficient_stock` and
//! nothing written), records the shortages ([`shortages::raise`]) and writes
//! the audit and outbox events.

use crate::cursor::{decode_time, encode_time, page_end};
use crate::db::by_id;
use crate::entities::{
    customer, machine, part, parts_requisition as rq, parts_requisition_line as rql,
    service_request, stock_level, work_order,
};
use crate::error::StoreError;
use crate::labels::labels;
use crate::pipeline::{Creation, Pipeline};
use crate::service::common::{field_error, user_names};
use crate::service::work_orders;
use crate::{Listing, Store, parts_wait, settings, shortages, stock};
use chrono::{DateTime, Utc};
use furrow_domain::DomainError;
use furrow_domain::access::{self, RecordKind, Scope};
use furrow_domain::audit::AuditAction;
use furrow_domain::auth::Actor;
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::parts::requisition::{
    self as rule, CatalogPart, Change, Line, Requisition, WorkOrderRef, part_key,
};
use furrow_domain::parts::{
    CancelInput, ExchangeInput, IssueInput, IssuedPart, RequisitionFilters, RequisitionInput,
    RequisitionLineView, RequisitionSource, RequisitionStatus, RequisitionView, ReturnInput,
    from_milli, to_milli,
};
use furrow_domain::service::WorkOrderStatus;
use furrow_domain::service::decide::{Decision, Event};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    Order, QueryFilter, QueryOrder, QuerySelect, Select,
};
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

/// The requisitions the actor sees, as the permission table's scope says:
/// all, or an engineer's own work orders'.
fn scoped(actor: &Actor) -> Result<Select<rq::Entity>, StoreError> {
    match access::scope(actor, RecordKind::Requisition) {
        Scope::All => Ok(rq::Entity::find()),
        Scope::OwnWorkOrders => {
            Ok(rq::Entity::find().filter(rq::Column::EngineerId.eq(actor.user_id)))
        }
        Scope::OwnDealer | Scope::None => Err(StoreError::Forbidden(
            "your roles do not let you see requisitions".into(),
        )),
    }
}

async fn find(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<rq::Model, StoreError> {
    scoped(actor)?
        .filter(rq::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

fn q(m: i64) -> rust_decimal::Decimal {
    from_milli(m)
}

fn milli(d: rust_decimal::Decimal) -> Result<i64, StoreError> {
    to_milli(d).ok_or_else(|| field_error("quantity", "too_precise", "at most 3 decimals"))
}

async fn lines_of(
    conn: &impl ConnectionTrait,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, Vec<rql::Model>>, StoreError> {
    let mut out: HashMap<Uuid, Vec<rql::Model>> = HashMap::new();
    for l in rql::Entity::find()
        .filter(rql::Column::RequisitionId.is_in(ids))
        .order_by_asc(rql::Column::LineNo)
        .all(conn)
        .await?
    {
        out.entry(l.requisition_id).or_default().push(l);
    }
    Ok(out)
}

fn line(l: &rql::Model) -> Line {
    Line {
        id: l.id,
        part_id: l.part_id,
        part_number: l.part_number.clone(),
        name: l.name.clone(),
        unit: l.unit.clone(),
        requested: q(l.requested_milli),
        issued: q(l.issued_milli),
        returned: q(l.returned_milli),
        exchanged: q(l.exchanged_milli),
        short: q(l.short_milli),
    }
}

fn record(m: &rq::Model, lines: &[rql::Model], wo_number: &str) -> Result<Requisition, StoreError> {
    let what = || format!("requisition {}", m.number);
    Ok(Requisition {
        id: m.id,
        number: m.number.clone(),
        work_order_id: m.work_order_id,
        work_order_number: wo_number.to_owned(),
        request_id: m.request_id,
        machine_id: m.machine_id,
        engineer_id: m.engineer_id,
        report_id: m.report_id,
        source: RequisitionSource::parse(&m.source)
            .ok_or_else(|| StoreError::corrupt(what(), "source", &m.source))?,
        status: RequisitionStatus::parse(&m.status)
            .ok_or_else(|| StoreError::corrupt(what(), "status", &m.status))?,
        note: m.note.clone(),
        cancel_reason: m.cancel_reason.clone(),
        lines: lines.iter().map(line).collect(),
        version: m.version,
    })
}

/// The requisitions as the API shows them, with their work order, request,
/// machine and engineer, and the actor's `actions`.
async fn views(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    rows: Vec<rq::Model>,
) -> Result<Vec<RequisitionView>, StoreError> {
    let mut lines = lines_of(conn, rows.iter().map(|r| r.id).collect()).await?;
    let wos = labels::<work_order::Entity>(
        conn,
        work_order::Column::Id,
        work_order::Column::Number,
        rows.iter().map(|r| r.work_order_id),
    )
    .await?;
    let srs: HashMap<Uuid, (String, Uuid)> = service_request::Entity::find()
        .select_only()
        .columns([
            service_request::Column::Id,
            service_request::Column::Number,
            service_request::Column::CustomerId,
        ])
        .filter(service_request::Column::Id.is_in(rows.iter().map(|r| r.request_id)))
        .into_tuple::<(Uuid, String, Uuid)>()
        .all(conn)
        .await?
        .into_iter()
        .map(|(id, n, c)| (id, (n, c)))
        .collect();
    let customers = labels::<customer::Entity>(
        conn,
        customer::Column::Id,
        customer::Column::Name,
        srs.values().map(|(_, c)| *c),
    )
    .await?;
    let serials = labels::<machine::Entity>(
        conn,
        machine::Column::Id,
        machine::Column::SerialNumber,
        rows.iter().filter_map(|r| r.machine_id),
    )
    .await?;
    let names = user_names(conn, rows.iter().map(|r| r.engineer_id)).await?;
    rows.into_iter()
        .map(|m| {
            let own = lines.remove(&m.id).unwrap_or_default();
            let wo = wos.get(&m.work_order_id).cloned().unwrap_or_default();
            let r = record(&m, &own, &wo)?;
            let (request_number, customer_id) = srs
                .get(&m.request_id)
                .cloned()
                .ok_or(StoreError::NotFound)?;
            let views: Vec<RequisitionLineView> = r.lines.iter().map(Into::into).collect();
            Ok(RequisitionView {
                id: m.id,
                number: m.number.clone(),
                status: r.status,
                source: r.source,
                work_order_id: m.work_order_id,
                work_order_number: wo,
                request_id: m.request_id,
                request_number,
                machine_id: m.machine_id,
                machine_serial: m.machine_id.and_then(|id| serials.get(&id).cloned()),
                customer_name: customers.get(&customer_id).cloned(),
                engineer_id: m.engineer_id,
                engineer_name: names.get(&m.engineer_id).cloned().unwrap_or_default(),
                report_id: m.report_id,
                note: m.note.clone(),
                cancel_reason: m.cancel_reason.clone(),
                short: views.iter().any(|l| l.short > rust_decimal::Decimal::ZERO),
                lines: views,
                actions: rule::available(actor, &r),
                version: m.version,
                created_at: m.created_at,
                updated_at: m.updated_at,
            })
        })
        .collect()
}

/// One requisition as the actor may see it (another engineer's: 404).
pub async fn get(store: &Store, actor: &Actor, id: Uuid) -> Result<RequisitionView, StoreError> {
    let m = find(store.conn(), actor, id).await?;
    Ok(views(store.conn(), actor, vec![m]).await?.remove(0))
}

/// The queue (领用单), latest change first, as the actor may see it.
pub async fn list(
    store: &Store,
    actor: &Actor,
    listing: &Listing<RequisitionFilters>,
) -> Result<Page<RequisitionView>, StoreError> {
    use rq::Column as C;
    let f = &listing.filters;
    let mut c = Condition::all();
    if let Some(s) = f.status {
        c = c.add(C::Status.eq(s.as_str()));
    }
    if let Some(w) = f.work_order_id {
        c = c.add(C::WorkOrderId.eq(w));
    }
    if let Some(e) = f.engineer_id {
        c = c.add(C::EngineerId.eq(e));
    }
    if let Some(m) = f.machine_id {
        c = c.add(C::MachineId.eq(m));
    }
    if let Some(text) = f.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = crate::cursor::contains_pattern(text);
        c = c.add(
            Expr::expr(sea_orm::sea_query::Func::lower(Expr::col(C::Number)))
                .like(sea_orm::sea_query::LikeExpr::new(pattern).escape('\\')),
        );
    }
    if let Some(short) = f.short {
        let sub = sea_orm::sea_query::Query::select()
            .column(rql::Column::RequisitionId)
            .from(rql::Entity)
            .and_where(rql::Column::ShortMilli.gt(0i64))
            .to_owned();
        c = c.add(if short {
            C::Id.in_subquery(sub)
        } else {
            C::Id.not_in_subquery(sub)
        });
    }
    if let Some(cursor) = listing.cursor.as_deref() {
        let (at, id) = decode_time(cursor)?;
        c = c.add(
            Condition::any()
                .add(C::UpdatedAt.lt(at))
                .add(Condition::all().add(C::UpdatedAt.eq(at)).add(C::Id.lt(id))),
        );
    }
    let limit = clamp_limit(listing.limit);
    let mut rows = scoped(actor)?
        .filter(c)
        .order_by(C::UpdatedAt, Order::Desc)
        .order_by(C::Id, Order::Desc)
        .limit(limit + 1)
        .all(store.conn())
        .await?;
    let next = page_end(&mut rows, limit).map(|r| encode_time(r.updated_at, r.id));
    Ok(Page::new(views(store.conn(), actor, rows).await?, next))
}

/// Inserts a new requisition with its lines.
async fn insert(
    tx: &impl ConnectionTrait,
    r: &Requisition,
    created_by: Uuid,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    rq::Entity::insert(rq::ActiveModel {
        id: Set(r.id),
        number: Set(r.number.clone()),
        work_order_id: Set(r.work_order_id),
        request_id: Set(r.request_id),
        machine_id: Set(r.machine_id),
        engineer_id: Set(r.engineer_id),
        report_id: Set(r.report_id),
        source: Set(r.source.as_str().to_owned()),
        status: Set(r.status.as_str().to_owned()),
        note: Set(r.note.clone()),
        cancel_reason: Set(r.cancel_reason.clone()),
        created_by: Set(created_by),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(tx)
    .await?;
    for (n, l) in r.lines.iter().enumerate() {
        rql::Entity::insert(rql::ActiveModel {
            id: Set(l.id),
            requisition_id: Set(r.id),
            line_no: Set(n as i32 + 1),
            part_id: Set(l.part_id),
            part_number: Set(l.part_number.clone()),
            name: Set(l.name.clone()),
            unit: Set(l.unit.clone()),
            requested_milli: Set(milli(l.requested)?),
            issued_milli: Set(milli(l.issued)?),
            returned_milli: Set(milli(l.returned)?),
            exchanged_milli: Set(milli(l.exchanged)?),
            short_milli: Set(milli(l.short)?),
        })
        .exec_without_returning(tx)
        .await?;
    }
    Ok(())
}

/// Saves a changed requisition if it still has the version it was loaded
/// with (else 412), and its changed lines.
async fn save(
    tx: &impl ConnectionTrait,
    before: &Requisition,
    after: &Requisition,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let done = rq::Entity::update_many()
        .col_expr(rq::Column::Status, Expr::value(after.status.as_str()))
        .col_expr(
            rq::Column::CancelReason,
            Expr::value(after.cancel_reason.clone()),
        )
        .col_expr(rq::Column::Version, Expr::value(before.version + 1))
        .col_expr(rq::Column::UpdatedAt, Expr::value(now))
        .filter(rq::Column::Id.eq(before.id))
        .filter(rq::Column::Version.eq(before.version))
        .exec(tx)
        .await?;
    if done.rows_affected != 1 {
        return Err(StoreError::StaleVersion {
            current: before.version + 1,
        });
    }
    for (b, a) in before.lines.iter().zip(&after.lines) {
        if b != a {
            rql::Entity::update_many()
                .col_expr(rql::Column::IssuedMilli, Expr::value(milli(a.issued)?))
                .col_expr(rql::Column::ReturnedMilli, Expr::value(milli(a.returned)?))
                .col_expr(
                    rql::Column::ExchangedMilli,
                    Expr::value(milli(a.exchanged)?),
                )
                .col_expr(rql::Column::ShortMilli, Expr::value(milli(a.short)?))
                .filter(rql::Column::Id.eq(a.id))
                .exec(tx)
                .await?;
        }
    }
    Ok(())
}

/// The catalog parts whose (matching) numbers are `keys`.
async fn catalog_by_keys(
    conn: &impl ConnectionTrait,
    keys: Vec<String>,
) -> Result<HashMap<String, CatalogPart>, StoreError> {
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = part::Entity::find()
        .filter(
            Expr::expr(sea_orm::sea_query::Func::upper(Expr::col(
                part::Column::PartNumber,
            )))
            .is_in(keys),
        )
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|p| (part_key(&p.part_number), catalog_part(p)))
        .collect())
}

fn catalog_part(p: part::Model) -> CatalogPart {
    CatalogPart {
        id: p.id,
        part_number: p.part_number,
        name: p.name,
        unit: p.unit,
        active: p.active,
    }
}

fn work_order_ref(
    w: &work_order::Model,
    machine_id: Option<Uuid>,
) -> Result<WorkOrderRef, StoreError> {
    Ok(WorkOrderRef {
        id: w.id,
        number: w.number.clone(),
        request_id: w.request_id,
        machine_id,
        engineer_id: w.engineer_id,
        status: WorkOrderStatus::parse(&w.status).ok_or_else(|| {
            StoreError::corrupt(format!("work order {}", w.number), "status", &w.status)
        })?,
    })
}

fn created_event(r: &Requisition) -> Event {
    Event {
        action: AuditAction::RequisitionCreated,
        record: RecordKind::Requisition,
        record_id: r.id,
        data: json!({
            "number": r.number, "work_order": r.work_order_number, "source": r.source,
            "lines": r.lines.iter().map(|l| json!({
                "part_number": l.part_number, "name": l.name,
                "quantity": l.requested, "issuable": l.issuable(),
            })).collect::<Vec<_>>(),
        }),
    }
}

/// The requisition an approval creates, inside the approval's transaction:
/// the approved report's parts lines whose numbers are in the catalog
/// ([`rule::lines_from_report`]); none when the decision does not approve
/// or no line is in the catalog. Answers the event to record with the
/// approval's.
pub(crate) async fn on_approval(
    store: &Store,
    p: &Pipeline<'_>,
    d: &Decision,
) -> Result<Option<Event>, StoreError> {
    let Some(report) = d
        .report
        .as_ref()
        .filter(|r| r.status == furrow_domain::service::ReportStatus::Approved)
    else {
        return Ok(None);
    };
    let keys: Vec<String> = report
        .content
        .parts
        .iter()
        .filter_map(|l| l.part_number.as_deref())
        .filter(|n| !n.trim().is_empty())
        .map(part_key)
        .collect();
    let catalog = catalog_by_keys(p.tx(), keys).await?;
    let Some(lines) = rule::lines_from_report(
        &report.content.parts,
        |k| catalog.get(k).cloned(),
        Uuid::now_v7,
    ) else {
        return Ok(None);
    };
    let w = p.case().work_order()?;
    let wo = by_id::<work_order::Entity>(p.tx(), w.id).await?;
    let wo = work_order_ref(&wo, p.request_row().machine_id)?;
    let (sla, _) = settings::sla_cached(store).await?;
    let number = p.take_number("RQ", sla.zone()).await?;
    let r = rule::from_report(&wo, report.id, Uuid::now_v7(), number, lines);
    insert(p.tx(), &r, p.ctx().actor.user_id, p.ctx().now).await?;
    Ok(Some(created_event(&r)))
}

/// An engineer asks for parts for their own open work order (领用申请).
pub async fn create(
    store: &Store,
    actor: &Actor,
    work_order_id: Uuid,
    input: &RequisitionInput,
) -> Result<RequisitionView, StoreError> {
    let wo = work_orders::find(store.conn(), actor, work_order_id).await?;
    let request = by_id::<service_request::Entity>(store.conn(), wo.request_id).await?;
    let wo = work_order_ref(&wo, request.machine_id)?;
    let parts: Vec<CatalogPart> = part::Entity::find()
        .filter(part::Column::Id.is_in(input.lines.iter().map(|l| l.part_id)))
        .all(store.conn())
        .await?
        .into_iter()
        .map(catalog_part)
        .collect();
    let write = Creation::begin(store, actor).await?;
    let (sla, _) = settings::sla_cached(store).await?;
    let id = Uuid::now_v7();
    // Decided before the number is taken: a refused request burns none.
    rule::decide_create(actor, &wo, input, &parts, id, String::new(), Uuid::now_v7)?;
    let number = write.take_number("RQ", sla.zone()).await?;
    let r = rule::decide_create(actor, &wo, input, &parts, id, number, Uuid::now_v7)?;
    insert(write.tx(), &r, actor.user_id, write.ctx().now).await?;
    let decision = Decision {
        events: vec![created_event(&r)],
        ..Decision::default()
    };
    write.commit(&decision).await?;
    get(store, actor, id).await
}

/// Loads a requisition in the write transaction and checks the client's
/// version. The transaction's first statement writes (a no-op update of the
/// row): on PostgreSQL it holds the row, so a second command on it waits and
/// then reads the newer version (412); on SQLite it takes the writer's lock
/// before any read, so a transaction never has to upgrade from reading to
/// writing (which another process's writer would refuse with SQLITE_BUSY).
async fn load_for_write(
    tx: &DatabaseTransaction,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
) -> Result<Requisition, StoreError> {
    rq::Entity::update_many()
        .col_expr(rq::Column::Version, Expr::col(rq::Column::Version).into())
        .filter(rq::Column::Id.eq(id))
        .exec(tx)
        .await?;
    let m = scoped(actor)?
        .filter(rq::Column::Id.eq(id))
        .one(tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    if expected.is_some_and(|v| v != m.version) {
        return Err(StoreError::StaleVersion { current: m.version });
    }
    let lines = lines_of(tx, vec![m.id])
        .await?
        .remove(&m.id)
        .unwrap_or_default();
    let wo = by_id::<work_order::Entity>(tx, m.work_order_id).await?;
    record(&m, &lines, &wo.number)
}

/// A command that changes the requisition and posts movements: decided on
/// what is read first (the records it names are checked before the write),
/// decided again on what the write transaction loads, saved, posted, and
/// `after` given the chance to add what it found (the shortages).
async fn change(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    decide: impl Fn(&Requisition) -> Result<Change, DomainError>,
    (action, event): (AuditAction, impl Fn(&Change) -> serde_json::Value),
    issued: Option<&IssueInput>,
) -> Result<RequisitionView, StoreError> {
    let first = {
        let m = find(store.conn(), actor, id).await?;
        let lines = lines_of(store.conn(), vec![m.id])
            .await?
            .remove(&m.id)
            .unwrap_or_default();
        let wo = by_id::<work_order::Entity>(store.conn(), m.work_order_id).await?;
        record(&m, &lines, &wo.number)?
    };
    // Decided once before the write, so a refusal costs no write lock.
    decide(&first)?;
    let write = Creation::begin(store, actor).await?;
    let now = write.ctx().now;
    let tx = write.tx();
    let loaded = load_for_write(tx, actor, id, expected).await?;
    let c = decide(&loaded)?;
    save(tx, &loaded, &c.requisition, now).await?;
    let mut decision = Decision::default();
    decision.events.push(Event {
        action,
        record: RecordKind::Requisition,
        record_id: id,
        data: event(&c),
    });
    let mut moves = c.movements.clone();
    // Levels in one order, whatever the posting's: no deadlock between two.
    moves.sort_by_key(|m| (m.part_id, m.warehouse_id));
    let checked = stock::check(tx, &moves).await?;
    let (_, posted) = stock::post_in(tx, actor, now, &checked, &moves, action).await?;
    decision.events.extend(posted);
    if let Some(input) = issued {
        let short = shortages_of(tx, &c, input).await?;
        let events = shortages::raise(tx, actor, now, &c.requisition, &short).await?;
        decision.events.extend(events);
    }
    let waited = parts_wait::sync(tx, now, c.requisition.request_id).await?;
    decision.events.extend(waited);
    write.commit(&decision).await?;
    get(store, actor, id).await
}

/// The shortages of an issue, from the warehouse's levels as the issue's
/// transaction leaves them; an issue that neither moves nor finds anything
/// short is refused (422 `nothing_to_issue`).
async fn shortages_of(
    tx: &DatabaseTransaction,
    c: &Change,
    input: &IssueInput,
) -> Result<Vec<rule::Shortage>, StoreError> {
    let parts: Vec<Uuid> = c
        .requisition
        .lines
        .iter()
        .filter_map(|l| l.part_id)
        .collect();
    let levels: HashMap<Uuid, i64> = stock_level::Entity::find()
        .filter(stock_level::Column::WarehouseId.eq(input.warehouse_id))
        .filter(stock_level::Column::PartId.is_in(parts))
        .all(tx)
        .await?
        .into_iter()
        .map(|l| (l.part_id, l.on_hand_milli))
        .collect();
    let short = rule::shortages(&c.requisition, input, |p| {
        from_milli(levels.get(&p).copied().unwrap_or(0))
    });
    if c.movements.is_empty() && short.is_empty() {
        return Err(field_error(
            "lines",
            "nothing_to_issue",
            "issue more than 0 of a line, or name a line with none in stock",
        ));
    }
    Ok(short)
}

fn lines_event(c: &Change) -> Vec<serde_json::Value> {
    c.movements
        .iter()
        .map(|m| json!({"part_id": m.part_id, "kind": m.kind, "quantity": m.quantity}))
        .collect()
}

/// Issues parts (发料) from one warehouse to the recipient, fully or partly
/// per line; the lines left outstanding with none of their part left in the
/// warehouse are recorded short ([`shortages::raise`]). More than the
/// warehouse holds: 409 `insufficient_stock`, nothing written.
pub async fn issue(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &IssueInput,
) -> Result<RequisitionView, StoreError> {
    change(
        store,
        actor,
        id,
        expected,
        |r| rule::decide_issue(actor, r, input),
        (AuditAction::PartsIssued, |c| {
            json!({"number": c.requisition.number, "work_order": c.requisition.work_order_number,
                "warehouse_id": input.warehouse_id, "recipient": input.recipient.trim(),
                "movements": lines_event(c)})
        }),
        Some(input),
    )
    .await
}

/// Takes unused issued parts back (退库) into a warehouse.
pub async fn return_parts(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &ReturnInput,
) -> Result<RequisitionView, StoreError> {
    change(
        store,
        actor,
        id,
        expected,
        |r| rule::decide_return(actor, r, input),
        (AuditAction::PartsReturned, |c| {
            json!({"number": c.requisition.number, "work_order": c.requisition.work_order_number,
                "warehouse_id": input.warehouse_id, "movements": lines_event(c)})
        }),
        None,
    )
    .await
}

/// Exchanges faulty issued parts for good ones (退换).
pub async fn exchange(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &ExchangeInput,
) -> Result<RequisitionView, StoreError> {
    change(
        store,
        actor,
        id,
        expected,
        |r| rule::decide_exchange(actor, r, input),
        (AuditAction::PartsExchanged, |c| {
            json!({"number": c.requisition.number, "work_order": c.requisition.work_order_number,
                "warehouse_id": input.warehouse_id, "recipient": input.recipient.trim(),
                "reason": input.reason.trim(), "movements": lines_event(c)})
        }),
        None,
    )
    .await
}

/// Cancels an open or partly issued requisition with a reason.
pub async fn cancel(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &CancelInput,
) -> Result<RequisitionView, StoreError> {
    change(
        store,
        actor,
        id,
        expected,
        |r| {
            Ok(Change {
                requisition: rule::decide_cancel(actor, r, input)?,
                movements: Vec::new(),
            })
        },
        (
            AuditAction::RequisitionCancelled,
            |c| json!({"number": c.requisition.number, "reason": input.reason.trim()}),
        ),
        None,
    )
    .await
}

/// Every part issued on the machine (issued less returned, more than 0),
/// with the work order and requisition it went into, latest first: what the
/// machine archive lists.
pub async fn issued_on_machine(
    conn: &impl ConnectionTrait,
    machine_id: Uuid,
) -> Result<Vec<IssuedPart>, StoreError> {
    let rows = rq::Entity::find()
        .filter(rq::Column::MachineId.eq(machine_id))
        .order_by_desc(rq::Column::UpdatedAt)
        .order_by_desc(rq::Column::Id)
        .all(conn)
        .await?;
    let mut lines = lines_of(conn, rows.iter().map(|r| r.id).collect()).await?;
    let wos = labels::<work_order::Entity>(
        conn,
        work_order::Column::Id,
        work_order::Column::Number,
        rows.iter().map(|r| r.work_order_id),
    )
    .await?;
    let mut out = Vec::new();
    for r in rows {
        for l in lines.remove(&r.id).unwrap_or_default() {
            let used = l.issued_milli - l.returned_milli;
            let Some(part_id) = l.part_id else { continue };
            if used <= 0 {
                continue;
            }
            out.push(IssuedPart {
                part_id,
                part_number: l.part_number.clone().unwrap_or_default(),
                name: l.name.clone(),
                unit: l.unit.clone(),
                quantity: from_milli(used),
                work_order_id: r.work_order_id,
                work_order_number: wos.get(&r.work_order_id).cloned().unwrap_or_default(),
                requisition_id: r.id,
                requisition_number: r.number.clone(),
                at: r.updated_at,
            });
        }
    }
    Ok(out)
}
