//! What a store operation can fail with, named for the situation so the API can
//! map each one to its status without inspecting database errors.

use furrow_domain::DomainError;
use furrow_domain::validation::ValidationErrors;
use sea_orm::{DbErr, SqlErr};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record does not exist, or the actor may not see it (no existence leak).
    #[error("not found")]
    NotFound,
    /// The request breaks a field rule.
    #[error(transparent)]
    Validation(#[from] ValidationErrors),
    /// A unique value is taken, or the command clashes with the record's state.
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// The client's `If-Match` version is not the current one.
    #[error("the record was changed by someone else (current version {current})")]
    StaleVersion { current: i32 },
    /// The actor may see the record but not do this to it.
    #[error("{0}")]
    Forbidden(String),
    /// The thing existed but is no longer usable (a used or expired link).
    #[error("{0}")]
    Gone(String),
    /// Too many attempts of this kind: try again after `retry_after_secs`.
    #[error("too many attempts; try again in {retry_after_secs} s")]
    Throttled { retry_after_secs: i64 },
    /// A workflow rule refused the command (`furrow_domain::DomainError`).
    #[error(transparent)]
    Domain(DomainError),
    #[error(transparent)]
    Db(DbErr),
}

impl From<DomainError> for StoreError {
    /// The refusals the store also raises itself keep the store's variant, so
    /// callers match one shape for them.
    fn from(err: DomainError) -> Self {
        match err {
            DomainError::NotFound => StoreError::NotFound,
            DomainError::VersionMismatch { current } => StoreError::StaleVersion { current },
            DomainError::Validation(v) => StoreError::Validation(v),
            other => StoreError::Domain(other),
        }
    }
}

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        // A unique-key clash is a client's conflict, not a server fault.
        // The constraint's name stays in the log, not in the client's answer.
        if let Some(SqlErr::UniqueConstraintViolation(detail)) = err.sql_err() {
            tracing::info!(%detail, "unique key clash answered as 409");
            return StoreError::Conflict {
                code: "duplicate",
                message: "a record with this value already exists".into(),
            };
        }
        StoreError::Db(err)
    }
}

impl StoreError {
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        StoreError::Conflict {
            code,
            message: message.into(),
        }
    }
}

/// Checks a client's expected version against the stored one.
pub fn check_version(expected: Option<i32>, current: i32) -> Result<(), StoreError> {
    match expected {
        Some(v) if v != current => Err(StoreError::StaleVersion { current }),
        _ => Ok(()),
    }
}
