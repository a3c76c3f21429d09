//! Product models (产品型号) with their technical parameters.

use crate::services::resource::{Answer, Resource};
use furrow_domain::Page;
use furrow_domain::master::{MachineCategory, ProductModelInput, ProductModelView};
use uuid::Uuid;

const MODELS: Resource = Resource::new("/product-models");

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
pub fn list(f: &ModelFilter) -> impl Answer<Page<ProductModelView>> {
    MODELS
        .list()
        .search(f.q.as_deref())
        .query_opt("category", f.category.map(MachineCategory::as_str))
        .query_opt("active", f.active)
        .page(f.limit, f.cursor.as_deref())
        .fetch()
}

/// Every model, following the cursor, for choice lists.
pub fn list_all() -> impl Answer<Vec<ProductModelView>> {
    MODELS.list_all()
}

/// `GET /product-models/{id}`.
pub fn get(id: Uuid) -> impl Answer<ProductModelView> {
    MODELS.get(id)
}

/// `POST /product-models`.
pub fn create(input: &ProductModelInput) -> impl Answer<ProductModelView> {
    MODELS.create(input)
}

/// `PUT /product-models/{id}` against `version`.
pub fn update(id: Uuid, version: i32, input: &ProductModelInput) -> impl Answer<ProductModelView> {
    MODELS.update(id, version, input)
}

/// `POST /product-models/{id}/deactivate` or `/activate` against `version`.
pub fn set_active(id: Uuid, version: i32, active: bool) -> impl Answer<ProductModelView> {
    MODELS.set_active(id, version, active)
}
