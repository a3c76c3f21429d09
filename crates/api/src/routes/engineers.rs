//! Engineers: the users with the engineer role and their profiles (skills by
//! machine category, home base with coordinates, availability).

use crate::paging::Paging;
use crate::record_kit::{Exports, Gate, command_with, list, one_order, one_order_export, read};
use actix_web::http::Method;
use actix_web::web;
use furrow_domain::RecordKind;
use furrow_domain::access::Action;
use furrow_domain::master::{EngineerFilters, EngineerProfileInput, EngineerView};
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

// The engineer roster as an export, in its one order (by login name).
one_order_export!(
    EngineerRoster,
    "/engineers",
    "engineers",
    "engineers",
    RecordKind::Engineer,
    EngineerFilters,
    EngineerView,
    engineers::list
);
