//! Reading records: the scoped loader every read and write starts from, and
//! keyset pages in code order or, for sync, in order of last change.

use super::{Record, VersionedRow, dealer_scope};
use crate::Store;
use crate::cursor::{decode, decode_time, encode, encode_time, page_end};
use crate::error::StoreError;
use crate::versioned::column;
use furrow_domain::auth::Actor;
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::validation::clamp_to_span;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Select,
};
use uuid::Uuid;

/// The rows the actor may see: a dealer-side actor only its own dealer's,
/// when the record belongs to a dealer.
pub fn scoped<R: Record>(actor: &Actor) -> Select<R::Entity> {
    let all = R::Entity::find();
    match (dealer_scope(actor), R::dealer_column()) {
        (Some(own), Some(col)) => all.filter(col.eq(own)),
        _ => all,
    }
}

/// One row the actor may see; another dealer's record is "not found".
pub async fn load<R: Record, C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: Uuid,
) -> Result<R::Row, StoreError> {
    scoped::<R>(actor)
        .filter(column::<R::Entity>("id")?.eq(id))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The view of one record the actor may see.
pub async fn get<R: Record>(store: &Store, actor: &Actor, id: Uuid) -> Result<R::View, StoreError> {
    let row = load::<R, _>(store.conn(), actor, id).await?;
    super::view_of::<R, _>(store.conn(), row).await
}

/// A page of the records the actor may see that match the filter: by
/// [`Record::SORT`], or by last change when syncing with `updated_since`.
pub async fn list<R: Record>(
    store: &Store,
    actor: &Actor,
    filter: &R::Filter,
) -> Result<Page<R::View>, StoreError> {
    let paging = R::paging(filter);
    let limit = clamp_limit(paging.limit);
    let q = scoped::<R>(actor).filter(R::matches(filter));
    let sync = paging.updated_since.map(clamp_to_span);
    let q = if let Some(since) = sync {
        let (updated, id) = (
            column::<R::Entity>("updated_at")?,
            column::<R::Entity>("id")?,
        );
        let q = q
            .filter(updated.gte(since))
            .order_by_asc(updated)
            .order_by_asc(id);
        match paging.cursor {
            Some(c) => {
                let (at, after) = decode_time(c)?;
                q.filter(
                    Condition::any()
                        .add(updated.gt(at))
                        .add(Condition::all().add(updated.eq(at)).add(id.gt(after))),
                )
            }
            None => q,
        }
    } else {
        let q = q.order_by_asc(R::SORT);
        match paging.cursor {
            Some(c) => q.filter(R::SORT.gt(decode(c)?.0)),
            None => q,
        }
    };
    let mut rows = q.limit(limit + 1).all(store.conn()).await?;
    let next_cursor = page_end(&mut rows, limit).map(|r| match sync {
        Some(_) => encode_time(r.updated_at(), r.id()),
        None => encode(R::sort_key(r), r.id()),
    });
    Ok(Page {
        items: R::views(store.conn(), rows).await?,
        next_cursor,
    })
}
