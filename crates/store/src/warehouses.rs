//! Warehouses (仓库) and their bin labels (库位): a record of the kit; a
//! dealer sees only its own dealer warehouse.

use crate::entities::{bin, dealer, warehouse};
use crate::error::StoreError;
use crate::record_kit::{Record, contains_any_case, taken, unique_taken};
use furrow_domain::auth::Actor;
use furrow_domain::master::clean;
use furrow_domain::parts::{Bin, WarehouseFilters, WarehouseInput, WarehouseKind, WarehouseView};
use furrow_domain::validation::Validator;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The bins of these warehouses, by warehouse, in code order.
pub(crate) async fn bins_of<C: ConnectionTrait>(
    conn: &C,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, Vec<Bin>>, StoreError> {
    let mut out: HashMap<Uuid, Vec<Bin>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    for b in bin::Entity::find()
        .filter(bin::Column::WarehouseId.is_in(ids))
        .order_by_asc(bin::Column::Code)
        .all(conn)
        .await?
    {
        out.entry(b.warehouse_id).or_default().push(Bin {
            code: b.code,
            description: b.description,
        });
    }
    Ok(out)
}

pub(crate) fn kind_of(m: &warehouse::Model) -> Result<WarehouseKind, StoreError> {
    WarehouseKind::parse(&m.kind).ok_or_else(|| {
        StoreError::corrupt(
            format!("warehouse {} ({})", m.code, m.id),
            "kind",
            format!("unknown kind {:?}", m.kind),
        )
    })
}

/// Warehouses, ordered by code.
pub struct Warehouses;

impl Record for Warehouses {
    type Entity = warehouse::Entity;
    type Row = warehouse::Model;
    type Active = warehouse::ActiveModel;
    type Input = WarehouseInput;
    type View = WarehouseView;
    type Filters = WarehouseFilters;
    type Resolved = ();
    const KIND: furrow_domain::RecordKind = furrow_domain::RecordKind::Warehouse;
    const SORT: warehouse::Column = warehouse::Column::Code;

    fn dealer_column() -> Option<warehouse::Column> {
        Some(warehouse::Column::DealerId)
    }
    fn sort_key(row: &warehouse::Model) -> &str {
        &row.code
    }
    fn matches(f: &WarehouseFilters) -> Condition {
        let mut c = Condition::all();
        if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
            c = c.add(
                Condition::any()
                    .add(contains_any_case(warehouse::Column::Code, text))
                    .add(contains_any_case(warehouse::Column::Name, text)),
            );
        }
        if let Some(k) = f.kind {
            c = c.add(warehouse::Column::Kind.eq(k.as_str()));
        }
        if let Some(d) = f.dealer_id {
            c = c.add(warehouse::Column::DealerId.eq(d));
        }
        if let Some(a) = f.active {
            c = c.add(warehouse::Column::Active.eq(a));
        }
        c
    }
    fn validate(input: &WarehouseInput) -> Result<(), StoreError> {
        Ok(input.validate()?)
    }
    async fn resolve(
        tx: &DatabaseTransaction,
        _: &Actor,
        input: &WarehouseInput,
        current: Option<&warehouse::Model>,
    ) -> Result<(), StoreError> {
        let code = input.code.trim();
        let except = current.map(|c| c.id);
        if unique_taken::<warehouse::Entity, _>(tx, warehouse::Column::Code, code, except).await? {
            return Err(taken("code", format!("the warehouse code {code} is taken")));
        }
        if let Some(d) = input.dealer_id
            && dealer::Entity::find_by_id(d).one(tx).await?.is_none()
        {
            let mut v = Validator::new();
            v.error("dealer_id", "not_found", "no such dealer");
            v.finish()?;
        }
        Ok(())
    }
    fn apply(m: &mut warehouse::ActiveModel, input: &WarehouseInput, _: ()) {
        m.code = Set(input.code.trim().to_owned());
        m.name = Set(input.name.trim().to_owned());
        m.kind = Set(input.kind.as_str().to_owned());
        m.dealer_id = Set(input.dealer_id);
    }
    async fn write_children(
        tx: &DatabaseTransaction,
        id: Uuid,
        input: &WarehouseInput,
    ) -> Result<(), StoreError> {
        bin::Entity::delete_many()
            .filter(bin::Column::WarehouseId.eq(id))
            .exec(tx)
            .await?;
        if !input.bins.is_empty() {
            bin::Entity::insert_many(input.bins.iter().map(|b| bin::ActiveModel {
                warehouse_id: Set(id),
                code: Set(b.code.trim().to_owned()),
                description: Set(clean(&b.description)),
            }))
            .exec_without_returning(tx)
            .await?;
        }
        Ok(())
    }
    async fn views<C: ConnectionTrait>(
        conn: &C,
        rows: Vec<warehouse::Model>,
    ) -> Result<Vec<WarehouseView>, StoreError> {
        let mut bins = bins_of(conn, rows.iter().map(|r| r.id).collect()).await?;
        rows.into_iter()
            .map(|m| {
                Ok(WarehouseView {
                    kind: kind_of(&m)?,
                    bins: bins.remove(&m.id).unwrap_or_default(),
                    id: m.id,
                    code: m.code,
                    name: m.name,
                    dealer_id: m.dealer_id,
                    active: m.active,
                    version: m.version,
                    created_at: m.created_at,
                    updated_at: m.updated_at,
                })
            })
            .collect()
    }
    fn audit_json(v: &WarehouseView) -> serde_json::Value {
        serde_json::json!({"code": v.code, "name": v.name, "kind": v.kind,
            "dealer_id": v.dealer_id, "bins": v.bins.iter().map(|b| &b.code).collect::<Vec<_>>(),
            "active": v.active})
    }
}
