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
            stale version (an entity tag that is none of ours is a stale version too). JSON bodies are limited \
            to 1 MiB and must arrive within the body timeout (60 s by default; 408 after it). Every error is \
            problem+json: a path that is not in this document answers 404 (`not_found`), a method a documented \
            path does not have answers 405 (`method_not_allowed`) with `Allow`, a query parameter an operation \
            does not declare answers 400 (`unknown_query_parameter`), and a momentary database failure answers \
            503 (`temporarily_unavailable`) with `Retry-After`. Malformed HTTP that the HTTP/1 parser itself \
            refuses (an unparsable request line, bytes not allowed in a URI, heads over 128 KiB) is answered \
            400 or 431 with an empty body and the connection closed, before any of this API runs.",
        license(name = "Proprietary"),
    ),
    paths(metrics),
    components(schemas(Problem, FieldError, furrow_domain::error::ProblemCode, furrow_domain::Role, furrow_domain::Permission)),
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
        (name = "follow-ups", description = "Follow-up calls (客户回访): the queue, attempts, the outcome that closes the request"),
        (name = "stocktakes", description = "Stock-takes (盘点): open on a warehouse (books frozen), count per line, reconcile (adjustments and accuracy) or cancel"),
        (name = "purchase-requests", description = "Purchasing (采购): purchase requests from shortages, reorder suggestions or by hand; approve, order, receive into stock, cancel, progress notes"),
        (name = "requisitions", description = "Parts requisitions (领用单): the queue, issue (发料) with shortages (缺料), returns (退库) and exchanges (退换)"),
        (name = "kpis", description = "The monthly KPIs (质量考核指标): timeliness, success, satisfaction and parts accuracy, and the records behind each figure"),
        (name = "sign-off", description = "Customer sign-off (客户签字确认) by one-time link, without sign-in"),
        (name = "imports", description = "Spreadsheet import (CSV/XLSX, UTF-8 or GBK) of customers, machines and product models: dry run, all-or-nothing apply; files up to 20 MiB and 100,000 rows"),
        (name = "api-clients", description = "API clients: other systems' client credentials (administrators)"),
        (name = "events", description = "The change feed: committed events in order, with a cursor"),
        (name = "webhooks", description = "Webhook subscriptions: the change feed POSTed to a URL, signed the Standard Webhooks way; the delivery log"),
        (name = "settings", description = "SLA targets, busy seasons, 三包 deadlines, follow-up rules, assessment weights and grade bands"),
        (name = "operations", description = "Health, readiness and metrics"),
    )
)]
pub struct ApiDoc;

/// Prometheus metrics: request counts and latency histograms per route and status.
///
/// Off by default: served only when the server runs with `FURROW_METRICS=1`
/// (`--metrics`), or with `FURROW_METRICS_TOKEN` set, which also requires that
/// token as a bearer token. Served by the metrics middleware; documented here
/// so the contract lists it.
#[utoipa::path(get, path = "/metrics", tag = "operations", security((), ("metrics_token" = [])),
    responses(
        (status = 200, description = "Prometheus text exposition format", content_type = "text/plain", body = String),
        (status = 401, description = "`FURROW_METRICS_TOKEN` is set and the request does not carry it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Metrics are not enabled", body = Problem, content_type = "application/problem+json"),
    ))]
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
        let mut metrics = Http::new(HttpAuthScheme::Bearer);
        metrics.description =
            Some("The FURROW_METRICS_TOKEN of the server, for GET /metrics only.".into());
        components.add_security_scheme("metrics_token", SecurityScheme::Http(metrics));
    }
}

