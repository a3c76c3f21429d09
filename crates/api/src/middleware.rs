//! Middleware that holds every request to the contract: the OpenAPI document
//! decides which methods a path has (405 with `Allow` for the others) and which
//! query parameters an operation takes (400 for any other); request bodies
//! must arrive within the body timeout (408); `/metrics` is served only when
//! enabled, and to its token when one is set.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::HttpMessage;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::{ConnectionType, Method, header};
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes};
use futures_util::Stream;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

/// The documented operations, by path template.
#[derive(Debug, Default)]
pub struct Contract {
    routes: Vec<Route>,
}

#[derive(Debug)]
struct Route {
    /// The template's segments; `None` is a `{parameter}`.
    segments: Vec<Option<String>>,
    /// Each documented method with the query parameters it takes.
    operations: Vec<(Method, Vec<String>)>,
}

impl Route {
    fn matches(&self, path: &[&str]) -> bool {
        self.segments.len() == path.len()
            && self
                .segments
                .iter()
                .zip(path)
                .all(|(t, p)| t.as_deref().map_or(!p.is_empty(), |lit| lit == *p))
    }

    fn literals(&self) -> usize {
        self.segments.iter().filter(|s| s.is_some()).count()
    }
}

impl Contract {
    /// The contract of an OpenAPI document.
    pub fn from_document(doc: &utoipa::openapi::OpenApi) -> Self {
        let doc = serde_json::to_value(doc).unwrap_or_default();
        let mut routes = Vec::new();
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            let shared = query_names(&item["parameters"]);
            let operations = item
                .as_object()
                .into_iter()
                .flatten()
                .filter_map(|(method, op)| {
                    let method = Method::from_bytes(method.to_ascii_uppercase().as_bytes()).ok()?;
                    op.get("responses")?;
                    let mut names = shared.clone();
                    names.extend(query_names(&op["parameters"]));
                    Some((method, names))
                })
                .collect();
            let segments = path
                .split('/')
                .map(|s| (!(s.starts_with('{') && s.ends_with('}'))).then(|| s.to_owned()))
                .collect();
            routes.push(Route {
                segments,
                operations,
            });
        }
        Contract { routes }
    }

    /// The refusal a request earns before it reaches a handler, if any. Of the
    /// templates a path matches, the most specific one with the method decides
    /// (`/service-requests/clock-preview` before `/service-requests/{id}`).
    fn check(&self, method: &Method, path: &str, query: &str) -> Option<ApiError> {
        let parts: Vec<&str> = path.split('/').collect();
        let mut matching: Vec<&Route> = self.routes.iter().filter(|r| r.matches(&parts)).collect();
        if matching.is_empty() {
            return None;
        }
        matching.sort_by_key(|r| std::cmp::Reverse(r.literals()));
        let Some(known) = matching
            .iter()
            .find_map(|r| r.operations.iter().find(|(m, _)| m == method))
            .map(|(_, known)| known)
        else {
            let mut allow: Vec<&str> = matching
                .iter()
                .flat_map(|r| r.operations.iter().map(|(m, _)| m.as_str()))
                .collect();
            allow.sort_unstable();
            allow.dedup();
            return Some(ApiError::MethodNotAllowed {
                allow: allow.join(", "),
            });
        };
        // A query string that does not parse is left to the handler's extractor.
        let pairs = web::Query::<Vec<(String, String)>>::from_query(query).ok()?;
        let unknown = pairs
            .iter()
            .map(|(k, _)| k)
            .find(|k| !k.is_empty() && !known.contains(k))?;
        let detail = if known.is_empty() {
            format!("unknown query parameter `{unknown}`: this operation takes none")
        } else {
            format!(
                "unknown query parameter `{unknown}`: this operation takes {}",
                known.join(", ")
            )
        };
        Some(ApiError::BadRequest {
            code: "unknown_query_parameter",
            detail,
        })
    }
}

fn query_names(params: &serde_json::Value) -> Vec<String> {
    params
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == "query")
        .filter_map(|p| p["name"].as_str().map(str::to_owned))
        .collect()
}

