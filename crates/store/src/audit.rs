//! Writing and reading the append-only audit log. Every command writes its
//! event inside its own transaction, so the log never misses a committed change.

use crate::entities::{audit_event, user};
use crate::outbox::{self, NewOutboxEvent};
use chrono::{DateTime, Utc};
use furrow_domain::archive::TimelineEntry;
use furrow_domain::audit::AuditEventView;
use furrow_domain::auth::Actor;
use furrow_domain::service::decide::Event;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

/// Records `action` on a record, by `actor` (or the system when `None`), at
/// the system's time, in the audit log and the outbox.
pub async fn record(
    conn: &impl ConnectionTrait,
    actor: Option<&Actor>,
    entity_type: &str,
    entity_id: Uuid,
    action: &str,
    changes: serde_json::Value,
) -> Result<(), DbErr> {
    let entry = Entry {
        entity_type,
        entity_id,
        action,
        changes,
    };
    write(conn, actor, entry, crate::db::now()).await
}

/// Records a decision's typed event at `at` (the store's clock).
pub async fn record_event(
    conn: &impl ConnectionTrait,
    actor: Option<&Actor>,
    event: &Event,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let entry = Entry {
        entity_type: event.record.as_str(),
        entity_id: event.record_id,
        action: event.action.as_str(),
        changes: event.data.clone(),
    };
    write(conn, actor, entry, at).await
}

/// What an event says happened to which record.
struct Entry<'a> {
    entity_type: &'a str,
    entity_id: Uuid,
    action: &'a str,
    changes: serde_json::Value,
}

/// Writes `entry` at `at` in the audit log and, with the same id, in the
/// outbox: one write path, so no committed change misses either.
async fn write(
    conn: &impl ConnectionTrait,
    actor: Option<&Actor>,
    entry: Entry<'_>,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let id = Uuid::now_v7();
    let actor_name = actor.map_or("system", |a| a.username.as_str()).to_owned();
    audit_event::Entity::insert(audit_event::ActiveModel {
        id: Set(id),
        at: Set(at),
        actor_id: Set(actor.map(|a| a.user_id)),
        actor_name: Set(actor_name.clone()),
        entity_type: Set(entry.entity_type.to_owned()),
        entity_id: Set(entry.entity_id),
        action: Set(entry.action.to_owned()),
        changes: Set(entry.changes.clone()),
    })
    .exec_without_returning(conn)
    .await?;
    outbox::append(
        conn,
        vec![NewOutboxEvent {
            id,
            kind: entry.action,
            record_kind: entry.entity_type,
            record_id: entry.entity_id,
            payload: serde_json::json!({"actor": actor_name, "changes": entry.changes}),
            at,
        }],
    )
    .await
}

/// The events of one record, oldest first.
pub async fn history(
    conn: &impl ConnectionTrait,
    entity_type: &str,
    entity_id: Uuid,
    limit: u64,
) -> Result<Vec<AuditEventView>, DbErr> {
    let rows = audit_event::Entity::find()
        .filter(audit_event::Column::EntityType.eq(entity_type))
        .filter(audit_event::Column::EntityId.eq(entity_id))
        .order_by_asc(audit_event::Column::At)
        .order_by_asc(audit_event::Column::Id)
        .limit(limit)
        .all(conn)
        .await?;
    let names = display_names(conn, rows.iter().map(|r| r.actor_name.as_str())).await?;
    Ok(rows
        .into_iter()
        .map(|m| {
            let shown = shown_name(&names, m.actor_id.is_some(), &m.actor_name);
            view(m, shown)
        })
        .collect())
}

/// The display names of these login names, for the accounts that exist (a
/// login name is never changed, so it names the same person in every event).
pub async fn display_names<'a>(
    conn: &impl ConnectionTrait,
    logins: impl IntoIterator<Item = &'a str>,
) -> Result<HashMap<String, String>, DbErr> {
    let logins: BTreeSet<&str> = logins.into_iter().filter(|l| !l.is_empty()).collect();
    if logins.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, String)> = user::Entity::find()
        .select_only()
        .column(user::Column::Username)
        .column(user::Column::DisplayName)
        .filter(user::Column::Username.is_in(logins))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The name people read for an actor: the display name, else the login name;
/// none for the system (no account, and not a person's name to show).
fn shown_name(names: &HashMap<String, String>, person: bool, login: &str) -> Option<String> {
    match names.get(login) {
        Some(name) => Some(name.clone()),
        None if person && !login.is_empty() => Some(login.to_owned()),
        None => None,
    }
}

/// Fills the display names of a timeline's actors (see [`display_names`]).
/// Entries without an account behind them (the system) keep none.
pub async fn name_timeline(
    conn: &impl ConnectionTrait,
    timeline: &mut [TimelineEntry],
) -> Result<(), DbErr> {
    let names = display_names(conn, timeline.iter().map(|e| e.actor_name.as_str())).await?;
    for e in timeline {
        e.actor_display_name = shown_name(&names, e.actor_name != "system", &e.actor_name);
    }
    Ok(())
}

/// An event as the API answers it, with the actor's display name.
pub fn view(m: audit_event::Model, actor_display_name: Option<String>) -> AuditEventView {
    AuditEventView {
        id: m.id,
        at: m.at,
        actor_id: m.actor_id,
        actor_name: m.actor_name,
        actor_display_name,
        entity_type: m.entity_type,
        entity_id: m.entity_id,
        action: m.action,
        changes: m.changes,
    }
}

/// The fields that differ between two JSON objects, as `{field: [old, new]}`.
pub fn diff(before: &serde_json::Value, after: &serde_json::Value) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    if let (Some(b), Some(a)) = (before.as_object(), after.as_object()) {
        for (k, new) in a {
            let old = b.get(k).unwrap_or(&serde_json::Value::Null);
            if old != new {
                out.insert(k.clone(), serde_json::json!([old, new]));
            }
        }
    }
    serde_json::Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::diff;
    use serde_json::json;

    #[test]
    fn diff_lists_only_changed_fields_with_old_and_new() {
        let d = diff(
            &json!({"a": 1, "b": "x"}),
            &json!({"a": 1, "b": "y", "c": true}),
        );
        assert_eq!(d, json!({"b": ["x", "y"], "c": [null, true]}));
    }
}
