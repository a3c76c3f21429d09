//! Product models (产品型号) with their technical parameters.

use crate::services::requests::{ApiError, Call};
use furrow_domain::Page;
use furrow_domain::master::{MachineCategory, ProductModelInput, ProductModelView};
use furrow_domain::page::MAX_PAGE_SIZE;
use uuid::Uuid;

/// At most this many pages are read by [`list_all`] (a choice list, not a report).
const MAX_PAGES: usize = 20;

/// Filters and page of `GET /product-models`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelFilter {
    pub q: Option<String>,
    pub category: Option<MachineCategory>,
    pub active: Option<bool>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// `GET /product-models`.
pub async fn list(filter: &ModelFilter) -> Result<Page<ProductModelView>, ApiError> {
    Call::get("/product-models")
        .query_opt("q", filter.q.as_deref().filter(|q| !q.trim().is_empty()))
        .query_opt("category", filter.category.map(MachineCategory::as_str))
        .query_opt("active", filter.active)
        .query_opt("limit", filter.limit)
        .query_opt("cursor", filter.cursor.as_deref())
        .fetch()
        .await
}

/// Every model, following the cursor, for choice lists.
pub async fn list_all() -> Result<Vec<ProductModelView>, ApiError> {
    let mut all = Vec::new();
    let mut filter = ModelFilter {
        limit: Some(MAX_PAGE_SIZE),
        ..ModelFilter::default()
    };
    for _ in 0..MAX_PAGES {
        let page = list(&filter).await?;
        all.extend(page.items);
        match page.next_cursor {
            Some(c) => filter.cursor = Some(c),
            None => break,
        }
    }
    Ok(all)
}

/// `GET /product-models/{id}`.
pub async fn get(id: Uuid) -> Result<ProductModelView, ApiError> {
    Call::get(format!("/product-models/{id}")).fetch().await
}

/// `POST /product-models`.
pub async fn create(input: &ProductModelInput) -> Result<ProductModelView, ApiError> {
    Call::post("/product-models").json(input).fetch().await
}

/// `PUT /product-models/{id}` against `version`.
pub async fn update(
    id: Uuid,
    version: i32,
    input: &ProductModelInput,
) -> Result<ProductModelView, ApiError> {
    Call::put(format!("/product-models/{id}"))
        .if_match(version)
        .json(input)
        .fetch()
        .await
}

/// `POST /product-models/{id}/deactivate` or `/activate` against `version`.
pub async fn set_active(
    id: Uuid,
    version: i32,
    active: bool,
) -> Result<ProductModelView, ApiError> {
    let action = if active { "activate" } else { "deactivate" };
    Call::post(format!("/product-models/{id}/{action}"))
        .if_match(version)
        .fetch()
        .await
}
