//! The signed-in user's home page: their work queues with live counts.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use furrow_domain::service::queues::HomeView;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(home);
}

/// The caller's work queues, most pressing first, each with how many records
/// it holds now in the caller's scope and the list (`list`, under `/api/v1`)
/// that returns exactly those records. Which queues a user has follows from
/// the permission table: the desk's open calls and requests waiting for first
/// contact; the supervisor's overdue and unassigned requests, reports to
/// review and signatures refused; the engineer's open work orders; a dealer's
/// open requests. A user whose roles hold no queue gets none.
#[utoipa::path(operation_id = "get_home", tag = "auth", responses((status = 200, body = HomeView)))]
#[get("/me/home")]
async fn home(state: web::Data<AppState>, auth: Authenticated) -> Result<HttpResponse, ApiError> {
    Ok(
        HttpResponse::Ok()
            .json(furrow_store::service::home::home(&state.store, &auth.actor).await?),
    )
}
