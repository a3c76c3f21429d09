//! Printable labels (标识) with a QR code of the part number: one per part
//! of the catalog (`GET /parts/labels`, the catalog's filters) or one per
//! part at its bin (`GET /stock/labels`, the stock list's filters). The
//! codes are drawn here, so no web bundle carries a QR encoder. Registered
//! before the parts' record routes, so `labels` is never read as an id.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use furrow_domain::parts::labels::{MAX_LABELS, PartLabel, qr_text};
use furrow_domain::parts::{PartFilters, StockFilters};
use furrow_domain::{FieldError, Page, RecordKind};
use furrow_store::parts::Parts;
use furrow_store::{Listing, record_kit, stock};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(part_labels).service(bin_labels);
}

/// The first [`MAX_LABELS`] rows of a list, refused when it has more.
fn one_sheet<F>(filters: F) -> Listing<F> {
    Listing {
        limit: Some(MAX_LABELS),
        ..Listing::of(filters)
    }
}

/// The labels of one page of rows, or the refusal of a selection larger
/// than one sheet.
fn sheet<T>(
    page: Page<T>,
    number: impl Fn(&T) -> &str,
    label: impl Fn(&T, String) -> PartLabel,
) -> Result<Vec<PartLabel>, ApiError> {
    if page.next_cursor.is_some() {
        return Err(ApiError::Validation(vec![FieldError {
            field: "filters".into(),
            code: "too_many_labels".into(),
            message: format!(
                "one sheet holds at most {MAX_LABELS} labels; narrow the filters (a warehouse, a category, a search)"
            ),
        }]));
    }
    page.items
        .iter()
        .map(|row| {
            let svg = crate::qr::svg(qr_text(number(row)))
                .map_err(|e| ApiError::Internal(format!("QR code: {e}")))?;
            Ok(label(row, svg))
        })
        .collect()
}

/// Labels of the parts of the catalog the filters select, by part number:
/// the number, name, spec and unit with a QR code of the number. At most
/// 200; more answers 422 `too_many_labels`.
#[utoipa::path(operation_id = "list_part_labels", tag = "parts", params(PartFilters),
    responses((status = 200, body = Vec<PartLabel>),
        (status = 422, description = "More than 200 labels selected", body = furrow_domain::Problem, content_type = "application/problem+json")))]
#[get("/parts/labels")]
async fn part_labels(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<PartFilters>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::Part)?;
    let page = record_kit::list::<Parts>(&state.store, &auth.actor, &one_sheet(query.into_inner()))
        .await?;
    let labels = sheet(page, |p| &p.part_number, PartLabel::of_part)?;
    Ok(HttpResponse::Ok().json(labels))
}

/// Labels of the parts on the shelves the filters select (a warehouse, a
/// category, a search; `include_empty=true` for bins now empty), by part
/// number then warehouse: each with its warehouse and bin and a QR code of
/// the part number. At most 200; more answers 422 `too_many_labels`.
#[utoipa::path(operation_id = "list_bin_labels", tag = "stock-movements", params(StockFilters),
    responses((status = 200, body = Vec<PartLabel>),
        (status = 422, description = "More than 200 labels selected", body = furrow_domain::Problem, content_type = "application/problem+json")))]
#[get("/stock/labels")]
async fn bin_labels(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<StockFilters>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::StockMovement)?;
    let page =
        stock::list_levels(&state.store, &auth.actor, &one_sheet(query.into_inner())).await?;
    let labels = sheet(page, |l| &l.part_number, PartLabel::of_level)?;
    Ok(HttpResponse::Ok().json(labels))
}
