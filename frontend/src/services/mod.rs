//! Talking to the API: one HTTP client ([`requests`]) and thin typed functions
//! per resource, all on the shared `furrow_domain` types.

pub mod auth;
pub mod dealers;
pub mod requests;
pub mod session;
pub mod users;
