//! Furrow's business rules: the types every layer shares, the permission table,
//! state machines, SLA and KPI maths, and validation.
//!
//! No I/O, no async, no database: this crate compiles for native and for
//! `wasm32-unknown-unknown`, so the SPA decodes exactly what the API encodes.
//! Server-only derives (OpenAPI schemas) sit behind the `openapi` feature.

pub mod archive;
pub mod audit;
pub mod auth;
pub mod dealers;
pub mod import;
pub mod master;
pub mod page;
pub mod problem;
pub mod roles;
pub mod service;
pub mod users;
pub mod validation;

pub use page::Page;
pub use problem::{FieldError, Problem};
pub use roles::{Permission, Role};
