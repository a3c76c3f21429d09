//! Notifications: the deadline alerts of the requests the caller sees, and
//! the caller's read marks of them.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use furrow_domain::service::{MarkNotificationsRead, NotificationList};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list);
    cfg.service(mark_read);
}

/// Open requests whose running clock is overdue or due within the window of the
/// SLA settings (`due_soon_hours`), most urgent first, among the requests the
/// caller sees (the supervisor and the desk all, an engineer those of their
/// work orders, a dealer its own), each with whether the caller has marked it
/// read, and how many are unread. Every signed-in user may ask; one who sees
/// no requests gets an empty list.
#[utoipa::path(operation_id = "list_notifications", tag = "service-requests", responses((status = 200, body = NotificationList)))]
#[get("/notifications")]
async fn list(state: web::Data<AppState>, auth: Authenticated) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .json(furrow_store::service::notifications::list(&state.store, &auth.actor).await?))
}

/// Marks the caller's own alerts read: those whose `key`s are given, or every
/// current alert when `keys` is left out (`{}`). Keys that are not among the
/// caller's current alerts are ignored, and marking twice changes nothing.
/// The marks are the caller's: nobody marks another user's alerts. Marks of
/// alerts that are gone are forgotten. Answers the list as after the marking.
#[utoipa::path(operation_id = "mark_notifications_read", tag = "service-requests", request_body = MarkNotificationsRead,
    responses((status = 200, body = NotificationList)))]
#[post("/notifications/read")]
async fn mark_read(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: web::Json<MarkNotificationsRead>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(
        furrow_store::service::notifications::mark_read(
            &state.store,
            &auth.actor,
            body.keys.as_deref(),
        )
        .await?,
    ))
}
