//! Read marks of the deadline alerts (issue #17). An alert is a state of a
//! running clock, not a stored message, so what a user marks read is the
//! alert's key; the marks are kept per user on the server, so they follow
//! the user to another device.

use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use uuid::Uuid;

/// What identifies one alert: the request, its clock, the clock's due time
/// and whether it is due soon or overdue, so an alert that turns overdue, or a
/// clock that starts again with a new due time, is unread again.
pub fn key(request_id: Uuid, clock: &str, due_at: DateTime<Utc>, kind: &str) -> String {
    format!("{request_id}|{clock}|{}|{kind}", due_at.timestamp())
}

/// Which keys to store as read: those `asked` (all `current` when `None`)
/// that are among the `current` alerts of the user. Any other key is ignored:
/// it is an alert that is gone, someone else's or made up, and keeping only
/// current keys is what bounds the marks a user can have.
pub fn marks_to_add(current: &[String], asked: Option<&[String]>) -> Vec<String> {
    let current_set: BTreeSet<&String> = current.iter().collect();
    let chosen: BTreeSet<&String> = match asked {
        None => current_set,
        Some(asked) => asked.iter().filter(|k| current_set.contains(k)).collect(),
    };
    chosen.into_iter().cloned().collect()
}

/// How many of the alerts `keys` are not in `read`.
pub fn unread_count(keys: &[String], read: &BTreeSet<String>) -> u32 {
    u32::try_from(keys.iter().filter(|k| !read.contains(*k)).count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_key_changes_with_the_kind_and_the_due_time() {
        let id = Uuid::nil();
        let t = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let soon = key(id, "arrival", t, "due_soon");
        assert_eq!(
            soon,
            "00000000-0000-0000-0000-000000000000|arrival|1700000000|due_soon"
        );
        assert_ne!(soon, key(id, "arrival", t, "overdue"));
        assert_ne!(
            soon,
            key(id, "arrival", t + chrono::Duration::hours(1), "due_soon")
        );
    }

    #[test]
    fn only_current_keys_are_marked() {
        let current = keys(&["a", "b", "c"]);
        assert_eq!(marks_to_add(&current, None), keys(&["a", "b", "c"]));
        assert_eq!(
            marks_to_add(&current, Some(&keys(&["b", "gone", "b"]))),
            keys(&["b"])
        );
        assert!(marks_to_add(&current, Some(&[])).is_empty());
        assert!(marks_to_add(&[], None).is_empty());
    }

    #[test]
    fn unread_counts_the_keys_not_read() {
        let read: BTreeSet<String> = keys(&["a", "z"]).into_iter().collect();
        assert_eq!(unread_count(&keys(&["a", "b", "c"]), &read), 2);
        assert_eq!(unread_count(&[], &read), 0);
    }
}
