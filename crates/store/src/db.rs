//! Opening the database with the durability Furrow promises, and write
//! transactions that do not trip over each other on SQLite.

use crate::clock::Clock;
use crate::ttl_cache::TtlCache;
use crate::users::Principal;
use furrow_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::pool::PoolOptions;
use sea_orm::sqlx::postgres::PgConnectOptions;
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::sqlx::{ConnectOptions as _, Connection as _};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, SqlxPostgresConnector,
    SqlxSqliteConnector, TransactionTrait,
};
use std::ops::Deref;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

/// Which database engine is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The database handle shared by every request.
#[derive(Clone)]
pub struct Store {
    db: DatabaseConnection,
    backend: Backend,
    /// SQLite's one writer (PostgreSQL needs none: every write transaction
    /// takes a pooled connection). SQLite has one writer at a time, so Furrow
    /// writes through one connection of its own, queued on a lock taken
    /// before `BEGIN`:
    /// - queued in the process, a deferred transaction cannot fail with
    ///   SQLITE_BUSY when it upgrades to a write;
    /// - in WAL mode a connection drops its whole page cache when it sees that
    ///   another connection has written since its last transaction. Writing
    ///   from every pooled connection in turn dropped the writer's cache on
    ///   each write, so each intake read its index pages again; the one writer
    ///   never sees another's write and keeps its pages (at 1,000,000 requests
    ///   an intake's reads from the file system fell from 83 to 30, by strace).
    ///
    /// Each write transaction commits on its own: a transaction shared
    /// between requests let one client's reset connection fail the others'.
    sqlite_writer: Option<SqliteWriter>,
    /// Signed-in users (`None`: gone or deactivated), remembered for a
    /// moment (see [`TtlCache`]).
    actors: TtlCache<uuid::Uuid, Option<Principal>>,
    /// Sign-in sessions (refresh-token families) and the user each belongs
    /// to while live, remembered for a moment (see `sessions::principal`).
    sessions: TtlCache<uuid::Uuid, Option<uuid::Uuid>>,
    /// API clients behind client tokens (`None`: gone or revoked),
    /// remembered for a moment (see `api_clients::principal`).
    clients: TtlCache<uuid::Uuid, Option<crate::api_clients::ClientPrincipal>>,
    /// Where commands read the time (see [`Clock`]).
    clock: Clock,
    /// Settings documents and their versions by key, remembered for a
    /// moment (see `settings::cached`).
    settings: TtlCache<&'static str, crate::settings::CachedSetting>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend)
            .finish()
    }
}

/// How to open the database.
#[derive(Debug, Clone)]
pub struct ConnectSettings {
    /// Connections in the pool.
    pub max_connections: u32,
    /// SQLite only: `synchronous=FULL` (the default) makes every acknowledged
    /// commit survive a power cut; `NORMAL` risks the last commits.
    pub sqlite_synchronous_full: bool,
    /// A pooled connection idle at least this long is pinged before use (see
    /// [`pool_options`]).
    pub ping_idle_after: Duration,
}

impl Default for ConnectSettings {
    fn default() -> Self {
        Self {
            max_connections: 8,
            sqlite_synchronous_full: true,
            ping_idle_after: Duration::from_secs(30),
        }
    }
}

/// Pool settings shared by both engines.
///
/// sqlx pings every connection on every acquire by default: on PostgreSQL a
/// network round trip, on SQLite a hand-off to the connection's worker thread
/// and back, before each statement outside a transaction (without it, `cargo
/// xtask bench --quick` in one build: reads by id 8-18% and intakes 7-22%
/// faster). Only a connection idle for
/// `ping_idle_after` is pinged; a failed ping drops it and the pool hands out
/// (or opens) another, as the default would. The cost: a connection used moments
/// before the database restarted fails its next statement once.
fn pool_options<DB: sea_orm::sqlx::Database>(
    max_connections: u32,
    ping_idle_after: Duration,
) -> PoolOptions<DB> {
    PoolOptions::new()
        .max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .test_before_acquire(false)
        .before_acquire(move |conn: &mut DB::Connection, meta| {
            Box::pin(async move {
                if meta.idle_for >= ping_idle_after {
                    conn.ping().await?;
                }
                Ok(true)
            })
        })
}

