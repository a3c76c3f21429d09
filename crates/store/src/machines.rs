//! Machines (产品档案), one per serial number, scoped to the actor's dealer.

use crate::Store;
use crate::customers;
use crate::db::now;
use crate::entities::{customer, machine, product_model};
use crate::error::{StoreError, check_version};
use crate::record_kit::{self, Record, contains_any_case, taken, unique_taken};
use crate::versioned::guarded_update;
use chrono::{DateTime, NaiveDate, Utc};
use furrow_domain::access::{self, RecordKind};
use furrow_domain::auth::Actor;
use furrow_domain::dealers::owning_dealer;
use furrow_domain::master::{
    MachineCategory, MachineFilters, MachineInput, MachineStatus, MachineView, WarrantyChange,
    WarrantyState, check_extended_end, check_sanbao_period, check_warranty_kept, clean,
    warranty_end_from_sale,
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

/// Turns rows into views with their model, owner and warranty, in five
/// queries whatever the page size.
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
    let owners = crate::labels::labels::<customer::Entity>(
        conn,
        customer::Column::Id,
        customer::Column::Name,
        customer_ids,
    )
    .await?;
    let mut warranties = crate::warranty::of_machines(conn, &rows).await?;
    rows.into_iter()
        .map(|m| {
            let (model, owner) = (models.get(&m.model_id), owners.get(&m.customer_id));
            let warranty = warranties
                .remove(&m.id)
                .unwrap_or_else(|| crate::warranty::as_sold(&m));
            view(m, model, owner.map(String::as_str), warranty)
        })
        .collect()
}

/// A machine as `actor` reads it: a dealer reads the days of every repair
/// that extended its 三包 period, the requests of its own only.
pub(crate) fn for_reader(actor: &Actor, mut v: MachineView) -> MachineView {
    if let Some(own) = access::own_dealer(actor, RecordKind::Machine) {
        v.warranty = v.warranty.for_dealer(own);
    }
    v
}

/// The view of a machine with its model, its owner's name and its warranty;
/// a reference not at hand reads as blank.
pub(crate) fn view(
    m: machine::Model,
    model: Option<&product_model::Model>,
    owner_name: Option<&str>,
    warranty: WarrantyState,
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
        extended_warranty_end: m.extended_warranty_end,
        replaced_on: m.replaced_on,
        warranty,
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
        "extended_warranty_end": v.extended_warranty_end, "engine_hours": v.engine_hours, "status": v.status, "notes": v.notes, "active": v.active})
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
/// dealer and the warranty dates. Returns (dealer, (sale_date, warranty_end)).
/// An update keeps the machine's warranty dates: an input may repeat them or
/// leave them out, and changing them needs the warranty change and its reason.
async fn resolve(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    input: &MachineInput,
    current: Option<&machine::Model>,
) -> Result<(Option<Uuid>, WarrantyDates), StoreError> {
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
    if let Some(c) = current {
        let kept = (c.sale_date, c.warranty_end);
        let asked = (
            input.sale_date.or(c.sale_date),
            input.warranty_end.or(c.warranty_end),
        );
        let mut v = Validator::new();
        check_warranty_kept(&mut v, kept, asked);
        v.finish()?;
        return Ok((dealer, kept));
    }
    let warranty_end = input.warranty_end.or_else(|| {
        input
            .sale_date
            .and_then(|d| warranty_end_from_sale(d, model.warranty_months))
    });
    // The derived end too: a model's months may predate the legal minimum.
    let mut v = Validator::new();
    check_sanbao_period(&mut v, input.sale_date, warranty_end);
    v.finish()?;
    Ok((dealer, (input.sale_date, warranty_end)))
}

/// A machine's sale date and 三包 end as sold.
pub(crate) type WarrantyDates = (Option<NaiveDate>, Option<NaiveDate>);

