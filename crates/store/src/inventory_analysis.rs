//! Loads what the inventory analysis (库存分析) reads — the stock levels the
//! actor may see with their parts and warehouses, and the issues and
//! returns of the last year per part and local date — and hands them to
//! [`furrow_domain::parts::analysis::analyse`], where every figure is made.
//!
//! Who may read it is who may read stock levels: the same warehouse scope
//! as `stock::list_levels` (a dealer only its own dealer warehouse), and the
//! consumption is read from the same warehouses as the stock, so a dealer's
//! turnover is its own.

use crate::Store;
use crate::entities::{part, stock_level, stock_movement, warehouse};
use crate::error::StoreError;
use crate::purchasing::{today, zone};
use crate::stock::warehouse_scope;
use chrono::Duration;
use furrow_domain::auth::Actor;
use furrow_domain::parts::analysis::{CONSUMPTION_DAYS, Holding, IssueDay, analyse};
use furrow_domain::parts::{
    AnalysisFilters, InventoryAnalysis, MovementKind, PartCategory, from_milli,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// The inventory analysis of the stock `actor` may see, narrowed by
/// `filters`, on the company's local date (the SLA settings' zone).
pub async fn analysis(
    store: &Store,
    actor: &Actor,
    filters: &AnalysisFilters,
) -> Result<InventoryAnalysis, StoreError> {
    let scope = warehouse_scope(actor)?;
    let conn = store.conn();
    let now = store.now();
    let zone = zone(conn).await?;
    let day = today(now, zone);

    let mut wq = warehouse::Entity::find();
    if let Some(s) = scope {
        wq = wq.filter(Expr::col(warehouse::Column::Id).in_subquery(s));
    }
    if let Some(w) = filters.warehouse_id {
        wq = wq.filter(warehouse::Column::Id.eq(w));
    }
    let warehouses: HashMap<Uuid, warehouse::Model> =
        wq.all(conn).await?.into_iter().map(|w| (w.id, w)).collect();

    let levels = stock_level::Entity::find()
        .filter(stock_level::Column::WarehouseId.is_in(warehouses.keys().copied()))
        .all(conn)
        .await?;
    let mut pq =
        part::Entity::find().filter(part::Column::Id.is_in(levels.iter().map(|l| l.part_id)));
    if let Some(c) = filters.category {
        pq = pq.filter(part::Column::Category.eq(c.as_str()));
    }
    let parts: HashMap<Uuid, (part::Model, PartCategory)> = pq
        .all(conn)
        .await?
        .into_iter()
        .map(|p| {
            let category = PartCategory::parse(&p.category).ok_or_else(|| {
                StoreError::corrupt(format!("part {}", p.part_number), "category", &p.category)
            })?;
            Ok((p.id, (p, category)))
        })
        .collect::<Result<_, StoreError>>()?;

    let holdings: Vec<Holding> = levels
        .iter()
        .filter_map(|l| {
            let (p, category) = parts.get(&l.part_id)?;
            let w = warehouses.get(&l.warehouse_id)?;
            Some(Holding {
                part_id: p.id,
                part_number: p.part_number.clone(),
                part_name: p.name.clone(),
                category: *category,
                unit: p.unit.clone(),
                standard_cost_fen: p.standard_cost_fen,
                warehouse_id: w.id,
                warehouse_code: w.code.clone(),
                warehouse_name: w.name.clone(),
                on_hand: from_milli(l.on_hand_milli),
            })
        })
        .collect();

    // A day more than the window, so the local date's edge is the domain's
    // to decide; issues are negative, returns positive.
    let since = now - Duration::days(CONSUMPTION_DAYS + 1);
    let movements = stock_movement::Entity::find()
        .filter(
            stock_movement::Column::Kind
                .is_in([MovementKind::Issue.as_str(), MovementKind::Return.as_str()]),
        )
        .filter(stock_movement::Column::At.gte(since))
        .filter(stock_movement::Column::WarehouseId.is_in(warehouses.keys().copied()))
        .filter(stock_movement::Column::PartId.is_in(parts.keys().copied()))
        .all(conn)
        .await?;
    let mut days: BTreeMap<(Uuid, chrono::NaiveDate), (i64, i64)> = BTreeMap::new();
    for m in movements {
        let e = days.entry((m.part_id, today(m.at, zone))).or_default();
        if m.kind == MovementKind::Issue.as_str() {
            e.0 -= m.quantity_milli;
        } else {
            e.1 += m.quantity_milli;
        }
    }
    let issues: Vec<IssueDay> = days
        .into_iter()
        .map(|((part_id, on), (issued, returned))| IssueDay {
            part_id,
            on,
            issued: from_milli(issued),
            returned: from_milli(returned),
        })
        .collect();
    Ok(analyse(&holdings, &issues, day))
}
