//! Dealers: a resource of the record kit (a dealer user sees only its own).

use crate::record_kit::{Docs, Exports, Resource, Routes};
use furrow_domain::dealers::DealerView;
use furrow_store::dealers::Dealers;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(Exports::<Dealers>::new())
        .service(Routes::<Dealers>::new());
}

impl Resource for Dealers {
    const PATH: &'static str = "/dealers";
    const ONE: &'static str = "dealer";
    const MANY: &'static str = "dealers";
    const DOCS: Docs = Docs {
        list: "Lists dealers by code or by a `sort` column. A dealer user sees only its own dealer.",
        create: "Creates a dealer.",
        get: "One dealer (a dealer user sees only its own).",
        update: "Replaces a dealer's fields. Send the ETag as `If-Match`.",
        deactivate: "Deactivates a dealer.",
        activate: "Reactivates a dealer.",
    };
    const SORTABLE: &'static [&'static str] = &["code", "name", "region"];

    fn identity(d: &DealerView) -> (Uuid, i32) {
        (d.id, d.version)
    }
}
