//! Shortages (缺料): the lines of a requisition an issue could not fill
//! because the chosen warehouse has none of the part left. Recorded here,
//! in the transaction, by one function, which also raises the
//! purchase request (采购申请, origin `shortage`) for what became short,
//! linked to the work order waiting for it (issue #19 items 3 and 5).

use crate::entities::parts_requisition_line as rql;
use crate::error::StoreError;
use chrono::{DateTime, Utc};
use furrow_domain::access::RecordKind;
use furrow_domain::audit::AuditAction;
use furrow_domain::auth::Actor;
use furrow_domain::parts::from_milli;
use furrow_domain::parts::purchasing::{NewPurchaseRequest, PurchaseLineInput, PurchaseOrigin};
use furrow_domain::parts::requisition::{Requisition, Shortage, to_buy};
use furrow_domain::parts::to_milli;
use furrow_domain::service::decide::Event;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde_json::json;
use std::collections::HashMap;

/// Records `lines` of `requisition` short (inside the caller's write
/// transaction `tx`, after the requisition's change is saved): each line's
/// short quantity becomes what is outstanding, and what is short beyond
/// what the line was already short of (bought for by an earlier request)
/// is asked for in one purchase request, one line per part. Answers the
/// events to record with the command's: one `parts_short` on the
/// requisition naming its work order, each short line and the purchase
/// request, or none when nothing is short.
pub async fn raise(
    tx: &DatabaseTransaction,
    actor: &Actor,
    now: DateTime<Utc>,
    requisition: &Requisition,
    lines: &[Shortage],
) -> Result<Vec<Event>, StoreError> {
    if lines.is_empty() {
        return Ok(Vec::new());
    }
    let before: HashMap<_, _> = rql::Entity::find()
        .filter(rql::Column::RequisitionId.eq(requisition.id))
        .all(tx)
        .await?
        .into_iter()
        .map(|l| (l.id, from_milli(l.short_milli)))
        .collect();
    let buy = to_buy(&before, lines);
    let purchase = if buy.is_empty() {
        None
    } else {
        let request = NewPurchaseRequest {
            origin: PurchaseOrigin::Shortage,
            work_order_id: Some(requisition.work_order_id),
            requisition_id: Some(requisition.id),
            lines: buy
                .into_iter()
                .map(|(part_id, quantity)| PurchaseLineInput { part_id, quantity })
                .collect(),
            // The origin (shortage) and the linked work order and requisition
            // say why, in the reader's language; no text in one language.
            note: None,
        };
        Some(crate::purchasing::create_in(tx, actor, now, &request).await?)
    };
    for s in lines {
        let short = to_milli(s.quantity).ok_or(StoreError::NotFound)?;
        rql::Entity::update_many()
            .col_expr(rql::Column::ShortMilli, Expr::value(short))
            .filter(rql::Column::Id.eq(s.line_id))
            .filter(rql::Column::RequisitionId.eq(requisition.id))
            .exec(tx)
            .await?;
    }
    Ok(vec![Event {
        action: AuditAction::PartsShort,
        record: RecordKind::Requisition,
        record_id: requisition.id,
        data: json!({
            "number": requisition.number,
            "work_order_id": requisition.work_order_id,
            "work_order": requisition.work_order_number,
            "lines": lines.iter().map(|s| json!({
                "line_id": s.line_id, "part_id": s.part_id, "quantity": s.quantity,
            })).collect::<Vec<_>>(),
            "purchase_request_id": purchase,
        }),
    }])
}
