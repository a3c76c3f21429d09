//! Dispatch by schedule and distance (issue #18, item 19): the work site of a
//! request as taken at intake (address and point, defaulting to the
//! customer's registered ones), and the engineers' absences (leave, training)
//! that supervisors record and the ranking reads.

use sea_orm_migration::prelude::*;

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

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        for col in [
            ColumnDef::new(ServiceRequests::SiteAddress)
                .string_len(300)
                .null()
                .to_owned(),
            ColumnDef::new(ServiceRequests::SiteLat)
                .double()
                .null()
                .to_owned(),
            ColumnDef::new(ServiceRequests::SiteLon)
                .double()
                .null()
                .to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(ServiceRequests::Table)
                    .add_column(col)
                    .to_owned(),
            )
            .await?;
        }
        use EngineerAbsences as A;
        m.create_table(
            Table::create()
                .table(A::Table)
                .col(ColumnDef::new(A::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(A::EngineerId).uuid().not_null())
                .col(
                    ColumnDef::new(A::StartsAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(A::EndsAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(ColumnDef::new(A::Reason).string_len(16).not_null())
                .col(ColumnDef::new(A::Note).string_len(500))
                .col(ColumnDef::new(A::CreatedBy).uuid())
                .col(ColumnDef::new(A::Version).integer().not_null())
                .col(
                    ColumnDef::new(A::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(A::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(A::Table, A::EngineerId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_engineer_absences_engineer_ends")
                .table(A::Table)
                .col(A::EngineerId)
                .col(A::EndsAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(EngineerAbsences::Table).to_owned())
            .await?;
        for col in [
            ServiceRequests::SiteLon,
            ServiceRequests::SiteLat,
            ServiceRequests::SiteAddress,
        ] {
            m.alter_table(
                Table::alter()
                    .table(ServiceRequests::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
