//! The change feed (`GET /events`): the outbox's committed events, oldest
//! first, each with the cursor to read on from.
//!
//! The cursor is the event's position in commit order (the outbox's
//! `sequence`, taken from a counter whose row stays locked until the writing
//! transaction ends: see `furrow_store::outbox`), written as a decimal
//! string. A caller that stores the last `next_cursor` it got and asks again
//! from it misses nothing and sees nothing twice, across restarts and
//! servers. The feed is filtered per caller, so a cursor names only a
//! position: one obtained by another client reveals nothing and is valid.

use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Events per page when the caller does not say.
pub const DEFAULT_LIMIT: u64 = 100;
/// The most events per page.
pub const MAX_LIMIT: u64 = 200;

/// `GET /events` query.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct FeedQuery {
    /// The `next_cursor` of the page before; absent or `0`: from the start.
    pub after: Option<String>,
    /// Events to scan, 1-200 (default 100); a page may hold fewer when some
    /// are not the caller's to see.
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u64>,
}

impl FeedQuery {
    /// The position to read after and the page size, or the field errors
    /// (a malformed cursor, a limit out of range).
    pub fn parse(&self) -> Result<(i64, u64), ValidationErrors> {
        let mut v = Validator::new();
        let after = match self.after.as_deref().map(str::trim) {
            None | Some("") => 0,
            Some(s) => match s.parse::<i64>() {
                Ok(n) if n >= 0 && s.bytes().all(|b| b.is_ascii_digit()) => n,
                _ => {
                    v.error("after", "invalid", "not a cursor of this feed");
                    0
                }
            },
        };
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            v.error("limit", "out_of_range", format!("1 to {MAX_LIMIT}"));
        }
        v.finish().map(|()| (after, limit))
    }
}

/// A cursor as the caller sees it.
pub fn cursor(position: i64) -> String {
    position.to_string()
}

/// One committed event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedEvent {
    /// This event's position: reading after it gives the ones that follow.
    #[cfg_attr(feature = "openapi", schema(example = "42"))]
    pub cursor: String,
    /// The event's id (the same event in the record's history).
    pub id: Uuid,
    /// What happened (`created`, `dispatched`, `checked_in`...).
    pub kind: String,
    /// The kind of record (`service_request`, `customer`...).
    pub record_kind: String,
    pub record_id: Uuid,
    pub at: DateTime<Utc>,
    /// The event's data, as much of it as the caller may read.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub data: serde_json::Value,
}

/// `GET /events` answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedPage {
    pub events: Vec<FeedEvent>,
    /// Where to read on from; store it once the events are handled. Equal to
    /// `after` when nothing new has been committed.
    pub next_cursor: String,
    /// Whether more events were committed after this page.
    pub has_more: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(after: Option<&str>, limit: Option<u64>) -> FeedQuery {
        FeedQuery {
            after: after.map(str::to_owned),
            limit,
        }
    }

    #[test]
    fn cursors_and_limits_are_read_or_refused_clearly() {
        assert_eq!(q(None, None).parse().unwrap(), (0, DEFAULT_LIMIT));
        assert_eq!(q(Some("42"), Some(5)).parse().unwrap(), (42, 5));
        assert_eq!(cursor(42), "42");
        for bad in ["-1", "abc", "+4", "1e3", "99999999999999999999"] {
            assert_eq!(
                q(Some(bad), None).parse().unwrap_err().fields(),
                vec!["after"],
                "{bad}"
            );
        }
        assert_eq!(
            q(None, Some(0)).parse().unwrap_err().fields(),
            vec!["limit"]
        );
        assert_eq!(
            q(None, Some(201)).parse().unwrap_err().fields(),
            vec!["limit"]
        );
    }
}
