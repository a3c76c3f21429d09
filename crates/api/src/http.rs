//! Small HTTP conventions shared by handlers: ETags from versions, `If-Match`,
//! `If-None-Match`.

use crate::error::ApiError;
use actix_web::HttpRequest;
use actix_web::http::header;

/// A 200 answer carrying the record's ETag.
pub fn ok_with_etag<T: serde::Serialize>(version: i32, body: &T) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .insert_header((header::ETAG, etag(version)))
        .json(body)
}

/// A 201 answer with the record's ETag and Location.
pub fn created<T: serde::Serialize>(
    version: i32,
    location: String,
    body: &T,
) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Created()
        .insert_header((header::ETAG, etag(version)))
        .insert_header((header::LOCATION, location))
        .json(body)
}

/// The strong ETag of a record version (`"3"`).
pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

fn parse_version(raw: &str) -> Option<i32> {
    raw.trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .parse()
        .ok()
}

/// The version named by `If-Match`, if the client sent one. A malformed value is
/// a client error, not a silent "no check".
pub fn if_match(req: &HttpRequest) -> Result<Option<i32>, ApiError> {
    match req.headers().get(header::IF_MATCH) {
        None => Ok(None),
        Some(v) => {
            let raw = v.to_str().unwrap_or_default();
            if raw.trim() == "*" {
                return Ok(None);
            }
            parse_version(raw)
                .map(Some)
                .ok_or_else(|| ApiError::BadRequest {
                    code: "invalid_if_match",
                    detail: "If-Match must be the ETag of the record, for example \"3\"".into(),
                })
        }
    }
}

/// Whether `If-None-Match` names the current version (answer 304).
pub fn not_modified(req: &HttpRequest, version: i32) -> bool {
    req.headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|raw| {
            raw.split(',')
                .any(|t| t.trim() == "*" || parse_version(t) == Some(version))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn if_match_accepts_strong_and_weak_etags_and_refuses_garbage() {
        let r = TestRequest::default()
            .insert_header((header::IF_MATCH, "\"7\""))
            .to_http_request();
        assert_eq!(if_match(&r).unwrap(), Some(7));
        let r = TestRequest::default()
            .insert_header((header::IF_MATCH, "W/\"8\""))
            .to_http_request();
        assert_eq!(if_match(&r).unwrap(), Some(8));
        let r = TestRequest::default()
            .insert_header((header::IF_MATCH, "banana"))
            .to_http_request();
        assert!(if_match(&r).is_err());
        assert_eq!(
            if_match(&TestRequest::default().to_http_request()).unwrap(),
            None
        );
    }

    #[test]
    fn if_none_match_matches_any_listed_version() {
        let r = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, "\"2\", \"3\""))
            .to_http_request();
        assert!(not_modified(&r, 3));
        assert!(!not_modified(&r, 4));
    }
}
