//! Dealers (经销商).

use crate::services::resource::{Answer, Resource};
use furrow_domain::Page;
use furrow_domain::dealers::{DealerInput, DealerView};
use uuid::Uuid;

const DEALERS: Resource = Resource::new("/dealers");

/// `GET /dealers`, one page.
pub fn list(cursor: Option<&str>) -> impl Answer<Page<DealerView>> {
    DEALERS.page(cursor)
}

/// Every dealer, following the cursor, for choice lists and name lookups.
pub fn list_all() -> impl Answer<Vec<DealerView>> {
    DEALERS.list_all()
}

/// `GET /dealers/{id}`.
pub fn get(id: Uuid) -> impl Answer<DealerView> {
    DEALERS.get(id)
}

/// `POST /dealers`.
pub fn create(input: &DealerInput) -> impl Answer<DealerView> {
    DEALERS.create(input)
}

/// `PUT /dealers/{id}` against `version`.
pub fn update(id: Uuid, version: i32, input: &DealerInput) -> impl Answer<DealerView> {
    DEALERS.update(id, version, input)
}

/// `POST /dealers/{id}/deactivate` or `/activate` against `version`.
pub fn set_active(id: Uuid, version: i32, active: bool) -> impl Answer<DealerView> {
    DEALERS.set_active(id, version, active)
}
