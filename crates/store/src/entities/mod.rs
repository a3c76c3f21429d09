//! sea-orm entities, one file per table. They stay inside the store: the rest
//! of Furrow sees the `domain` types the repositories convert them into.

pub mod audit_event;
pub mod customer;
pub mod dealer;
pub mod engineer_profile;
pub mod login_failure;
pub mod machine;
pub mod product_model;
pub mod refresh_token;
pub mod sequence;
pub mod user;
