//! Machines (产品档案), one per serial number, scoped to the actor's dealer.

use crate::Store;
use crate::customers;
use crate::db::now;
use crate::entities::{customer, machine, product_model};
use crate::error::StoreError;
use crate::record_kit::{self, Record, contains_any_case, taken, unique_taken};
use chrono::{DateTime, NaiveDate, Utc};
use furrow_domain::auth::Actor;
use furrow_domain::dealers::owning_dealer;
use furrow_domain::master::{
    MachineCategory, MachineFilters, MachineInput, MachineStatus, MachineView, WarrantyStatus,
    clean, warranty_end_from_sale,
};
use furrow_domain::validation::Validator;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    QueryFilter, QuerySelect, QueryTrait, Select,
};
use std::collections::HashMap;
use uuid::Uuid;

pub(crate) fn scoped(actor: &Actor) -> Select<machine::Entity> {
    record_kit::scoped::<Machines>(actor)
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
    rows.into_iter()
        .map(|m| {
            let (model, owner) = (models.get(&m.model_id), owners.get(&m.customer_id));
            view(m, model, owner.map(String::as_str))
        })
        .collect()
}

/// The view of a machine with its model and its owner's name; a reference
/// not at hand reads as blank.
pub(crate) fn view(
    m: machine::Model,
    model: Option<&product_model::Model>,
    owner_name: Option<&str>,
) -> Result<MachineView, StoreError> {
    let category = match model {
        Some(x) => category_of(x)?,
        None => MachineCategory::Other,
    };
    let status = status_of(&m)?;
    Ok(MachineView {
        id: m.id,
        serial_number: m.serial_number,
        model_id: m.model_id,
        model_code: model.map(|x| x.code.clone()).unwrap_or_default(),
        model_name: model.map(|x| x.name.clone()).unwrap_or_default(),
        category,
        customer_id: m.customer_id,
        customer_name: owner_name.unwrap_or_default().to_owned(),
        dealer_id: m.dealer_id,
        sale_date: m.sale_date,
        warranty_end: m.warranty_end,
        engine_hours: m.engine_hours,
        status,
        notes: m.notes,
        active: m.active,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

/// The category of a machine's model; one that does not decode is an error
/// naming the model.
pub(crate) fn category_of(model: &product_model::Model) -> Result<MachineCategory, StoreError> {
    MachineCategory::parse(&model.category).ok_or_else(|| {
        StoreError::corrupt(
            format!("product model {} ({})", model.code, model.id),
            "category",
            format!("unknown category {:?}", model.category),
        )
    })
}

/// A machine's stored status; one that does not decode is an error naming
/// the machine.
pub(crate) fn status_of(m: &machine::Model) -> Result<MachineStatus, StoreError> {
    MachineStatus::parse(&m.status).ok_or_else(|| {
        StoreError::corrupt(
            format!("machine {} ({})", m.serial_number, m.id),
            "status",
            format!("unknown status {:?}", m.status),
        )
    })
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

/// Machines by serial number, seen by their dealer. The warranty end is
/// computed from the sale date and the model's warranty months unless given.
pub struct Machines;

impl Record for Machines {
    type Entity = machine::Entity;
    type Row = machine::Model;
    type Active = machine::ActiveModel;
    type Input = MachineInput;
    type View = MachineView;
    type Filters = MachineFilters;
    /// The dealer and the warranty end.
    type Resolved = (Option<Uuid>, Option<NaiveDate>);
    const KIND: furrow_domain::RecordKind = furrow_domain::RecordKind::Machine;
    const SORT: machine::Column = machine::Column::SerialNumber;
    const PROBED: bool = true;

    fn dealer_column() -> Option<machine::Column> {
        Some(machine::Column::DealerId)
    }
    fn sort_key(row: &machine::Model) -> &str {
        &row.serial_number
    }
    fn matches(f: &MachineFilters) -> Condition {
        let mut c = Condition::all();
        if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
            c = c.add(
                Condition::any()
                    .add(contains_any_case(machine::Column::SerialNumber, text))
                    .add(machine::Column::CustomerId.in_subquery(customers::matching_ids(text))),
            );
        }
        if let Some(d) = f.dealer_id {
            c = c.add(machine::Column::DealerId.eq(d));
        }
        if let Some(m) = f.model_id {
            c = c.add(machine::Column::ModelId.eq(m));
        }
        if let Some(owner) = f.customer_id {
            c = c.add(machine::Column::CustomerId.eq(owner));
        }
        if let Some(cat) = f.category {
            let ids = product_model::Entity::find()
                .select_only()
                .column(product_model::Column::Id)
                .filter(product_model::Column::Category.eq(cat.as_str()))
                .into_query();
            c = c.add(machine::Column::ModelId.in_subquery(ids));
        }
        if let Some(s) = f.status {
            c = c.add(machine::Column::Status.eq(s.as_str()));
        }
        if let Some(w) = f.warranty {
            let today = Utc::now().date_naive();
            c = c.add(match w {
                WarrantyStatus::InWarranty => machine::Column::WarrantyEnd.gte(today),
                WarrantyStatus::Expired => machine::Column::WarrantyEnd.lt(today),
                WarrantyStatus::Unknown => machine::Column::WarrantyEnd.is_null(),
            });
        }
        if let Some(a) = f.active {
            c = c.add(machine::Column::Active.eq(a));
        }
        c
    }
    fn updated_since(f: &MachineFilters) -> Option<DateTime<Utc>> {
        f.updated_since
    }
    fn validate(input: &MachineInput) -> Result<(), StoreError> {
        input.validate()?;
        Ok(input.validate_sale_date(latest_today())?)
    }
    async fn resolve(
        tx: &DatabaseTransaction,
        actor: &Actor,
        input: &MachineInput,
        current: Option<&machine::Model>,
    ) -> Result<Self::Resolved, StoreError> {
        let serial = input.serial_number.trim();
        let (col, except) = (machine::Column::SerialNumber, current.map(|c| c.id));
        if unique_taken::<machine::Entity, _>(tx, col, serial, except).await? {
            let message = format!("a machine with serial number {serial} exists");
            return Err(taken("serial_number", message));
        }
        resolve(tx, actor, input).await
    }
    fn apply(m: &mut machine::ActiveModel, input: &MachineInput, resolved: Self::Resolved) {
        apply(m, input, resolved.0, resolved.1);
    }
    async fn views<C: ConnectionTrait>(
        conn: &C,
        rows: Vec<machine::Model>,
    ) -> Result<Vec<MachineView>, StoreError> {
        hydrate(conn, rows).await
    }
    fn audit_json(v: &MachineView) -> serde_json::Value {
        audit_json(v)
    }
}

/// Registers a machine.
pub async fn create(
    store: &Store,
    actor: &Actor,
    input: &MachineInput,
) -> Result<MachineView, StoreError> {
    record_kit::create::<Machines>(store, actor, input).await
}

/// One machine the actor may see.
pub async fn get(store: &Store, actor: &Actor, id: Uuid) -> Result<MachineView, StoreError> {
    record_kit::get::<Machines>(store, actor, id).await
}
