//! `cargo xtask test`: every check and test, in order, failing fast. The steps
//! are listed in [`steps`]; each is timed and the durations are printed at the end.

use crate::dist::{self, Profile};
use crate::install;
use crate::util::{self, fmt_duration, run};
use anyhow::{Context, bail};
use std::fs::File;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Build the SPA and run the browser tests (and install Chromium and npm packages).
    pub browser: bool,
    /// Faster loop: the SPA is built with the dev profile (no LTO, no wasm-opt).
    pub quick: bool,
}

/// One named, timed step.
struct Step {
    name: &'static str,
    run: Box<dyn FnOnce() -> anyhow::Result<()>>,
}

fn step(name: &'static str, run: impl FnOnce() -> anyhow::Result<()> + 'static) -> Step {
    Step {
        name,
        run: Box::new(run),
    }
}

/// Every step of `cargo xtask test`, in the order they run. New checks go here.
fn steps(opts: Options) -> Vec<Step> {
    let mut steps = vec![
        step("install: wasm target", install::wasm_target),
        step("install: schemathesis (venv)", install::robustness_venv),
    ];
    if opts.browser {
        steps.push(step("install: chromium + CJK font", install::chromium));
        steps.push(step("install: npm packages", install::npm_packages));
    }
    steps.extend([
        step("fmt", || cargo(&["fmt", "--all", "--", "--check"])),
        step("clippy (native)", || {
            cargo(&[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ])
        }),
        step("clippy (frontend, wasm32)", || {
            cargo(&[
                "clippy",
                "-p",
                "furrow-web-core",
                "-p",
                "furrow-web-office",
                "-p",
                "furrow-web-field",
                "-p",
                "furrow-web-sign",
                "-p",
                "furrow-web-admin",
                "-p",
                "furrow-web-archive",
                "-p",
                "furrow-web-warehouse",
                "-p",
                "furrow-web-quality",
                "-p",
                "furrow-web-integrations",
                "--target",
                install::WASM_TARGET,
                "--",
                "-D",
                "warnings",
            ])
        }),
        step("check (domain, wasm32)", || {
            cargo(&[
                "check",
                "-p",
                "furrow-domain",
                "--target",
                install::WASM_TARGET,
            ])
        }),
        step("test (SQLite)", test_sqlite),
    ]);
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty()) {
        steps.push(step("test (PostgreSQL)", test_postgres));
    }
    // Robustness (issue #15): schemathesis per role, kill -9 under intakes,
    // connection resets, slow clients and hostile inputs, on SQLite and on
    // PostgreSQL when TEST_DATABASE_URL is set; a few minutes, bounded.
    steps.push(step("robustness", robustness));
    if opts.browser {
        let profile = if opts.quick {
            Profile::Dev
        } else {
            Profile::Release
        };
        steps.extend([
            step("dist (SPA)", move || dist::dist(profile)),
            // `cargo test` already built target/debug/furrow with the workspace's
            // test feature set; `cargo build -p furrow-api` would unify features
            // differently and recompile the store and API (twice per run).
            step("build furrow (debug)", || {
                cargo(&["test", "--workspace", "--no-run"])
            }),
            step("browser tests", browser_tests),
        ]);
    }
    // The bench on a tiny data set, so the harness never rots (its numbers are
    // not checked here: timed assertions would fail on a busy machine). Last,
    // so its first-screen part measures the web apps the run just built.
    steps.push(step("bench --quick", bench_quick));
    steps
}

pub fn test(opts: Options) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut done: Vec<(&str, Duration)> = Vec::new();
    for Step { name, run } in steps(opts) {
        eprintln!("\n==> {name}");
        let t = Instant::now();
        let result = run();
        let took = t.elapsed();
        done.push((name, took));
        if let Err(e) = result {
            summary(&done, started.elapsed());
            return Err(e.context(format!("step `{name}` failed after {}", fmt_duration(took))));
        }
        eprintln!("<== {name}: ok ({})", fmt_duration(took));
    }
    summary(&done, started.elapsed());
    eprintln!(
        "xtask test: all {} steps ok in {}",
        done.len(),
        fmt_duration(started.elapsed())
    );
    Ok(())
}

fn summary(done: &[(&str, Duration)], total: Duration) {
    eprintln!("\nxtask test: step durations");
    for (name, took) in done {
        eprintln!("  {name:<28} {:>12}", fmt_duration(*took));
    }
    eprintln!("  {:<28} {:>12}", "total", fmt_duration(total));
}

/// On SQLite only: the harness and the bundles' budgets are the same on
/// either engine, and the run must fit CI's time from a cold build;
/// `cargo xtask bench --db both` measures PostgreSQL.
fn bench_quick() -> anyhow::Result<()> {
    crate::bench::run(
        "bench",
        &["--db".to_owned(), "sqlite".to_owned(), "--quick".to_owned()],
    )
}

/// `cargo xtask robustness` with its defaults: both engines when
/// TEST_DATABASE_URL is set, a new schemathesis seed each run (printed).
fn robustness() -> anyhow::Result<()> {
    crate::bench::robustness(&[])
}

fn cargo(args: &[&str]) -> anyhow::Result<()> {
    run(util::cargo().args(args))
}

/// The whole workspace on SQLite: TEST_DATABASE_URL is removed.
fn test_sqlite() -> anyhow::Result<()> {
    run(util::cargo()
        .args(["test", "--workspace"])
        .env_remove("TEST_DATABASE_URL"))
}

