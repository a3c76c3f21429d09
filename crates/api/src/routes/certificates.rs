//! Reissuing a machine's lost 三包 certificate (三包凭证补办): the customer's
//! request, recorded with its 10-working-day due date, and its closing when
//! the new certificate is issued. Both are written on the machine's timeline;
//! the machine archive lists the reissues with their state.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{if_match, ok_with_etag};
use crate::idempotency;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use furrow_domain::RecordKind;
use furrow_domain::access::Action;
use furrow_domain::master::{
    CertificateReissueRequest, CertificateReissueView, CertificateReissued,
};
use furrow_store::certificates;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(request_certificate_reissue)
        .service(mark_certificate_reissued);
}

/// Records a customer's request to reissue the machine's lost 三包
/// certificate. It is due 10 working days after `requested_on` by the
/// working-day calendar in the settings (holidays skipped, make-up working
/// days counted), and `overdue` once that day has passed unreissued. The
/// maker's staff, and a dealer for its own customers' machines, may record
/// one; `requested_on` cannot be in the future (422 `out_of_range`).
#[utoipa::path(tag = "machines", request_body = CertificateReissueRequest,
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header, description = idempotency::DESCRIPTION)),
    responses(
    (status = 201, body = CertificateReissueView, headers(("ETag" = String), ("Location" = String), ("Idempotent-Replayed" = Option<String>, description = "`true` on a replayed answer"))),
    (status = 422, description = "Invalid fields (field errors)", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/machines/{id}/certificate-reissues")]
async fn request_certificate_reissue(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Json<CertificateReissueRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::Machine, Action::RequestCertificate)?;
    let key = idempotency::key(&req, auth.actor.user_id, &*body)?;
    let once =
        certificates::request_once(&state.store, &auth.actor, *id, &body, key.as_ref()).await?;
    let collection = format!("/machines/{id}/certificate-reissues");
    Ok(idempotency::answer(once, &collection, |r| {
        (r.id, r.version)
    }))
}

/// Marks a certificate reissue done with the new certificate's number and
/// date (from the request day to today). Only the maker's staff, who issue
/// the certificate, may; a reissue is closed once (422 `already_reissued`).
/// Send the reissue's ETag as `If-Match`.
#[utoipa::path(tag = "machines", request_body = CertificateReissued,
    params(("id" = Uuid, Path), ("rid" = Uuid, Path, description = "The reissue's id"),
        ("If-Match" = String, Header, description = "ETag of the reissue's version being changed")),
    responses(
    (status = 200, body = CertificateReissueView, headers(("ETag" = String))),
    (status = 422, description = "Invalid fields or already reissued (field errors)", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/machines/{id}/certificate-reissues/{rid}/done")]
async fn mark_certificate_reissued(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<CertificateReissued>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::Machine, Action::ReissueCertificate)?;
    let expected = if_match(&req)?;
    let (machine, reissue) = path.into_inner();
    let done =
        certificates::mark_reissued(&state.store, &auth.actor, machine, reissue, expected, &body)
            .await?;
    Ok(ok_with_etag(done.version, &done))
}
