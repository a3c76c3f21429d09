//! Dealers: reading them, scoped so a dealer user sees only its own.

use crate::Store;
use crate::entities::dealer;
use crate::error::StoreError;
use furrow_domain::auth::Actor;
use furrow_domain::dealers::DealerView;
use furrow_domain::page::{Page, clamp_limit};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

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

/// Dealers ordered by code, keyset-paginated on it.
pub async fn list(
    store: &Store,
    actor: &Actor,
    cursor: Option<&str>,
    limit: Option<u64>,
) -> Result<Page<DealerView>, StoreError> {
    let limit = clamp_limit(limit);
    let mut q = dealer::Entity::find()
        .order_by_asc(dealer::Column::Code)
        .limit(limit + 1);
    if let Some(own) = actor.dealer_scope() {
        q = q.filter(dealer::Column::Id.eq(own));
    }
    if let Some(after) = cursor {
        q = q.filter(dealer::Column::Code.gt(after));
    }
    let mut rows = q.all(store.conn()).await?;
    let next_cursor = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|m| m.code.clone())
    } else {
        None
    };
    Ok(Page {
        items: rows.into_iter().map(view).collect(),
        next_cursor,
    })
}
