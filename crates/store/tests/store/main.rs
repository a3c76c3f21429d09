//! Store tests: every test gets a fresh migrated database (SQLite, or
//! PostgreSQL when TEST_DATABASE_URL is set).

mod calendar;
mod demo;
mod feed;
mod helpers;
mod import;
mod intake_refs;
mod inventory_analysis;
mod kpis;
mod master;
mod notifications;
mod outbox;
mod parts_import;
mod pool;
mod purchasing;
mod requisitions;
mod seasons;
mod service;
mod sessions;
mod settings;
mod stock;
mod stocktakes;
mod timeline_names;
mod users;
mod webhooks;
mod writer;
