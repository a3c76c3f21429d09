//! Routes, one module per resource. Each module's `configure` registers its
//! handlers through utoipa's actix wrapper, so the OpenAPI document is built
//! from the very routes that serve requests and cannot drift from them.

pub mod auth;
pub mod customers;
pub mod dealers;
pub mod engineers;
pub mod health;
pub mod machines;
pub mod me;
pub mod product_models;
pub mod users;

use utoipa_actix_web::service_config::ServiceConfig;

/// Everything under `/api/v1`.
pub fn configure_v1(cfg: &mut ServiceConfig) {
    auth::configure(cfg);
    me::configure(cfg);
    users::configure(cfg);
    dealers::configure(cfg);
    customers::configure(cfg);
    product_models::configure(cfg);
    machines::configure(cfg);
    engineers::configure(cfg);
}
