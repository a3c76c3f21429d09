//! Archives: a customer or a machine with its related records and one
//! timeline built from the audit log (and, as they land, service records).

use crate::entities::{audit_event, machine, repair_report, service_request, user, work_order};
use crate::error::StoreError;
use crate::{Store, customers, machines, product_models};
use furrow_domain::archive::{CustomerArchive, MachineArchive, TimelineEntry};
use furrow_domain::auth::Actor;
use furrow_domain::visibility::{self, Reader};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;
use uuid::Uuid;

/// Most timeline entries returned with an archive.
const TIMELINE_LIMIT: u64 = 500;

/// The audit events of `records`, newest first, as `actor` may read them
/// (`visibility::archive_event_for`: a dealer reads its files' changes, not
/// the maker's reasons and notes).
async fn events(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    records: &[(&str, Uuid)],
) -> Result<Vec<TimelineEntry>, StoreError> {
    let reader = Reader::of(actor);
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
        .filter_map(|m| visibility::archive_event_for(reader, crate::audit::view(m, None)))
        .map(TimelineEntry::from)
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
    let machines = machines::hydrate(conn, rows)
        .await?
        .into_iter()
        .map(|m| machines::for_reader(actor, m))
        .collect::<Vec<_>>();
    let mut records: Vec<(&str, Uuid)> = vec![("customer", id)];
    records.extend(machines.iter().map(|m| ("machine", m.id)));
    let mut timeline = events(conn, actor, &records).await?;
    let requests = crate::service::common::scoped_requests(actor)
        .filter(service_request::Column::CustomerId.eq(id))
        .order_by_desc(service_request::Column::ReportedAt)
        .limit(TIMELINE_LIMIT)
        .all(conn)
        .await?;
    timeline.extend(service_entries(&requests));
    sort_newest_first(&mut timeline);
    crate::audit::name_timeline(conn, &mut timeline).await?;
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
    let conn = store.conn();
    let requests = crate::service::common::scoped_requests(actor)
        .filter(service_request::Column::MachineId.eq(id))
        .order_by_desc(service_request::Column::ReportedAt)
        .all(conn)
        .await?;
    // Computed with the view from every request of the machine, not only
    // the ones this actor sees.
    let warranty = m.warranty.clone();
    let mut timeline = events(conn, actor, &[("machine", id)]).await?;
    timeline.extend(service_entries(&requests));
    let reports = repair_report::Entity::find()
        .filter(
            repair_report::Column::RequestId
                .is_in(requests.iter().map(|r| r.id).collect::<Vec<_>>()),
        )
        .filter(repair_report::Column::Status.is_in([
            "approved",
            "signed",
            "signature_refused",
            "closed_unsigned",
        ]))
        .all(conn)
        .await?;
    let engineers = work_order_engineers(conn, &reports).await?;
    for r in reports {
        let number = requests
            .iter()
            .find(|x| x.id == r.request_id)
            .map(|x| x.number.clone());
        for part in crate::service::reports::parts_of(&r)? {
            timeline.push(TimelineEntry {
                at: r.signed_at.or(r.reviewed_at).unwrap_or(r.updated_at),
                kind: "part_replacement".into(),
                action: "replaced".into(),
                // The engineer who did the work, not the supervisor who approved it.
                actor_name: engineers.get(&r.work_order_id).cloned().unwrap_or_default(),
                actor_display_name: None,
                entity_type: "repair_report".into(),
                entity_id: r.id,
                reference: number.clone(),
                details: serde_json::to_value(&part).map_err(|e| {
                    StoreError::corrupt(format!("repair report {}", r.id), "parts", e)
                })?,
            });
        }
    }
    sort_newest_first(&mut timeline);
    crate::audit::name_timeline(conn, &mut timeline).await?;
    let certificate_reissues = crate::certificates::of_machine(conn, id).await?;
    let parts_issued = crate::requisitions::issued_on_machine(conn, id).await?;
    Ok(MachineArchive {
        machine: m,
        model,
        owner,
        warranty,
        certificate_reissues,
        timeline,
        parts_issued,
    })
}

/// The login name of each report's work order's engineer, by work order
/// (the timeline shows it with the display name).
async fn work_order_engineers(
    conn: &impl ConnectionTrait,
    reports: &[repair_report::Model],
) -> Result<HashMap<Uuid, String>, StoreError> {
    let engineer_of: Vec<(Uuid, Uuid)> = work_order::Entity::find()
        .select_only()
        .column(work_order::Column::Id)
        .column(work_order::Column::EngineerId)
        .filter(
            work_order::Column::Id
                .is_in(reports.iter().map(|r| r.work_order_id).collect::<Vec<_>>()),
        )
        .into_tuple()
        .all(conn)
        .await?;
    let logins = crate::labels::labels::<user::Entity>(
        conn,
        user::Column::Id,
        user::Column::Username,
        engineer_of.iter().map(|(_, e)| *e),
    )
    .await?;
    Ok(engineer_of
        .into_iter()
        .filter_map(|(wo, e)| logins.get(&e).map(|l| (wo, l.clone())))
        .collect())
}

fn service_entries(requests: &[service_request::Model]) -> Vec<TimelineEntry> {
    requests
        .iter()
        .map(|r| TimelineEntry {
            at: r.reported_at,
            kind: "service_request".into(),
            action: r.status.clone(),
            actor_name: r.created_by_name.clone(),
            actor_display_name: None,
            entity_type: "service_request".into(),
            entity_id: r.id,
            reference: Some(r.number.clone()),
            details: serde_json::json!({"symptoms": r.symptoms, "kind": r.kind, "completed_at": r.completed_at}),
        })
        .collect()
}

fn sort_newest_first(t: &mut [TimelineEntry]) {
    t.sort_by_key(|e| std::cmp::Reverse(e.at));
}
