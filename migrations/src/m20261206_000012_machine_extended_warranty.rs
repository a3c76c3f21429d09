//! The company's extended warranty (延保) of a machine: its end date, after the
//! 三包 period, changed like the other warranty dates only with a reason.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Machines {
    Table,
    ExtendedWarrantyEnd,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        add_column(
            m,
            Machines::Table,
            ColumnDef::new(Machines::ExtendedWarrantyEnd)
                .date()
                .null()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_column(m, Machines::Table, Machines::ExtendedWarrantyEnd).await
    }
}
