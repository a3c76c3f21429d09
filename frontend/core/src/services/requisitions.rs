//! Parts requisitions (领用单): one requisition, its issue, returns,
//! exchanges and cancel, and the stock the issue screen shows per line; the
//! engineer's phone lists a work order's requisitions and asks for parts.

use crate::services::requests::{ApiError, Call};
use crate::services::resource::{Answer, Resource};
use furrow_domain::Page;
use furrow_domain::parts::{
    CancelInput, ExchangeInput, IssueInput, RequisitionInput, RequisitionStatus, RequisitionView,
    ReturnInput, StockLevelView, WarehouseView,
};
use rust_decimal::Decimal;
use serde::Deserialize;
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

/// `POST /requisitions/{id}/exchanges` (退换) against `version`.
pub fn exchange(id: Uuid, version: i32, body: ExchangeInput) -> impl Answer<RequisitionView> {
    REQUISITIONS
        .command(id, "exchanges", version)
        .json(&body)
        .fetch()
}

/// `POST /requisitions/{id}/cancel` against `version`.
pub fn cancel(id: Uuid, version: i32, body: CancelInput) -> impl Answer<RequisitionView> {
    REQUISITIONS
        .command(id, "cancel", version)
        .json(&body)
        .fetch()
}

// The engineer's phone decodes only what it shows of a requisition and of a
// catalog part: the whole views' decoders would take the field bundle past
// its size budget. The names are the views' (`RequisitionView`, `PartView`).

/// A requisition as the work order's parts panel shows it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RequisitionBrief {
    pub id: Uuid,
    pub number: String,
    pub status: RequisitionStatus,
    pub short: bool,
    pub lines: Vec<LineBrief>,
}

/// One line of a [`RequisitionBrief`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LineBrief {
    pub id: Uuid,
    pub part_number: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub requested: Decimal,
    pub issued: Decimal,
    pub short: Decimal,
}

/// A catalog part as the parts request picks it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PartBrief {
    pub id: Uuid,
    pub part_number: String,
    pub name: String,
    pub unit: String,
}

/// `GET /requisitions?work_order_id=`: the work order's requisitions.
pub fn of_work_order(work_order_id: Uuid) -> impl Answer<Page<RequisitionBrief>> {
    REQUISITIONS
        .list()
        .query("work_order_id", work_order_id)
        .query("limit", 100)
        .fetch()
}

/// `POST /work-orders/{id}/requisitions`: the engineer asks for parts (the
/// requisition is new, so `If-Match` is `*`).
pub fn request_parts(
    work_order_id: Uuid,
    body: &RequisitionInput,
) -> impl Answer<RequisitionBrief> + use<> {
    Call::post(format!("/work-orders/{work_order_id}/requisitions"))
        .header("If-Match", "*")
        .json(body)
        .fetch()
}

/// `GET /parts?q=`: active catalog parts matching `q`.
pub fn find_parts(q: String) -> impl Answer<Page<PartBrief>> {
    Call::get("/parts")
        .query("q", q)
        .query("active", true)
        .query("limit", 20)
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