/// The error responses operations share, as `#/components/responses/<name>`:
/// (name, status, description, with `Retry-After`).
const SHARED_ERRORS: &[(&str, &str, &str, bool)] = &[
    (
        "BadRequest",
        "400",
        "Malformed request (`code` says which): bad JSON or an unknown field (`invalid_json`), a query \
         parameter the operation does not declare (`unknown_query_parameter`), a bad query value \
         (`invalid_query`), `limit` outside 1-200 (`invalid_limit`), a cursor of another list or order \
         (`invalid_cursor`), a malformed `If-Match` (`invalid_if_match`), the NUL character in the query or body (`nul_in_text`)",
        false,
    ),
    (
        "Unauthorized",
        "401",
        "Missing, expired or invalid access token",
        false,
    ),
    (
        "Forbidden",
        "403",
        "The user's roles do not allow this",
        false,
    ),
    (
        "NotFound",
        "404",
        "No such record, or not visible to this user (a malformed id in the path is the same 404)",
        false,
    ),
    (
        "RequestTimeout",
        "408",
        "The body did not arrive within the body timeout (60 s by default); the connection is closed",
        false,
    ),
    (
        "Conflict",
        "409",
        "Not allowed in the record's current state, or clashes with another record (a taken code...)",
        false,
    ),
    (
        "PreconditionFailed",
        "412",
        "`If-Match` names another version (`stale_version`): reload the record and try again",
        false,
    ),
    (
        "PreconditionRequired",
        "428",
        "No `If-Match` (`if_match_required`): every write of a versioned record must send the \
         ETag it read (or `*`); nothing was changed",
        false,
    ),
    (
        "PayloadTooLarge",
        "413",
        "Body larger than the limit (1 MiB)",
        false,
    ),
    (
        "UnsupportedMediaType",
        "415",
        "Body is not application/json",
        false,
    ),
    (
        "ValidationFailed",
        "422",
        "Validation failed; see `errors`",
        false,
    ),
    (
        "TooManyRequests",
        "429",
        "Too many requests: an API client over its rate limit (`GET /settings/api_limits`; \
         `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` say where it stands), or \
         too many failed attempts (passwords, or a dealer's customer codes and serial numbers \
         that are taken); wait as `Retry-After` says",
        true,
    ),
    (
        "InternalError",
        "500",
        "Unexpected server error (logged)",
        false,
    ),
    (
        "TemporarilyUnavailable",
        "503",
        "The database is momentarily busy or unreachable (`temporarily_unavailable`); retry after \
         `Retry-After` seconds",
        true,
    ),
];

/// Operations that answer 429: those that check a password under the
/// failed-login throttle, and those where a dealer meets taken customer codes
/// or serial numbers (`furrow_store::sessions::taken_probe_wait`).
const THROTTLED: &[&str] = &[
    "login",
    "change_password",
    "create_customer",
    "update_customer",
    "create_machine",
    "update_machine",
    "import_file",
];

/// Operations without a body whose query's fields the domain checks (422
/// naming the field) and whose query names a record the caller may not see
/// (404): the records behind a KPI figure (`month`, `subject`).
const QUERY_NAMES_RECORDS: &[&str] = &["list_kpi_records"];

fn problem_response(description: &str, retry_after: bool) -> utoipa::openapi::Response {
    let mut b = ResponseBuilder::new().description(description).content(
        "application/problem+json",
        Content::new(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
            "Problem",
        )))),
    );
    if retry_after {
        b = b.header(
            "Retry-After",
            utoipa::openapi::HeaderBuilder::new()
                .schema(
                    utoipa::openapi::ObjectBuilder::new()
                        .schema_type(utoipa::openapi::schema::Type::Integer)
                        .minimum(Some(1)),
                )
                .description(Some("Seconds to wait before retrying"))
                .build(),
        );
    }
    b.build()
}

