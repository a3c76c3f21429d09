//! Product models (产品型号) with their technical parameters.

use crate::cursor::{contains_pattern, decode, decode_time, encode, encode_time};
use crate::customers::page_end;
use crate::db::now;
use crate::entities::product_model;
use crate::error::{StoreError, check_version};
use crate::versioned::{guarded_update, switch_active};
use crate::{Store, audit};
use chrono::{DateTime, Utc};
use furrow_domain::auth::Actor;
use furrow_domain::master::{MachineCategory, ModelParam, ProductModelInput, ProductModelView};
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::validation::Validator;
use furrow_domain::validation::clamp_to_span;
use sea_orm::sea_query::{Expr, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

#[derive(Debug, Clone, Default)]
pub struct ProductModelFilter {
    /// Part of the code or name.
    pub q: Option<String>,
    pub category: Option<MachineCategory>,
    pub active: Option<bool>,
    pub updated_since: Option<DateTime<Utc>>,
    pub cursor: Option<String>,
    pub limit: Option<u64>,
}

pub(crate) fn view(m: product_model::Model) -> ProductModelView {
    ProductModelView {
        id: m.id,
        code: m.code,
        name: m.name,
        category: MachineCategory::parse(&m.category).unwrap_or(MachineCategory::Other),
        params: serde_json::from_value::<Vec<ModelParam>>(m.params).unwrap_or_default(),
        warranty_months: m.warranty_months,
        active: m.active,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
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
    m.params = Set(serde_json::to_value(params).unwrap_or_default());
    m.warranty_months = Set(input.warranty_months);
}

async fn ensure_code_free(
    conn: &impl ConnectionTrait,
    code: &str,
    except: Option<Uuid>,
) -> Result<(), StoreError> {
    let mut q = product_model::Entity::find().filter(product_model::Column::Code.eq(code));
    if let Some(id) = except {
        q = q.filter(product_model::Column::Id.ne(id));
    }
    if q.one(conn).await?.is_some() {
        let mut v = Validator::new();
        v.error("code", "taken", format!("the model code {code} is taken"));
        v.finish()?;
    }
    Ok(())
}

pub async fn create(
    store: &Store,
    actor: &Actor,
    input: &ProductModelInput,
) -> Result<ProductModelView, StoreError> {
    input.validate()?;
    let tx = store.begin_write().await?;
    ensure_code_free(&*tx, input.code.trim(), None).await?;
    let t = now();
    let mut m = product_model::ActiveModel {
        id: Set(Uuid::now_v7()),
        active: Set(true),
        version: Set(1),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    };
    apply(&mut m, input);
    let out = view(m.insert(&*tx).await?);
    audit::record(
        &*tx,
        Some(actor),
        "product_model",
        out.id,
        "created",
        audit_json(&out),
    )
    .await?;
    tx.commit().await?;
    Ok(out)
}

pub async fn get(store: &Store, id: Uuid) -> Result<ProductModelView, StoreError> {
    product_model::Entity::find_by_id(id)
        .one(store.conn())
        .await?
        .map(view)
        .ok_or(StoreError::NotFound)
}

pub async fn update(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &ProductModelInput,
) -> Result<ProductModelView, StoreError> {
    input.validate()?;
    let tx = store.begin_write().await?;
    let current = product_model::Entity::find_by_id(id)
        .one(&*tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    check_version(expected, current.version)?;
    ensure_code_free(&*tx, input.code.trim(), Some(id)).await?;
    let before = view(current.clone());
    let mut m = current.clone().into_active_model();
    apply(&mut m, input);
    m.version = Set(current.version + 1);
    m.updated_at = Set(now());
    let after = view(guarded_update::<product_model::Entity>(&*tx, m, current.version).await?);
    audit::record(
        &*tx,
        Some(actor),
        "product_model",
        id,
        "updated",
        audit::diff(&audit_json(&before), &audit_json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn set_active(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    active: bool,
) -> Result<ProductModelView, StoreError> {
    let tx = store.begin_write().await?;
    let current = product_model::Entity::find_by_id(id)
        .one(&*tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    check_version(expected, current.version)?;
    if current.active == active {
        return Ok(view(current));
    }
    let out = view(
        switch_active::<product_model::Entity>(
            &*tx,
            actor,
            "product_model",
            id,
            current.clone(),
            active,
        )
        .await?,
    );
    tx.commit().await?;
    Ok(out)
}

pub async fn list(
    store: &Store,
    f: &ProductModelFilter,
) -> Result<Page<ProductModelView>, StoreError> {
    let limit = clamp_limit(f.limit);
    let mut q = product_model::Entity::find();
    if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
        let p = contains_pattern(text);
        q = q.filter(
            Condition::any()
                .add(
                    Expr::expr(Func::lower(Expr::col(product_model::Column::Code)))
                        .like(LikeExpr::new(p.clone()).escape('\\')),
                )
                .add(
                    Expr::expr(Func::lower(Expr::col(product_model::Column::Name)))
                        .like(LikeExpr::new(p).escape('\\')),
                ),
        );
    }
    if let Some(c) = f.category {
        q = q.filter(product_model::Column::Category.eq(c.as_str()));
    }
    if let Some(a) = f.active {
        q = q.filter(product_model::Column::Active.eq(a));
    }
    let (rows, next) = if let Some(since) = f.updated_since.map(clamp_to_span) {
        q = q
            .filter(product_model::Column::UpdatedAt.gte(since))
            .order_by_asc(product_model::Column::UpdatedAt)
            .order_by_asc(product_model::Column::Id);
        if let Some(c) = &f.cursor {
            let (at, id) = decode_time(c)?;
            q = q.filter(
                Condition::any()
                    .add(product_model::Column::UpdatedAt.gt(at))
                    .add(
                        Condition::all()
                            .add(product_model::Column::UpdatedAt.eq(at))
                            .add(product_model::Column::Id.gt(id)),
                    ),
            );
        }
        let mut rows = q.limit(limit + 1).all(store.conn()).await?;
        let next = page_end(&mut rows, limit).map(|m| encode_time(m.updated_at, m.id));
        (rows, next)
    } else {
        q = q.order_by_asc(product_model::Column::Code);
        if let Some(c) = &f.cursor {
            q = q.filter(product_model::Column::Code.gt(decode(c)?.0));
        }
        let mut rows = q.limit(limit + 1).all(store.conn()).await?;
        let next = page_end(&mut rows, limit).map(|m| encode(&m.code, m.id));
        (rows, next)
    };
    Ok(Page {
        items: rows.into_iter().map(view).collect(),
        next_cursor: next,
    })
}
