//! The release `furrow serve` under test: started on 127.0.0.1 with a free
//! port, a fresh JWT secret and data folder, stopped by its pid.

use anyhow::{Context, bail};
use std::fs::File;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    pub base: String,
    pub log: PathBuf,
}

impl Server {
    /// Starts `bin serve` on `database_url` (already loaded: no `--demo`) and
    /// waits until /readyz answers.
    pub async fn start(
        bin: &Path,
        database_url: &str,
        dir: &Path,
        web_dir: &Path,
        extra_env: &[String],
    ) -> anyhow::Result<Self> {
        let port = {
            let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                .context("Failed to find a free port")?;
            l.local_addr()?.port()
        };
        let bind = format!("127.0.0.1:{port}");
        let log = dir.join("server.log");
        let out = File::create(&log)?;
        let secret = format!(
            "bench-{}-{}",
            uuid::Uuid::now_v7().simple(),
            uuid::Uuid::now_v7().simple()
        );
        let mut cmd = Command::new(bin);
        for kv in extra_env {
            let (k, v) = kv
                .split_once('=')
                .with_context(|| format!("--server-env {kv}: use KEY=VALUE"))?;
            cmd.env(k, v);
        }
        let child = cmd
            .args(["serve", "--bind", &bind, "--database-url", database_url])
            .arg("--data-dir")
            .arg(dir.join("data"))
            .arg("--web-dir")
            .arg(web_dir)
            .env("FURROW_JWT_SECRET", secret)
            .env("FURROW_DATA_DIR", dir.join("data"))
            .env("FURROW_WEB_DIR", web_dir)
            .stdout(out.try_clone()?)
            .stderr(out)
            .spawn()
            .with_context(|| format!("Failed to start {}", bin.display()))?;
        let mut server = Server {
            child,
            base: format!("http://{bind}"),
            log,
        };
        eprintln!("furrow serve (pid {}) on {}", server.pid(), server.base);
        server.wait_ready(Duration::from_secs(180)).await?;
        Ok(server)
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

    /// Stops the server (our child, by its pid) and waits for it.
    pub fn stop(mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            eprintln!("stopping furrow (pid {})", self.child.id());
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
