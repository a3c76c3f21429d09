//! Customers (客户档案): a resource of the record kit, plus the archive.
//! Dealer users see and change only their own dealer's customers; others
//! answer 404.

use crate::paging::Paging;
use crate::record_kit::{Docs, Exports, Plain, Resource, Routes, show};
use chrono::{DateTime, Utc};
use furrow_domain::RecordKind;
use furrow_domain::master::{CustomerKind, CustomerView};
use furrow_store::customers::{CustomerFilter, Customers};
use serde::Deserialize;
use utoipa::IntoParams;
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

/// Filters of `GET /customers`.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CustomerQuery {
    /// Part of the name, phone or code (Chinese or Latin).
    pub q: Option<String>,
    /// Province.
    pub province: Option<String>,
    pub dealer_id: Option<Uuid>,
    pub kind: Option<CustomerKind>,
    pub active: Option<bool>,
    /// Only customers changed at or after this time, oldest change first (for sync).
    pub updated_since: Option<DateTime<Utc>>,
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
    type Query = CustomerQuery;
    const SORTABLE: &'static [&'static str] = &["code", "name", "province", "phone"];

    fn is_sync(q: &CustomerQuery) -> bool {
        q.updated_since.is_some()
    }
    fn filter(q: CustomerQuery, paging: &Paging) -> CustomerFilter {
        CustomerFilter {
            q: q.q,
            province: q.province,
            dealer_id: q.dealer_id,
            kind: q.kind,
            active: q.active,
            updated_since: q.updated_since,
            cursor: paging.cursor.clone(),
            limit: paging.limit,
        }
    }
    fn identity(c: &CustomerView) -> (Uuid, i32) {
        (c.id, c.version)
    }
}
