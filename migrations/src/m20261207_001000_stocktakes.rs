//! Stock-takes (盘点, issue #19 item 4): a stock-take of one warehouse with
//! its lines, one per part, whose book is frozen at opening; each line keeps
//! the book it was counted against (the frozen book moved by the movements
//! posted since) and its count, in integer thousandths like the ledger. The
//! accuracy is recorded at reconcile (`matched_lines` of `line_count`), so
//! the parts department's KPI reads it by `reconciled_at`.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Stocktakes {
    Table,
    Id,
    Number,
    WarehouseId,
    Status,
    Bins,
    Categories,
    Note,
    LineCount,
    MatchedLines,
    OpenedBy,
    ReconciledAt,
    ReconciledBy,
    CancelledAt,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StocktakeLines {
    Table,
    Id,
    StocktakeId,
    PartId,
    Bin,
    BookMilli,
    BookAtCountMilli,
    CountedMilli,
    CountedBy,
    CountedAt,
    Version,
}

#[derive(DeriveIden)]
enum Warehouses {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Parts {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Stocktakes::Table)
                .col(id(Stocktakes::Id))
                .col(string(Stocktakes::Number, 40).unique_key())
                .col(uuid(Stocktakes::WarehouseId))
                .col(string(Stocktakes::Status, 20))
                .col(json(Stocktakes::Bins))
                .col(json(Stocktakes::Categories))
                .col(text_null(Stocktakes::Note))
                .col(integer(Stocktakes::LineCount))
                .col(
                    ColumnDef::new(Stocktakes::MatchedLines)
                        .integer()
                        .null()
                        .to_owned(),
                )
                .col(uuid(Stocktakes::OpenedBy))
                .col(timestamp_null(Stocktakes::ReconciledAt))
                .col(uuid_null(Stocktakes::ReconciledBy))
                .col(timestamp_null(Stocktakes::CancelledAt))
                .col(version(Stocktakes::Version))
                .col(timestamp(Stocktakes::CreatedAt))
                .col(timestamp(Stocktakes::UpdatedAt))
                .foreign_key(&mut references(
                    Stocktakes::Table,
                    Stocktakes::WarehouseId,
                    Warehouses::Table,
                    Warehouses::Id,
                ))
                .foreign_key(&mut references(
                    Stocktakes::Table,
                    Stocktakes::OpenedBy,
                    Users::Table,
                    Users::Id,
                ))
                .foreign_key(&mut references(
                    Stocktakes::Table,
                    Stocktakes::ReconciledBy,
                    Users::Table,
                    Users::Id,
                ))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("idx_stocktakes_created", &["created_at", "id"][..]),
            ("idx_stocktakes_warehouse", &["warehouse_id", "status"][..]),
            ("idx_stocktakes_reconciled", &["reconciled_at"][..]),
        ] {
            m.create_index(index(name, Stocktakes::Table, cols.iter().copied()))
                .await?;
        }

        m.create_table(
            Table::create()
                .table(StocktakeLines::Table)
                .col(id(StocktakeLines::Id))
                .col(uuid(StocktakeLines::StocktakeId))
                .col(uuid(StocktakeLines::PartId))
                .col(string_null(StocktakeLines::Bin, 40))
                .col(
                    ColumnDef::new(StocktakeLines::BookMilli)
                        .big_integer()
                        .not_null()
                        .to_owned(),
                )
                .col(
                    ColumnDef::new(StocktakeLines::BookAtCountMilli)
                        .big_integer()
                        .null()
                        .to_owned(),
                )
                .col(
                    ColumnDef::new(StocktakeLines::CountedMilli)
                        .big_integer()
                        .null()
                        .to_owned(),
                )
                .col(uuid_null(StocktakeLines::CountedBy))
                .col(timestamp_null(StocktakeLines::CountedAt))
                .col(version(StocktakeLines::Version))
                .foreign_key(&mut owned_by(
                    StocktakeLines::Table,
                    StocktakeLines::StocktakeId,
                    Stocktakes::Table,
                    Stocktakes::Id,
                ))
                .foreign_key(&mut references(
                    StocktakeLines::Table,
                    StocktakeLines::PartId,
                    Parts::Table,
                    Parts::Id,
                ))
                .foreign_key(&mut references(
                    StocktakeLines::Table,
                    StocktakeLines::CountedBy,
                    Users::Table,
                    Users::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "idx_stocktake_lines_part",
                StocktakeLines::Table,
                ["stocktake_id", "part_id"],
            )
            .unique()
            .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_table(m, StocktakeLines::Table).await?;
        drop_table(m, Stocktakes::Table).await
    }
}
