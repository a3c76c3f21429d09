//! `POST /settings/calendar/import`: the working-day calendar from a CSV or
//! XLSX file, decoded as the master-data import decodes its files.

use super::imports::{ImportQuery, SpreadsheetFile, uploaded_rows};
use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::if_match;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use furrow_domain::RecordKind;
use furrow_domain::access::Action;
use furrow_domain::problem::Problem;
use furrow_domain::service::calendar_import::{CalendarImportProblem, CalendarImportReport};

/// Largest calendar file: actix's default payload limit, far above the few
/// dozen rows a year's schedule has.
const MAX_CALENDAR_BYTES: usize = 256 * 1024;

/// Imports the working-day calendar from a spreadsheet (admin).
///
/// The body is the file itself (CSV or XLSX, as `POST /imports/{kind}`
/// takes), at most 256 KiB. Row 1 holds the headers `日期` (`date`), `类型`
/// (`kind`: `holiday`/`放假` or `workday`/`上班`) and optionally `名称`
/// (`name`). Every year that appears in the file is replaced by the file's
/// rows; the other years stay. With `dry_run=true` the answer is the report
/// and the calendar it would give, and nothing is written. A real import
/// saves the calendar (audited, version + 1), or, if any row has an error,
/// nothing: then it answers 422 with the report attached. `If-Match` (the
/// calendar's ETag) is required, for a dry run too, which previews what the
/// import of that version would give.
#[utoipa::path(operation_id = "import_calendar", tag = "settings",
    params(ImportQuery, ("If-Match" = String, Header, description = "The calendar's ETag as read, or `*`")),
    request_body(description = "The spreadsheet file as the raw body (not multipart), at most 256 KiB.", content(
        (String = "text/csv"),
        (SpreadsheetFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (SpreadsheetFile = "application/octet-stream"),
    )),
    responses(
        (status = 200, description = "The dry run's report, or the applied import's", body = CalendarImportReport),
        (status = 400, description = "`unreadable_file`: not CSV text in a known encoding, not a readable XLSX workbook, or empty",
            body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The calendar was changed since the version in `If-Match`",
            body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than 256 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a spreadsheet content type", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`import_failed`: some rows (or the header) have errors and nothing was imported; \
            every row's outcome is in `report`", body = CalendarImportProblem, content_type = "application/problem+json"),
    ))]
#[post("/settings/calendar/import")]
pub async fn import_calendar(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    query: web::Query<ImportQuery>,
    body: Result<web::Bytes, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::Setting, Action::Update)?;
    let expected = if_match(&req)?;
    let rows = uploaded_rows(&req, query.format, body, MAX_CALENDAR_BYTES).await?;
    let report = furrow_store::settings::import_calendar(
        &state.store,
        &auth.actor,
        expected,
        &rows,
        query.dry_run,
    )
    .await?;
    if report.dry_run || report.applied {
        return Ok(HttpResponse::Ok().json(report));
    }
    let detail = format!(
        "{} of {} rows have errors; nothing was imported",
        report.errors_count, report.total_rows
    );
    Ok(HttpResponse::UnprocessableEntity()
        .content_type("application/problem+json")
        .json(CalendarImportProblem {
            problem: Problem::new(422, "import_failed", "Import failed", Some(detail)),
            report,
        }))
}
