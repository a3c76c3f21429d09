//! sea-orm entities, one file per table. They stay inside the store: the rest
//! of Furrow sees the `domain` types the repositories convert them into.

pub mod audit_event;
pub mod customer;
pub mod dealer;
pub mod engineer_profile;
pub mod follow_up;
pub mod idempotency_key;
pub mod login_address;
pub mod login_throttle;
pub mod machine;
pub mod outbox_event;
pub mod product_model;
pub mod refresh_token;
pub mod repair_report;
pub mod sequence;
pub mod service_request;
pub mod setting;
pub mod sign_link;
pub mod user;
pub mod work_order;
