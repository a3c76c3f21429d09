//! Customers (客户档案), scoped in every query: a dealer-side actor reads and
//! writes only its own dealer's customers; anything else is "not found".

use crate::db::now;
use crate::entities::customer;
use crate::error::StoreError;
use crate::record_kit::{self, Record, contains, taken, unique_taken};
use crate::{Store, sequences};
use chrono::{DateTime, Utc};
use furrow_domain::auth::Actor;
use furrow_domain::master::{
    CustomerFilters, CustomerInput, CustomerKind, CustomerView, clean, search_text,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    QueryFilter, QuerySelect, QueryTrait, Select,
};
use uuid::Uuid;

/// The view of a stored customer; a kind that does not decode is an error
/// naming the customer.
pub(crate) fn view(m: customer::Model) -> Result<CustomerView, StoreError> {
    let kind = CustomerKind::parse(&m.kind).ok_or_else(|| {
        StoreError::corrupt(
            format!("customer {} ({})", m.code, m.id),
            "kind",
            format!("unknown kind {:?}", m.kind),
        )
    })?;
    Ok(CustomerView {
        id: m.id,
        code: m.code,
        name: m.name,
        kind,
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
    })
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
    record_kit::scoped::<Customers>(actor)
}

/// One customer the actor may see, or NotFound.
pub(crate) async fn find_scoped(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<customer::Model, StoreError> {
    record_kit::load::<Customers, _>(conn, actor, id).await
}

/// The dealer a record gets: the actor's own when the permission table
/// limits it to its dealer's customers, else the one given.
pub(crate) fn effective_dealer(actor: &Actor, given: Option<Uuid>) -> Option<Uuid> {
    furrow_domain::access::own_dealer(actor, furrow_domain::RecordKind::Customer).or(given)
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
    unique_taken::<customer::Entity, _>(conn, customer::Column::Code, code, except).await
}

/// Customers by code; the code is generated when not given, and a
/// dealer-side actor's customers belong to its dealer.
pub struct Customers;

impl Record for Customers {
    type Entity = customer::Entity;
    type Row = customer::Model;
    type Active = customer::ActiveModel;
    type Input = CustomerInput;
    type View = CustomerView;
    type Filters = CustomerFilters;
    /// The code and the dealer.
    type Resolved = (String, Option<Uuid>);
    const KIND: furrow_domain::RecordKind = furrow_domain::RecordKind::Customer;
    const SORT: customer::Column = customer::Column::Code;
    const PROBED: bool = true;

    fn dealer_column() -> Option<customer::Column> {
        Some(customer::Column::DealerId)
    }
    fn sort_key(row: &customer::Model) -> &str {
        &row.code
    }
    fn matches(f: &CustomerFilters) -> Condition {
        let mut c = Condition::all();
        if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
            c = c.add(contains(customer::Column::SearchText, text));
        }
        if let Some(p) = f.province.as_deref().filter(|p| !p.is_empty()) {
            c = c.add(customer::Column::Province.eq(p));
        }
        if let Some(d) = f.dealer_id {
            c = c.add(customer::Column::DealerId.eq(d));
        }
        if let Some(k) = f.kind {
            c = c.add(customer::Column::Kind.eq(k.as_str()));
        }
        if let Some(a) = f.active {
            c = c.add(customer::Column::Active.eq(a));
        }
        c
    }
    fn updated_since(f: &CustomerFilters) -> Option<DateTime<Utc>> {
        f.updated_since
    }
    fn validate(input: &CustomerInput) -> Result<(), StoreError> {
        Ok(input.validate()?)
    }
    async fn resolve(
        tx: &DatabaseTransaction,
        actor: &Actor,
        input: &CustomerInput,
        current: Option<&customer::Model>,
    ) -> Result<(String, Option<Uuid>), StoreError> {
        let dealer_id = effective_dealer(actor, input.dealer_id);
        crate::dealers::check_exists(tx, dealer_id).await?;
        let taken_code = |c: &str| taken("code", format!("the customer code {c} is taken"));
        let code = match (clean(&input.code), current) {
            (Some(c), Some(cur)) if c == cur.code => c,
            (Some(c), _) => {
                if code_taken(tx, &c, current.map(|cur| cur.id)).await? {
                    return Err(taken_code(&c));
                }
                c
            }
            (None, Some(cur)) => cur.code.clone(),
            (None, None) => loop {
                let c = format!("C{:06}", sequences::next(tx, "customer").await?);
                if !code_taken(tx, &c, None).await? {
                    break c;
                }
            },
        };
        Ok((code, dealer_id))
    }
    fn apply(m: &mut customer::ActiveModel, input: &CustomerInput, resolved: Self::Resolved) {
        apply(m, &resolved.0, input, resolved.1);
    }
    async fn views<C: ConnectionTrait>(
        _: &C,
        rows: Vec<customer::Model>,
    ) -> Result<Vec<CustomerView>, StoreError> {
        rows.into_iter().map(view).collect()
    }
    fn audit_json(c: &CustomerView) -> serde_json::Value {
        audit_json(c)
    }
    /// A customer's records move with it to its new dealer.
    async fn after_update(
        tx: &DatabaseTransaction,
        before: &CustomerView,
        after: &CustomerView,
    ) -> Result<(), StoreError> {
        if after.dealer_id != before.dealer_id {
            records_follow(tx, after.id, after.dealer_id).await?;
        }
        Ok(())
    }
}

/// One customer.
pub async fn get(store: &Store, actor: &Actor, id: Uuid) -> Result<CustomerView, StoreError> {
    record_kit::get::<Customers>(store, actor, id).await
}

/// Replaces a customer's fields (the code too, if still unique).
pub async fn update(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &CustomerInput,
) -> Result<CustomerView, StoreError> {
    record_kit::update::<Customers>(store, actor, id, expected, input).await
}

pub(crate) use crate::cursor::page_end;

/// Ids of customers whose search text matches (for machine search by owner).
pub(crate) fn matching_ids(text: &str) -> sea_orm::sea_query::SelectStatement {
    customer::Entity::find()
        .select_only()
        .column(customer::Column::Id)
        .filter(contains(customer::Column::SearchText, text))
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
    use machine::Column as M;
    use service_request::Column as R;
    let t = now();
    let columns = [M::CustomerId, M::DealerId, M::Version, M::UpdatedAt];
    follow::<machine::Entity>(conn, columns, customer_id, dealer, t).await?;
    let columns = [R::CustomerId, R::DealerId, R::Version, R::UpdatedAt];
    follow::<service_request::Entity>(conn, columns, customer_id, dealer, t).await
}

/// Moves the rows of one table naming `customer_id` to `dealer` as a new
/// version; `columns` are its customer, dealer, version and change time.
async fn follow<E: EntityTrait>(
    conn: &impl ConnectionTrait,
    [customer, dealer_col, version, updated_at]: [E::Column; 4],
    customer_id: Uuid,
    dealer: Option<Uuid>,
    t: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    use sea_orm::sea_query::Expr;
    E::update_many()
        .col_expr(dealer_col, Expr::value(dealer))
        .col_expr(version, Expr::col(version).add(1))
        .col_expr(updated_at, Expr::value(t))
        .filter(customer.eq(customer_id))
        .exec(conn)
        .await?;
    Ok(())
}
