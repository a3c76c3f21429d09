//! Stock-takes (盘点): the rules are `furrow_domain::parts::stocktake`'s;
//! here each command is decided and written in one write transaction with
//! its audit and outbox events, as every command is.
//!
//! - Opening locks the warehouse's row (PostgreSQL; SQLite has one writer),
//!   refuses a second open stock-take of it, takes its `ST-YYYY-NNNNNN`
//!   number, and freezes the books read in the same transaction.
//! - A count reads the level of the part in the same transaction (locked on
//!   PostgreSQL, so a concurrent issue is either before the count or after
//!   it) and keeps it as the book the count is compared with; it moves the
//!   line's version (its `If-Match`) and the stock-take's, so a reconcile
//!   sent with the version read before a count answers 412.
//! - Reconciling posts every adjustment through the ledger's one writer
//!   (`stock::post_in`: levels never below zero) and records the accuracy,
//!   in the same transaction: all of it, or nothing.

use crate::cursor::{decode_time, encode_time, page_end};
use crate::entities::{part, stock_level, stocktake, stocktake_line, user, warehouse};
use crate::error::StoreError;
use crate::idempotency::{self, IdempotencyKey, Once};
use crate::pipeline::Creation;
use crate::service::common::user_names;
use crate::versioned::guarded_update;
use crate::{Listing, Store, settings, stock};
use chrono::{DateTime, Utc};
use furrow_domain::DomainError;
use furrow_domain::access::{self, RecordKind, Scope};
use furrow_domain::audit::AuditAction;
use furrow_domain::auth::Actor;
use furrow_domain::kpi::Rate;
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::parts::{
    CountInput, LevelAtOpening, LineCount, PartCategory, STOCKTAKE_PREFIX, StocktakeDetail,
    StocktakeFilters, StocktakeInput, StocktakeLineFilters, StocktakeLineView, StocktakeStatus,
    StocktakeView, decide_cancel, decide_count, decide_open, decide_reconcile, from_milli,
    stocktake_commands, to_milli,
};
use furrow_domain::service::commands::Command;
use furrow_domain::service::decide::{Decision, Event};
use furrow_domain::service::sla::SlaSettings;
use furrow_domain::validation::Validator;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait,
    IntoActiveModel, Order, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;
use uuid::Uuid;

fn allowed(actor: &Actor, command: Command) -> Result<(), StoreError> {
    if access::may_give_on(actor, RecordKind::Stocktake, command) {
        Ok(())
    } else {
        Err(DomainError::Forbidden(command).into())
    }
}

fn may_read(actor: &Actor) -> Result<(), StoreError> {
    if access::scope(actor, RecordKind::Stocktake) == Scope::None {
        Err(StoreError::Forbidden(
            "your roles do not let you see stock-takes".into(),
        ))
    } else {
        Ok(())
    }
}

fn status_of(row: &stocktake::Model) -> Result<StocktakeStatus, StoreError> {
    StocktakeStatus::parse(&row.status).ok_or_else(|| {
        StoreError::corrupt(
            format!("stock-take {}", row.number),
            "status",
            format!("unknown status {:?}", row.status),
        )
    })
}

fn milli(q: rust_decimal::Decimal, field: &str) -> Result<i64, StoreError> {
    to_milli(q).ok_or_else(|| {
        let mut v = Validator::new();
        v.error(
            field,
            "too_precise",
            format!("{field} has at most 3 decimals"),
        );
        StoreError::from(v.finish().unwrap_err())
    })
}

/// Opens a stock-take of a warehouse (盘点), freezing its books.
pub async fn open(
    store: &Store,
    actor: &Actor,
    input: &StocktakeInput,
    key: Option<&IdempotencyKey>,
) -> Result<Once<StocktakeDetail>, StoreError> {
    allowed(actor, Command::OpenStocktake)?;
    idempotency::once(store, key, async || {
        open_once(store, actor, input, key).await
    })
    .await
}

