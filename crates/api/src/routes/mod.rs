//! Routes, one module per resource. Each module's `configure` registers its
//! handlers through utoipa's actix wrapper, so the OpenAPI document is built
//! from the very routes that serve requests and cannot drift from them.

pub mod absences;
pub mod api_clients;
pub mod auth;
pub mod calendar_import;
pub mod certificates;
pub mod customers;
pub mod dealers;
pub mod engineers;
pub mod events;
pub mod follow_ups;
pub mod health;
pub mod home;
pub mod imports;
pub mod inventory_analysis;
pub mod kpis;
pub mod labels;
pub mod machines;
pub mod me;
pub mod notifications;
pub mod oauth;
pub mod parts;
pub mod parts_exports;
pub mod product_models;
pub mod purchasing;
pub mod repair_reports;
pub mod requisitions;
pub mod service_requests;
pub mod settings;
pub mod sign;
pub mod status_pull;
pub mod stocktakes;
pub mod users;
pub mod webhooks;
pub mod work_orders;

use utoipa_actix_web::service_config::ServiceConfig;

/// Everything under `/api/v1`.
pub fn configure_v1(cfg: &mut ServiceConfig) {
    auth::configure(cfg);
    oauth::configure(cfg);
    me::configure(cfg);
    home::configure(cfg);
    users::configure(cfg);
    dealers::configure(cfg);
    customers::configure(cfg);
    product_models::configure(cfg);
    machines::configure(cfg);
    purchasing::configure_suggestions(cfg);
    inventory_analysis::configure(cfg);
    parts_exports::configure(cfg);
    labels::configure(cfg);
    parts::configure(cfg);
    stocktakes::configure(cfg);
    purchasing::configure(cfg);
    requisitions::configure(cfg);
    certificates::configure(cfg);
    engineers::configure(cfg);
    absences::configure(cfg);
    status_pull::configure(cfg);
    service_requests::configure(cfg);
    work_orders::configure(cfg);
    repair_reports::configure(cfg);
    follow_ups::configure(cfg);
    kpis::configure(cfg);
    sign::configure(cfg);
    settings::configure(cfg);
    notifications::configure(cfg);
    imports::configure(cfg);
    api_clients::configure(cfg);
    events::configure(cfg);
    webhooks::configure(cfg);
}
