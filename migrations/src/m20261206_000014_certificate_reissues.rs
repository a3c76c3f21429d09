//! Requests to reissue a lost 三包 certificate (issue #18, 三包凭证补办): one
//! row per request on a machine, with its 10-working-day due date (computed
//! once, from the calendar in force when it was asked) and, once reissued,
//! the new certificate's number and date.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CertificateReissues {
    Table,
    Id,
    MachineId,
    RequestedBy,
    RequestedOn,
    Notes,
    DueOn,
    CertificateNumber,
    ReissuedOn,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Machines {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use CertificateReissues as C;
        m.create_table(
            Table::create()
                .table(C::Table)
                .col(ColumnDef::new(C::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(C::MachineId).uuid().not_null())
                .col(ColumnDef::new(C::RequestedBy).string_len(100).not_null())
                .col(ColumnDef::new(C::RequestedOn).date().not_null())
                .col(ColumnDef::new(C::Notes).string_len(500))
                .col(ColumnDef::new(C::DueOn).date().not_null())
                .col(ColumnDef::new(C::CertificateNumber).string_len(64))
                .col(ColumnDef::new(C::ReissuedOn).date())
                .col(ColumnDef::new(C::Version).integer().not_null())
                .col(
                    ColumnDef::new(C::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(C::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(C::Table, C::MachineId)
                        .to(Machines::Table, Machines::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_certificate_reissues_machine")
                .table(C::Table)
                .col(C::MachineId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CertificateReissues::Table).to_owned())
            .await
    }
}
