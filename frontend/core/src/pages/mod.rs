//! One module per route.

pub mod account;
pub mod api_clients;
pub mod dashboard;
pub mod forbidden;
pub mod integrations;
pub mod login;
pub mod master;
pub mod not_found;
pub mod parts;
pub mod purchasing;
pub mod quality;
pub mod service;
pub mod settings;
pub mod stocktakes;
pub mod users;
pub mod webhooks;
