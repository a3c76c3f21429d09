//! Machines (产品档案), one per serial number, scoped to the actor's dealer.

use crate::cursor::{contains_pattern, decode, decode_time, encode, encode_time};
use crate::customers::{self, page_end};
use crate::db::now;
use crate::entities::{customer, machine, product_model};
use crate::error::{StoreError, check_version};
use crate::versioned::{guarded_update, switch_active};
use crate::{Store, audit, sessions};
use chrono::{DateTime, NaiveDate, Utc};
use furrow_domain::auth::Actor;
use furrow_domain::dealers::owning_dealer;
use furrow_domain::master::{
    MachineCategory, MachineInput, MachineStatus, MachineView, WarrantyStatus, clean,
    warranty_end_from_sale,
};
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::validation::Validator;
use furrow_domain::validation::clamp_to_span;
use sea_orm::sea_query::{Expr, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone, Default)]
pub struct MachineFilter {
    /// Part of the serial number or of the owner's name, phone or code.
    pub q: Option<String>,
    pub dealer_id: Option<Uuid>,
    pub model_id: Option<Uuid>,
    pub customer_id: Option<Uuid>,
    pub category: Option<MachineCategory>,
    pub status: Option<MachineStatus>,
    /// Warranty as sold, on `today`.
    pub warranty: Option<WarrantyStatus>,
    pub today: Option<NaiveDate>,
    pub active: Option<bool>,
    pub updated_since: Option<DateTime<Utc>>,
    pub cursor: Option<String>,
    pub limit: Option<u64>,
}

pub(crate) fn scoped(actor: &Actor) -> Select<machine::Entity> {
    let q = machine::Entity::find();
    match actor.dealer_scope() {
        Some(d) => q.filter(machine::Column::DealerId.eq(d)),
        None => q,
    }
}

