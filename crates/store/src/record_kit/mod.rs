//! The record kit: one way to get, list, create, update and (de)activate a
//! versioned master record (dealers, customers, product models, machines and
//! the next ones). A resource is a [`Record`] descriptor (its table, view,
//! filters, validation and scope column) plus whatever is truly its own; the
//! kit owns the transaction, the version check, the audit event and the
//! scope the permission table gives the actor, so those are written once.

mod read;
mod row;
mod search;
mod write;

pub use read::{Order, count, get, list, list_ordered, load, scoped};
pub use row::VersionedRow;
pub use search::{contains, contains_any_case};
pub use write::{create, create_once, set_active, taken, unique_taken, update};

use crate::StoreError;
use chrono::{DateTime, Utc};
use furrow_domain::access::RecordKind;
#[cfg(doc)]
use furrow_domain::access::Scope;
use furrow_domain::auth::Actor;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, Condition, ConnectionTrait, DatabaseTransaction,
    EntityTrait, FromQueryResult, IntoActiveModel, ModelTrait,
};
use std::future::Future;

/// A versioned master record as the kit sees it.
pub trait Record: Send + Sync + 'static {
    type Entity: EntityTrait<Model = Self::Row, ActiveModel = Self::Active>;
    type Row: ModelTrait<Entity = Self::Entity>
        + FromQueryResult
        + IntoActiveModel<Self::Active>
        + VersionedRow
        + Sync;
    type Active: ActiveModelTrait<Entity = Self::Entity> + ActiveModelBehavior + Send;
    type Input: Sync + serde::Serialize;
    type View: Send + serde::Serialize;
    /// The list's filters (the domain's, as the API reads them).
    type Filters: Sync;
    /// What the write checks found for an input (generated codes, resolved
    /// references, derived fields), handed on to [`Record::apply`].
    type Resolved: Send;

    /// The kind of record: its row of the permission table and its name in
    /// the audit log (`customer`).
    const KIND: RecordKind;
    /// The column of the list's default order; its values are unique.
    const SORT: <Self::Entity as EntityTrait>::Column;
    /// Whether a dealer meeting a taken unique key counts against its probe
    /// allowance (customer codes and serial numbers name other dealers' records).
    const PROBED: bool = false;

    /// The column holding the dealer a record belongs to (for dealers
    /// themselves, the id): where the table's [`Scope::OwnDealer`] applies.
    fn dealer_column() -> Option<<Self::Entity as EntityTrait>::Column>;
    /// The value of [`Record::SORT`] in a row.
    fn sort_key(row: &Self::Row) -> &str;
    /// The list's own filters (and `q`), as one condition.
    fn matches(filters: &Self::Filters) -> Condition;
    /// The list's condition when a filter reads other records (a value
    /// computed from them); by default [`Record::matches`].
    fn condition<C: ConnectionTrait>(
        _conn: &C,
        filters: &Self::Filters,
    ) -> impl Future<Output = Result<Condition, StoreError>> + Send {
        let c = Self::matches(filters);
        async move { Ok(c) }
    }
    /// The sync bound of the filters: only rows changed at or after it,
    /// oldest change first. None for lists without a sync order.
    fn updated_since(_filters: &Self::Filters) -> Option<DateTime<Utc>> {
        None
    }
    /// The domain's checks of an input, before any transaction opens.
    fn validate(input: &Self::Input) -> Result<(), StoreError>;
    /// The checks that need the database, inside the write (`current` is the
    /// row being updated, `None` on create).
    fn resolve(
        tx: &DatabaseTransaction,
        actor: &Actor,
        input: &Self::Input,
        current: Option<&Self::Row>,
    ) -> impl Future<Output = Result<Self::Resolved, StoreError>> + Send;
    /// Fills a row's own columns from the input.
    fn apply(row: &mut Self::Active, input: &Self::Input, resolved: Self::Resolved);
    /// The views of rows, in their order.
    fn views<C: ConnectionTrait>(
        conn: &C,
        rows: Vec<Self::Row>,
    ) -> impl Future<Output = Result<Vec<Self::View>, StoreError>> + Send;
    /// A view as `actor` may read it (`furrow_domain::visibility`): applied
    /// to every view the kit hands out; by default the whole view.
    fn for_reader(_actor: &Actor, view: Self::View) -> Self::View {
        view
    }
    /// The fields an audit event records and compares.
    fn audit_json(view: &Self::View) -> serde_json::Value;
    /// Writes the record's own child rows from the input (a part's models, a
    /// warehouse's bins), in the create's or update's transaction, after its
    /// row and before its view is read.
    fn write_children(
        _tx: &DatabaseTransaction,
        _id: uuid::Uuid,
        _input: &Self::Input,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        async { Ok(()) }
    }
    /// Runs after an update, in its transaction (records that follow a change).
    fn after_update(
        _tx: &DatabaseTransaction,
        _before: &Self::View,
        _after: &Self::View,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        async { Ok(()) }
    }
}

/// The view of one row.
async fn view_of<R: Record, C: ConnectionTrait>(
    conn: &C,
    row: R::Row,
) -> Result<R::View, StoreError> {
    R::views(conn, vec![row])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}
