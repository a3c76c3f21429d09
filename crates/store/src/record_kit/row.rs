//! The columns every versioned master table has, read from its row.

use crate::entities::{customer, dealer, machine, part, product_model, warehouse};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// A row of a table with `id`, `version`, `active` and `updated_at`.
pub trait VersionedRow {
    fn id(&self) -> Uuid;
    fn version(&self) -> i32;
    fn active(&self) -> bool;
    fn updated_at(&self) -> DateTime<Utc>;
}

macro_rules! versioned_rows {
    ($($model:path),+) => {$(
        impl VersionedRow for $model {
            fn id(&self) -> Uuid { self.id }
            fn version(&self) -> i32 { self.version }
            fn active(&self) -> bool { self.active }
            fn updated_at(&self) -> DateTime<Utc> { self.updated_at }
        }
    )+};
}

versioned_rows!(
    dealer::Model,
    customer::Model,
    product_model::Model,
    machine::Model,
    part::Model,
    warehouse::Model
);
