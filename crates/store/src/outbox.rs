//! The outbox: each committed command's events, written in the command's own
//! transaction (so a rolled-back command leaves none) and read in commit
//! order with a cursor. Webhooks and change feeds read it.
//!
//! The order rule: an event's `sequence` comes from the `outbox` counter
//! (`crate::sequences`), advanced inside the writing transaction. On
//! PostgreSQL the counter's row stays locked until that transaction ends, so
//! a second writer gets the next value only after the first has committed,
//! and a reader never sees a sequence before every lower one is visible. On
//! SQLite the one writer gives the same order. The lock is taken as the last
//! write of a command, so it is held only for the commit.

use crate::entities::outbox_event;
use crate::sequences;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

/// The counter the outbox's sequences come from.
const COUNTER: &str = "outbox";

/// An event as a reader gets it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEvent {
    /// The cursor of this event: read on with `read_after(sequence)`.
    pub sequence: i64,
    /// The audit event's id: the same event in the audit log.
    pub id: Uuid,
    /// What happened (`AuditAction`'s name).
    pub kind: String,
    /// The kind of record (`RecordKind`'s name).
    pub record_kind: String,
    pub record_id: Uuid,
    pub payload: serde_json::Value,
    pub at: DateTime<Utc>,
}

/// What to append: one event of the command being written.
pub struct NewOutboxEvent<'a> {
    pub id: Uuid,
    pub kind: &'a str,
    pub record_kind: &'a str,
    pub record_id: Uuid,
    pub payload: serde_json::Value,
    pub at: DateTime<Utc>,
}

