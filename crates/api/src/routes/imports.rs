//! Spreadsheet import (批量导入) of customers, machines, product models and
//! the parts catalog, and the CSV templates to start from.
//!
//! The file is the raw request body (not multipart), at most 20 MiB. A dry
//! run answers what would happen row by row; a real import is all or nothing.

use crate::auth::Authenticated;
use crate::error::{ApiError, cause_chain, unknown_route};
use crate::import::{FileFormat, decode};
use crate::state::AppState;
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, get, post, web};
use furrow_domain::access::Action;
use furrow_domain::import::{ImportKind, ImportProblem, ImportReport, MAX_IMPORT_BYTES};
use furrow_domain::problem::Problem;
use furrow_store::StoreError;
use furrow_store::import;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

/// The content type of an XLSX workbook.
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub fn configure(cfg: &mut ServiceConfig) {
    // The larger body limit applies to these routes only; JSON stays at 1 MiB.
    cfg.service(
        scope("/imports")
            .app_data(web::PayloadConfig::new(MAX_IMPORT_BYTES))
            .default_service(web::to(unknown_route))
            .service(template)
            .service(import_file),
    );
}

/// How the body is laid out, when its content type does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ImportFormat {
    Csv,
    Xlsx,
}

/// The bytes of a spreadsheet file, for the OpenAPI document.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)] // documents the body; the handler reads it as raw bytes
pub struct SpreadsheetFile(Vec<u8>);

/// Options of `POST /imports/{kind}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `true`: only report what would happen; nothing is written. Default `false`.
    #[serde(default)]
    pub dry_run: bool,
    /// `csv` or `xlsx`; overrides the content type. Without either, a zip
    /// archive is read as XLSX and anything else as CSV.
    #[param(inline)]
    pub format: Option<ImportFormat>,
}

/// The rows of an uploaded spreadsheet: the body (413 over `limit` bytes),
/// its format, and its rows decoded off the async threads (unzipping and
/// parsing a large workbook is CPU work); 400 `unreadable_file` when it is
/// not a spreadsheet.
pub(crate) async fn uploaded_rows(
    req: &HttpRequest,
    format: Option<ImportFormat>,
    body: Result<web::Bytes, actix_web::Error>,
    limit: usize,
) -> Result<Vec<import::SheetRow>, ApiError> {
    let body = body_or_problem(body, limit)?;
    let format = file_format(req, format, &body)?;
    web::block(move || decode(&body, format))
        .await
        .map_err(|e| ApiError::Internal(format!("decoding the file: {}", cause_chain(&e))))?
        .map_err(|detail| ApiError::BadRequest {
            code: "unreadable_file",
            detail,
        })
}

/// The format from the query, else the content type, else the bytes.
fn file_format(
    req: &HttpRequest,
    query: Option<ImportFormat>,
    body: &[u8],
) -> Result<FileFormat, ApiError> {
    if let Some(f) = query {
        return Ok(match f {
            ImportFormat::Csv => FileFormat::Csv,
            ImportFormat::Xlsx => FileFormat::Xlsx,
        });
    }
    let mime = req.mime_type().ok().flatten();
    match mime.as_ref().map(|m| m.essence_str()) {
        Some("text/csv" | "application/csv" | "text/comma-separated-values" | "text/plain") => {
            Ok(FileFormat::Csv)
        }
        Some(XLSX_MIME) => Ok(FileFormat::Xlsx),
        // Windows browsers label .csv files with Excel's old type, so the bytes decide.
        None | Some("application/octet-stream" | "application/vnd.ms-excel") => {
            Ok(FileFormat::sniff(body))
        }
        Some(other) => Err(ApiError::UnsupportedMediaType(format!(
            "send the file itself as the body with Content-Type text/csv or {XLSX_MIME} (not {other})"
        ))),
    }
}

/// The body, or 413 as problem+json when it is over `limit` bytes (408 when
/// it did not arrive in time).
fn body_or_problem(
    body: Result<web::Bytes, actix_web::Error>,
    limit: usize,
) -> Result<web::Bytes, ApiError> {
    body.map_err(|e| {
        let payload = e.as_error::<PayloadError>();
        if let Some(timeout) = payload.and_then(crate::error::payload_timeout) {
            return timeout;
        }
        match payload {
            Some(PayloadError::Overflow) => ApiError::PayloadTooLarge(format!(
                "the file is larger than the import limit of {}",
                if limit >= 1024 * 1024 {
                    format!("{} MiB", limit / (1024 * 1024))
                } else {
                    format!("{} KiB", limit / 1024)
                }
            )),
            _ => ApiError::BadRequest {
                code: "invalid_body",
                detail: format!("the body could not be read: {e}"),
            },
        }
    })
}

