//! Customers (客户档案).

use crate::services::resource::{Answer, Resource};
use furrow_domain::Page;
use furrow_domain::archive::CustomerArchive;
use furrow_domain::master::{CustomerInput, CustomerKind, CustomerView};
use uuid::Uuid;

const CUSTOMERS: Resource = Resource::new("/customers");

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
pub fn list(f: &CustomerFilter) -> impl Answer<Page<CustomerView>> {
    CUSTOMERS
        .list()
        .search(f.q.as_deref())
        .query_opt("province", f.province.as_deref().filter(|p| !p.is_empty()))
        .query_opt("kind", f.kind.map(CustomerKind::as_str))
        .query_opt("active", f.active)
        .page(f.limit, f.cursor.as_deref())
        .fetch()
}

/// `GET /customers/{id}`.
pub fn get(id: Uuid) -> impl Answer<CustomerView> {
    CUSTOMERS.get(id)
}

/// `GET /customers/{id}/archive`: the customer, their machines, their timeline.
pub fn archive(id: Uuid) -> impl Answer<CustomerArchive> {
    CUSTOMERS.sub(id, "archive")
}

/// `POST /customers`.
pub fn create(input: &CustomerInput) -> impl Answer<CustomerView> {
    CUSTOMERS.create(input)
}

/// `PUT /customers/{id}` against `version`.
pub fn update(id: Uuid, version: i32, input: &CustomerInput) -> impl Answer<CustomerView> {
    CUSTOMERS.update(id, version, input)
}

/// `POST /customers/{id}/deactivate` or `/activate` against `version`.
pub fn set_active(id: Uuid, version: i32, active: bool) -> impl Answer<CustomerView> {
    CUSTOMERS.set_active(id, version, active)
}
