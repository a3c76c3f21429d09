//! sea-orm entities, one file per table. They stay inside the store: the rest
//! of Furrow sees the `domain` types the repositories convert them into.

pub mod audit_event;
pub mod dealer;
pub mod login_failure;
pub mod refresh_token;
pub mod user;
