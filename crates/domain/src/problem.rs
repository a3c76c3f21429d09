//! RFC 9457 problem details: the one error shape of the API, decoded by the SPA.

use serde::{Deserialize, Serialize};

/// An error answered by the API as `application/problem+json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI naming the kind of problem (`about:blank` or `/problems/<code>`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Short, human-readable summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong in this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable snake_case code that clients can match on. A refused workflow
    /// command answers one of `ProblemCode` (`#/components/schemas/ProblemCode`).
    pub code: String,
    /// Field-level validation errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as in the request body (`roles`, `lines[2].quantity`).
    pub field: String,
    /// Stable snake_case code (`required`, `too_short`, `invalid`...).
    pub code: String,
    /// Human-readable message.
    pub message: String,
}

impl Problem {
    /// A problem of a given status and code.
    pub fn new(status: u16, code: &str, title: &str, detail: Option<String>) -> Self {
        Self {
            kind: format!("/problems/{code}"),
            title: title.to_owned(),
            status,
            detail,
            code: code.to_owned(),
            errors: Vec::new(),
        }
    }
}
