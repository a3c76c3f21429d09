//! The one place that calls the API over HTTP (gloo-net).
//!
//! It adds the bearer token, and when the API answers 401 it refreshes the
//! session once (`POST /auth/refresh`, shared by every request waiting at that
//! moment, because the refresh token rotates) and retries. When the refresh is
//! refused the session ends as expired, which sends the user to the sign-in
//! page and back afterwards. Every non-2xx answer becomes the shared
//! [`Problem`]; a network failure becomes a problem with status 0.

// `ApiError` carries the whole problem document by value, which every page
// matches on. It stays under clippy's size limit on wasm32, where the SPA runs;
// only the native build of the unit tests (8-byte pointers) crosses it.
#![allow(clippy::result_large_err)]

use crate::services::session::{self, EndReason, Session};
use furrow_domain::Problem;
use furrow_domain::auth::{RefreshRequest, TokenResponse};
use futures_util::FutureExt;
use futures_util::future::{LocalBoxFuture, Shared};
use gloo_net::http::{Method, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::cell::{Cell, RefCell};
use std::future::Future;

/// Where the API lives (same origin as the SPA).
pub const API_BASE: &str = "/api/v1";

/// A failed call: the API's problem document, plus `Retry-After` when given.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub problem: Problem,
    /// Seconds to wait, from the `Retry-After` header of a 429.
    pub retry_after_secs: Option<u64>,
    /// The answer's body as received, for problems that carry more than the
    /// shared fields (an import's 422 holds its row-by-row report).
    pub body: Option<String>,
}

impl ApiError {
    fn local(status: u16, code: &str, detail: String) -> Self {
        ApiError {
            problem: Problem::new(status, code, "", Some(detail)),
            retry_after_secs: None,
            body: None,
        }
    }

    fn network(detail: String) -> Self {
        ApiError::local(0, "network_error", detail)
    }

    /// The HTTP status, 0 when the server was not reached.
    pub fn status(&self) -> u16 {
        self.problem.status
    }

    /// The problem's stable code (`validation_failed`, `stale_version`...).
    pub fn code(&self) -> &str {
        &self.problem.code
    }
}

/// One API call being built.
#[derive(Debug, Clone)]
pub struct Call {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Body>,
    if_match: Option<i32>,
    /// Other request headers (`Idempotency-Key`).
    headers: Vec<(String, String)>,
    authenticated: bool,
}

/// Which page of a list, in which order, beside the domain's filters
/// ([`Call::filters`]): the API's paging and sort parameters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listing {
    /// The API's order by name (`newest`); `None` is the list's default.
    pub sort: Option<&'static str>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
    /// Ask for the whole list's count with the page.
    pub total: bool,
}

impl Call {
    fn new(method: Method, path: impl Into<String>) -> Self {
        Call {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            if_match: None,
            headers: Vec::new(),
            authenticated: true,
        }
    }

    pub fn get(path: impl Into<String>) -> Self {
        Call::new(Method::GET, path)
    }

    pub fn post(path: impl Into<String>) -> Self {
        Call::new(Method::POST, path)
    }

    pub fn patch(path: impl Into<String>) -> Self {
        Call::new(Method::PATCH, path)
    }

    pub fn put(path: impl Into<String>) -> Self {
        Call::new(Method::PUT, path)
    }

    pub fn delete(path: impl Into<String>) -> Self {
        Call::new(Method::DELETE, path)
    }

    /// Adds a request header, e.g. `Idempotency-Key` on a creating POST.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    /// Adds a query parameter (URL-encoded when sent).
    pub fn query(mut self, key: &str, value: impl ToString) -> Self {
        self.query.push((key.to_owned(), value.to_string()));
        self
    }

    /// Adds a query parameter when `value` is present.
    pub fn query_opt(self, key: &str, value: Option<impl ToString>) -> Self {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }

