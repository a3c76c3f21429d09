//! Master data: customers, product models, machines, engineer profiles, and the
//! per-name number sequences (customer codes now; SR/WO numbers later).

use sea_orm_migration::prelude::*;

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
    Active,
    Version,
    CreatedAt,
    UpdatedAt,
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
    Active,
    Version,
    CreatedAt,
    UpdatedAt,
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
    Active,
    Version,
    CreatedAt,
    UpdatedAt,
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

#[derive(DeriveIden)]
enum Dealers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn idx(name: &str, table: impl IntoIden, cols: &[&str]) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table.into_iden());
    for c in cols {
        i.col(Alias::new(*c));
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Sequences::Table)
                .col(
                    ColumnDef::new(Sequences::Name)
                        .string_len(40)
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(Sequences::Value).big_integer().not_null())
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Customers::Table)
                .col(
                    ColumnDef::new(Customers::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(Customers::Code)
                        .string_len(32)
                        .not_null()
                        .unique_key(),
                )
                .col(ColumnDef::new(Customers::Name).string_len(200).not_null())
                .col(ColumnDef::new(Customers::Kind).string_len(20).not_null())
                .col(ColumnDef::new(Customers::Phone).string_len(40).not_null())
                .col(ColumnDef::new(Customers::AltPhone).string_len(40))
                .col(ColumnDef::new(Customers::Email).string_len(200))
                .col(
                    ColumnDef::new(Customers::Province)
                        .string_len(50)
                        .not_null(),
                )
                .col(ColumnDef::new(Customers::City).string_len(50))
                .col(ColumnDef::new(Customers::County).string_len(50))
                .col(ColumnDef::new(Customers::Address).string_len(300))
                .col(ColumnDef::new(Customers::Lat).double())
                .col(ColumnDef::new(Customers::Lon).double())
                .col(ColumnDef::new(Customers::DealerId).uuid())
                .col(ColumnDef::new(Customers::Notes).text())
                .col(
                    ColumnDef::new(Customers::SearchText)
                        .string_len(600)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Customers::Active)
                        .boolean()
                        .not_null()
                        .default(true),
                )
                .col(
                    ColumnDef::new(Customers::Version)
                        .integer()
                        .not_null()
                        .default(1),
                )
                .col(
                    ColumnDef::new(Customers::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Customers::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Customers::Table, Customers::DealerId)
                        .to(Dealers::Table, Dealers::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(idx(
            "idx_customers_dealer",
            Customers::Table,
            &["dealer_id", "code"],
        ))
        .await?;
        m.create_index(idx(
            "idx_customers_updated",
            Customers::Table,
            &["updated_at", "id"],
        ))
        .await?;
        m.create_index(idx(
            "idx_customers_province",
            Customers::Table,
            &["province", "code"],
        ))
        .await?;
        m.create_index(idx("idx_customers_phone", Customers::Table, &["phone"]))
            .await?;

        m.create_table(
            Table::create()
                .table(ProductModels::Table)
                .col(
                    ColumnDef::new(ProductModels::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(ProductModels::Code)
                        .string_len(40)
                        .not_null()
                        .unique_key(),
                )
                .col(
                    ColumnDef::new(ProductModels::Name)
                        .string_len(200)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ProductModels::Category)
                        .string_len(30)
                        .not_null(),
                )
                .col(ColumnDef::new(ProductModels::Params).json().not_null())
                .col(
                    ColumnDef::new(ProductModels::WarrantyMonths)
                        .integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ProductModels::Active)
                        .boolean()
                        .not_null()
                        .default(true),
                )
                .col(
                    ColumnDef::new(ProductModels::Version)
                        .integer()
                        .not_null()
                        .default(1),
                )
                .col(
                    ColumnDef::new(ProductModels::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ProductModels::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(idx(
            "idx_product_models_updated",
            ProductModels::Table,
            &["updated_at", "id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Machines::Table)
                .col(ColumnDef::new(Machines::Id).uuid().not_null().primary_key())
                .col(
                    ColumnDef::new(Machines::SerialNumber)
                        .string_len(64)
                        .not_null()
                        .unique_key(),
                )
                .col(ColumnDef::new(Machines::ModelId).uuid().not_null())
                .col(ColumnDef::new(Machines::CustomerId).uuid().not_null())
                .col(ColumnDef::new(Machines::DealerId).uuid())
                .col(ColumnDef::new(Machines::SaleDate).date())
                .col(ColumnDef::new(Machines::WarrantyEnd).date())
                .col(ColumnDef::new(Machines::EngineHours).integer())
                .col(ColumnDef::new(Machines::Status).string_len(20).not_null())
                .col(ColumnDef::new(Machines::Notes).text())
                .col(
                    ColumnDef::new(Machines::Active)
                        .boolean()
                        .not_null()
                        .default(true),
                )
                .col(
                    ColumnDef::new(Machines::Version)
                        .integer()
                        .not_null()
                        .default(1),
                )
                .col(
                    ColumnDef::new(Machines::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Machines::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Machines::Table, Machines::ModelId)
                        .to(ProductModels::Table, ProductModels::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Machines::Table, Machines::CustomerId)
                        .to(Customers::Table, Customers::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Machines::Table, Machines::DealerId)
                        .to(Dealers::Table, Dealers::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(idx(
            "idx_machines_customer",
            Machines::Table,
            &["customer_id"],
        ))
        .await?;
        m.create_index(idx(
            "idx_machines_dealer",
            Machines::Table,
            &["dealer_id", "serial_number"],
        ))
        .await?;
        m.create_index(idx(
            "idx_machines_model",
            Machines::Table,
            &["model_id", "serial_number"],
        ))
        .await?;
        m.create_index(idx(
            "idx_machines_updated",
            Machines::Table,
            &["updated_at", "id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(EngineerProfiles::Table)
                .col(
                    ColumnDef::new(EngineerProfiles::UserId)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(EngineerProfiles::Skills)
                        .string_len(200)
                        .not_null(),
                )
                .col(ColumnDef::new(EngineerProfiles::HomeBase).string_len(200))
                .col(ColumnDef::new(EngineerProfiles::Lat).double())
                .col(ColumnDef::new(EngineerProfiles::Lon).double())
                .col(ColumnDef::new(EngineerProfiles::Phone).string_len(40))
                .col(
                    ColumnDef::new(EngineerProfiles::Active)
                        .boolean()
                        .not_null()
                        .default(true),
                )
                .col(
                    ColumnDef::new(EngineerProfiles::Version)
                        .integer()
                        .not_null()
                        .default(1),
                )
                .col(
                    ColumnDef::new(EngineerProfiles::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(EngineerProfiles::Table, EngineerProfiles::UserId)
                        .to(Users::Table, Users::Id),
                )
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
