//! What every API collection answers the same way: one item by id, its
//! sub-documents and commands, create, update against a version,
//! (de)activation, and every page of the list for a choice list. The
//! per-resource modules keep only their own filters and endpoints.
//!
//! The functions return the call's future rather than being `async`, so the
//! thin per-resource functions add no state machine of their own to the wasm.

use crate::services::requests::{ApiError, Call};
use furrow_domain::Page;
use furrow_domain::page::MAX_PAGE_SIZE;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;
use uuid::Uuid;

/// At most this many pages are read by [`Resource::list_all`] (a choice
/// list, not a report).
const MAX_PAGES: usize = 20;

/// An API call's answer decoded as `T`: what the resource functions return.
pub trait Answer<T>: Future<Output = Result<T, ApiError>> {}

impl<T, F: Future<Output = Result<T, ApiError>>> Answer<T> for F {}

/// An API collection such as `/customers`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resource {
    path: &'static str,
}

impl Resource {
    pub const fn new(path: &'static str) -> Self {
        Resource { path }
    }

    /// `GET {path}`, to which the resource's filters are added.
    pub fn list(self) -> Call {
        Call::get(self.path)
    }

    /// `{path}/{id}`, or `{path}/{id}/{tail}` when `tail` is not empty.
    fn at(self, id: Uuid, tail: &str) -> String {
        if tail.is_empty() {
            format!("{}/{id}", self.path)
        } else {
            format!("{}/{id}/{tail}", self.path)
        }
    }

    /// `GET {path}/{id}`.
    pub fn get<T: DeserializeOwned>(self, id: Uuid) -> impl Answer<T> {
        self.sub(id, "")
    }

    /// `GET {path}/{id}/{tail}`: a document of one item (`archive`, `timeline`).
    pub fn sub<T: DeserializeOwned>(self, id: Uuid, tail: &str) -> impl Answer<T> + use<T> {
        Call::get(self.at(id, tail)).fetch()
    }

    /// `POST {path}` with `input` as JSON and the form's `Idempotency-Key`
    /// ([`Call::idempotent`]): a doubled or retried submission creates once.
    pub fn create<I: Serialize, T: DeserializeOwned>(
        self,
        input: &I,
        nonce: &str,
    ) -> impl Answer<T> + use<I, T> {
        Call::post(self.path).json(input).idempotent(nonce).fetch()
    }

    /// `PUT {path}/{id}` with `input` as JSON, against `version`.
    pub fn update<I: Serialize, T: DeserializeOwned>(
        self,
        id: Uuid,
        version: i32,
        input: &I,
    ) -> impl Answer<T> + use<I, T> {
        self.put(id, "", version, input)
    }

    /// `PUT {path}/{id}/{tail}` with `input` as JSON, against `version`: a
    /// document of one item (a work order's report).
    pub fn put<I: Serialize, T: DeserializeOwned>(
        self,
        id: Uuid,
        tail: &str,
        version: i32,
        input: &I,
    ) -> impl Answer<T> + use<I, T> {
        Call::put(self.at(id, tail))
            .if_match(version)
            .json(input)
            .fetch()
    }

    /// `PATCH {path}/{id}` with the changed fields of `input` as JSON, against
    /// `version`.
    pub fn patch<I: Serialize, T: DeserializeOwned>(
        self,
        id: Uuid,
        version: i32,
        input: &I,
    ) -> impl Answer<T> + use<I, T> {
        Call::patch(self.at(id, ""))
            .if_match(version)
            .json(input)
            .fetch()
    }

    /// `POST {path}/{id}/{action}`; the caller adds what the action takes.
    pub fn post(self, id: Uuid, action: &str) -> Call {
        Call::post(self.at(id, action))
    }

    /// `POST {path}/{id}/{action}` against `version`; the caller adds a JSON
    /// body when the command takes one.
    pub fn command(self, id: Uuid, action: &str, version: i32) -> Call {
        self.post(id, action).if_match(version)
    }

    /// `POST {path}/{id}/activate` or `/deactivate` against `version`.
    pub fn set_active<T: DeserializeOwned>(
        self,
        id: Uuid,
        version: i32,
        active: bool,
    ) -> impl Answer<T> {
        let action = if active { "activate" } else { "deactivate" };
        self.command(id, action, version).fetch()
    }

    /// `GET {path}` at `cursor`, with the largest page the API gives.
    pub fn page<T: DeserializeOwned>(self, cursor: Option<&str>) -> impl Answer<Page<T>> + use<T> {
        self.list()
            .query("limit", MAX_PAGE_SIZE)
            .query_opt("cursor", cursor)
            .fetch()
    }

    /// Every item, following the cursor (at most [`MAX_PAGES`] pages), for
    /// choice lists and name lookups.
    pub async fn list_all<T: DeserializeOwned>(self) -> Result<Vec<T>, ApiError> {
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let page: Page<T> = self.page(cursor.as_deref()).await?;
            all.extend(page.items);
            match page.next_cursor {
                Some(c) => cursor = Some(c),
                None => break,
            }
        }
        Ok(all)
    }
}
