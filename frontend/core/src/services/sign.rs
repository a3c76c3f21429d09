//! The customer's sign-off without sign-in: the one-time token in the link is
//! the credential, so these calls send no session token. Answers are read
//! with serde_json ([`Call::fetch_serde_json`]): the sign-off bundle reads
//! one answer type, for which the browser bridge would weigh more.

use crate::services::requests::{ApiError, Call};
use furrow_domain::service::{RefuseSignatureRequest, SignRequest, SignSummary};

fn path(token: &str, tail: &str) -> String {
    // Tokens are URL-safe; anything else cannot be a token of ours.
    let safe: String = token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    format!("/sign/{safe}{tail}")
}

/// `GET /sign/{token}`: what the customer is asked to sign (410 when used or expired).
pub async fn summary(token: &str) -> Result<SignSummary, ApiError> {
    Call::get(path(token, ""))
        .anonymous()
        .fetch_serde_json()
        .await
}

/// `POST /sign/{token}`: signs with the name and the drawn PNG.
pub async fn sign(token: &str, req: &SignRequest) -> Result<SignSummary, ApiError> {
    Call::post(path(token, ""))
        .anonymous()
        .json(req)
        .fetch_serde_json()
        .await
}

/// `POST /sign/{token}/refuse` with the reason.
pub async fn refuse(token: &str, req: &RefuseSignatureRequest) -> Result<(), ApiError> {
    Call::post(path(token, "/refuse"))
        .anonymous()
        .json(req)
        .send()
        .await
}