    /// The filters that are set, by their wire names: one of the domain's
    /// list filters (`RequestFilters`, `UserFilters`), a flat struct of
    /// optional values, which the API reads back from the same query string.
    /// Blank text is left out (a blank search is no search).
    pub fn filters(mut self, filters: &impl Serialize) -> Self {
        if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(filters) {
            for (key, value) in fields {
                self = match value {
                    serde_json::Value::Null => self,
                    serde_json::Value::String(text) if text.trim().is_empty() => self,
                    serde_json::Value::String(text) => self.query(&key, text),
                    scalar => self.query(&key, scalar),
                };
            }
        }
        self
    }

    /// The order and page of a list, after its filters.
    pub fn listing(self, l: &Listing) -> Self {
        self.query_opt("sort", l.sort)
            .page(l.limit, l.cursor.as_deref())
            .query_opt("total", l.total.then_some(true))
    }

    /// `q` when it holds more than spaces: a blank search is no search.
    pub fn search(self, q: Option<&str>) -> Self {
        self.query_opt("q", q.filter(|q| !q.trim().is_empty()))
    }

    /// `limit` and `cursor` of a keyset page, when given.
    pub fn page(self, limit: Option<u64>, cursor: Option<&str>) -> Self {
        self.query_opt("limit", limit).query_opt("cursor", cursor)
    }

    /// Sends `body` as JSON.
    pub fn json<B: Serialize>(mut self, body: &B) -> Self {
        // Our own request types always serialise.
        self.body = serde_json::to_string(body)
            .ok()
            .map(|json| Body::Bytes(json.into_bytes(), "application/json"));
        self
    }

    /// Sends `bytes` as they are (an uploaded file) with `content_type`.
    pub fn file(mut self, bytes: Vec<u8>, content_type: &'static str) -> Self {
        self.body = Some(Body::Bytes(bytes, content_type));
        self
    }

    /// Sends an `Idempotency-Key` made of `nonce` (one per form, see
    /// [`new_nonce`]) and a fingerprint of the body set before: the same for
    /// the same submission, so a doubled or retried creating POST records
    /// once, and new when the form changes.
    pub fn idempotent(self, nonce: &str) -> Self {
        let body: &[u8] = match &self.body {
            Some(Body::Bytes(bytes, _)) => bytes,
            None => &[],
        };
        // FNV-1a: a fingerprint of the body, not a security measure.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in body {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        let key = format!("{nonce}-{h:016x}");
        self.header("Idempotency-Key", key)
    }

    /// Sends `If-Match: "<version>"` (optimistic concurrency).
    pub fn if_match(mut self, version: i32) -> Self {
        self.if_match = Some(version);
        self
    }

    /// Sends no token and never refreshes (sign-in, refresh, sign-out).
    pub fn anonymous(mut self) -> Self {
        self.authenticated = false;
        self
    }

    /// Sends the call and decodes the JSON answer (see [`from_json`]).
    ///
    /// Only the decoding is generic: the request itself is one boxed,
    /// non-generic future shared by every answer type, which keeps the wasm
    /// small (one copy of the HTTP code instead of one per type).
    pub fn fetch<T: DeserializeOwned>(self) -> impl Future<Output = Result<T, ApiError>> {
        self.fetch_with(from_json::<T>)
    }

    /// Like [`Call::fetch`], with serde_json's parser in the wasm: for the
    /// sign-off bundle, which reads one answer type, the parser costs less
    /// than the bridge to the browser's (and the float printing it brings).
    pub fn fetch_serde_json<T: DeserializeOwned>(
        self,
    ) -> impl Future<Output = Result<T, ApiError>> {
        self.fetch_with(|text| serde_json::from_str::<T>(text).map_err(|e| e.to_string()))
    }

    fn fetch_with<T>(
        self,
        read: fn(&str) -> Result<T, String>,
    ) -> impl Future<Output = Result<T, ApiError>> {
        self.fetch_text().map(move |answer| {
            answer.and_then(|(status, text)| read(&text).map_err(|e| unreadable(status, &e)))
        })
    }

