//! One run of the suite per engine, then the summary and the verdict: every
//! part runs on every engine whatever failed before, so one run lists all
//! that is wrong.

use super::http::{self, ROLES};
use super::schema::{self, RoleRun, Settings};
use super::server::{self, Launch};
use super::{Args, Part, crash, inputs, resets, slow};
use crate::bench::DbChoice;
use crate::bench::db::{Engine, ScratchDb, pg_server};

use crate::util::{self, fmt_duration};
use anyhow::{Context, bail};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The order schemathesis runs the roles in: the most powerful last, so
/// what it changes (deactivated dealers, SLA settings) cannot hide the
/// other roles' operations from them.
const SCHEMA_ORDER: [&str; 5] = ["dealer", "engineer", "agent", "supervisor", "admin"];

/// Everything one engine's run saw.
#[derive(Default)]
struct EngineReport {
    engine: &'static str,
    inputs: Vec<inputs::Outcome>,
    resets: Option<resets::Outcome>,
    crash: Option<crash::Outcome>,
    schema: Vec<RoleRun>,
    slow: Vec<slow::Outcome>,
    panics: Vec<String>,
    /// Failures that stopped this engine's run early, or checks after it.
    errors: Vec<String>,
    seconds: f64,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let choice = args.db.unwrap_or(if pg_server().is_some() {
        DbChoice::Both
    } else {
        DbChoice::Sqlite
    });
    let engines = choice.engines();
    if engines.contains(&Engine::Postgres) && pg_server().is_none() {
        bail!(
            "PostgreSQL needs TEST_DATABASE_URL (a server where the suite may create and drop \
             a database, e.g. postgres://postgres@127.0.0.1:5432/test)"
        );
    }
    let bin = util::target_dir()?.join("debug/furrow");
    if !bin.is_file() {
        bail!(
            "{} is missing: run `cargo test --workspace --no-run` (or the plain `cargo xtask robustness`)",
            bin.display()
        );
    }
    let settings = Settings {
        schemathesis: super::schemathesis(),
        max_examples: args.max_examples,
        seed: args.seed.unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64 % 1_000_000_007)
        }),
    };
    if args.runs(Part::Schema) && !settings.schemathesis.is_file() {
        bail!(
            "{} is missing: the plain `cargo xtask robustness` installs it",
            settings.schemathesis.display()
        );
    }
    let artifacts = super::robustness_dir().join("artifacts");
    let _ = std::fs::remove_dir_all(&artifacts);
    std::fs::create_dir_all(&artifacts)
        .with_context(|| format!("Failed to create {}", artifacts.display()))?;
    eprintln!(
        "robustness suite on {}: server {}, schemathesis seed {} (repeat with --seed {}), artifacts in {}",
        engines
            .iter()
            .map(|e| e.name())
            .collect::<Vec<_>>()
            .join(" and "),
        bin.display(),
        settings.seed,
        settings.seed,
        artifacts.display()
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let mut reports = Vec::new();
    for engine in engines {
        eprintln!("\n--- robustness on {} ---", engine.name());
        let t = Instant::now();
        let mut report = EngineReport {
            engine: engine.name(),
            ..EngineReport::default()
        };
        let logs = artifacts.join(engine.name());
        rt.block_on(async {
            match ScratchDb::create(engine, "robustness").await {
                Ok(db) => {
                    if let Err(e) = run_engine(args, &settings, &bin, &db, &logs, &mut report).await
                    {
                        report.errors.push(format!("{e:#}"));
                    }
                    db.drop_all().await;
                }
                Err(e) => report.errors.push(format!("{e:#}")),
            }
        });
        report.panics = server::panics(&logs);
        report.seconds = t.elapsed().as_secs_f64();
        reports.push(report);
    }
    let failures = print_summary(args, &settings, &reports, started.elapsed());
    if failures > 0 {
        bail!(
            "robustness: {failures} failures (listed above; server logs and schemathesis output in {})",
            artifacts.display()
        );
    }
    Ok(())
}

