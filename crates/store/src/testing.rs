//! Fresh databases for tests: a temporary SQLite file, or, when
//! `TEST_DATABASE_URL` names a PostgreSQL server, a new database on it.
//! Used by the store's and the API's test suites and by the bench.

use crate::Store;
use sea_orm::{ConnectionTrait, Database, Statement};
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

/// The same server URL with another database name (keeps options); public
/// for xtask, which makes its scratch databases on the same server.
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

#[cfg(test)]
mod tests {
    use super::replace_db_name;

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
