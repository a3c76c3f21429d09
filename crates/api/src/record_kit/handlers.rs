//! The handlers every master resource shares: authorise, call the kit, answer
//! with the record's ETag.

use super::{Resource, Routes};
use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{created, if_match, ok_with_etag};
use crate::paging::{PageQuery, Paging};
use crate::state::AppState;
use actix_web::dev::{AppService, HttpServiceFactory};
use actix_web::{HttpRequest, HttpResponse, web};
use furrow_store::record_kit;
use uuid::Uuid;

async fn list<R: Resource>(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<R::Query>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    auth.require(R::READ)?;
    let (query, page) = (query.into_inner(), page.into_inner());
    let name = if R::is_sync(&query) {
        format!("{}.sync", R::MANY)
    } else {
        R::MANY.to_owned()
    };
    let paging = Paging::new(name, page.limit, page.cursor)?;
    let filter = R::filter(query, &paging);
    paging.respond(record_kit::list::<R>(&state.store, &auth.actor, &filter).await)
}

async fn create<R: Resource>(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: web::Json<R::Input>,
) -> Result<HttpResponse, ApiError> {
    auth.require(R::WRITE)?;
    let view = record_kit::create::<R>(&state.store, &auth.actor, &body).await?;
    let (id, version) = R::identity(&view);
    Ok(created(version, format!("/api/v1{}/{id}", R::PATH), &view))
}

async fn get_one<R: Resource>(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.require(R::READ)?;
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
    auth.require(R::WRITE)?;
    let expected = if_match(&req)?;
    let view = record_kit::update::<R>(&state.store, &auth.actor, *id, expected, &body).await?;
    Ok(ok_with_etag(R::identity(&view).1, &view))
}

async fn switch<R: Resource>(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    active: bool,
) -> Result<HttpResponse, ApiError> {
    auth.require(R::WRITE)?;
    let expected = if_match(&req)?;
    let view =
        record_kit::set_active::<R>(&state.store, &auth.actor, *id, expected, active).await?;
    Ok(ok_with_etag(R::identity(&view).1, &view))
}

async fn deactivate<R: Resource>(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    switch::<R>(state, auth, req, id, false).await
}

async fn activate<R: Resource>(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    switch::<R>(state, auth, req, id, true).await
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
            .route(web::post().to(deactivate::<R>))
            .register(config);
        web::resource(format!("{one}/activate"))
            .route(web::post().to(activate::<R>))
            .register(config);
    }
}
