//! Settings: every document of the registry (`furrow_domain::settings`) served
//! by one generic pair of handlers, plus the list of them.
//!
//! `setting_routes!` declares the `GET`/`PUT /settings/{key}` pair of one
//! setting: the attributes utoipa and actix need are per route, the bodies are
//! [`read`] and [`replace`] for that setting's type.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{if_match, ok_with_etag};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, put, web};
use furrow_domain::RecordKind;
use furrow_domain::access::Action;
use furrow_domain::api_limits::ApiLimits;
use furrow_domain::kpi::AssessmentSettings;
use furrow_domain::service::calendar::WorkCalendar;
use furrow_domain::service::dispatch::DispatchSettings;
use furrow_domain::service::follow_up::FollowUpSettings;
use furrow_domain::service::sanbao::ServiceNetwork;
use furrow_domain::service::sla::SlaSettings;
use furrow_domain::settings::{Setting, SettingSummary};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(get_sla)
        .service(put_sla)
        .service(get_calendar)
        .service(put_calendar)
        .service(get_dispatch)
        .service(put_dispatch)
        .service(get_service_network)
        .service(put_service_network)
        .service(get_follow_up)
        .service(put_follow_up)
        .service(get_assessment)
        .service(put_assessment)
        .service(get_api_limits)
        .service(put_api_limits)
        .service(super::calendar_import::import_calendar);
}

/// The document `S` and its ETag, to whoever the permission table lets see
/// settings (those who follow the work they govern).
async fn read<S: Setting>(
    state: &AppState,
    auth: &Authenticated,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::Setting)?;
    let (s, v) = furrow_store::settings::get::<S>(state.store.conn()).await?;
    Ok(ok_with_etag(v, &s))
}

/// Replaces the document `S` (administrators only), checking `If-Match`.
async fn replace<S: Setting>(
    state: &AppState,
    auth: &Authenticated,
    req: &HttpRequest,
    body: &S,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::Setting, Action::Update)?;
    let (s, v) =
        furrow_store::settings::put::<S>(&state.store, &auth.actor, if_match(req)?, body).await?;
    Ok(ok_with_etag(v, &s))
}

/// Declares the `GET`/`PUT` handlers of one setting: its type, path, and per
/// operation the function name, OpenAPI operation id and summary.
macro_rules! setting_routes {
    (
        $setting:ident at $path:literal;
        get $get:ident as $get_op:literal, $get_doc:literal;
        put $put:ident as $put_op:literal, $put_doc:literal;
    ) => {
        #[doc = $get_doc]
        #[utoipa::path(operation_id = $get_op, tag = "settings", responses((status = 200, body = $setting, headers(("ETag" = String)))))]
        #[get($path)]
        async fn $get(
            state: web::Data<AppState>,
            auth: Authenticated,
        ) -> Result<HttpResponse, ApiError> {
            read::<$setting>(&state, &auth).await
        }

        #[doc = $put_doc]
        #[utoipa::path(operation_id = $put_op, tag = "settings", params(("If-Match" = String, Header, description = "The ETag as read, or `*`")), request_body = $setting, responses((status = 200, body = $setting)))]
        #[put($path)]
        async fn $put(
            state: web::Data<AppState>,
            auth: Authenticated,
            req: HttpRequest,
            body: web::Json<$setting>,
        ) -> Result<HttpResponse, ApiError> {
            replace::<$setting>(&state, &auth, &req, &body).await
        }
    };
}

setting_routes! {
    SlaSettings at "/settings/sla";
    get get_sla as "get_sla_settings",
        "The SLA settings in force (the defaults of DESIGN §4 until changed; ETag `\"0\"`).";
    put put_sla as "put_sla_settings",
        "Replaces the SLA settings (admin). They apply to requests recorded from now on.";
}

setting_routes! {
    WorkCalendar at "/settings/calendar";
    get get_calendar as "get_calendar_settings",
        "The working-day calendar: per year, the public holidays and the make-up working days (调休). A year not listed counts Monday to Friday. The default is the official 2026 schedule (ETag `\"0\"`).";
    put put_calendar as "put_calendar_settings",
        "Replaces the working-day calendar (admin). It applies to clocks computed from now on. 422 names the field of a date listed twice, in both lists, outside its year, or of a make-up day that is not a Saturday or Sunday.";
}

setting_routes! {
    DispatchSettings at "/settings/dispatch";
    get get_dispatch as "get_dispatch_settings",
        "The weights and limits of the dispatch ranking: kilometres per open and per booked work order, the distance assumed when unknown, the farthest an engineer is sent ahead of nearer ones, and the schedule window (ETag `\"0\"` while the defaults are in force).";
    put put_dispatch as "put_dispatch_settings",
        "Replaces the dispatch settings (admin). 422 names a value out of range.";
}

setting_routes! {
    ServiceNetwork at "/settings/service_network";
    get get_service_network as "get_service_network_settings",
        "The service network (服务网点范围): the stations and the divisions (GB/T 2260 codes of counties, prefectures or provinces) or the radius around a location each covers. Only a site inside it gets the busy-season 三包 deadline. The default covers the provinces the company sells in (ETag `\"0\"`).";
    put put_service_network as "put_service_network_settings",
        "Replaces the service network (admin). It applies to requests recorded from now on. 422 names the field of a station without a name, without an area, with a radius but no location (or the reverse), or out of range.";
}

setting_routes! {
    FollowUpSettings at "/settings/follow_up";
    get get_follow_up as "get_follow_up_settings",
        "The rules of the follow-up calls (客户回访): the failed attempts after which a follow-up may be closed as unreachable (default 3; ETag `\"0\"` while the defaults are in force).";
    put put_follow_up as "put_follow_up_settings",
        "Replaces the follow-up settings (admin). 422 names a value out of range.";
}

setting_routes! {
    AssessmentSettings at "/settings/assessment";
    get get_assessment as "get_assessment_settings",
        "The weights and grade bands of the monthly quality assessment (售后服务质量考核): an engineer's score weighs timeliness 30, success 40 and satisfaction 30 points, the parts department's its accuracy 100, over the KPIs that have data; excellent from 95, good from 85, qualified from 70, else unqualified (the defaults of DESIGN §5; ETag `\"0\"` while they are in force).";
    put put_assessment as "put_assessment_settings",
        "Replaces the assessment settings (admin). 422 names a weight above 1000, engineer weights all 0, a parts weight of 0, or bands that do not rise (0 < qualified < good < excellent ≤ 100).";
}

setting_routes! {
    ApiLimits at "/settings/api_limits";
    get get_api_limits as "get_api_limits_settings",
        "The API clients' rate limit: requests per minute and burst per client, on each server instance (default 600 a minute in bursts of 60; ETag `\"0\"` while the defaults are in force). A client over it is answered 429 with `Retry-After`; every answer to a client carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`.";
    put put_api_limits as "put_api_limits_settings",
        "Replaces the API clients' rate limit (admin); it applies at once and the budgets start over. 422 names a value out of range.";
}

/// Every settings document with its version and when it was last saved: the
/// settings page of those who may change them (admin).
#[utoipa::path(operation_id = "list_settings", tag = "settings",
    responses((status = 200, body = Vec<SettingSummary>)))]
#[get("/settings")]
async fn list(state: web::Data<AppState>, auth: Authenticated) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::Setting, Action::Update)?;
    Ok(HttpResponse::Ok().json(furrow_store::settings::list(state.store.conn()).await?))
}
