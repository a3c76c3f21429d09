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

use crate::ddl::*;

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
                .col(uuid(OutboxEvents::Id).unique_key())
                .col(string(OutboxEvents::Kind, 60))
                .col(string(OutboxEvents::RecordKind, 40))
                .col(uuid(OutboxEvents::RecordId))
                .col(json(OutboxEvents::Payload))
                .col(timestamp(OutboxEvents::At))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_table(m, OutboxEvents::Table).await
    }
}
