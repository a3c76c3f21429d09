//! Product models (产品型号) with their technical parameters: a resource of
//! the record kit.

use crate::record_kit::{Docs, Exports, Resource, Routes};
use furrow_domain::master::ProductModelView;
use furrow_store::product_models::ProductModels;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(Exports::<ProductModels>::new())
        .service(Routes::<ProductModels>::new());
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
    const SORTABLE: &'static [&'static str] = &["code", "name", "category"];

    fn identity(m: &ProductModelView) -> (Uuid, i32) {
        (m.id, m.version)
    }
}
