//! Purchase requests (采购申请) and reorder suggestions (补货建议). A command
//! runs as every command does: in one write transaction the request is
//! loaded (locked on PostgreSQL), its `If-Match` version checked, the
//! domain decides (`furrow_domain::parts::purchasing`), the request and its
//! lines are saved only if their version is still the loaded one, a receipt's
//! movements are posted through the ledger (`stock::post_in`: levels never
//! below zero, movements appended), and the audit and outbox events are
//! written; all of it or nothing.
//!
//! [`create_in`] raises a request inside a caller's transaction (a
//! requisition's issue that leaves a shortage); [`parts_expected`] answers
//! when a work order's parts are expected.

use crate::cursor::{contains_pattern, decode, decode_time, encode, encode_time, page_end};
use crate::entities::{
    part, purchase_request, purchase_request_line, purchase_request_note, stock_level,
    stock_movement, user, work_order,
};
use crate::error::StoreError;
use crate::idempotency::{self, IdempotencyKey, Once};
use crate::pipeline::Creation;
use crate::{Listing, Store, audit, sequences, settings, stock};
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc};
use furrow_domain::DomainError;
use furrow_domain::access::{self, RecordKind, Scope};
use furrow_domain::audit::AuditAction;
use furrow_domain::auth::Actor;
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::parts::purchasing::{
    self as rules, CancelInput, NUMBER_PREFIX, NewPurchaseRequest, NoteInput, OrderInput,
    PurchaseDecision, PurchaseLine, PurchaseRequest, ReceiveInput, USAGE_DAYS,
};
use furrow_domain::parts::purchasing::{PurchaseLineView, PurchaseNoteView};
use furrow_domain::parts::{
    MovementKind, PartCategory, PartsExpected, PurchaseFilters, PurchaseOrigin,
    PurchaseRequestView, PurchaseStatus, ReorderSuggestion, SuggestionFilters, from_milli,
    to_milli,
};
use furrow_domain::service::decide::{Decision, Event};
use furrow_domain::validation::Validator;
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, Func, LikeExpr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The company's time zone (the SLA settings'): numbers take its year and
/// "overdue" its date.
pub(crate) async fn zone<C: ConnectionTrait>(conn: &C) -> Result<FixedOffset, StoreError> {
    Ok(settings::sla(conn).await?.0.zone())
}

pub(crate) fn today(now: DateTime<Utc>, zone: FixedOffset) -> NaiveDate {
    now.with_timezone(&zone).date_naive()
}

fn milli(q: Decimal) -> Result<i64, StoreError> {
    to_milli(q).ok_or_else(|| {
        let mut v = Validator::new();
        v.error("quantity", "too_precise", "quantity has at most 3 decimals");
        StoreError::from(v.finish().unwrap_err())
    })
}

/// Whether the actor sees purchase requests at all (404 for one, 403 for
/// the list, as the permission table's scope says).
fn visible(actor: &Actor) -> bool {
    access::scope(actor, RecordKind::PurchaseRequest) == Scope::All
}

