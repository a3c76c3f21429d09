//! The handlers every master resource shares: authorise, call the kit, answer
//! with the record's ETag.

use super::{Resource, Routes, SortQuery};
use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{if_match, ok_with_etag};
use crate::idempotency;
use crate::paging::{PageQuery, Paging, TotalQuery, with_total};
use crate::state::AppState;
use actix_web::dev::{AppService, HttpServiceFactory};
use actix_web::{HttpRequest, HttpResponse, web};
use furrow_domain::access::Action;
use furrow_store::record_kit;
use uuid::Uuid;

async fn list<R: Resource>(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<R::Filters>,
    page: web::Query<PageQuery>,
    sort: web::Query<SortQuery>,
    total: web::Query<TotalQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(R::KIND)?;
    let (query, page) = (query.into_inner(), page.into_inner());
    let sync = R::updated_since(&query).is_some();
    let order = sort.order::<R>(sync)?;
    let name = match (&order, sync) {
        (_, true) => format!("{}.sync", R::MANY),
        (Some((_, suffix)), false) => format!("{}.{suffix}", R::MANY),
        (None, false) => R::MANY.to_owned(),
    };
    let paging = Paging::new(name, page)?;
    let listing = paging.listing(query, ());
    let order = order.map(|(o, _)| o);
    let (store, actor) = (&state.store, &auth.actor);
    let page = async {
        let page = record_kit::list_ordered::<R>(store, actor, &listing, order).await?;
        let count = record_kit::count::<R>(store, actor, &listing);
        with_total(total.total, page, count).await
    };
    paging.respond(page.await)
}

async fn create<R: Resource>(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: web::Json<R::Input>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(R::KIND, Action::Create)?;
    let key = idempotency::key(&req, auth.actor.user_id, &*body)?;
    let once = record_kit::create_once::<R>(&state.store, &auth.actor, &body, key.as_ref()).await?;
    Ok(idempotency::answer(once, R::PATH, R::identity))
}

async fn get_one<R: Resource>(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require_view(R::KIND)?;
    let view = record_kit::get::<R>(&state.store, &auth.actor, *id).await?;
    Ok(ok_with_etag(R::identity(&view).1, &view))
}

async fn update<R: Resource>(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Json<R::Input>,
) -> Result<HttpResponse, ApiError> {
    auth.require_action(R::KIND, Action::Update)?;
    let expected = if_match(&req)?;
    let view = record_kit::update::<R>(&state.store, &auth.actor, *id, expected, &body).await?;
    Ok(ok_with_etag(R::identity(&view).1, &view))
}

/// Deactivates (`ACTIVE` false) or reactivates a record.
async fn switch<R: Resource, const ACTIVE: bool>(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let action = if ACTIVE {
        Action::Reactivate
    } else {
        Action::Deactivate
    };
    auth.require_action(R::KIND, action)?;
    let expected = if_match(&req)?;
    let view =
        record_kit::set_active::<R>(&state.store, &auth.actor, *id, expected, ACTIVE).await?;
    Ok(ok_with_etag(R::identity(&view).1, &view))
}

impl<R: Resource> HttpServiceFactory for Routes<R> {
    fn register(self, config: &mut AppService) {
        let one = format!("{}/{{id}}", R::PATH);
        web::resource(R::PATH)
            .route(web::get().to(list::<R>))
            .route(web::post().to(create::<R>))
            .register(config);
        web::resource(one.clone())
            .route(web::get().to(get_one::<R>))
            .route(web::put().to(update::<R>))
            .register(config);
        web::resource(format!("{one}/deactivate"))
            .route(web::post().to(switch::<R, false>))
            .register(config);
        web::resource(format!("{one}/activate"))
            .route(web::post().to(switch::<R, true>))
            .register(config);
    }
}
