//! The debug `furrow serve --demo` under test (the child itself is the
//! bench's `Server`): its own database, data folder and JWT secret, and a
//! stub web app (so the SPA fallback answers as in production rather than
//! "not built"); and the panics its logs report.

use crate::bench::server::{self, Server};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// How to start the server, again and again on the same data.
#[derive(Clone)]
pub struct Launch {
    pub bin: PathBuf,
    pub database_url: String,
    /// The scratch folder: `data/`, `web/`.
    pub dir: PathBuf,
    /// Where the server logs go (`server-1.log`, `server-2.log`, ...).
    pub logs: PathBuf,
    pub jwt_secret: String,
    pub extra_env: Vec<String>,
}

impl Launch {
    /// Starts the server (`--demo`: demo data when the database is empty) and
    /// waits until /readyz answers.
    pub async fn start(&self, nth: usize) -> anyhow::Result<Server> {
        let web = self.dir.join("web");
        std::fs::create_dir_all(&web)?;
        std::fs::write(
            web.join("index.html"),
            "<!doctype html><title>Furrow</title><p>robustness suite stub</p>\n",
        )?;
        std::fs::create_dir_all(&self.logs)?;
        let log = self.logs.join(format!("server-{nth}.log"));
        Server::spawn(
            "furrow serve --demo",
            log,
            Duration::from_secs(120),
            |bind| {
                let mut cmd = Command::new(&self.bin);
                // A short body timeout, so the slow-body check takes seconds, not a
                // minute (`--server-env` may override it).
                cmd.env(
                    "FURROW_BODY_TIMEOUT_SECS",
                    super::slow::SERVER_BODY_TIMEOUT_SECS.to_string(),
                );
                server::set_env(&mut cmd, &self.extra_env)?;
                cmd.args(["serve", "--demo", "--bind", bind])
                    .arg("--database-url")
                    .arg(&self.database_url)
                    .arg("--data-dir")
                    .arg(self.dir.join("data"))
                    .arg("--web-dir")
                    .arg(&web)
                    .env("FURROW_JWT_SECRET", &self.jwt_secret)
                    .env("RUST_LOG", "info,sqlx=warn");
                Ok(cmd)
            },
        )
        .await
    }
}

/// Lines of the server logs that report a panic.
pub fn panics(logs: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(logs) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.starts_with("server-") {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(e.path()) {
            out.extend(
                text.lines()
                    .filter(|l| l.contains("panicked"))
                    .map(|l| format!("{name}: {}", super::http::clip(l, 300))),
            );
        }
    }
    out
}
