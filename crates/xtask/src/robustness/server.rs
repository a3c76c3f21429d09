//! The debug `furrow serve --demo` under test: on 127.0.0.1 with a free port,
//! its own database, data folder and JWT secret, and a stub web app (so the
//! SPA fallback answers as in production rather than "not built"); stopped,
//! or killed with SIGKILL, by its pid.

use anyhow::{Context, bail};
use std::fs::File;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

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

pub struct Server {
    child: Child,
    pub base: String,
    pub port: u16,
    pub log: PathBuf,
}

impl Launch {
    /// Starts the server (`--demo`: demo data when the database is empty) and
    /// waits until /readyz answers.
    pub async fn start(&self, nth: usize) -> anyhow::Result<Server> {
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .context("Failed to find a free port")?
            .local_addr()?
            .port();
        let bind = format!("127.0.0.1:{port}");
        let web = self.dir.join("web");
        std::fs::create_dir_all(&web)?;
        std::fs::write(
            web.join("index.html"),
            "<!doctype html><title>Furrow</title><p>robustness suite stub</p>\n",
        )?;
        std::fs::create_dir_all(&self.logs)?;
        let log = self.logs.join(format!("server-{nth}.log"));
        let out = File::create(&log)?;
        let mut cmd = Command::new(&self.bin);
        // A short body timeout, so the slow-body check takes seconds, not a
        // minute (`--server-env` may override it).
        cmd.env(
            "FURROW_BODY_TIMEOUT_SECS",
            super::slow::SERVER_BODY_TIMEOUT_SECS.to_string(),
        );
        for kv in &self.extra_env {
            let (k, v) = kv
                .split_once('=')
                .with_context(|| format!("--server-env {kv}: use KEY=VALUE"))?;
            cmd.env(k, v);
        }
        let child = cmd
            .args(["serve", "--demo", "--bind", &bind])
            .arg("--database-url")
            .arg(&self.database_url)
            .arg("--data-dir")
            .arg(self.dir.join("data"))
            .arg("--web-dir")
            .arg(&web)
            .env("FURROW_JWT_SECRET", &self.jwt_secret)
            .env("RUST_LOG", "info,sqlx=warn")
            .stdout(out.try_clone()?)
            .stderr(out)
            .spawn()
            .with_context(|| format!("Failed to start {}", self.bin.display()))?;
        let mut server = Server {
            child,
            base: format!("http://{bind}"),
            port,
            log,
        };
        eprintln!(
            "furrow serve --demo (pid {}) on {}",
            server.pid(),
            server.base
        );
        server.wait_ready(Duration::from_secs(120)).await?;
        Ok(server)
    }
}

impl Server {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    async fn wait_ready(&mut self, timeout: Duration) -> anyhow::Result<()> {
        let client = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(5))
            .build()?;
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "furrow exited before it was ready ({status}); see {}",
                    self.log.display()
                );
            }
            if let Ok(r) = client.get(format!("{}/readyz", self.base)).send().await
                && r.status().is_success()
            {
                eprintln!(
                    "furrow ready after {:.1} s",
                    started.elapsed().as_secs_f64()
                );
                return Ok(());
            }
            if started.elapsed() > timeout {
                bail!(
                    "furrow did not answer /readyz within {} s",
                    timeout.as_secs()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Is the process still running?
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// `kill -9`: SIGKILL (what `Child::kill` sends on Unix), then reaps it.
    pub fn kill9(mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        if self.alive() {
            eprintln!("killing furrow (pid {}) with SIGKILL", self.child.id());
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
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
