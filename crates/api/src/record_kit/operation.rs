//! One operation on one record (`GET /work-orders/{id}`, `POST
//! /work-orders/{id}/schedule`), written as one entry of its resource's
//! `configure`: the path, the operation id, who may run it, the words of its
//! documentation and the store call. The handler (authorise, read `If-Match`,
//! call the store, answer) and its OpenAPI operation are built here once; the
//! error responses come from `openapi::add_standard_errors`. The tag is the
//! path's first segment.

use super::document::{answer_with, id_param_named, if_match_param, json, operation_for};
use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::http::{if_match, ok_with_etag};
use crate::paging::{PageQuery, Paging};
use crate::state::AppState;
use actix_web::dev::{AppService, HttpServiceFactory};
use actix_web::http::Method;
use actix_web::{FromRequest, HttpRequest, HttpResponse, Route, guard, web};
use furrow_domain::Page;
use furrow_domain::RecordKind;
use furrow_domain::access::Action;
use furrow_domain::auth::Actor;
use furrow_domain::master::NoFilters;
use furrow_domain::service::commands::Command;
use furrow_store::{Store, StoreError};
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::openapi::path::{HttpMethod, Operation, ParameterIn, PathItem, Paths, PathsBuilder};
use utoipa::openapi::request_body::{RequestBody, RequestBodyBuilder};
use utoipa::openapi::schema::{ArrayBuilder, OneOfBuilder, Type};
use utoipa::openapi::{Content, ObjectBuilder, Ref, RefOr, Required, Schema};
use utoipa::{IntoParams, PartialSchema, ToSchema};
use utoipa_actix_web::OpenApiFactory;
use uuid::Uuid;

type Schemas = Vec<(String, RefOr<Schema>)>;

/// Who may run an operation.
#[derive(Debug, Clone, Copy)]
pub enum Gate {
    /// Whoever may see records of the kind.
    View(RecordKind),
    /// Whoever may give the service command.
    Command(Command),
    /// Whoever the permission table allows the action on the kind.
    Action(RecordKind, Action),
}

impl Gate {
    fn check(self, auth: &Authenticated) -> Result<(), ApiError> {
        match self {
            Self::View(kind) => auth.require_view(kind),
            Self::Command(command) => auth.require_command(command),
            Self::Action(kind, action) => auth.require_action(kind, action),
        }
    }
}

impl From<RecordKind> for Gate {
    fn from(kind: RecordKind) -> Self {
        Self::View(kind)
    }
}

impl From<Command> for Gate {
    fn from(command: Command) -> Self {
        Self::Command(command)
    }
}

/// A record whose version is its ETag.
pub trait Versioned: Serialize + ToSchema + 'static {
    fn version(&self) -> i32;
}

/// The records the service operations answer, each with its `version`.
macro_rules! versioned {
    ($($view:ty),*) => {$(
        impl Versioned for $view {
            fn version(&self) -> i32 {
                self.version
            }
        }
    )*};
}

versioned!(
    furrow_domain::service::ServiceRequestView,
    furrow_domain::service::WorkOrderView,
    furrow_domain::service::RepairReportView,
    furrow_domain::service::FollowUpView,
    furrow_domain::master::EngineerView,
    furrow_domain::master::MachineView,
    furrow_domain::users::UserView,
    furrow_domain::parts::PurchaseRequestView,
    furrow_domain::parts::RequisitionView
);

/// What an operation answers: a record with its ETag, or an answer of its own.
pub trait Reply: 'static {
    /// The success status.
    const STATUS: &'static str = "200";
    /// The headers documented besides the body.
    const HEADERS: &'static [&'static str] = &[];
    /// The body's schema, adding the components it names.
    fn schema(schemas: &mut Schemas) -> RefOr<Schema>;
    fn respond(self) -> HttpResponse;
}

/// A reference to `T`'s schema, added to `schemas`.
fn named<T: ToSchema>(schemas: &mut Schemas) -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(add_schema::<T>(schemas)))
}

impl<V: Versioned> Reply for V {
    fn schema(schemas: &mut Schemas) -> RefOr<Schema> {
        named::<V>(schemas)
    }
    fn respond(self) -> HttpResponse {
        ok_with_etag(self.version(), &self)
    }
}

