//! Shortages (缺料): the lines of a requisition an issue could not fill
//! because the chosen warehouse has none of the part left. Recorded here,
//! in the transaction, by one function: the seam where a shortage
//! becomes a purchase request linked to the work order (purchasing's side,
//! issue #19 item 5) — `raise` is the one place to add it.

use crate::entities::parts_requisition_line as rql;
use crate::error::StoreError;
use chrono::{DateTime, Utc};
use furrow_domain::access::RecordKind;
use furrow_domain::audit::AuditAction;
use furrow_domain::auth::Actor;
use furrow_domain::parts::requisition::{Requisition, Shortage};
use furrow_domain::parts::to_milli;
use furrow_domain::service::decide::Event;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde_json::json;

/// Records `lines` of `requisition` short (inside the caller's write
/// transaction `tx`, after the requisition's change is saved): each line's
/// short quantity becomes what is outstanding. Answers the events to record
/// with the command's: one `parts_short` on the requisition naming its work
/// order and each short line, or none when nothing is short.
pub async fn raise(
    tx: &DatabaseTransaction,
    actor: &Actor,
    now: DateTime<Utc>,
    requisition: &Requisition,
    lines: &[Shortage],
) -> Result<Vec<Event>, StoreError> {
    let _ = (actor, now);
    if lines.is_empty() {
        return Ok(Vec::new());
    }
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
        }),
    }])
}
