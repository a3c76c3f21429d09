//! The stock ledger (库存台账) and the levels it sums to. A posting runs as
//! every command does (`pipeline::Creation`): the domain decides the
//! movements, then in one write transaction each movement's level is moved
//! by a conditional UPDATE that refuses to go below zero, the movement is
//! appended, and its audit and outbox events are written. A refused
//! movement rolls the whole posting back: nothing is written.
//!
//! Concurrency: the UPDATE `... SET on_hand = on_hand + d WHERE ... AND
//! on_hand + d >= 0` is atomic on both engines (PostgreSQL takes the row's
//! lock and re-checks the condition after a concurrent commit; SQLite has
//! one writer at a time), so concurrent issues never take more than is on
//! hand. Levels are touched in (part, warehouse) order, so two transfers in
//! opposite directions cannot deadlock. There is no path that updates or
//! deletes a movement.

use crate::cursor::{decode, decode_time, encode, encode_time, page_end};
use crate::entities::{bin, part, stock_level, stock_movement, user, warehouse};
use crate::error::StoreError;
use crate::idempotency::{self, IdempotencyKey, Once};
use crate::pipeline::Creation;
use crate::warehouses::kind_of;
use crate::{Listing, Store};
use chrono::{DateTime, Utc};
use furrow_domain::DomainError;
use furrow_domain::access::{self, RecordKind, Scope};
use furrow_domain::audit::AuditAction;
use furrow_domain::auth::Actor;
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::parts::{
    AdjustmentInput, Movement, MovementFilters, MovementKind, MovementView, PartCategory,
    ReceiptInput, ReferenceKind, StockFilters, StockLevelView, StockReference, TransferInput,
    below_reorder, decide_adjustment, decide_receipt, decide_transfer, from_milli, to_milli,
};
use furrow_domain::service::commands::Command;
use furrow_domain::service::decide::{Decision, Event};
use furrow_domain::validation::Validator;
use sea_orm::sea_query::{Expr, Func, OnConflict, Query, SelectStatement};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, Order,
    QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;
use uuid::Uuid;

/// Posts a receipt (入库).
pub async fn post_receipt(
    store: &Store,
    actor: &Actor,
    input: &ReceiptInput,
    key: Option<&IdempotencyKey>,
) -> Result<Posted, StoreError> {
    allowed(actor, Command::PostReceipt)?;
    let moves = decide_receipt(input)?;
    post_once(store, actor, moves, AuditAction::StockReceived, key).await
}

/// Posts an adjustment with its reason (库存调整).
pub async fn post_adjustment(
    store: &Store,
    actor: &Actor,
    input: &AdjustmentInput,
    key: Option<&IdempotencyKey>,
) -> Result<Posted, StoreError> {
    allowed(actor, Command::PostAdjustment)?;
    let moves = decide_adjustment(input)?;
    post_once(store, actor, moves, AuditAction::StockAdjusted, key).await
}

/// Posts a transfer between warehouses (调拨): its out and its in together.
pub async fn post_transfer(
    store: &Store,
    actor: &Actor,
    input: &TransferInput,
    key: Option<&IdempotencyKey>,
) -> Result<Posted, StoreError> {
    allowed(actor, Command::PostTransfer)?;
    let moves = decide_transfer(input)?;
    post_once(store, actor, moves, AuditAction::StockTransferred, key).await
}

/// What a posting did: its movements, or, for a retried `Idempotency-Key`,
/// the first posting's answer (nothing is posted twice).
pub type Posted = Once<Vec<MovementView>>;

async fn post_once(
    store: &Store,
    actor: &Actor,
    moves: Vec<Movement>,
    action: AuditAction,
    key: Option<&IdempotencyKey>,
) -> Result<Posted, StoreError> {
    idempotency::once(store, key, async || {
        post(store, actor, moves, action, key).await
    })
    .await
}

/// Posts movements of the ledger's other kinds (issues, returns, exchanges:
/// the requisitions' commands), after the caller's own decision.
pub async fn post_movements(
    store: &Store,
    actor: &Actor,
    moves: Vec<Movement>,
    action: AuditAction,
) -> Result<Vec<MovementView>, StoreError> {
    post(store, actor, moves, action, None).await
}

