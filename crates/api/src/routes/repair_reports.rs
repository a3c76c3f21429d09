//! Repair reports: the review queue, submit, approve, reject, and the
//! customer sign-off link.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::paging::Paging;
use crate::record_kit::{Created, command, command_bare, command_with, list, one_order, read};
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::{HttpResponse, get, web};
use furrow_domain::RecordKind;
use furrow_domain::service::commands::Command;
use furrow_domain::service::*;
use furrow_store::service::{refusal, reports, signoff};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list(
        "/repair-reports",
        "list_repair_reports",
        RecordKind::RepairReport,
        "Reports, longest waiting first.",
        one_order("repair_reports"),
        async |store, actor, q: ReportFilters, (), paging: &Paging| {
            reports::list(store, actor, &paging.listing(q, ())).await
        },
    ))
    .service(read(
        "/repair-reports/{id}",
        "get_repair_report",
        RecordKind::RepairReport,
        "One report.",
        reports::get,
    ))
    .service(signature)
    .service(command_bare(
        "/repair-reports/{id}/submit",
        "submit_repair_report",
        Command::SubmitReport,
        "The engineer submits the report for review (the visit must be finished).",
        reports::submit,
    ))
    .service(command_with::<Option<web::Json<ApproveRequest>>, _, _>(
        Method::POST,
        "/repair-reports/{id}/approve",
        "approve_repair_report",
        Command::ApproveReport,
        "The supervisor approves the report (审核通过); it goes to the customer for signature.\n\
             Refused with `inspection_failed` when the visit's inspection (质量检验) failed.\n\
             Confirms who pays (`coverage`: the intake's proposal unless given) for the request\n\
             and each part line (`part_coverage`, one per line, else the request's); a request\n\
             or line other than the proposal needs `coverage_reason` (422 `coverage_reason`\n\
             `required`; a wrong line count is `part_coverage` `count_mismatch`). The approval's\n\
             timeline event keeps the proposal, the choice and the reason.",
        async |store, actor, id, expected, body: &Option<ApproveRequest>| {
            let body = body.clone().unwrap_or_default();
            reports::approve(store, actor, id, expected, &body).await
        },
    ))
    .service(command(
        "/repair-reports/{id}/reject",
        "reject_repair_report",
        Command::RejectReport,
        "The supervisor rejects the report (驳回) with what must be corrected. The work order\n\
             goes back to the engineer for another visit (schedule, check in, finish), after which\n\
             the report is corrected and submitted again; the SLA clocks keep running.",
        async |store, actor, id, expected, body: &ReasonRequest| {
            body.validate()?;
            let reason = Some(body.reason.as_str());
            Ok::<_, ApiError>(reports::review(store, actor, id, expected, false, reason).await?)
        },
    ))
    .service(command_bare(
        "/repair-reports/{id}/sign-link",
        "create_sign_link",
        Command::CreateSignLink,
        "A one-time sign-off link for the customer, valid 7 days (approved reports,\n\
             or again after a refusal). Earlier links of the report stop working. The engineer\n\
             of the work order may issue it too, for an approved report only (shown on the\n\
             phone as a QR code for the customer to scan); otherwise `report_not_approved`.",
        async |store, actor, id, expected| {
            signoff::create_link(store, actor, id, expected)
                .await
                .map(Created)
        },
    ))
    .service(command(
        "/repair-reports/{id}/rework",
        "rework_refused_repair_report",
        Command::ReworkAfterRefusal,
        "After the customer refused to sign, the supervisor orders rework: the work order\n\
             goes back to the engineer for another visit, as after a rejection (the event is\n\
             `report_rejected` with the refusal reason as `after_refusal`); the clocks keep running.",
        refusal::rework,
    ))
    .service(command(
        "/repair-reports/{id}/close-unsigned",
        "close_refused_repair_report",
        Command::CloseUnsigned,
        "After the customer refused to sign, the supervisor closes without a signature, naming\n\
             the witness of the refusal and the reason (event `closed_unsigned`). The request\n\
             completes and its follow-up call is scheduled; the report is `closed_unsigned`.",
        refusal::close_unsigned,
    ))
    .service(command(
        "/repair-reports/{id}/complaint",
        "open_complaint_on_repair_report",
        Command::OpenComplaint,
        "After the customer refused to sign, the supervisor opens a complaint (客户投诉): the\n\
             `complaint_opened` event records the customer's refusal reason and the supervisor's\n\
             note for the follow-up call to route. The request completes unsigned.",
        refusal::open_complaint,
    ));
}

/// The customer's drawn signature (PNG).
#[utoipa::path(operation_id = "get_repair_report_signature", tag = "repair-reports", params(("id" = Uuid, Path)), responses((status = 200, description = "The signature", content_type = "image/png", body = Vec<u8>)))]
#[get("/repair-reports/{id}/signature")]
async fn signature(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::RepairReport)?;
    let png = reports::signature(&state.store, &auth.actor, *id).await?;
    Ok(HttpResponse::Ok().content_type("image/png").body(png))
}
