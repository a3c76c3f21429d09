//! The customer's sign-off, without sign-in: the one-time token is the credential.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use furrow_domain::Problem;
use furrow_domain::service::{RefuseSignatureRequest, SignRequest, SignSummary};
use furrow_store::service::signoff;
use utoipa::IntoResponses;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(summary)
        .service(qr)
        .service(sign)
        .service(refuse);
}

/// The answers of a link that cannot be used, documented once for every
/// operation of a link.
#[derive(IntoResponses)]
#[allow(dead_code)] // `ApiError` gives these answers; this type only documents them
enum LinkRefused {
    #[response(
        status = 404,
        description = "Unknown link",
        content_type = "application/problem+json"
    )]
    Unknown(Problem),
    #[response(
        status = 410,
        description = "Used or expired link",
        content_type = "application/problem+json"
    )]
    UsedOrExpired(Problem),
}

/// What the customer is asked to sign. A used or expired link answers 410.
#[utoipa::path(operation_id = "get_sign_off_summary", tag = "sign-off", security(()), params(("token" = String, Path)),
    responses((status = 200, body = SignSummary), LinkRefused))]
#[get("/sign/{token}")]
async fn summary(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(signoff::summary(&state.store, &token).await?))
}

/// The link as a QR code (SVG) of its full address, for the customer to scan
/// with their phone: shown on the office's report page, in the engineer's
/// app and on the sign-off page itself (to hand over to another device). The
/// address is the one this request reached the server by (its scheme and
/// host, as a proxy forwards them). A used or expired link answers 410.
#[utoipa::path(operation_id = "get_sign_off_qr", tag = "sign-off", security(()), params(("token" = String, Path)),
    responses((status = 200, description = "The link's QR code", content_type = "image/svg+xml", body = String), LinkRefused))]
#[get("/sign/{token}/qr.svg")]
async fn qr(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    signoff::check_link(&state.store, &token).await?;
    let info = req.connection_info();
    let url = format!(
        "{}://{}/sign/{}",
        info.scheme(),
        info.host(),
        token.as_str()
    );
    let svg = crate::qr::svg(&url).map_err(|e| ApiError::Internal(format!("QR code: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header(("Cache-Control", "no-store"))
        .body(svg))
}

/// Signs the report with the signer's name and the drawn signature (PNG,
/// at most 300 KiB, decoded to prove it is an image). Completes the request and
/// schedules the follow-up call.
#[utoipa::path(operation_id = "sign_off_report", tag = "sign-off", security(()), params(("token" = String, Path)), request_body = SignRequest,
    responses((status = 200, description = "Signed", body = SignSummary), LinkRefused))]
#[post("/sign/{token}")]
async fn sign(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
    body: web::Json<SignRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let png = crate::signature::decode(&body.signature_png)?;
    let ip = req
        .connection_info()
        .realip_remote_addr()
        .map(str::to_owned);
    Ok(HttpResponse::Ok().json(signoff::sign(&state.store, &token, &body, png, ip).await?))
}

/// Records that the customer refuses to sign, with the reason.
#[utoipa::path(operation_id = "refuse_sign_off", tag = "sign-off", security(()), params(("token" = String, Path)), request_body = RefuseSignatureRequest,
    responses((status = 204, description = "Refusal recorded"), LinkRefused))]
#[post("/sign/{token}/refuse")]
async fn refuse(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Json<RefuseSignatureRequest>,
) -> Result<HttpResponse, ApiError> {
    signoff::refuse(&state.store, &token, &body).await?;
    Ok(HttpResponse::NoContent().finish())
}