fn allowed(actor: &Actor, command: Command) -> Result<(), StoreError> {
    if access::may_give_on(actor, RecordKind::StockMovement, command) {
        Ok(())
    } else {
        Err(DomainError::Forbidden(command).into())
    }
}

/// What a posting checked before its write: the part and warehouses exist,
/// are active, and the bins named are theirs.
pub(crate) struct Checked {
    parts: HashMap<Uuid, part::Model>,
    warehouses: HashMap<Uuid, warehouse::Model>,
}

/// The checks of the records a posting names, on the read connection before
/// the write begins (parts and warehouses are never deleted), so the write's
/// first statement takes the writer's lock.
pub(crate) async fn check<C: ConnectionTrait>(
    conn: &C,
    moves: &[Movement],
) -> Result<Checked, StoreError> {
    let part_ids: Vec<Uuid> = moves.iter().map(|m| m.part_id).collect();
    let wh_ids: Vec<Uuid> = moves.iter().map(|m| m.warehouse_id).collect();
    let parts: HashMap<Uuid, part::Model> = part::Entity::find()
        .filter(part::Column::Id.is_in(part_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let warehouses: HashMap<Uuid, warehouse::Model> = warehouse::Entity::find()
        .filter(warehouse::Column::Id.is_in(wh_ids.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|w| (w.id, w))
        .collect();
    let bins: Vec<bin::Model> = bin::Entity::find()
        .filter(bin::Column::WarehouseId.is_in(wh_ids))
        .all(conn)
        .await?;
    let mut v = Validator::new();
    for m in moves {
        match parts.get(&m.part_id) {
            None => {
                v.error("part_id", "not_found", "no such part");
            }
            Some(p) if !p.active => {
                v.error(
                    "part_id",
                    "inactive",
                    format!("part {} is deactivated", p.part_number),
                );
            }
            Some(_) => {}
        }
        let field = match m.kind {
            MovementKind::TransferOut => "from_warehouse_id",
            MovementKind::TransferIn => "to_warehouse_id",
            _ => "warehouse_id",
        };
        match warehouses.get(&m.warehouse_id) {
            None => {
                v.error(field, "not_found", "no such warehouse");
            }
            Some(w) if !w.active => {
                v.error(
                    field,
                    "inactive",
                    format!("warehouse {} is deactivated", w.code),
                );
            }
            Some(w) => {
                if let Some(b) = &m.bin
                    && !bins
                        .iter()
                        .any(|x| x.warehouse_id == m.warehouse_id && &x.code == b)
                {
                    let field = if m.kind == MovementKind::TransferIn {
                        "to_bin"
                    } else {
                        "bin"
                    };
                    v.error(
                        field,
                        "not_found",
                        format!("warehouse {} has no bin {b}", w.code),
                    );
                }
            }
        }
    }
    v.finish()?;
    Ok(Checked { parts, warehouses })
}

async fn post(
    store: &Store,
    actor: &Actor,
    mut moves: Vec<Movement>,
    action: AuditAction,
    key: Option<&IdempotencyKey>,
) -> Result<Vec<MovementView>, StoreError> {
    let checked = check(store.conn(), &moves).await?;
    // Levels in one order, whatever the posting's: no deadlock between two.
    moves.sort_by_key(|m| (m.part_id, m.warehouse_id));
    let write = Creation::begin(store, actor).await?;
    let now = write.ctx().now;
    let tx = write.tx();
    let (posted, events) = post_in(tx, actor, now, &checked, &moves, action).await?;
    // The key's answer in the posting's own transaction: a retry fails here.
    idempotency::remember(tx, key, &posted).await?;
    let decision = Decision {
        events,
        ..Decision::default()
    };
    write.commit(&decision).await?;
    Ok(posted)
}

/// Posts `moves` (checked by [`check`], in (part, warehouse) order) inside
/// the caller's transaction: each level moved by its conditional UPDATE
/// (never below zero), each movement appended. Returns the movements and
/// the events the caller writes with its commit.
pub(crate) async fn post_in<C: ConnectionTrait>(
    tx: &C,
    actor: &Actor,
    now: DateTime<Utc>,
    checked: &Checked,
    moves: &[Movement],
    action: AuditAction,
) -> Result<(Vec<MovementView>, Vec<Event>), StoreError> {
    let backend = tx.get_database_backend();
    let batch = Uuid::now_v7();
    let mut events = Vec::with_capacity(moves.len());
    let mut ids = Vec::with_capacity(moves.len());
    for m in moves {
        let delta = to_milli(m.quantity).ok_or_else(|| {
            let mut v = Validator::new();
            v.error("quantity", "too_precise", "quantity has at most 3 decimals");
            StoreError::from(v.finish().unwrap_err())
        })?;
        stock_level::Entity::insert(stock_level::ActiveModel {
            part_id: Set(m.part_id),
            warehouse_id: Set(m.warehouse_id),
            on_hand_milli: Set(0),
            bin: Set(None),
            updated_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([
                stock_level::Column::PartId,
                stock_level::Column::WarehouseId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(tx)
        .await?;
        let mut q = Query::update();
        q.table(stock_level::Entity)
            .value(
                stock_level::Column::OnHandMilli,
                Expr::col(stock_level::Column::OnHandMilli).add(delta),
            )
            .value(stock_level::Column::UpdatedAt, now)
            .and_where(stock_level::Column::PartId.eq(m.part_id))
            .and_where(stock_level::Column::WarehouseId.eq(m.warehouse_id))
            .and_where(
                Expr::expr(Expr::col(stock_level::Column::OnHandMilli).add(delta)).gte(0i64),
            );
        if let Some(b) = &m.bin {
            q.value(stock_level::Column::Bin, b.clone());
        }
        let done = tx.execute(backend.build(&q)).await?;
        if done.rows_affected() != 1 {
            let level = stock_level::Entity::find_by_id((m.part_id, m.warehouse_id))
                .one(tx)
                .await?
                .map_or(0, |l| l.on_hand_milli);
            return Err(DomainError::InsufficientStock {
                part: checked.parts[&m.part_id].part_number.clone(),
                warehouse: checked.warehouses[&m.warehouse_id].code.clone(),
                on_hand: from_milli(level),
                requested: -m.quantity,
            }
            .into());
        }
        let id = Uuid::now_v7();
        let reference = m.reference.as_ref();
        stock_movement::Entity::insert(stock_movement::ActiveModel {
            id: Set(id),
            part_id: Set(m.part_id),
            warehouse_id: Set(m.warehouse_id),
            kind: Set(m.kind.as_str().to_owned()),
            quantity_milli: Set(delta),
            bin: Set(m.bin.clone()),
            reference_kind: Set(reference.map(|r| r.kind.as_str().to_owned())),
            reference_id: Set(reference.and_then(|r| r.id)),
            reference_number: Set(reference.and_then(|r| r.number.clone())),
            recipient: Set(m.recipient.clone()),
            note: Set(m.note.clone()),
            batch_id: Set(batch),
            performed_by: Set(actor.user_id),
            at: Set(now),
        })
        .exec_without_returning(tx)
        .await?;
        events.push(Event {
            action,
            record: RecordKind::StockMovement,
            record_id: id,
            data: serde_json::json!({
                "part": checked.parts[&m.part_id].part_number,
                "warehouse": checked.warehouses[&m.warehouse_id].code,
                "kind": m.kind, "quantity": m.quantity, "bin": m.bin,
                "reference": m.reference, "recipient": m.recipient, "note": m.note,
                "batch_id": batch,
            }),
        });
        ids.push(id);
    }
    let rows = stock_movement::Entity::find()
        .filter(stock_movement::Column::Id.is_in(ids))
        .order_by_asc(stock_movement::Column::Id)
        .all(tx)
        .await?;
    Ok((movement_views(tx, rows).await?, events))
}

/// The warehouses the actor's scope on stock lets it see: all, its own
/// dealer's, or none.
pub(crate) fn warehouse_scope(actor: &Actor) -> Result<Option<SelectStatement>, StoreError> {
    match access::scope(actor, RecordKind::StockMovement) {
        Scope::All => Ok(None),
        Scope::OwnDealer => Ok(Some(
            Query::select()
                .column(warehouse::Column::Id)
                .from(warehouse::Entity)
                .and_where(warehouse::Column::DealerId.eq(actor.dealer_id))
                .to_owned(),
        )),
        Scope::OwnWorkOrders | Scope::None => Err(StoreError::Forbidden(
            "your roles do not let you see stock".into(),
        )),
    }
}

/// The views of movements, in their order.
pub async fn movement_views<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<stock_movement::Model>,
) -> Result<Vec<MovementView>, StoreError> {
    let parts = crate::parts::by_ids(conn, rows.iter().map(|r| r.part_id).collect()).await?;
    let warehouses: HashMap<Uuid, warehouse::Model> = warehouse::Entity::find()
        .filter(warehouse::Column::Id.is_in(rows.iter().map(|r| r.warehouse_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|w| (w.id, w))
        .collect();
    let users: HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|r| r.performed_by)))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    rows.into_iter()
        .map(|m| {
            let record = || format!("stock movement {}", m.id);
            let kind = MovementKind::parse(&m.kind).ok_or_else(|| {
                StoreError::corrupt(record(), "kind", format!("unknown kind {:?}", m.kind))
            })?;
            let reference = match &m.reference_kind {
                None => None,
                Some(k) => Some(StockReference {
                    kind: ReferenceKind::parse(k).ok_or_else(|| {
                        StoreError::corrupt(record(), "reference_kind", format!("unknown {k:?}"))
                    })?,
                    id: m.reference_id,
                    number: m.reference_number.clone(),
                }),
            };
            let p = parts
                .get(&m.part_id)
                .ok_or_else(|| StoreError::corrupt(record(), "part", "no such part"))?;
            let w = warehouses
                .get(&m.warehouse_id)
                .ok_or_else(|| StoreError::corrupt(record(), "warehouse", "no such warehouse"))?;
            Ok(MovementView {
                id: m.id,
                part_id: m.part_id,
                part_number: p.part_number.clone(),
                part_name: p.name.clone(),
                unit: p.unit.clone(),
                warehouse_id: m.warehouse_id,
                warehouse_code: w.code.clone(),
                warehouse_name: w.name.clone(),
                kind,
                quantity: from_milli(m.quantity_milli),
                bin: m.bin,
                reference,
                recipient: m.recipient,
                note: m.note,
                batch_id: m.batch_id,
                performed_by_name: users.get(&m.performed_by).cloned().unwrap_or_default(),
                performed_by: m.performed_by,
                at: m.at,
            })
        })
        .collect()
}

/// A page of the ledger as the actor may see it, newest first.
pub async fn list_movements(
    store: &Store,
    actor: &Actor,
    listing: &Listing<MovementFilters>,
) -> Result<Page<MovementView>, StoreError> {
    let f = &listing.filters;
    let mut q = stock_movement::Entity::find();
    if let Some(s) = warehouse_scope(actor)? {
        q = q.filter(stock_movement::Column::WarehouseId.in_subquery(s));
    }
    let mut c = Condition::all();
    if let Some(p) = f.part_id {
        c = c.add(stock_movement::Column::PartId.eq(p));
    }
    if let Some(w) = f.warehouse_id {
        c = c.add(stock_movement::Column::WarehouseId.eq(w));
    }
    if let Some(k) = f.kind {
        c = c.add(stock_movement::Column::Kind.eq(k.as_str()));
    }
    if let Some(k) = f.reference_kind {
        c = c.add(stock_movement::Column::ReferenceKind.eq(k.as_str()));
    }
    if let Some(id) = f.reference_id {
        c = c.add(stock_movement::Column::ReferenceId.eq(id));
    }
    if let Some(n) = f.reference_number.as_deref().map(str::trim) {
        c = c.add(stock_movement::Column::ReferenceNumber.eq(n));
    }
    if let Some(from) = f.from {
        c = c.add(stock_movement::Column::At.gte(from));
    }
    if let Some(to) = f.to {
        c = c.add(stock_movement::Column::At.lt(to));
    }
    if let Some(cursor) = listing.cursor.as_deref() {
        let (at, id) = decode_time(cursor)?;
        c = c.add(
            Condition::any().add(stock_movement::Column::At.lt(at)).add(
                Condition::all()
                    .add(stock_movement::Column::At.eq(at))
                    .add(stock_movement::Column::Id.lt(id)),
            ),
        );
    }
    let limit = clamp_limit(listing.limit);
    let mut rows = q
        .filter(c)
        .order_by(stock_movement::Column::At, Order::Desc)
        .order_by(stock_movement::Column::Id, Order::Desc)
        .limit(limit + 1)
        .all(store.conn())
        .await?;
    let next = page_end(&mut rows, limit).map(|r| encode_time(r.at, r.id));
    Ok(Page::new(movement_views(store.conn(), rows).await?, next))
}

/// A level row joined with its part and warehouse.
#[derive(Debug, FromQueryResult)]
struct LevelRow {
    part_id: Uuid,
    warehouse_id: Uuid,
    on_hand_milli: i64,
    bin: Option<String>,
    updated_at: DateTime<Utc>,
    part_number: String,
    part_name: String,
    spec: Option<String>,
    category: String,
    unit: String,
    reorder_point_milli: i64,
    warehouse_code: String,
    warehouse_name: String,
    warehouse_kind: String,
}

/// The expression of a part's total on hand over every warehouse.
fn total_of_part() -> sea_orm::sea_query::SimpleExpr {
    Expr::cust(
        "(SELECT COALESCE(SUM(t.on_hand_milli), 0) FROM stock_levels t \
         WHERE t.part_id = stock_levels.part_id)",
    )
}

/// A page of stock levels as the actor may see it, by part number then
/// warehouse. `below_reorder` compares the part's total over every
/// warehouse with its reorder point (the company's stock, which purchasing
/// tops up), so a van's few filters do not flag a part the central
/// warehouse holds plenty of.
pub async fn list_levels(
    store: &Store,
    actor: &Actor,
    listing: &Listing<StockFilters>,
) -> Result<Page<StockLevelView>, StoreError> {
    let f = &listing.filters;
    let mut q = Query::select();
    q.columns([
        (stock_level::Entity, stock_level::Column::PartId),
        (stock_level::Entity, stock_level::Column::WarehouseId),
        (stock_level::Entity, stock_level::Column::OnHandMilli),
        (stock_level::Entity, stock_level::Column::Bin),
        (stock_level::Entity, stock_level::Column::UpdatedAt),
    ])
    .expr_as(
        Expr::col((part::Entity, part::Column::PartNumber)),
        "part_number",
    )
    .expr_as(Expr::col((part::Entity, part::Column::Name)), "part_name")
    .expr_as(Expr::col((part::Entity, part::Column::Spec)), "spec")
    .expr_as(
        Expr::col((part::Entity, part::Column::Category)),
        "category",
    )
    .expr_as(Expr::col((part::Entity, part::Column::Unit)), "unit")
    .expr_as(
        Expr::col((part::Entity, part::Column::ReorderPointMilli)),
        "reorder_point_milli",
    )
    .expr_as(
        Expr::col((warehouse::Entity, warehouse::Column::Code)),
        "warehouse_code",
    )
    .expr_as(
        Expr::col((warehouse::Entity, warehouse::Column::Name)),
        "warehouse_name",
    )
    .expr_as(
        Expr::col((warehouse::Entity, warehouse::Column::Kind)),
        "warehouse_kind",
    )
    .from(stock_level::Entity)
    .inner_join(
        part::Entity,
        Expr::col((part::Entity, part::Column::Id))
            .equals((stock_level::Entity, stock_level::Column::PartId)),
    )
    .inner_join(
        warehouse::Entity,
        Expr::col((warehouse::Entity, warehouse::Column::Id))
            .equals((stock_level::Entity, stock_level::Column::WarehouseId)),
    );
    if let Some(s) = warehouse_scope(actor)? {
        q.and_where(
            Expr::col((stock_level::Entity, stock_level::Column::WarehouseId)).in_subquery(s),
        );
    }
    if let Some(w) = f.warehouse_id {
        q.and_where(Expr::col((stock_level::Entity, stock_level::Column::WarehouseId)).eq(w));
    }
    if let Some(p) = f.part_id {
        q.and_where(Expr::col((stock_level::Entity, stock_level::Column::PartId)).eq(p));
    }
    if let Some(c) = f.category {
        q.and_where(Expr::col((part::Entity, part::Column::Category)).eq(c.as_str()));
    }
    if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
        let pattern = crate::cursor::contains_pattern(text);
        let like = |col: part::Column| {
            Expr::expr(Func::lower(Expr::col((part::Entity, col))))
                .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
        };
        q.cond_where(
            Condition::any()
                .add(like(part::Column::PartNumber))
                .add(like(part::Column::Name))
                .add(like(part::Column::Spec)),
        );
    }
    if !f.include_empty.unwrap_or(false) {
        q.and_where(Expr::col((stock_level::Entity, stock_level::Column::OnHandMilli)).gt(0i64));
    }
    if let Some(below) = f.below_reorder {
        let point = Expr::col((part::Entity, part::Column::ReorderPointMilli));
        let under = Expr::expr(total_of_part()).lt(point);
        q.and_where(if below { under } else { under.not() });
    }
    let number = Expr::col((part::Entity, part::Column::PartNumber));
    let wh = Expr::col((stock_level::Entity, stock_level::Column::WarehouseId));
    if let Some(cursor) = listing.cursor.as_deref() {
        let (key, after) = decode(cursor)?;
        q.cond_where(
            Condition::any().add(number.clone().gt(key.clone())).add(
                Condition::all()
                    .add(number.clone().eq(key))
                    .add(wh.clone().gt(after)),
            ),
        );
    }
    let limit = clamp_limit(listing.limit);
    q.order_by_expr(number.into(), Order::Asc)
        .order_by_expr(wh.into(), Order::Asc)
        .limit(limit + 1);
    let conn = store.conn();
    let mut rows = LevelRow::find_by_statement(conn.get_database_backend().build(&q))
        .all(conn)
        .await?;
    let next = page_end(&mut rows, limit).map(|r| encode(&r.part_number, r.warehouse_id));
    let totals = totals(conn, rows.iter().map(|r| r.part_id).collect()).await?;
    rows.into_iter()
        .map(|r| {
            let record = || format!("stock of part {} in {}", r.part_number, r.warehouse_code);
            let category = PartCategory::parse(&r.category).ok_or_else(|| {
                StoreError::corrupt(record(), "category", format!("unknown {:?}", r.category))
            })?;
            let warehouse_kind = kind_of(&warehouse::Model {
                id: r.warehouse_id,
                code: r.warehouse_code.clone(),
                name: String::new(),
                kind: r.warehouse_kind.clone(),
                dealer_id: None,
                active: true,
                version: 0,
                created_at: r.updated_at,
                updated_at: r.updated_at,
            })?;
            let total = from_milli(totals.get(&r.part_id).copied().unwrap_or_default());
            let point = from_milli(r.reorder_point_milli);
            Ok(StockLevelView {
                part_id: r.part_id,
                part_number: r.part_number,
                part_name: r.part_name,
                spec: r.spec,
                category,
                unit: r.unit,
                warehouse_id: r.warehouse_id,
                warehouse_code: r.warehouse_code,
                warehouse_name: r.warehouse_name,
                warehouse_kind,
                bin: r.bin,
                on_hand: from_milli(r.on_hand_milli),
                total_on_hand: total,
                reorder_point: point,
                below_reorder: below_reorder(total, point),
                updated_at: r.updated_at,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()
        .map(|items| Page::new(items, next))
}

/// Each part's total on hand over every warehouse, in thousandths.
async fn totals<C: ConnectionTrait>(
    conn: &C,
    parts: Vec<Uuid>,
) -> Result<HashMap<Uuid, i64>, StoreError> {
    let levels = stock_level::Entity::find()
        .filter(stock_level::Column::PartId.is_in(parts))
        .all(conn)
        .await?;
    let mut out = HashMap::new();
    for l in levels {
        *out.entry(l.part_id).or_insert(0) += l.on_hand_milli;
    }
    Ok(out)
}

/// The stock level of a part in a warehouse, in thousandths (0 when none).
pub async fn on_hand(store: &Store, part_id: Uuid, warehouse_id: Uuid) -> Result<i64, StoreError> {
    Ok(stock_level::Entity::find_by_id((part_id, warehouse_id))
        .one(store.conn())
        .await?
        .map_or(0, |l| l.on_hand_milli))
}

/// The sum of the ledger of a part in a warehouse, in thousandths.
pub async fn ledger_sum(
    store: &Store,
    part_id: Uuid,
    warehouse_id: Uuid,
) -> Result<i64, StoreError> {
    let rows = stock_movement::Entity::find()
        .filter(stock_movement::Column::PartId.eq(part_id))
        .filter(stock_movement::Column::WarehouseId.eq(warehouse_id))
        .all(store.conn())
        .await?;
    Ok(rows.iter().map(|r| r.quantity_milli).sum())
}
