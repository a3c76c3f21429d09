//! Product models (产品型号) with their technical parameters.

use crate::services::resource::{Answer, Resource};
use furrow_domain::master::ProductModelView;

const MODELS: Resource = Resource::new("/product-models");

/// Every model, following the cursor, for choice lists.
pub fn list_all() -> impl Answer<Vec<ProductModelView>> {
    MODELS.list_all()
}
