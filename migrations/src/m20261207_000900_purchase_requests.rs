//! Purchasing (issue #19, item 5): purchase requests (采购申请,
//! `PR-YYYY-NNNNNN`) with their lines (part, quantity, received so far, in
//! thousandths) and progress notes. A shortage's requisition is kept by id
//! only: the requisitions are another table's, built beside this one.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PurchaseRequests {
    Table,
    Id,
    Number,
    Origin,
    Status,
    WorkOrderId,
    RequisitionId,
    Supplier,
    ExpectedOn,
    CancelReason,
    RequestedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PurchaseRequestLines {
    Table,
    RequestId,
    PartId,
    Position,
    QuantityMilli,
    ReceivedMilli,
}

#[derive(DeriveIden)]
enum PurchaseRequestNotes {
    Table,
    Id,
    RequestId,
    AuthorId,
    Text,
    At,
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

/// `bigint NOT NULL`: a quantity in thousandths.
fn big(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PurchaseRequests::Table)
                .col(id(PurchaseRequests::Id))
                .col(string(PurchaseRequests::Number, 20).unique_key())
                .col(string(PurchaseRequests::Origin, 20))
                .col(string(PurchaseRequests::Status, 20))
                .col(uuid_null(PurchaseRequests::WorkOrderId))
                .col(uuid_null(PurchaseRequests::RequisitionId))
                .col(string_null(PurchaseRequests::Supplier, 200))
                .col(ColumnDef::new(PurchaseRequests::ExpectedOn).date().null())
                .col(text_null(PurchaseRequests::CancelReason))
                .col(uuid(PurchaseRequests::RequestedBy))
                .col(version(PurchaseRequests::Version))
                .col(timestamp(PurchaseRequests::CreatedAt))
                .col(timestamp(PurchaseRequests::UpdatedAt))
                .foreign_key(&mut references(
                    PurchaseRequests::Table,
                    PurchaseRequests::WorkOrderId,
                    WorkOrders::Table,
                    WorkOrders::Id,
                ))
                .foreign_key(&mut references(
                    PurchaseRequests::Table,
                    PurchaseRequests::RequestedBy,
                    Users::Table,
                    Users::Id,
                ))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("idx_purchase_requests_created", &["created_at", "id"][..]),
            (
                "idx_purchase_requests_status",
                &["status", "created_at"][..],
            ),
            ("idx_purchase_requests_work_order", &["work_order_id"][..]),
            ("idx_purchase_requests_expected", &["expected_on"][..]),
        ] {
            m.create_index(index(name, PurchaseRequests::Table, cols.iter().copied()))
                .await?;
        }

        m.create_table(
            Table::create()
                .table(PurchaseRequestLines::Table)
                .col(uuid(PurchaseRequestLines::RequestId))
                .col(uuid(PurchaseRequestLines::PartId))
                .col(integer(PurchaseRequestLines::Position))
                .col(big(PurchaseRequestLines::QuantityMilli))
                .col(big(PurchaseRequestLines::ReceivedMilli))
                .primary_key(
                    Index::create()
                        .col(PurchaseRequestLines::RequestId)
                        .col(PurchaseRequestLines::PartId),
                )
                .foreign_key(&mut owned_by(
                    PurchaseRequestLines::Table,
                    PurchaseRequestLines::RequestId,
                    PurchaseRequests::Table,
                    PurchaseRequests::Id,
                ))
                .foreign_key(&mut references(
                    PurchaseRequestLines::Table,
                    PurchaseRequestLines::PartId,
                    Parts::Table,
                    Parts::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_purchase_request_lines_part",
            PurchaseRequestLines::Table,
            ["part_id", "request_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(PurchaseRequestNotes::Table)
                .col(id(PurchaseRequestNotes::Id))
                .col(uuid(PurchaseRequestNotes::RequestId))
                .col(uuid(PurchaseRequestNotes::AuthorId))
                .col(text(PurchaseRequestNotes::Text))
                .col(timestamp(PurchaseRequestNotes::At))
                .foreign_key(&mut owned_by(
                    PurchaseRequestNotes::Table,
                    PurchaseRequestNotes::RequestId,
                    PurchaseRequests::Table,
                    PurchaseRequests::Id,
                ))
                .foreign_key(&mut references(
                    PurchaseRequestNotes::Table,
                    PurchaseRequestNotes::AuthorId,
                    Users::Table,
                    Users::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_purchase_request_notes_request",
            PurchaseRequestNotes::Table,
            ["request_id", "at"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            PurchaseRequestNotes::Table.into_iden(),
            PurchaseRequestLines::Table.into_iden(),
            PurchaseRequests::Table.into_iden(),
        ] {
            drop_table(m, t).await?;
        }
        Ok(())
    }
}
