//! Stock-takes (盘点): a parts clerk opens one on a warehouse (optionally
//! some bins or categories), which freezes its books; clerks count the
//! lines, several at once; reconciling posts one `adjustment` movement per
//! line with a variance, all in one transaction, and records the accuracy
//! (lines counted equal to the book / lines) that the parts department's
//! monthly KPI reads. Managers, supervisors and administrators read them.
//!
//! The rule for movements during a count (`furrow_domain::parts`'s
//! stock-take module): movements go on; each line is compared with the book
//! as it is when the line is counted, and the adjustment is added to the
//! level as it is at reconcile, so issues and receipts made during the
//! stock-take are kept. Uncounted lines block the reconcile (409
//! `uncounted_lines`).

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{etag, if_match, not_modified, ok_with_etag};
use crate::idempotency;
use crate::paging::Paging;
use crate::record_kit::{Versioned, command_bare, list, one_order};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use furrow_domain::RecordKind;
use furrow_domain::parts::{
    CountInput, StocktakeDetail, StocktakeFilters, StocktakeInput, StocktakeLineFilters,
    StocktakeLineView,
};
use furrow_domain::service::commands::Command;
use furrow_store::stocktakes;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

impl Versioned for StocktakeDetail {
    fn version(&self) -> i32 {
        self.stocktake.version
    }
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(open_stocktake)
        .service(list(
            "/stocktakes",
            "list_stocktakes",
            RecordKind::Stocktake,
            "Stock-takes (盘点), newest first, by warehouse and status, each with its\n\
             lines counted so far, lines with a variance and, once reconciled, its\n\
             accuracy (lines counted equal to the book / lines).",
            one_order("stocktakes"),
            async |store, actor, q: StocktakeFilters, _, paging: &Paging| {
                stocktakes::list(store, actor, &paging.listing(q, ())).await
            },
        ))
        .service(get_stocktake)
        .service(count_stocktake_line)
        .service(command_bare(
            "/stocktakes/{id}/reconcile",
            "reconcile_stocktake",
            Command::ReconcileStocktake,
            "Reconciles the stock-take (parts clerks): one `adjustment` movement per line\n\
             with a variance (`counted − book_at_count`, referring to the stock-take), added\n\
             to the level as it is now, and the accuracy recorded, all in one transaction.\n\
             Every line must be counted first (409 `uncounted_lines`); an adjustment that\n\
             would take a level below zero answers 409 `insufficient_stock` and nothing is\n\
             written. Send the stock-take's ETag as `If-Match` (each count moves it on).",
            async |store, actor, id, expected| {
                stocktakes::reconcile(store, actor, id, expected).await
            },
        ))
        .service(command_bare(
            "/stocktakes/{id}/cancel",
            "cancel_stocktake",
            Command::CancelStocktake,
            "Cancels an open stock-take (parts clerks): nothing is posted, and the\n\
             warehouse may be counted again. Send the stock-take's ETag as `If-Match`.",
            async |store, actor, id, expected| stocktakes::cancel(store, actor, id, expected).await,
        ));
}

/// Opens a stock-take of a warehouse (parts clerks), optionally limited to
/// some bins or part categories: one line per active part the warehouse
/// holds a level of (0 included), its book frozen now. A warehouse has one
/// open stock-take at a time (409 `stocktake_in_progress`). Numbered
/// `ST-YYYY-NNNNNN`.
#[utoipa::path(tag = "stocktakes", request_body = StocktakeInput,
    params(("Idempotency-Key" = Option<String>, Header, description = idempotency::DESCRIPTION)),
    responses(
    (status = 201, body = StocktakeDetail, headers(("ETag" = String), ("Location" = String)), description = "The stock-take with its lines"),
    (status = 409, description = "`stocktake_in_progress`: the warehouse is being counted", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 422, description = "Invalid fields: an unknown or inactive warehouse, an unknown bin, nothing to count", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/stocktakes")]
async fn open_stocktake(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: web::Json<StocktakeInput>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::OpenStocktake)?;
    let key = idempotency::key(&req, auth.actor.user_id, &*body)?;
    let opened = stocktakes::open(&state.store, &auth.actor, &body, key.as_ref()).await?;
    Ok(idempotency::answer(opened, "/stocktakes", |d| {
        (d.stocktake.id, d.stocktake.version)
    }))
}

/// One stock-take with its lines by bin, then part number (only the counted
/// lines whose count differs from the book with `variance_only=true`), with
/// its `ETag`; `If-None-Match` with the current ETag answers 304.
#[utoipa::path(operation_id = "get_stocktake", tag = "stocktakes",
    params(("id" = Uuid, Path), StocktakeLineFilters, ("If-None-Match" = Option<String>, Header)),
    responses((status = 200, body = StocktakeDetail, headers(("ETag" = String))), (status = 304, description = "Not modified")))]
#[get("/stocktakes/{id}")]
async fn get_stocktake(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    query: web::Query<StocktakeLineFilters>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::Stocktake)?;
    let d = stocktakes::get(&state.store, &auth.actor, *id, &query).await?;
    let version = d.stocktake.version;
    if not_modified(&req, version) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag(version)))
            .finish());
    }
    Ok(ok_with_etag(version, &d))
}

/// Counts a line (parts clerks): what is on the shelf of the part now. The
/// line keeps the book as it is now (`book_at_count`: the frozen book moved
/// by the movements since opening) and its `variance`. A recount overwrites
/// the count and records who counted last. Send the line's ETag (its
/// `version`) as `If-Match`; the answer's `stocktake_version` is the
/// stock-take's new version.
#[utoipa::path(operation_id = "count_stocktake_line", tag = "stocktakes", request_body = CountInput,
    params(("id" = Uuid, Path), ("part" = Uuid, Path, description = "The line's part id"),
        ("If-Match" = String, Header, description = "ETag of the line's version being changed")),
    responses(
    (status = 200, body = StocktakeLineView, headers(("ETag" = String))),
    (status = 409, description = "`invalid_state`: the stock-take is reconciled or cancelled", body = furrow_domain::Problem, content_type = "application/problem+json"),
    (status = 422, description = "Invalid fields: a negative count or more than 3 decimals", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[put("/stocktakes/{id}/lines/{part}")]
async fn count_stocktake_line(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<CountInput>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::CountStocktake)?;
    let expected = if_match(&req)?;
    let (id, part) = path.into_inner();
    let line = stocktakes::count(&state.store, &auth.actor, id, part, &body, expected).await?;
    Ok(ok_with_etag(line.version, &line))
}