pub(crate) fn apply(
    m: &mut machine::ActiveModel,
    input: &MachineInput,
    dealer: Option<Uuid>,
    (sale_date, warranty_end): WarrantyDates,
) {
    m.serial_number = Set(input.serial_number.trim().to_owned());
    m.model_id = Set(input.model_id);
    m.customer_id = Set(input.customer_id);
    m.dealer_id = Set(dealer);
    m.sale_date = Set(sale_date);
    m.warranty_end = Set(warranty_end);
    // Only the warranty change sets it; a new row starts without one.
    if m.extended_warranty_end.is_not_set() {
        m.extended_warranty_end = Set(None);
    }
    // Only a replacement (换货) sets it.
    if m.replaced_on.is_not_set() {
        m.replaced_on = Set(None);
    }
    m.engine_hours = Set(input.engine_hours);
    m.status = Set(input
        .status
        .unwrap_or(MachineStatus::Operational)
        .as_str()
        .to_owned());
    m.notes = Set(clean(&input.notes));
}

/// Machines by serial number, seen by their dealer. The warranty end is
/// computed from the sale date and the model's warranty months unless given;
/// once registered, the warranty dates change only through [`change_warranty`].
pub struct Machines;

impl Record for Machines {
    type Entity = machine::Entity;
    type Row = machine::Model;
    type Active = machine::ActiveModel;
    type Input = MachineInput;
    type View = MachineView;
    type Filters = MachineFilters;
    /// The dealer and the warranty dates.
    type Resolved = (Option<Uuid>, WarrantyDates);
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
        // The warranty filter reads the requests: see `condition`.
        if let Some(a) = f.active {
            c = c.add(machine::Column::Active.eq(a));
        }
        c
    }
    async fn condition<C: ConnectionTrait>(
        conn: &C,
        f: &MachineFilters,
    ) -> Result<Condition, StoreError> {
        let c = Self::matches(f);
        Ok(match f.warranty {
            Some(w) => c.add(crate::warranty::filter(conn, w).await?),
            None => c,
        })
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
        resolve(tx, actor, input, current).await
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
    fn for_reader(actor: &Actor, v: MachineView) -> MachineView {
        for_reader(actor, v)
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

/// Changes a machine's warranty dates (sale date, 三包 end, extended
/// warranty end) at the version the client read, with the reason on the
/// machine's timeline (`warranty_changed`). The API lets only the maker's
/// staff give it (`Action::ChangeWarranty`); asking for the dates it already
/// has changes nothing.
pub async fn change_warranty(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &WarrantyChange,
) -> Result<MachineView, StoreError> {
    input.validate(latest_today())?;
    let tx = store.begin_write().await?;
    let current = record_kit::load::<Machines, _>(&*tx, actor, id).await?;
    check_version(expected, current.version)?;
    let model = product_model::Entity::find_by_id(current.model_id)
        .one(&*tx)
        .await?;
    let warranty_end = input.warranty_end.or_else(|| {
        let months = model.as_ref()?.warranty_months;
        input
            .sale_date
            .and_then(|d| warranty_end_from_sale(d, months))
    });
    let mut v = Validator::new();
    check_sanbao_period(&mut v, input.sale_date, warranty_end);
    check_extended_end(&mut v, warranty_end, input.extended_warranty_end);
    v.finish()?;
    let dates = |m: &machine::Model| {
        serde_json::json!({"sale_date": m.sale_date, "warranty_end": m.warranty_end,
            "extended_warranty_end": m.extended_warranty_end})
    };
    let asked = (input.sale_date, warranty_end, input.extended_warranty_end);
    if (
        current.sale_date,
        current.warranty_end,
        current.extended_warranty_end,
    ) == asked
    {
        return hydrate(&*tx, vec![current])
            .await?
            .pop()
            .ok_or(StoreError::NotFound);
    }
    let before = dates(&current);
    let version = current.version;
    let mut row: machine::ActiveModel = current.into();
    row.sale_date = Set(input.sale_date);
    row.warranty_end = Set(warranty_end);
    row.extended_warranty_end = Set(input.extended_warranty_end);
    row.version = Set(version + 1);
    row.updated_at = Set(now());
    let updated = guarded_update::<machine::Entity>(&*tx, row, version).await?;
    let mut changes = crate::audit::diff(&before, &dates(&updated));
    changes["reason"] = input.reason.trim().into();
    crate::audit::record(
        &*tx,
        Some(actor),
        "machine",
        id,
        "warranty_changed",
        changes,
    )
    .await?;
    let out = hydrate(&*tx, vec![updated])
        .await?
        .pop()
        .ok_or(StoreError::NotFound);
    tx.commit().await?;
    out
}
