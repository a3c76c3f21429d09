//! Parts (配件): the catalog and the warehouses with their bins (resources of
//! the record kit), the stock levels and the ledger's movements, and the
//! postings a parts clerk makes: receipts (入库), adjustments (库存调整) and
//! transfers (调拨). A posting that would take a warehouse's stock of a part
//! below zero answers 409 `insufficient_stock` naming what is on hand, and
//! writes nothing.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::idempotency;
use crate::paging::Paging;
use crate::record_kit::{Docs, Resource, Routes, list, one_order};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use furrow_domain::RecordKind;
use furrow_domain::parts::{
    AdjustmentInput, MovementFilters, MovementView, PartView, ReceiptInput, StockFilters,
    TransferInput, WarehouseView,
};
use furrow_domain::service::commands::Command;
use furrow_store::parts::Parts;
use furrow_store::stock;
use furrow_store::warehouses::Warehouses;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(Routes::<Parts>::new())
        .service(Routes::<Warehouses>::new())
        .service(list(
            "/stock",
            "list_stock",
            RecordKind::StockMovement,
            "Stock levels (库存) by part number, then warehouse: on hand per part and\n\
             warehouse (the sum of its ledger), the bin it is shelved in, and the part's\n\
             total over every warehouse. `below_reorder` is true when that total is\n\
             below the part's reorder point: the company's stock, which purchasing\n\
             tops up, so a van's few units do not flag a part the central warehouse\n\
             holds plenty of. Levels at zero only with `include_empty=true`. A dealer\n\
             sees only its own dealer warehouse.",
            one_order("stock"),
            async |store, actor, q: StockFilters, _, paging: &Paging| {
                stock::list_levels(store, actor, &paging.listing(q, ())).await
            },
        ))
        .service(list(
            "/stock-movements",
            "list_stock_movements",
            RecordKind::StockMovement,
            "The stock ledger (库存台账), newest first: every receipt, issue, return,\n\
             exchange, adjustment and transfer with its signed quantity, bin,\n\
             reference, recipient (领用人员), who posted it and when. Append-only: no\n\
             movement is ever changed or deleted. A dealer sees only its own dealer\n\
             warehouse's.",
            one_order("stock_movements"),
            async |store, actor, q: MovementFilters, _, paging: &Paging| {
                stock::list_movements(store, actor, &paging.listing(q, ())).await
            },
        ))
        .service(post_receipt)
        .service(post_adjustment)
        .service(post_transfer);
}

impl Resource for Parts {
    const PATH: &'static str = "/parts";
    const ONE: &'static str = "part";
    const MANY: &'static str = "parts";
    const DOCS: Docs = Docs {
        list: "Lists the parts catalog by part number or a `sort` column; `q` finds a part by number, name or spec (Chinese or Latin).",
        create: "Adds a part to the catalog (parts clerks).",
        get: "One part, with the product models it fits.",
        update: "Replaces a part. Send the ETag as `If-Match`.",
        deactivate: "Deactivates a part (no new movements of it).",
        activate: "Reactivates a part.",
    };
    const SORTABLE: &'static [&'static str] = &["part_number", "name", "category"];

    fn identity(p: &PartView) -> (Uuid, i32) {
        (p.id, p.version)
    }
}

impl Resource for Warehouses {
    const PATH: &'static str = "/warehouses";
    const ONE: &'static str = "warehouse";
    const MANY: &'static str = "warehouses";
    const DOCS: Docs = Docs {
        list: "Lists the warehouses with their bins, by code. A dealer sees its own dealer warehouse only.",
        create: "Adds a warehouse with its bins (parts clerks). A dealer warehouse names its dealer.",
        get: "One warehouse with its bins.",
        update: "Replaces a warehouse and its bins. Send the ETag as `If-Match`.",
        deactivate: "Deactivates a warehouse (no new movements into or out of it).",
        activate: "Reactivates a warehouse.",
    };
    const SORTABLE: &'static [&'static str] = &["code", "name", "kind"];

    fn identity(w: &WarehouseView) -> (Uuid, i32) {
        (w.id, w.version)
    }
}

/// Receives parts into a warehouse (入库), optionally shelved in one of its
/// bins, with the supplier's delivery note. Parts clerks and purchasing.
#[utoipa::path(tag = "stock-movements", request_body = ReceiptInput,
    params(("Idempotency-Key" = Option<String>, Header, description = idempotency::DESCRIPTION)),
    responses(
    (status = 201, body = Vec<MovementView>, description = "The movement posted"),
    (status = 422, description = "Invalid fields: quantity, an unknown or inactive part, warehouse or bin", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/stock-movements/receipts")]
async fn post_receipt(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: web::Json<ReceiptInput>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::PostReceipt)?;
    let key = idempotency::key(&req, auth.actor.user_id, &*body)?;
    let posted = stock::post_receipt(&state.store, &auth.actor, &body, key.as_ref()).await?;
    Ok(idempotency::answer_unaddressed(posted))
}

/// Corrects a warehouse's stock of a part (库存调整) by a signed quantity with
/// a reason (parts clerks). Taking out more than is on hand answers 409
/// `insufficient_stock` naming what is on hand; nothing is written.
#[utoipa::path(tag = "stock-movements", request_body = AdjustmentInput,
    params(("Idempotency-Key" = Option<String>, Header, description = idempotency::DESCRIPTION)),
    responses(
    (status = 201, body = Vec<MovementView>, description = "The movement posted"),
    (status = 409, description = "`insufficient_stock`: the stock would go below zero", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 422, description = "Invalid fields: quantity 0, no reason, an unknown part, warehouse or bin", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/stock-movements/adjustments")]
async fn post_adjustment(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: web::Json<AdjustmentInput>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::PostAdjustment)?;
    let key = idempotency::key(&req, auth.actor.user_id, &*body)?;
    let posted = stock::post_adjustment(&state.store, &auth.actor, &body, key.as_ref()).await?;
    Ok(idempotency::answer_unaddressed(posted))
}

/// Moves parts from one warehouse to another (调拨, parts clerks): a
/// `transfer_out` and a `transfer_in` of the same quantity and `batch_id`,
/// posted together or not at all. More than the sending warehouse holds
/// answers 409 `insufficient_stock`.
#[utoipa::path(tag = "stock-movements", request_body = TransferInput,
    params(("Idempotency-Key" = Option<String>, Header, description = idempotency::DESCRIPTION)),
    responses(
    (status = 201, body = Vec<MovementView>, description = "The two movements posted"),
    (status = 409, description = "`insufficient_stock`: the sending warehouse has less", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 422, description = "Invalid fields: the same warehouse twice, quantity, an unknown part, warehouse or bin", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/stock-movements/transfers")]
async fn post_transfer(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: web::Json<TransferInput>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::PostTransfer)?;
    let key = idempotency::key(&req, auth.actor.user_id, &*body)?;
    let posted = stock::post_transfer(&state.store, &auth.actor, &body, key.as_ref()).await?;
    Ok(idempotency::answer_unaddressed(posted))
}