fn conn_err(e: sea_orm::sqlx::Error) -> DbErr {
    DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e))
}

impl Store {
    /// Opens `url` (`sqlite://...` or `postgres://...`) with default settings.
    pub async fn connect(url: &str) -> Result<Self, DbErr> {
        Self::connect_with(url, &ConnectSettings::default()).await
    }

    /// Opens `url` with explicit settings.
    pub async fn connect_with(url: &str, settings: &ConnectSettings) -> Result<Self, DbErr> {
        if url.starts_with("sqlite:") {
            crate::sqlite_process::disable_memory_statistics();
            let in_memory = url.contains(":memory:") || url.contains("mode=memory");
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(|e| DbErr::Custom(format!("bad SQLite URL: {e}")))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(if settings.sqlite_synchronous_full {
                    SqliteSynchronous::Full
                } else {
                    SqliteSynchronous::Normal
                })
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // As on PostgreSQL (`sqlx_logging(false)`): the request log has the timings.
                .disable_statement_logging();
            // Each in-memory connection would be its own empty database.
            let max = if in_memory {
                1
            } else {
                settings.max_connections
            };
            let pool = pool_options(max, settings.ping_idle_after)
                .connect_with(opts.clone())
                .await
                .map_err(conn_err)?;
            let db = SqlxSqliteConnector::from_sqlx_sqlite_pool(pool);
            // Another in-memory connection would be another database.
            let writer = if in_memory {
                db.clone()
            } else {
                SqlxSqliteConnector::from_sqlx_sqlite_pool(
                    pool_options(1, settings.ping_idle_after)
                        .connect_with(opts)
                        .await
                        .map_err(conn_err)?,
                )
            };
            Ok(Self {
                db,
                backend: Backend::Sqlite,
                sqlite_writer: Some(SqliteWriter {
                    db: writer,
                    turn: Arc::default(),
                }),
                actors: TtlCache::default(),
                sessions: TtlCache::default(),
                clients: TtlCache::default(),
                clock: Clock::default(),
                settings: TtlCache::default(),
            })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let opts = PgConnectOptions::from_str(url)
                .map_err(|e| DbErr::Custom(format!("bad PostgreSQL URL: {e}")))?
                // The request log has the timings.
                .disable_statement_logging();
            let pool = pool_options(settings.max_connections.max(2), settings.ping_idle_after)
                .connect_with(opts)
                .await
                .map_err(conn_err)?;
            Ok(Self {
                db: SqlxPostgresConnector::from_sqlx_postgres_pool(pool),
                backend: Backend::Postgres,
                sqlite_writer: None,
                actors: TtlCache::default(),
                sessions: TtlCache::default(),
                clients: TtlCache::default(),
                clock: Clock::default(),
                settings: TtlCache::default(),
            })
        } else {
            Err(DbErr::Custom(format!(
                "unsupported database URL (use sqlite:// or postgres://): {}",
                redact(url)
            )))
        }
    }

    /// The signed-in users this process remembers; writes to a user forget them.
    pub(crate) fn actors(&self) -> &TtlCache<uuid::Uuid, Option<Principal>> {
        &self.actors
    }

    /// The API clients this process remembers; rotating or revoking one
    /// forgets it.
    pub(crate) fn clients(
        &self,
    ) -> &TtlCache<uuid::Uuid, Option<crate::api_clients::ClientPrincipal>> {
        &self.clients
    }

    /// The sessions this process remembers; ending one forgets it.
    pub(crate) fn sessions(&self) -> &TtlCache<uuid::Uuid, Option<uuid::Uuid>> {
        &self.sessions
    }

