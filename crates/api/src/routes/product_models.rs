//! Product models (产品型号) with their technical parameters: a resource of
//! the record kit.

use crate::paging::Paging;
use crate::record_kit::{Docs, Exports, Resource, Routes};
use chrono::{DateTime, Utc};
use furrow_domain::master::{MachineCategory, ProductModelView};
use furrow_store::product_models::{ProductModelFilter, ProductModels};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(Exports::<ProductModels>::new())
        .service(Routes::<ProductModels>::new());
}

/// Filters of `GET /product-models`.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProductModelQuery {
    /// Part of the code or name.
    pub q: Option<String>,
    pub category: Option<MachineCategory>,
    pub active: Option<bool>,
    /// Only models changed at or after this time, oldest change first (for sync).
    pub updated_since: Option<DateTime<Utc>>,
}

impl Resource for ProductModels {
    const PATH: &'static str = "/product-models";
    const ONE: &'static str = "product_model";
    const MANY: &'static str = "product_models";
    const DOCS: Docs = Docs {
        list: "Lists product models by code or by a `sort` column.",
        create: "Creates a product model.",
        get: "One product model.",
        update: "Replaces a product model. Send the ETag as `If-Match`.",
        deactivate: "Deactivates a product model (no new machines of it).",
        activate: "Reactivates a product model.",
    };
    type Query = ProductModelQuery;
    const SORTABLE: &'static [&'static str] = &["code", "name", "category"];

    fn is_sync(q: &ProductModelQuery) -> bool {
        q.updated_since.is_some()
    }
    fn filter(q: ProductModelQuery, paging: &Paging) -> ProductModelFilter {
        ProductModelFilter {
            q: q.q,
            category: q.category,
            active: q.active,
            updated_since: q.updated_since,
            cursor: paging.cursor.clone(),
            limit: paging.limit,
        }
    }
    fn identity(m: &ProductModelView) -> (Uuid, i32) {
        (m.id, m.version)
    }
}
