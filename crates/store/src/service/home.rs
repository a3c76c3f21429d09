//! The home page's live counts: one `COUNT` per queue of
//! `furrow_domain::service::queues`, each through the same scoped filter as
//! the list the queue links to, so a card's number is that list's length.

use super::requests::filtered;
use super::{reports, work_orders};
use crate::Store;
use crate::db::now;
use crate::entities::{repair_report, work_order};
use crate::error::StoreError;
use furrow_domain::auth::Actor;
use furrow_domain::service::RequestFilters;
use furrow_domain::service::queues::{
    HomeCard, HomeView, Queue, QueueFilter, RequestCriteria, queues_for,
};
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};

/// The request list's filters that a request queue stands for.
pub fn request_filter(c: RequestCriteria) -> RequestFilters {
    RequestFilters {
        open: c.open,
        status: c.status,
        overdue: c.overdue,
        contacted: c.contacted,
        ..RequestFilters::default()
    }
}

/// How many records `queue` holds for `actor` now.
pub async fn count(store: &Store, actor: &Actor, queue: Queue) -> Result<u64, StoreError> {
    let conn = store.conn();
    Ok(match queue.filter() {
        QueueFilter::Requests(c) => {
            filtered(actor, &request_filter(c), now())
                .count(conn)
                .await?
        }
        QueueFilter::Reports(s) => {
            reports::scoped(actor)
                .filter(repair_report::Column::Status.eq(s.as_str()))
                .count(conn)
                .await?
        }
        QueueFilter::OpenWorkOrders => {
            work_orders::scoped(actor)
                .filter(work_order::Column::IsOpen.eq(true))
                .count(conn)
                .await?
        }
    })
}

/// The actor's queues with their counts, most pressing first.
pub async fn home(store: &Store, actor: &Actor) -> Result<HomeView, StoreError> {
    let at = now();
    let mut cards = Vec::new();
    for queue in queues_for(actor) {
        cards.push(HomeCard {
            queue,
            record: queue.record(),
            count: count(store, actor, queue).await?,
            list: queue.list_path(),
        });
    }
    Ok(HomeView { cards, at })
}
