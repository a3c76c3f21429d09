//! Engineer profiles: skills by machine category, home base, availability.

use crate::services::requests::{ApiError, Call};
use furrow_domain::Page;
use furrow_domain::master::{EngineerProfileInput, EngineerView, MachineCategory};
use uuid::Uuid;

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
pub async fn list(filter: &EngineerFilter) -> Result<Page<EngineerView>, ApiError> {
    Call::get("/engineers")
        .query_opt("q", filter.q.as_deref().filter(|q| !q.trim().is_empty()))
        .query_opt("skill", filter.skill.map(MachineCategory::as_str))
        .query_opt("active", filter.active)
        .query_opt("limit", filter.limit)
        .query_opt("cursor", filter.cursor.as_deref())
        .fetch()
        .await
}

/// `GET /engineers/{user_id}`.
pub async fn get(user_id: Uuid) -> Result<EngineerView, ApiError> {
    Call::get(format!("/engineers/{user_id}")).fetch().await
}

/// `PUT /engineers/{user_id}` against `version` (0 before the first profile).
pub async fn put_profile(
    user_id: Uuid,
    version: i32,
    input: &EngineerProfileInput,
) -> Result<EngineerView, ApiError> {
    Call::put(format!("/engineers/{user_id}"))
        .if_match(version)
        .json(input)
        .fetch()
        .await
}
