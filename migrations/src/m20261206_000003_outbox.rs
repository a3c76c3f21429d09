//! The outbox: every committed command's events, in commit order, for
//! webhooks and change feeds to read with a cursor.
//!
//! `sequence` is the cursor. It is not an auto-increment: on PostgreSQL a
//! transaction can take a higher serial value and commit before one holding a
//! lower value, so a reader that saw the higher one would skip the lower one
//! for good. The store takes it from the `outbox` counter in `sequences`
//! inside the writing transaction (`furrow_store::outbox::append`), whose row
//! lock is held until commit, so sequences become visible in order.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OutboxEvents {
    Table,
    Sequence,
    Id,
    Kind,
    RecordKind,
    RecordId,
    Payload,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(OutboxEvents::Table)
                .col(
                    ColumnDef::new(OutboxEvents::Sequence)
                        .big_integer()
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(OutboxEvents::Id)
                        .uuid()
                        .not_null()
                        .unique_key(),
                )
                .col(ColumnDef::new(OutboxEvents::Kind).string_len(60).not_null())
                .col(
                    ColumnDef::new(OutboxEvents::RecordKind)
                        .string_len(40)
                        .not_null(),
                )
                .col(ColumnDef::new(OutboxEvents::RecordId).uuid().not_null())
                .col(ColumnDef::new(OutboxEvents::Payload).json().not_null())
                .col(
                    ColumnDef::new(OutboxEvents::At)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(OutboxEvents::Table).to_owned())
            .await
    }
}
