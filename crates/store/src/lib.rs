//! Furrow's persistence on sea-orm: SQLite (embedded default) and PostgreSQL
//! from the same code.
//!
//! Repositories are plain async functions over a [`Store`] (or an open write
//! transaction); they apply the `domain` rules and the actor's object scope in
//! their queries, write the audit event in the same transaction, and return
//! `domain` types. Handlers never see an entity.

pub mod absences;
pub mod api_clients;
pub mod archives;
pub mod audit;
pub mod bulk;
pub mod certificates;
pub mod clock;
pub mod cursor;
pub mod customers;
pub mod db;
pub mod dealers;
pub mod demo;
pub mod engineers;
pub(crate) mod entities;
pub mod error;
pub mod idempotency;
pub mod import;
pub mod inventory_analysis;
pub mod kpis;
pub(crate) mod labels;
pub mod listing;
pub mod machines;
pub mod outbox;
pub mod parts;
pub mod parts_wait;
pub mod password;
pub mod pipeline;
pub mod product_models;
pub mod purchasing;
pub mod record_kit;
pub mod requisitions;
pub mod sequences;
pub mod service;
pub mod sessions;
pub mod settings;
pub mod shortages;
pub mod sqlite_process;
pub mod stock;
pub mod stocktakes;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod ttl_cache;
pub mod users;
pub mod versioned;
pub mod warehouses;
pub(crate) mod warranty;
pub mod webhooks;

pub use db::{Backend, Store, WriteTx};
pub use error::StoreError;
pub use listing::Listing;
