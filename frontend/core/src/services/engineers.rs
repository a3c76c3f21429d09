//! Engineer profiles: skills by machine category, home base, availability.

use crate::services::resource::{Answer, Resource};
use furrow_domain::Page;
use furrow_domain::master::{EngineerProfileInput, EngineerView, MachineCategory};
use uuid::Uuid;

const ENGINEERS: Resource = Resource::new("/engineers");

/// Filters and page of `GET /engineers`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EngineerFilter {
    pub q: Option<String>,
    pub skill: Option<MachineCategory>,
    pub active: Option<bool>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// `GET /engineers`.
pub fn list(f: &EngineerFilter) -> impl Answer<Page<EngineerView>> {
    ENGINEERS
        .list()
        .search(f.q.as_deref())
        .query_opt("skill", f.skill.map(MachineCategory::as_str))
        .query_opt("active", f.active)
        .page(f.limit, f.cursor.as_deref())
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