/// Imports customers, machines, product models or parts from a CSV or XLSX file.
///
/// The body is the file itself, at most 20 MiB and 100,000 rows. CSV may be
/// UTF-8 (with or without BOM), UTF-16 or GBK/GB18030 (Chinese Excel's "CSV");
/// XLSX is read from its first sheet. Row 1 holds the headers, in Chinese as
/// in the template (`GET /imports/templates/{kind}`) or the API's field names.
/// Records are matched by customer code, serial number, model code or part
/// number: a matching row updates the record (only the columns the file
/// has), an identical one is `unchanged`, so importing a file twice changes
/// nothing. Machines refer to their model and owner by code, so import models
/// and customers first. A dealer user imports into its own dealer only.
///
/// Parts (the parts clerks') take the columns of the catalog export: 配件编号,
/// 配件名称, 规格, 类别 (a category's wire name), 单位, 标准成本 (yuan, up to 2
/// decimals), 再订货点, 再订货量 and 适用型号 (product model codes separated by
/// `;`, `,` or `、`; they replace the part's models); the export's 状态 is not
/// imported. English headers are the field names (`part_number`, `model_codes`...).
///
/// With `dry_run=true` the answer is the report and nothing is written. A real
/// import writes everything in one transaction, or, if any row has an error,
/// nothing: then it answers 422 with the report attached.
#[utoipa::path(operation_id = "import_file", tag = "imports",
    params(("kind" = ImportKind, Path, description = "customers, machines, product_models or parts"), ImportQuery),
    request_body(description = "The spreadsheet file as the raw body (not multipart), at most 20 MiB.", content(
        (String = "text/csv"),
        (SpreadsheetFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (SpreadsheetFile = "application/octet-stream"),
    )),
    responses(
        (status = 200, description = "The dry run's report, or the applied import's", body = ImportReport),
        (status = 409, description = "`changed_during_import`: a record in the file was changed by someone else meanwhile; \
            nothing was imported", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than 20 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a spreadsheet content type (send the file as the raw body)", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "`unreadable_file`: not CSV text in a known encoding, not a readable XLSX workbook, \
            empty, or over 100,000 rows", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`import_failed`: some rows (or the header) have errors and nothing was imported; \
            every row's outcome is in `report`", body = ImportProblem, content_type = "application/problem+json"),
    ))]
#[post("/{kind}")]
async fn import_file(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    kind: web::Path<ImportKind>,
    query: web::Query<ImportQuery>,
    body: Result<web::Bytes, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let kind = kind.into_inner();
    auth.require_action(kind.record(), Action::Import)?;
    let rows = uploaded_rows(&req, query.format, body, MAX_IMPORT_BYTES).await?;
    let report = import::run(&state.store, &auth.actor, kind, &rows, query.dry_run)
        .await
        .map_err(unreadable_file)?;
    if report.dry_run || report.applied {
        return Ok(HttpResponse::Ok().json(report));
    }
    Ok(failed(report))
}

/// A file the store could not read at all is the client's malformed request.
fn unreadable_file(e: StoreError) -> ApiError {
    match e {
        StoreError::Validation(v) if v.0.iter().any(|f| f.field == "file") => {
            ApiError::BadRequest {
                code: "unreadable_file",
                detail: v
                    .0
                    .into_iter()
                    .map(|f| f.message)
                    .collect::<Vec<_>>()
                    .join("; "),
            }
        }
        other => other.into(),
    }
}

/// 422 with the report: which rows are wrong, and that nothing was written.
fn failed(report: ImportReport) -> HttpResponse {
    let detail = format!(
        "{} of {} rows have errors; nothing was imported",
        report.errors_count, report.total_rows
    );
    let body = ImportProblem {
        problem: Problem::new(422, "import_failed", "Import failed", Some(detail)),
        report,
    };
    HttpResponse::UnprocessableEntity()
        .content_type("application/problem+json")
        .json(body)
}

/// A CSV template to fill in: UTF-8 with BOM (so Excel shows the Chinese
/// headers correctly) and the header row of the kind. For product models,
/// add a column per technical parameter (`发动机功率`, `割幅`...).
#[utoipa::path(operation_id = "get_import_template", tag = "imports",
    params(("kind" = ImportKind, Path, description = "customers, machines, product_models or parts")),
    responses((status = 200, description = "The template", content_type = "text/csv", body = String,
        headers(("Content-Disposition" = String)))))]
#[get("/templates/{kind}")]
async fn template(
    auth: Authenticated,
    kind: web::Path<ImportKind>,
) -> Result<HttpResponse, ApiError> {
    let kind = kind.into_inner();
    auth.require_action(kind.record(), Action::Import)?;
    let csv = format!("\u{feff}{}\r\n", kind.template_headers().join(","));
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"furrow-{}-template.csv\"",
                kind.as_str()
            ),
        ))
        .body(csv))
}
