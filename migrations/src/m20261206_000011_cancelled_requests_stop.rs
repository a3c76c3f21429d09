//! A cancelled request's downtime stops at its cancel time
//! (`furrow_domain::service::sla::downtime_end`). Cancellation did not stamp
//! `closed_at` before that rule, so those requests counted downtime up to
//! today; this stamps each with the time of its `cancelled` audit event (its
//! last change when none was recorded). Nothing to undo: the old values were
//! the defect.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let requests = Alias::new("service_requests");
        let events = Alias::new("audit_events");
        let cancelled_at = Query::select()
            .expr(Expr::col((events.clone(), Alias::new("at"))).max())
            .from(events.clone())
            .and_where(
                Expr::col((events.clone(), Alias::new("entity_id")))
                    .equals((requests.clone(), Alias::new("id"))),
            )
            .and_where(Expr::col((events, Alias::new("action"))).eq("cancelled"))
            .to_owned();
        let stamp = Func::coalesce([
            SimpleExpr::SubQuery(None, Box::new(cancelled_at.into_sub_query_statement())),
            Expr::col((requests.clone(), Alias::new("updated_at"))).into(),
        ]);
        m.exec_stmt(
            Query::update()
                .table(requests)
                .value(Alias::new("closed_at"), stamp)
                .and_where(Expr::col(Alias::new("status")).eq("cancelled"))
                .and_where(Expr::col(Alias::new("closed_at")).is_null())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
