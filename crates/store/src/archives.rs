//! Archives: a customer or a machine with its related records and one
//! timeline built from the audit log (and, as they land, service records).

use crate::entities::{audit_event, machine};
use crate::error::StoreError;
use crate::{Store, customers, machines, product_models};
use chrono::Utc;
use furrow_domain::archive::{CustomerArchive, MachineArchive, TimelineEntry};
use furrow_domain::audit::AuditEventView;
use furrow_domain::auth::Actor;
use furrow_domain::master::warranty_state;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

/// Most timeline entries returned with an archive.
const TIMELINE_LIMIT: u64 = 500;

async fn events(
    conn: &impl ConnectionTrait,
    records: &[(&str, Uuid)],
) -> Result<Vec<TimelineEntry>, StoreError> {
    let mut cond = Condition::any();
    for (kind, id) in records {
        cond = cond.add(
            Condition::all()
                .add(audit_event::Column::EntityType.eq(*kind))
                .add(audit_event::Column::EntityId.eq(*id)),
        );
    }
    let rows = audit_event::Entity::find()
        .filter(cond)
        .order_by_desc(audit_event::Column::At)
        .order_by_desc(audit_event::Column::Id)
        .limit(TIMELINE_LIMIT)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|m| {
            TimelineEntry::from(AuditEventView {
                id: m.id,
                at: m.at,
                actor_id: m.actor_id,
                actor_name: m.actor_name,
                entity_type: m.entity_type,
                entity_id: m.entity_id,
                action: m.action,
                changes: m.changes,
            })
        })
        .collect())
}

/// The customer, their machines, and everything that happened to them.
pub async fn customer(
    store: &Store,
    actor: &Actor,
    id: Uuid,
) -> Result<CustomerArchive, StoreError> {
    let conn = store.conn();
    let c = customers::get(store, actor, id).await?;
    let rows = machines::scoped(actor)
        .filter(machine::Column::CustomerId.eq(id))
        .order_by_asc(machine::Column::SerialNumber)
        .all(conn)
        .await?;
    let machines = machines::hydrate(conn, rows).await?;
    let mut records: Vec<(&str, Uuid)> = vec![("customer", id)];
    records.extend(machines.iter().map(|m| ("machine", m.id)));
    let timeline = events(conn, &records).await?;
    Ok(CustomerArchive {
        customer: c,
        machines,
        timeline,
    })
}

/// The machine, its model's parameters, its warranty and its timeline.
pub async fn machine(store: &Store, actor: &Actor, id: Uuid) -> Result<MachineArchive, StoreError> {
    let m = machines::get(store, actor, id).await?;
    let model = product_models::get(store, m.model_id).await?;
    let owner = customers::get(store, actor, m.customer_id).await?;
    // Days under repair extend the warranty (三包); counted from service
    // records once they exist, none before.
    let warranty = warranty_state(m.warranty_end, 0, Utc::now().date_naive());
    let timeline = events(store.conn(), &[("machine", id)]).await?;
    Ok(MachineArchive {
        machine: m,
        model,
        owner,
        warranty,
        timeline,
    })
}
