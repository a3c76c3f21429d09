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

/// The version an `If-Match` carries when its entity tag is well formed but is
/// none of this API's: it never matches, so the write answers 412 (RFC 9110
/// §13.1.1), as a stale version does.
pub const NO_SUCH_VERSION: i32 = -1;

/// The opaque parts of a list of entity tags (`"3"`, `W/"3"`, `"a", "b"`), or
/// `None` when the list is not well formed.
fn entity_tags(raw: &str) -> Option<Vec<&str>> {
    let mut tags = Vec::new();
    let mut rest = raw.trim();
    while !rest.is_empty() {
        rest = rest.strip_prefix("W/").unwrap_or(rest);
        let inner = rest.strip_prefix('"')?;
        let end = inner.find('"')?;
        let opaque = &inner[..end];
        // etagc: %x21 / %x23-7E / obs-text
        if opaque.bytes().any(|b| b == b'"' || b <= 0x20 || b == 0x7f) {
            return None;
        }
        tags.push(opaque);
        rest = inner[end + 1..].trim_start();
        if let Some(after) = rest.strip_prefix(',') {
            rest = after.trim_start();
            if rest.is_empty() {
                return None;
            }
        } else if !rest.is_empty() {
            return None;
        }
    }
    (!tags.is_empty()).then_some(tags)
}

/// The version named by `If-Match`, which every write of a versioned record
/// must send: without it the write answers 428 (RFC 6585 §3) and changes
/// nothing, so a client that never read the record cannot overwrite another's
/// change unseen. `*` (any current version) is the one explicit opt-out and
/// gives `None`. A well-formed entity tag that is not one of ours gives
/// [`NO_SUCH_VERSION`] (a 412 from the write); a malformed value is a client
/// error (400), not a silent "no check".
pub fn if_match(req: &HttpRequest) -> Result<Option<i32>, ApiError> {
    let Some(v) = req.headers().get(header::IF_MATCH) else {
        return Err(ApiError::PreconditionRequired);
    };
    let raw = v.to_str().unwrap_or_default();
    if raw.trim() == "*" {
        return Ok(None);
    }
    let malformed = || ApiError::BadRequest {
        code: "invalid_if_match",
        detail: "If-Match must be the ETag of the record, for example \"3\"".into(),
    };
    let tags = entity_tags(raw).ok_or_else(malformed)?;
    let mut versions: Vec<i32> = tags
        .iter()
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|t| t.parse().ok())
        .collect();
    versions.sort_unstable();
    versions.dedup();
    match versions.as_slice() {
        [] => Ok(Some(NO_SUCH_VERSION)),
        [one] => Ok(Some(*one)),
        _ => Err(ApiError::BadRequest {
            code: "invalid_if_match",
            detail: "If-Match must name one version of the record".into(),
        }),
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

/// Whether `If-None-Match` names the opaque entity tag `tag` (or `*`), for
/// answers whose ETag is not a record version (a list page's).
pub fn none_match_names(req: &HttpRequest, tag: &str) -> bool {
    req.headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|raw| {
            raw.trim() == "*" || entity_tags(raw).is_some_and(|tags| tags.contains(&tag))
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
        for malformed in ["\"3", "3\"", "\"3\",", "\"a b\"", "\"1\" \"2\""] {
            let r = TestRequest::default()
                .insert_header((header::IF_MATCH, malformed))
                .to_http_request();
            assert!(if_match(&r).is_err(), "{malformed}");
        }
        let missing = if_match(&TestRequest::default().to_http_request()).unwrap_err();
        assert_eq!(missing.problem().status, 428);
        assert_eq!(missing.problem().code, "if_match_required");
        let any = TestRequest::default()
            .insert_header((header::IF_MATCH, "*"))
            .to_http_request();
        assert_eq!(if_match(&any).unwrap(), None);
    }

    #[test]
    fn a_well_formed_tag_that_is_not_ours_never_matches() {
        for other in ["\"abc\"", "\"-4\"", "\"99999999999\"", "\"\""] {
            let r = TestRequest::default()
                .insert_header((header::IF_MATCH, other))
                .to_http_request();
            assert_eq!(if_match(&r).unwrap(), Some(NO_SUCH_VERSION), "{other}");
        }
        let r = TestRequest::default()
            .insert_header((header::IF_MATCH, "\"x\", \"5\""))
            .to_http_request();
        assert_eq!(if_match(&r).unwrap(), Some(5));
    }

    #[test]
    fn if_none_match_matches_any_listed_version() {
        let r = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, "\"2\", \"3\""))
            .to_http_request();
        assert!(not_modified(&r, 3));
        assert!(!not_modified(&r, 4));
    }

    #[test]
    fn if_none_match_names_an_opaque_tag_weak_or_strong() {
        let r = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, "\"a1\", W/\"b2\""))
            .to_http_request();
        assert!(none_match_names(&r, "a1"));
        assert!(none_match_names(&r, "b2"));
        assert!(!none_match_names(&r, "c3"));
        assert!(!none_match_names(
            &TestRequest::default().to_http_request(),
            "a1"
        ));
    }
}
