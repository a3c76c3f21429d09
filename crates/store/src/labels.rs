//! The one id → label lookup: the names, numbers and serials a view shows
//! beside the ids its rows hold, fetched in one query per kind of record.

use crate::error::StoreError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

/// `label` of each record of `E` whose `id` is in `ids`; ids not found are
/// absent from the map. `labels::<customer::Entity>(conn, Id, Name, ids)`.
pub async fn labels<E: EntityTrait>(
    conn: &impl ConnectionTrait,
    id: E::Column,
    label: E::Column,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, String>, StoreError> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(E::find()
        .select_only()
        .column(id)
        .column(label)
        .filter(id.is_in(ids))
        .into_tuple::<(Uuid, String)>()
        .all(conn)
        .await?
        .into_iter()
        .collect())
}