/// A record created by the operation: 201 with the body and no headers.
pub struct Created<T>(pub T);

impl<T: Serialize + ToSchema + 'static> Reply for Created<T> {
    const STATUS: &'static str = "201";
    fn schema(schemas: &mut Schemas) -> RefOr<Schema> {
        named::<T>(schemas)
    }
    fn respond(self) -> HttpResponse {
        HttpResponse::Created().json(self.0)
    }
}

/// A 200 answer with the body as JSON, and no headers.
pub struct Plain<T>(pub T);

impl<T: Serialize + ToSchema + 'static> Reply for Plain<T> {
    fn schema(schemas: &mut Schemas) -> RefOr<Schema> {
        named::<T>(schemas)
    }
    fn respond(self) -> HttpResponse {
        HttpResponse::Ok().json(self.0)
    }
}

/// A 200 answer with a JSON array, and no headers.
pub struct Many<T>(pub Vec<T>);

impl<T: Serialize + ToSchema + 'static> Reply for Many<T> {
    fn schema(schemas: &mut Schemas) -> RefOr<Schema> {
        ArrayBuilder::new().items(named::<T>(schemas)).into()
    }
    fn respond(self) -> HttpResponse {
        HttpResponse::Ok().json(self.0)
    }
}

/// The body an operation takes, as extracted and as documented.
pub trait Body: FromRequest + 'static {
    /// What the store call is given.
    type Value;
    fn into_value(self) -> Self::Value;
    /// The documented request body (`None`: the operation takes none), adding
    /// the schemas it names.
    fn document(schemas: &mut Schemas) -> Option<RequestBody>;
}

fn add_schema<T: ToSchema>(schemas: &mut Schemas) -> String {
    let name = T::name().into_owned();
    schemas.push((name.clone(), T::schema()));
    T::schemas(schemas);
    name
}

impl<T: DeserializeOwned + ToSchema + 'static> Body for web::Json<T> {
    type Value = T;
    fn into_value(self) -> T {
        self.into_inner()
    }
    fn document(schemas: &mut Schemas) -> Option<RequestBody> {
        let body = RequestBodyBuilder::new()
            .content("application/json", json(&add_schema::<T>(schemas)))
            .required(Some(Required::True));
        Some(body.build())
    }
}

/// A body that may be left out (or be `null`).
impl<T: DeserializeOwned + ToSchema + 'static> Body for Option<web::Json<T>> {
    type Value = Option<T>;
    fn into_value(self) -> Option<T> {
        self.map(web::Json::into_inner)
    }
    fn document(schemas: &mut Schemas) -> Option<RequestBody> {
        let name = add_schema::<T>(schemas);
        let null = ObjectBuilder::new().schema_type(Type::Null);
        let schema = OneOfBuilder::new()
            .item(null)
            .item(Ref::from_schema_name(name));
        let content = Content::new(Some(schema));
        Some(
            RequestBodyBuilder::new()
                .content("application/json", content)
                .build(),
        )
    }
}

impl Body for () {
    type Value = ();
    fn into_value(self) {}
    fn document(_: &mut Schemas) -> Option<RequestBody> {
        None
    }
}

/// One route with its OpenAPI operation, for `ServiceConfig::service`.
pub struct Op {
    method: Method,
    path: &'static str,
    route: Route,
    doc: Operation,
    schemas: Schemas,
}

fn http_method(method: &Method) -> HttpMethod {
    match *method {
        Method::PUT => HttpMethod::Put,
        Method::PATCH => HttpMethod::Patch,
        Method::POST => HttpMethod::Post,
        _ => HttpMethod::Get,
    }
}

/// An operation's tag: the first segment of its path.
fn tag(path: &str) -> &str {
    path.trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default()
}

/// The operation's documentation: tagged by the path's first segment, the
/// path's one parameter, `If-Match` for writes.
fn document<R: Reply>(
    path: &'static str,
    id: &'static str,
    summary: &'static str,
    writes: bool,
    headers: &[&str],
    body: Option<RequestBody>,
    schemas: &mut Schemas,
) -> Operation {
    let tag = tag(path);
    let param = path
        .split_once('{')
        .and_then(|(_, rest)| rest.split_once('}'));
    let mut op = operation_for(tag, id.to_owned(), summary);
    if let Some((name, _)) = param {
        op = op.parameter(id_param_named(name));
    }
    if writes {
        op = op.parameter(if_match_param());
    }
    let reply = Content::new(Some(R::schema(schemas)));
    let headers: Vec<&str> = R::HEADERS.iter().chain(headers).copied().collect();
    op.request_body(body)
        .response(R::STATUS, answer_with(reply, &headers))
        .build()
}

