//! Store tests: every test gets a fresh migrated database (SQLite, or
//! PostgreSQL when TEST_DATABASE_URL is set).

mod helpers;
mod import;
mod intake_refs;
mod master;
mod pool;
mod service;
mod sessions;
mod users;
mod writer;
