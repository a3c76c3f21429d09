//! Requests to reissue a lost 三包 certificate (issue #18, 三包凭证补办): one
//! row per request on a machine, with its 10-working-day due date (computed
//! once, from the calendar in force when it was asked) and, once reissued,
//! the new certificate's number and date.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use CertificateReissues as C;
        m.create_table(
            Table::create()
                .table(C::Table)
                .col(id(C::Id))
                .col(uuid(C::MachineId))
                .col(string(C::RequestedBy, 100))
                .col(ColumnDef::new(C::RequestedOn).date().not_null())
                .col(ColumnDef::new(C::Notes).string_len(500))
                .col(ColumnDef::new(C::DueOn).date().not_null())
                .col(ColumnDef::new(C::CertificateNumber).string_len(64))
                .col(ColumnDef::new(C::ReissuedOn).date())
                .col(integer(C::Version))
                .col(timestamp(C::CreatedAt))
                .col(timestamp(C::UpdatedAt))
                .foreign_key(&mut references(
                    C::Table,
                    C::MachineId,
                    Machines::Table,
                    Machines::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_certificate_reissues_machine",
            C::Table,
            [C::MachineId],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_table(m, CertificateReissues::Table).await
    }
}