/// Answers 405 (with `Allow`) for a method a documented path does not have,
/// and 400 for a query parameter its operation does not declare.
pub async fn enforce_contract(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let refusal = req
        .app_data::<web::Data<Contract>>()
        .and_then(|c| c.check(req.method(), req.path(), req.query_string()));
    if let Some(err) = refusal {
        return Ok(req.error_response(err));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// How long a request body may take, as app data for [`body_deadline`].
#[derive(Debug, Clone, Copy)]
pub struct BodyTimeout(pub Duration);

/// Bounds the time a request body may take to arrive once the headers have
/// (actix-web's `client_request_timeout` covers the headers only). A body
/// still incomplete at the deadline ends with a timed-out read, which the
/// extractors answer as 408; the connection is then closed.
pub async fn body_deadline(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let timeout = req.app_data::<BodyTimeout>().copied();
    let has_body = req.headers().contains_key(header::TRANSFER_ENCODING)
        || req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() != "0");
    let expired = Rc::new(Cell::new(false));
    if let (Some(BodyTimeout(timeout)), true) = (timeout, has_body) {
        let inner = req.take_payload();
        let stream: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> = Box::pin(Deadline {
            inner,
            sleep: Box::pin(tokio::time::sleep(timeout)),
            expired: expired.clone(),
            done: false,
        });
        req.set_payload(Payload::from(stream));
    }
    let mut res = next.call(req).await?.map_into_boxed_body();
    if expired.get() {
        res.response_mut()
            .head_mut()
            .set_connection_type(ConnectionType::Close);
    }
    Ok(res)
}

/// A request body that fails with `TimedOut` once its deadline passes.
struct Deadline {
    inner: Payload,
    sleep: Pin<Box<tokio::time::Sleep>>,
    expired: Rc<Cell<bool>>,
    done: bool,
}

impl Stream for Deadline {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        // Checked first, so a body that trickles in byte by byte times out too.
        if this.sleep.as_mut().poll(cx).is_ready() {
            this.done = true;
            this.expired.set(true);
            return Poll::Ready(Some(Err(PayloadError::Io(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the request body did not arrive in time",
            )))));
        }
        let next = Pin::new(&mut this.inner).poll_next(cx);
        if let Poll::Ready(None) = next {
            this.done = true;
        }
        next
    }
}

/// Serves `/metrics` only when enabled (404 otherwise), and only to the
/// metrics token when one is configured (401 otherwise).
pub async fn metrics_gate(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if req.path() == "/metrics" {
        let config = req
            .app_data::<web::Data<AppState>>()
            .map(|s| s.config.clone());
        let refusal = match config {
            Some(c) if c.metrics_enabled() => c.metrics_token.as_deref().and_then(|token| {
                let given = req
                    .headers()
                    .get(header::AUTHORIZATION)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.strip_prefix("Bearer "))
                    .unwrap_or_default();
                (!constant_time_eq(given.trim().as_bytes(), token.as_bytes())).then(|| {
                    ApiError::Unauthorized("send the metrics token as a bearer token".into())
                })
            }),
            _ => Some(ApiError::NotFound("metrics are not enabled".into())),
        };
        if let Some(err) = refusal {
            return Ok(req.error_response(err));
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contract() -> Contract {
        Contract::from_document(&crate::server::openapi_document())
    }

    #[test]
    fn the_most_specific_template_wins_and_other_methods_are_405() {
        let c = contract();
        assert!(
            c.check(
                &Method::GET,
                "/api/v1/service-requests/clock-preview",
                "customer_id=x&priority=normal"
            )
            .is_none()
        );
        assert!(c.check(&Method::GET, "/api/v1/customers/abc", "").is_none());
        match c.check(&Method::DELETE, "/api/v1/customers/abc", "") {
            Some(ApiError::MethodNotAllowed { allow }) => assert_eq!(allow, "GET, PUT"),
            other => panic!("{other:?}"),
        }
        assert!(
            c.check(&Method::GET, "/api/v1/nothing-here", "x=1")
                .is_none()
        );
    }

    #[test]
    fn undeclared_query_parameters_are_named() {
        let c = contract();
        assert!(
            c.check(&Method::GET, "/api/v1/customers", "q=a&limit=5")
                .is_none()
        );
        match c.check(&Method::GET, "/api/v1/customers", "q=a&colour=red") {
            Some(ApiError::BadRequest { code, detail }) => {
                assert_eq!(code, "unknown_query_parameter");
                assert!(detail.contains("`colour`"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
        assert!(c.check(&Method::GET, "/api/v1/me", "x=1").is_some());
    }
}