    /// Sends the call and returns the answer's status and body text.
    fn fetch_text(self) -> LocalBoxFuture<'static, Result<(u16, String), ApiError>> {
        async move {
            let res = self.execute().await?;
            let status = res.status();
            let text = res.text().await.map_err(|e| unreadable(status, &e))?;
            Ok((status, text))
        }
        .boxed_local()
    }

    /// Sends the call and returns the answer's raw bytes (images).
    pub async fn bytes(self) -> Result<Vec<u8>, ApiError> {
        let res = self.execute().await?;
        res.binary().await.map_err(|e| unreadable(res.status(), &e))
    }

    /// Sends the call and returns the answer's body as text (a CSV template).
    pub async fn text(self) -> Result<String, ApiError> {
        self.fetch_text().await.map(|(_, text)| text)
    }

    /// Sends the call and ignores the answer's body (204 and the like).
    pub async fn send(self) -> Result<(), ApiError> {
        self.execute().await.map(|_| ())
    }

    async fn execute(&self) -> Result<Response, ApiError> {
        if !self.authenticated {
            return into_result(self.once(None).await?).await;
        }
        match SIGNED_IN.with(Cell::get) {
            Some(send) => send(self).await,
            None => Err(ApiError::local(401, "unauthorized", "not signed in".into())),
        }
    }

    /// Sends the call with the session's token, refreshing the session once
    /// when the token is refused.
    async fn execute_signed_in(&self) -> Result<Response, ApiError> {
        let Some(token) = session::current().map(|s| s.access_token) else {
            return Err(ApiError::local(401, "unauthorized", "not signed in".into()));
        };
        let first = self.once(Some(&token)).await?;
        if first.status() != 401 {
            return into_result(first).await;
        }
        // Another request or tab may already have refreshed the token.
        let fresh = match session::current() {
            Some(s) if s.access_token != token => Some(s),
            Some(_) => match refresh_session().await {
                Refresh::Done => session::current(),
                Refresh::Refused => None,
                Refresh::Failed(e) => return Err(e),
            },
            None => None,
        };
        let Some(fresh) = fresh else {
            return into_result(first).await;
        };
        let retried = self.once(Some(&fresh.access_token)).await?;
        if retried.status() == 401 {
            // A brand-new token is refused too: the account is gone or deactivated.
            session::end(EndReason::Expired);
        }
        into_result(retried).await
    }

    async fn once(&self, token: Option<&str>) -> Result<Response, ApiError> {
        let mut b = RequestBuilder::new(&format!("{API_BASE}{}", self.path))
            .method(self.method.clone())
            .header("Accept", "application/json, application/problem+json");
        if !self.query.is_empty() {
            b = b.query(self.query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        if let Some(t) = token {
            b = b.header("Authorization", &format!("Bearer {t}"));
        }
        if let Some(v) = self.if_match {
            b = b.header("If-Match", &format!("\"{v}\""));
        }
        for (name, value) in &self.headers {
            b = b.header(name, value);
        }
        let req = match &self.body {
            Some(Body::Bytes(bytes, content_type)) => b
                .header("Content-Type", content_type)
                .body(js_sys::Uint8Array::from(bytes.as_slice())),
            None => b.build(),
        }
        .map_err(|e| ApiError::network(e.to_string()))?;
        req.send()
            .await
            .map_err(|e| ApiError::network(e.to_string()))
    }
}

/// How an authenticated call is sent: [`Call::execute_signed_in`] once the
/// session provider has called [`enable_sessions`]. Reached only through this
/// pointer, the session code (stored tokens, the refresh, the user record) is
/// left out of a bundle without sign-in (the customer's sign-off page).
type SendSignedIn = for<'a> fn(&'a Call) -> LocalBoxFuture<'a, Result<Response, ApiError>>;

thread_local! {
    static SIGNED_IN: Cell<Option<SendSignedIn>> = const { Cell::new(None) };
}

/// Lets calls carry the session's token (the session provider calls this);
/// until then an authenticated call fails as not signed in.
pub fn enable_sessions() {
    SIGNED_IN.with(|s| s.set(Some(|call| call.execute_signed_in().boxed_local())));
}