/// Appends events inside the caller's write transaction.
pub async fn append(
    conn: &impl ConnectionTrait,
    events: Vec<NewOutboxEvent<'_>>,
) -> Result<(), DbErr> {
    for e in events {
        let sequence = sequences::next(conn, COUNTER).await?;
        outbox_event::Entity::insert(outbox_event::ActiveModel {
            sequence: Set(sequence),
            id: Set(e.id),
            kind: Set(e.kind.to_owned()),
            record_kind: Set(e.record_kind.to_owned()),
            record_id: Set(e.record_id),
            payload: Set(e.payload),
            at: Set(e.at),
        })
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

/// The position of the last committed event (0 when there is none): where
/// a reader that wants only what happens from now on starts.
pub async fn head(conn: &impl ConnectionTrait) -> Result<i64, DbErr> {
    Ok(outbox_event::Entity::find()
        .order_by_desc(outbox_event::Column::Sequence)
        .one(conn)
        .await?
        .map_or(0, |e| e.sequence))
}

/// Up to `limit` events after `cursor` (0 for the first), oldest first, with
/// the cursor to read on from (the last one's sequence, or `cursor` again
/// when there was none).
pub async fn read_after(
    conn: &impl ConnectionTrait,
    cursor: i64,
    limit: u64,
) -> Result<(Vec<OutboxEvent>, i64), DbErr> {
    let rows = outbox_event::Entity::find()
        .filter(outbox_event::Column::Sequence.gt(cursor))
        .order_by_asc(outbox_event::Column::Sequence)
        .limit(limit)
        .all(conn)
        .await?;
    let next = rows.last().map_or(cursor, |r| r.sequence);
    Ok((
        rows.into_iter()
            .map(|m| OutboxEvent {
                sequence: m.sequence,
                id: m.id,
                kind: m.kind,
                record_kind: m.record_kind,
                record_id: m.record_id,
                payload: m.payload,
                at: m.at,
            })
            .collect(),
        next,
    ))
}

/// A page of the change feed for `actor`: the events after `after` that the
/// actor may see, oldest first.
///
/// Why no horizon is needed: a position is taken from the counter's row,
/// which stays locked until the writing transaction commits or rolls back
/// (see the top of this file). A second writer waits for the first to end
/// before it gets the next position, so a position is never visible before
/// every lower one that will ever be; reading `sequence > after` in order
/// therefore skips nothing (`feed_never_skips_a_position_committed_late`).
///
/// `limit` events are scanned and the ones the caller may not see are left
/// out (`access::scope` per kind of record, its dealer's records only for a
/// dealer-bound caller, and `visibility::feed_event_for` for the event's
/// data); `next_cursor` is the last scanned position, so a page of hidden
/// events still moves the caller on.
pub async fn feed(
    store: &crate::Store,
    actor: &furrow_domain::auth::Actor,
    after: i64,
    limit: u64,
) -> Result<furrow_domain::feed::FeedPage, crate::StoreError> {
    use furrow_domain::access::{self, RecordKind, Scope};
    use furrow_domain::audit::AuditEventView;
    use furrow_domain::feed::{FeedEvent, FeedPage, cursor};
    use furrow_domain::visibility::{Reader, feed_event_for};

    let (rows, next) = read_after(store.conn(), after, limit + 1).await?;
    let has_more = rows.len() as u64 > limit;
    let rows: Vec<OutboxEvent> = rows.into_iter().take(limit as usize).collect();
    let next = if has_more {
        rows.last().map_or(after, |r| r.sequence)
    } else {
        next
    };
    // The dealers of the records a dealer-bound caller may see only its own of.
    let mut owned: std::collections::HashMap<Uuid, Option<Uuid>> = Default::default();
    if actor.dealer_scope().is_some() {
        let ids = |kind: RecordKind| -> Vec<Uuid> {
            rows.iter()
                .filter(|r| r.record_kind == kind.as_str())
                .filter(|_| access::scope(actor, kind) == Scope::OwnDealer)
                .map(|r| r.record_id)
                .collect()
        };
        owned.extend(
            dealers_of::<crate::entities::service_request::Entity, _, _>(
                store,
                ids(RecordKind::ServiceRequest),
                crate::entities::service_request::Column::Id,
                crate::entities::service_request::Column::DealerId,
            )
            .await?,
        );
        owned.extend(
            dealers_of::<crate::entities::customer::Entity, _, _>(
                store,
                ids(RecordKind::Customer),
                crate::entities::customer::Column::Id,
                crate::entities::customer::Column::DealerId,
            )
            .await?,
        );
        owned.extend(
            dealers_of::<crate::entities::machine::Entity, _, _>(
                store,
                ids(RecordKind::Machine),
                crate::entities::machine::Column::Id,
                crate::entities::machine::Column::DealerId,
            )
            .await?,
        );
        for id in ids(RecordKind::Dealer) {
            owned.insert(id, Some(id));
        }
    }
    let reader = Reader::of(actor);
    let events = rows
        .into_iter()
        .filter_map(|r| {
            let kind = RecordKind::parse(&r.record_kind)?;
            let visible = match access::scope(actor, kind) {
                Scope::All => true,
                Scope::OwnDealer => {
                    owned.get(&r.record_id).copied().flatten() == actor.dealer_scope()
                        && actor.dealer_scope().is_some()
                }
                Scope::OwnWorkOrders | Scope::None => false,
            };
            if !visible {
                return None;
            }
            let seen = feed_event_for(
                reader,
                kind,
                AuditEventView {
                    id: r.id,
                    at: r.at,
                    actor_id: None,
                    actor_name: String::new(),
                    actor_display_name: None,
                    entity_type: r.record_kind.clone(),
                    entity_id: r.record_id,
                    action: r.kind.clone(),
                    changes: r
                        .payload
                        .get("changes")
                        .cloned()
                        .unwrap_or(serde_json::Value::Null),
                },
            )?;
            Some(FeedEvent {
                cursor: cursor(r.sequence),
                id: r.id,
                kind: r.kind,
                record_kind: r.record_kind,
                record_id: r.record_id,
                at: r.at,
                data: seen.changes,
            })
        })
        .collect();
    Ok(FeedPage {
        events,
        next_cursor: cursor(next),
        has_more,
    })
}

/// The dealer of each of `ids` in the table of `E`.
async fn dealers_of<E, I, D>(
    store: &crate::Store,
    ids: Vec<Uuid>,
    id: I,
    dealer: D,
) -> Result<Vec<(Uuid, Option<Uuid>)>, DbErr>
where
    E: EntityTrait,
    I: ColumnTrait,
    D: ColumnTrait,
{
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    E::find()
        .select_only()
        .column(id)
        .column(dealer)
        .filter(id.is_in(ids))
        .into_tuple()
        .all(store.conn())
        .await
}
