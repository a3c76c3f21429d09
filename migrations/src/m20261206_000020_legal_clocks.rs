//! The 三包 regime of each request and the part type its diagnosis named:
//! the busy-season repair deadline follows from the law, and stays
//! provisional (the stricter day) until a diagnosis names the part.
//!
//! Existing requests keep their due times; their regime is read back from
//! what decided them then: maintenance and other non-repairs ran the company
//! SLA, a harvest-critical request in season the busy-season clock, the rest
//! 30 working days. Their suspected part stands as the diagnosis, since their
//! deadline was computed from it.

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ServiceRequests {
    Table,
    LegalClock,
    DiagnosedPart,
    Kind,
    HarvestCritical,
    InSeason,
    SuspectedPart,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        for (col, default) in [
            (ServiceRequests::LegalClock, "sanbao_working_days"),
            (ServiceRequests::DiagnosedPart, "unknown"),
        ] {
            let def = ColumnDef::new(col)
                .string()
                .not_null()
                .default(default)
                .to_owned();
            add_column(m, ServiceRequests::Table, def).await?;
        }
        let busy = Expr::col(ServiceRequests::HarvestCritical)
            .eq(true)
            .and(Expr::col(ServiceRequests::InSeason).eq(true));
        m.exec_stmt(
            Query::update()
                .table(ServiceRequests::Table)
                .value(
                    ServiceRequests::LegalClock,
                    Expr::case(Expr::col(ServiceRequests::Kind).ne("repair"), "company_sla")
                        .case(busy, "sanbao_busy_season")
                        .finally("sanbao_working_days"),
                )
                .value(
                    ServiceRequests::DiagnosedPart,
                    Expr::col(ServiceRequests::SuspectedPart),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for c in [ServiceRequests::LegalClock, ServiceRequests::DiagnosedPart] {
            drop_column(m, ServiceRequests::Table, c).await?;
        }
        Ok(())
    }
}
