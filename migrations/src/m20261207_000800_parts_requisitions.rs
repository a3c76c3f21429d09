//! Parts requisitions (领用单, issue #19): a requisition of a work order
//! (and so of its request and machine) with its lines. A line names a part
//! of the catalog (issuable) or, when the report's part number is not in the
//! catalog, only the report's text (kept visible, never issued). Quantities
//! are integer thousandths like the ledger's.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PartsRequisitions {
    Table,
    Id,
    Number,
    WorkOrderId,
    RequestId,
    MachineId,
    EngineerId,
    ReportId,
    Source,
    Status,
    Note,
    CancelReason,
    CreatedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PartsRequisitionLines {
    Table,
    Id,
    RequisitionId,
    LineNo,
    PartId,
    PartNumber,
    Name,
    Unit,
    RequestedMilli,
    IssuedMilli,
    ReturnedMilli,
    ExchangedMilli,
    ShortMilli,
}

#[derive(DeriveIden)]
enum WorkOrders {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Parts {
    Table,
    Id,
}

fn big(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PartsRequisitions::Table)
                .col(id(PartsRequisitions::Id))
                .col(string(PartsRequisitions::Number, 40).unique_key())
                .col(uuid(PartsRequisitions::WorkOrderId))
                .col(uuid(PartsRequisitions::RequestId))
                .col(uuid_null(PartsRequisitions::MachineId))
                .col(uuid(PartsRequisitions::EngineerId))
                .col(uuid_null(PartsRequisitions::ReportId))
                .col(string(PartsRequisitions::Source, 20))
                .col(string(PartsRequisitions::Status, 20))
                .col(text_null(PartsRequisitions::Note))
                .col(text_null(PartsRequisitions::CancelReason))
                .col(uuid(PartsRequisitions::CreatedBy))
                .col(version(PartsRequisitions::Version))
                .col(timestamp(PartsRequisitions::CreatedAt))
                .col(timestamp(PartsRequisitions::UpdatedAt))
                .foreign_key(&mut references(
                    PartsRequisitions::Table,
                    PartsRequisitions::WorkOrderId,
                    WorkOrders::Table,
                    WorkOrders::Id,
                ))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("idx_requisitions_updated", &["updated_at", "id"][..]),
            ("idx_requisitions_status", &["status", "updated_at"][..]),
            ("idx_requisitions_work_order", &["work_order_id"][..]),
            (
                "idx_requisitions_engineer",
                &["engineer_id", "updated_at"][..],
            ),
            ("idx_requisitions_machine", &["machine_id"][..]),
        ] {
            m.create_index(index(name, PartsRequisitions::Table, cols.iter().copied()))
                .await?;
        }
        m.create_table(
            Table::create()
                .table(PartsRequisitionLines::Table)
                .col(id(PartsRequisitionLines::Id))
                .col(uuid(PartsRequisitionLines::RequisitionId))
                .col(integer(PartsRequisitionLines::LineNo))
                .col(uuid_null(PartsRequisitionLines::PartId))
                .col(string_null(PartsRequisitionLines::PartNumber, 64))
                .col(string(PartsRequisitionLines::Name, 200))
                .col(string_null(PartsRequisitionLines::Unit, 20))
                .col(big(PartsRequisitionLines::RequestedMilli))
                .col(big(PartsRequisitionLines::IssuedMilli))
                .col(big(PartsRequisitionLines::ReturnedMilli))
                .col(big(PartsRequisitionLines::ExchangedMilli))
                .col(big(PartsRequisitionLines::ShortMilli))
                .foreign_key(&mut owned_by(
                    PartsRequisitionLines::Table,
                    PartsRequisitionLines::RequisitionId,
                    PartsRequisitions::Table,
                    PartsRequisitions::Id,
                ))
                .foreign_key(&mut references(
                    PartsRequisitionLines::Table,
                    PartsRequisitionLines::PartId,
                    Parts::Table,
                    Parts::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_requisition_lines_requisition",
            PartsRequisitionLines::Table,
            ["requisition_id", "line_no"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_table(m, PartsRequisitionLines::Table.into_iden()).await?;
        drop_table(m, PartsRequisitions::Table.into_iden()).await
    }
}
