//! Work orders (维修任务单): the engineer's own (schedule, check in, finish, the
//! report draft) and the supervisor's reassignment.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::paging::{Paging, pick};
use crate::record_kit::{command, command_bare, command_with, list, read};
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::{HttpResponse, get, web};
use furrow_domain::Problem;
use furrow_domain::RecordKind;
use furrow_domain::service::commands::Command;
use furrow_domain::service::*;
use furrow_store::service::work_orders::WorkOrderSort;
use furrow_store::service::{reports, work_orders};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list(
        "/work-orders",
        "list_work_orders",
        RecordKind::WorkOrder,
        "Work orders as summaries (what a list row shows; `GET /work-orders/{id}`\n\
         has the full order and its `actions`), newest first or by urgency. An\n\
         engineer sees their own; supervisors all.",
        |_: &WorkOrderFilters, o: &WorkOrderOrder| {
            let sorts = [
                ("newest", WorkOrderSort::Newest),
                ("urgency", WorkOrderSort::Urgency),
            ];
            Ok(("work_orders", pick("sort", o.sort.as_deref(), &sorts)?))
        },
        async |store, actor, q: WorkOrderFilters, sort, paging: &Paging| {
            work_orders::list(store, actor, &paging.listing(q, sort)).await
        },
    ))
    .service(read(
        "/work-orders/{id}",
        "get_work_order",
        RecordKind::WorkOrder,
        "One work order.",
        work_orders::get,
    ))
    .service(command(
        "/work-orders/{id}/schedule",
        "schedule_work_order",
        Command::Schedule,
        "Confirms the appointment agreed with the customer.",
        work_orders::schedule,
    ))
    .service(command_bare(
        "/work-orders/{id}/check-in",
        "check_in_work_order",
        Command::CheckIn,
        "The engineer arrives on site. The arrival time is the server's clock.",
        work_orders::check_in,
    ))
    .service(command(
        "/work-orders/{id}/finish",
        "finish_work_order",
        Command::Finish,
        "Ends the visit with the inspection result.",
        work_orders::finish,
    ))
    .service(command(
        "/work-orders/{id}/acknowledge",
        "acknowledge_work_order",
        Command::Acknowledge,
        "The customer acknowledges the finished visit on the engineer's phone (现场确认):\n\
         their name, a satisfaction mark and the drawn signature (PNG, at most 300 KiB,\n\
         decoded to prove it is an image). Given once per visit, before the report is\n\
         approved; the customer still signs the approved report through the sign-off link.",
        async |store, actor, id, expected, body: &AcknowledgeRequest| {
            body.validate()?;
            let png = crate::signature::decode(&body.signature_png)?;
            work_orders::acknowledge(store, actor, id, expected, body, png)
                .await
                .map_err(ApiError::from)
        },
    ))
    .service(acknowledgement_signature)
    .service(command(
        "/work-orders/{id}/reassign",
        "reassign_work_order",
        Command::Reassign,
        "Gives the job to another engineer: this order closes as reassigned and the\n\
             new work order is returned.",
        work_orders::reassign,
    ))
    .service(read(
        "/work-orders/{id}/report",
        "get_work_order_report",
        RecordKind::RepairReport,
        "The work order's repair report, once started.",
        reports::of_work_order,
    ))
    .service(command_with::<web::Json<ReportDraft>, _, _>(
        Method::PUT,
        "/work-orders/{id}/report",
        "save_work_order_report",
        Command::SaveReport,
        "Saves the report draft (on site or after the visit). `If-Match` carries the\n\
             report's version (`\"0\"` before the first save).",
        reports::save_draft,
    ));
}

/// The signature drawn with the customer's on-site acknowledgement (PNG).
#[utoipa::path(operation_id = "get_work_order_acknowledgement_signature", tag = "work-orders", params(("id" = Uuid, Path)),
    responses((status = 200, description = "The signature", content_type = "image/png", body = Vec<u8>),
        (status = 404, description = "No such work order, or not acknowledged", content_type = "application/problem+json", body = Problem)))]
#[get("/work-orders/{id}/acknowledgement/signature")]
async fn acknowledgement_signature(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::WorkOrder)?;
    let png = work_orders::acknowledgement_signature(&state.store, &auth.actor, *id).await?;
    Ok(HttpResponse::Ok().content_type("image/png").body(png))
}

/// The order of `GET /work-orders` (its filters are [`WorkOrderFilters`]).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WorkOrderOrder {
    /// `newest` (default) or `urgency`: open work first, then overdue, then
    /// stopped machines in season, then priority, then the earliest due time
    /// or appointment. `urgency` answers the whole list in one page (an
    /// engineer's open work: `open=true`); more than `limit` orders answer
    /// 422 on `sort`.
    pub sort: Option<String>,
}
