//! Indexes for list orders no index served: every request newest first
//! (`GET /service-requests?sort=newest` with no open filter, e.g. "all
//! statuses": `idx_sr_recent` leads with `is_open`, so without it the
//! database read and sorted every request for each page) and every work order
//! newest first (the supervisor's `GET /work-orders`; `idx_wo_engineer` serves
//! one engineer's only).

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (name, table, columns)
const INDEXES: [(&str, &str, [&str; 2]); 2] = [
    ("idx_sr_reported", "service_requests", ["reported_at", "id"]),
    ("idx_wo_created", "work_orders", ["created_at", "id"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, cols) in INDEXES {
            m.create_index(index(name, table, cols)).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            m.drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
