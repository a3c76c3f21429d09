//! Dispatch by schedule and distance (issue #18, item 19): the work site of a
//! request as taken at intake (address and point, defaulting to the
//! customer's registered ones), and the engineers' absences (leave, training)
//! that supervisors record and the ranking reads.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ServiceRequests {
    Table,
    SiteAddress,
    SiteLat,
    SiteLon,
}

#[derive(DeriveIden)]
enum EngineerAbsences {
    Table,
    Id,
    EngineerId,
    StartsAt,
    EndsAt,
    Reason,
    Note,
    CreatedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        for col in [
            string_null(ServiceRequests::SiteAddress, 300),
            ColumnDef::new(ServiceRequests::SiteLat)
                .double()
                .null()
                .to_owned(),
            ColumnDef::new(ServiceRequests::SiteLon)
                .double()
                .null()
                .to_owned(),
        ] {
            add_column(m, ServiceRequests::Table, col).await?;
        }
        use EngineerAbsences as A;
        m.create_table(
            Table::create()
                .table(A::Table)
                .col(id(A::Id))
                .col(uuid(A::EngineerId))
                .col(timestamp(A::StartsAt))
                .col(timestamp(A::EndsAt))
                .col(string(A::Reason, 16))
                .col(ColumnDef::new(A::Note).string_len(500))
                .col(ColumnDef::new(A::CreatedBy).uuid())
                .col(integer(A::Version))
                .col(timestamp(A::CreatedAt))
                .col(timestamp(A::UpdatedAt))
                .foreign_key(&mut references(
                    A::Table,
                    A::EngineerId,
                    Users::Table,
                    Users::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_engineer_absences_engineer_ends",
            A::Table,
            [A::EngineerId, A::EndsAt],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_table(m, EngineerAbsences::Table).await?;
        for col in [
            ServiceRequests::SiteLon,
            ServiceRequests::SiteLat,
            ServiceRequests::SiteAddress,
        ] {
            drop_column(m, ServiceRequests::Table, col).await?;
        }
        Ok(())
    }
}