    /// The settings documents this process remembers; saving one forgets it.
    pub(crate) fn settings_cache(&self) -> &TtlCache<&'static str, crate::settings::CachedSetting> {
        &self.settings
    }

    /// Brings the schema up to date.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        Migrator::up(&self.db, None).await
    }

    /// Applied and pending migrations, for `furrow migrate --status`.
    pub async fn migration_status(&self) -> Result<(Vec<String>, Vec<String>), DbErr> {
        let applied = Migrator::get_applied_migrations(&self.db)
            .await?
            .into_iter()
            .map(|m| m.name().to_owned())
            .collect();
        let pending = Migrator::get_pending_migrations(&self.db)
            .await?
            .into_iter()
            .map(|m| m.name().to_owned())
            .collect();
        Ok((applied, pending))
    }

    /// The current time of the store's clock, at the precision both
    /// databases store: what commands record as "now".
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// The store with `clock` as its time source (the demo loader's manual clock).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The connection for reads.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Answers when the database does (for `/readyz`).
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.db.ping().await
    }

    /// Starts a write transaction. Commit it; dropping it rolls back (a
    /// request cut off by its client ends its own transaction and no other).
    /// On SQLite it waits its turn for the one writer connection.
    pub async fn begin_write(&self) -> Result<WriteTx, DbErr> {
        let Some(w) = &self.sqlite_writer else {
            let txn = self.db.begin().await?;
            return Ok(WriteTx { txn, _turn: None });
        };
        let turn = w.turn.clone().lock_owned().await;
        let txn = w.db.begin().await?;
        Ok(WriteTx {
            txn,
            _turn: Some(turn),
        })
    }

    /// Runs raw SQL (bench and test setup only).
    pub async fn execute_unprepared(&self, sql: &str) -> Result<(), DbErr> {
        self.db.execute_unprepared(sql).await.map(|_| ())
    }
}

/// SQLite's one write connection and the turn writers wait for.
#[derive(Clone)]
struct SqliteWriter {
    db: DatabaseConnection,
    turn: Arc<Mutex<()>>,
}

/// An open write transaction: its statements go through `&*tx`. Field order
/// matters: the transaction ends (commits, or rolls back when dropped) before
/// the writer's turn passes on.
pub struct WriteTx {
    txn: DatabaseTransaction,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    /// Commits; returns once the commit is durable.
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }
}

impl Deref for WriteTx {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

/// The record of `E` with the primary key `id`; `NotFound` when there is none.
pub(crate) async fn by_id<E>(
    conn: &impl ConnectionTrait,
    id: uuid::Uuid,
) -> Result<E::Model, crate::error::StoreError>
where
    E: sea_orm::EntityTrait,
    <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<uuid::Uuid>,
{
    E::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(crate::error::StoreError::NotFound)
}

/// The current time at the microsecond precision both databases store, so a
/// value read back equals the value written (keyset cursors depend on it).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    let t = chrono::Utc::now();
    chrono::DateTime::from_timestamp_micros(t.timestamp_micros()).unwrap_or(t)
}

/// Hides the password of a database URL for logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The same server URL with another database name (keeps options): the
/// tests and the bench make their scratch databases on the same server.
pub fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map(|(b, q)| (b, Some(q)))
        .unwrap_or((url, None));
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{name}?{q}"),
        None => format!("{host_part}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{redact, replace_db_name};

    #[test]
    fn redact_hides_only_the_password() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(
            redact("sqlite://furrow.db?mode=rwc"),
            "sqlite://furrow.db?mode=rwc"
        );
    }

    #[test]
    fn database_name_is_replaced_keeping_host_and_options() {
        assert_eq!(
            replace_db_name("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            replace_db_name("postgres://u@h/test?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
        assert_eq!(replace_db_name("postgres://u@h", "x"), "postgres://u@h/x");
    }
}
