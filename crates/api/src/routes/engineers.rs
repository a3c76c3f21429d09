//! Engineers: the users with the engineer role and their profiles (skills by
//! machine category, home base with coordinates, availability).

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{if_match, ok_with_etag};
use crate::paging::{PageQuery, Paging};
use crate::record_kit::{Export, Exports, SortQuery};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, put, web};
use furrow_domain::access::Action;
use furrow_domain::auth::Actor;
use furrow_domain::master::{EngineerProfileInput, EngineerView, MachineCategory};
use furrow_domain::page::MAX_PAGE_SIZE;
use furrow_domain::{Page, RecordKind};
use furrow_store::engineers::{self, EngineerFilter};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(Exports::<EngineerRoster>::new())
        .service(list)
        .service(get_one)
        .service(put_profile);
}

/// Filters of `GET /engineers`.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EngineerQuery {
    /// Part of the login or display name.
    pub q: Option<String>,
    /// Only engineers qualified for this category.
    pub skill: Option<MachineCategory>,
    /// Only engineers available (`true`) or not.
    pub active: Option<bool>,
}

/// Lists engineers by login name.
#[utoipa::path(operation_id = "list_engineers", tag = "engineers", params(EngineerQuery, PageQuery), responses((status = 200, body = Page<EngineerView>)))]
#[get("/engineers")]
async fn list(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<EngineerQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::Engineer)?;
    let (q, page) = (query.into_inner(), page.into_inner());
    let paging = Paging::new("engineers", page.limit, page.cursor)?;
    let filter = q.filter(&paging);
    paging.respond(engineers::list(&state.store, &auth.actor, &filter).await)
}

impl EngineerQuery {
    fn filter(self, paging: &Paging) -> EngineerFilter {
        EngineerFilter {
            q: self.q,
            skill: self.skill,
            active: self.active,
            cursor: paging.cursor.clone(),
            limit: paging.limit,
        }
    }
}

/// The engineer roster as an export (`GET /engineers/export`), in its one
/// order (by login name).
pub struct EngineerRoster;

impl Export for EngineerRoster {
    const PATH: &'static str = "/engineers";
    const TAG: &'static str = "engineers";
    const MANY: &'static str = "engineers";
    const RECORD: RecordKind = RecordKind::Engineer;
    const SORTABLE: &'static [&'static str] = &[];
    type Query = EngineerQuery;
    type Row = EngineerView;

    async fn page(
        state: &AppState,
        actor: &Actor,
        query: &EngineerQuery,
        sort: &SortQuery,
        cursor: Option<String>,
    ) -> Result<Page<EngineerView>, ApiError> {
        if let Some(name) = &sort.sort {
            return Err(ApiError::BadRequest {
                code: "invalid_sort",
                detail: format!("engineers cannot be sorted by `{name}`; sortable: none"),
            });
        }
        let mut paging = Paging::new("engineers", Some(MAX_PAGE_SIZE), None)?;
        paging.cursor = cursor;
        let filter = query.clone().filter(&paging);
        Ok(engineers::list(&state.store, actor, &filter).await?)
    }
}

/// One engineer with their profile.
#[utoipa::path(operation_id = "get_engineer", tag = "engineers", params(("user_id" = Uuid, Path)), responses((status = 200, body = EngineerView, headers(("ETag" = String)))))]
#[get("/engineers/{user_id}")]
async fn get_one(
    state: web::Data<AppState>,
    auth: Authenticated,
    user_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(RecordKind::Engineer)?;
    let e = engineers::get(&state.store, &auth.actor, *user_id).await?;
    Ok(ok_with_etag(e.version, &e))
}

/// Creates or replaces an engineer's profile. Send the ETag as `If-Match`
/// (`"0"` before the first profile exists).
#[utoipa::path(operation_id = "put_engineer_profile", tag = "engineers", params(("user_id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = EngineerProfileInput,
    responses((status = 200, body = EngineerView)))]
#[put("/engineers/{user_id}")]
async fn put_profile(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    user_id: web::Path<Uuid>,
    body: web::Json<EngineerProfileInput>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(RecordKind::Engineer, Action::Update)?;
    let e =
        engineers::put_profile(&state.store, &auth.actor, *user_id, if_match(&req)?, &body).await?;
    Ok(ok_with_etag(e.version, &e))
}
