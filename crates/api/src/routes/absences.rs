//! Engineers' absences (请假, 培训): listed, recorded and cancelled by those
//! who keep the engineers' profiles; the dispatch ranking puts an engineer
//! absent at the proposed time last.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::if_match;
use crate::idempotency;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use furrow_domain::RecordKind;
use furrow_domain::access::Action;
use furrow_domain::service::absence::{AbsenceView, CreateAbsence};
use furrow_store::absences;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_absences)
        .service(record_absence)
        .service(cancel_absence);
}

/// The engineer's absences that end less than 30 days ago or later, earliest first.
#[utoipa::path(tag = "engineers", params(("user_id" = Uuid, Path)),
    responses((status = 200, body = Vec<AbsenceView>)))]
#[get("/engineers/{user_id}/absences")]
async fn list_absences(
    state: web::Data<AppState>,
    auth: Authenticated,
    user_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::Engineer)?;
    let list = absences::of_engineer(&state.store, &auth.actor, *user_id).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Records an absence of the engineer: `[from, to)`, at most 366 days, with
/// its reason (leave, training, other). 422 `out_of_range` on `to` when it
/// does not end after it starts.
#[utoipa::path(tag = "engineers", request_body = CreateAbsence,
    params(("user_id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header, description = idempotency::DESCRIPTION)),
    responses(
    (status = 201, body = AbsenceView, headers(("ETag" = String), ("Location" = String), ("Idempotent-Replayed" = Option<String>, description = "`true` on a replayed answer"))),
    (status = 422, description = "Invalid fields (field errors)", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/engineers/{user_id}/absences")]
async fn record_absence(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    user_id: web::Path<Uuid>,
    body: web::Json<CreateAbsence>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::Engineer, Action::Update)?;
    let key = idempotency::key(&req, auth.actor.user_id, &*body)?;
    let once =
        absences::create_once(&state.store, &auth.actor, *user_id, &body, key.as_ref()).await?;
    let collection = format!("/engineers/{user_id}/absences");
    Ok(idempotency::answer(once, &collection, |a| {
        (a.id, a.version)
    }))
}

/// Cancels an absence (it no longer holds the engineer back; the engineer's
/// timeline keeps it). Send its ETag as `If-Match` (428 without).
#[utoipa::path(tag = "engineers",
    params(("user_id" = Uuid, Path), ("id" = Uuid, Path, description = "The absence's id"),
        ("If-Match" = String, Header, description = "ETag of the absence's version")),
    responses((status = 204, description = "Cancelled")))]
#[delete("/engineers/{user_id}/absences/{id}")]
async fn cancel_absence(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::Engineer, Action::Update)?;
    let expected = if_match(&req)?;
    let (user_id, id) = path.into_inner();
    absences::cancel(&state.store, &auth.actor, user_id, id, expected).await?;
    Ok(HttpResponse::NoContent().finish())
}
