//! Dealers.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use furrow_domain::Page;
use furrow_domain::Permission;
use furrow_domain::dealers::DealerView;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_dealers);
}

/// Paging of `GET /dealers`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DealerListQuery {
    /// Page size, 1-200 (default 50).
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Lists dealers by code. A dealer user sees only its own dealer.
#[utoipa::path(tag = "dealers", params(DealerListQuery), responses((status = 200, body = Page<DealerView>)))]
#[get("/dealers")]
async fn list_dealers(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<DealerListQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ViewMasterData)?;
    let page = furrow_store::dealers::list(
        &state.store,
        &auth.actor,
        query.cursor.as_deref(),
        query.limit,
    )
    .await?;
    Ok(HttpResponse::Ok().json(page))
}
