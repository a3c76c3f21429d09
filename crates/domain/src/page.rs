//! Keyset pagination: a page of items and the opaque cursor of the next one.

use serde::{Deserialize, Serialize};

/// Largest page a client may ask for.
pub const MAX_PAGE_SIZE: u64 = 200;
/// Page size when the client does not say.
pub const DEFAULT_PAGE_SIZE: u64 = 50;

/// One page of a list. Pass `next_cursor` back as `cursor` for the next page;
/// it is absent on the last page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    /// The items of this page, in the list's order.
    pub items: Vec<T>,
    /// Cursor of the next page; absent when this is the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// How many records the list's filters select in all, over every page;
    /// present only when the request asked for it with `total=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
}

impl<T> Page<T> {
    /// A page without its total (the client did not ask for it).
    pub fn new(items: Vec<T>, next_cursor: Option<String>) -> Self {
        Self {
            items,
            next_cursor,
            total: None,
        }
    }
}

/// Whether a page size a client asked for is allowed (`1..=MAX_PAGE_SIZE`);
/// the API refuses others instead of silently changing them.
pub fn limit_allowed(requested: u64) -> bool {
    (1..=MAX_PAGE_SIZE).contains(&requested)
}

/// Clamps a requested page size into `1..=MAX_PAGE_SIZE`.
pub fn clamp_limit(requested: Option<u64>) -> u64 {
    requested
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .clamp(1, MAX_PAGE_SIZE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_size_defaults_and_is_bounded() {
        assert_eq!(clamp_limit(None), DEFAULT_PAGE_SIZE);
        assert_eq!(clamp_limit(Some(0)), 1);
        assert_eq!(clamp_limit(Some(10_000)), MAX_PAGE_SIZE);
        assert_eq!(clamp_limit(Some(7)), 7);
        assert!(!limit_allowed(0) && limit_allowed(1) && limit_allowed(MAX_PAGE_SIZE));
        assert!(!limit_allowed(MAX_PAGE_SIZE + 1));
    }
}
