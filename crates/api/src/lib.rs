//! Furrow's HTTP layer: actix-web routes, authentication, problem+json errors,
//! the OpenAPI document, and serving the SPA. Handlers parse, authorise, call
//! one store operation and map its result; business rules live in `domain`.

pub mod allocator;
pub mod auth;
pub mod cli;
pub mod client_traffic;
pub mod config;
pub mod deprecation;
pub mod error;
pub mod http;
pub mod idempotency;
pub mod import;
pub mod middleware;
pub mod openapi;
pub mod paging;
pub mod qr;
pub mod record_kit;
pub mod routes;
pub mod server;
pub mod signature;
pub mod spa;
pub mod state;
pub mod telemetry;
pub mod text_guard;
pub mod webhook_delivery;

pub use config::Config;
pub use error::ApiError;
