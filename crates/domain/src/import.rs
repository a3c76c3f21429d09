//! Spreadsheet import (批量导入) of customers, product models, machines and
//! the parts catalog:
//! what a file's columns mean, how a row becomes a domain input, and the
//! row-by-row report a dry run or a real import answers with.
//!
//! Decoding the bytes and comparing with stored records is the store's job;
//! everything here is pure and shared with the SPA.

mod columns;
mod parts;
mod rows;
mod values;

pub use columns::{ColumnSpec, HeaderMap};
pub use parts::{PartRow, parse_part, split_model_codes};
pub use rows::{
    CustomerRow, DealerRef, MachineRow, parse_customer, parse_machine, parse_product_model,
};
pub use values::{
    parse_date, parse_decimal, parse_int, parse_machine_status, parse_quantity, parse_yuan_as_fen,
};

use crate::problem::Problem;
use serde::{Deserialize, Serialize};

/// Largest file accepted, in bytes: 20 MiB, room for the row limit in CSV or XLSX.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;
/// Most data rows one import may have.
pub const MAX_IMPORT_ROWS: usize = 100_000;
/// Most columns read from a file; cells further right are ignored.
pub const MAX_IMPORT_COLUMNS: usize = 256;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// 客户档案, keyed by customer code.
    Customers,
    /// 产品档案, keyed by serial number.
    Machines,
    /// 产品型号, keyed by model code.
    ProductModels,
    /// 配件目录, keyed by part number.
    Parts,
}

impl ImportKind {
    /// The kind of record the import writes: who may import it (and download
    /// its template) is the permission table's `Action::Import` on it.
    pub fn record(self) -> crate::RecordKind {
        match self {
            ImportKind::Customers => crate::RecordKind::Customer,
            ImportKind::Machines => crate::RecordKind::Machine,
            ImportKind::ProductModels => crate::RecordKind::ProductModel,
            ImportKind::Parts => crate::RecordKind::Part,
        }
    }

    /// The wire name (`product_models`).
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Customers => "customers",
            ImportKind::Machines => "machines",
            ImportKind::ProductModels => "product_models",
            ImportKind::Parts => "parts",
        }
    }

    /// The audit log's name for one record of this kind.
    pub fn entity_type(self) -> &'static str {
        match self {
            ImportKind::Customers => "customer",
            ImportKind::Machines => "machine",
            ImportKind::ProductModels => "product_model",
            ImportKind::Parts => "part",
        }
    }
}

/// What the import does (or, in a dry run, would do) with one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    /// A new record.
    Create,
    /// An existing record whose fields differ from the row.
    Update,
    /// An existing record that already matches the row: nothing is written.
    Unchanged,
    /// The row cannot be imported; see its errors.
    Error,
}

impl ImportAction {
    /// The wire name (`create`, `update`, `unchanged`, `error`).
    pub const fn as_str(self) -> &'static str {
        match self {
            ImportAction::Create => "create",
            ImportAction::Update => "update",
            ImportAction::Unchanged => "unchanged",
            ImportAction::Error => "error",
        }
    }
}

/// One problem with one cell (or, on the header row, with a column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportCellError {
    /// The column's header text as in the file (the template's when the column is missing).
    #[cfg_attr(feature = "openapi", schema(example = "销售日期"))]
    pub column: String,
    /// The field the column maps to (`sale_date`).
    pub field: String,
    /// Stable snake_case code: `required`, `invalid`, `unknown`, `duplicate`, `taken`, `too_long`, `missing_column`...
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
}

impl ImportCellError {
    /// An error on `column` / `field`.
    pub fn new(column: &str, field: &str, code: &str, message: impl Into<String>) -> Self {
        Self {
            column: column.to_owned(),
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

/// The outcome of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRowResult {
    /// The row number as the spreadsheet shows it (the header is row 1).
    pub row: u32,
    /// The record's key in the row: customer or model code, serial number,
    /// part number.
    pub key: String,
    pub action: ImportAction,
    /// Every problem of the row (empty unless `action` is `error`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ImportCellError>,
}

/// The answer to an import: totals and every row's outcome, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub kind: ImportKind,
    /// Nothing was written, by request.
    pub dry_run: bool,
    /// The changes were committed (false for a dry run and for a file with errors).
    pub applied: bool,
    /// Data rows read (blank rows are skipped and not counted).
    pub total_rows: u32,
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Rows in error (a header problem counts as one, on row 1).
    pub errors_count: u32,
    /// Headers that match no field and were not read (check them for typos).
    #[serde(default)]
    pub ignored_columns: Vec<String>,
    pub rows: Vec<ImportRowResult>,
}

impl ImportReport {
    /// An empty report.
    pub fn new(kind: ImportKind, dry_run: bool) -> Self {
        Self {
            kind,
            dry_run,
            applied: false,
            total_rows: 0,
            created: 0,
            updated: 0,
            unchanged: 0,
            errors_count: 0,
            ignored_columns: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// Adds a row's outcome and counts it.
    pub fn push(&mut self, row: ImportRowResult) {
        match row.action {
            ImportAction::Create => self.created += 1,
            ImportAction::Update => self.updated += 1,
            ImportAction::Unchanged => self.unchanged += 1,
            ImportAction::Error => self.errors_count += 1,
        }
        self.rows.push(row);
    }

    /// Whether any row (or the header) is in error: then nothing may be written.
    pub fn has_errors(&self) -> bool {
        self.errors_count > 0
    }
}

/// The 422 answer of a real import that had errors: a problem document with
/// the report attached, so the user sees every bad row at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportProblem {
    #[serde(flatten)]
    pub problem: Problem,
    /// What each row would have done; nothing was written.
    pub report: ImportReport,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: u32, action: ImportAction) -> ImportRowResult {
        ImportRowResult {
            row: n,
            key: format!("K{n}"),
            action,
            errors: Vec::new(),
        }
    }

    #[test]
    fn report_counts_each_action_and_errors_block_the_import() {
        let mut r = ImportReport::new(ImportKind::Customers, true);
        assert!(!r.has_errors());
        for (n, a) in [
            (2, ImportAction::Create),
            (3, ImportAction::Update),
            (4, ImportAction::Unchanged),
            (5, ImportAction::Unchanged),
        ] {
            r.push(row(n, a));
        }
        assert_eq!(
            (r.created, r.updated, r.unchanged, r.errors_count),
            (1, 1, 2, 0)
        );
        r.push(row(6, ImportAction::Error));
        assert!(r.has_errors());
        assert_eq!(r.rows.len(), 5);
    }

    #[test]
    fn kinds_have_their_wire_and_audit_names() {
        assert_eq!(
            serde_json::to_string(&ImportKind::ProductModels).unwrap(),
            "\"product_models\""
        );
        assert_eq!(ImportKind::ProductModels.as_str(), "product_models");
        assert_eq!(ImportKind::Machines.entity_type(), "machine");
        assert_eq!(ImportKind::Parts.as_str(), "parts");
        // The audit log names an imported part as the catalog's own writes do.
        assert_eq!(
            ImportKind::Parts.entity_type(),
            ImportKind::Parts.record().as_str()
        );
    }

    #[test]
    fn import_problem_flattens_the_problem_beside_the_report() {
        let p = ImportProblem {
            problem: Problem::new(422, "import_failed", "Import failed", None),
            report: ImportReport::new(ImportKind::Machines, false),
        };
        let v = serde_json::to_value(&p).unwrap();
        assert_eq!(v["code"], "import_failed");
        assert_eq!(v["report"]["kind"], "machines");
        assert_eq!(serde_json::from_value::<ImportProblem>(v).unwrap(), p);
    }
}
