//! Notifications: the deadline alerts of the requests the caller sees.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use furrow_domain::service::NotificationView;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list);
}

/// Open requests whose running clock is overdue or due within the window of the
/// SLA settings (`due_soon_hours`), most urgent first, among the requests the
/// caller sees (the supervisor and the desk all, an engineer those of their
/// work orders, a dealer its own). Every signed-in user may ask; one who sees
/// no requests gets an empty list.
#[utoipa::path(operation_id = "list_notifications", tag = "service-requests", responses((status = 200, body = Vec<NotificationView>)))]
#[get("/notifications")]
async fn list(state: web::Data<AppState>, auth: Authenticated) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .json(furrow_store::service::notifications::list(&state.store, &auth.actor).await?))
}
