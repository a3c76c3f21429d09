//! Settings: the SLA targets, busy seasons, 三包 deadlines and follow-up window.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{if_match, ok_with_etag};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, put, web};
use furrow_domain::Permission;
use furrow_domain::service::sla::SlaSettings;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_sla).service(put_sla);
}

/// The SLA settings in force (the defaults of DESIGN §4 until changed; ETag `"0"`).
#[utoipa::path(operation_id = "get_sla_settings", tag = "settings", responses((status = 200, body = SlaSettings, headers(("ETag" = String)))))]
#[get("/settings/sla")]
async fn get_sla(
    state: web::Data<AppState>,
    auth: Authenticated,
) -> Result<HttpResponse, ApiError> {
    if !auth.actor.can(Permission::ManageSettings) {
        auth.require(Permission::ViewServiceRequests)?;
    }
    let (s, v) = furrow_store::settings::sla(state.store.conn()).await?;
    Ok(ok_with_etag(v, &s))
}

/// Replaces the SLA settings (admin). They apply to requests recorded from now on.
#[utoipa::path(operation_id = "put_sla_settings", tag = "settings", params(("If-Match" = Option<String>, Header)), request_body = SlaSettings,
    responses((status = 200, body = SlaSettings)))]
#[put("/settings/sla")]
async fn put_sla(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: web::Json<SlaSettings>,
) -> Result<HttpResponse, ApiError> {
    auth.require(Permission::ManageSettings)?;
    let (s, v) =
        furrow_store::settings::put_sla(&state.store, &auth.actor, if_match(&req)?, &body).await?;
    Ok(ok_with_etag(v, &s))
}