/// Reads JSON text as `T`. In the browser, `JSON.parse` reads the text and
/// serde-wasm-bindgen walks the result: serde_json's parser, copied into the
/// wasm for every answer type, was the largest part of serde in the office
/// bundle. Both read the same documents the same way (decimals, dates and
/// ids are strings; unknown fields are skipped); a number the API writes
/// with a fraction but an integral value (`2.0`) reaches a
/// `serde_json::Value` as the integer `2`.
///
/// Only the walk is generic: the parse and the error's text are one copy
/// each, not one per answer type (`inline(never)` keeps them out of the ~30
/// instances).
#[cfg(target_arch = "wasm32")]
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = parse_json(text)?;
    T::deserialize(serde_wasm_bindgen::Deserializer::from(value)).map_err(decode_error)
}

/// `JSON.parse`, its exception as text.
#[cfg(target_arch = "wasm32")]
#[inline(never)]
fn parse_json(text: &str) -> Result<wasm_bindgen::JsValue, String> {
    js_sys::JSON::parse(text).map_err(|e| {
        js_sys::Error::from(e)
            .message()
            .as_string()
            .unwrap_or_default()
    })
}

#[cfg(target_arch = "wasm32")]
#[inline(never)]
fn decode_error(e: serde_wasm_bindgen::Error) -> String {
    e.to_string()
}

/// Reads JSON text as `T` (serde_json outside the browser: unit tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// An answer that came but could not be read or decoded.
fn unreadable(status: u16, e: &dyn std::fmt::Display) -> ApiError {
    ApiError::local(
        status,
        "invalid_response",
        format!("the answer could not be read: {e}"),
    )
}

