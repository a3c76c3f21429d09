//! Product models (产品型号) with their technical parameters.

use crate::services::resource::{Answer, Resource};
use furrow_domain::Page;
use furrow_domain::master::{ProductModelFilters, ProductModelInput, ProductModelView};
use uuid::Uuid;

const MODELS: Resource = Resource::new("/product-models");

/// `GET /product-models`: the page from `cursor` of the models `filters` select.
pub fn list(
    filters: &ProductModelFilters,
    limit: Option<u64>,
    cursor: Option<&str>,
) -> impl Answer<Page<ProductModelView>> {
    MODELS.list().filters(filters).page(limit, cursor).fetch()
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
