//! What a dealer's system pulls (issue #21, item 2): one request by its
//! number, or the requests changed since a time, each as its public status
//! (`furrow_domain::service::public_status`).
//!
//! Both read only the row's few public columns by an index (the unique
//! number; the dealer's `updated_at` index), with no join: the caller
//! computes its ETag from the rows and answers 304 without building a body.

use super::common::scoped_requests;
use crate::Store;
use crate::cursor::{decode_time, encode_time, page_end};
use crate::entities::service_request;
use crate::error::StoreError;
use chrono::{DateTime, Utc};
use furrow_domain::auth::Actor;
use furrow_domain::page::clamp_limit;
use furrow_domain::service::RequestStatus;
use furrow_domain::service::public_status::{PublicStatusView, public_status};
use furrow_domain::validation::clamp_to_span;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, FromQueryResult, Order, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

/// The columns of a request its public status is made of, with the id and
/// version its ETag and cursor need.
#[derive(Debug, Clone, FromQueryResult)]
pub struct StatusRow {
    id: Uuid,
    /// The row's version: the ETag of a pull by number.
    pub version: i32,
    number: String,
    status: String,
    reported_at: DateTime<Utc>,
    promised_arrival_at: Option<DateTime<Utc>>,
    arrived_at: Option<DateTime<Utc>>,
    repair_due: Option<DateTime<Utc>>,
    repaired_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    parts_waiting_since: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
}

impl StatusRow {
    /// The row's identity for a list's ETag: which request, at which version.
    pub fn key(&self) -> (Uuid, i32) {
        (self.id, self.version)
    }

    /// The public view of the row.
    pub fn view(self) -> Result<PublicStatusView, StoreError> {
        let status = RequestStatus::parse(&self.status).ok_or_else(|| StoreError::Corrupt {
            record: self.number.clone(),
            what: "status",
            detail: self.status.clone(),
        })?;
        Ok(PublicStatusView {
            status: public_status(
                status,
                self.repaired_at.is_some(),
                self.parts_waiting_since.is_some(),
            ),
            number: self.number,
            reported_at: self.reported_at,
            promised_arrival_at: self.promised_arrival_at,
            arrived_at: self.arrived_at,
            repair_due: self.repair_due,
            repaired_at: self.repaired_at,
            closed_at: self.closed_at,
            updated_at: self.updated_at,
        })
    }
}

/// The ETag of a page of the status list: a digest of which requests it
/// holds at which versions, and where the next page starts. Any change to a
/// request on the page raises its version (and moves it to the end of the
/// list), and a new request within the page's bounds adds a row, so a page
/// whose tag is unchanged is the same page.
pub fn page_tag(rows: &[StatusRow], next: Option<&str>) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for r in rows {
        h.update(r.id.as_bytes());
        h.update(r.version.to_be_bytes());
    }
    h.update(next.unwrap_or_default().as_bytes());
    format!("p{}", hex::encode(&h.finalize()[..16]))
}

/// The requests `actor` sees, reading only a [`StatusRow`]'s columns.
fn status_rows(actor: &Actor) -> sea_orm::Select<service_request::Entity> {
    use service_request::Column as C;
    scoped_requests(actor).select_only().columns([
        C::Id,
        C::Version,
        C::Number,
        C::Status,
        C::ReportedAt,
        C::PromisedArrivalAt,
        C::ArrivedAt,
        C::RepairDue,
        C::RepairedAt,
        C::ClosedAt,
        C::PartsWaitingSince,
        C::UpdatedAt,
    ])
}

/// The request numbered `number` that `actor` sees; another dealer's, or one
/// that does not exist, is NotFound alike.
pub async fn by_number(
    store: &Store,
    actor: &Actor,
    number: &str,
) -> Result<StatusRow, StoreError> {
    status_rows(actor)
        .filter(service_request::Column::Number.eq(number.trim()))
        .into_model::<StatusRow>()
        .one(store.conn())
        .await?
        .ok_or(StoreError::NotFound)
}

/// A page of the requests `actor` sees changed at or after `since`, oldest
/// change first, from the store position `cursor` (the list's keyset: the
/// last row's `updated_at` and id), and the next page's position.
pub async fn changed_since(
    store: &Store,
    actor: &Actor,
    since: DateTime<Utc>,
    cursor: Option<&str>,
    limit: Option<u64>,
) -> Result<(Vec<StatusRow>, Option<String>), StoreError> {
    use service_request::Column as C;
    let limit = clamp_limit(limit);
    let since = clamp_to_span(since);
    let position = cursor.map(decode_time).transpose()?;
    // One plain lower bound at the later of `since` and the cursor, so the
    // index walk starts there (as the request list's sync order does).
    let from = position.map_or(since, |(at, _)| at.max(since));
    let mut q = status_rows(actor).filter(C::UpdatedAt.gte(from));
    if let Some((at, id)) = position {
        q = q.filter(
            Condition::any()
                .add(Expr::col(C::UpdatedAt).gt(at))
                .add(Expr::col(C::UpdatedAt).eq(at).and(Expr::col(C::Id).gt(id))),
        );
    }
    let mut rows = q
        .order_by(C::UpdatedAt, Order::Asc)
        .order_by(C::Id, Order::Asc)
        .limit(limit + 1)
        .into_model::<StatusRow>()
        .all(store.conn())
        .await?;
    let next = page_end(&mut rows, limit).map(|r| encode_time(r.updated_at, r.id));
    Ok((rows, next))
}
