//! The parts catalog (配件目录): a record of the kit, with the product
//! models each part fits kept beside it.

use crate::entities::{part, part_model, product_model};
use crate::error::StoreError;
use crate::record_kit::{Record, contains_any_case, taken, unique_taken};
use chrono::{DateTime, Utc};
use furrow_domain::auth::Actor;
use furrow_domain::parts::{ModelRef, PartCategory, PartFilters, PartInput, PartView};
use furrow_domain::parts::{from_milli, to_milli};
use furrow_domain::validation::Validator;
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The views of stored parts with their models; a category that does not
/// decode is an error naming the part.
pub(crate) async fn views<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<part::Model>,
) -> Result<Vec<PartView>, StoreError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut fits: HashMap<Uuid, Vec<ModelRef>> = HashMap::new();
    if !ids.is_empty() {
        let links = part_model::Entity::find()
            .filter(part_model::Column::PartId.is_in(ids))
            .all(conn)
            .await?;
        let model_ids: Vec<Uuid> = links.iter().map(|l| l.model_id).collect();
        let models: HashMap<Uuid, product_model::Model> = product_model::Entity::find()
            .filter(product_model::Column::Id.is_in(model_ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|m| (m.id, m))
            .collect();
        for l in links {
            if let Some(m) = models.get(&l.model_id) {
                fits.entry(l.part_id).or_default().push(ModelRef {
                    id: m.id,
                    code: m.code.clone(),
                    name: m.name.clone(),
                });
            }
        }
        for list in fits.values_mut() {
            list.sort_by(|a, b| a.code.cmp(&b.code));
        }
    }
    rows.into_iter()
        .map(|m| {
            let models = fits.remove(&m.id).unwrap_or_default();
            view(m, models)
        })
        .collect()
}

/// The view of a stored part fitting `compatible_models`; a category that
/// does not decode is an error naming the part.
pub(crate) fn view(
    m: part::Model,
    compatible_models: Vec<ModelRef>,
) -> Result<PartView, StoreError> {
    let category = PartCategory::parse(&m.category).ok_or_else(|| {
        StoreError::corrupt(
            format!("part {} ({})", m.part_number, m.id),
            "category",
            format!("unknown category {:?}", m.category),
        )
    })?;
    Ok(PartView {
        compatible_models,
        id: m.id,
        part_number: m.part_number,
        name: m.name,
        spec: m.spec,
        category,
        unit: m.unit,
        standard_cost_fen: m.standard_cost_fen,
        reorder_point: from_milli(m.reorder_point_milli),
        reorder_quantity: from_milli(m.reorder_quantity_milli),
        active: m.active,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

/// The catalog's parts, ordered by part number.
pub struct Parts;

impl Record for Parts {
    type Entity = part::Entity;
    type Row = part::Model;
    type Active = part::ActiveModel;
    type Input = PartInput;
    type View = PartView;
    type Filters = PartFilters;
    type Resolved = ();
    const KIND: furrow_domain::RecordKind = furrow_domain::RecordKind::Part;
    const SORT: part::Column = part::Column::PartNumber;

    fn dealer_column() -> Option<part::Column> {
        None
    }
    fn sort_key(row: &part::Model) -> &str {
        &row.part_number
    }
    fn matches(f: &PartFilters) -> Condition {
        let mut c = Condition::all();
        if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
            c = c.add(
                Condition::any()
                    .add(contains_any_case(part::Column::PartNumber, text))
                    .add(contains_any_case(part::Column::Name, text))
                    .add(contains_any_case(part::Column::Spec, text)),
            );
        }
        if let Some(cat) = f.category {
            c = c.add(part::Column::Category.eq(cat.as_str()));
        }
        if let Some(model) = f.model_id {
            c = c.add(
                part::Column::Id.in_subquery(
                    Query::select()
                        .column(part_model::Column::PartId)
                        .from(part_model::Entity)
                        .and_where(part_model::Column::ModelId.eq(model))
                        .to_owned(),
                ),
            );
        }
        if let Some(a) = f.active {
            c = c.add(part::Column::Active.eq(a));
        }
        c
    }
    fn updated_since(f: &PartFilters) -> Option<DateTime<Utc>> {
        f.updated_since
    }
    fn validate(input: &PartInput) -> Result<(), StoreError> {
        Ok(input.validate()?)
    }
    async fn resolve(
        tx: &DatabaseTransaction,
        _: &Actor,
        input: &PartInput,
        current: Option<&part::Model>,
    ) -> Result<(), StoreError> {
        let number = input.part_number.trim();
        let except = current.map(|c| c.id);
        if unique_taken::<part::Entity, _>(tx, part::Column::PartNumber, number, except).await? {
            return Err(taken(
                "part_number",
                format!("the part number {number} is taken"),
            ));
        }
        let models = input.compatible_model_ids.clone().unwrap_or_default();
        if !models.is_empty() {
            let n = models.len() as u64;
            let found = product_model::Entity::find()
                .filter(product_model::Column::Id.is_in(models))
                .count(tx)
                .await?;
            if found != n {
                let mut v = Validator::new();
                v.error(
                    "compatible_model_ids",
                    "not_found",
                    "a listed product model does not exist",
                );
                v.finish()?;
            }
        }
        Ok(())
    }
    fn apply(m: &mut part::ActiveModel, input: &PartInput, _: ()) {
        m.part_number = Set(input.part_number.trim().to_owned());
        m.name = Set(input.name.trim().to_owned());
        m.spec = Set(furrow_domain::master::clean(&input.spec));
        m.category = Set(input.category.as_str().to_owned());
        m.unit = Set(input.unit.trim().to_owned());
        m.standard_cost_fen = Set(input.standard_cost_fen);
        // Validated: at most 3 decimals, within a million.
        m.reorder_point_milli = Set(to_milli(input.reorder_point).unwrap_or_default());
        m.reorder_quantity_milli = Set(to_milli(input.reorder_quantity).unwrap_or_default());
    }
    async fn write_children(
        tx: &DatabaseTransaction,
        id: Uuid,
        input: &PartInput,
    ) -> Result<(), StoreError> {
        // Left out, the part keeps the models it has.
        let Some(models) = &input.compatible_model_ids else {
            return Ok(());
        };
        part_model::Entity::delete_many()
            .filter(part_model::Column::PartId.eq(id))
            .exec(tx)
            .await?;
        if !models.is_empty() {
            part_model::Entity::insert_many(models.iter().map(|m| part_model::ActiveModel {
                part_id: Set(id),
                model_id: Set(*m),
            }))
            .exec_without_returning(tx)
            .await?;
        }
        Ok(())
    }
    async fn views<C: ConnectionTrait>(
        conn: &C,
        rows: Vec<part::Model>,
    ) -> Result<Vec<PartView>, StoreError> {
        views(conn, rows).await
    }
    fn audit_json(v: &PartView) -> serde_json::Value {
        serde_json::json!({"part_number": v.part_number, "name": v.name, "spec": v.spec,
            "category": v.category, "unit": v.unit, "standard_cost_fen": v.standard_cost_fen,
            "reorder_point": v.reorder_point, "reorder_quantity": v.reorder_quantity,
            "compatible_models": v.compatible_models.iter().map(|m| &m.code).collect::<Vec<_>>(),
            "active": v.active})
    }
}

/// The parts with these ids, by id (for the stock's views).
pub(crate) async fn by_ids<C: ConnectionTrait>(
    conn: &C,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, part::Model>, StoreError> {
    Ok(part::Entity::find()
        .filter(part::Column::Id.is_in(ids))
        .order_by_asc(part::Column::PartNumber)
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}
