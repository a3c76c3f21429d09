//! Customers (客户档案), scoped in every query: a dealer-side actor reads and
//! writes only its own dealer's customers; anything else is "not found".

use crate::cursor::{contains_pattern, decode, decode_time, encode, encode_time};
use crate::db::now;
use crate::entities::{customer, dealer};
use crate::error::{StoreError, check_version};
use crate::versioned::{guarded_update, switch_active};
use crate::{Store, audit, sequences, sessions};
use chrono::{DateTime, Utc};
use furrow_domain::auth::Actor;
use furrow_domain::master::{CustomerInput, CustomerKind, CustomerView, clean, search_text};
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::validation::Validator;
use furrow_domain::validation::clamp_to_span;
use sea_orm::sea_query::{Expr, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
};
use uuid::Uuid;

/// Filters of the customer list.
#[derive(Debug, Clone, Default)]
pub struct CustomerFilter {
    /// Part of the name, phone or code (Chinese or Latin).
    pub q: Option<String>,
    /// Province (region).
    pub province: Option<String>,
    pub dealer_id: Option<Uuid>,
    pub kind: Option<CustomerKind>,
    pub active: Option<bool>,
    /// Only records changed at or after this time, oldest change first (sync).
    pub updated_since: Option<DateTime<Utc>>,
    pub cursor: Option<String>,
    pub limit: Option<u64>,
}

