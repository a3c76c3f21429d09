//! Deprecated operations: the one list that both the OpenAPI document
//! (`deprecated: true` and a sentence in the description) and the answers
//! (`Deprecation`, `Sunset`, `Link: rel="successor-version"`) are made from,
//! so a client sees the same promise in the contract and on the wire.
//!
//! The compatibility promise (`docs/integration/guide.*.md`): within
//! `/api/v1` nothing is removed or renamed unannounced; an operation that
//! will go is listed here first, with a sunset at least 12 months after its
//! deprecation, and keeps answering as before until then.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use chrono::NaiveDate;
use utoipa::openapi::OpenApi as Document;

/// An operation that still answers but will go.
#[derive(Debug, Clone, Copy)]
pub struct Deprecated {
    /// As in the OpenAPI document (`get`, `post`, …).
    pub method: &'static str,
    /// The path as in the OpenAPI document and the route pattern.
    pub path: &'static str,
    /// The day it was deprecated.
    pub since: NaiveDate,
    /// The first day it may be gone (≥ 12 months after `since`).
    pub sunset: NaiveDate,
    /// What to call instead; `{name}` is the same path parameter's value.
    pub successor: &'static str,
    /// Why, for the description.
    pub why: &'static str,
}

const fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("not a date"),
    }
}

/// Every deprecated operation.
pub const DEPRECATED: &[Deprecated] = &[Deprecated {
    method: "get",
    path: "/api/v1/service-requests/{id}/follow-ups",
    since: day(2026, 12, 7),
    sunset: day(2027, 12, 31),
    successor: "/api/v1/follow-ups?service_request_id={id}",
    why: "the follow-up list filtered by request gives the same follow-ups, in pages, \
          with the filters and row actions of the queue",
}];

/// The entry for a matched route, if it is deprecated.
pub fn lookup(method: &str, pattern: &str) -> Option<&'static Deprecated> {
    DEPRECATED
        .iter()
        .find(|d| d.method.eq_ignore_ascii_case(method) && d.path == pattern)
}

impl Deprecated {
    /// `Deprecation` (RFC 9745): `@` and the Unix time it took effect.
    pub fn deprecation_header(&self) -> String {
        format!("@{}", midnight(self.since).timestamp())
    }

    /// `Sunset` (RFC 8594): an HTTP date.
    pub fn sunset_header(&self) -> String {
        midnight(self.sunset)
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string()
    }

    /// The successor with the request's path parameters put in.
    pub fn successor_for(&self, param: impl Fn(&str) -> Option<String>) -> String {
        let mut out = String::new();
        let mut rest = self.successor;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            out.push_str(&rest[..open]);
            let name = &rest[open + 1..open + close];
            out.push_str(&param(name).unwrap_or_default());
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// The sentence the OpenAPI description ends with.
    fn notice(&self) -> String {
        format!(
            "**Deprecated** since {} and answered until {} (the `Sunset` header): use `GET {}` \
             instead ({}). Each answer carries `Deprecation`, `Sunset` and a `Link` to the \
             successor (`rel=\"successor-version\"`).",
            self.since, self.sunset, self.successor, self.why
        )
    }
}

fn midnight(d: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    d.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// Marks the listed operations in the document.
pub fn mark(doc: &mut Document) {
    use utoipa::openapi::Deprecated as Flag;
    for d in DEPRECATED {
        let Some(item) = doc.paths.paths.get_mut(d.path) else {
            continue;
        };
        let op = match d.method {
            "get" => item.get.as_mut(),
            "post" => item.post.as_mut(),
            "put" => item.put.as_mut(),
            "patch" => item.patch.as_mut(),
            "delete" => item.delete.as_mut(),
            _ => None,
        };
        if let Some(op) = op {
            op.deprecated = Some(Flag::True);
            let before = op.description.take().unwrap_or_default();
            let sep = if before.is_empty() { "" } else { "\n\n" };
            op.description = Some(format!("{before}{sep}{}", d.notice()));
        }
    }
}

/// Adds the headers to every answer of a deprecated operation (errors too:
/// a client learns of the sunset whatever it sent).
pub async fn announce(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let mut res = next.call(req).await?.map_into_boxed_body();
    let found = res
        .request()
        .match_pattern()
        .and_then(|p| lookup(res.request().method().as_str(), &p));
    if let Some(d) = found {
        let info = res.request().match_info().clone();
        let link = format!(
            "<{}>; rel=\"successor-version\"",
            d.successor_for(|name| info.get(name).map(str::to_owned))
        );
        for (name, value) in [
            ("deprecation", d.deprecation_header()),
            ("sunset", d.sunset_header()),
            ("link", link),
        ] {
            if let Ok(v) = HeaderValue::from_str(&value) {
                res.headers_mut().insert(HeaderName::from_static(name), v);
            }
        }
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_in_the_rfcs_forms() {
        let d = DEPRECATED[0];
        assert_eq!(d.deprecation_header(), "@1796601600");
        assert_eq!(d.sunset_header(), "Fri, 31 Dec 2027 00:00:00 GMT");
        assert_eq!(
            d.successor_for(|n| (n == "id").then(|| "abc".to_owned())),
            "/api/v1/follow-ups?service_request_id=abc"
        );
    }

    #[test]
    fn every_sunset_is_a_year_or_more_after_its_deprecation() {
        for d in DEPRECATED {
            assert!(
                d.sunset >= d.since + chrono::Months::new(12),
                "{} {}: sunset {} is less than 12 months after {}",
                d.method,
                d.path,
                d.sunset,
                d.since
            );
        }
    }
}
