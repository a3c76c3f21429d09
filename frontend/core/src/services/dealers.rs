//! Dealers (经销商).

use crate::services::resource::{Answer, Resource};
use furrow_domain::dealers::DealerView;

const DEALERS: Resource = Resource::new("/dealers");

/// Every dealer, following the cursor, for choice lists and name lookups.
pub fn list_all() -> impl Answer<Vec<DealerView>> {
    DEALERS.list_all()
}
