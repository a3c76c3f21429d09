//! The `furrow serve` child under test, for the bench (the release build on
//! a loaded database) and the robustness suite (the debug build, `--demo`):
//! started on 127.0.0.1 with a free port and its output in a log file,
//! waited for until /readyz answers, and stopped (SIGKILL) by its pid, also
//! when dropped, so that no error path leaves it running.

use anyhow::{Context, bail};
use std::fs::File;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    pub base: String,
    pub port: u16,
    pub log: PathBuf,
}

impl Server {
    /// Runs the command `build` makes for `--bind 127.0.0.1:<a free port>`
    /// (the callers choose the rest: binary, flags, environment), its output
    /// to `log`, and waits up to `ready_within` for /readyz. `what` names it
    /// in the messages.
    pub async fn spawn(
        what: &str,
        log: PathBuf,
        ready_within: Duration,
        build: impl FnOnce(&str) -> anyhow::Result<Command>,
    ) -> anyhow::Result<Self> {
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .context("Failed to find a free port")?
            .local_addr()?
            .port();
        let bind = format!("127.0.0.1:{port}");
        let out = File::create(&log)?;
        let mut cmd = build(&bind)?;
        let child = cmd
            .stdout(out.try_clone()?)
            .stderr(out)
            .spawn()
            .with_context(|| {
                format!("Failed to start {}", Path::new(cmd.get_program()).display())
            })?;
        let mut server = Server {
            child,
            base: format!("http://{bind}"),
            port,
            log,
        };
        eprintln!("{what} (pid {}) on {}", server.pid(), server.base);
        server.wait_ready(ready_within).await?;
        Ok(server)
    }

    /// The bench's server: the release `bin serve` on `database_url`
    /// (already loaded: no `--demo`), a fresh JWT secret, `dir/data` and the
    /// built SPA in `web_dir`.
    pub async fn start_bench(
        bin: &Path,
        database_url: &str,
        dir: &Path,
        web_dir: &Path,
        extra_env: &[String],
    ) -> anyhow::Result<Self> {
        let secret = format!(
            "bench-{}-{}",
            uuid::Uuid::now_v7().simple(),
            uuid::Uuid::now_v7().simple()
        );
        let log = dir.join("server.log");
        Self::spawn("furrow serve", log, Duration::from_secs(180), |bind| {
            let mut cmd = Command::new(bin);
            set_env(&mut cmd, extra_env)?;
            cmd.args(["serve", "--bind", bind, "--database-url", database_url])
                .arg("--data-dir")
                .arg(dir.join("data"))
                .arg("--web-dir")
                .arg(web_dir)
                .env("FURROW_JWT_SECRET", secret)
                .env("FURROW_DATA_DIR", dir.join("data"))
                .env("FURROW_WEB_DIR", web_dir)
                // The webhook measurement's receiver listens on 127.0.0.1.
                .env("FURROW_WEBHOOKS_ALLOW_INTERNAL", "1");
            Ok(cmd)
        })
        .await
    }

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

    /// Stops the server and waits for it.
    pub fn stop(mut self) {
        self.kill("stopping");
    }

    /// `kill -9`, as a crash: SIGKILL (what `Child::kill` sends on Unix),
    /// then reaps it. `stop` sends the same; this one says in the log that
    /// the kill is the point.
    pub fn kill9(mut self) {
        self.kill("killing (SIGKILL)");
    }

    fn kill(&mut self, doing: &str) {
        if self.alive() {
            eprintln!("{doing} furrow (pid {})", self.child.id());
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }

    /// Peak resident memory of the server process so far (VmHWM), in KiB.
    pub fn peak_rss_kib(&self) -> Option<u64> {
        proc_status_kib(self.pid(), "VmHWM:")
    }

    /// Resident memory now (VmRSS), in KiB.
    pub fn rss_kib(&self) -> Option<u64> {
        proc_status_kib(self.pid(), "VmRSS:")
    }

    /// CPU time the server has used so far (user + system), in seconds.
    pub fn cpu_seconds(&self) -> Option<f64> {
        cpu_seconds(&self.pid().to_string())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill("stopping");
    }
}

/// `--server-env` (`KEY=VALUE`, repeatable) into the server's environment.
pub fn set_env(cmd: &mut Command, settings: &[String]) -> anyhow::Result<()> {
    for kv in settings {
        let (k, v) = kv
            .split_once('=')
            .with_context(|| format!("--server-env {kv}: use KEY=VALUE"))?;
        cmd.env(k, v);
    }
    Ok(())
}

fn proc_status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// User + system CPU seconds of a process (`self` for this one), from
/// /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux).
pub fn cpu_seconds(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces; the fields after it start at field 3.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}
