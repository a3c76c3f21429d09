//! sea-orm entities, one file per table. They stay inside the store: the rest
//! of Furrow sees the `domain` types the repositories convert them into.

/// Declares one table's sea-orm entity, so each file holds only what is the
/// table's own: its name, its columns and (rarely) its relations. Every table
/// shares the same frame, and writing it once keeps the tables alike.
///
/// ```ignore
/// entity! {
///     /// Doc of the `Model`.
///     table "dealers", Eq;       // extra derives after the name (`Eq`: no float/JSON column)
///     record { code: String, }   // or `columns { ... }`; optional `relations { ... }` after it
/// }
/// ```
///
/// expands to `use sea_orm::entity::prelude::*;`, `#[derive(Clone, Debug,
/// PartialEq, <extra>, DeriveEntityModel)] #[sea_orm(table_name = ..)] pub struct
/// Model { pub <column>: <type>, .. }` (attributes and docs kept on each column),
/// `#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)] pub enum Relation
/// { <relations> }` and the default `impl ActiveModelBehavior for ActiveModel {}`.
/// `columns` lists every column as written; `record` is a versioned record's
/// table and adds the columns they all have around its own: the key
/// `id: Uuid` first, then `version: i32`, `created_at` and `updated_at` last.
/// The migrations define the schema; these declare the same columns.
macro_rules! entity {
    (
        $(#[$doc:meta])*
        table $table:literal $(, $derive:ident)*;
        record { $($own:tt)* }
        $(relations { $($rel:tt)* })?
    ) => {
        entity! {
            $(#[$doc])*
            table $table $(, $derive)*;
            columns {
                #[sea_orm(primary_key, auto_increment = false)]
                id: Uuid,
                $($own)*
                version: i32,
                created_at: DateTimeUtc,
                updated_at: DateTimeUtc,
            }
            $(relations { $($rel)* })?
        }
    };
    (
        $(#[$doc:meta])*
        table $table:literal $(, $derive:ident)*;
        columns { $($(#[$col_attr:meta])* $col:ident: $ty:ty),* $(,)? }
        $(relations { $($rel:tt)* })?
    ) => {
        use sea_orm::entity::prelude::*;

        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, $($derive,)* DeriveEntityModel)]
        #[sea_orm(table_name = $table)]
        pub struct Model {
            $($(#[$col_attr])* pub $col: $ty,)*
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {
            $($($rel)*)?
        }

        impl ActiveModelBehavior for ActiveModel {}
    };
}

pub mod acknowledgement_signature;
pub mod api_client;
pub mod audit_event;
pub mod bin;
pub mod certificate_reissue;
pub mod customer;
pub mod dealer;
pub mod engineer_absence;
pub mod engineer_profile;
pub mod follow_up;
pub mod idempotency_key;
pub mod login_address;
pub mod login_throttle;
pub mod machine;
pub mod notification_read;
pub mod outbox_event;
pub mod part;
pub mod part_model;
pub mod parts_requisition;
pub mod parts_requisition_line;
pub mod parts_wait;
pub mod product_model;
pub mod purchase_request;
pub mod purchase_request_line;
pub mod purchase_request_note;
pub mod refresh_token;
pub mod repair_report;
pub mod sequence;
pub mod service_request;
pub mod setting;
pub mod sign_link;
pub mod stock_level;
pub mod stock_movement;
pub mod stocktake;
pub mod stocktake_line;
pub mod user;
pub mod warehouse;
pub mod webhook;
pub mod webhook_delivery;
pub mod work_order;
