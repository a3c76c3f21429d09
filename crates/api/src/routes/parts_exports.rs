//! The parts department's lists as spreadsheets (`GET /{list}/export`): the
//! catalog and the warehouses through the record kit, and the stock levels,
//! requisitions, purchase requests and stock-takes, each in its list's one
//! order with its list's filters and scope. Registered before the lists'
//! `/{id}` routes so that `export` is never read as an id.

use crate::record_kit::{Exports, one_order_export};
use furrow_domain::RecordKind;
use furrow_domain::parts::{
    PurchaseFilters, PurchaseRequestView, RequisitionFilters, RequisitionView, StockFilters,
    StockLevelView, StocktakeFilters, StocktakeView,
};
use furrow_store::parts::Parts;
use furrow_store::warehouses::Warehouses;
use furrow_store::{purchasing, requisitions, stock, stocktakes};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(Exports::<Parts>::new())
        .service(Exports::<Warehouses>::new())
        .service(Exports::<StockLevels>::new())
        .service(Exports::<Requisitions>::new())
        .service(Exports::<PurchaseRequests>::new())
        .service(Exports::<Stocktakes>::new());
}

one_order_export!(
    StockLevels,
    "/stock",
    "stock-movements",
    "stock",
    RecordKind::StockMovement,
    StockFilters,
    StockLevelView,
    stock::list_levels
);
one_order_export!(
    Requisitions,
    "/requisitions",
    "requisitions",
    "requisitions",
    RecordKind::Requisition,
    RequisitionFilters,
    RequisitionView,
    requisitions::list
);
one_order_export!(
    PurchaseRequests,
    "/purchase-requests",
    "purchase-requests",
    "purchase_requests",
    RecordKind::PurchaseRequest,
    PurchaseFilters,
    PurchaseRequestView,
    purchasing::list
);
one_order_export!(
    Stocktakes,
    "/stocktakes",
    "stocktakes",
    "stocktakes",
    RecordKind::Stocktake,
    StocktakeFilters,
    StocktakeView,
    stocktakes::list
);
