//! API clients get their usage beside `last_used_at` (when a token was last
//! issued): when one of their tokens last called the API, how many calls
//! they made and how many were answered with an error. The server counts in
//! memory and adds its counts here every few seconds.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApiClients {
    Table,
    LastRequestAt,
    RequestCount,
    ErrorCount,
}

fn columns() -> [ColumnDef; 3] {
    [
        timestamp_null(ApiClients::LastRequestAt),
        ColumnDef::new(ApiClients::RequestCount)
            .big_integer()
            .not_null()
            .default(0)
            .to_owned(),
        ColumnDef::new(ApiClients::ErrorCount)
            .big_integer()
            .not_null()
            .default(0)
            .to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        for column in columns() {
            add_column(m, ApiClients::Table, column).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ApiClients::LastRequestAt,
            ApiClients::RequestCount,
            ApiClients::ErrorCount,
        ] {
            drop_column(m, ApiClients::Table, column).await?;
        }
        Ok(())
    }
}
