//! Dealers: a record of the kit; a dealer user sees only its own.

use crate::entities::dealer;
use crate::error::StoreError;
use crate::record_kit::{self, Record, taken, unique_taken};
use crate::{Listing, Store};
use furrow_domain::auth::Actor;
use furrow_domain::dealers::{DealerInput, DealerView};
use furrow_domain::master::{NoFilters, clean};
use furrow_domain::page::Page;
use furrow_domain::validation::Validator;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait};
use uuid::Uuid;

/// Dealers, ordered by code.
pub struct Dealers;

pub(crate) fn view(m: dealer::Model) -> DealerView {
    DealerView {
        id: m.id,
        code: m.code,
        name: m.name,
        region: m.region,
        contact_name: m.contact_name,
        contact_phone: m.contact_phone,
        address: m.address,
        active: m.active,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

impl Record for Dealers {
    type Entity = dealer::Entity;
    type Row = dealer::Model;
    type Active = dealer::ActiveModel;
    type Input = DealerInput;
    type View = DealerView;
    type Filters = NoFilters;
    type Resolved = ();
    const KIND: furrow_domain::RecordKind = furrow_domain::RecordKind::Dealer;
    const SORT: dealer::Column = dealer::Column::Code;

    fn dealer_column() -> Option<dealer::Column> {
        Some(dealer::Column::Id)
    }
    fn sort_key(row: &dealer::Model) -> &str {
        &row.code
    }
    fn matches(_: &NoFilters) -> Condition {
        Condition::all()
    }
    fn validate(input: &DealerInput) -> Result<(), StoreError> {
        Ok(input.validate()?)
    }
    async fn resolve(
        tx: &DatabaseTransaction,
        _: &Actor,
        input: &DealerInput,
        current: Option<&dealer::Model>,
    ) -> Result<(), StoreError> {
        let code = input.code.trim();
        let except = current.map(|c| c.id);
        if unique_taken::<dealer::Entity, _>(tx, dealer::Column::Code, code, except).await? {
            return Err(taken("code", format!("the dealer code {code} is taken")));
        }
        Ok(())
    }
    fn apply(m: &mut dealer::ActiveModel, input: &DealerInput, _: ()) {
        m.code = Set(input.code.trim().to_owned());
        m.name = Set(input.name.trim().to_owned());
        m.region = Set(input.region.trim().to_owned());
        m.contact_name = Set(clean(&input.contact_name));
        m.contact_phone = Set(clean(&input.contact_phone));
        m.address = Set(clean(&input.address));
    }
    async fn views<C: ConnectionTrait>(
        _: &C,
        rows: Vec<dealer::Model>,
    ) -> Result<Vec<DealerView>, StoreError> {
        Ok(rows.into_iter().map(view).collect())
    }
    fn audit_json(d: &DealerView) -> serde_json::Value {
        serde_json::json!({"code": d.code, "name": d.name, "region": d.region, "contact_name": d.contact_name,
            "contact_phone": d.contact_phone, "address": d.address, "active": d.active})
    }
}

/// Refuses a reference to a dealer that does not exist (422 on `dealer_id`);
/// no dealer is fine.
pub(crate) async fn check_exists(
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

/// Dealers by code, keyset-paginated on it.
pub async fn list(
    store: &Store,
    actor: &Actor,
    cursor: Option<&str>,
    limit: Option<u64>,
) -> Result<Page<DealerView>, StoreError> {
    let listing = Listing {
        cursor: cursor.map(str::to_owned),
        limit,
        ..Listing::default()
    };
    record_kit::list::<Dealers>(store, actor, &listing).await
}

/// Creates a dealer.
pub async fn create(
    store: &Store,
    actor: &Actor,
    input: &DealerInput,
) -> Result<DealerView, StoreError> {
    record_kit::create::<Dealers>(store, actor, input).await
}
