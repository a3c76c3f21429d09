//! Parts requisitions (领用单): one requisition, its issue and returns, and
//! the stock the issue screen shows per line.

use crate::services::requests::{ApiError, Call};
use crate::services::resource::{Answer, Resource};
use furrow_domain::Page;
use furrow_domain::parts::{
    IssueInput, RequisitionView, ReturnInput, StockLevelView, WarehouseView,
};
use rust_decimal::Decimal;
use std::collections::HashMap;
use uuid::Uuid;

const REQUISITIONS: Resource = Resource::new("/requisitions");

/// `GET /requisitions/{id}`.
pub fn get(id: Uuid) -> impl Answer<RequisitionView> {
    REQUISITIONS.get(id)
}

/// `POST /requisitions/{id}/issue` against `version`.
pub fn issue(id: Uuid, version: i32, body: IssueInput) -> impl Answer<RequisitionView> {
    REQUISITIONS
        .command(id, "issue", version)
        .json(&body)
        .fetch()
}

/// `POST /requisitions/{id}/returns` against `version`.
pub fn return_parts(id: Uuid, version: i32, body: ReturnInput) -> impl Answer<RequisitionView> {
    REQUISITIONS
        .command(id, "returns", version)
        .json(&body)
        .fetch()
}

/// The active warehouses, by code.
pub fn warehouses(_: ()) -> impl Answer<Page<WarehouseView>> {
    Call::get("/warehouses")
        .query("active", true)
        .query("limit", 100)
        .fetch()
}

/// On hand per (part, warehouse) of `parts`, every warehouse's.
pub async fn on_hand(parts: Vec<Uuid>) -> Result<HashMap<(Uuid, Uuid), Decimal>, ApiError> {
    let mut out = HashMap::new();
    for p in parts {
        let page: Page<StockLevelView> = Call::get("/stock")
            .query("part_id", p)
            .query("include_empty", true)
            .query("limit", 100)
            .fetch()
            .await?;
        for l in page.items {
            out.insert((l.part_id, l.warehouse_id), l.on_hand);
        }
    }
    Ok(out)
}
