//! Product models (产品型号) with their technical parameters: a record of the
//! kit, seen by everyone.

use crate::Store;
use crate::entities::product_model;
use crate::error::StoreError;
use crate::record_kit::{Record, contains_any_case, taken, unique_taken};
use chrono::{DateTime, Utc};
use furrow_domain::auth::Actor;
use furrow_domain::master::{
    MachineCategory, ModelParam, ProductModelFilters, ProductModelInput, ProductModelView,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
};
use uuid::Uuid;

/// The view of a stored model; a category or parameter list that does not
/// decode is an error naming the model.
pub(crate) fn view(m: product_model::Model) -> Result<ProductModelView, StoreError> {
    let record = || format!("product model {} ({})", m.code, m.id);
    let category = MachineCategory::parse(&m.category).ok_or_else(|| {
        StoreError::corrupt(
            record(),
            "category",
            format!("unknown category {:?}", m.category),
        )
    })?;
    let params = serde_json::from_value::<Vec<ModelParam>>(m.params.clone())
        .map_err(|e| StoreError::corrupt(record(), "params", e))?;
    Ok(ProductModelView {
        id: m.id,
        code: m.code,
        name: m.name,
        category,
        params,
        warranty_months: m.warranty_months,
        active: m.active,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

pub(crate) fn audit_json(v: &ProductModelView) -> serde_json::Value {
    serde_json::json!({"code": v.code, "name": v.name, "category": v.category, "params": v.params,
        "warranty_months": v.warranty_months, "active": v.active})
}

pub(crate) fn apply(m: &mut product_model::ActiveModel, input: &ProductModelInput) {
    m.code = Set(input.code.trim().to_owned());
    m.name = Set(input.name.trim().to_owned());
    m.category = Set(input.category.as_str().to_owned());
    let params: Vec<ModelParam> = input
        .params
        .iter()
        .map(|p| ModelParam {
            key: p.key.trim().to_owned(),
            value: p.value.trim().to_owned(),
        })
        .collect();
    // A list of string pairs always encodes.
    m.params = Set(serde_json::json!(params));
    m.warranty_months = Set(input.warranty_months);
}

/// Product models, ordered by code.
pub struct ProductModels;

impl Record for ProductModels {
    type Entity = product_model::Entity;
    type Row = product_model::Model;
    type Active = product_model::ActiveModel;
    type Input = ProductModelInput;
    type View = ProductModelView;
    type Filters = ProductModelFilters;
    type Resolved = ();
    const KIND: furrow_domain::RecordKind = furrow_domain::RecordKind::ProductModel;
    const SORT: product_model::Column = product_model::Column::Code;

    fn dealer_column() -> Option<product_model::Column> {
        None
    }
    fn sort_key(row: &product_model::Model) -> &str {
        &row.code
    }
    fn matches(f: &ProductModelFilters) -> Condition {
        let mut c = Condition::all();
        if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
            c = c.add(
                Condition::any()
                    .add(contains_any_case(product_model::Column::Code, text))
                    .add(contains_any_case(product_model::Column::Name, text)),
            );
        }
        if let Some(cat) = f.category {
            c = c.add(product_model::Column::Category.eq(cat.as_str()));
        }
        if let Some(a) = f.active {
            c = c.add(product_model::Column::Active.eq(a));
        }
        c
    }
    fn updated_since(f: &ProductModelFilters) -> Option<DateTime<Utc>> {
        f.updated_since
    }
    fn validate(input: &ProductModelInput) -> Result<(), StoreError> {
        Ok(input.validate()?)
    }
    async fn resolve(
        tx: &DatabaseTransaction,
        _: &Actor,
        input: &ProductModelInput,
        current: Option<&product_model::Model>,
    ) -> Result<(), StoreError> {
        let code = input.code.trim();
        let except = current.map(|c| c.id);
        let col = product_model::Column::Code;
        if unique_taken::<product_model::Entity, _>(tx, col, code, except).await? {
            return Err(taken("code", format!("the model code {code} is taken")));
        }
        Ok(())
    }
    fn apply(m: &mut product_model::ActiveModel, input: &ProductModelInput, _: ()) {
        apply(m, input);
    }
    async fn views<C: ConnectionTrait>(
        _: &C,
        rows: Vec<product_model::Model>,
    ) -> Result<Vec<ProductModelView>, StoreError> {
        rows.into_iter().map(view).collect()
    }
    fn audit_json(v: &ProductModelView) -> serde_json::Value {
        audit_json(v)
    }
}

/// One product model (no dealer scope: every user sees them all).
pub async fn get(store: &Store, id: Uuid) -> Result<ProductModelView, StoreError> {
    product_model::Entity::find_by_id(id)
        .one(store.conn())
        .await?
        .map(view)
        .ok_or(StoreError::NotFound)?
}
