//! The OpenAPI document. Paths come from the registered routes (see
//! `server::configure_api`); this module adds the metadata, the bearer scheme,
//! and the error responses every operation shares.

use furrow_domain::problem::{FieldError, Problem};
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{Content, OpenApi as Document, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Furrow API",
        description = "After-sales service for agricultural machinery: service desk, field engineers, parts, \
            quality and cost. JSON over HTTP; errors are application/problem+json (RFC 9457); lists are \
            keyset-paginated (`limit`, `cursor` -> `next_cursor`); writes take `If-Match` and answer 412 on a \
            stale version. JSON bodies are limited to 1 MiB.",
        license(name = "Proprietary"),
    ),
    paths(metrics),
    components(schemas(Problem, FieldError, furrow_domain::Role, furrow_domain::Permission)),
    modifiers(&BearerScheme),
    security(("bearer" = [])),
    tags(
        (name = "auth", description = "Sign-in, tokens, the signed-in user"),
        (name = "users", description = "User administration"),
        (name = "dealers", description = "Dealers (经销商)"),
        (name = "customers", description = "Customer archive (客户档案)"),
        (name = "product-models", description = "Product models (产品型号) and technical parameters"),
        (name = "machines", description = "Product archive (产品档案): machines by serial number"),
        (name = "engineers", description = "Service engineers: skills, home base, availability"),
        (name = "service-requests", description = "Service requests (报修单): intake, urgency lists, dispatch, timeline"),
        (name = "work-orders", description = "Work orders (维修任务单): schedule, check in, finish, report draft"),
        (name = "repair-reports", description = "Repair reports (维修报告): submit, review, sign-off link"),
        (name = "sign-off", description = "Customer sign-off (客户签字确认) by one-time link, without sign-in"),
        (name = "imports", description = "Spreadsheet import (CSV/XLSX, UTF-8 or GBK) of customers, machines and product models: dry run, all-or-nothing apply; files up to 20 MiB and 100,000 rows"),
        (name = "settings", description = "SLA targets, busy seasons, 三包 deadlines"),
        (name = "operations", description = "Health, readiness and metrics"),
    )
)]
pub struct ApiDoc;

/// Prometheus metrics: request counts and latency histograms per route and status.
/// Served by the metrics middleware; documented here so the contract lists it.
#[utoipa::path(get, path = "/metrics", tag = "operations", security(()),
    responses((status = 200, description = "Prometheus text exposition format", content_type = "text/plain", body = String)))]
#[allow(dead_code)] // answered by the actix-web-prom middleware before routing
async fn metrics() {}

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, doc: &mut Document) {
        let components = doc.components.get_or_insert_with(Default::default);
        let mut http = Http::new(HttpAuthScheme::Bearer);
        http.bearer_format = Some("JWT".into());
        http.description = Some("Access token from POST /api/v1/auth/login (15 minutes).".into());
        components.add_security_scheme("bearer", SecurityScheme::Http(http));
    }
}

fn problem_response(description: &str) -> RefOr<utoipa::openapi::Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                Content::new(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                    "Problem",
                )))),
            )
            .build(),
    )
}

/// Adds the error responses every operation can give, unless it documents its own.
pub fn add_standard_errors(doc: &mut Document) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let is_api = path.starts_with("/api/");
        let ops: [Option<&mut Operation>; 5] = [
            item.get.as_mut(),
            item.post.as_mut(),
            item.put.as_mut(),
            item.patch.as_mut(),
            item.delete.as_mut(),
        ];
        for op in ops.into_iter().flatten() {
            if !is_api {
                continue;
            }
            let public = op.security.as_ref().is_some_and(|s| {
                s.iter().all(|r| {
                    serde_json::to_value(r)
                        .is_ok_and(|v| v.as_object().is_some_and(|o| o.is_empty()))
                })
            });
            let has_body = op.request_body.is_some();
            let has_path_param = path.contains('{');
            let r = &mut op.responses.responses;
            let mut add = |code: &str, desc: &str| {
                r.entry(code.to_owned())
                    .or_insert_with(|| problem_response(desc));
            };
            add(
                "400",
                "Malformed request (bad JSON, unknown field, bad query parameter)",
            );
            if !public {
                add("401", "Missing, expired or invalid access token");
                add("403", "The user's roles do not allow this");
            }
            if has_path_param {
                add("404", "No such record, or not visible to this user");
            }
            if has_body {
                add("413", "Body larger than the limit (1 MiB)");
                add("415", "Body is not application/json");
                add("422", "Validation failed; see `errors`");
            }
            add("500", "Unexpected server error (logged)");
        }
    }
}
