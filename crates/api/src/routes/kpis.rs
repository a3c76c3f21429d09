//! The monthly KPIs (质量考核指标, DESIGN §5): the figures of a month and the
//! records behind any of them.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::paging::Paging;
use crate::record_kit::{Op, list, one_order};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use furrow_domain::RecordKind;
use furrow_domain::kpi::{KpiRecordFilters, KpiReport};
use furrow_store::kpis;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(report).service(records());
}

/// The month asked for.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct MonthQuery {
    /// `YYYY-MM`, the calendar month in the company's time zone.
    #[param(example = "2026-10")]
    month: String,
}

/// The month's four KPIs (DESIGN §5), each as numerator, denominator and
/// rate in percent (`null`: no data, the denominator is 0): per engineer,
/// with the weighted score and grade under `GET /settings/assessment`; for
/// the parts department (accuracy: no data until stock-takes are kept); for
/// the whole company; and by dealer and by region. Timeliness counts the
/// work orders whose arrival was due in the month (cancelled and reassigned
/// ones left out, one never arrived late); success those finished in it
/// (inspection passed, no repeat request within 30 days, no follow-up
/// finding the machine abnormal); satisfaction the follow-ups done in it
/// with the customer reached. Supervisors, managers and administrators see
/// every subject; an engineer gets only their own row.
#[utoipa::path(operation_id = "get_kpis", tag = "kpis", params(MonthQuery),
    responses((status = 200, body = KpiReport),
    (status = 422, description = "`month` is not a month written YYYY-MM (field error)", body = furrow_domain::Problem, content_type = "application/problem+json")))]
#[get("/kpis")]
async fn report(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<MonthQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::Kpi)?;
    let report = kpis::report(&state.store, &auth.actor, &query.month).await?;
    Ok(HttpResponse::Ok().json(report))
}

fn records() -> Op {
    list(
        "/kpis/records",
        "list_kpi_records",
        RecordKind::Kpi,
        "The exact records behind one side (`part`) of one figure (`kpi`) of one\n\
         `subject` in `month`: work orders for timeliness and success, follow-ups for\n\
         satisfaction (none for parts accuracy until stock-takes are kept), by the\n\
         time that puts them in the month. Each says whether it counts in the\n\
         numerator and why (`on_time`, `late`, `never_arrived`, `successful`,\n\
         `inspection_failed`, `repeat_request`, `abnormal_follow_up`, or the\n\
         satisfaction given). An engineer may ask only for `engineer:<own id>`;\n\
         another subject answers 404. A bad `month` or `subject` is a 422 field error.",
        one_order("kpi_records"),
        async |store, actor, q: KpiRecordFilters, (), paging: &Paging| {
            kpis::records(store, actor, &paging.listing(q, ())).await
        },
    )
}
