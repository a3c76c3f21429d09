//! Customers (客户档案).

use crate::services::resource::{Answer, Resource};
use furrow_domain::Page;
use furrow_domain::archive::CustomerArchive;
use furrow_domain::master::{CustomerFilters, CustomerInput, CustomerView};
use uuid::Uuid;

const CUSTOMERS: Resource = Resource::new("/customers");

/// `GET /customers`: the page from `cursor` of the customers `filters` select.
pub fn list(
    filters: &CustomerFilters,
    limit: Option<u64>,
    cursor: Option<&str>,
) -> impl Answer<Page<CustomerView>> {
    CUSTOMERS
        .list()
        .filters(filters)
        .page(limit, cursor)
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
