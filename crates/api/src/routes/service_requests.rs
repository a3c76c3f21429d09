//! Service requests (报修单): intake, lists by urgency, the timeline, dispatch
//! suggestions and the commands of DESIGN §3.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{etag, not_modified, ok_with_etag};
use crate::idempotency;
use crate::paging::{Paging, pick, with_total};
use crate::record_kit::{Many, Reply, command, list, show};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use furrow_domain::RecordKind;
use furrow_domain::service::commands::Command;
use furrow_domain::service::*;
use furrow_store::service::choice;
use furrow_store::service::requests::{self, RequestSort};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa::openapi::{RefOr, Schema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create)
        .service(list(
            "/service-requests",
            "list_service_requests",
            RecordKind::ServiceRequest,
            "Lists requests as summaries (what a list row shows; `GET\n\
             /service-requests/{id}` has the full request and its `actions`), most\n\
             urgent first by default. Dealers see their own; engineers the ones\n\
             assigned to them.",
            RequestOrder::check,
            async |store, actor, q: RequestFilters, (sort, total), paging: &Paging| {
                let listing = paging.listing(q, sort);
                let page = requests::list(store, actor, &listing).await?;
                with_total(total, page, requests::count(store, actor, &listing.filters)).await
            },
        ))
        .service(clock_preview)
        .service(get_one)
        .service(show(
            "/service-requests/{id}/timeline",
            "get_service_request_timeline",
            RecordKind::ServiceRequest,
            "Every event of the request's life with who and when, oldest first.\n\n\
             A dealer reads the events `furrow_domain::visibility::event` names\n\
             for dealers (intake, contact, dispatch, appointment, arrival, finish,\n\
             remote resolution, approval, signature, refusal, cancellation), each\n\
             with only its listed fields of `changes`: never a report's submission\n\
             or rejection, a review comment, a reason, a note, the requirements or\n\
             the labour booked.",
            async |store, actor, id| requests::timeline(store, actor, id).await.map(Many),
        ))
        .service(show(
            "/service-requests/{id}/engineer-suggestions",
            "suggest_engineers",
            Command::Dispatch,
            "Active engineers ranked for this request, with the reasons: those absent\n\
             at the proposed time (the promised arrival, else the arrival due) last;\n\
             before them, those farther from the site than the dispatch settings'\n\
             limit after every one within it; then the qualified for the machine's\n\
             category first; then by distance, open workload and work orders booked\n\
             near the proposed time (`GET /settings/dispatch`).",
            async |store, actor, id| requests::suggestions(store, actor, id).await.map(Many),
        ))
        .service(command(
            "/service-requests/{id}/contact",
            "record_first_contact",
            Command::RecordContact,
            "Records the first contact with the customer (stops the first-contact\n\
             clock), with an optional note of what was said for the timeline.",
            requests::record_contact,
        ))
        .service(command(
            "/service-requests/{id}/dispatch",
            "dispatch_service_request",
            Command::Dispatch,
            "Dispatches the request (派工): a work order to an engineer, due to arrive by\n\
             the earlier of the promised time and the SLA. `Location` names the work order.",
            async |store, actor, id, expected, body: &DispatchRequest| {
                requests::dispatch(store, actor, id, expected, body)
                    .await
                    .map(Dispatched)
            },
        ))
        .service(command(
            "/service-requests/{id}/resolve-remotely",
            "resolve_service_request_remotely",
            Command::ResolveRemotely,
            "Closes a request solved by phone (远程解决); a follow-up is still scheduled.",
            requests::resolve_remotely,
        ))
        .service(command(
            "/service-requests/{id}/cancel",
            "cancel_service_request",
            Command::Cancel,
            "Cancels a request not yet in service, with a reason.",
            requests::cancel,
        ))
        .service(command(
            "/service-requests/{id}/customer-choice",
            "record_customer_choice",
            Command::RecordCustomerChoice,
            "Records the customer's choice once an in-warranty repair is past its 三包\n\
             repair deadline unrepaired (the view's `customer_choice`): `continue_repair`\n\
             (recorded on the timeline, the clocks keep running) or `replace` (换货) with\n\
             the new machine's serial number and the replacement day. A replacement gives\n\
             the machine record the new serial (the old one stays in its history), restarts\n\
             its 三包 period on that day with the length its terms give, cancels the open\n\
             visit and completes the request. Refused with `no_customer_choice` when the\n\
             request does not offer the choice; a serial already registered is `duplicate`.",
            choice::record,
        ));
}

