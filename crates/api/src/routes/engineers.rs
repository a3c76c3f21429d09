//! Engineers: the users with the engineer role and their profiles (skills by
//! machine category, home base with coordinates, availability).

use crate::error::ApiError;
use crate::paging::Paging;
use crate::record_kit::{Export, Exports, Gate, SortQuery, command_with, list, one_order, read};
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::web;
use furrow_domain::access::Action;
use furrow_domain::auth::Actor;
use furrow_domain::master::{EngineerFilters, EngineerProfileInput, EngineerView};
use furrow_domain::{Page, RecordKind};
use furrow_store::engineers;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(Exports::<EngineerRoster>::new())
        .service(list(
            "/engineers",
            "list_engineers",
            RecordKind::Engineer,
            "Lists engineers by login name.",
            one_order("engineers"),
            async |store, actor, q: EngineerFilters, (), paging: &Paging| {
                engineers::list(store, actor, &paging.listing(q, ())).await
            },
        ))
        .service(read(
            "/engineers/{user_id}",
            "get_engineer",
            RecordKind::Engineer,
            "One engineer with their profile.",
            engineers::get,
        ))
        .service(command_with::<web::Json<EngineerProfileInput>, _, _>(
            Method::PUT,
            "/engineers/{user_id}",
            "put_engineer_profile",
            Gate::Action(RecordKind::Engineer, Action::Update),
            "Creates or replaces an engineer's profile. Send the ETag as `If-Match`\n\
             (`\"0\"` before the first profile exists).",
            engineers::put_profile,
        ));
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
    type Query = EngineerFilters;
    type Row = EngineerView;

    async fn page(
        state: &AppState,
        actor: &Actor,
        query: &EngineerFilters,
        sort: &SortQuery,
        cursor: Option<String>,
    ) -> Result<Page<EngineerView>, ApiError> {
        if let Some(name) = &sort.sort {
            return Err(ApiError::BadRequest {
                code: "invalid_sort",
                detail: format!("engineers cannot be sorted by `{name}`; sortable: none"),
            });
        }
        let paging = Paging::largest("engineers", cursor);
        let listing = paging.listing(query.clone(), ());
        Ok(engineers::list(&state.store, actor, &listing).await?)
    }
}