pub(crate) async fn find_scoped(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<machine::Model, StoreError> {
    scoped(actor)
        .filter(machine::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Turns rows into views with their model and owner, in three queries whatever the page size.
pub(crate) async fn hydrate(
    conn: &impl ConnectionTrait,
    rows: Vec<machine::Model>,
) -> Result<Vec<MachineView>, StoreError> {
    let model_ids: Vec<Uuid> = rows.iter().map(|m| m.model_id).collect();
    let customer_ids: Vec<Uuid> = rows.iter().map(|m| m.customer_id).collect();
    let models: HashMap<Uuid, product_model::Model> = product_model::Entity::find()
        .filter(product_model::Column::Id.is_in(model_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let owners: HashMap<Uuid, String> = customer::Entity::find()
        .select_only()
        .column(customer::Column::Id)
        .column(customer::Column::Name)
        .filter(customer::Column::Id.is_in(customer_ids))
        .into_tuple::<(Uuid, String)>()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|m| {
            let model = models.get(&m.model_id);
            MachineView {
                id: m.id,
                serial_number: m.serial_number,
                model_id: m.model_id,
                model_code: model.map(|x| x.code.clone()).unwrap_or_default(),
                model_name: model.map(|x| x.name.clone()).unwrap_or_default(),
                category: model
                    .and_then(|x| MachineCategory::parse(&x.category))
                    .unwrap_or(MachineCategory::Other),
                customer_id: m.customer_id,
                customer_name: owners.get(&m.customer_id).cloned().unwrap_or_default(),
                dealer_id: m.dealer_id,
                sale_date: m.sale_date,
                warranty_end: m.warranty_end,
                engine_hours: m.engine_hours,
                status: MachineStatus::parse(&m.status).unwrap_or(MachineStatus::Operational),
                notes: m.notes,
                active: m.active,
                version: m.version,
                created_at: m.created_at,
                updated_at: m.updated_at,
            }
        })
        .collect())
}

async fn one_view(
    conn: &impl ConnectionTrait,
    m: machine::Model,
) -> Result<MachineView, StoreError> {
    Ok(hydrate(conn, vec![m]).await?.remove(0))
}

pub(crate) fn audit_json(v: &MachineView) -> serde_json::Value {
    serde_json::json!({"serial_number": v.serial_number, "model_id": v.model_id, "customer_id": v.customer_id,
        "dealer_id": v.dealer_id, "sale_date": v.sale_date, "warranty_end": v.warranty_end,
        "engine_hours": v.engine_hours, "status": v.status, "notes": v.notes, "active": v.active})
}

/// Today's date where the day has begun furthest (UTC+14): a sale recorded
/// today in the company's time zone is never in the future by it.
fn latest_today() -> NaiveDate {
    (now() + chrono::Duration::hours(14)).date_naive()
}

fn field_error(field: &str, code: &str, message: String) -> StoreError {
    let mut v = Validator::new();
    v.error(field, code, message);
    v.finish().unwrap_err().into()
}

/// Resolves the references of an input: the visible owner, the model, the
/// dealer and the warranty end. Returns (dealer, warranty_end).
async fn resolve(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    input: &MachineInput,
) -> Result<(Option<Uuid>, Option<NaiveDate>), StoreError> {
    let owner = customers::find_scoped(conn, actor, input.customer_id)
        .await
        .map_err(|_| {
            field_error(
                "customer_id",
                "unknown",
                "no customer you can see has this id".into(),
            )
        })?;
    let model = product_model::Entity::find_by_id(input.model_id)
        .one(conn)
        .await?
        .ok_or_else(|| field_error("model_id", "unknown", "no product model has this id".into()))?;
    let dealer = owning_dealer(owner.dealer_id, input.dealer_id)
        .map_err(|e| field_error("dealer_id", "not_owners_dealer", e.to_string()))?;
    let warranty_end = input.warranty_end.or_else(|| {
        input
            .sale_date
            .and_then(|d| warranty_end_from_sale(d, model.warranty_months))
    });
    Ok((dealer, warranty_end))
}

async fn ensure_serial_free(
    conn: &impl ConnectionTrait,
    serial: &str,
    except: Option<Uuid>,
) -> Result<(), StoreError> {
    let mut q = machine::Entity::find().filter(machine::Column::SerialNumber.eq(serial));
    if let Some(id) = except {
        q = q.filter(machine::Column::Id.ne(id));
    }
    if q.one(conn).await?.is_some() {
        return Err(field_error(
            "serial_number",
            "taken",
            format!("a machine with serial number {serial} exists"),
        ));
    }
    Ok(())
}

pub(crate) fn apply(
    m: &mut machine::ActiveModel,
    input: &MachineInput,
    dealer: Option<Uuid>,
    warranty_end: Option<NaiveDate>,
) {
    m.serial_number = Set(input.serial_number.trim().to_owned());
    m.model_id = Set(input.model_id);
    m.customer_id = Set(input.customer_id);
    m.dealer_id = Set(dealer);
    m.sale_date = Set(input.sale_date);
    m.warranty_end = Set(warranty_end);
    m.engine_hours = Set(input.engine_hours);
    m.status = Set(input
        .status
        .unwrap_or(MachineStatus::Operational)
        .as_str()
        .to_owned());
    m.notes = Set(clean(&input.notes));
}

pub async fn create(
    store: &Store,
    actor: &Actor,
    input: &MachineInput,
) -> Result<MachineView, StoreError> {
    input.validate()?;
    input.validate_sale_date(latest_today())?;
    sessions::check_taken_probes(store, actor).await?;
    let tx = store.begin_write().await?;
    if let Err(taken) = ensure_serial_free(&*tx, input.serial_number.trim(), None).await {
        drop(tx);
        return Err(sessions::refuse_taken(store, actor, taken).await);
    }
    let (dealer, warranty_end) = resolve(&*tx, actor, input).await?;
    let t = now();
    let mut m = machine::ActiveModel {
        id: Set(Uuid::now_v7()),
        active: Set(true),
        version: Set(1),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    };
    apply(&mut m, input, dealer, warranty_end);
    let out = one_view(&*tx, m.insert(&*tx).await?).await?;
    audit::record(
        &*tx,
        Some(actor),
        "machine",
        out.id,
        "created",
        audit_json(&out),
    )
    .await?;
    tx.commit().await?;
    Ok(out)
}

pub async fn get(store: &Store, actor: &Actor, id: Uuid) -> Result<MachineView, StoreError> {
    let m = find_scoped(store.conn(), actor, id).await?;
    one_view(store.conn(), m).await
}

pub async fn update(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &MachineInput,
) -> Result<MachineView, StoreError> {
    input.validate()?;
    input.validate_sale_date(latest_today())?;
    sessions::check_taken_probes(store, actor).await?;
    let tx = store.begin_write().await?;
    let current = find_scoped(&*tx, actor, id).await?;
    check_version(expected, current.version)?;
    if let Err(taken) = ensure_serial_free(&*tx, input.serial_number.trim(), Some(id)).await {
        drop(tx);
        return Err(sessions::refuse_taken(store, actor, taken).await);
    }
    let (dealer, warranty_end) = resolve(&*tx, actor, input).await?;
    let before = one_view(&*tx, current.clone()).await?;
    let mut m = current.clone().into_active_model();
    apply(&mut m, input, dealer, warranty_end);
    m.version = Set(current.version + 1);
    m.updated_at = Set(now());
    let after = one_view(
        &*tx,
        guarded_update::<machine::Entity>(&*tx, m, current.version).await?,
    )
    .await?;
    audit::record(
        &*tx,
        Some(actor),
        "machine",
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
) -> Result<MachineView, StoreError> {
    let tx = store.begin_write().await?;
    let current = find_scoped(&*tx, actor, id).await?;
    check_version(expected, current.version)?;
    if current.active == active {
        return one_view(&*tx, current).await;
    }
    let row = switch_active::<machine::Entity>(&*tx, actor, "machine", id, current.clone(), active)
        .await?;
    let out = one_view(&*tx, row).await?;
    tx.commit().await?;
    Ok(out)
}

pub async fn list(
    store: &Store,
    actor: &Actor,
    f: &MachineFilter,
) -> Result<Page<MachineView>, StoreError> {
    let limit = clamp_limit(f.limit);
    let mut q = scoped(actor);
    if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
        q = q.filter(
            Condition::any()
                .add(
                    Expr::expr(Func::lower(Expr::col(machine::Column::SerialNumber)))
                        .like(LikeExpr::new(contains_pattern(text)).escape('\\')),
                )
                .add(machine::Column::CustomerId.in_subquery(customers::matching_ids(text))),
        );
    }
    if let Some(d) = f.dealer_id {
        q = q.filter(machine::Column::DealerId.eq(d));
    }
    if let Some(m) = f.model_id {
        q = q.filter(machine::Column::ModelId.eq(m));
    }
    if let Some(c) = f.customer_id {
        q = q.filter(machine::Column::CustomerId.eq(c));
    }
    if let Some(cat) = f.category {
        let ids = product_model::Entity::find()
            .select_only()
            .column(product_model::Column::Id)
            .filter(product_model::Column::Category.eq(cat.as_str()))
            .into_query();
        q = q.filter(machine::Column::ModelId.in_subquery(ids));
    }
    if let Some(s) = f.status {
        q = q.filter(machine::Column::Status.eq(s.as_str()));
    }
    if let Some(w) = f.warranty {
        let today = f.today.unwrap_or_else(|| Utc::now().date_naive());
        q = match w {
            WarrantyStatus::InWarranty => q.filter(machine::Column::WarrantyEnd.gte(today)),
            WarrantyStatus::Expired => q.filter(machine::Column::WarrantyEnd.lt(today)),
            WarrantyStatus::Unknown => q.filter(machine::Column::WarrantyEnd.is_null()),
        };
    }
    if let Some(a) = f.active {
        q = q.filter(machine::Column::Active.eq(a));
    }
    let (rows, next) = if let Some(since) = f.updated_since.map(clamp_to_span) {
        q = q
            .filter(machine::Column::UpdatedAt.gte(since))
            .order_by_asc(machine::Column::UpdatedAt)
            .order_by_asc(machine::Column::Id);
        if let Some(c) = &f.cursor {
            let (at, id) = decode_time(c)?;
            q = q.filter(
                Condition::any().add(machine::Column::UpdatedAt.gt(at)).add(
                    Condition::all()
                        .add(machine::Column::UpdatedAt.eq(at))
                        .add(machine::Column::Id.gt(id)),
                ),
            );
        }
        let mut rows = q.limit(limit + 1).all(store.conn()).await?;
        let next = page_end(&mut rows, limit).map(|m| encode_time(m.updated_at, m.id));
        (rows, next)
    } else {
        q = q.order_by_asc(machine::Column::SerialNumber);
        if let Some(c) = &f.cursor {
            q = q.filter(machine::Column::SerialNumber.gt(decode(c)?.0));
        }
        let mut rows = q.limit(limit + 1).all(store.conn()).await?;
        let next = page_end(&mut rows, limit).map(|m| encode(&m.serial_number, m.id));
        (rows, next)
    };
    Ok(Page {
        items: hydrate(store.conn(), rows).await?,
        next_cursor: next,
    })
}
