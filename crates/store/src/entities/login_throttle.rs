use sea_orm::entity::prelude::*;

/// Failed sign-ins counted for one login name, one client address, or the
/// whole server. `key` is the hex SHA-256 of the scope and what it counts, so
/// a row has a fixed size whatever a client sends.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_throttles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// `username`, `address` or `global`.
    pub scope: String,
    pub failures: i32,
    /// When the count (re)started: the server-wide window starts here.
    pub first_failure_at: DateTimeUtc,
    pub last_failure_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
