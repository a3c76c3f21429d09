//! Follow-up calls (客户回访): the queue, one follow-up and its commands.

use crate::services::resource::{Answer, Resource};
use furrow_domain::Page;
use furrow_domain::service::follow_up::{
    FollowUpAttemptRequest, FollowUpCloseRequest, FollowUpOutcomeRequest, FollowUpQueue,
    FollowUpView,
};
use uuid::Uuid;

const FOLLOW_UPS: Resource = Resource::new("/follow-ups");

/// `GET /follow-ups?state=`, soonest due first (the finished tabs latest first).
pub fn list(state: FollowUpQueue) -> impl Answer<Page<FollowUpView>> {
    FOLLOW_UPS
        .list()
        .query("state", state.as_str())
        .query("limit", 100)
        .fetch()
}

/// `GET /follow-ups/{id}`.
pub fn get(id: Uuid) -> impl Answer<FollowUpView> {
    FOLLOW_UPS.get(id)
}

/// `POST /follow-ups/{id}/attempts`.
pub fn attempt(id: Uuid, version: i32, body: FollowUpAttemptRequest) -> impl Answer<FollowUpView> {
    FOLLOW_UPS
        .command(id, "attempts", version)
        .json(&body)
        .fetch()
}

/// `POST /follow-ups/{id}/outcome`: closes the request.
pub fn outcome(id: Uuid, version: i32, body: FollowUpOutcomeRequest) -> impl Answer<FollowUpView> {
    FOLLOW_UPS
        .command(id, "outcome", version)
        .json(&body)
        .fetch()
}

/// `POST /follow-ups/{id}/close-unreachable`.
pub fn close_unreachable(id: Uuid, version: i32) -> impl Answer<FollowUpView> {
    let body = FollowUpCloseRequest::default();
    FOLLOW_UPS
        .command(id, "close-unreachable", version)
        .json(&body)
        .fetch()
}

/// `GET /follow-ups?service_request_id=`: a request's follow-ups (one per
/// finished service), oldest first.
pub fn of_request(request_id: Uuid) -> impl Answer<Page<FollowUpView>> {
    FOLLOW_UPS
        .list()
        .query("service_request_id", request_id)
        .query("limit", 100)
        .fetch()
}
