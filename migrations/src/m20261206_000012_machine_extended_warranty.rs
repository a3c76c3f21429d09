//! The company's extended warranty (延保) of a machine: its end date, after the
//! 三包 period, changed like the other warranty dates only with a reason.

use sea_orm_migration::prelude::*;

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
        m.alter_table(
            Table::alter()
                .table(Machines::Table)
                .add_column(ColumnDef::new(Machines::ExtendedWarrantyEnd).date().null())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Machines::Table)
                .drop_column(Machines::ExtendedWarrantyEnd)
                .to_owned(),
        )
        .await
    }
}