pub(crate) fn view(m: customer::Model) -> CustomerView {
    CustomerView {
        id: m.id,
        code: m.code,
        name: m.name,
        kind: CustomerKind::parse(&m.kind).unwrap_or(CustomerKind::Individual),
        phone: m.phone,
        alt_phone: m.alt_phone,
        email: m.email,
        province: m.province,
        city: m.city,
        county: m.county,
        address: m.address,
        lat: m.lat,
        lon: m.lon,
        dealer_id: m.dealer_id,
        notes: m.notes,
        active: m.active,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

/// The fields an audit event compares.
pub(crate) fn audit_json(c: &CustomerView) -> serde_json::Value {
    serde_json::json!({
        "code": c.code, "name": c.name, "kind": c.kind, "phone": c.phone, "alt_phone": c.alt_phone,
        "email": c.email, "province": c.province, "city": c.city, "county": c.county, "address": c.address,
        "lat": c.lat, "lon": c.lon, "dealer_id": c.dealer_id, "notes": c.notes, "active": c.active,
    })
}

/// Customers the actor may see.
pub(crate) fn scoped(actor: &Actor) -> Select<customer::Entity> {
    let q = customer::Entity::find();
    match actor.dealer_scope() {
        Some(d) => q.filter(customer::Column::DealerId.eq(d)),
        None => q,
    }
}

/// One customer the actor may see, or NotFound.
pub(crate) async fn find_scoped(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<customer::Model, StoreError> {
    scoped(actor)
        .filter(customer::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

pub(crate) async fn check_dealer_exists(
    conn: &impl ConnectionTrait,
    dealer_id: Option<Uuid>,
) -> Result<(), StoreError> {
    if let Some(id) = dealer_id
        && dealer::Entity::find_by_id(id).one(conn).await?.is_none()
    {
        let mut v = Validator::new();
        v.error("dealer_id", "unknown", "no dealer has this id");
        v.finish()?;
    }
    Ok(())
}

/// The dealer a record gets: a dealer-side actor's own, else the one given.
pub(crate) fn effective_dealer(actor: &Actor, given: Option<Uuid>) -> Option<Uuid> {
    actor.dealer_scope().or(given)
}

/// Fills a row from the input (shared by create, update and import).
pub(crate) fn apply(
    m: &mut customer::ActiveModel,
    code: &str,
    input: &CustomerInput,
    dealer_id: Option<Uuid>,
) {
    let name = input.name.trim().to_owned();
    let phone = input.phone.trim().to_owned();
    let alt = clean(&input.alt_phone);
    m.search_text = Set(search_text(&[
        code,
        &name,
        &phone,
        alt.as_deref().unwrap_or(""),
    ]));
    m.code = Set(code.to_owned());
    m.name = Set(name);
    m.kind = Set(input
        .kind
        .unwrap_or(CustomerKind::Individual)
        .as_str()
        .to_owned());
    m.phone = Set(phone);
    m.alt_phone = Set(alt);
    m.email = Set(clean(&input.email));
    m.province = Set(input.province.trim().to_owned());
    m.city = Set(clean(&input.city));
    m.county = Set(clean(&input.county));
    m.address = Set(clean(&input.address));
    m.lat = Set(input.lat);
    m.lon = Set(input.lon);
    m.dealer_id = Set(dealer_id);
    m.notes = Set(clean(&input.notes));
}

async fn code_taken(
    conn: &impl ConnectionTrait,
    code: &str,
    except: Option<Uuid>,
) -> Result<bool, StoreError> {
    let mut q = customer::Entity::find().filter(customer::Column::Code.eq(code));
    if let Some(id) = except {
        q = q.filter(customer::Column::Id.ne(id));
    }
    Ok(q.one(conn).await?.is_some())
}

fn taken(code: &str) -> StoreError {
    let mut v = Validator::new();
    v.error(
        "code",
        "taken",
        format!("the customer code {code} is taken"),
    );
    v.finish().unwrap_err().into()
}

/// Creates a customer; the code is generated when not given.
pub async fn create(
    store: &Store,
    actor: &Actor,
    input: &CustomerInput,
) -> Result<CustomerView, StoreError> {
    input.validate()?;
    sessions::check_taken_probes(store, actor).await?;
    let tx = store.begin_write().await?;
    let dealer_id = effective_dealer(actor, input.dealer_id);
    check_dealer_exists(&*tx, dealer_id).await?;
    let code = match clean(&input.code) {
        Some(c) => {
            if code_taken(&*tx, &c, None).await? {
                drop(tx);
                return Err(sessions::refuse_taken(store, actor, taken(&c)).await);
            }
            c
        }
        None => loop {
            let c = format!("C{:06}", sequences::next(&*tx, "customer").await?);
            if !code_taken(&*tx, &c, None).await? {
                break c;
            }
        },
    };
    let t = now();
    let mut m = customer::ActiveModel {
        id: Set(Uuid::now_v7()),
        active: Set(true),
        version: Set(1),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    };
    apply(&mut m, &code, input, dealer_id);
    let out = view(m.insert(&*tx).await?);
    audit::record(
        &*tx,
        Some(actor),
        "customer",
        out.id,
        "created",
        audit_json(&out),
    )
    .await?;
    tx.commit().await?;
    Ok(out)
}

/// One customer.
pub async fn get(store: &Store, actor: &Actor, id: Uuid) -> Result<CustomerView, StoreError> {
    Ok(view(find_scoped(store.conn(), actor, id).await?))
}

/// Replaces a customer's fields (the code too, if still unique).
pub async fn update(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &CustomerInput,
) -> Result<CustomerView, StoreError> {
    input.validate()?;
    sessions::check_taken_probes(store, actor).await?;
    let tx = store.begin_write().await?;
    let current = find_scoped(&*tx, actor, id).await?;
    check_version(expected, current.version)?;
    let dealer_id = match actor.dealer_scope() {
        Some(own) => Some(own),
        None => input.dealer_id,
    };
    check_dealer_exists(&*tx, dealer_id).await?;
    let code = clean(&input.code).unwrap_or_else(|| current.code.clone());
    if code != current.code && code_taken(&*tx, &code, Some(id)).await? {
        drop(tx);
        return Err(sessions::refuse_taken(store, actor, taken(&code)).await);
    }
    let before = view(current.clone());
    let mut m = current.clone().into_active_model();
    apply(&mut m, &code, input, dealer_id);
    m.version = Set(current.version + 1);
    m.updated_at = Set(now());
    let after = view(guarded_update::<customer::Entity>(&*tx, m, current.version).await?);
    if after.dealer_id != before.dealer_id {
        records_follow(&*tx, id, after.dealer_id).await?;
    }
    audit::record(
        &*tx,
        Some(actor),
        "customer",
        id,
        "updated",
        audit::diff(&audit_json(&before), &audit_json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Deactivates or reactivates a customer (records with history are never deleted).
pub async fn set_active(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    active: bool,
) -> Result<CustomerView, StoreError> {
    let tx = store.begin_write().await?;
    let current = find_scoped(&*tx, actor, id).await?;
    check_version(expected, current.version)?;
    if current.active == active {
        return Ok(view(current));
    }
    let out = view(
        switch_active::<customer::Entity>(&*tx, actor, "customer", id, current.clone(), active)
            .await?,
    );
    tx.commit().await?;
    Ok(out)
}

/// Lists customers: by code, or by last change when syncing with `updated_since`.
pub async fn list(
    store: &Store,
    actor: &Actor,
    f: &CustomerFilter,
) -> Result<Page<CustomerView>, StoreError> {
    let limit = clamp_limit(f.limit);
    let mut q = scoped(actor);
    if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
        q = q.filter(
            Expr::col(customer::Column::SearchText)
                .like(LikeExpr::new(contains_pattern(text)).escape('\\')),
        );
    }
    if let Some(p) = f.province.as_deref().filter(|p| !p.is_empty()) {
        q = q.filter(customer::Column::Province.eq(p));
    }
    if let Some(d) = f.dealer_id {
        q = q.filter(customer::Column::DealerId.eq(d));
    }
    if let Some(k) = f.kind {
        q = q.filter(customer::Column::Kind.eq(k.as_str()));
    }
    if let Some(a) = f.active {
        q = q.filter(customer::Column::Active.eq(a));
    }
    let rows = if let Some(since) = f.updated_since.map(clamp_to_span) {
        q = q
            .filter(customer::Column::UpdatedAt.gte(since))
            .order_by_asc(customer::Column::UpdatedAt)
            .order_by_asc(customer::Column::Id);
        if let Some(c) = &f.cursor {
            let (at, id) = decode_time(c)?;
            q = q.filter(
                Condition::any()
                    .add(customer::Column::UpdatedAt.gt(at))
                    .add(
                        Condition::all()
                            .add(customer::Column::UpdatedAt.eq(at))
                            .add(customer::Column::Id.gt(id)),
                    ),
            );
        }
        let mut rows = q.limit(limit + 1).all(store.conn()).await?;
        let next = page_end(&mut rows, limit).map(|m| encode_time(m.updated_at, m.id));
        (rows, next)
    } else {
        q = q.order_by_asc(customer::Column::Code);
        if let Some(c) = &f.cursor {
            let (code, _) = decode(c)?;
            q = q.filter(customer::Column::Code.gt(code));
        }
        let mut rows = q.limit(limit + 1).all(store.conn()).await?;
        let next = page_end(&mut rows, limit).map(|m| encode(&m.code, m.id));
        (rows, next)
    };
    Ok(Page {
        items: rows.0.into_iter().map(view).collect(),
        next_cursor: rows.1,
    })
}

/// Cuts the look-ahead row off a page; returns the last kept row when more follow.
pub(crate) fn page_end<T>(rows: &mut Vec<T>, limit: u64) -> Option<&T> {
    if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last()
    } else {
        None
    }
}

/// Whether the actor may see a customer (used by other records' checks).
pub async fn visible(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<customer::Model, StoreError> {
    find_scoped(conn, actor, id).await
}

/// Ids of customers whose search text matches (for machine search by owner).
pub(crate) fn matching_ids(text: &str) -> sea_orm::sea_query::SelectStatement {
    customer::Entity::find()
        .select_only()
        .column(customer::Column::Id)
        .filter(
            Expr::col(customer::Column::SearchText)
                .like(LikeExpr::new(contains_pattern(text)).escape('\\')),
        )
        .into_query()
}

/// A customer's machines and service requests move with it to its new dealer
/// (`dealers::owning_dealer`), each as a new version, so the dealer that now
/// serves the customer finds them by `updated_since` and the one that no
/// longer does sees none of them.
pub(crate) async fn records_follow(
    conn: &impl ConnectionTrait,
    customer_id: Uuid,
    dealer: Option<Uuid>,
) -> Result<(), sea_orm::DbErr> {
    use crate::entities::{machine, service_request};
    use sea_orm::sea_query::Expr;
    let t = now();
    machine::Entity::update_many()
        .col_expr(machine::Column::DealerId, Expr::value(dealer))
        .col_expr(
            machine::Column::Version,
            Expr::col(machine::Column::Version).add(1),
        )
        .col_expr(machine::Column::UpdatedAt, Expr::value(t))
        .filter(machine::Column::CustomerId.eq(customer_id))
        .exec(conn)
        .await?;
    service_request::Entity::update_many()
        .col_expr(service_request::Column::DealerId, Expr::value(dealer))
        .col_expr(
            service_request::Column::Version,
            Expr::col(service_request::Column::Version).add(1),
        )
        .col_expr(service_request::Column::UpdatedAt, Expr::value(t))
        .filter(service_request::Column::CustomerId.eq(customer_id))
        .exec(conn)
        .await?;
    Ok(())
}
