//! The supervisor's notifications: overdue and soon-due clocks.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use furrow_domain::Permission;
use furrow_domain::service::NotificationView;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list);
}

/// Open requests whose running clock is overdue or due within the window of the
/// SLA settings (`due_soon_hours`), most urgent first.
#[utoipa::path(operation_id = "list_notifications", tag = "service-requests", responses((status = 200, body = Vec<NotificationView>)))]
#[get("/notifications")]
async fn list(state: web::Data<AppState>, auth: Authenticated) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::DispatchWork)?;
    Ok(HttpResponse::Ok()
        .json(furrow_store::service::notifications::list(&state.store, &auth.actor).await?))
}
