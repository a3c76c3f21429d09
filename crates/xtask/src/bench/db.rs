//! The bench's own database: a temporary SQLite file, or a new database on the
//! PostgreSQL server of TEST_DATABASE_URL, dropped afterwards unless kept.

use anyhow::Context;
use furrow_store::sea_orm::{ConnectionTrait, Database};
use std::path::PathBuf;

/// The engine of one bench run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }
}

/// A database made for one bench run.
pub struct BenchDb {
    pub url: String,
    /// Scratch folder: the SQLite file, the server's data dir and log.
    pub dir: PathBuf,
    /// PostgreSQL: the server URL and database name, to drop it at the end.
    pg_admin: Option<(String, String)>,
}

/// Prefix of the databases the bench creates on PostgreSQL.
const PG_PREFIX: &str = "furrow_bench_";

impl BenchDb {
    pub async fn create(engine: Engine) -> anyhow::Result<Self> {
        let stamp = chrono::Utc::now().format("%Y%m%d_%H%M%S").to_string();
        let dir = std::env::temp_dir().join(format!(
            "furrow-bench-{}-{stamp}-{}",
            engine.name(),
            std::process::id()
        ));
        std::fs::create_dir_all(dir.join("data"))
            .with_context(|| format!("Failed to create {}", dir.display()))?;
        match engine {
            Engine::Sqlite => Ok(Self {
                url: format!("sqlite://{}?mode=rwc", dir.join("furrow.db").display()),
                dir,
                pg_admin: None,
            }),
            Engine::Postgres => {
                let server = pg_server().context("TEST_DATABASE_URL is not set")?;
                let name = format!("{PG_PREFIX}{stamp}_{}", std::process::id());
                let admin = Database::connect(&server).await.with_context(|| {
                    format!(
                        "Failed to connect to TEST_DATABASE_URL ({})",
                        furrow_store::db::redact(&server)
                    )
                })?;
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .with_context(|| format!("Failed to create database {name}"))?;
                admin.close().await.ok();
                Ok(Self {
                    url: replace_db_name(&server, &name),
                    dir,
                    pg_admin: Some((server, name)),
                })
            }
        }
    }

    /// Removes the database and the scratch folder.
    pub async fn drop_all(self) {
        if let Some((server, name)) = &self.pg_admin
            && let Ok(admin) = Database::connect(server).await
        {
            if let Err(e) = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
            {
                eprintln!("warning: could not drop database {name}: {e}");
            }
            admin.close().await.ok();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    /// Where it is, for `--keep`.
    pub fn describe(&self) -> String {
        format!(
            "{} (scratch folder {})",
            furrow_store::db::redact(&self.url),
            self.dir.display()
        )
    }
}

/// The PostgreSQL server named by TEST_DATABASE_URL, if any.
pub fn pg_server() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// The same server URL with another database name (keeps options).
fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
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
    use super::replace_db_name;

    #[test]
    fn the_database_name_is_replaced_keeping_host_and_options() {
        assert_eq!(
            replace_db_name("postgres://postgres@127.0.0.1:5432/test", "b"),
            "postgres://postgres@127.0.0.1:5432/b"
        );
        assert_eq!(
            replace_db_name("postgres://u@h/test?sslmode=disable", "b"),
            "postgres://u@h/b?sslmode=disable"
        );
    }
}
