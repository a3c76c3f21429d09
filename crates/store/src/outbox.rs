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