/// `GET {path}` for those `gate` lets through, answering what `run` finds;
/// `headers` are documented besides the reply's own.
fn get<R, E>(
    path: &'static str,
    id: &'static str,
    gate: Gate,
    summary: &'static str,
    headers: &[&str],
    run: impl AsyncFn(&Store, &Actor, Uuid) -> Result<R, E> + Clone + 'static,
) -> Op
where
    R: Reply,
    E: Into<ApiError>,
{
    let route = web::get().to(
        move |state: web::Data<AppState>, auth: Authenticated, id: web::Path<Uuid>| {
            let run = run.clone();
            async move {
                gate.check(&auth)?;
                let reply = run(&state.store, &auth.actor, *id).await.map_err(E::into)?;
                Ok::<_, ApiError>(reply.respond())
            }
        },
    );
    Op::new(Method::GET, path, route, |schemas| {
        document::<R>(path, id, summary, false, headers, None, schemas)
    })
}

/// `GET {path}`: the record with its `ETag`, for those who may view `kind`.
pub fn read<V, E>(
    path: &'static str,
    id: &'static str,
    kind: RecordKind,
    summary: &'static str,
    run: impl AsyncFn(&Store, &Actor, Uuid) -> Result<V, E> + Clone + 'static,
) -> Op
where
    V: Versioned,
    E: Into<ApiError>,
{
    get(path, id, Gate::View(kind), summary, &["ETag"], run)
}

/// `GET {path}`: something about a record (its archive, its timeline)
/// without an `ETag`, as a [`Plain`] or [`Many`] answer.
pub fn show<R, E>(
    path: &'static str,
    id: &'static str,
    gate: impl Into<Gate>,
    summary: &'static str,
    run: impl AsyncFn(&Store, &Actor, Uuid) -> Result<R, E> + Clone + 'static,
) -> Op
where
    R: Reply,
    E: Into<ApiError>,
{
    get(path, id, gate.into(), summary, &[], run)
}

