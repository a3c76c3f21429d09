//! Furrow's business rules: the types every layer shares, the permission table,
//! state machines, SLA and KPI maths, and validation.
//!
//! No I/O, no async, no database: this crate compiles for native and for
//! `wasm32-unknown-unknown`, so the SPA decodes exactly what the API encodes.
//! Server-only derives (OpenAPI schemas) sit behind the `openapi` feature.

/// A fieldless enum with one wire name per variant: serde (snake_case), the
/// OpenAPI schema, `as_str`, `parse`, `ALL` and `Display` all read the same
/// table, so a name is written once. Declared before the modules so each can use it.
macro_rules! wire_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            pub const fn as_str(self) -> &'static str { match self { $($name::$v => $s),+ } }
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some($name::$v),)+ _ => None } }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

pub mod access;
pub mod api_clients;
pub mod api_limits;
pub mod archive;
pub mod audit;
pub mod auth;
pub mod dealers;
pub mod division;
pub mod division_names;
pub mod error;
pub mod export;
pub mod feed;
pub mod import;
pub mod kpi;
pub mod master;
pub mod page;
pub mod parts;
pub mod problem;
pub mod roles;
pub mod service;
pub mod settings;
pub mod users;
pub mod validation;
pub mod visibility;
pub mod webhooks;

pub use access::{RecordKind, Scope};
pub use error::DomainError;
pub use page::Page;
pub use problem::{FieldError, Problem};
pub use roles::{Permission, Role};
