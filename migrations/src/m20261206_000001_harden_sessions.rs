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

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

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
        drop_table(m, LoginFailures::Table).await?;
        m.create_table(
            Table::create()
                .table(LoginThrottles::Table)
                .col(string(LoginThrottles::Key, 64).primary_key())
                .col(string(LoginThrottles::Scope, 16))
                .col(integer(LoginThrottles::Failures))
                .col(timestamp(LoginThrottles::FirstFailureAt))
                .col(timestamp(LoginThrottles::LastFailureAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_login_throttles_last_failure",
            LoginThrottles::Table,
            [LoginThrottles::LastFailureAt],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(LoginAddresses::Table)
                .col(uuid(LoginAddresses::UserId))
                .col(string(LoginAddresses::AddressHash, 64))
                .col(timestamp(LoginAddresses::LastSuccessAt))
                .primary_key(
                    Index::create()
                        .col(LoginAddresses::UserId)
                        .col(LoginAddresses::AddressHash),
                )
                .foreign_key(&mut owned_by(
                    LoginAddresses::Table,
                    LoginAddresses::UserId,
                    Users::Table,
                    Users::Id,
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_table(m, LoginAddresses::Table).await?;
        drop_table(m, LoginThrottles::Table).await?;
        m.create_table(
            Table::create()
                .table(LoginFailures::Table)
                .col(string(LoginFailures::Username, 64).primary_key())
                .col(integer(LoginFailures::Failures))
                .col(timestamp(LoginFailures::LastFailureAt))
                .to_owned(),
        )
        .await
    }
}
