//! Talking to the API: one HTTP client ([`requests`]), what every collection
//! answers alike ([`resource`]) and thin typed functions per resource, all on
//! the shared `furrow_domain` types.

pub mod api_clients;
pub mod auth;
pub mod customers;
pub mod dealers;
pub mod engineers;
pub mod follow_ups;
pub mod home;
pub mod imports;
pub mod kpis;
pub mod machines;
pub mod notifications;
pub mod product_models;
pub mod repair_reports;
pub mod requests;
pub mod requisitions;
pub mod resource;
pub mod service_requests;
pub mod session;
pub mod settings;
pub mod sign;
pub mod stocktakes;
pub mod users;
pub mod webhooks;
pub mod work_orders;
