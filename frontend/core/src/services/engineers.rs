//! Engineer profiles: skills by machine category, home base, availability.

use crate::services::resource::{Answer, Resource};
use furrow_domain::master::{EngineerProfileInput, EngineerView};
use uuid::Uuid;

const ENGINEERS: Resource = Resource::new("/engineers");

/// `PUT /engineers/{user_id}` against `version` (0 before the first profile).
pub fn put_profile(
    user_id: Uuid,
    version: i32,
    input: &EngineerProfileInput,
) -> impl Answer<EngineerView> {
    ENGINEERS.update(user_id, version, input)
}
