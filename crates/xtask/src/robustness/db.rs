//! The suite's own database for one engine: a SQLite file in a scratch
//! folder, or a new database on the PostgreSQL server of TEST_DATABASE_URL,
//! dropped at the end.

use anyhow::Context;
use furrow_store::sea_orm::{ConnectionTrait, Database};
use std::path::PathBuf;

/// An engine the suite runs on.
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

/// A fresh database and the scratch folder of the server's data.
pub struct ScratchDb {
    pub url: String,
    pub dir: PathBuf,
    /// PostgreSQL: the server URL and the database name, to drop it.
    pg_admin: Option<(String, String)>,
}

impl ScratchDb {
    pub async fn create(engine: Engine) -> anyhow::Result<Self> {
        let stamp = chrono::Utc::now().format("%Y%m%d_%H%M%S").to_string();
        let dir = std::env::temp_dir().join(format!(
            "furrow-robustness-{}-{stamp}-{}",
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
                let name = format!("furrow_robustness_{stamp}_{}", std::process::id());
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

    /// Drops the database and removes the scratch folder.
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
            replace_db_name("postgres://postgres@127.0.0.1:5432/test", "r"),
            "postgres://postgres@127.0.0.1:5432/r"
        );
        assert_eq!(
            replace_db_name("postgres://u@h/test?sslmode=disable", "r"),
            "postgres://u@h/r?sslmode=disable"
        );
    }
}
