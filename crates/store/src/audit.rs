//! Writing and reading the append-only audit log. Every command writes its
//! event inside its own transaction, so the log never misses a committed change.

use crate::entities::audit_event;
use chrono::Utc;
use furrow_domain::audit::AuditEventView;
use furrow_domain::auth::Actor;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Insert, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

/// Records `action` on a record, by `actor` (or the system when `None`).
pub async fn record(
    conn: &impl ConnectionTrait,
    actor: Option<&Actor>,
    entity_type: &str,
    entity_id: Uuid,
    action: &str,
    changes: serde_json::Value,
) -> Result<(), DbErr> {
    event(actor, entity_type, entity_id, action, changes)
        .exec_without_returning(conn)
        .await
        .map(|_| ())
}

/// The insert of an event, for [`record`] or a batch (`crate::batch`).
pub fn event(
    actor: Option<&Actor>,
    entity_type: &str,
    entity_id: Uuid,
    action: &str,
    changes: serde_json::Value,
) -> Insert<audit_event::ActiveModel> {
    audit_event::Entity::insert(event_row(actor, entity_type, entity_id, action, changes))
}

/// The row of an event.
pub fn event_row(
    actor: Option<&Actor>,
    entity_type: &str,
    entity_id: Uuid,
    action: &str,
    changes: serde_json::Value,
) -> audit_event::ActiveModel {
    audit_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        at: Set(Utc::now()),
        actor_id: Set(actor.map(|a| a.user_id)),
        actor_name: Set(actor
            .map(|a| a.username.clone())
            .unwrap_or_else(|| "system".to_owned())),
        entity_type: Set(entity_type.to_owned()),
        entity_id: Set(entity_id),
        action: Set(action.to_owned()),
        changes: Set(changes),
    }
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
    Ok(rows.into_iter().map(view).collect())
}

fn view(m: audit_event::Model) -> AuditEventView {
    AuditEventView {
        id: m.id,
        at: m.at,
        actor_id: m.actor_id,
        actor_name: m.actor_name,
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
