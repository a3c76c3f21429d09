//! Spreadsheet import (批量导入): templates, dry runs and real imports.

use crate::services::requests::{ApiError, Call, from_json};
use furrow_domain::import::{ImportKind, ImportReport};

/// The content type of an XLSX workbook.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A refused import: the problem, and the row-by-row report when the API
/// sent one (422 `import_failed`).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportFailure {
    pub error: ApiError,
    pub report: Option<ImportReport>,
}

/// `GET /imports/templates/{kind}`: the CSV template's text.
pub async fn template(kind: ImportKind) -> Result<String, ApiError> {
    Call::get(format!("/imports/templates/{}", kind.as_str()))
        .text()
        .await
}

/// The report inside a rejected import's problem document (`ImportProblem`).
/// The problem itself is already in the `ApiError`; reading only the report
/// avoids serde's `flatten` and the buffering code it brings (see
/// `SuggestionReason`).
#[derive(serde::Deserialize)]
struct Rejected {
    report: ImportReport,
}

/// `POST /imports/{kind}?dry_run=`: sends the file's bytes as they are.
pub async fn run(
    kind: ImportKind,
    bytes: Vec<u8>,
    content_type: &'static str,
    dry_run: bool,
) -> Result<ImportReport, ImportFailure> {
    Call::post(format!("/imports/{}", kind.as_str()))
        .query("dry_run", dry_run)
        .file(bytes, content_type)
        .fetch()
        .await
        .map_err(|error| {
            let report = error
                .body
                .as_deref()
                .and_then(|b| from_json::<Rejected>(b).ok())
                .map(|p| p.report);
            ImportFailure { error, report }
        })
}
