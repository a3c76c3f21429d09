//! Customers (客户档案).

use crate::services::requests::{ApiError, Call};
use furrow_domain::Page;
use furrow_domain::archive::CustomerArchive;
use furrow_domain::master::{CustomerInput, CustomerKind, CustomerView};
use uuid::Uuid;

/// Filters and page of `GET /customers`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerFilter {
    /// Part of a name (Chinese or Latin), a phone number or a code.
    pub q: Option<String>,
    pub province: Option<String>,
    pub kind: Option<CustomerKind>,
    pub active: Option<bool>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// `GET /customers`.
pub async fn list(filter: &CustomerFilter) -> Result<Page<CustomerView>, ApiError> {
    Call::get("/customers")
        .query_opt("q", filter.q.as_deref().filter(|q| !q.trim().is_empty()))
        .query_opt(
            "province",
            filter.province.as_deref().filter(|p| !p.is_empty()),
        )
        .query_opt("kind", filter.kind.map(CustomerKind::as_str))
        .query_opt("active", filter.active)
        .query_opt("limit", filter.limit)
        .query_opt("cursor", filter.cursor.as_deref())
        .fetch()
        .await
}

/// `GET /customers/{id}`.
pub async fn get(id: Uuid) -> Result<CustomerView, ApiError> {
    Call::get(format!("/customers/{id}")).fetch().await
}

/// `GET /customers/{id}/archive`: the customer, their machines, their timeline.
pub async fn archive(id: Uuid) -> Result<CustomerArchive, ApiError> {
    Call::get(format!("/customers/{id}/archive")).fetch().await
}

/// `POST /customers`.
pub async fn create(input: &CustomerInput) -> Result<CustomerView, ApiError> {
    Call::post("/customers").json(input).fetch().await
}

/// `PUT /customers/{id}` against `version`.
pub async fn update(
    id: Uuid,
    version: i32,
    input: &CustomerInput,
) -> Result<CustomerView, ApiError> {
    Call::put(format!("/customers/{id}"))
        .if_match(version)
        .json(input)
        .fetch()
        .await
}

/// `POST /customers/{id}/deactivate` or `/activate` against `version`.
pub async fn set_active(id: Uuid, version: i32, active: bool) -> Result<CustomerView, ApiError> {
    let action = if active { "activate" } else { "deactivate" };
    Call::post(format!("/customers/{id}/{action}"))
        .if_match(version)
        .fetch()
        .await
}
