//! Sign-in throttling that neither grows without bound nor locks people out.
//!
//! `login_failures` was keyed by the submitted login name, as long as the body
//! allowed (a 1 MB name made a 1 MB row; on PostgreSQL a name over 64
//! characters failed the insert with a 500), and counted per name only. It is
//! replaced by:
//! - `login_throttles`: failure counts per login name, per client address and
//!   server-wide, keyed by a fixed-size SHA-256 (hex) of what they count, with
//!   an index on the last failure so expired rows are pruned cheaply;
//! - `login_addresses`: the addresses (hashed) each user signed in from
//!   successfully, a few per user, so a locked name still gets in from them.
//!
//! Throttle counts are short-lived by nature: the old rows are dropped.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Username,
    Failures,
    LastFailureAt,
}

#[derive(DeriveIden)]
enum LoginThrottles {
    Table,
    Key,
    Scope,
    Failures,
    FirstFailureAt,
    LastFailureAt,
}

#[derive(DeriveIden)]
enum LoginAddresses {
    Table,
    UserId,
    AddressHash,
    LastSuccessAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(LoginFailures::Table).to_owned())
            .await?;
        m.create_table(
            Table::create()
                .table(LoginThrottles::Table)
                .col(
                    ColumnDef::new(LoginThrottles::Key)
                        .string_len(64)
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(LoginThrottles::Scope)
                        .string_len(16)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(LoginThrottles::Failures)
                        .integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(LoginThrottles::FirstFailureAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(LoginThrottles::LastFailureAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_login_throttles_last_failure")
                .table(LoginThrottles::Table)
                .col(LoginThrottles::LastFailureAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(LoginAddresses::Table)
                .col(ColumnDef::new(LoginAddresses::UserId).uuid().not_null())
                .col(
                    ColumnDef::new(LoginAddresses::AddressHash)
                        .string_len(64)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(LoginAddresses::LastSuccessAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .primary_key(
                    Index::create()
                        .col(LoginAddresses::UserId)
                        .col(LoginAddresses::AddressHash),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(LoginAddresses::Table, LoginAddresses::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(LoginAddresses::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(LoginThrottles::Table).to_owned())
            .await?;
        m.create_table(
            Table::create()
                .table(LoginFailures::Table)
                .col(
                    ColumnDef::new(LoginFailures::Username)
                        .string_len(64)
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(LoginFailures::Failures).integer().not_null())
                .col(
                    ColumnDef::new(LoginFailures::LastFailureAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .to_owned(),
        )
        .await
    }
}
