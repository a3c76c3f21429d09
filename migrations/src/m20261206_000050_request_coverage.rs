//! Who pays for a request (三包, 延保, 善意, 客户付费): the coverage intake
//! proposes, the one the supervisor confirms at review, and why it differs.
//! Requests recorded before have none. Part lines keep theirs in the
//! report's parts document.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ServiceRequests {
    Table,
    ProposedCoverage,
    Coverage,
    CoverageReason,
}

const COLUMNS: [ServiceRequests; 3] = [
    ServiceRequests::ProposedCoverage,
    ServiceRequests::Coverage,
    ServiceRequests::CoverageReason,
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite adds one at a time.
        for c in COLUMNS {
            let def = match c {
                ServiceRequests::CoverageReason => text_null(c),
                _ => string_null(c, 32),
            };
            add_column(m, ServiceRequests::Table, def).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for c in COLUMNS {
            drop_column(m, ServiceRequests::Table, c).await?;
        }
        Ok(())
    }
}