async fn open_once(
    store: &Store,
    actor: &Actor,
    input: &StocktakeInput,
    key: Option<&IdempotencyKey>,
) -> Result<StocktakeDetail, StoreError> {
    // The warehouse and its bins, on the read connection before the write.
    let mut v = Validator::new();
    match warehouse::Entity::find_by_id(input.warehouse_id)
        .one(store.conn())
        .await?
    {
        None => {
            v.error("warehouse_id", "not_found", "no such warehouse");
        }
        Some(w) if !w.active => {
            v.error(
                "warehouse_id",
                "inactive",
                format!("warehouse {} is deactivated", w.code),
            );
        }
        Some(w) => {
            let bins: Vec<String> = crate::entities::bin::Entity::find()
                .filter(crate::entities::bin::Column::WarehouseId.eq(w.id))
                .all(store.conn())
                .await?
                .into_iter()
                .map(|b| b.code)
                .collect();
            if let Some(b) = input
                .bins
                .iter()
                .find(|b| !bins.contains(&b.trim().to_owned()))
            {
                v.error(
                    "bins",
                    "not_found",
                    format!("warehouse {} has no bin {}", w.code, b.trim()),
                );
            }
        }
    }
    v.finish()?;
    let zone = settings::cached::<SlaSettings>(store).await?.0.zone();

    let write = Creation::begin(store, actor).await?;
    let now = write.ctx().now;
    let tx = write.tx();
    if tx.get_database_backend() == DbBackend::Postgres {
        // Two clerks opening a stock-take of one warehouse: one at a time.
        warehouse::Entity::find_by_id(input.warehouse_id)
            .lock_exclusive()
            .one(tx)
            .await?;
    }
    if let Some(open) = stocktake::Entity::find()
        .filter(stocktake::Column::WarehouseId.eq(input.warehouse_id))
        .filter(stocktake::Column::Status.eq(StocktakeStatus::Open.as_str()))
        .one(tx)
        .await?
    {
        return Err(DomainError::StocktakeInProgress {
            number: open.number,
        }
        .into());
    }
    let levels = stock_level::Entity::find()
        .filter(stock_level::Column::WarehouseId.eq(input.warehouse_id))
        .all(tx)
        .await?;
    let parts = crate::parts::by_ids(tx, levels.iter().map(|l| l.part_id).collect()).await?;
    let levels: Vec<LevelAtOpening> = levels
        .into_iter()
        .filter_map(|l| {
            let p = parts.get(&l.part_id)?;
            Some(LevelAtOpening {
                part_id: l.part_id,
                category: PartCategory::parse(&p.category).unwrap_or(PartCategory::Other),
                active: p.active,
                bin: l.bin,
                on_hand: from_milli(l.on_hand_milli),
            })
        })
        .collect();
    let lines = decide_open(input, &levels)?;
    let number = write.take_number(STOCKTAKE_PREFIX, zone).await?;
    let id = Uuid::now_v7();
    let bins: Vec<String> = input.bins.iter().map(|b| b.trim().to_owned()).collect();
    let note = furrow_domain::master::clean(&input.note);
    stocktake::Entity::insert(stocktake::ActiveModel {
        id: Set(id),
        number: Set(number.clone()),
        warehouse_id: Set(input.warehouse_id),
        status: Set(StocktakeStatus::Open.as_str().to_owned()),
        bins: Set(serde_json::json!(bins)),
        categories: Set(serde_json::json!(input.categories)),
        note: Set(note.clone()),
        line_count: Set(lines.len() as i32),
        matched_lines: Set(None),
        opened_by: Set(actor.user_id),
        reconciled_at: Set(None),
        reconciled_by: Set(None),
        cancelled_at: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(tx)
    .await?;
    // In slices, to stay under both engines' limit of bound parameters.
    for chunk in lines.chunks(500) {
        stocktake_line::Entity::insert_many(chunk.iter().map(|l| stocktake_line::ActiveModel {
            id: Set(Uuid::now_v7()),
            stocktake_id: Set(id),
            part_id: Set(l.part_id),
            bin: Set(l.bin.clone()),
            book_milli: Set(to_milli(l.book).unwrap_or_default()),
            book_at_count_milli: Set(None),
            counted_milli: Set(None),
            counted_by: Set(None),
            counted_at: Set(None),
            version: Set(1),
        }))
        .exec_without_returning(tx)
        .await?;
    }
    let decision = Decision {
        events: vec![Event {
            action: AuditAction::StocktakeOpened,
            record: RecordKind::Stocktake,
            record_id: id,
            data: serde_json::json!({
                "number": number, "warehouse_id": input.warehouse_id, "bins": bins,
                "categories": input.categories, "lines": lines.len(), "note": note,
            }),
        }],
        ..Decision::default()
    };
    let detail = detail_in(tx, actor, id, &StocktakeLineFilters::default()).await?;
    idempotency::remember(tx, key, &detail).await?;
    write.commit(&decision).await?;
    Ok(detail)
}

/// A page of stock-takes, newest first.
pub async fn list(
    store: &Store,
    actor: &Actor,
    listing: &Listing<StocktakeFilters>,
) -> Result<Page<StocktakeView>, StoreError> {
    may_read(actor)?;
    let f = &listing.filters;
    let mut c = Condition::all();
    if let Some(w) = f.warehouse_id {
        c = c.add(stocktake::Column::WarehouseId.eq(w));
    }
    if let Some(s) = f.status {
        c = c.add(stocktake::Column::Status.eq(s.as_str()));
    }
    if let Some(cursor) = listing.cursor.as_deref() {
        let (at, id) = decode_time(cursor)?;
        c = c.add(
            Condition::any()
                .add(stocktake::Column::CreatedAt.lt(at))
                .add(
                    Condition::all()
                        .add(stocktake::Column::CreatedAt.eq(at))
                        .add(stocktake::Column::Id.lt(id)),
                ),
        );
    }
    let limit = clamp_limit(listing.limit);
    let mut rows = stocktake::Entity::find()
        .filter(c)
        .order_by(stocktake::Column::CreatedAt, Order::Desc)
        .order_by(stocktake::Column::Id, Order::Desc)
        .limit(limit + 1)
        .all(store.conn())
        .await?;
    let next = page_end(&mut rows, limit).map(|r| encode_time(r.created_at, r.id));
    Ok(Page::new(views(store.conn(), actor, rows).await?, next))
}

/// One stock-take with its lines (only those with a variance when asked).
pub async fn get(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    filters: &StocktakeLineFilters,
) -> Result<StocktakeDetail, StoreError> {
    may_read(actor)?;
    detail_in(store.conn(), actor, id, filters).await
}

/// Counts (or recounts) the line of `part_id`: what is on the shelf now,
/// against the book now. `expected` is the line's version (`If-Match`).
pub async fn count(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    part_id: Uuid,
    input: &CountInput,
    expected: Option<i32>,
) -> Result<StocktakeLineView, StoreError> {
    allowed(actor, Command::CountStocktake)?;
    let write = Creation::begin(store, actor).await?;
    let now = write.ctx().now;
    let tx = write.tx();
    let postgres = tx.get_database_backend() == DbBackend::Postgres;
    let head = find(tx, id, postgres).await?;
    let line = stocktake_line::Entity::find()
        .filter(stocktake_line::Column::StocktakeId.eq(id))
        .filter(stocktake_line::Column::PartId.eq(part_id))
        .one(tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    if expected.is_some_and(|v| v != line.version) {
        return Err(StoreError::StaleVersion {
            current: line.version,
        });
    }
    let mut level = stock_level::Entity::find_by_id((part_id, head.warehouse_id));
    if postgres {
        level = level.lock_exclusive();
    }
    let level_now = level.one(tx).await?.map_or(0, |l| l.on_hand_milli);
    let (counted, book) = decide_count(status_of(&head)?, input, from_milli(level_now))?;
    let counted_milli = milli(counted, "counted")?;
    let mut counted_line = line.clone().into_active_model();
    counted_line.counted_milli = Set(Some(counted_milli));
    counted_line.book_at_count_milli = Set(Some(level_now));
    counted_line.counted_by = Set(Some(actor.user_id));
    counted_line.counted_at = Set(Some(now));
    counted_line.version = Set(line.version + 1);
    let counted_line =
        guarded_update::<stocktake_line::Entity>(tx, counted_line, line.version).await?;
    bump(tx, &head, now).await?;
    let decision = Decision {
        events: vec![Event {
            action: AuditAction::StocktakeCounted,
            record: RecordKind::Stocktake,
            record_id: id,
            data: serde_json::json!({
                "number": head.number, "part_id": part_id, "counted": counted,
                "book_at_count": book, "recount": line.counted_milli.is_some(),
                "previous": line.counted_milli.map(from_milli),
            }),
        }],
        ..Decision::default()
    };
    let view = line_views(tx, head.version + 1, vec![counted_line])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)?;
    write.commit(&decision).await?;
    Ok(view)
}

/// Reconciles: posts one adjustment per line with a variance and records
/// the accuracy, in one transaction. `expected` is the stock-take's version.
pub async fn reconcile(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
) -> Result<StocktakeDetail, StoreError> {
    allowed(actor, Command::ReconcileStocktake)?;
    // What the adjustments name is checked before the write (parts and
    // warehouses are never deleted), as every posting does.
    let head = stocktake::Entity::find_by_id(id)
        .one(store.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    let lines = lines_of(store.conn(), id).await?;
    let preview = decide_reconcile(
        status_of(&head)?,
        head.id,
        &head.number,
        head.warehouse_id,
        &lines,
    )?;
    let checked = stock::check(store.conn(), &preview.adjustments).await?;

    let write = Creation::begin(store, actor).await?;
    let now = write.ctx().now;
    let tx = write.tx();
    let postgres = tx.get_database_backend() == DbBackend::Postgres;
    let head = find(tx, id, postgres).await?;
    if expected.is_some_and(|v| v != head.version) {
        return Err(StoreError::StaleVersion {
            current: head.version,
        });
    }
    // Decided again on what the transaction reads: a count that landed
    // since the check (sent with `If-Match: *`) is a stale read too.
    let lines = lines_of(tx, id).await?;
    let r = decide_reconcile(
        status_of(&head)?,
        head.id,
        &head.number,
        head.warehouse_id,
        &lines,
    )?;
    if r.adjustments != preview.adjustments {
        return Err(StoreError::StaleVersion {
            current: head.version,
        });
    }
    let mut adjustments = r.adjustments.clone();
    // Levels in one order, whatever the posting's: no deadlock between two.
    adjustments.sort_by_key(|m| (m.part_id, m.warehouse_id));
    let (posted, events) = stock::post_in(
        tx,
        actor,
        now,
        &checked,
        &adjustments,
        AuditAction::StockAdjusted,
    )
    .await?;
    let mut decision = Decision {
        events,
        ..Decision::default()
    };
    let matched = r.accuracy.numerator() as i32;
    let mut reconciled = head.clone().into_active_model();
    reconciled.status = Set(StocktakeStatus::Reconciled.as_str().to_owned());
    reconciled.matched_lines = Set(Some(matched));
    reconciled.reconciled_at = Set(Some(now));
    reconciled.reconciled_by = Set(Some(actor.user_id));
    reconciled.version = Set(head.version + 1);
    reconciled.updated_at = Set(now);
    guarded_update::<stocktake::Entity>(tx, reconciled, head.version).await?;
    decision.events.push(Event {
        action: AuditAction::StocktakeReconciled,
        record: RecordKind::Stocktake,
        record_id: id,
        data: serde_json::json!({
            "number": head.number, "lines": r.accuracy.denominator(),
            "matched_lines": matched, "accuracy_percent": r.accuracy.percent(),
            "adjustments": posted.iter().map(|m| serde_json::json!({
                "movement_id": m.id, "part": m.part_number, "quantity": m.quantity,
            })).collect::<Vec<_>>(),
        }),
    });
    let detail = detail_in(tx, actor, id, &StocktakeLineFilters::default()).await?;
    write.commit(&decision).await?;
    Ok(detail)
}

/// Cancels an open stock-take: nothing is posted.
pub async fn cancel(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
) -> Result<StocktakeDetail, StoreError> {
    allowed(actor, Command::CancelStocktake)?;
    let write = Creation::begin(store, actor).await?;
    let now = write.ctx().now;
    let tx = write.tx();
    let postgres = tx.get_database_backend() == DbBackend::Postgres;
    let head = find(tx, id, postgres).await?;
    if expected.is_some_and(|v| v != head.version) {
        return Err(StoreError::StaleVersion {
            current: head.version,
        });
    }
    decide_cancel(status_of(&head)?)?;
    let mut cancelled = head.clone().into_active_model();
    cancelled.status = Set(StocktakeStatus::Cancelled.as_str().to_owned());
    cancelled.cancelled_at = Set(Some(now));
    cancelled.version = Set(head.version + 1);
    cancelled.updated_at = Set(now);
    guarded_update::<stocktake::Entity>(tx, cancelled, head.version).await?;
    let decision = Decision {
        events: vec![Event {
            action: AuditAction::StocktakeCancelled,
            record: RecordKind::Stocktake,
            record_id: id,
            data: serde_json::json!({ "number": head.number }),
        }],
        ..Decision::default()
    };
    let detail = detail_in(tx, actor, id, &StocktakeLineFilters::default()).await?;
    write.commit(&decision).await?;
    Ok(detail)
}

/// The stock-take, locked on PostgreSQL so its commands run one at a time.
async fn find(
    conn: &impl ConnectionTrait,
    id: Uuid,
    lock: bool,
) -> Result<stocktake::Model, StoreError> {
    let mut q = stocktake::Entity::find_by_id(id);
    if lock {
        q = q.lock_exclusive();
    }
    q.one(conn).await?.ok_or(StoreError::NotFound)
}

/// Moves the stock-take's version on (a count changed what a reconcile reads).
async fn bump(
    conn: &impl ConnectionTrait,
    head: &stocktake::Model,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    stocktake::Entity::update_many()
        .col_expr(
            stocktake::Column::Version,
            Expr::col(stocktake::Column::Version).add(1),
        )
        .col_expr(stocktake::Column::UpdatedAt, Expr::value(now))
        .filter(stocktake::Column::Id.eq(head.id))
        .exec(conn)
        .await?;
    Ok(())
}

/// The lines as the reconcile decides on them.
async fn lines_of(conn: &impl ConnectionTrait, id: Uuid) -> Result<Vec<LineCount>, StoreError> {
    Ok(stocktake_line::Entity::find()
        .filter(stocktake_line::Column::StocktakeId.eq(id))
        .order_by_asc(stocktake_line::Column::PartId)
        .all(conn)
        .await?
        .into_iter()
        .map(|l| LineCount {
            part_id: l.part_id,
            bin: l.bin,
            book_at_count: l.book_at_count_milli.map(from_milli),
            counted: l.counted_milli.map(from_milli),
        })
        .collect())
}

/// What the lines of stock-takes say: (lines counted, lines with variance).
async fn line_counts(
    conn: &impl ConnectionTrait,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, (u32, u32)>, StoreError> {
    let mut out: HashMap<Uuid, (u32, u32)> = HashMap::new();
    for (st, book, counted) in stocktake_line::Entity::find()
        .select_only()
        .column(stocktake_line::Column::StocktakeId)
        .column(stocktake_line::Column::BookAtCountMilli)
        .column(stocktake_line::Column::CountedMilli)
        .filter(stocktake_line::Column::StocktakeId.is_in(ids))
        .filter(stocktake_line::Column::CountedMilli.is_not_null())
        .into_tuple::<(Uuid, Option<i64>, Option<i64>)>()
        .all(conn)
        .await?
    {
        let e = out.entry(st).or_default();
        e.0 += 1;
        e.1 += u32::from(book != counted);
    }
    Ok(out)
}

async fn views(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    rows: Vec<stocktake::Model>,
) -> Result<Vec<StocktakeView>, StoreError> {
    let warehouses: HashMap<Uuid, warehouse::Model> = warehouse::Entity::find()
        .filter(warehouse::Column::Id.is_in(rows.iter().map(|r| r.warehouse_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|w| (w.id, w))
        .collect();
    let names = user_names(
        conn,
        rows.iter()
            .flat_map(|r| [Some(r.opened_by), r.reconciled_by])
            .flatten(),
    )
    .await?;
    let counts = line_counts(conn, rows.iter().map(|r| r.id).collect()).await?;
    rows.into_iter()
        .map(|r| {
            let status = status_of(&r)?;
            let w = warehouses.get(&r.warehouse_id).ok_or_else(|| {
                StoreError::corrupt(format!("stock-take {}", r.number), "warehouse", "missing")
            })?;
            let (counted, variance) = counts.get(&r.id).copied().unwrap_or_default();
            let accuracy = r.matched_lines.map(|m| {
                let lines = (0..r.line_count).map(|i| Some(i < m));
                Rate::count(lines).percent()
            });
            Ok(StocktakeView {
                id: r.id,
                number: r.number.clone(),
                warehouse_id: r.warehouse_id,
                warehouse_code: w.code.clone(),
                warehouse_name: w.name.clone(),
                status,
                bins: serde_json::from_value(r.bins.clone()).unwrap_or_default(),
                categories: serde_json::from_value(r.categories.clone()).unwrap_or_default(),
                note: r.note.clone(),
                lines: r.line_count as u32,
                counted_lines: counted,
                variance_lines: variance,
                matched_lines: r.matched_lines.map(|m| m as u32),
                accuracy_percent: accuracy.flatten(),
                opened_by: r.opened_by,
                opened_by_name: names.get(&r.opened_by).cloned().unwrap_or_default(),
                opened_at: r.created_at,
                reconciled_at: r.reconciled_at,
                reconciled_by_name: r.reconciled_by.and_then(|u| names.get(&u).cloned()),
                cancelled_at: r.cancelled_at,
                version: r.version,
                actions: stocktake_commands(status)
                    .iter()
                    .copied()
                    .filter(|c| access::may_give_on(actor, RecordKind::Stocktake, *c))
                    .collect(),
            })
        })
        .collect()
}

async fn detail_in(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    filters: &StocktakeLineFilters,
) -> Result<StocktakeDetail, StoreError> {
    let head = stocktake::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let version = head.version;
    let stocktake = views(conn, actor, vec![head])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)?;
    let mut rows = stocktake_line::Entity::find()
        .filter(stocktake_line::Column::StocktakeId.eq(id))
        .all(conn)
        .await?;
    if filters.variance_only == Some(true) {
        rows.retain(|l| l.counted_milli.is_some() && l.counted_milli != l.book_at_count_milli);
    }
    let mut lines = line_views(conn, version, rows).await?;
    lines.sort_by(|a, b| (&a.bin, &a.part_number).cmp(&(&b.bin, &b.part_number)));
    Ok(StocktakeDetail { stocktake, lines })
}

async fn line_views(
    conn: &impl ConnectionTrait,
    stocktake_version: i32,
    rows: Vec<stocktake_line::Model>,
) -> Result<Vec<StocktakeLineView>, StoreError> {
    let parts: HashMap<Uuid, part::Model> =
        crate::parts::by_ids(conn, rows.iter().map(|r| r.part_id).collect()).await?;
    let users: HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().filter_map(|r| r.counted_by)))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    rows.into_iter()
        .map(|l| {
            let p = parts.get(&l.part_id).ok_or_else(|| {
                StoreError::corrupt(format!("stock-take line {}", l.id), "part", "missing")
            })?;
            let book_at_count = l.book_at_count_milli.map(from_milli);
            let counted = l.counted_milli.map(from_milli);
            Ok(StocktakeLineView {
                id: l.id,
                part_id: l.part_id,
                part_number: p.part_number.clone(),
                part_name: p.name.clone(),
                spec: p.spec.clone(),
                unit: p.unit.clone(),
                bin: l.bin,
                book: from_milli(l.book_milli),
                book_at_count,
                counted,
                variance: furrow_domain::parts::variance(book_at_count, counted),
                counted_by: l.counted_by,
                counted_by_name: l.counted_by.and_then(|u| users.get(&u).cloned()),
                counted_at: l.counted_at,
                version: l.version,
                stocktake_version,
            })
        })
        .collect()
}

/// The lines of the stock-takes reconciled in `[from, to)`, for the parts
/// department's accuracy (KPI): (line id, stock-take id and number, part
/// number, reconciled at, book at count, counted).
pub(crate) async fn reconciled_lines(
    conn: &impl ConnectionTrait,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<ReconciledLine>, StoreError> {
    let heads: HashMap<Uuid, stocktake::Model> = stocktake::Entity::find()
        .filter(stocktake::Column::Status.eq(StocktakeStatus::Reconciled.as_str()))
        .filter(stocktake::Column::ReconciledAt.gte(from))
        .filter(stocktake::Column::ReconciledAt.lt(to))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    if heads.is_empty() {
        return Ok(Vec::new());
    }
    let lines = stocktake_line::Entity::find()
        .filter(stocktake_line::Column::StocktakeId.is_in(heads.keys().copied()))
        .all(conn)
        .await?;
    let parts = crate::parts::by_ids(conn, lines.iter().map(|l| l.part_id).collect()).await?;
    Ok(lines
        .into_iter()
        .filter_map(|l| {
            let h = heads.get(&l.stocktake_id)?;
            Some(ReconciledLine {
                id: l.id,
                stocktake_id: h.id,
                number: h.number.clone(),
                part_number: parts
                    .get(&l.part_id)
                    .map(|p| p.part_number.clone())
                    .unwrap_or_default(),
                reconciled_at: h.reconciled_at?,
                book_at_count: l.book_at_count_milli.map(from_milli),
                counted: l.counted_milli.map(from_milli),
            })
        })
        .collect())
}

/// A line of a reconciled stock-take, as the KPI counts it.
pub(crate) struct ReconciledLine {
    pub id: Uuid,
    pub stocktake_id: Uuid,
    pub number: String,
    pub part_number: String,
    pub reconciled_at: DateTime<Utc>,
    pub book_at_count: Option<rust_decimal::Decimal>,
    pub counted: Option<rust_decimal::Decimal>,
}