/// Names in the schemas of the work order and the repair report the fields a
/// dealer never reads, from the one table that decides it
/// (`furrow_domain::visibility`): the schema's description lists them and
/// each such property's description says so.
pub fn add_visibility(doc: &mut Document) {
    use furrow_domain::visibility::{RECORD_KEYS, REPORT_FIELDS, Reader, WORK_ORDER_FIELDS, field};
    use utoipa::openapi::schema::Schema;
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    for (name, table) in [
        ("RepairReportView", REPORT_FIELDS),
        ("WorkOrderView", WORK_ORDER_FIELDS),
    ] {
        let Some(RefOr::T(Schema::Object(obj))) = components.schemas.get_mut(name) else {
            continue;
        };
        let mut hidden = Vec::new();
        for (prop, schema) in obj.properties.iter_mut() {
            if Reader::Dealer.sees(field(table, prop)) || RECORD_KEYS.contains(&prop.as_str()) {
                continue;
            }
            hidden.push(format!("`{prop}`"));
            if let RefOr::T(Schema::Object(p)) = schema {
                let before = p.description.take().unwrap_or_default();
                let sep = if before.is_empty() { "" } else { " " };
                p.description = Some(format!("{before}{sep}Internal: a dealer never reads it."));
            }
        }
        let before = obj.description.take().unwrap_or_default();
        let sep = if before.is_empty() { "" } else { "\n\n" };
        obj.description = Some(format!(
            "{before}{sep}A dealer never reads this record (403); its internal fields, which \
             no dealer-facing view carries: {}.",
            hidden.join(", ")
        ));
    }
}

/// Adds the error responses every operation can give, unless it documents its
/// own: each a reference to one shared response in `components.responses`.
pub fn add_standard_errors(doc: &mut Document) {
    let components = doc.components.get_or_insert_with(Default::default);
    for (name, _, description, retry_after) in SHARED_ERRORS {
        components.responses.insert(
            (*name).to_owned(),
            RefOr::T(problem_response(description, *retry_after)),
        );
    }
    for (path, item) in doc.paths.paths.iter_mut() {
        if !path.starts_with("/api/") {
            continue;
        }
        let ops: [(bool, Option<&mut Operation>); 5] = [
            (false, item.get.as_mut()),
            (true, item.post.as_mut()),
            (true, item.put.as_mut()),
            (true, item.patch.as_mut()),
            (true, item.delete.as_mut()),
        ];
        for (write, op) in ops {
            let Some(op) = op else { continue };
            let public = op.security.as_ref().is_some_and(|s| {
                s.iter().all(|r| {
                    serde_json::to_value(r)
                        .is_ok_and(|v| v.as_object().is_some_and(|o| o.is_empty()))
                })
            });
            let has_body = op.request_body.is_some();
            let has_path_param = path.contains('{');
            // Every `If-Match` is required (`http::if_match`), however the
            // operation declared it.
            let mut takes_if_match = false;
            for p in op.parameters.iter_mut().flatten() {
                if p.parameter_in == utoipa::openapi::path::ParameterIn::Header
                    && p.name.eq_ignore_ascii_case("if-match")
                {
                    p.required = utoipa::openapi::Required::True;
                    takes_if_match = true;
                }
            }
            let throttled = op
                .operation_id
                .as_deref()
                .is_some_and(|id| THROTTLED.contains(&id));
            let mut wanted = vec!["400", "500", "503"];
            if !public {
                wanted.extend(["401", "403"]);
            }
            if has_path_param {
                wanted.push("404");
            }
            if has_body {
                wanted.extend(["408", "413", "415", "422"]);
            }
            if write && !public {
                wanted.extend(["409", "422"]);
            }
            if takes_if_match {
                wanted.extend(["412", "428"]);
            }
            if op
                .operation_id
                .as_deref()
                .is_some_and(|id| QUERY_NAMES_RECORDS.contains(&id))
            {
                wanted.extend(["404", "422"]);
            }
            // A client's token over its rate limit (`client_traffic`).
            if throttled || !public {
                wanted.push("429");
            }
            let r = &mut op.responses.responses;
            for code in wanted {
                let Some((name, ..)) = SHARED_ERRORS.iter().find(|(_, c, ..)| *c == code) else {
                    continue;
                };
                r.entry(code.to_owned()).or_insert_with(|| {
                    RefOr::Ref(utoipa::openapi::Ref::new(format!(
                        "#/components/responses/{name}"
                    )))
                });
            }
        }
    }
}
