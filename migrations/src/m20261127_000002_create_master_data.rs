//! Master data: customers, product models, machines, engineer profiles, and the
//! per-name number sequences (customer codes now; SR/WO numbers later).

use sea_orm_migration::prelude::*;

use crate::ddl::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sequences {
    Table,
    Name,
    Value,
}

#[derive(DeriveIden)]
enum Customers {
    Table,
    Id,
    Code,
    Name,
    Kind,
    Phone,
    AltPhone,
    Email,
    Province,
    City,
    County,
    Address,
    Lat,
    Lon,
    DealerId,
    Notes,
    SearchText,
}

#[derive(DeriveIden)]
enum ProductModels {
    Table,
    Id,
    Code,
    Name,
    Category,
    Params,
    WarrantyMonths,
}

#[derive(DeriveIden)]
enum Machines {
    Table,
    Id,
    SerialNumber,
    ModelId,
    CustomerId,
    DealerId,
    SaleDate,
    WarrantyEnd,
    EngineHours,
    Status,
    Notes,
}

#[derive(DeriveIden)]
enum EngineerProfiles {
    Table,
    UserId,
    Skills,
    HomeBase,
    Lat,
    Lon,
    Phone,
    Active,
    Version,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Sequences::Table)
                .col(string(Sequences::Name, 40).primary_key())
                .col(ColumnDef::new(Sequences::Value).big_integer().not_null())
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Customers::Table)
                .col(id(Customers::Id))
                .col(string(Customers::Code, 32).unique_key())
                .col(string(Customers::Name, 200))
                .col(string(Customers::Kind, 20))
                .col(string(Customers::Phone, 40))
                .col(ColumnDef::new(Customers::AltPhone).string_len(40))
                .col(ColumnDef::new(Customers::Email).string_len(200))
                .col(string(Customers::Province, 50))
                .col(ColumnDef::new(Customers::City).string_len(50))
                .col(ColumnDef::new(Customers::County).string_len(50))
                .col(ColumnDef::new(Customers::Address).string_len(300))
                .col(ColumnDef::new(Customers::Lat).double())
                .col(ColumnDef::new(Customers::Lon).double())
                .col(ColumnDef::new(Customers::DealerId).uuid())
                .col(ColumnDef::new(Customers::Notes).text())
                .col(string(Customers::SearchText, 600))
                .master_columns()
                .foreign_key(&mut references(
                    Customers::Table,
                    Customers::DealerId,
                    Dealers::Table,
                    Dealers::Id,
                ))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("idx_customers_dealer", &["dealer_id", "code"][..]),
            ("idx_customers_updated", &["updated_at", "id"][..]),
            ("idx_customers_province", &["province", "code"][..]),
            ("idx_customers_phone", &["phone"][..]),
        ] {
            m.create_index(index(name, Customers::Table, cols.iter().copied()))
                .await?;
        }

        m.create_table(
            Table::create()
                .table(ProductModels::Table)
                .col(id(ProductModels::Id))
                .col(string(ProductModels::Code, 40).unique_key())
                .col(string(ProductModels::Name, 200))
                .col(string(ProductModels::Category, 30))
                .col(json(ProductModels::Params))
                .col(integer(ProductModels::WarrantyMonths))
                .master_columns()
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_product_models_updated",
            ProductModels::Table,
            ["updated_at", "id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Machines::Table)
                .col(id(Machines::Id))
                .col(string(Machines::SerialNumber, 64).unique_key())
                .col(uuid(Machines::ModelId))
                .col(uuid(Machines::CustomerId))
                .col(ColumnDef::new(Machines::DealerId).uuid())
                .col(ColumnDef::new(Machines::SaleDate).date())
                .col(ColumnDef::new(Machines::WarrantyEnd).date())
                .col(ColumnDef::new(Machines::EngineHours).integer())
                .col(string(Machines::Status, 20))
                .col(ColumnDef::new(Machines::Notes).text())
                .master_columns()
                .foreign_key(&mut references(
                    Machines::Table,
                    Machines::ModelId,
                    ProductModels::Table,
                    ProductModels::Id,
                ))
                .foreign_key(&mut references(
                    Machines::Table,
                    Machines::CustomerId,
                    Customers::Table,
                    Customers::Id,
                ))
                .foreign_key(&mut references(
                    Machines::Table,
                    Machines::DealerId,
                    Dealers::Table,
                    Dealers::Id,
                ))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("idx_machines_customer", &["customer_id"][..]),
            ("idx_machines_dealer", &["dealer_id", "serial_number"][..]),
            ("idx_machines_model", &["model_id", "serial_number"][..]),
            ("idx_machines_updated", &["updated_at", "id"][..]),
        ] {
            m.create_index(index(name, Machines::Table, cols.iter().copied()))
                .await?;
        }

        m.create_table(
            Table::create()
                .table(EngineerProfiles::Table)
                .col(id(EngineerProfiles::UserId))
                .col(string(EngineerProfiles::Skills, 200))
                .col(ColumnDef::new(EngineerProfiles::HomeBase).string_len(200))
                .col(ColumnDef::new(EngineerProfiles::Lat).double())
                .col(ColumnDef::new(EngineerProfiles::Lon).double())
                .col(ColumnDef::new(EngineerProfiles::Phone).string_len(40))
                .col(active(EngineerProfiles::Active))
                .col(version(EngineerProfiles::Version))
                .col(timestamp(EngineerProfiles::UpdatedAt))
                .foreign_key(&mut references(
                    EngineerProfiles::Table,
                    EngineerProfiles::UserId,
                    Users::Table,
                    Users::Id,
                ))
                .to_owned(),
        )
        .await?;

        // Substring search (`q`) on PostgreSQL uses trigram indexes; SQLite
        // scans the short search column, which stays fast at archive sizes.
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Postgres {
            let db = m.get_connection();
            db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                .await?;
            db.execute_unprepared("CREATE INDEX idx_customers_search ON customers USING gin (search_text gin_trgm_ops)").await?;
            db.execute_unprepared("CREATE INDEX idx_machines_serial_trgm ON machines USING gin (lower(serial_number) gin_trgm_ops)").await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            EngineerProfiles::Table.into_iden(),
            Machines::Table.into_iden(),
            ProductModels::Table.into_iden(),
            Customers::Table.into_iden(),
            Sequences::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
