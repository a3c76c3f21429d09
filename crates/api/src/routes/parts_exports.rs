//! The parts department's lists as spreadsheets (`GET /{list}/export`): the
//! catalog and the warehouses through the record kit, and the stock levels,
//! requisitions, purchase requests and stock-takes, each in its list's one
//! order with its list's filters and scope. Registered before the lists'
//! `/{id}` routes so that `export` is never read as an id.

use crate::error::ApiError;
use crate::paging::Paging;
use crate::record_kit::{Export, Exports, SortQuery};
use crate::state::AppState;
use furrow_domain::auth::Actor;
use furrow_domain::parts::{
    PurchaseFilters, PurchaseRequestView, RequisitionFilters, RequisitionView, StockFilters,
    StockLevelView, StocktakeFilters, StocktakeView,
};
use furrow_domain::{Page, RecordKind};
use furrow_store::parts::Parts;
use furrow_store::warehouses::Warehouses;
use furrow_store::{Listing, purchasing, requisitions, stock, stocktakes};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(Exports::<Parts>::new())
        .service(Exports::<Warehouses>::new())
        .service(Exports::<StockLevels>::new())
        .service(Exports::<Requisitions>::new())
        .service(Exports::<PurchaseRequests>::new())
        .service(Exports::<Stocktakes>::new());
}

/// The listing of one export page of `many`, which has one order: a `sort`
/// is refused as the list refuses it.
fn listing<F: Clone>(
    many: &str,
    filters: &F,
    sort: &SortQuery,
    cursor: Option<String>,
) -> Result<Listing<F>, ApiError> {
    if let Some(name) = &sort.sort {
        return Err(ApiError::BadRequest {
            code: "invalid_sort",
            detail: format!("{many} cannot be sorted by `{name}`; sortable: none"),
        });
    }
    Ok(Paging::largest(many, cursor).listing(filters.clone(), ()))
}

/// An export of a list with one order, read by `$list`.
macro_rules! one_order_export {
    ($name:ident, $path:literal, $tag:literal, $many:literal, $record:expr, $filters:ty, $row:ty, $list:path) => {
        #[doc = concat!("`GET ", $path, "/export`.")]
        pub struct $name;

        impl Export for $name {
            const PATH: &'static str = $path;
            const TAG: &'static str = $tag;
            const MANY: &'static str = $many;
            const RECORD: RecordKind = $record;
            const SORTABLE: &'static [&'static str] = &[];
            type Query = $filters;
            type Row = $row;

            async fn page(
                state: &AppState,
                actor: &Actor,
                query: &$filters,
                sort: &SortQuery,
                cursor: Option<String>,
            ) -> Result<Page<$row>, ApiError> {
                let listing = listing($many, query, sort, cursor)?;
                Ok($list(&state.store, actor, &listing).await?)
            }
        }
    };
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
