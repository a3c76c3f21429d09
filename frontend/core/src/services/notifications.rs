//! Deadline alerts (`GET /notifications`) and which of them this user has
//! read. The alerts are worked out by the server from the running clocks; the
//! read marks are kept in this browser, per user, since an alert is a state of
//! a clock rather than a stored message.

use crate::services::requests::{ApiError, Call};
use furrow_domain::service::NotificationView;
use gloo_storage::{LocalStorage, Storage};
use std::collections::BTreeSet;
use uuid::Uuid;

/// `GET /notifications`: the alerts of the requests the caller sees, most urgent first.
pub async fn list() -> Result<Vec<NotificationView>, ApiError> {
    Call::get("/notifications").fetch().await
}

/// What identifies one alert: the request, its clock, the clock's due time
/// and whether it is due soon or overdue, so an alert that turns overdue, or
/// a clock that starts again with a new due time, is unread again.
pub fn key(n: &NotificationView) -> String {
    format!(
        "{}|{}|{}|{}",
        n.request_id,
        n.clock,
        n.due_at.timestamp(),
        n.kind
    )
}

fn storage_key(user: Uuid) -> String {
    format!("furrow.notifications.read.{user}")
}

/// The alerts `user` has marked read in this browser.
pub fn read_marks(user: Uuid) -> BTreeSet<String> {
    LocalStorage::get::<BTreeSet<String>>(storage_key(user)).unwrap_or_default()
}

/// Marks `keys` read for `user`, forgetting marks of alerts that are gone
/// (`current` are the keys of the alerts shown now), so the store stays small.
pub fn mark_read(user: Uuid, keys: &[String], current: &[String]) -> BTreeSet<String> {
    let mut marks: BTreeSet<String> = read_marks(user)
        .into_iter()
        .filter(|k| current.contains(k))
        .collect();
    marks.extend(keys.iter().cloned());
    // A browser that refuses storage only loses the marks, not the alerts.
    let _ = LocalStorage::set(storage_key(user), &marks);
    marks
}