async fn run_engine(
    args: &Args,
    settings: &Settings,
    bin: &Path,
    db: &ScratchDb,
    logs: &Path,
    report: &mut EngineReport,
) -> anyhow::Result<()> {
    let launch = Launch {
        bin: bin.to_owned(),
        database_url: db.url.clone(),
        dir: db.dir.clone(),
        logs: logs.to_owned(),
        jwt_secret: format!(
            "robustness-{}-{}",
            uuid::Uuid::now_v7().simple(),
            uuid::Uuid::now_v7().simple()
        ),
        extra_env: args.server_env.clone(),
    };
    let mut server = launch.start(1).await?;
    let mut starts = 1;
    let client = http::client()?;
    let mut tokens = Vec::new();
    for role in ROLES {
        tokens.push((role, http::login(&client, &server.base, role).await?));
    }
    let token = |role: &str| {
        tokens
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    };
    let agent = token("agent");
    let machines = http::machines(&client, &server.base, &agent).await?;

    if args.runs(Part::Inputs) {
        eprintln!("inputs: hostile values on {}", report.engine);
        report.inputs = inputs::run(&client, &server.base, &tokens, &machines[0]).await;
    }
    if args.runs(Part::Resets) {
        eprintln!("resets: 8 clients resetting connections, 8 writing intakes, 4 s");
        let out = resets::run(
            &server.base,
            server.port,
            &agent,
            &machines,
            8,
            8,
            Duration::from_secs(4),
        )
        .await?;
        report.resets = Some(out);
        ready_or_fail(&client, &server.base, "after the resets", report).await;
    }
    if args.runs(Part::Crash) {
        eprintln!("crash: kill -9 under 16 clients writing intakes");
        starts += 1;
        let (out, restarted) = crash::run(&launch, server, starts, &agent, &machines, 16).await?;
        server = restarted;
        report.crash = Some(out);
    }
    // The slow clients hold their connections while schemathesis runs.
    let limit = Duration::from_secs_f64(args.slow_body_limit);
    let slow_tasks = if args.runs(Part::SlowBody) {
        eprintln!(
            "slow-body: a body and a head sent a byte every 250 ms, to be cut off within {} s",
            args.slow_body_limit
        );
        vec![
            tokio::spawn(slow::slow_body(server.port, agent.clone(), limit)),
            tokio::spawn(slow::slow_head(server.port, limit)),
        ]
    } else {
        Vec::new()
    };
    if args.runs(Part::Schema) {
        for role in SCHEMA_ORDER {
            let (base, token) = (server.base.clone(), token(role));
            let dir = logs.join("schemathesis");
            let settings = Settings {
                schemathesis: settings.schemathesis.clone(),
                ..*settings
            };
            let role_run = tokio::task::spawn_blocking(move || {
                schema::run_role(&settings, &base, role, &token, &dir)
            })
            .await??;
            eprintln!(
                "schemathesis as {role}: {} requests, {} 5xx, {} failures, {:.1} s",
                role_run.requests,
                role_run.server_errors(),
                role_run.failures.len(),
                role_run.seconds
            );
            report.schema.push(role_run);
            if !server.alive() {
                bail!("furrow exited during schemathesis as {role}");
            }
        }
    }
    for t in slow_tasks {
        report.slow.push(t.await?);
    }
    ready_or_fail(&client, &server.base, "at the end", report).await;
    drop(server);
    Ok(())
}

/// /readyz must still answer 200.
async fn ready_or_fail(
    client: &reqwest::Client,
    base: &str,
    when: &str,
    report: &mut EngineReport,
) {
    match http::send(
        client,
        reqwest::Method::GET,
        &format!("{base}/readyz"),
        None,
        None,
        &[],
    )
    .await
    {
        Ok(a) if a.status == 200 => {}
        Ok(a) => report
            .errors
            .push(format!("/readyz answered {} {when}", a.status)),
        Err(e) => report.errors.push(format!("/readyz {when}: {e}")),
    }
}

