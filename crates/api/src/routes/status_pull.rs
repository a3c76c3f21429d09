//! The status a dealer's system pulls (issue #21, item 2): one request by
//! its number, and the requests changed since a time, in the public status
//! vocabulary, each answer with an ETag and 304 on `If-None-Match`.
//!
//! The ETag is computed from the rows read (the version; a digest of the
//! page's ids and versions), before any body is built, so a client polling
//! an unchanged request costs one indexed read and no serialization.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{etag, none_match_names, not_modified};
use crate::paging::{PageQuery, Paging};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Utc};
use furrow_domain::RecordKind;
use furrow_domain::service::public_status::{PublicStatusPage, PublicStatusView};
use furrow_store::cursor;
use furrow_store::service::status_pull;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

/// Registered before `GET /service-requests/{id}`, whose pattern would take
/// these paths too.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_service_request_status)
        .service(list_service_request_statuses);
}

/// The name the status list's cursors are sealed with.
const LIST: &str = "service_requests.status";

/// A request's public status by its number (`SR-…`): what a dealer's system
/// shows its customer. The status is one of seven public words mapped from
/// the workflow (`received`, `scheduled`, `engineer_on_site`,
/// `waiting_for_parts`, `repaired`, `closed`, `cancelled`), with the
/// promised and actual times; no note, cost, report or internal id.
///
/// A dealer (or a dealer's API client with `requests_read`) reads its own
/// dealer's requests; another dealer's number answers 404, as an unknown one
/// does. Send the `ETag` back as `If-None-Match` to be answered 304 while the
/// request has not changed.
#[utoipa::path(tag = "service-requests",
    params(
        ("number" = String, Path, description = "The request's number", example = "SR-20260611-0042"),
        ("If-None-Match" = Option<String>, Header, description = "The ETag of the last answer"),
    ),
    responses(
        (status = 200, body = PublicStatusView, headers(("ETag" = String, description = "The request's version")),
            example = json!({"number": "SR-20260611-0042", "status": "scheduled",
                "reported_at": "2026-06-11T06:12:00Z", "promised_arrival_at": "2026-06-11T14:00:00Z",
                "arrived_at": null, "repair_due": "2026-06-14T06:12:00Z", "repaired_at": null,
                "closed_at": null, "updated_at": "2026-06-11T07:05:31Z"})),
        (status = 304, description = "Not modified since the ETag sent", headers(("ETag" = String))),
        (status = 404, description = "No request of this number that the caller sees", body = furrow_domain::Problem, content_type = "application/problem+json"),
    ))]
#[get("/service-requests/by-number/{number}")]
async fn get_service_request_status(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    number: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::ServiceRequest)?;
    let row = status_pull::by_number(&state.store, &auth.actor, &number).await?;
    let tag = etag(row.version);
    if not_modified(&req, row.version) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, tag))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, tag))
        .json(row.view()?))
}

/// `GET /service-requests/status` query.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatusChangesQuery {
    /// RFC 3339 time: the requests changed at or after it (an item's
    /// `updated_at` from the last pull).
    #[param(example = "2026-06-11T00:00:00Z")]
    pub changed_since: DateTime<Utc>,
}

/// The public statuses of the caller's requests changed at or after
/// `changed_since`, oldest change first, in keyset pages (`next_cursor`).
/// A dealer's system stores the last item's `updated_at` and asks again
/// from it (an item changed exactly then comes once more; nothing is
/// missed). Each page has an `ETag`; `If-None-Match` with it answers 304
/// while the page would be the same.
#[utoipa::path(tag = "service-requests",
    params(StatusChangesQuery, PageQuery,
        ("If-None-Match" = Option<String>, Header, description = "The ETag of the last answer for this same query")),
    responses(
        (status = 200, body = PublicStatusPage, headers(("ETag" = String, description = "A digest of the page")),
            example = json!({"items": [{"number": "SR-20260611-0042", "status": "repaired",
                "reported_at": "2026-06-11T06:12:00Z", "promised_arrival_at": "2026-06-11T14:00:00Z",
                "arrived_at": "2026-06-11T13:40:00Z", "repair_due": "2026-06-14T06:12:00Z",
                "repaired_at": "2026-06-11T16:20:00Z", "closed_at": null,
                "updated_at": "2026-06-11T16:20:04Z"}]})),
        (status = 304, description = "The page has not changed since the ETag sent", headers(("ETag" = String))),
        (status = 400, description = "A malformed `changed_since`, limit or cursor", body = furrow_domain::Problem, content_type = "application/problem+json"),
    ))]
#[get("/service-requests/status")]
async fn list_service_request_statuses(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    query: web::Query<StatusChangesQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::ServiceRequest)?;
    let paging = Paging::new(LIST, page.into_inner())?;
    let (rows, next) = status_pull::changed_since(
        &state.store,
        &auth.actor,
        query.changed_since,
        paging.cursor.as_deref(),
        paging.limit,
    )
    .await
    .map_err(|e| match e {
        furrow_store::StoreError::Validation(_) => ApiError::BadRequest {
            code: "invalid_cursor",
            detail: "the cursor is not a `next_cursor` this list returned".into(),
        },
        other => other.into(),
    })?;
    let opaque = status_pull::page_tag(&rows, next.as_deref());
    let tag = format!("\"{opaque}\"");
    if none_match_names(&req, &opaque) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, tag))
            .finish());
    }
    let items = rows
        .into_iter()
        .map(status_pull::StatusRow::view)
        .collect::<Result<Vec<_>, _>>()?;
    let page = PublicStatusPage {
        items,
        next_cursor: next.map(|c| cursor::seal(LIST, &c)),
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, tag))
        .json(page))
}
