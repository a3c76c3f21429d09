//! The inventory analysis (库存分析): what the stock is worth by warehouse and
//! category, its ABC classes, dead and slow-moving stock and its turnover,
//! for the parts department's purchasing plan. Every figure is made in
//! `furrow_domain::parts::analysis`; this only serves it.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use furrow_domain::RecordKind;
use furrow_domain::parts::{AnalysisFilters, InventoryAnalysis};
use furrow_store::inventory_analysis;
use utoipa_actix_web::service_config::ServiceConfig;

/// Registered before the parts' record routes, so `/parts/analysis` is not
/// read as the part with id `analysis`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(analysis);
}

/// The inventory analysis (库存分析) of the stock the user may see, on the
/// company's local date. Stock value = on hand × standard cost, in fen,
/// rounded half up per part and warehouse; by warehouse and by category
/// with the share in basis points. ABC classes by the last 365 days'
/// consumption value (units issued less units returned, × standard cost):
/// A = the parts making up the first 80% of it, B up to 95%, C the rest
/// (parts never issued included). Dead stock: on hand, no issue in the last
/// 180 days; slow-moving: issued in the last 180 days but not the last 90.
/// Turnover = consumption value / stock value (2 decimals), days of supply
/// = 365 / turnover (1 decimal); `null` when there is no stock (or no
/// consumption, for days of supply). Whoever reads stock levels; a dealer
/// gets its own dealer warehouse's analysis. A filter narrows the stock and
/// the consumption alike.
#[utoipa::path(operation_id = "get_inventory_analysis", tag = "stock", params(AnalysisFilters),
    responses((status = 200, body = InventoryAnalysis)))]
#[get("/parts/analysis")]
async fn analysis(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<AnalysisFilters>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::StockMovement)?;
    let report = inventory_analysis::analysis(&state.store, &auth.actor, &query).await?;
    Ok(HttpResponse::Ok().json(report))
}
