//! Fresh databases for tests: a temporary SQLite file, or, when
//! `TEST_DATABASE_URL` names a PostgreSQL server, a new database on it.
//! Fixture builders make the records a test needs through the store's own
//! functions. Only for the store's and the API's tests (the `testing` feature).

mod fixtures;

pub use fixtures::{
    CustomerBuilder, DealerBuilder, EngineerBuilder, FIXTURE_PASSWORD, Fixture, MachineBuilder,
    ModelBuilder, UserBuilder,
};

use crate::Store;
use crate::db::replace_db_name;
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ConnectionTrait, Database, Statement, Value};
use std::path::PathBuf;
use std::sync::Once;
use std::time::{SystemTime, UNIX_EPOCH};
use uuid::Uuid;

/// Prefix of the databases tests create on PostgreSQL.
const PG_PREFIX: &str = "furrow_t_";

/// A database made for one test.
#[derive(Debug, Clone)]
pub struct TestDatabase {
    /// URL to connect to it.
    pub url: String,
    /// Temporary folder (SQLite file, data dir) removed by the OS's tmp cleaning.
    pub dir: PathBuf,
}

/// Whether tests run on PostgreSQL in this process.
pub fn on_postgres() -> bool {
    std::env::var("TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty())
}

/// Creates an empty database for a test.
pub async fn fresh_database() -> TestDatabase {
    let dir = std::env::temp_dir().join(format!("furrow-test-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    match std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        None => TestDatabase {
            url: format!("sqlite://{}?mode=rwc", dir.join("furrow.db").display()),
            dir,
        },
        Some(server) => {
            let admin = Database::connect(&server)
                .await
                .expect("connect to TEST_DATABASE_URL");
            drop_stale(&admin).await;
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_secs();
            let name = format!(
                "{PG_PREFIX}{now}_{}",
                Uuid::now_v7().simple().to_string().get(20..).unwrap_or("x")
            );
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create test database");
            admin.close().await.ok();
            TestDatabase {
                url: replace_db_name(&server, &name),
                dir,
            }
        }
    }
}

/// A migrated store on a fresh database.
pub async fn fresh_store() -> Store {
    let db = fresh_database().await;
    let store = Store::connect(&db.url).await.expect("open test database");
    store.migrate().await.expect("migrate test database");
    store
}

/// Drops test databases older than two hours, once per process, so the
/// shared server does not fill up with leftovers of earlier runs.
async fn drop_stale(admin: &sea_orm::DatabaseConnection) {
    static ONCE: Once = Once::new();
    let mut first = false;
    ONCE.call_once(|| first = true);
    if !first {
        return;
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let rows = admin
        .query_all(Statement::from_string(
            admin.get_database_backend(),
            format!("SELECT datname FROM pg_database WHERE datname LIKE '{PG_PREFIX}%'"),
        ))
        .await
        .unwrap_or_default();
    for row in rows {
        let Ok(name) = row.try_get::<String>("", "datname") else {
            continue;
        };
        let created: u64 = name
            .trim_start_matches(PG_PREFIX)
            .split('_')
            .next()
            .and_then(|t| t.parse().ok())
            .unwrap_or(0);
        if now.saturating_sub(created) > 2 * 3600 {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
        }
    }
}

/// How many rows of `table` there are, or, with `filter`, how many have the
/// column equal to the value: what a test counts to prove what was written.
pub async fn count(store: &Store, table: &str, filter: Option<(&str, Value)>) -> u64 {
    let mut q = Query::select();
    q.expr(Expr::cust("count(*)")).from(Alias::new(table));
    if let Some((column, value)) = filter {
        q.and_where(Expr::col(Alias::new(column)).eq(value));
    }
    let conn = store.conn();
    let row = conn
        .query_one(conn.get_database_backend().build(&q))
        .await
        .expect("count rows")
        .expect("a count row");
    let n: i64 = row.try_get_by_index(0).expect("a count");
    u64::try_from(n).expect("a count is not negative")
}

/// Overwrites one column of one row, past every rule of the store: for tests
/// that need a state the store would never write (a corrupt document, a
/// record changed behind a remembered answer).
pub async fn set_column(store: &Store, table: &str, id: uuid::Uuid, column: &str, value: Value) {
    let mut q = Query::update();
    q.table(Alias::new(table))
        .value(Alias::new(column), value)
        .and_where(Expr::col(Alias::new("id")).eq(id));
    let conn = store.conn();
    let done = conn
        .execute(conn.get_database_backend().build(&q))
        .await
        .expect("update the row");
    assert_eq!(done.rows_affected(), 1, "no {table} row {id}");
}
