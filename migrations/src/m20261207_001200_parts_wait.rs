//! A request remembers since when its repair waits for parts found short
//! (待配件, `domain::service::parts_wait`): the public status
//! `waiting_for_parts` a dealer's system pulls is read from the request's
//! own row, like the rest of its public status, with no join.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ServiceRequests {
    Table,
    PartsWaitingSince,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        add_column(
            m,
            ServiceRequests::Table,
            timestamp_null(ServiceRequests::PartsWaitingSince),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_column(
            m,
            ServiceRequests::Table,
            ServiceRequests::PartsWaitingSince,
        )
        .await
    }
}
