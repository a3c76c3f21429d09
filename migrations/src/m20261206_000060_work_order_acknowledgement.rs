//! The customer's on-site acknowledgement (现场确认) of a finished visit, kept
//! with its work order: who acknowledged, the satisfaction mark and when on
//! the order; the drawn signature in a table of its own, so the lists that
//! read whole work orders do not carry images. The final signature on the
//! approved report stays on the report.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WorkOrders {
    Table,
    Id,
    AckSignerName,
    AckSatisfaction,
    AcknowledgedAt,
}

#[derive(DeriveIden)]
enum AcknowledgementSignatures {
    Table,
    WorkOrderId,
    SignaturePng,
    CreatedAt,
}

fn columns() -> [ColumnDef; 3] {
    [
        string_null(WorkOrders::AckSignerName, 100),
        string_null(WorkOrders::AckSatisfaction, 30),
        timestamp_null(WorkOrders::AcknowledgedAt),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        for column in columns() {
            add_column(m, WorkOrders::Table, column).await?;
        }
        m.create_table(
            Table::create()
                .table(AcknowledgementSignatures::Table)
                .col(id(AcknowledgementSignatures::WorkOrderId))
                .col(
                    ColumnDef::new(AcknowledgementSignatures::SignaturePng)
                        .blob()
                        .not_null(),
                )
                .col(timestamp(AcknowledgementSignatures::CreatedAt))
                .foreign_key(&mut owned_by(
                    AcknowledgementSignatures::Table,
                    AcknowledgementSignatures::WorkOrderId,
                    WorkOrders::Table,
                    WorkOrders::Id,
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_table(m, AcknowledgementSignatures::Table).await?;
        for column in [
            WorkOrders::AckSignerName,
            WorkOrders::AckSatisfaction,
            WorkOrders::AcknowledgedAt,
        ] {
            drop_column(m, WorkOrders::Table, column).await?;
        }
        Ok(())
    }
}
