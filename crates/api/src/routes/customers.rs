//! Customers (客户档案): a resource of the record kit, plus the archive.
//! Dealer users see and change only their own dealer's customers; others
//! answer 404.

use crate::record_kit::{Docs, Exports, Plain, Resource, Routes, show};
use furrow_domain::RecordKind;
use furrow_domain::master::CustomerView;
use furrow_store::customers::Customers;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(Exports::<Customers>::new())
        .service(Routes::<Customers>::new())
        .service(show(
            "/customers/{id}/archive",
            "get_customer_archive",
            RecordKind::Customer,
            "The customer archive: the customer, their machines and their timeline.",
            async |store, actor, id| {
                furrow_store::archives::customer(store, actor, id)
                    .await
                    .map(Plain)
            },
        ));
}

impl Resource for Customers {
    const PATH: &'static str = "/customers";
    const ONE: &'static str = "customer";
    const MANY: &'static str = "customers";
    const DOCS: Docs = Docs {
        list: "Lists customers by code, by a `sort` column, or by last change with `updated_since`.",
        create: "Creates a customer. A dealer user's customers belong to its dealer.",
        get: "One customer.",
        update: "Replaces a customer's fields. Send the ETag as `If-Match`.",
        deactivate: "Deactivates a customer (kept with its history, hidden from pickers).",
        activate: "Reactivates a customer.",
    };
    const SORTABLE: &'static [&'static str] = &["code", "name", "province", "phone"];

    fn identity(c: &CustomerView) -> (Uuid, i32) {
        (c.id, c.version)
    }
}
