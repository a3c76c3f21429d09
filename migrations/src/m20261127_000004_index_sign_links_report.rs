//! Sign-off links by report. Creating a link first retires the report's unused
//! links (`UPDATE sign_links ... WHERE report_id = ? AND used_at IS NULL`);
//! without this index that update scans every link ever made (one per signed
//! report: ~700,000 at a million requests), inside the write transaction.
//! Found by `cargo xtask bench` (EXPLAIN QUERY PLAN: `SCAN sign_links`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "idx_sign_links_report";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name(NAME)
                .table(Alias::new("sign_links"))
                .col(Alias::new("report_id"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name(NAME)
                .table(Alias::new("sign_links"))
                .to_owned(),
        )
        .await
    }
}
