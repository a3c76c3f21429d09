//! Every wait of a request for parts (待配件), not only the current one: the
//! 三包 extension counts the days a machine waited for parts
//! (`domain::master::machine_warranty`) and the machine archive shows them
//! apart, so each wait keeps its start and end. A request has few waits and
//! most requests none: the warranty reads them by request id.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PartsWaits {
    Table,
    RequestId,
    Since,
    Until,
}

#[derive(DeriveIden)]
enum ServiceRequests {
    Table,
    Id,
    PartsWaitingSince,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PartsWaits::Table)
                .col(uuid(PartsWaits::RequestId))
                .col(timestamp(PartsWaits::Since))
                .col(timestamp_null(PartsWaits::Until))
                .primary_key(
                    Index::create()
                        .col(PartsWaits::RequestId)
                        .col(PartsWaits::Since),
                )
                .foreign_key(&mut owned_by(
                    PartsWaits::Table,
                    PartsWaits::RequestId,
                    ServiceRequests::Table,
                    ServiceRequests::Id,
                ))
                .to_owned(),
        )
        .await?;
        // The waits open when this runs; earlier ended ones are told by the
        // requests' `parts_wait_ended` audit events alone.
        let open = Query::select()
            .columns([ServiceRequests::Id, ServiceRequests::PartsWaitingSince])
            .from(ServiceRequests::Table)
            .and_where(Expr::col(ServiceRequests::PartsWaitingSince).is_not_null())
            .to_owned();
        m.exec_stmt(
            Query::insert()
                .into_table(PartsWaits::Table)
                .columns([PartsWaits::RequestId, PartsWaits::Since])
                .select_from(open)
                .map_err(|e| DbErr::Migration(e.to_string()))?
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(PartsWaits::Table).to_owned())
            .await
    }
}
