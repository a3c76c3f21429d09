//! The HTTP face of the store's record kit: one generic set of handlers (list,
//! create, get, update with `If-Match`, deactivate, activate) and their OpenAPI
//! operations for every master resource. A resource says where it lives, who
//! may read and write it, how its query becomes the store's filter and the
//! words of its documentation; `Routes::<R>::new()` registers the rest.

mod document;
mod handlers;

use crate::paging::Paging;
use furrow_domain::Permission;
use furrow_store::record_kit::Record;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::marker::PhantomData;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// The summaries of a resource's operations, as its API documentation shows them.
#[derive(Debug, Clone, Copy)]
pub struct Docs {
    pub list: &'static str,
    pub create: &'static str,
    pub get: &'static str,
    pub update: &'static str,
    pub deactivate: &'static str,
    pub activate: &'static str,
}

/// A master record served under `/api/v1`.
pub trait Resource: Record<View: Serialize + ToSchema, Input: DeserializeOwned + ToSchema> {
    /// The collection's path (`/product-models`).
    const PATH: &'static str;
    /// The OpenAPI tag.
    const TAG: &'static str;
    /// One record, in operation ids (`create_product_model`).
    const ONE: &'static str;
    /// The collection, in the list's operation id and cursors (`product_models`).
    const MANY: &'static str;
    /// Needed to read.
    const READ: Permission;
    /// Needed to create, change and (de)activate.
    const WRITE: Permission;
    const DOCS: Docs;
    /// The list's filters in the query string (its paging is
    /// [`crate::paging::PageQuery`]).
    type Query: DeserializeOwned + IntoParams + 'static;

    /// Whether a query asks for the sync order (`updated_since`), whose
    /// cursors are another list's.
    fn is_sync(_query: &Self::Query) -> bool {
        false
    }
    /// The store's filter of a query, at the checked paging.
    fn filter(query: Self::Query, paging: &Paging) -> Self::Filter;
    /// The id and version of a view (its Location and ETag).
    fn identity(view: &Self::View) -> (Uuid, i32);
}

/// The query of a list without filters of its own.
#[derive(Debug, Deserialize, IntoParams)]
pub struct NoFilters {}

/// The routes and operations of resource `R`, for `ServiceConfig::service`.
pub struct Routes<R>(PhantomData<R>);

impl<R: Resource> Routes<R> {
    pub fn new() -> Self {
        Self(PhantomData)
    }
}

impl<R: Resource> Default for Routes<R> {
    fn default() -> Self {
        Self::new()
    }
}
