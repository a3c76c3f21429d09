//! What a store operation can fail with, named for the situation so the API can
//! map each one to its status without inspecting database errors.

use furrow_domain::DomainError;
use furrow_domain::validation::ValidationErrors;
use sea_orm::{DbErr, RuntimeErr, SqlErr};

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
    /// A stored document of the named record does not decode: the row was
    /// written by another version or changed by hand, and guessing a value
    /// for it would pass that off as the truth.
    #[error("the stored {what} of {record} does not decode: {detail}")]
    Corrupt {
        record: String,
        what: &'static str,
        detail: String,
    },
    /// A database failure a retry may get past (busy, locked, no pooled
    /// connection in time, serialization failure, lost connection).
    #[error(transparent)]
    Unavailable(DbErr),
    /// Any other database failure: a fault on the server's side.
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
        if is_transient(&err) {
            return StoreError::Unavailable(err);
        }
        StoreError::Db(err)
    }
}

impl StoreError {
    /// Whether the failure is one a retry after a moment may get past.
    pub fn is_transient(&self) -> bool {
        match self {
            StoreError::Unavailable(_) => true,
            StoreError::Db(e) => is_transient(e),
            _ => false,
        }
    }

    /// A stored document of `record` (e.g. "product model 0190…") that does
    /// not decode.
    pub fn corrupt(record: impl Into<String>, what: &'static str, err: impl ToString) -> Self {
        StoreError::Corrupt {
            record: record.into(),
            what,
            detail: err.to_string(),
        }
    }

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

/// Whether a database failure is one a retry may get past: SQLite busy or
/// locked, no pool connection in time, a PostgreSQL serialization failure or
/// deadlock, or a lost or refused connection.
fn is_transient(e: &DbErr) -> bool {
    match e {
        DbErr::ConnectionAcquire(_) => true,
        DbErr::Conn(RuntimeErr::SqlxError(e))
        | DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e)) => sqlx_transient(e),
        _ => false,
    }
}

fn sqlx_transient(e: &sea_orm::sqlx::Error) -> bool {
    use sea_orm::sqlx::Error as E;
    match e {
        E::PoolTimedOut | E::PoolClosed | E::Io(_) | E::WorkerCrashed => true,
        E::Database(db) => {
            let code = db.code().unwrap_or_default();
            if db
                .try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>()
                .is_some()
            {
                // Extended result codes keep the primary code in the low byte:
                // SQLITE_BUSY (5) and SQLITE_LOCKED (6) with all their variants.
                code.parse::<i32>().is_ok_and(|c| matches!(c & 0xff, 5 | 6))
            } else {
                pg_transient(&code)
            }
        }
        _ => false,
    }
}

/// PostgreSQL SQLSTATEs worth a retry: serialization failure, deadlock, lock
/// not available, connection exceptions (class 08), too many connections,
/// and the server shutting down or starting up.
fn pg_transient(sqlstate: &str) -> bool {
    matches!(
        sqlstate,
        "40001" | "40P01" | "55P03" | "53300" | "57P01" | "57P02" | "57P03"
    ) || sqlstate.starts_with("08")
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::sqlx::error::{DatabaseError, ErrorKind};
    use sea_orm::{ConnAcquireErr, DbErr, RuntimeErr};
    use std::borrow::Cow;
    use std::fmt;

    fn assert_retryable(e: DbErr) {
        let text = e.to_string();
        let err = StoreError::from(e);
        assert!(
            matches!(err, StoreError::Unavailable(_)) && err.is_transient(),
            "{text} should be retryable, is {err:?}"
        );
    }

    /// A PostgreSQL-like error with a SQLSTATE, as the driver reports it.
    #[derive(Debug)]
    struct Sqlstate(&'static str);

    impl fmt::Display for Sqlstate {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "sqlstate {}", self.0)
        }
    }

    impl std::error::Error for Sqlstate {}

    impl DatabaseError for Sqlstate {
        fn message(&self) -> &str {
            "test"
        }
        fn code(&self) -> Option<Cow<'_, str>> {
            Some(self.0.into())
        }
        fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
            self
        }
        fn kind(&self) -> ErrorKind {
            ErrorKind::Other
        }
    }

    fn pg(code: &'static str) -> DbErr {
        DbErr::Exec(RuntimeErr::SqlxError(sea_orm::sqlx::Error::Database(
            Box::new(Sqlstate(code)),
        )))
    }

    #[test]
    fn transient_failures_are_unavailable_and_others_are_faults() {
        assert_retryable(DbErr::ConnectionAcquire(ConnAcquireErr::Timeout));
        assert_retryable(DbErr::Conn(RuntimeErr::SqlxError(
            sea_orm::sqlx::Error::Io(std::io::ErrorKind::ConnectionReset.into()),
        )));
        for code in ["40001", "40P01", "08006", "57P01", "53300"] {
            assert_retryable(pg(code));
        }
        for code in ["23505", "42P01", "22001"] {
            let err = StoreError::from(pg(code));
            assert!(
                matches!(err, StoreError::Db(_)) && !err.is_transient(),
                "{code}: {err:?}"
            );
        }
        let custom = StoreError::from(DbErr::Custom("bug".into()));
        assert!(matches!(custom, StoreError::Db(_)) && !custom.is_transient());
    }

    #[tokio::test]
    async fn a_busy_sqlite_database_is_unavailable() {
        use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
        use sea_orm::sqlx::{Connection, Executor};
        let dir = std::env::temp_dir().join(format!("furrow-busy-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        let opts = SqliteConnectOptions::new()
            .filename(dir.join("busy.db"))
            .create_if_missing(true)
            .busy_timeout(std::time::Duration::ZERO);
        let mut holder = SqliteConnection::connect_with(&opts).await.unwrap();
        let mut writer = SqliteConnection::connect_with(&opts).await.unwrap();
        holder.execute("CREATE TABLE t (x INTEGER)").await.unwrap();
        holder.execute("BEGIN EXCLUSIVE").await.unwrap();
        let err = writer
            .execute("INSERT INTO t VALUES (1)")
            .await
            .unwrap_err();
        assert_retryable(DbErr::Exec(RuntimeErr::SqlxError(err)));
        holder.execute("ROLLBACK").await.unwrap();
        drop((holder, writer));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
