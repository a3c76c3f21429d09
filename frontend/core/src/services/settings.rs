//! Settings documents (`/settings`): the list with versions, and each typed
//! document at `/settings/{key}` (SLA, calendar, dispatch, service network).

use crate::services::requests::{ApiError, Call};
use furrow_domain::settings::{Setting, SettingSummary};

/// `GET /settings`: every document with its version (the ETag to send back).
pub async fn list() -> Result<Vec<SettingSummary>, ApiError> {
    Call::get("/settings").fetch().await
}

/// `GET /settings/{key}`: the document `S` as saved, or its defaults.
pub async fn get<S: Setting>() -> Result<S, ApiError> {
    Call::get(format!("/settings/{}", S::KEY)).fetch().await
}

/// `PUT /settings/{key}` with `If-Match: "<version>"`: a 412 when someone
/// saved in between, a 422 with field errors (`arrival_hours.critical`,
/// `years[0].workdays[1].date`...) when a value is refused.
pub async fn put<S: Setting>(version: i32, body: &S) -> Result<S, ApiError> {
    Call::put(format!("/settings/{}", S::KEY))
        .if_match(version)
        .json(body)
        .fetch()
        .await
}
