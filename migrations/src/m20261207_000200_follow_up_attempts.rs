//! The follow-up calls (客户回访) get what their commands record beside the
//! columns they had: the failed attempts (the unreachable close counts
//! them), when the last attempt was made and who completed the follow-up;
//! and the queue's order (due time, then id) gets its index.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FollowUps {
    Table,
    Id,
    DueAt,
    FailedAttempts,
    LastAttemptAt,
    CompletedBy,
}

const QUEUE_INDEX: &str = "idx_follow_ups_queue";

fn columns() -> [ColumnDef; 3] {
    [
        integer(FollowUps::FailedAttempts).default(0).to_owned(),
        timestamp_null(FollowUps::LastAttemptAt),
        uuid_null(FollowUps::CompletedBy),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        for column in columns() {
            add_column(m, FollowUps::Table, column).await?;
        }
        m.create_index(index(
            QUEUE_INDEX,
            FollowUps::Table,
            [FollowUps::DueAt, FollowUps::Id],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name(QUEUE_INDEX)
                .table(FollowUps::Table)
                .to_owned(),
        )
        .await?;
        for column in [
            FollowUps::FailedAttempts,
            FollowUps::LastAttemptAt,
            FollowUps::CompletedBy,
        ] {
            drop_column(m, FollowUps::Table, column).await?;
        }
        Ok(())
    }
}
