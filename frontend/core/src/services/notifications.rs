//! Deadline alerts (`GET /notifications`) and which of them this user has
//! read. The alerts are worked out by the server from the running clocks; the
//! read marks are kept by the server too, per user, so they follow the user
//! to another device (issue #17).

use crate::services::requests::{ApiError, Call};
use furrow_domain::service::{MarkNotificationsRead, NotificationList};

/// `GET /notifications`: the alerts of the requests the caller sees, most
/// urgent first, each with whether the caller read it.
pub async fn list() -> Result<NotificationList, ApiError> {
    Call::get("/notifications").fetch().await
}

/// `POST /notifications/read`: marks the alerts `keys` read (every current
/// one when `None`); answers the list as after the marking.
pub async fn mark_read(keys: Option<Vec<String>>) -> Result<NotificationList, ApiError> {
    Call::post("/notifications/read")
        .json(&MarkNotificationsRead { keys })
        .fetch()
        .await
}
