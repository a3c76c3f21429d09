//! The day a machine was replaced with a new one of the same model (换货,
//! POLICY.md 三包): its 三包 period restarts then, and repairs reported
//! before it no longer extend the period.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Machines {
    Table,
    ReplacedOn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        add_column(
            m,
            Machines::Table,
            ColumnDef::new(Machines::ReplacedOn)
                .date()
                .null()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_column(m, Machines::Table, Machines::ReplacedOn).await
    }
}
