//! The API's one error type. Every failure leaves as RFC 9457
//! `application/problem+json`; a 5xx logs its cause and tells the client nothing
//! more than that it happened.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use furrow_domain::error::{DomainError, Refusal};
use furrow_domain::problem::{FieldError, Problem};
use furrow_domain::validation::ValidationErrors;
use furrow_store::StoreError;
use furrow_store::sessions::AuthError;
use std::fmt;

#[derive(Debug)]
pub enum ApiError {
    BadRequest {
        code: &'static str,
        detail: String,
    },
    Unauthorized(String),
    /// A refused sign-in, with a code the SPA can tell apart.
    SignInRefused {
        code: &'static str,
        detail: String,
    },
    Forbidden(String),
    NotFound(String),
    Conflict {
        code: &'static str,
        detail: String,
    },
    Gone(String),
    PreconditionFailed {
        current: i32,
    },
    /// A write of a versioned record sent no `If-Match` (RFC 6585 §3).
    PreconditionRequired,
    PayloadTooLarge(String),
    UnsupportedMediaType(String),
    Validation(Vec<FieldError>),
    TooManyRequests {
        retry_after_secs: i64,
        detail: String,
    },
    Unavailable(String),
    /// A transient database failure (busy, locked, pool exhausted, serialization
    /// failure, lost connection): the client may retry after a moment.
    TemporarilyUnavailable,
    /// The request body did not arrive within the body timeout.
    RequestTimeout(String),
    /// The path exists but not with this method; `allow` lists the methods it has.
    MethodNotAllowed {
        allow: String,
    },
    /// A workflow rule refused the command; its variant names the code.
    Domain(DomainError),
    Internal(String),
}

/// Seconds a client should wait before retrying after a transient failure.
pub const RETRY_AFTER_SECS: u64 = 1;

impl ApiError {
    pub fn not_found() -> Self {
        ApiError::NotFound("no such resource, or you may not see it".into())
    }

    fn parts(&self) -> (StatusCode, &'static str, &'static str, String) {
        use ApiError::*;
        match self {
            BadRequest { code, detail } => {
                (StatusCode::BAD_REQUEST, code, "Bad request", detail.clone())
            }
            Unauthorized(d) => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Sign-in required",
                d.clone(),
            ),
            SignInRefused { code, detail } => (
                StatusCode::UNAUTHORIZED,
                code,
                "Sign-in refused",
                detail.clone(),
            ),
            Forbidden(d) => (StatusCode::FORBIDDEN, "forbidden", "Not allowed", d.clone()),
            NotFound(d) => (StatusCode::NOT_FOUND, "not_found", "Not found", d.clone()),
            Conflict { code, detail } => (StatusCode::CONFLICT, code, "Conflict", detail.clone()),
            Gone(d) => (StatusCode::GONE, "gone", "Gone", d.clone()),
            PreconditionFailed { current } => (
                StatusCode::PRECONDITION_FAILED,
                "stale_version",
                "Changed by someone else",
                format!("the record is now at version {current}; reload it and try again"),
            ),
            PreconditionRequired => (
                StatusCode::PRECONDITION_REQUIRED,
                "if_match_required",
                "If-Match required",
                "this write changes a versioned record: send the ETag you read as If-Match \
                 (for example \"3\"), so that nobody's change is overwritten unseen"
                    .into(),
            ),
            PayloadTooLarge(d) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "Request body too large",
                d.clone(),
            ),
            UnsupportedMediaType(d) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Unsupported content type",
                d.clone(),
            ),
            Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                "Invalid request",
                "one or more fields are invalid".into(),
            ),
            TooManyRequests { detail, .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                "Too many requests",
                detail.clone(),
            ),
            Unavailable(d) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "Service unavailable",
                d.clone(),
            ),
            TemporarilyUnavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "temporarily_unavailable",
                "Temporarily unavailable",
                format!("the database is busy; retry in {RETRY_AFTER_SECS} s"),
            ),
            RequestTimeout(d) => (
                StatusCode::REQUEST_TIMEOUT,
                "request_timeout",
                "Request timeout",
                d.clone(),
            ),
            MethodNotAllowed { allow } => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "Method not allowed",
                format!("this path answers {allow}"),
            ),
            Domain(e) => domain_parts(e),
            Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "Internal error",
                "something went wrong on our side; it has been logged".into(),
            ),
        }
    }

    /// The problem document of this error.
    pub fn problem(&self) -> Problem {
        let (status, code, title, detail) = self.parts();
        let mut p = Problem::new(status.as_u16(), code, title, Some(detail));
        if let ApiError::Validation(errors) = self {
            p.errors = errors.clone();
        }
        p
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Internal(cause) => write!(f, "internal error: {cause}"),
            other => write!(f, "{}", other.parts().3),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.parts().0
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(cause) = self {
            tracing::error!(error = %cause, "request failed");
        }
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        ));
        match self {
            ApiError::Unauthorized(_) | ApiError::SignInRefused { .. } => {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            ApiError::TooManyRequests {
                retry_after_secs, ..
            } => {
                res.insert_header((header::RETRY_AFTER, retry_after_secs.max(&1).to_string()));
            }
            ApiError::TemporarilyUnavailable => {
                res.insert_header((header::RETRY_AFTER, RETRY_AFTER_SECS.to_string()));
            }
            ApiError::MethodNotAllowed { allow } => {
                res.insert_header((header::ALLOW, allow.clone()));
            }
            // The rest of a body that stopped arriving is not worth waiting for.
            ApiError::RequestTimeout(_) => {
                res.force_close();
            }
            _ => {}
        }
        res.body(serde_json::to_vec(&self.problem()).unwrap_or_default())
    }
}

