//! The column, key and index shapes the migrations share, each written once.
//!
//! Every helper is exactly the SeaQuery chain it stands for, so a migration
//! written with them builds the same schema, to the letter, as the chain did
//! on both engines. Nullable columns say `.null()` only where the migration
//! always said so (`*_null` here): SQLite keeps the text of each CREATE TABLE,
//! and a schema must not change when its migration is tidied.

use sea_orm_migration::prelude::*;

/// `uuid NOT NULL PRIMARY KEY`: a record's own id.
pub fn id(col: impl IntoIden) -> ColumnDef {
    uuid(col).primary_key().to_owned()
}

/// `uuid NOT NULL`: a required reference.
pub fn uuid(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().not_null().to_owned()
}

/// `uuid NULL`.
pub fn uuid_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().null().to_owned()
}

/// `varchar(len) NOT NULL`.
pub fn string(col: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(col).string_len(len).not_null().to_owned()
}

/// `varchar(len) NULL`.
pub fn string_null(col: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(col).string_len(len).null().to_owned()
}

/// `text NOT NULL`.
pub fn text(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).text().not_null().to_owned()
}

/// `text NULL`.
pub fn text_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).text().null().to_owned()
}

/// `timestamp with time zone NOT NULL`.
pub fn timestamp(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

/// `timestamp with time zone NULL`.
pub fn timestamp_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

/// `integer NOT NULL`.
pub fn integer(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).integer().not_null().to_owned()
}

/// `boolean NOT NULL`.
pub fn boolean(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).boolean().not_null().to_owned()
}

/// `boolean NULL`.
pub fn boolean_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).boolean().null().to_owned()
}

/// `json NOT NULL`.
pub fn json(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).json().not_null().to_owned()
}

/// A master record's `active` flag: on when created.
pub fn active(col: impl IntoIden) -> ColumnDef {
    boolean(col).default(true).to_owned()
}

/// A master record's `version` (the If-Match counter): 1 when created.
pub fn version(col: impl IntoIden) -> ColumnDef {
    integer(col).default(1).to_owned()
}

/// The columns a master record (dealer, user, customer, product model,
/// machine) ends with: active when created, version 1, and when it was
/// created and last changed.
pub trait MasterColumns {
    fn master_columns(&mut self) -> &mut Self;
}

impl MasterColumns for TableCreateStatement {
    fn master_columns(&mut self) -> &mut Self {
        self.col(active("active"))
            .col(version("version"))
            .col(timestamp("created_at"))
            .col(timestamp("updated_at"))
    }
}

/// `FOREIGN KEY (from_col) REFERENCES to_table (to_col)`.
pub fn references(
    from_table: impl IntoIden + 'static,
    from_col: impl IntoIden + 'static,
    to_table: impl IntoIden + 'static,
    to_col: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, to_col)
        .to_owned()
}

/// [`references`] from a row that belongs to its owner: deleting the owner
/// deletes the row (`ON DELETE CASCADE`).
pub fn owned_by(
    from_table: impl IntoIden + 'static,
    from_col: impl IntoIden + 'static,
    to_table: impl IntoIden + 'static,
    to_col: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    references(from_table, from_col, to_table, to_col)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// A plain (not unique) index on `cols`, in that order.
pub fn index<C: IntoIden + 'static>(
    name: &str,
    table: impl IntoIden + 'static,
    cols: impl IntoIterator<Item = C>,
) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(c);
    }
    i.to_owned()
}

/// Adds one column: SQLite alters a table one column per statement.
pub async fn add_column(
    m: &SchemaManager<'_>,
    table: impl IntoIden + 'static,
    mut col: ColumnDef,
) -> Result<(), DbErr> {
    m.alter_table(Table::alter().table(table).add_column(&mut col).to_owned())
        .await
}

/// Drops one column (see [`add_column`]).
pub async fn drop_column(
    m: &SchemaManager<'_>,
    table: impl IntoIden + 'static,
    col: impl IntoIden + 'static,
) -> Result<(), DbErr> {
    m.alter_table(Table::alter().table(table).drop_column(col).to_owned())
        .await
}

/// Drops a table.
pub async fn drop_table(
    m: &SchemaManager<'_>,
    table: impl IntoIden + 'static,
) -> Result<(), DbErr> {
    m.drop_table(Table::drop().table(table).to_owned()).await
}

/// Tables that later migrations refer to by their key alone (foreign keys).
#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
pub enum Machines {
    Table,
    Id,
}

#[derive(DeriveIden)]
pub enum Dealers {
    Table,
    Id,
}
