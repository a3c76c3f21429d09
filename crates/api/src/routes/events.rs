//! The change feed: committed events in commit order, for other systems to
//! follow with a cursor.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use furrow_domain::feed::{FeedPage, FeedQuery};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(events);
}

/// The events committed after `after`, oldest first, that the caller may
/// see: the records its roles see (a dealer's or a dealer client's: its
/// dealer's requests, customers and machines), with only the fields its
/// readers may read. Store `next_cursor` once the page is handled and ask
/// again from it: nothing is missed or repeated, across restarts and
/// servers (positions are taken in commit order). An API client needs the
/// `events_read` scope.
#[utoipa::path(tag = "events", params(FeedQuery), responses(
    (status = 200, body = FeedPage),
    (status = 400, description = "A malformed cursor or a limit out of range (`invalid_cursor`)", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 403, description = "A client token without `events_read`", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[get("/events")]
async fn events(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<FeedQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_feed()?;
    let (after, limit) = query.parse().map_err(|e| ApiError::BadRequest {
        code: "invalid_cursor",
        detail: e
            .0
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; "),
    })?;
    let page = furrow_store::outbox::feed(&state.store, &auth.actor, after, limit).await?;
    Ok(HttpResponse::Ok().json(page))
}
