//! What needs the caller's attention now: running clocks past due or due soon,
//! with which of them the caller has marked read.

use super::common::*;
use crate::db::now;
use crate::entities::{notification_read, service_request};
use crate::error::StoreError;
use crate::{Store, settings};
use chrono::Duration;
use furrow_domain::RecordKind;
use furrow_domain::access;
use furrow_domain::auth::Actor;
use furrow_domain::service::RequestStatus;
use furrow_domain::service::commands::Command;
use furrow_domain::service::notifications::{key, marks_to_add, unread_count};
use furrow_domain::service::{NotificationList, NotificationView};
use furrow_domain::webhooks::WebhookAlert;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::BTreeSet;

/// Most items returned.
const LIMIT: u64 = 200;

/// Open requests whose next clock is overdue or due within the settings' window,
/// most urgent first, each with whether the caller marked it read.
pub async fn list(store: &Store, actor: &Actor) -> Result<NotificationList, StoreError> {
    let conn = store.conn();
    let alerts = alerts(conn, actor).await?;
    let hooks = crate::webhooks::disabled_alerts(conn, actor).await?;
    let read = read_keys(conn, actor).await?;
    Ok(with_marks(alerts, hooks, &read))
}

/// Marks the caller's current alerts `keys` read (all of them when `None`) and
/// forgets the caller's marks of alerts that are gone, so a user's marks never
/// outnumber the alerts listed (at most [`LIMIT`]). Keys that are not among the
/// caller's current alerts are ignored; marking one twice changes nothing.
/// Not audited: a read mark is the user's own view, not a business record.
pub async fn mark_read(
    store: &Store,
    actor: &Actor,
    keys: Option<&[String]>,
) -> Result<NotificationList, StoreError> {
    let alerts = alerts(store.conn(), actor).await?;
    let hooks = crate::webhooks::disabled_alerts(store.conn(), actor).await?;
    let current: Vec<String> = alerts
        .iter()
        .map(|a| a.key.clone())
        .chain(hooks.iter().map(|h| h.key.clone()))
        .collect();
    let add = marks_to_add(&current, keys);
    let tx = store.begin_write().await?;
    notification_read::Entity::delete_many()
        .filter(notification_read::Column::UserId.eq(actor.user_id))
        .filter(notification_read::Column::Key.is_not_in(current.clone()))
        .exec(&*tx)
        .await?;
    if !add.is_empty() {
        let t = now();
        notification_read::Entity::insert_many(add.into_iter().map(|k| {
            notification_read::ActiveModel {
                user_id: Set(actor.user_id),
                key: Set(k),
                read_at: Set(t),
            }
        }))
        .on_conflict(
            OnConflict::columns([
                notification_read::Column::UserId,
                notification_read::Column::Key,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&*tx)
        .await?;
    }
    let read = read_keys(&*tx, actor).await?;
    tx.commit().await?;
    Ok(with_marks(alerts, hooks, &read))
}

/// The keys the caller has marked read.
async fn read_keys<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
) -> Result<BTreeSet<String>, StoreError> {
    Ok(notification_read::Entity::find()
        .select_only()
        .column(notification_read::Column::Key)
        .filter(notification_read::Column::UserId.eq(actor.user_id))
        .into_tuple::<String>()
        .all(conn)
        .await?
        .into_iter()
        .collect())
}

fn with_marks(
    mut items: Vec<NotificationView>,
    mut webhooks: Vec<WebhookAlert>,
    read: &BTreeSet<String>,
) -> NotificationList {
    let keys: Vec<String> = items
        .iter()
        .map(|a| a.key.clone())
        .chain(webhooks.iter().map(|h| h.key.clone()))
        .collect();
    for a in &mut items {
        a.read = read.contains(&a.key);
    }
    for h in &mut webhooks {
        h.read = read.contains(&h.key);
    }
    NotificationList {
        unread: unread_count(&keys, read),
        items,
        webhooks,
    }
}

/// The alerts as the clocks stand now, none marked read.
async fn alerts<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
) -> Result<Vec<NotificationView>, StoreError> {
    let (sla, _) = settings::sla(conn).await?;
    let t = now();
    let horizon = t + Duration::hours(sla.due_soon_hours);
    let rows = scoped_requests(actor)
        .filter(service_request::Column::IsOpen.eq(true))
        .filter(service_request::Column::SortDue.lt(horizon))
        .order_by_asc(service_request::Column::SortDue)
        .limit(LIMIT)
        .all(conn)
        .await?;
    let names = customer_names(conn, rows.iter().map(|r| r.customer_id)).await?;
    let mut items = rows
        .into_iter()
        .filter_map(|r| {
            let (clock, due) = running(&r).next()?;
            let kind = if due < t { "overdue" } else { "due_soon" };
            Some(Ok(NotificationView {
                key: key(r.id, clock, due, kind),
                read: false,
                request_id: r.id,
                request_number: r.number.clone(),
                customer_name: names.get(&r.customer_id).cloned().unwrap_or_default(),
                kind: kind.into(),
                clock: clock.into(),
                due_at: due,
                priority: match parse(&r.priority, furrow_domain::service::Priority::parse) {
                    Ok(p) => p,
                    Err(e) => return Some(Err(e)),
                },
                harvest_critical: r.harvest_critical,
            }))
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    items.extend(repeat_requests(conn, actor).await?);
    Ok(items)
}

/// For whoever dispatches: the repeat requests (`repeat_of` set, such as a
/// follow-up opens when the machine does not run normally) still waiting
/// for dispatch, oldest first.
async fn repeat_requests<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
) -> Result<Vec<NotificationView>, StoreError> {
    use service_request::Column as C;
    if !access::may_give_on(actor, RecordKind::ServiceRequest, Command::Dispatch) {
        return Ok(Vec::new());
    }
    let rows = scoped_requests(actor)
        .filter(C::Status.eq(RequestStatus::New.as_str()))
        .filter(C::RepeatOf.is_not_null())
        .order_by_asc(C::ReportedAt)
        .limit(LIMIT)
        .all(conn)
        .await?;
    let names = customer_names(conn, rows.iter().map(|r| r.customer_id)).await?;
    rows.into_iter()
        .map(|r| {
            Ok(NotificationView {
                key: key(r.id, REPEAT_CLOCK, r.reported_at, REPEAT_KIND),
                read: false,
                request_id: r.id,
                request_number: r.number.clone(),
                customer_name: names.get(&r.customer_id).cloned().unwrap_or_default(),
                kind: REPEAT_KIND.into(),
                clock: REPEAT_CLOCK.into(),
                due_at: r.first_contact_due,
                priority: parse(&r.priority, furrow_domain::service::Priority::parse)?,
                harvest_critical: r.harvest_critical,
            })
        })
        .collect()
}

/// The kind of a repeat request's alert, and its "clock": the request it
/// repeats was followed up (or reported again).
const REPEAT_KIND: &str = "repeat_request";
const REPEAT_CLOCK: &str = "follow_up";

async fn customer_names<C: ConnectionTrait>(
    conn: &C,
    ids: impl Iterator<Item = uuid::Uuid>,
) -> Result<std::collections::HashMap<uuid::Uuid, String>, StoreError> {
    use crate::entities::customer;
    crate::labels::labels::<customer::Entity>(
        conn,
        customer::Column::Id,
        customer::Column::Name,
        ids,
    )
    .await
}