/// A 2xx answer as is; anything else as its problem document.
async fn into_result(res: Response) -> Result<Response, ApiError> {
    if res.ok() {
        return Ok(res);
    }
    let status = res.status();
    let retry_after_secs = res
        .headers()
        .get("retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok());
    let text = res.text().await.unwrap_or_default();
    // serde_json, which every bundle links anyway (the sign-off page reads
    // its answers with it), rather than the browser bridge the sign-off
    // bundle would otherwise carry for this one type.
    let problem = serde_json::from_str::<Problem>(&text).unwrap_or_else(|_| {
        // Not one of ours (a proxy's error page, say): keep the status.
        Problem::new(status, "http_error", &res.status_text(), None)
    });
    Err(ApiError {
        problem,
        retry_after_secs,
        body: Some(text),
    })
}

/// The body of a call: JSON or a file, with its content type.
#[derive(Debug, Clone)]
enum Body {
    Bytes(Vec<u8>, &'static str),
}

/// The outcome of a token refresh.
#[derive(Debug, Clone, PartialEq)]
pub enum Refresh {
    /// New tokens are stored.
    Done,
    /// The refresh token was refused (or there is no session): signed out.
    Refused,
    /// The server could not be asked (network, 5xx); the session is kept.
    Failed(ApiError),
}

thread_local! {
    static REFRESHING: RefCell<Option<Shared<LocalBoxFuture<'static, Refresh>>>> =
        const { RefCell::new(None) };
}

/// Exchanges the refresh token for new tokens. Concurrent callers share one
/// exchange: the refresh token is single-use, so a second exchange with the same
/// token would be refused and sign the user out.
pub async fn refresh_session() -> Refresh {
    let shared = REFRESHING.with(|r| {
        let mut slot = r.borrow_mut();
        match slot.as_ref() {
            Some(f) => f.clone(),
            None => {
                let f = exchange_refresh_token().boxed_local().shared();
                *slot = Some(f.clone());
                f
            }
        }
    });
    shared.await
}

async fn exchange_refresh_token() -> Refresh {
    let outcome = match session::current() {
        None => Refresh::Refused,
        Some(old) => {
            let answer = Call::post("/auth/refresh")
                .anonymous()
                .json(&RefreshRequest {
                    refresh_token: old.refresh_token.clone(),
                })
                .fetch::<TokenResponse>()
                .await;
            match answer {
                Ok(tokens) => {
                    session::store(Session::from_tokens(tokens));
                    Refresh::Done
                }
                Err(e) if e.status() == 0 || e.status() >= 500 => Refresh::Failed(e),
                Err(_) => match session::current() {
                    // Another tab rotated the token while we asked: use its tokens.
                    Some(now) if now.refresh_token != old.refresh_token => Refresh::Done,
                    Some(_) => {
                        session::end(EndReason::Expired);
                        Refresh::Refused
                    }
                    None => Refresh::Refused,
                },
            }
        }
    };
    REFRESHING.with(|r| r.borrow_mut().take());
    outcome
}

/// A form's own part of its `Idempotency-Key` ([`Call::idempotent`]): the
/// time and a random number, so that two forms never share a key.
pub fn new_nonce() -> String {
    format!(
        "{:x}{:08x}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * f64::from(u32::MAX)) as u32
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::resource::Resource;
    use uuid::Uuid;

    fn query(call: &Call) -> Vec<(&str, &str)> {
        call.query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    #[test]
    fn a_blank_search_is_left_out_and_the_page_follows_the_filters() {
        let call = Call::get("/x")
            .search(Some("  "))
            .query_opt("active", Some(true))
            .page(Some(50), Some("c1"));
        assert_eq!(
            query(&call),
            [("active", "true"), ("limit", "50"), ("cursor", "c1")]
        );
        let call = Call::get("/x").search(Some("张")).page(None, None);
        assert_eq!(query(&call), [("q", "张")]);
    }

    #[test]
    fn the_domain_filters_that_are_set_go_by_their_wire_names_then_the_page() {
        use furrow_domain::service::RequestFilters;
        use furrow_domain::service::{Priority, RequestStatus};
        let filters = RequestFilters {
            status: Some(RequestStatus::New),
            priority: Some(Priority::High),
            contacted: Some(false),
            customer_id: Some(Uuid::from_u128(1)),
            q: Some("  ".into()),
            ..Default::default()
        };
        let listing = Listing {
            sort: Some("newest"),
            limit: Some(50),
            cursor: None,
            total: true,
        };
        let call = Call::get("/service-requests")
            .filters(&filters)
            .listing(&listing);
        let id = Uuid::from_u128(1).to_string();
        let mut sent = query(&call);
        sent.sort();
        assert_eq!(
            sent,
            [
                ("contacted", "false"),
                ("customer_id", id.as_str()),
                ("limit", "50"),
                ("priority", "high"),
                ("sort", "newest"),
                ("status", "new"),
                ("total", "true"),
            ]
        );
        // The API reads the query string back into the same domain type
        // (actix's `web::Query` is serde_urlencoded), the page beside it.
        let wire = serde_urlencoded::to_string(&call.query).unwrap();
        let back: RequestFilters = serde_urlencoded::from_str(&wire).unwrap();
        assert_eq!(back, RequestFilters { q: None, ..filters });
    }

    #[test]
    fn a_resource_command_posts_to_the_item_against_its_version() {
        let id = Uuid::from_u128(1);
        let call = Resource::new("/customers").command(id, "deactivate", 7);
        assert!(matches!(call.method, Method::POST));
        assert_eq!(call.path, format!("/customers/{id}/deactivate"));
        assert_eq!(call.if_match, Some(7));
    }

    #[test]
    fn the_idempotency_key_follows_the_form_and_the_body() {
        let key = |nonce: &str, name: &str| {
            let call = Call::post("/customers")
                .json(&serde_json::json!({"name": name}))
                .idempotent(nonce);
            call.headers[0].clone()
        };
        let (name, first) = key("f1", "农场");
        assert_eq!(name, "Idempotency-Key");
        assert!(first.starts_with("f1-"), "{first}");
        assert_eq!(key("f1", "农场").1, first, "the same submission");
        assert_ne!(key("f1", "另一个农场").1, first, "the form changed");
        assert_ne!(key("f2", "农场").1, first, "another form");
    }

    #[test]
    fn without_a_session_provider_a_signed_in_call_fails_as_unauthorized() {
        // Answered before any request is made: the sign bundle never enables sessions.
        let answer = Call::get("/me").send().now_or_never();
        let err = answer
            .expect("no request is made")
            .expect_err("not signed in");
        assert_eq!((err.status(), err.code()), (401, "unauthorized"));
    }
}
