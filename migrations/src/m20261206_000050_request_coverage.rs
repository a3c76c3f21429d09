//! Who pays for a request (三包, 延保, 善意, 客户付费): the coverage intake
//! proposes, the one the supervisor confirms at review, and why it differs.
//! Requests recorded before have none. Part lines keep theirs in the
//! report's parts document.

use sea_orm_migration::prelude::*;

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
                ServiceRequests::CoverageReason => ColumnDef::new(c).text().null().to_owned(),
                _ => ColumnDef::new(c).string_len(32).null().to_owned(),
            };
            m.alter_table(
                Table::alter()
                    .table(ServiceRequests::Table)
                    .add_column(def)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for c in COLUMNS {
            m.alter_table(
                Table::alter()
                    .table(ServiceRequests::Table)
                    .drop_column(c)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
