//! Keeps a request's wait for parts (待配件) in step with its requisitions,
//! inside the transaction of whatever changed them (an issue that found
//! lines short, an issue that filled them, a cancel): the rule is
//! `furrow_domain::service::parts_wait::decide`; this reads what it needs
//! and writes its answer on the request's row, which the public status,
//! the request's page, the timeline and the change feed all read, and in
//! the request's waits (`parts_waits`), which the 三包 extension reads.

use crate::db::by_id;
use crate::entities::{
    parts_requisition as req, parts_requisition_line as rql, parts_wait as waits, service_request,
    work_order,
};
use crate::error::StoreError;
use chrono::{DateTime, Utc};
use furrow_domain::access::RecordKind;
use furrow_domain::audit::AuditAction;
use furrow_domain::parts::requisition::RequisitionStatus;
use furrow_domain::service::RequestStatus;
use furrow_domain::service::decide::Event;
use furrow_domain::service::parts_wait;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

/// Begins or ends `request_id`'s wait as its requisitions now say, raising
/// the request's version (its ETag) and `updated_at` (the dealers' status
/// list) when it does; answers the event to record with the command's.
pub async fn sync(
    tx: &DatabaseTransaction,
    now: DateTime<Utc>,
    request_id: Uuid,
) -> Result<Vec<Event>, StoreError> {
    let request = by_id::<service_request::Entity>(tx, request_id).await?;
    let open_requisitions = Query::select()
        .column(req::Column::Id)
        .from(req::Entity)
        .and_where(req::Column::RequestId.eq(request_id))
        .and_where(req::Column::Status.ne(RequisitionStatus::Cancelled.as_str()))
        .to_owned();
    let short_now = rql::Entity::find()
        .filter(rql::Column::ShortMilli.gt(0))
        .filter(rql::Column::RequisitionId.in_subquery(open_requisitions))
        .count(tx)
        .await?
        > 0;
    let status = RequestStatus::parse(&request.status)
        .ok_or_else(|| StoreError::corrupt(&request.number, "status", &request.status))?;
    let Some(action) = parts_wait::decide(
        request.parts_waiting_since.is_some(),
        short_now,
        status,
        request.repaired_at.is_some(),
    ) else {
        return Ok(Vec::new());
    };
    let since = match action {
        AuditAction::PartsAwaited => Some(now),
        _ => None,
    };
    // The wait's history, which the 三包 extension reads.
    match since {
        Some(since) => {
            waits::Entity::insert(waits::ActiveModel {
                request_id: Set(request_id),
                since: Set(since),
                until: Set(None),
            })
            .exec_without_returning(tx)
            .await?;
        }
        None => {
            waits::Entity::update_many()
                .col_expr(waits::Column::Until, Expr::value(now))
                .filter(waits::Column::RequestId.eq(request_id))
                .filter(waits::Column::Until.is_null())
                .exec(tx)
                .await?;
        }
    }
    use service_request::Column as C;
    service_request::Entity::update_many()
        .col_expr(C::PartsWaitingSince, Expr::value(since))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(request_id))
        .exec(tx)
        .await?;
    Ok(vec![Event {
        action,
        record: RecordKind::ServiceRequest,
        record_id: request_id,
        data: json!({ "since": since.or(request.parts_waiting_since) }),
    }])
}

/// A waiting request shows when its parts are expected, read from the
/// shortage purchase requests of its work orders: when one of them changes
/// what that shows (`furrow_domain::parts::purchasing::changes_parts_expected`),
/// the request of work order `work_order_id`, if it waits, gets a new
/// version and `updated_at` in the same transaction, so the page's ETag and
/// a dealer's pull read it again. The same "+1" as [`sync`], in the write
/// transaction of the purchase request.
pub async fn expected_changed(
    tx: &impl ConnectionTrait,
    now: DateTime<Utc>,
    work_order_id: Uuid,
) -> Result<(), StoreError> {
    use service_request::Column as C;
    let request = Query::select()
        .column(work_order::Column::RequestId)
        .from(work_order::Entity)
        .and_where(work_order::Column::Id.eq(work_order_id))
        .to_owned();
    service_request::Entity::update_many()
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.in_subquery(request))
        .filter(C::PartsWaitingSince.is_not_null())
        .exec(tx)
        .await?;
    Ok(())
}
