//! Customers (客户档案).

use crate::services::resource::{Answer, Resource};
use furrow_domain::archive::CustomerArchive;
use furrow_domain::master::CustomerView;
use uuid::Uuid;

const CUSTOMERS: Resource = Resource::new("/customers");

/// `GET /customers/{id}`.
pub fn get(id: Uuid) -> impl Answer<CustomerView> {
    CUSTOMERS.get(id)
}

/// `GET /customers/{id}/archive`: the customer, their machines, their timeline.
pub fn archive(id: Uuid) -> impl Answer<CustomerArchive> {
    CUSTOMERS.sub(id, "archive")
}