/// Prints what each engine saw and every failure, grouped; returns how many
/// failures there are.
fn print_summary(
    args: &Args,
    settings: &Settings,
    reports: &[EngineReport],
    total: Duration,
) -> usize {
    let mut failures = 0usize;
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line("\n==================== robustness summary ====================".into());
    for r in reports {
        line(format!(
            "[{}] ({})",
            r.engine,
            fmt_duration(Duration::from_secs_f64(r.seconds))
        ));
        let mut fives = 0u64;
        if !r.schema.is_empty() {
            line(format!(
                "  schemathesis (seed {}, max-examples {}, checks {}):",
                settings.seed,
                settings.max_examples,
                schema::CHECKS
            ));
            for run in &r.schema {
                fives += run.server_errors();
                line(format!(
                    "    {:<11} {:>6} requests  {:>4} 5xx  {:>3} failures  {:>6.1} s  {}",
                    run.role,
                    run.requests,
                    run.server_errors(),
                    run.failures.len(),
                    run.seconds,
                    run.output
                        .strip_prefix(util::root())
                        .unwrap_or(&run.output)
                        .display()
                ));
            }
        }
        if !r.inputs.is_empty() {
            let bad = r.inputs.iter().filter(|o| o.failure().is_some()).count();
            let five = r
                .inputs
                .iter()
                .filter(|o| o.answer.as_ref().is_ok_and(|a| a.status >= 500))
                .count() as u64;
            fives += five;
            line(format!(
                "  bad inputs: {} cases, {} not answered 4xx ({five} of them 5xx)",
                r.inputs.len(),
                bad
            ));
        }
        if let Some(c) = &r.crash {
            fives += c.server_errors;
            line(format!(
                "  kill -9: {} clients, killed after {:.1} s: {} acknowledged, {} found after restart, \
                 {} replayed with their key; {} in flight, {} retried ok",
                c.clients,
                c.killed_after,
                c.acknowledged,
                c.found,
                c.replayed_ok,
                c.in_flight,
                c.in_flight_ok
            ));
        }
        if let Some(x) = &r.resets {
            fives += x.server_errors;
            line(format!(
                "  resets: {} resetting clients reset {} connections ({} could not connect); \
                 {} well-behaved clients made {} intakes, {} failed (slowest {:.2} s), in {:.1} s",
                x.reset_clients,
                x.resets,
                x.connect_errors,
                x.good_clients,
                x.good_requests,
                x.good_failures,
                x.slowest,
                x.seconds
            ));
        }
        for s in &r.slow {
            line(format!("  {s}"));
        }
        line(format!("  5xx answers: {fives}"));
        line(format!("  panics in the server log: {}", r.panics.len()));
    }

    // What each hostile input answered, engine beside engine.
    let with_inputs: Vec<&EngineReport> = reports.iter().filter(|r| !r.inputs.is_empty()).collect();
    if let Some(first) = with_inputs.first() {
        let engines: Vec<&str> = with_inputs.iter().map(|r| r.engine).collect();
        line(format!("bad inputs ({}):", engines.join(" | ")));
        for (i, o) in first.inputs.iter().enumerate() {
            let answers: Vec<String> = with_inputs
                .iter()
                .map(|r| {
                    r.inputs
                        .get(i)
                        .map_or_else(String::new, inputs::Outcome::short)
                })
                .collect();
            line(format!("  {:<46} {}", o.name, answers.join(" | ")));
        }
    }

    // Failures, grouped.
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    let mut add = |group: &str, item: String| {
        failures += 1;
        match groups.iter_mut().find(|(g, _)| g == group) {
            Some((_, items)) => items.push(item),
            None => groups.push((group.to_owned(), vec![item])),
        }
    };
    // schemathesis: one line per operation, check and message, with the
    // roles and engines it showed on and one request that shows it.
    type Key = (String, String, String, Option<u16>);
    let mut st: BTreeMap<Key, (BTreeSet<String>, BTreeSet<&str>, String)> = BTreeMap::new();
    for r in reports {
        for run in &r.schema {
            for f in &run.failures {
                let key = (
                    f.operation.clone(),
                    f.check.clone(),
                    f.message.clone(),
                    f.status,
                );
                let e = st
                    .entry(key)
                    .or_insert_with(|| (BTreeSet::new(), BTreeSet::new(), f.request.clone()));
                e.0.insert(run.role.clone());
                e.1.insert(r.engine);
            }
            for e in &run.errors {
                add(
                    "schemathesis errors",
                    format!("[{}] as {}: {e}", r.engine, run.role),
                );
            }
        }
    }
    for ((op, check, message, status), (roles, engines, request)) in &st {
        let status = status.map_or_else(String::new, |s| format!(" [{s}]"));
        let message = if message.is_empty() {
            String::new()
        } else {
            format!(": {message}")
        };
        add(
            "schemathesis failures",
            format!(
                "{op}: {check}{status}{message}; roles {}; on {}; e.g. {request}",
                roles.iter().cloned().collect::<Vec<_>>().join(", "),
                engines.iter().copied().collect::<Vec<_>>().join(", "),
            ),
        );
    }
    for r in reports {
        for o in &r.inputs {
            if let Some(f) = o.failure() {
                add("bad inputs", format!("[{}] {f}", r.engine));
            }
        }
    }
    if let [a, b] = reports
        && !a.inputs.is_empty()
        && a.inputs.len() == b.inputs.len()
    {
        for (x, y) in a.inputs.iter().zip(&b.inputs) {
            if x.short() != y.short() {
                add(
                    "bad inputs: engines disagree",
                    format!(
                        "{}: {}: {} {} but {} {}",
                        x.name,
                        x.request,
                        a.engine,
                        x.short(),
                        b.engine,
                        y.short()
                    ),
                );
            }
        }
    }
    for r in reports {
        if let Some(c) = &r.crash {
            for f in c.failures.iter().take(20) {
                add("kill -9", format!("[{}] {f}", r.engine));
            }
            if c.failures.len() > 20 {
                add(
                    "kill -9",
                    format!("[{}] ... and {} more", r.engine, c.failures.len() - 20),
                );
            }
        }
        if let Some(x) = &r.resets
            && x.good_failures > 0
        {
            add(
                "resets",
                format!(
                    "[{}] {} of {} well-behaved intakes failed ({} 5xx), e.g. {}",
                    r.engine,
                    x.good_failures,
                    x.good_requests,
                    x.server_errors,
                    x.failure_samples.join(" | ")
                ),
            );
        }
        for s in r.slow.iter().filter(|s| !s.ok()) {
            add("slow clients", format!("[{}] {s}", r.engine));
        }
        for p in r.panics.iter().take(10) {
            add("server panics", format!("[{}] {p}", r.engine));
        }
        for e in &r.errors {
            add("suite", format!("[{}] {e}", r.engine));
        }
    }
    if groups.is_empty() {
        line("no failures".into());
    } else {
        line(format!("\nfailures ({failures}):"));
        for (group, items) in &groups {
            line(format!("  {group}:"));
            for i in items {
                line(format!("    - {i}"));
            }
        }
    }
    let parts: Vec<&str> = [
        (Part::Inputs, "inputs"),
        (Part::Resets, "resets"),
        (Part::Crash, "crash"),
        (Part::Schema, "schema"),
        (Part::SlowBody, "slow-body"),
    ]
    .iter()
    .filter(|(p, _)| args.runs(*p))
    .map(|(_, n)| *n)
    .collect();
    line(format!(
        "robustness ({}): {} in {}",
        parts.join(", "),
        if failures == 0 {
            "ok".to_owned()
        } else {
            format!("{failures} failures")
        },
        fmt_duration(total)
    ));
    eprint!("{out}");
    let _ = std::fs::write(artifacts_summary(), &out);
    failures
}

fn artifacts_summary() -> PathBuf {
    super::robustness_dir().join("artifacts/summary.txt")
}
