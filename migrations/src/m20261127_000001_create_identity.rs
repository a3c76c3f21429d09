//! Dealers, users, refresh tokens, the failed-login counter and the audit log:
//! what sign-in and the first admin pages stand on.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Dealers {
    Table,
    Id,
    Code,
    Name,
    Region,
    ContactName,
    ContactPhone,
    Address,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Username,
    DisplayName,
    PasswordHash,
    Roles,
    DealerId,
    Department,
    Locale,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    UserId,
    TokenHash,
    FamilyId,
    ExpiresAt,
    CreatedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Username,
    Failures,
    LastFailureAt,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    At,
    ActorId,
    ActorName,
    EntityType,
    EntityId,
    Action,
    Changes,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Dealers::Table)
                .col(id(Dealers::Id))
                .col(string(Dealers::Code, 32).unique_key())
                .col(string(Dealers::Name, 200))
                .col(string(Dealers::Region, 100))
                .col(ColumnDef::new(Dealers::ContactName).string_len(100))
                .col(ColumnDef::new(Dealers::ContactPhone).string_len(40))
                .col(ColumnDef::new(Dealers::Address).string_len(300))
                .master_columns()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(id(Users::Id))
                .col(string(Users::Username, 64).unique_key())
                .col(string(Users::DisplayName, 100))
                .col(string(Users::PasswordHash, 200))
                .col(string(Users::Roles, 200))
                .col(ColumnDef::new(Users::DealerId).uuid())
                .col(ColumnDef::new(Users::Department).string_len(100))
                .col(ColumnDef::new(Users::Locale).string_len(10))
                .master_columns()
                .foreign_key(&mut references(
                    Users::Table,
                    Users::DealerId,
                    Dealers::Table,
                    Dealers::Id,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RefreshTokens::Table)
                .col(id(RefreshTokens::Id))
                .col(uuid(RefreshTokens::UserId))
                .col(string(RefreshTokens::TokenHash, 64).unique_key())
                .col(uuid(RefreshTokens::FamilyId))
                .col(timestamp(RefreshTokens::ExpiresAt))
                .col(timestamp(RefreshTokens::CreatedAt))
                .col(ColumnDef::new(RefreshTokens::RevokedAt).timestamp_with_time_zone())
                .foreign_key(&mut owned_by(
                    RefreshTokens::Table,
                    RefreshTokens::UserId,
                    Users::Table,
                    Users::Id,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_refresh_tokens_family",
            RefreshTokens::Table,
            [RefreshTokens::FamilyId],
        ))
        .await?;
        m.create_index(index(
            "idx_refresh_tokens_user",
            RefreshTokens::Table,
            [RefreshTokens::UserId],
        ))
        .await?;

        // Keyed by the normalised login name, not the user id, so guessing at a
        // name that does not exist is slowed down exactly like a real one.
        m.create_table(
            Table::create()
                .table(LoginFailures::Table)
                .col(string(LoginFailures::Username, 64).primary_key())
                .col(integer(LoginFailures::Failures))
                .col(timestamp(LoginFailures::LastFailureAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditEvents::Table)
                .col(id(AuditEvents::Id))
                .col(timestamp(AuditEvents::At))
                .col(ColumnDef::new(AuditEvents::ActorId).uuid())
                .col(string(AuditEvents::ActorName, 100))
                .col(string(AuditEvents::EntityType, 40))
                .col(uuid(AuditEvents::EntityId))
                .col(string(AuditEvents::Action, 60))
                .col(json(AuditEvents::Changes))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_audit_events_entity",
            AuditEvents::Table,
            [
                AuditEvents::EntityType,
                AuditEvents::EntityId,
                AuditEvents::At,
            ],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AuditEvents::Table.into_iden(),
            LoginFailures::Table.into_iden(),
            RefreshTokens::Table.into_iden(),
            Users::Table.into_iden(),
            Dealers::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
