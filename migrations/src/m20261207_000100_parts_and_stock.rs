//! Parts (issue #19, first slice): the catalog of parts and the models they
//! fit, warehouses with their bins, the append-only stock ledger and the
//! stock levels it sums to. Quantities are integer thousandths (`*_milli`),
//! exact on both engines, so "never below zero" is one conditional UPDATE.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Parts {
    Table,
    Id,
    PartNumber,
    Name,
    Spec,
    Category,
    Unit,
    StandardCostFen,
    ReorderPointMilli,
    ReorderQuantityMilli,
}

#[derive(DeriveIden)]
enum PartModels {
    Table,
    PartId,
    ModelId,
}

#[derive(DeriveIden)]
enum Warehouses {
    Table,
    Id,
    Code,
    Name,
    Kind,
    DealerId,
}

#[derive(DeriveIden)]
enum Bins {
    Table,
    WarehouseId,
    Code,
    Description,
}

#[derive(DeriveIden)]
enum StockMovements {
    Table,
    Id,
    PartId,
    WarehouseId,
    Kind,
    QuantityMilli,
    Bin,
    ReferenceKind,
    ReferenceId,
    ReferenceNumber,
    Recipient,
    Note,
    BatchId,
    PerformedBy,
    At,
}

#[derive(DeriveIden)]
enum StockLevels {
    Table,
    PartId,
    WarehouseId,
    OnHandMilli,
    Bin,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProductModels {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Dealers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

/// `bigint NOT NULL`: a quantity in thousandths, or an amount in fen.
fn big(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Parts::Table)
                .col(id(Parts::Id))
                .col(string(Parts::PartNumber, 40).unique_key())
                .col(string(Parts::Name, 200))
                .col(string_null(Parts::Spec, 200))
                .col(string(Parts::Category, 30))
                .col(string(Parts::Unit, 10))
                .col(big(Parts::StandardCostFen))
                .col(big(Parts::ReorderPointMilli))
                .col(big(Parts::ReorderQuantityMilli))
                .master_columns()
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("idx_parts_updated", &["updated_at", "id"][..]),
            ("idx_parts_category", &["category", "part_number"][..]),
        ] {
            m.create_index(index(name, Parts::Table, cols.iter().copied()))
                .await?;
        }

        m.create_table(
            Table::create()
                .table(PartModels::Table)
                .col(uuid(PartModels::PartId))
                .col(uuid(PartModels::ModelId))
                .primary_key(
                    Index::create()
                        .col(PartModels::PartId)
                        .col(PartModels::ModelId),
                )
                .foreign_key(
                    references(
                        PartModels::Table,
                        PartModels::PartId,
                        Parts::Table,
                        Parts::Id,
                    )
                    .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(&mut references(
                    PartModels::Table,
                    PartModels::ModelId,
                    ProductModels::Table,
                    ProductModels::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_part_models_model",
            PartModels::Table,
            ["model_id", "part_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Warehouses::Table)
                .col(id(Warehouses::Id))
                .col(string(Warehouses::Code, 40).unique_key())
                .col(string(Warehouses::Name, 200))
                .col(string(Warehouses::Kind, 20))
                .col(uuid_null(Warehouses::DealerId))
                .master_columns()
                .foreign_key(&mut references(
                    Warehouses::Table,
                    Warehouses::DealerId,
                    Dealers::Table,
                    Dealers::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_warehouses_dealer",
            Warehouses::Table,
            ["dealer_id", "code"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Bins::Table)
                .col(uuid(Bins::WarehouseId))
                .col(string(Bins::Code, 40))
                .col(string_null(Bins::Description, 200))
                .primary_key(Index::create().col(Bins::WarehouseId).col(Bins::Code))
                .foreign_key(
                    references(
                        Bins::Table,
                        Bins::WarehouseId,
                        Warehouses::Table,
                        Warehouses::Id,
                    )
                    .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(StockMovements::Table)
                .col(id(StockMovements::Id))
                .col(uuid(StockMovements::PartId))
                .col(uuid(StockMovements::WarehouseId))
                .col(string(StockMovements::Kind, 20))
                .col(big(StockMovements::QuantityMilli))
                .col(string_null(StockMovements::Bin, 40))
                .col(string_null(StockMovements::ReferenceKind, 20))
                .col(uuid_null(StockMovements::ReferenceId))
                .col(string_null(StockMovements::ReferenceNumber, 64))
                .col(string_null(StockMovements::Recipient, 100))
                .col(text_null(StockMovements::Note))
                .col(uuid(StockMovements::BatchId))
                .col(uuid(StockMovements::PerformedBy))
                .col(timestamp(StockMovements::At))
                .foreign_key(&mut references(
                    StockMovements::Table,
                    StockMovements::PartId,
                    Parts::Table,
                    Parts::Id,
                ))
                .foreign_key(&mut references(
                    StockMovements::Table,
                    StockMovements::WarehouseId,
                    Warehouses::Table,
                    Warehouses::Id,
                ))
                .foreign_key(&mut references(
                    StockMovements::Table,
                    StockMovements::PerformedBy,
                    Users::Table,
                    Users::Id,
                ))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("idx_stock_movements_at", &["at", "id"][..]),
            ("idx_stock_movements_part", &["part_id", "at"][..]),
            ("idx_stock_movements_warehouse", &["warehouse_id", "at"][..]),
            ("idx_stock_movements_reference", &["reference_id"][..]),
            ("idx_stock_movements_ref_number", &["reference_number"][..]),
        ] {
            m.create_index(index(name, StockMovements::Table, cols.iter().copied()))
                .await?;
        }

        m.create_table(
            Table::create()
                .table(StockLevels::Table)
                .col(uuid(StockLevels::PartId))
                .col(uuid(StockLevels::WarehouseId))
                .col(big(StockLevels::OnHandMilli))
                .col(string_null(StockLevels::Bin, 40))
                .col(timestamp(StockLevels::UpdatedAt))
                .primary_key(
                    Index::create()
                        .col(StockLevels::PartId)
                        .col(StockLevels::WarehouseId),
                )
                .foreign_key(&mut references(
                    StockLevels::Table,
                    StockLevels::PartId,
                    Parts::Table,
                    Parts::Id,
                ))
                .foreign_key(&mut references(
                    StockLevels::Table,
                    StockLevels::WarehouseId,
                    Warehouses::Table,
                    Warehouses::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_stock_levels_warehouse",
            StockLevels::Table,
            ["warehouse_id", "part_id"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            StockLevels::Table.into_iden(),
            StockMovements::Table.into_iden(),
            Bins::Table.into_iden(),
            Warehouses::Table.into_iden(),
            PartModels::Table.into_iden(),
            Parts::Table.into_iden(),
        ] {
            drop_table(m, t).await?;
        }
        Ok(())
    }
}