/// The one mapping of a refused command to its problem: status, code, title
/// and detail. A not-found, stale or invalid refusal answers exactly as the
/// store's own do.
fn domain_parts(e: &DomainError) -> (StatusCode, &'static str, &'static str, String) {
    let (status, title) = match e.refusal() {
        Refusal::NotFound => (StatusCode::NOT_FOUND, "Not found"),
        Refusal::Forbidden => (StatusCode::FORBIDDEN, "Not allowed"),
        Refusal::Stale => (StatusCode::PRECONDITION_FAILED, "Changed by someone else"),
        Refusal::Conflict => (StatusCode::CONFLICT, "Conflict"),
        Refusal::Invalid => (StatusCode::UNPROCESSABLE_ENTITY, "Invalid request"),
        Refusal::Gone => (StatusCode::GONE, "Gone"),
    };
    (status, e.code(), title, e.to_string())
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::NotFound => ApiError::not_found(),
            DomainError::VersionMismatch { current } => ApiError::PreconditionFailed { current },
            DomainError::Validation(v) => ApiError::Validation(v.0),
            other => ApiError::Domain(other),
        }
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(e: ValidationErrors) -> Self {
        ApiError::Validation(e.0)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::not_found(),
            StoreError::Validation(v) => ApiError::Validation(v.0),
            StoreError::Conflict { code, message } => ApiError::Conflict {
                code,
                detail: message,
            },
            StoreError::StaleVersion { current } => ApiError::PreconditionFailed { current },
            StoreError::Forbidden(m) => ApiError::Forbidden(m),
            StoreError::Gone(m) => ApiError::Gone(m),
            StoreError::Domain(d) => d.into(),
            e @ StoreError::Throttled { retry_after_secs } => ApiError::TooManyRequests {
                retry_after_secs,
                detail: e.to_string(),
            },
            e if e.is_transient() => {
                tracing::warn!(error = %e, "transient database failure; answering 503");
                ApiError::TemporarilyUnavailable
            }
            e @ StoreError::Corrupt { .. } => ApiError::Internal(e.to_string()),
            StoreError::Unavailable(db) | StoreError::Db(db) => {
                ApiError::Internal(format!("database: {}", cause_chain(&db)))
            }
        }
    }
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> Self {
        match e {
            AuthError::InvalidCredentials => ApiError::SignInRefused {
                code: "invalid_credentials",
                detail: e.to_string(),
            },
            AuthError::Deactivated => ApiError::SignInRefused {
                code: "account_deactivated",
                detail: e.to_string(),
            },
            AuthError::InvalidRefreshToken => ApiError::SignInRefused {
                code: "invalid_refresh_token",
                detail: e.to_string(),
            },
            AuthError::Throttled { retry_after_secs } => ApiError::TooManyRequests {
                retry_after_secs,
                detail: e.to_string(),
            },
            AuthError::Store(s) => s.into(),
        }
    }
}

/// An error with every cause under it (`a: b: c`), for the log of a 500:
/// the client is told nothing of it.
pub fn cause_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        // Wrappers often repeat their source's message; keep each once.
        if !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}

/// The client error of a body that could not be read: 408 when it stopped
/// arriving in time, `None` for the caller to map otherwise.
pub fn payload_timeout(e: &actix_web::error::PayloadError) -> Option<ApiError> {
    match e {
        actix_web::error::PayloadError::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            Some(ApiError::RequestTimeout(
                "the request body did not arrive in time".into(),
            ))
        }
        _ => None,
    }
}

