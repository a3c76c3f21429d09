//! Furrow's schema, one file per change. SeaQuery DSL only, so SQLite and
//! PostgreSQL share every migration. Merged migrations are never edited.

pub use sea_orm_migration::prelude::*;

mod ddl;

mod m20261127_000001_create_identity;
mod m20261127_000002_create_master_data;
mod m20261127_000003_create_service;
mod m20261127_000004_index_sign_links_report;
mod m20261206_000001_harden_sessions;
mod m20261206_000002_dealer_follows_customer;
mod m20261206_000003_outbox;
mod m20261206_000004_list_indexes;
mod m20261206_000011_cancelled_requests_stop;
mod m20261206_000012_machine_extended_warranty;
mod m20261206_000013_notification_reads;
mod m20261206_000014_certificate_reissues;
mod m20261206_000020_legal_clocks;
mod m20261206_000030_dispatch_sites_absences;
mod m20261206_000050_request_coverage;
mod m20261206_000060_work_order_acknowledgement;
mod m20261206_000070_machine_replaced_on;
mod m20261207_000010_report_fault_identity;
mod m20261207_000100_parts_and_stock;
mod m20261207_000200_follow_up_attempts;
mod m20261207_000300_api_clients;
mod m20261207_000400_api_client_usage;
mod m20261207_000800_parts_requisitions;
mod m20261207_000900_purchase_requests;
mod m20261207_001000_stocktakes;
mod m20261207_001100_webhooks;
mod m20261207_001200_parts_wait;
mod m20261208_000100_parts_waits;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_create_identity::Migration),
            Box::new(m20261127_000002_create_master_data::Migration),
            Box::new(m20261127_000003_create_service::Migration),
            Box::new(m20261127_000004_index_sign_links_report::Migration),
            Box::new(m20261206_000001_harden_sessions::Migration),
            Box::new(m20261206_000002_dealer_follows_customer::Migration),
            Box::new(m20261206_000003_outbox::Migration),
            Box::new(m20261206_000004_list_indexes::Migration),
            Box::new(m20261206_000011_cancelled_requests_stop::Migration),
            Box::new(m20261206_000012_machine_extended_warranty::Migration),
            Box::new(m20261206_000013_notification_reads::Migration),
            Box::new(m20261206_000014_certificate_reissues::Migration),
            Box::new(m20261206_000020_legal_clocks::Migration),
            Box::new(m20261206_000030_dispatch_sites_absences::Migration),
            Box::new(m20261206_000050_request_coverage::Migration),
            Box::new(m20261206_000060_work_order_acknowledgement::Migration),
            Box::new(m20261206_000070_machine_replaced_on::Migration),
            Box::new(m20261207_000010_report_fault_identity::Migration),
            Box::new(m20261207_000100_parts_and_stock::Migration),
            Box::new(m20261207_000200_follow_up_attempts::Migration),
            Box::new(m20261207_000300_api_clients::Migration),
            Box::new(m20261207_000400_api_client_usage::Migration),
            Box::new(m20261207_000800_parts_requisitions::Migration),
            Box::new(m20261207_000900_purchase_requests::Migration),
            Box::new(m20261207_001000_stocktakes::Migration),
            Box::new(m20261207_001100_webhooks::Migration),
            Box::new(m20261207_001200_parts_wait::Migration),
            Box::new(m20261208_000100_parts_waits::Migration),
        ]
    }
}
