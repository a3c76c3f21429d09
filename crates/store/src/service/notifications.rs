//! What needs the supervisor's attention now: running clocks past due or due soon.

use super::common::*;
use crate::db::now;
use crate::entities::service_request;
use crate::error::StoreError;
use crate::{Store, settings};
use chrono::Duration;
use furrow_domain::auth::Actor;
use furrow_domain::service::NotificationView;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// Most items returned.
const LIMIT: u64 = 200;

/// Open requests whose next clock is overdue or due within the settings' window, most urgent first.
pub async fn list(store: &Store, actor: &Actor) -> Result<Vec<NotificationView>, StoreError> {
    let conn = store.conn();
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
    let ids: Vec<_> = rows.iter().map(|r| r.customer_id).collect();
    let names: std::collections::HashMap<_, _> = crate::entities::customer::Entity::find()
        .select_only()
        .column(crate::entities::customer::Column::Id)
        .column(crate::entities::customer::Column::Name)
        .filter(crate::entities::customer::Column::Id.is_in(ids))
        .into_tuple::<(uuid::Uuid, String)>()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    rows.into_iter()
        .filter_map(|r| {
            let (clock, due) = running(&r).next()?;
            Some(Ok(NotificationView {
                request_id: r.id,
                request_number: r.number.clone(),
                customer_name: names.get(&r.customer_id).cloned().unwrap_or_default(),
                kind: if due < t {
                    "overdue".into()
                } else {
                    "due_soon".into()
                },
                clock: clock.into(),
                due_at: due,
                priority: match parse(&r.priority, furrow_domain::service::Priority::parse) {
                    Ok(p) => p,
                    Err(e) => return Some(Err(e)),
                },
                harvest_critical: r.harvest_critical,
            }))
        })
        .collect()
}
