//! The HTTP face of the store's record kit: one generic set of handlers (list,
//! create, get, update with `If-Match`, deactivate, activate) and their OpenAPI
//! operations for every master resource. A resource says where it lives and
//! the words of its documentation (its query is the record's domain filters);
//! who may read and change it is the permission table's row for its
//! [`Record::KIND`]; `Routes::<R>::new()` registers the rest.

mod document;
mod export;
mod handlers;
mod operation;

pub(crate) use export::one_order_export;
pub use export::{Export, ExportFormat, ExportQuery, Exports, one_order_listing};
pub use operation::{
    Body, Created, Gate, Many, Op, Plain, Reply, Versioned, command, command_bare, command_with,
    list, one_order, read, show,
};

use crate::error::ApiError;
use furrow_store::record_kit::{Order, Record};
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
pub trait Resource:
    Record<
        View: Serialize + ToSchema,
        Input: DeserializeOwned + ToSchema,
        Filters: DeserializeOwned + IntoParams + Clone + 'static,
    >
{
    /// The collection's path (`/product-models`).
    const PATH: &'static str;
    /// The OpenAPI tag: the path without its slash, as every operation
    /// of the API is tagged by its path's first segment.
    const TAG: &'static str = Self::PATH.split_at(1).1;
    /// One record, in operation ids (`create_product_model`).
    const ONE: &'static str;
    /// The collection, in the list's operation id and cursors (`product_models`).
    const MANY: &'static str;
    const DOCS: Docs;
    /// The columns the list may be sorted by (`?sort=name&dir=desc`), by the
    /// names clients use: text columns that are never empty, so each row has
    /// a key for the keyset. Empty when only the default order is offered.
    const SORTABLE: &'static [&'static str] = &[];

    /// The id and version of a view (its Location and ETag).
    fn identity(view: &Self::View) -> (Uuid, i32);
}

/// Which way a sorted list runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortDir {
    #[default]
    Asc,
    Desc,
}

/// The order a list was asked for: `sort` names one of the resource's
/// sortable columns, `dir` its direction (ascending by default).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SortQuery {
    pub sort: Option<String>,
    pub dir: Option<SortDir>,
}

impl SortQuery {
    /// The store's order for resource `R` and the suffix of the list's name
    /// its cursors are sealed with (a cursor of one order is refused by
    /// another); 400 `invalid_sort` for a column `R` does not sort by, or a
    /// sort asked of the sync order.
    pub fn order<R: Resource>(
        &self,
        sync: bool,
    ) -> Result<Option<(Order<'static>, String)>, ApiError> {
        let Some(name) = self.sort.as_deref() else {
            return Ok(None);
        };
        if sync {
            return Err(ApiError::BadRequest {
                code: "invalid_sort",
                detail: "`updated_since` lists by last change; it takes no `sort`".into(),
            });
        }
        let Some(column) = R::SORTABLE.iter().copied().find(|n| *n == name) else {
            let names = R::SORTABLE;
            return Err(ApiError::BadRequest {
                code: "invalid_sort",
                detail: format!(
                    "{} cannot be sorted by `{name}`; sortable: {}",
                    R::MANY,
                    if names.is_empty() {
                        "none".to_owned()
                    } else {
                        names.join(", ")
                    }
                ),
            });
        };
        let descending = self.dir.unwrap_or_default() == SortDir::Desc;
        let suffix = format!("sort.{name}.{}", if descending { "desc" } else { "asc" });
        Ok(Some((Order { column, descending }, suffix)))
    }
}

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