/// The tests again with TEST_DATABASE_URL set: the store and API tests switch
/// to PostgreSQL (the others ignore it and take seconds). The whole workspace
/// is selected, as in [`test_sqlite`], because `-p furrow-store -p furrow-api`
/// would unify features differently and recompile both crates on every run.
fn test_postgres() -> anyhow::Result<()> {
    eprintln!("TEST_DATABASE_URL is set: store and API tests on PostgreSQL");
    cargo(&["test", "--workspace"])
}

/// Starts the debug `furrow serve --demo` on a free port with a fresh data
/// folder, runs `node --test` on tests/browser against it, and stops it.
fn browser_tests() -> anyhow::Result<()> {
    let root = util::root();
    let tests_dir = install::browser_dir();
    let has_tests = std::fs::read_dir(&tests_dir)?
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().ends_with(".test.mjs"));
    if !has_tests {
        bail!("no browser tests (*.test.mjs) in {}", tests_dir.display());
    }
    if util::which("node").is_none() {
        bail!("node is not installed: install Node.js (Debian: apt-get install nodejs npm)");
    }
    let bin = util::target_dir()?.join("debug/furrow");
    let artifacts = tests_dir.join("artifacts");
    std::fs::create_dir_all(&artifacts)?;
    let data = scratch_dir("furrow-browser")?;
    let log_path = artifacts.join("server.log");

    let port = free_port()?;
    let url = format!("http://127.0.0.1:{port}");
    let log = File::create(&log_path)?;
    eprintln!("starting {} serve --demo on {url}", bin.display());
    let child = Command::new(&bin)
        .args(["serve", "--demo"])
        .current_dir(&root)
        .env("FURROW_BIND", format!("127.0.0.1:{port}"))
        .env("FURROW_DATA_DIR", &data)
        .env("FURROW_WEB_DIR", dist::dist_dir())
        // The webhooks test's receiver listens on 127.0.0.1.
        .env("FURROW_WEBHOOKS_ALLOW_INTERNAL", "1")
        .env_remove("FURROW_DATABASE_URL")
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()
        .with_context(|| format!("Failed to start {}", bin.display()))?;
    let mut server = Server { child };

    let result = wait_healthy(&mut server.child, port, Duration::from_secs(120)).and_then(|()| {
        run(Command::new("node")
            .args(["--test", "--test-concurrency=1", "tests/browser/"])
            .current_dir(&root)
            .env("FURROW_URL", &url)
            .env("CHROMIUM", install::CHROMIUM)
            .env("ARTIFACTS", "tests/browser/artifacts"))
    });
    drop(server);
    if let Err(e) = result {
        print_tail(&log_path, 40);
        eprintln!(
            "server log: {}; screenshots: {}",
            log_path.display(),
            artifacts.display()
        );
        return Err(e);
    }
    let _ = std::fs::remove_dir_all(&data);
    Ok(())
}

/// The server child, killed (by its pid) when dropped, whatever happened.
struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        eprintln!("stopping furrow (pid {})", self.child.id());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago: bind port 0, read it, let it go.
fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("Failed to find a port")?;
    Ok(listener.local_addr()?.port())
}

/// A new empty folder under the system's temporary directory.
fn scratch_dir(prefix: &str) -> anyhow::Result<PathBuf> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("Failed to create {}", dir.display()))?;
    Ok(dir)
}

/// Polls GET /healthz until it answers 200, the server exits, or time runs out.
fn wait_healthy(child: &mut Child, port: u16, timeout: Duration) -> anyhow::Result<()> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            bail!("furrow exited before it was healthy ({status})");
        }
        if healthz(port) {
            eprintln!(
                "furrow is healthy after {}",
                fmt_duration(started.elapsed())
            );
            return Ok(());
        }
        if started.elapsed() > timeout {
            bail!(
                "furrow did not answer /healthz within {}",
                fmt_duration(timeout)
            );
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// One plain HTTP/1.1 request: does GET /healthz answer 200?
fn healthz(port: u16) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.1 200")
}

fn print_tail(path: &Path, lines: usize) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let all: Vec<&str> = text.lines().collect();
    eprintln!("--- last lines of {} ---", path.display());
    for line in &all[all.len().saturating_sub(lines)..] {
        eprintln!("{line}");
    }
    eprintln!("---");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_steps_come_last_but_the_bench_and_only_when_asked() {
        let names = |opts| steps(opts).iter().map(|s| s.name).collect::<Vec<_>>();
        let all = names(Options {
            browser: true,
            quick: false,
        });
        // The bench's first screens measure the web apps the run built.
        assert_eq!(all[all.len() - 2..], ["browser tests", "bench --quick"]);
        assert!(all.contains(&"install: chromium + CJK font"));
        let native = names(Options {
            browser: false,
            quick: false,
        });
        assert!(
            !native
                .iter()
                .any(|n| n.contains("browser") || n.contains("chromium"))
        );
        assert!(native.contains(&"test (SQLite)"));
        // Robustness runs after the tests and before the bench.
        let at = |name| native.iter().position(|n| *n == name).unwrap();
        assert!(at("test (SQLite)") < at("robustness"));
        assert!(at("robustness") < at("bench --quick"));
    }

    #[test]
    fn free_ports_are_not_zero() {
        assert_ne!(free_port().unwrap(), 0);
    }
}
