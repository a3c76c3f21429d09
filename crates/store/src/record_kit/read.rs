//! Reading records: the scoped loader every read and write starts from, and
//! keyset pages in code order or, for sync, in order of last change.

use super::{Record, VersionedRow};
use crate::cursor::{decode, decode_time, encode, encode_time, page_end};
use crate::error::StoreError;
use crate::versioned::column;
use crate::{Listing, Store};
use furrow_domain::access::{self, Scope};
use furrow_domain::auth::Actor;
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::validation::clamp_to_span;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, ModelTrait, Order as SeaOrder,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select, Value,
};
use uuid::Uuid;

/// The rows the actor may see, as the permission table's scope on
/// [`Record::KIND`] says: all, its own dealer's, or none (every id then
/// answers "not found"). A kind scoped to a dealer without a dealer column,
/// or to work orders, shows nothing rather than everything.
pub fn scoped<R: Record>(actor: &Actor) -> Select<R::Entity> {
    let all = R::Entity::find();
    match (access::scope(actor, R::KIND), R::dealer_column()) {
        (Scope::All, _) => all,
        (Scope::OwnDealer, Some(col)) => all.filter(col.eq(actor.dealer_id)),
        (Scope::OwnDealer | Scope::OwnWorkOrders | Scope::None, _) => {
            all.filter(Expr::val(1).eq(0))
        }
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
    let view = super::view_of::<R, _>(store.conn(), row).await?;
    Ok(R::for_reader(actor, view))
}

/// A list order other than [`Record::SORT`]: one of the record's text
/// columns that are never empty, by its name (the API keeps the allow-list),
/// either way. Rows with the same value follow in id order, so the keyset
/// stays exact.
#[derive(Debug, Clone, Copy)]
pub struct Order<'a> {
    pub column: &'a str,
    pub descending: bool,
}

/// A page of the records the actor may see that match the filters: by
/// [`Record::SORT`], or by last change when syncing with `updated_since`.
pub async fn list<R: Record>(
    store: &Store,
    actor: &Actor,
    listing: &Listing<R::Filters>,
) -> Result<Page<R::View>, StoreError> {
    list_ordered::<R>(store, actor, listing, None).await
}

/// How many records [`list`] selects over all its pages: the actor's scope,
/// the filters and the sync bound, without the cursor.
pub async fn count<R: Record>(
    store: &Store,
    actor: &Actor,
    listing: &Listing<R::Filters>,
) -> Result<u64, StoreError> {
    let cond = R::condition(store.conn(), &listing.filters).await?;
    let mut q = scoped::<R>(actor).filter(cond);
    if let Some(since) = R::updated_since(&listing.filters).map(clamp_to_span) {
        q = q.filter(column::<R::Entity>("updated_at")?.gte(since));
    }
    Ok(q.count(store.conn()).await?)
}

/// The text of a row's `col`, the key of its cursor; a column that is not
/// non-empty text is not sortable (the allow-list names only such columns).
fn text_key<R: Record>(
    row: &R::Row,
    col: <R::Entity as EntityTrait>::Column,
) -> Result<String, StoreError> {
    match row.get(col) {
        Value::String(Some(s)) => Ok(*s),
        other => Err(StoreError::Db(sea_orm::DbErr::Custom(format!(
            "{} cannot be sorted by a column holding {other:?}",
            R::KIND
        )))),
    }
}

/// [`list`] in `order` when one is given (not with `updated_since`, whose
/// order is the sync's).
pub async fn list_ordered<R: Record>(
    store: &Store,
    actor: &Actor,
    listing: &Listing<R::Filters>,
    order: Option<Order<'_>>,
) -> Result<Page<R::View>, StoreError> {
    let order = match order {
        Some(o) => Some((column::<R::Entity>(o.column)?, o.descending)),
        None => None,
    };
    let limit = clamp_limit(listing.limit);
    let q = scoped::<R>(actor).filter(R::condition(store.conn(), &listing.filters).await?);
    let sync = R::updated_since(&listing.filters).map(clamp_to_span);
    let id = column::<R::Entity>("id")?;
    let q = if let Some(since) = sync {
        let updated = column::<R::Entity>("updated_at")?;
        let q = q
            .filter(updated.gte(since))
            .order_by_asc(updated)
            .order_by_asc(id);
        match listing.cursor.as_deref() {
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
    } else if let Some((column, descending)) = order {
        let dir = if descending {
            SeaOrder::Desc
        } else {
            SeaOrder::Asc
        };
        let q = q.order_by(column, dir.clone()).order_by(id, dir);
        match listing.cursor.as_deref() {
            Some(c) => {
                let (key, after) = decode(c)?;
                let (beyond, id_beyond) = if descending {
                    (column.lt(key.clone()), id.lt(after))
                } else {
                    (column.gt(key.clone()), id.gt(after))
                };
                q.filter(
                    Condition::any()
                        .add(beyond)
                        .add(Condition::all().add(column.eq(key)).add(id_beyond)),
                )
            }
            None => q,
        }
    } else {
        let q = q.order_by_asc(R::SORT);
        match listing.cursor.as_deref() {
            Some(c) => q.filter(R::SORT.gt(decode(c)?.0)),
            None => q,
        }
    };
    let mut rows = q.limit(limit + 1).all(store.conn()).await?;
    let next_cursor = match page_end(&mut rows, limit) {
        None => None,
        Some(r) => Some(match (sync, order) {
            (Some(_), _) => encode_time(r.updated_at(), r.id()),
            (None, Some((col, _))) => encode(&text_key::<R>(r, col)?, r.id()),
            (None, None) => encode(R::sort_key(r), r.id()),
        }),
    };
    let views = R::views(store.conn(), rows).await?;
    let views = views.into_iter().map(|v| R::for_reader(actor, v)).collect();
    Ok(Page::new(views, next_cursor))
}
