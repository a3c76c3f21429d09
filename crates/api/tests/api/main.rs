//! API tests: the real server on a random port, spoken to over HTTP, on a
//! fresh database per test (SQLite, or PostgreSQL when TEST_DATABASE_URL is set).

mod acknowledgement;
mod archive_visibility;
mod auth;
mod calendar;
mod certificates;
mod choice;
mod contract;
mod conventions;
mod coverage;
mod dispatch;
mod downtime;
mod errors;
mod exports;
mod field_sign_link;
mod helpers;
mod home;
mod imports;
mod legal_clocks;
mod master_data;
mod openapi;
mod operations;
mod parts;
mod permissions;
mod refusal;
mod repeat_fault;
mod seasons;
mod service;
mod service_desk;
mod settings;
mod spa;
mod totals;
mod users;
mod visibility;
mod warranty;
