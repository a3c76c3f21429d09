use sea_orm::entity::prelude::*;

/// One event of a committed command, for readers outside Furrow. Append-only.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_events")]
pub struct Model {
    /// The cursor: taken in the writing transaction, so commit order.
    #[sea_orm(primary_key, auto_increment = false)]
    pub sequence: i64,
    pub id: Uuid,
    /// The `AuditAction`.
    pub kind: String,
    /// The `RecordKind`.
    pub record_kind: String,
    pub record_id: Uuid,
    pub payload: Json,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
