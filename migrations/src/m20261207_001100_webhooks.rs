//! Webhook subscriptions (issue #21): the change feed pushed to a URL. Each
//! subscription keeps its own position in the outbox (`cursor`), its retry
//! state, and a lease (`leased_until`) so that of several servers only one
//! delivers it at a time. Every attempt is logged in `webhook_deliveries`.
//! The secret signs deliveries, so it is kept as it is (it cannot be a
//! digest like an API client's): reading the table gives it away.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Webhooks {
    Table,
    Id,
    Url,
    Events,
    DealerId,
    Description,
    Secret,
    Enabled,
    DisabledReason,
    Cursor,
    Failures,
    FailingSince,
    NextAttemptAt,
    LeasedUntil,
    CreatedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WebhookDeliveries {
    Table,
    Id,
    WebhookId,
    EventId,
    Sequence,
    EventType,
    Attempt,
    Status,
    Failure,
    Error,
    Succeeded,
    DurationMs,
    Manual,
    At,
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
                .table(Webhooks::Table)
                .col(id(Webhooks::Id))
                .col(text(Webhooks::Url))
                .col(json(Webhooks::Events))
                .col(uuid_null(Webhooks::DealerId))
                .col(string_null(Webhooks::Description, 200))
                .col(string(Webhooks::Secret, 100))
                .col(boolean(Webhooks::Enabled))
                .col(string_null(Webhooks::DisabledReason, 200))
                .col(
                    ColumnDef::new(Webhooks::Cursor)
                        .big_integer()
                        .not_null()
                        .to_owned(),
                )
                .col(integer(Webhooks::Failures))
                .col(timestamp_null(Webhooks::FailingSince))
                .col(timestamp(Webhooks::NextAttemptAt))
                .col(timestamp_null(Webhooks::LeasedUntil))
                .col(uuid(Webhooks::CreatedBy))
                .col(version(Webhooks::Version))
                .col(timestamp(Webhooks::CreatedAt))
                .col(timestamp(Webhooks::UpdatedAt))
                .foreign_key(&mut references(
                    Webhooks::Table,
                    Webhooks::DealerId,
                    Dealers::Table,
                    Dealers::Id,
                ))
                .to_owned(),
        )
        .await?;
        // The deliverer's question: which enabled subscriptions are due.
        m.create_index(index(
            "idx_webhooks_due",
            Webhooks::Table,
            [Webhooks::Enabled, Webhooks::NextAttemptAt],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(WebhookDeliveries::Table)
                .col(id(WebhookDeliveries::Id))
                .col(uuid(WebhookDeliveries::WebhookId))
                .col(uuid(WebhookDeliveries::EventId))
                .col(
                    ColumnDef::new(WebhookDeliveries::Sequence)
                        .big_integer()
                        .not_null()
                        .to_owned(),
                )
                .col(string(WebhookDeliveries::EventType, 100))
                .col(integer(WebhookDeliveries::Attempt))
                .col(
                    ColumnDef::new(WebhookDeliveries::Status)
                        .integer()
                        .null()
                        .to_owned(),
                )
                .col(string_null(WebhookDeliveries::Failure, 20))
                .col(text_null(WebhookDeliveries::Error))
                .col(boolean(WebhookDeliveries::Succeeded))
                .col(
                    ColumnDef::new(WebhookDeliveries::DurationMs)
                        .big_integer()
                        .not_null()
                        .to_owned(),
                )
                .col(boolean(WebhookDeliveries::Manual))
                .col(timestamp(WebhookDeliveries::At))
                // Deleting a subscription deletes its log.
                .foreign_key(&mut owned_by(
                    WebhookDeliveries::Table,
                    WebhookDeliveries::WebhookId,
                    Webhooks::Table,
                    Webhooks::Id,
                ))
                .to_owned(),
        )
        .await?;
        // A subscription's log, newest first.
        m.create_index(index(
            "idx_webhook_deliveries_webhook_at",
            WebhookDeliveries::Table,
            [WebhookDeliveries::WebhookId, WebhookDeliveries::At],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_table(m, WebhookDeliveries::Table).await?;
        drop_table(m, Webhooks::Table).await
    }
}
