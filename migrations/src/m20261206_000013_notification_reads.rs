//! Read marks of the deadline alerts, per user (issue #17): kept on the server
//! so they follow the user to another device. A user's marks are only ever
//! those of alerts current when the user last marked (the store forgets the
//! rest then), so the table stays small.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum NotificationReads {
    Table,
    UserId,
    Key,
    ReadAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(NotificationReads::Table)
                .col(uuid(NotificationReads::UserId))
                .col(string(NotificationReads::Key, 120))
                .col(timestamp(NotificationReads::ReadAt))
                .primary_key(
                    Index::create()
                        .col(NotificationReads::UserId)
                        .col(NotificationReads::Key),
                )
                .foreign_key(&mut owned_by(
                    NotificationReads::Table,
                    NotificationReads::UserId,
                    Users::Table,
                    Users::Id,
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_table(m, NotificationReads::Table).await
    }
}
