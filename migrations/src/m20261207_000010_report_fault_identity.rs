//! What a repair report says of the fault it repaired (POLICY.md, 三包: "the
//! same serious fault of a main part repaired twice"): the main assembly at
//! fault, whether the fault is serious and whether the assembly was
//! replaced. Reports written before keep none: they count towards nothing.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RepairReports {
    Table,
    FaultAssembly,
    FaultSerious,
    FaultAssemblyReplaced,
}

fn columns() -> [ColumnDef; 3] {
    [
        ColumnDef::new(RepairReports::FaultAssembly)
            .string_len(30)
            .null()
            .to_owned(),
        ColumnDef::new(RepairReports::FaultSerious)
            .boolean()
            .not_null()
            .default(false)
            .to_owned(),
        ColumnDef::new(RepairReports::FaultAssemblyReplaced)
            .boolean()
            .not_null()
            .default(false)
            .to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        for mut column in columns() {
            m.alter_table(
                Table::alter()
                    .table(RepairReports::Table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            RepairReports::FaultAssembly,
            RepairReports::FaultSerious,
            RepairReports::FaultAssemblyReplaced,
        ] {
            m.alter_table(
                Table::alter()
                    .table(RepairReports::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