/// Records a service request (报修受理). Send an `Idempotency-Key` so that a
/// retried POST returns the first response instead of recording twice.
#[utoipa::path(operation_id = "create_service_request", tag = "service-requests", request_body = CreateServiceRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = idempotency::DESCRIPTION)),
    responses(
        (status = 201, description = "Recorded; a retry with the same key answers the first response again, \
            with the same headers and `Idempotent-Replayed: true`", body = ServiceRequestView,
            headers(("ETag" = String), ("Location" = String), ("Idempotent-Replayed" = Option<String>, description = "`true` on a replayed answer"))),
        (status = 409, description = "Idempotency-Key reused with another body", body = furrow_domain::Problem, content_type = "application/problem+json"),
    ))]
#[post("/service-requests")]
async fn create(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: web::Json<CreateServiceRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::Intake)?;
    let key = idempotency::key(&req, auth.actor.user_id, &*body)?;
    let once = requests::intake(&state.store, &auth.actor, &body, key.as_ref()).await?;
    Ok(idempotency::answer(once, "/service-requests", |v| {
        (v.id, v.version)
    }))
}

/// The order of `GET /service-requests` and whether it counts (its filters
/// are [`RequestFilters`]).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestOrder {
    /// `urgency` (default: overdue first, then stopped machines in season, then priority, then due time) or `newest`.
    pub sort: Option<String>,
    /// `true` to have the answer carry `total`, how many records the filters
    /// select over all pages (one count more; ask on the first page).
    pub total: Option<bool>,
}

impl RequestOrder {
    /// The checked `sort` and the list it names; the sync order
    /// (`updated_since`) is a list of its own.
    fn check(
        filters: &RequestFilters,
        order: &Self,
    ) -> Result<(&'static str, (RequestSort, Option<bool>)), ApiError> {
        let sorts = [
            ("urgency", RequestSort::Urgency),
            ("newest", RequestSort::Newest),
        ];
        let sort = pick("sort", order.sort.as_deref(), &sorts)?;
        let list = match (&filters.updated_since, sort) {
            (Some(_), _) => "service_requests.sync",
            (None, RequestSort::Urgency) => "service_requests.urgency",
            (None, RequestSort::Newest) => "service_requests.newest",
        };
        Ok((list, (sort, order.total)))
    }
}

/// Previews the SLA clocks for the intake form, with the machine's warranty
/// today and the coverage intake would propose (who pays: 三包, 延保, 客户付费).
#[utoipa::path(operation_id = "preview_service_request_clocks", tag = "service-requests", params(ClockPreviewQuery), responses((status = 200, body = ClockPreview),
    (status = 422, description = "Validation failed (unknown customer or machine...); see `errors`", body = furrow_domain::Problem, content_type = "application/problem+json")))]
#[get("/service-requests/clock-preview")]
async fn clock_preview(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<ClockPreviewQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::Intake)?;
    let q = query.into_inner();
    let preview = requests::preview_clocks(&state.store, &auth.actor, &q).await?;
    Ok(HttpResponse::Ok().json(preview))
}

/// One request, with its `ETag`; `If-None-Match` with the current ETag answers 304.
#[utoipa::path(operation_id = "get_service_request", tag = "service-requests", params(("id" = Uuid, Path), ("If-None-Match" = Option<String>, Header)),
    responses((status = 200, body = ServiceRequestView, headers(("ETag" = String))), (status = 304, description = "Not modified")))]
#[get("/service-requests/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::ServiceRequest)?;
    let v = requests::get(&state.store, &auth.actor, *id).await?;
    if not_modified(&req, v.version) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag(v.version)))
            .finish());
    }
    Ok(ok_with_etag(v.version, &v))
}

/// A dispatched request with its ETag, and the new work order as `Location`.
struct Dispatched((ServiceRequestView, Uuid));

impl Reply for Dispatched {
    const HEADERS: &'static [&'static str] = &["Location"];
    fn schema(schemas: &mut Vec<(String, RefOr<Schema>)>) -> RefOr<Schema> {
        <ServiceRequestView as Reply>::schema(schemas)
    }
    fn respond(self) -> HttpResponse {
        let (view, work_order) = self.0;
        HttpResponse::Ok()
            .insert_header((header::ETAG, etag(view.version)))
            .insert_header((
                header::LOCATION,
                format!("/api/v1/work-orders/{work_order}"),
            ))
            .json(view)
    }
}
