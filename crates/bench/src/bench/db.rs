//! A scratch database for one run of the bench or of the robustness suite: a
//! SQLite file in a scratch folder, or a new database on the PostgreSQL
//! server of TEST_DATABASE_URL, dropped afterwards unless kept.

use super::DbChoice;
use anyhow::Context;
use furrow_store::Store;
use furrow_store::db::replace_db_name;
use std::path::PathBuf;

/// The engine of one run.
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

impl DbChoice {
    /// The engines to run on, in order.
    pub fn engines(self) -> Vec<Engine> {
        match self {
            DbChoice::Sqlite => vec![Engine::Sqlite],
            DbChoice::Postgres => vec![Engine::Postgres],
            DbChoice::Both => vec![Engine::Sqlite, Engine::Postgres],
        }
    }
}

/// A database made for one run, and the scratch folder beside it.
pub struct ScratchDb {
    pub url: String,
    /// Scratch folder: the SQLite file, the server's data dir and logs.
    pub dir: PathBuf,
    /// PostgreSQL: the server URL and database name, to drop it at the end.
    pg_admin: Option<(String, String)>,
}

impl ScratchDb {
    /// A new database and folder, both named after `tool` (`bench`,
    /// `robustness`), the engine, the time and this process, so that runs of
    /// the two tools at once on one server never meet.
    pub async fn create(engine: Engine, tool: &str) -> anyhow::Result<Self> {
        let stamp = chrono::Utc::now().format("%Y%m%d_%H%M%S").to_string();
        let dir = std::env::temp_dir().join(format!(
            "furrow-{tool}-{}-{stamp}-{}",
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
                let name = format!("furrow_{tool}_{stamp}_{}", std::process::id());
                let admin = Store::connect(&server).await.with_context(|| {
                    format!(
                        "Failed to connect to TEST_DATABASE_URL ({})",
                        furrow_store::db::redact(&server)
                    )
                })?;
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .with_context(|| format!("Failed to create database {name}"))?;
                admin.conn().clone().close().await.ok();
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
            && let Ok(admin) = Store::connect(server).await
        {
            if let Err(e) = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
            {
                eprintln!("warning: could not drop database {name}: {e}");
            }
            admin.conn().clone().close().await.ok();
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
