//! The OpenAPI operations of a resource's routes, built from its descriptor.
//! The error responses (404, 409, 412...) are not written here: the shared
//! ones of `openapi::add_standard_errors` are added to every operation by
//! its shape (a path id, a body, an `If-Match`).

use super::{Resource, Routes};
use crate::paging::{PageQuery, TotalQuery};
use furrow_domain::Page;
use utoipa::openapi::path::{
    HttpMethod, Operation, OperationBuilder, Parameter, ParameterBuilder, ParameterIn, PathItem,
    Paths, PathsBuilder,
};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{
    Content, HeaderBuilder, Ref, RefOr, Required, Response, ResponseBuilder, Schema,
};
use utoipa::{IntoParams, PartialSchema, ToSchema};
use utoipa_actix_web::OpenApiFactory;

pub(super) fn json(schema_name: &str) -> Content {
    Content::new(Some(Ref::from_schema_name(schema_name)))
}

pub(super) fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

pub(super) fn param(
    name: &str,
    at: ParameterIn,
    required: Required,
    schema: ObjectBuilder,
) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(at)
        .required(required)
        .schema(Some(schema))
        .build()
}

/// The `{id}` of a record's path.
fn id_param() -> Parameter {
    id_param_named("id")
}

/// A record's id in the path, as `{name}`.
pub(super) fn id_param_named(name: &str) -> Parameter {
    let uuid = string().format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid)));
    param(name, ParameterIn::Path, Required::True, uuid)
}

/// The `If-Match` every write of a versioned record sends (428 without it).
pub(super) fn if_match_param() -> Parameter {
    let mut p = param("If-Match", ParameterIn::Header, Required::True, string());
    p.description = Some(
        "The record's ETag as read (`\"3\"`), or `*` for whatever version is current. \
         Missing: 428 `if_match_required`; another version: 412 `stale_version`."
            .into(),
    );
    p
}

/// The optional `Idempotency-Key` of a creating `POST`.
pub(super) fn idempotency_key_param() -> Parameter {
    let mut p = param(
        "Idempotency-Key",
        ParameterIn::Header,
        Required::False,
        string(),
    );
    p.description = Some(crate::idempotency::DESCRIPTION.into());
    p
}

/// A 2xx answer with `body` and the named string headers.
fn answer(body: &str, headers: &[&str]) -> Response {
    answer_with(json(body), headers)
}

/// A 2xx answer with `content` as JSON and the named string headers.
pub(super) fn answer_with(content: Content, headers: &[&str]) -> Response {
    headers
        .iter()
        .fold(
            ResponseBuilder::new()
                .description("")
                .content("application/json", content),
            |b, h| b.header(*h, HeaderBuilder::new().schema(string()).build()),
        )
        .build()
}

/// An operation of the tag `tag`.
pub(super) fn operation_for(tag: &str, id: String, summary: &str) -> OperationBuilder {
    OperationBuilder::new()
        .tag(tag)
        .summary(Some(summary))
        .operation_id(Some(id))
}

fn operation<R: Resource>(id: String, summary: &str) -> OperationBuilder {
    operation_for(R::TAG, id, summary)
}

/// `sort` (one of `sortable`) and `dir`; none when the list has only its
/// default order.
pub(super) fn sort_param(sortable: &[&str]) -> Vec<Parameter> {
    if sortable.is_empty() {
        return Vec::new();
    }
    let names = string().enum_values(Some(sortable.iter().copied()));
    let mut sort = param("sort", ParameterIn::Query, Required::False, names);
    sort.description = Some(
        "Sorts by this column instead of the default order (rows with the same value by id); \
         not with `updated_since`. Others answer 400 `invalid_sort`."
            .into(),
    );
    let dir = string().enum_values(Some(["asc", "desc"]));
    let mut dir = param("dir", ParameterIn::Query, Required::False, dir);
    dir.description = Some("The direction of `sort`; ascending by default.".into());
    vec![sort, dir]
}

fn write<R: Resource>(action: &str, summary: &str, view: &str) -> Operation {
    operation::<R>(format!("{action}_{}", R::ONE), summary)
        .parameter(id_param())
        .parameter(if_match_param())
        .response("200", answer(view, &[]))
        .build()
}

fn page_name<R: Resource>() -> String {
    format!("Page_{}", R::View::name())
}

impl<R: Resource> OpenApiFactory for Routes<R> {
    fn paths(&self) -> Paths {
        let (view, input) = (R::View::name(), R::Input::name());
        let body = RequestBodyBuilder::new()
            .content("application/json", json(&input))
            .required(Some(Required::True))
            .build();
        let in_query = || Some(ParameterIn::Query);
        let list = R::Filters::into_params(in_query)
            .into_iter()
            .chain(PageQuery::into_params(in_query))
            .chain(TotalQuery::into_params(in_query))
            .chain(sort_param(R::SORTABLE))
            .fold(
                operation::<R>(format!("list_{}", R::MANY), R::DOCS.list),
                |o, p| o.parameter(p),
            )
            .response("200", answer(&page_name::<R>(), &[]))
            .build();
        let create = operation::<R>(format!("create_{}", R::ONE), R::DOCS.create)
            .parameter(idempotency_key_param())
            .request_body(Some(body.clone()))
            .response(
                "201",
                answer(&view, &["ETag", "Location", "Idempotent-Replayed"]),
            )
            .build();
        let get = operation::<R>(format!("get_{}", R::ONE), R::DOCS.get)
            .parameter(id_param())
            .response("200", answer(&view, &["ETag"]))
            .build();
        let mut update = write::<R>("update", R::DOCS.update, &view);
        update.request_body = Some(body);
        let one = format!("{}/{{id}}", R::PATH);
        let mut collection = PathItem::new(HttpMethod::Get, list);
        collection.post = Some(create);
        let mut record = PathItem::new(HttpMethod::Get, get);
        record.put = Some(update);
        PathsBuilder::new()
            .path(R::PATH, collection)
            .path(one.clone(), record)
            .path(
                format!("{one}/deactivate"),
                PathItem::new(
                    HttpMethod::Post,
                    write::<R>("deactivate", R::DOCS.deactivate, &view),
                ),
            )
            .path(
                format!("{one}/activate"),
                PathItem::new(
                    HttpMethod::Post,
                    write::<R>("activate", R::DOCS.activate, &view),
                ),
            )
            .build()
    }

    fn schemas(&self, schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((R::View::name().into_owned(), R::View::schema()));
        R::View::schemas(schemas);
        schemas.push((R::Input::name().into_owned(), R::Input::schema()));
        R::Input::schemas(schemas);
        schemas.push((page_name::<R>(), Page::<R::View>::schema()));
    }
}
