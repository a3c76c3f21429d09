//! Read marks of the deadline alerts, per user (issue #17): kept on the server
//! so they follow the user to another device. A user's marks are only ever
//! those of alerts current when the user last marked (the store forgets the
//! rest then), so the table stays small.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum NotificationReads {
    Table,
    UserId,
    Key,
    ReadAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(NotificationReads::Table)
                .col(ColumnDef::new(NotificationReads::UserId).uuid().not_null())
                .col(
                    ColumnDef::new(NotificationReads::Key)
                        .string_len(120)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(NotificationReads::ReadAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .primary_key(
                    Index::create()
                        .col(NotificationReads::UserId)
                        .col(NotificationReads::Key),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(NotificationReads::Table, NotificationReads::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(NotificationReads::Table).to_owned())
            .await
    }
}
