//! The API's one error type. Every failure leaves as RFC 9457
//! `application/problem+json`; a 5xx logs its cause and tells the client nothing
//! more than that it happened.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use furrow_domain::problem::{FieldError, Problem};
use furrow_domain::validation::ValidationErrors;
use furrow_store::StoreError;
use furrow_store::sea_orm as sea_orm_err;
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
    PayloadTooLarge(String),
    UnsupportedMediaType(String),
    Validation(Vec<FieldError>),
    TooManyRequests {
        retry_after_secs: i64,
        detail: String,
    },
    Unavailable(String),
    Internal(String),
}

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
            _ => {}
        }
        res.body(serde_json::to_vec(&self.problem()).unwrap_or_default())
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
            StoreError::Db(db) => ApiError::Internal(format!("database: {db}")),
        }
    }
}

impl From<sea_orm_err::DbErr> for ApiError {
    fn from(e: sea_orm_err::DbErr) -> Self {
        StoreError::from(e).into()
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

/// Maps path errors (a malformed id names nothing that exists).
pub fn path_error(
    err: actix_web::error::PathError,
    _req: &actix_web::HttpRequest,
) -> actix_web::Error {
    ApiError::NotFound(format!("no such resource ({err})")).into()
}

/// The answer to every route that does not exist under `/api`.
pub async fn unknown_route(req: actix_web::HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::NotFound(format!(
        "no endpoint {} {}",
        req.method(),
        req.path()
    )))
}
