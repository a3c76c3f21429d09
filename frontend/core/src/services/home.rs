//! The home page's queues (`GET /me/home`).

use crate::services::requests::{ApiError, Call};
use furrow_domain::service::queues::HomeView;

/// `GET /me/home`: the caller's queues with live counts.
pub async fn get() -> Result<HomeView, ApiError> {
    Call::get("/me/home").fetch().await
}