/// Raises a purchase request inside the caller's transaction `tx`, at
/// `now`, as `actor` (who must be allowed to request purchases: a parts
/// clerk or purchasing), with its number (`PR-YYYY-NNNNNN`) from the one
/// numbering mechanism, its lines, its note as the first progress note and
/// its audit and outbox event. The caller commits. A shortage names its work
/// order (which must exist) and may name its requisition (kept by id).
/// Returns the new request's id.
pub async fn create_in<C: ConnectionTrait>(
    tx: &C,
    actor: &Actor,
    now: DateTime<Utc>,
    input: &NewPurchaseRequest,
) -> Result<Uuid, StoreError> {
    let new = rules::decide_request(actor, input)?;
    let parts = crate::parts::by_ids(tx, new.lines.iter().map(|l| l.part_id).collect()).await?;
    let mut v = Validator::new();
    for (i, l) in new.lines.iter().enumerate() {
        match parts.get(&l.part_id) {
            None => {
                v.error(&format!("lines[{i}].part_id"), "not_found", "no such part");
            }
            Some(p) if !p.active => {
                v.error(
                    &format!("lines[{i}].part_id"),
                    "inactive",
                    format!("part {} is deactivated", p.part_number),
                );
            }
            Some(_) => {}
        }
    }
    if let Some(w) = new.work_order_id
        && work_order::Entity::find_by_id(w).one(tx).await?.is_none()
    {
        v.error("work_order_id", "not_found", "no such work order");
    }
    v.finish()?;
    let year = now.with_timezone(&zone(tx).await?).year();
    let number = sequences::take_number(tx, &format!("{NUMBER_PREFIX}-{year}")).await?;
    let id = Uuid::now_v7();
    purchase_request::Entity::insert(purchase_request::ActiveModel {
        id: Set(id),
        number: Set(number.clone()),
        origin: Set(new.origin.as_str().to_owned()),
        status: Set(PurchaseStatus::Requested.as_str().to_owned()),
        work_order_id: Set(new.work_order_id),
        requisition_id: Set(new.requisition_id),
        supplier: Set(None),
        expected_on: Set(None),
        cancel_reason: Set(None),
        requested_by: Set(actor.user_id),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(tx)
    .await?;
    let mut lines = Vec::with_capacity(new.lines.len());
    for (i, l) in new.lines.iter().enumerate() {
        lines.push(purchase_request_line::ActiveModel {
            request_id: Set(id),
            part_id: Set(l.part_id),
            position: Set(i as i32),
            quantity_milli: Set(milli(l.quantity)?),
            received_milli: Set(0),
        });
    }
    purchase_request_line::Entity::insert_many(lines)
        .exec_without_returning(tx)
        .await?;
    if let Some(text) = &new.note {
        add_note(tx, id, actor, now, text).await?;
    }
    if let Some(wo) = new.work_order_id
        && rules::changes_parts_expected(new.origin, None, (PurchaseStatus::Requested, None))
    {
        crate::parts_wait::expected_changed(tx, now, wo).await?;
    }
    let event = Event {
        action: AuditAction::PurchaseRequested,
        record: RecordKind::PurchaseRequest,
        record_id: id,
        data: serde_json::json!({
            "number": number, "origin": new.origin,
            "work_order_id": new.work_order_id, "requisition_id": new.requisition_id,
            "lines": new.lines.iter().map(|l| serde_json::json!({
                "part": parts.get(&l.part_id).map(|p| p.part_number.clone()),
                "quantity": l.quantity,
            })).collect::<Vec<_>>(),
        }),
    };
    audit::record_event(tx, Some(actor), &event, now).await?;
    Ok(id)
}

/// Raises a purchase request in its own transaction (`POST
/// /purchase-requests`); a retried `Idempotency-Key` answers the first.
pub async fn create(
    store: &Store,
    actor: &Actor,
    input: &NewPurchaseRequest,
    key: Option<&IdempotencyKey>,
) -> Result<Once<PurchaseRequestView>, StoreError> {
    idempotency::once(store, key, async || {
        let write = Creation::begin(store, actor).await?;
        let now = write.ctx().now;
        let id = create_in(write.tx(), actor, now, input).await?;
        let zone = zone(write.tx()).await?;
        let row = purchase_request::Entity::find_by_id(id)
            .one(write.tx())
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut views = views(write.tx(), actor, vec![row], today(now, zone)).await?;
        let view = views.pop().ok_or(StoreError::NotFound)?;
        idempotency::remember(write.tx(), key, &view).await?;
        write.commit(&Decision::default()).await?;
        Ok(view)
    })
    .await
}

/// One purchase request as the actor sees it (404 when it may not).
pub async fn get(
    store: &Store,
    actor: &Actor,
    id: Uuid,
) -> Result<PurchaseRequestView, StoreError> {
    if !visible(actor) {
        return Err(StoreError::NotFound);
    }
    let conn = store.conn();
    let row = purchase_request::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let day = today(store.now(), zone(conn).await?);
    views(conn, actor, vec![row], day)
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// Purchase requests newest first, filtered.
pub async fn list(
    store: &Store,
    actor: &Actor,
    listing: &Listing<PurchaseFilters>,
) -> Result<Page<PurchaseRequestView>, StoreError> {
    use purchase_request::Column as C;
    if !visible(actor) {
        return Err(StoreError::Forbidden(
            "your roles do not let you see purchase requests".into(),
        ));
    }
    let conn = store.conn();
    let day = today(store.now(), zone(conn).await?);
    let f = &listing.filters;
    let mut c = Condition::all();
    if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
        c = c.add(
            Expr::expr(Func::lower(Expr::col(C::Number)))
                .like(LikeExpr::new(contains_pattern(text)).escape('\\')),
        );
    }
    if let Some(s) = f.status {
        c = c.add(C::Status.eq(s.as_str()));
    }
    if let Some(o) = f.origin {
        c = c.add(C::Origin.eq(o.as_str()));
    }
    if let Some(p) = f.part_id {
        c = c.add(
            C::Id.in_subquery(
                purchase_request_line::Entity::find()
                    .select_only()
                    .column(purchase_request_line::Column::RequestId)
                    .filter(purchase_request_line::Column::PartId.eq(p))
                    .into_query(),
            ),
        );
    }
    if let Some(text) = f.supplier.as_deref().filter(|t| !t.trim().is_empty()) {
        c = c.add(
            Expr::expr(Func::lower(Expr::col(C::Supplier)))
                .like(LikeExpr::new(contains_pattern(text)).escape('\\')),
        );
    }
    if let Some(w) = f.work_order_id {
        c = c.add(C::WorkOrderId.eq(w));
    }
    let waiting = [
        PurchaseStatus::Ordered.as_str(),
        PurchaseStatus::PartlyReceived.as_str(),
    ];
    if let Some(overdue) = f.overdue {
        // Exactly `rules::is_overdue`, as a condition.
        let late = Condition::all()
            .add(C::Status.is_in(waiting))
            .add(C::ExpectedOn.lt(day));
        c = c.add(if overdue { late } else { late.not() });
    }
    if let Some(open) = f.open {
        let closed = [
            PurchaseStatus::Received.as_str(),
            PurchaseStatus::Cancelled.as_str(),
        ];
        c = c.add(if open {
            C::Status.is_not_in(closed)
        } else {
            C::Status.is_in(closed)
        });
    }
    if let Some(cursor) = listing.cursor.as_deref() {
        let (at, id) = decode_time(cursor)?;
        c = c.add(
            Condition::any()
                .add(C::CreatedAt.lt(at))
                .add(Condition::all().add(C::CreatedAt.eq(at)).add(C::Id.lt(id))),
        );
    }
    let limit = clamp_limit(listing.limit);
    let mut rows = purchase_request::Entity::find()
        .filter(c)
        .order_by_desc(C::CreatedAt)
        .order_by_desc(C::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    let next = page_end(&mut rows, limit).map(|r| encode_time(r.created_at, r.id));
    Ok(Page::new(views(conn, actor, rows, day).await?, next))
}

async fn add_note<C: ConnectionTrait>(
    tx: &C,
    request_id: Uuid,
    actor: &Actor,
    now: DateTime<Utc>,
    text: &str,
) -> Result<(), StoreError> {
    purchase_request_note::Entity::insert(purchase_request_note::ActiveModel {
        id: Set(Uuid::now_v7()),
        request_id: Set(request_id),
        author_id: Set(actor.user_id),
        text: Set(text.to_owned()),
        at: Set(now),
    })
    .exec_without_returning(tx)
    .await?;
    Ok(())
}

fn status_of(row: &purchase_request::Model) -> Result<PurchaseStatus, StoreError> {
    PurchaseStatus::parse(&row.status).ok_or_else(|| {
        StoreError::corrupt(
            format!("purchase request {}", row.number),
            "status",
            format!("unknown {:?}", row.status),
        )
    })
}

fn origin_of(row: &purchase_request::Model) -> Result<PurchaseOrigin, StoreError> {
    PurchaseOrigin::parse(&row.origin).ok_or_else(|| {
        StoreError::corrupt(
            format!("purchase request {}", row.number),
            "origin",
            format!("unknown {:?}", row.origin),
        )
    })
}

/// The lines of these requests, by request, in their order.
async fn lines_of<C: ConnectionTrait>(
    conn: &C,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, Vec<purchase_request_line::Model>>, StoreError> {
    let mut out: HashMap<Uuid, Vec<_>> = HashMap::new();
    for l in purchase_request_line::Entity::find()
        .filter(purchase_request_line::Column::RequestId.is_in(ids))
        .order_by_asc(purchase_request_line::Column::Position)
        .all(conn)
        .await?
    {
        out.entry(l.request_id).or_default().push(l);
    }
    Ok(out)
}

fn record(
    row: &purchase_request::Model,
    lines: &[purchase_request_line::Model],
) -> Result<PurchaseRequest, StoreError> {
    Ok(PurchaseRequest {
        id: row.id,
        number: row.number.clone(),
        origin: origin_of(row)?,
        status: status_of(row)?,
        work_order_id: row.work_order_id,
        requisition_id: row.requisition_id,
        supplier: row.supplier.clone(),
        expected_on: row.expected_on,
        cancel_reason: row.cancel_reason.clone(),
        lines: lines
            .iter()
            .map(|l| PurchaseLine {
                part_id: l.part_id,
                quantity: from_milli(l.quantity_milli),
                received: from_milli(l.received_milli),
            })
            .collect(),
    })
}

/// The views of these rows, in their order, with the actor's `actions`.
async fn views<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    rows: Vec<purchase_request::Model>,
    today: NaiveDate,
) -> Result<Vec<PurchaseRequestView>, StoreError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut lines = lines_of(conn, ids.clone()).await?;
    let parts =
        crate::parts::by_ids(conn, lines.values().flatten().map(|l| l.part_id).collect()).await?;
    let mut notes: HashMap<Uuid, Vec<purchase_request_note::Model>> = HashMap::new();
    for n in purchase_request_note::Entity::find()
        .filter(purchase_request_note::Column::RequestId.is_in(ids))
        .order_by_asc(purchase_request_note::Column::At)
        .order_by_asc(purchase_request_note::Column::Id)
        .all(conn)
        .await?
    {
        notes.entry(n.request_id).or_default().push(n);
    }
    let user_ids: Vec<Uuid> = rows
        .iter()
        .map(|r| r.requested_by)
        .chain(notes.values().flatten().map(|n| n.author_id))
        .collect();
    let users: HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let work_orders: HashMap<Uuid, String> = work_order::Entity::find()
        .filter(work_order::Column::Id.is_in(rows.iter().filter_map(|r| r.work_order_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|w| (w.id, w.number))
        .collect();
    rows.into_iter()
        .map(|row| {
            let own = lines.remove(&row.id).unwrap_or_default();
            let r = record(&row, &own)?;
            let line_views = own
                .iter()
                .map(|l| {
                    let p = parts.get(&l.part_id).ok_or_else(|| {
                        StoreError::corrupt(
                            format!("purchase request {}", row.number),
                            "part",
                            "no such part",
                        )
                    })?;
                    let quantity = from_milli(l.quantity_milli);
                    let received = from_milli(l.received_milli);
                    Ok(PurchaseLineView {
                        part_id: l.part_id,
                        part_number: p.part_number.clone(),
                        part_name: p.name.clone(),
                        spec: p.spec.clone(),
                        unit: p.unit.clone(),
                        quantity,
                        received,
                        outstanding: (quantity - received).max(Decimal::ZERO),
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            let note_views = notes
                .remove(&row.id)
                .unwrap_or_default()
                .into_iter()
                .map(|n| PurchaseNoteView {
                    at: n.at,
                    author_name: users.get(&n.author_id).cloned().unwrap_or_default(),
                    author_id: n.author_id,
                    text: n.text,
                })
                .collect();
            Ok(PurchaseRequestView {
                id: row.id,
                number: row.number.clone(),
                origin: r.origin,
                status: r.status,
                work_order_id: row.work_order_id,
                work_order_number: row.work_order_id.and_then(|w| work_orders.get(&w).cloned()),
                requisition_id: row.requisition_id,
                supplier: row.supplier.clone(),
                expected_on: row.expected_on,
                overdue: rules::is_overdue(r.status, row.expected_on, today),
                cancel_reason: row.cancel_reason.clone(),
                lines: line_views,
                notes: note_views,
                requested_by: row.requested_by,
                requested_by_name: users.get(&row.requested_by).cloned().unwrap_or_default(),
                version: row.version,
                created_at: row.created_at,
                updated_at: row.updated_at,
                actions: rules::available_commands(actor, r.status),
            })
        })
        .collect()
}

/// Runs one command on a purchase request: load (locked), check the
/// version, decide, save the request and its lines, post its receipts and
/// note, write its event; then read it back.
async fn run(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    decide: impl FnOnce(&PurchaseRequest, NaiveDate) -> Result<PurchaseDecision, DomainError>,
) -> Result<PurchaseRequestView, StoreError> {
    if !visible(actor) {
        return Err(StoreError::NotFound);
    }
    let write = Creation::begin(store, actor).await?;
    let now = write.ctx().now;
    let tx = write.tx();
    let mut q = purchase_request::Entity::find_by_id(id);
    if tx.get_database_backend() == sea_orm::DbBackend::Postgres {
        q = q.lock_exclusive();
    }
    let row = q.one(tx).await?.ok_or(StoreError::NotFound)?;
    if expected.is_some_and(|v| v != row.version) {
        return Err(StoreError::StaleVersion {
            current: row.version,
        });
    }
    let lines = lines_of(tx, vec![id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let before = record(&row, &lines)?;
    let day = today(now, zone(tx).await?);
    let d = decide(&before, day)?;
    let after = &d.record;
    let am = purchase_request::ActiveModel {
        status: Set(after.status.as_str().to_owned()),
        supplier: Set(after.supplier.clone()),
        expected_on: Set(after.expected_on),
        cancel_reason: Set(after.cancel_reason.clone()),
        version: Set(row.version + 1),
        updated_at: Set(now),
        ..Default::default()
    };
    let saved = purchase_request::Entity::update_many()
        .set(am)
        .filter(purchase_request::Column::Id.eq(id))
        .filter(purchase_request::Column::Version.eq(row.version))
        .exec(tx)
        .await?;
    if saved.rows_affected != 1 {
        return Err(StoreError::StaleVersion {
            current: row.version + 1,
        });
    }
    for (old, new) in before.lines.iter().zip(&after.lines) {
        if old.received != new.received {
            purchase_request_line::Entity::update_many()
                .col_expr(
                    purchase_request_line::Column::ReceivedMilli,
                    Expr::value(milli(new.received)?),
                )
                .filter(purchase_request_line::Column::RequestId.eq(id))
                .filter(purchase_request_line::Column::PartId.eq(new.part_id))
                .exec(tx)
                .await?;
        }
    }
    if let Some(wo) = after.work_order_id
        && rules::changes_parts_expected(
            after.origin,
            Some((before.status, before.expected_on)),
            (after.status, after.expected_on),
        )
    {
        crate::parts_wait::expected_changed(tx, now, wo).await?;
    }
    let mut events = vec![d.event.clone()];
    if !d.receipts.is_empty() {
        let mut moves = d.receipts.clone();
        moves.sort_by_key(|m| (m.part_id, m.warehouse_id));
        let checked = stock::check(tx, &moves).await?;
        let (_, posted) =
            stock::post_in(tx, actor, now, &checked, &moves, AuditAction::StockReceived).await?;
        events.extend(posted);
    }
    if let Some(text) = &d.note {
        add_note(tx, id, actor, now, text).await?;
    }
    write
        .commit(&Decision {
            events,
            ..Decision::default()
        })
        .await?;
    get(store, actor, id).await
}

/// Approves a requested purchase request (purchasing, managers).
pub async fn approve(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
) -> Result<PurchaseRequestView, StoreError> {
    run(store, actor, id, expected, |r, _| {
        rules::decide_approve(actor, r)
    })
    .await
}

/// Orders an approved request from a supplier, expected on a date.
pub async fn order(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &OrderInput,
) -> Result<PurchaseRequestView, StoreError> {
    run(store, actor, id, expected, |r, day| {
        rules::decide_order(actor, r, input, day)
    })
    .await
}

/// Receives parts of an ordered request into a warehouse: receipt movements
/// referring to the request, in the same transaction as its update.
pub async fn receive(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &ReceiveInput,
) -> Result<PurchaseRequestView, StoreError> {
    run(store, actor, id, expected, |r, _| {
        rules::decide_receive(actor, r, input)
    })
    .await
}

/// Cancels a request with a reason.
pub async fn cancel(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &CancelInput,
) -> Result<PurchaseRequestView, StoreError> {
    run(store, actor, id, expected, |r, _| {
        rules::decide_cancel(actor, r, input)
    })
    .await
}

/// Adds a progress note.
pub async fn note(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &NoteInput,
) -> Result<PurchaseRequestView, StoreError> {
    run(store, actor, id, expected, |r, _| {
        rules::decide_note(actor, r, input)
    })
    .await
}

/// When the parts of request `request_id`'s repair are expected, from the
/// shortage purchase requests of its work orders
/// (`furrow_domain::parts::purchasing::parts_expected` decides), or `None`
/// when it waits for no purchase.
pub async fn parts_expected<C: ConnectionTrait>(
    conn: &C,
    request_id: Uuid,
    today: NaiveDate,
) -> Result<Option<PartsExpected>, StoreError> {
    use purchase_request::Column as C;
    let work_orders = work_order::Entity::find()
        .select_only()
        .column(work_order::Column::Id)
        .filter(work_order::Column::RequestId.eq(request_id))
        .into_query();
    let rows: Vec<(String, Option<NaiveDate>)> = purchase_request::Entity::find()
        .select_only()
        .columns([C::Status, C::ExpectedOn])
        .filter(C::WorkOrderId.in_subquery(work_orders))
        .filter(C::Origin.eq(PurchaseOrigin::Shortage.as_str()))
        .into_tuple()
        .all(conn)
        .await?;
    let requests = rows
        .into_iter()
        .map(|(status, on)| {
            PurchaseStatus::parse(&status)
                .map(|s| (s, on))
                .ok_or_else(|| StoreError::corrupt("purchase request", "status", &status))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rules::parts_expected(&requests, today))
}

/// What is on order of each part (thousandths): the outstanding quantity of
/// the lines of approved, ordered and partly received requests.
pub async fn on_order<C: ConnectionTrait>(conn: &C) -> Result<HashMap<Uuid, i64>, StoreError> {
    let open: Vec<&str> = PurchaseStatus::ALL
        .iter()
        .filter(|s| s.on_order())
        .map(|s| s.as_str())
        .collect();
    let ids = purchase_request::Entity::find()
        .select_only()
        .column(purchase_request::Column::Id)
        .filter(purchase_request::Column::Status.is_in(open))
        .into_query();
    let mut out = HashMap::new();
    for l in purchase_request_line::Entity::find()
        .filter(purchase_request_line::Column::RequestId.in_subquery(ids))
        .all(conn)
        .await?
    {
        *out.entry(l.part_id).or_insert(0) += (l.quantity_milli - l.received_milli).max(0);
    }
    Ok(out)
}

/// The reorder suggestions (补货建议) by part number: every active part whose
/// on hand over every warehouse plus what is on order is below its reorder
/// point, with the quantity [`rules::suggested_quantity`] suggests from its
/// last 90 days' issues. Whoever sees purchase requests.
pub async fn reorder_suggestions(
    store: &Store,
    actor: &Actor,
    listing: &Listing<SuggestionFilters>,
) -> Result<Page<ReorderSuggestion>, StoreError> {
    if !visible(actor) {
        return Err(StoreError::Forbidden(
            "your roles do not let you see purchase requests".into(),
        ));
    }
    let conn = store.conn();
    let f = &listing.filters;
    let mut q = part::Entity::find()
        .filter(part::Column::Active.eq(true))
        .filter(part::Column::ReorderPointMilli.gt(0i64));
    if let Some(c) = f.category {
        q = q.filter(part::Column::Category.eq(c.as_str()));
    }
    if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
        let pattern = contains_pattern(text);
        let like = |col: part::Column| {
            Expr::expr(Func::lower(Expr::col(col)))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        q = q.filter(
            Condition::any()
                .add(like(part::Column::PartNumber))
                .add(like(part::Column::Name))
                .add(like(part::Column::Spec)),
        );
    }
    if let Some(cursor) = listing.cursor.as_deref() {
        let (key, _) = decode(cursor)?;
        q = q.filter(part::Column::PartNumber.gt(key));
    }
    let parts = q.order_by_asc(part::Column::PartNumber).all(conn).await?;
    let mut totals: HashMap<Uuid, i64> = HashMap::new();
    for l in stock_level::Entity::find().all(conn).await? {
        *totals.entry(l.part_id).or_insert(0) += l.on_hand_milli;
    }
    let ordered = on_order(conn).await?;
    let since = store.now() - Duration::days(USAGE_DAYS);
    let mut usage: HashMap<Uuid, i64> = HashMap::new();
    for m in stock_movement::Entity::find()
        .filter(stock_movement::Column::Kind.eq(MovementKind::Issue.as_str()))
        .filter(stock_movement::Column::At.gte(since))
        .all(conn)
        .await?
    {
        *usage.entry(m.part_id).or_insert(0) += -m.quantity_milli;
    }
    let limit = clamp_limit(listing.limit) as usize;
    let mut items = Vec::new();
    let mut next = None;
    for p in parts {
        let on_hand = from_milli(totals.get(&p.id).copied().unwrap_or(0));
        let on_order = from_milli(ordered.get(&p.id).copied().unwrap_or(0));
        let used = from_milli(usage.get(&p.id).copied().unwrap_or(0).max(0));
        let point = from_milli(p.reorder_point_milli);
        let qty = from_milli(p.reorder_quantity_milli);
        let Some(suggested) = rules::suggested_quantity(on_hand, on_order, point, qty, used) else {
            continue;
        };
        if items.len() == limit {
            next = items
                .last()
                .map(|s: &ReorderSuggestion| encode(&s.part_number, s.part_id));
            break;
        }
        let category = PartCategory::parse(&p.category).ok_or_else(|| {
            StoreError::corrupt(format!("part {}", p.part_number), "category", &p.category)
        })?;
        items.push(ReorderSuggestion {
            part_id: p.id,
            part_number: p.part_number,
            part_name: p.name,
            spec: p.spec,
            category,
            unit: p.unit,
            on_hand,
            on_order,
            reorder_point: point,
            reorder_quantity: qty,
            usage_90_days: used,
            suggested,
        });
    }
    Ok(Page::new(items, next))
}
