//! Work orders (维修任务单): the engineer's own (schedule, check in, finish, the
//! report draft) and the supervisor's reassignment.

use crate::paging::{Paging, pick};
use crate::record_kit::{command, command_bare, command_with, list, read};
use actix_web::http::Method;
use actix_web::web;
use furrow_domain::RecordKind;
use furrow_domain::service::commands::Command;
use furrow_domain::service::*;
use furrow_store::service::work_orders::WorkOrderSort;
use furrow_store::service::{reports, work_orders};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

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
