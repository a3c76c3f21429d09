//! A machine and a service request belong to their customer's dealer
//! (`furrow_domain::dealers::owning_dealer`). Records written before that rule
//! could keep a machine's selling dealer after its owner moved to another
//! dealer, so the wrong dealer saw them; this puts every one with its
//! customer's dealer. Nothing to undo: the old values were the defect.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `UPDATE <table> SET dealer_id = (SELECT dealer_id FROM customers WHERE id = <table>.customer_id)`.
fn follow_customer(table: &str) -> UpdateStatement {
    let customers = Alias::new("customers");
    let customers_dealer = Query::select()
        .column((customers.clone(), Alias::new("dealer_id")))
        .from(customers.clone())
        .and_where(
            Expr::col((customers, Alias::new("id")))
                .equals((Alias::new(table), Alias::new("customer_id"))),
        )
        .to_owned();
    Query::update()
        .table(Alias::new(table))
        .value(
            Alias::new("dealer_id"),
            SimpleExpr::SubQuery(None, Box::new(customers_dealer.into_sub_query_statement())),
        )
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.exec_stmt(follow_customer("machines")).await?;
        m.exec_stmt(follow_customer("service_requests")).await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