/// `GET {path}`: a keyset page of the list, for those who may view `kind`.
/// The query string holds the filters `Q`, the order's parameters `O` and
/// the paging. `order` checks the filters and order and names the list (and
/// order) its cursors are sealed with, giving `run` what it checked (the
/// order, or `()`).
pub fn list<Q, O, S, T>(
    path: &'static str,
    id: &'static str,
    kind: RecordKind,
    summary: &'static str,
    order: impl Fn(&Q, &O) -> Result<(&'static str, S), ApiError> + Clone + 'static,
    run: impl AsyncFn(&Store, &Actor, Q, S, &Paging) -> Result<Page<T>, StoreError> + Clone + 'static,
) -> Op
where
    Q: DeserializeOwned + IntoParams + 'static,
    O: DeserializeOwned + IntoParams + 'static,
    S: 'static,
    T: Serialize + ToSchema + 'static,
{
    let route = web::get().to(
        move |state: web::Data<AppState>,
              auth: Authenticated,
              query: web::Query<Q>,
              sort: web::Query<O>,
              page: web::Query<PageQuery>| {
            let (run, order) = (run.clone(), order.clone());
            async move {
                auth.require_view(kind)?;
                let (query, page) = (query.into_inner(), page.into_inner());
                let (name, checked) = order(&query, &sort)?;
                let paging = Paging::new(name, page)?;
                paging.respond(run(&state.store, &auth.actor, query, checked, &paging).await)
            }
        },
    );
    Op::new(Method::GET, path, route, |schemas| {
        let page_name = format!("Page_{}", add_schema::<T>(schemas));
        schemas.push((page_name.clone(), Page::<T>::schema()));
        let in_query = || Some(ParameterIn::Query);
        Q::into_params(in_query)
            .into_iter()
            .chain(O::into_params(in_query))
            .chain(PageQuery::into_params(in_query))
            .fold(operation_for(tag(path), id.to_owned(), summary), |o, p| {
                o.parameter(p)
            })
            .response("200", answer_with(json(&page_name), &[]))
            .build()
    })
}

/// The one list of a query without an order of its own (and so without
/// order parameters).
pub fn one_order<Q>(
    name: &'static str,
) -> impl Fn(&Q, &NoFilters) -> Result<(&'static str, ()), ApiError> + Clone {
    move |_, _| Ok((name, ()))
}

/// `POST` or `PUT {path}` with `If-Match` and the body `X`: the store call's
/// answer. Most take a JSON body: see [`command`].
pub fn command_with<X, R, E>(
    method: Method,
    path: &'static str,
    id: &'static str,
    gate: impl Into<Gate>,
    summary: &'static str,
    run: impl AsyncFn(&Store, &Actor, Uuid, Option<i32>, &X::Value) -> Result<R, E> + Clone + 'static,
) -> Op
where
    X: Body,
    R: Reply,
    E: Into<ApiError>,
{
    let gate = gate.into();
    let route = web::method(method.clone()).to(
        move |state: web::Data<AppState>,
              auth: Authenticated,
              req: HttpRequest,
              id: web::Path<Uuid>,
              body: X| {
            let run = run.clone();
            async move {
                gate.check(&auth)?;
                let expected = if_match(&req)?;
                let value = body.into_value();
                let reply = run(&state.store, &auth.actor, *id, expected, &value)
                    .await
                    .map_err(E::into)?;
                Ok::<_, ApiError>(reply.respond())
            }
        },
    );
    Op::new(method, path, route, |schemas| {
        let body = X::document(schemas);
        document::<R>(path, id, summary, true, &[], body, schemas)
    })
}

/// `POST {path}` with `If-Match` and a JSON body.
pub fn command<B, R, E>(
    path: &'static str,
    id: &'static str,
    gate: impl Into<Gate>,
    summary: &'static str,
    run: impl AsyncFn(&Store, &Actor, Uuid, Option<i32>, &B) -> Result<R, E> + Clone + 'static,
) -> Op
where
    B: DeserializeOwned + ToSchema + 'static,
    R: Reply,
    E: Into<ApiError>,
{
    command_with::<web::Json<B>, R, E>(Method::POST, path, id, gate, summary, run)
}

/// `POST {path}` with `If-Match` and no body.
pub fn command_bare<R, E>(
    path: &'static str,
    id: &'static str,
    gate: impl Into<Gate>,
    summary: &'static str,
    run: impl AsyncFn(&Store, &Actor, Uuid, Option<i32>) -> Result<R, E> + Clone + 'static,
) -> Op
where
    R: Reply,
    E: Into<ApiError>,
{
    let run = async move |store: &Store, actor: &Actor, id: Uuid, expected, _: &()| {
        run(store, actor, id, expected).await
    };
    command_with::<(), R, E>(Method::POST, path, id, gate, summary, run)
}

impl Op {
    /// The route at `method path`, documented by `document` (which adds the
    /// schemas it names).
    fn new(
        method: Method,
        path: &'static str,
        route: Route,
        document: impl FnOnce(&mut Schemas) -> Operation,
    ) -> Self {
        let mut schemas = Schemas::new();
        let doc = document(&mut schemas);
        Op {
            method,
            path,
            route,
            doc,
            schemas,
        }
    }

    /// Describes the operation's `If-Match` parameter.
    pub fn if_match_described(mut self, description: &str) -> Self {
        let params = self.doc.parameters.iter_mut().flatten();
        for p in params.filter(|p| p.name == "If-Match") {
            p.description = Some(description.to_owned());
        }
        self
    }
}

impl HttpServiceFactory for Op {
    fn register(self, config: &mut AppService) {
        // A guard on the resource, as actix's route macros do, so that other
        // methods of the same path reach their own resource.
        web::resource(self.path)
            .guard(guard::Method(self.method))
            .route(self.route)
            .register(config);
    }
}

impl OpenApiFactory for Op {
    fn paths(&self) -> Paths {
        let item = PathItem::new(http_method(&self.method), self.doc.clone());
        PathsBuilder::new().path(self.path, item).build()
    }

    fn schemas(&self, schemas: &mut Schemas) {
        schemas.extend(self.schemas.iter().cloned());
    }
}
