//! API clients (issue #21): systems that get tokens with client credentials.
//! The secret is kept only as a SHA-256 digest (`secret_hash`); after a
//! rotation the one before stays valid until `previous_secret_valid_until`.
//! Scopes and address ranges are JSON arrays of their wire names.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApiClients {
    Table,
    Id,
    Name,
    Role,
    DealerId,
    Scopes,
    AllowedIps,
    SecretHash,
    PreviousSecretHash,
    PreviousSecretValidUntil,
    RotatedAt,
    RevokedAt,
    LastUsedAt,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Dealers {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ApiClients::Table)
                .col(id(ApiClients::Id))
                .col(string(ApiClients::Name, 100))
                .col(string(ApiClients::Role, 20))
                .col(uuid_null(ApiClients::DealerId))
                .col(json(ApiClients::Scopes))
                .col(json(ApiClients::AllowedIps))
                .col(string(ApiClients::SecretHash, 64))
                .col(string_null(ApiClients::PreviousSecretHash, 64))
                .col(timestamp_null(ApiClients::PreviousSecretValidUntil))
                .col(timestamp_null(ApiClients::RotatedAt))
                .col(timestamp_null(ApiClients::RevokedAt))
                .col(timestamp_null(ApiClients::LastUsedAt))
                .col(version(ApiClients::Version))
                .col(timestamp(ApiClients::CreatedAt))
                .col(timestamp(ApiClients::UpdatedAt))
                .foreign_key(&mut references(
                    ApiClients::Table,
                    ApiClients::DealerId,
                    Dealers::Table,
                    Dealers::Id,
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_table(m, ApiClients::Table).await
    }
}
