//! The customer's on-site acknowledgement (现场确认) of a finished visit, kept
//! with its work order: who acknowledged, the satisfaction mark and when on
//! the order; the drawn signature in a table of its own, so the lists that
//! read whole work orders do not carry images. The final signature on the
//! approved report stays on the report.

use sea_orm_migration::prelude::*;

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
        ColumnDef::new(WorkOrders::AckSignerName)
            .string_len(100)
            .null()
            .to_owned(),
        ColumnDef::new(WorkOrders::AckSatisfaction)
            .string_len(30)
            .null()
            .to_owned(),
        ColumnDef::new(WorkOrders::AcknowledgedAt)
            .timestamp_with_time_zone()
            .null()
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
                    .table(WorkOrders::Table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(AcknowledgementSignatures::Table)
                .col(
                    ColumnDef::new(AcknowledgementSignatures::WorkOrderId)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(AcknowledgementSignatures::SignaturePng)
                        .blob()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(AcknowledgementSignatures::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            AcknowledgementSignatures::Table,
                            AcknowledgementSignatures::WorkOrderId,
                        )
                        .to(WorkOrders::Table, WorkOrders::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(
            Table::drop()
                .table(AcknowledgementSignatures::Table)
                .to_owned(),
        )
        .await?;
        for column in [
            WorkOrders::AckSignerName,
            WorkOrders::AckSatisfaction,
            WorkOrders::AcknowledgedAt,
        ] {
            m.alter_table(
                Table::alter()
                    .table(WorkOrders::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