/// Maps JSON body errors: wrong content type, too large, malformed or unknown fields.
pub fn json_error(
    err: actix_web::error::JsonPayloadError,
    _req: &actix_web::HttpRequest,
) -> actix_web::Error {
    use actix_web::error::JsonPayloadError as J;
    match err {
        J::ContentType => {
            ApiError::UnsupportedMediaType("send the body as application/json".into())
        }
        J::OverflowKnownLength { length, limit } => {
            ApiError::PayloadTooLarge(format!("the body has {length} bytes; the limit is {limit}"))
        }
        J::Overflow { limit } => ApiError::PayloadTooLarge(format!(
            "the body is larger than the limit of {limit} bytes"
        )),
        J::Payload(actix_web::error::PayloadError::Io(e))
            if e.kind() == std::io::ErrorKind::InvalidData =>
        {
            ApiError::BadRequest {
                code: "nul_in_text",
                detail: format!("the JSON body is not valid: {e}"),
            }
        }
        J::Payload(p) => payload_timeout(&p).unwrap_or_else(|| ApiError::BadRequest {
            code: "invalid_body",
            detail: format!("the body could not be read: {p}"),
        }),
        J::Deserialize(e) => ApiError::BadRequest {
            code: "invalid_json",
            detail: format!("the JSON body is not valid: {e}"),
        },
        other => ApiError::BadRequest {
            code: "invalid_body",
            detail: other.to_string(),
        },
    }
    .into()
}

/// Maps query-string errors.
pub fn query_error(
    err: actix_web::error::QueryPayloadError,
    _req: &actix_web::HttpRequest,
) -> actix_web::Error {
    ApiError::BadRequest {
        code: "invalid_query",
        detail: format!("the query parameters are not valid: {err}"),
    }
    .into()
}

/// Maps path errors: a malformed id names nothing that exists, so it is the
/// same 404 as an unknown one (without the parser's words).
pub fn path_error(
    _err: actix_web::error::PathError,
    _req: &actix_web::HttpRequest,
) -> actix_web::Error {
    ApiError::not_found().into()
}

/// The answer to every route that does not exist under `/api`.
pub async fn unknown_route(req: actix_web::HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::NotFound(format!(
        "no endpoint {} {}",
        req.method(),
        req.path()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The store decides which database failures are transient (its own tests
    // cover the kinds); here only that its verdict becomes the right answer.
    #[test]
    fn a_transient_store_failure_is_a_503_with_retry_after_and_others_a_500() {
        use sea_orm::{ConnAcquireErr, DbErr};
        let busy = StoreError::from(DbErr::ConnectionAcquire(ConnAcquireErr::Timeout));
        assert!(busy.is_transient());
        let res = ApiError::from(busy).error_response();
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            res.headers().get(header::RETRY_AFTER).unwrap(),
            &RETRY_AFTER_SECS.to_string()
        );
        let p = ApiError::TemporarilyUnavailable.problem();
        assert_eq!(p.code, "temporarily_unavailable");
        let bug = ApiError::from(StoreError::from(DbErr::Custom("bug".into())));
        assert_eq!(bug.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    /// An error whose message does not repeat its cause, as many wrappers do.
    #[derive(Debug)]
    struct Saving(std::io::Error);

    impl std::fmt::Display for Saving {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("saving the upload failed")
        }
    }

    impl std::error::Error for Saving {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn a_500_logs_every_cause_and_tells_the_client_none() {
        let e = Saving(std::io::Error::other("disk quota exceeded"));
        assert_eq!(
            cause_chain(&e),
            "saving the upload failed: disk quota exceeded"
        );
        let db = sea_orm::DbErr::Custom("constraint trigger raised".into());
        let e = ApiError::from(StoreError::Db(db));
        assert_eq!(e.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(e.to_string().contains("constraint trigger raised"), "{e}");
        let detail = e.problem().detail.unwrap_or_default();
        assert!(!detail.contains("constraint"), "{detail}");
    }

    #[test]
    fn a_stored_document_that_does_not_decode_is_a_500_that_tells_the_client_nothing() {
        let e = ApiError::from(StoreError::corrupt(
            "product model X-1",
            "params",
            "expected a list",
        ));
        assert_eq!(e.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(e.to_string().contains("product model X-1"), "{e}");
        assert!(!e.problem().detail.unwrap_or_default().contains("X-1"));
    }
}
