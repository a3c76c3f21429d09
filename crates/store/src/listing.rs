//! What a list call asks for: the list's filters (the domain's, as the API
//! reads them from the query string), its order when it has more than one,
//! and where the page starts and how long it is.

/// A page request of one list.
#[derive(Debug, Clone, Default)]
pub struct Listing<F, S = ()> {
    /// Which records.
    pub filters: F,
    /// The list's own order, for lists that offer more than one.
    pub sort: S,
    /// The store position from the previous page (opened by the API).
    pub cursor: Option<String>,
    /// The page size asked for; the default size when absent.
    pub limit: Option<u64>,
}

impl<F, S: Default> Listing<F, S> {
    /// The first page of `filters` in the list's default order and size.
    pub fn of(filters: F) -> Self {
        Self {
            filters,
            sort: S::default(),
            cursor: None,
            limit: None,
        }
    }
}
