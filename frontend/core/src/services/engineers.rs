//! Engineer profiles: skills by machine category, home base, availability.

use crate::services::resource::{Answer, Resource};
use furrow_domain::Page;
use furrow_domain::master::{EngineerFilters, EngineerProfileInput, EngineerView};
use uuid::Uuid;

const ENGINEERS: Resource = Resource::new("/engineers");

/// `GET /engineers`: the page from `cursor` of the engineers `filters` select.
pub fn list(
    filters: &EngineerFilters,
    limit: Option<u64>,
    cursor: Option<&str>,
) -> impl Answer<Page<EngineerView>> {
    ENGINEERS
        .list()
        .filters(filters)
        .page(limit, cursor)
        .fetch()
}

/// `GET /engineers/{user_id}`.
pub fn get(user_id: Uuid) -> impl Answer<EngineerView> {
    ENGINEERS.get(user_id)
}

/// `PUT /engineers/{user_id}` against `version` (0 before the first profile).
pub fn put_profile(
    user_id: Uuid,
    version: i32,
    input: &EngineerProfileInput,
) -> impl Answer<EngineerView> {
    ENGINEERS.update(user_id, version, input)
}
