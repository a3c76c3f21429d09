//! One bench run per database: fresh database, demo data, bulk data set,
//! storage ceiling, release server, scenarios at 1 and 32 connections, the
//! SPA, the table, the targets and the results file.

use super::Args;
use super::ceiling::{self, Pages, Writes};
use super::db::{Engine, ScratchDb, pg_server};
use super::driver;
use super::load::{self, Plan};
use super::report::{self, Row, Target};
use super::scenarios::{self, Class, Client1, Kind, NOT_AVAILABLE, SCENARIOS, Session};
use super::server::Server;
use super::spa;
use crate::util;
use anyhow::{Context, bail};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

/// Connection counts every scenario runs at.
const CONNECTIONS: [usize; 2] = [1, 32];

pub fn run(args: &Args) -> anyhow::Result<()> {
    let mut engines = args.db.engines();
    if engines.contains(&Engine::Postgres) && pg_server().is_none() {
        eprintln!(
            "PostgreSQL skipped: TEST_DATABASE_URL is not set (a server where the bench may \
             create and drop a database, e.g. postgres://postgres@127.0.0.1:5432/test)"
        );
        engines.retain(|e| *e != Engine::Postgres);
    }
    if engines.is_empty() {
        return Ok(());
    }
    let bin = build_server()?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let mut texts = Vec::new();
    let mut failures = Vec::new();
    for engine in engines {
        match rt.block_on(run_one(args, engine, &bin)) {
            Ok(done) => {
                if done.errors > 0 {
                    failures.push(format!(
                        "{}: {} failed operations",
                        engine.name(),
                        done.errors
                    ));
                }
                texts.push(done.text);
            }
            Err(e) => failures.push(format!("{}: {e:#}", engine.name())),
        }
    }
    eprintln!("\n==================== bench summary ====================");
    for t in &texts {
        eprintln!("{t}");
    }
    if !failures.is_empty() {
        bail!("bench failed: {}", failures.join("; "));
    }
    Ok(())
}

/// `cargo build --release -p furrow-api --bin furrow`; returns the binary.
fn build_server() -> anyhow::Result<PathBuf> {
    util::run(util::cargo().args(["build", "--release", "-p", "furrow-api", "--bin", "furrow"]))?;
    let bin = util::target_dir()?.join("release/furrow");
    anyhow::ensure!(bin.is_file(), "{} was not built", bin.display());
    Ok(bin)
}

struct Done {
    text: String,
    errors: u64,
}

async fn run_one(args: &Args, engine: Engine, bin: &Path) -> anyhow::Result<Done> {
    let mut plan = Plan::new(args.scale, args.quick, args.audit);
    if let Some(n) = args.customers {
        plan.customers = n.max(1);
    }
    eprintln!(
        "\n==> bench on {}: {} requests ({} open), {} customers, {} machines, {} engineers, {} dealers",
        engine.name(),
        plan.requests,
        plan.open,
        plan.customers,
        plan.machines,
        plan.engineers,
        plan.dealers
    );
    let db = ScratchDb::create(engine, "bench").await?;
    let result = measure(args, engine, &plan, &db, bin).await;
    if args.keep {
        eprintln!("kept the database: {}", db.describe());
    } else {
        db.drop_all().await;
    }
    result
}

async fn measure(
    args: &Args,
    engine: Engine,
    plan: &Plan,
    db: &ScratchDb,
    bin: &Path,
) -> anyhow::Result<Done> {
    let secs = args.duration.unwrap_or(if args.quick { 2.0 } else { 10.0 });
    anyhow::ensure!(secs > 0.0, "--duration must be positive");
    let duration = Duration::from_secs_f64(secs);
    let warmup = Duration::from_millis(if args.quick { 300 } else { 1000 });

    // 1. Data.
    let t = Instant::now();
    let data = load::load(&db.url, plan).await.context("loading failed")?;
    let load_seconds = t.elapsed().as_secs_f64();
    eprintln!(
        "loaded in {load_seconds:.1} s (demo {:.1} s, bulk {:.1} s): {}",
        data.demo_seconds,
        data.bulk_seconds,
        data.counts
            .iter()
            .map(|(t, n)| format!("{t} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    eprintln!(
        "open requests: {} ({} overdue, {} harvest-critical)",
        data.open_by_status
            .iter()
            .map(|(s, n)| format!("{s} {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        data.overdue,
        data.harvest_critical_open
    );

    // 2. The storage ceiling, before the server starts, and its intake twin:
    // the writes an intake cannot do without, alone, judged against it.
    let mut rows: Vec<Row> = Vec::new();
    for (writes, key, title, base) in [
        (
            Writes::One,
            "ceiling",
            "storage ceiling: 1-row write transactions",
            "",
        ),
        (
            Writes::Intake,
            "intake_writes",
            "storage: an intake's writes (number, request, event, key)",
            "ceiling",
        ),
    ] {
        for conns in CONNECTIONS {
            let o = ceiling::measure(&db.url, writes, conns, warmup, duration).await?;
            record(&mut rows, Row::new(key, title, conns, &o).based_on(base));
        }
    }

    // Its store twin: whole intakes through the store, without HTTP.
    for conns in CONNECTIONS {
        let o = ceiling::measure_intakes(
            &db.url,
            "agent",
            data.intake_pairs.clone(),
            conns,
            warmup,
            duration,
        )
        .await?;
        let row = Row::new(
            "intake_store",
            "storage: whole intakes through the store, no HTTP",
            conns,
            &o,
        );
        record(&mut rows, row.based_on("ceiling"));
    }

    // Its read twin: what a read that goes to the database can reach at most.
    let read_ids: Vec<Uuid> = data
        .dealer_users
        .iter()
        .flat_map(|d| d.request_ids.iter().copied())
        .collect();
    for conns in CONNECTIONS {
        let o = ceiling::measure_reads(&db.url, read_ids.clone(), conns, warmup, duration).await?;
        let row = Row::new(
            "read_ceiling",
            "storage read ceiling: 1 row by primary key",
            conns,
            &o,
        );
        record(&mut rows, row.based_on("healthz"));
    }
    // Its page twins: what the store allows the list and sync pages, without HTTP.
    let dealers: Vec<String> = data
        .dealer_users
        .iter()
        .map(|d| d.username.clone())
        .collect();
    for (pages, users, key, title) in [
        (
            Pages::DefaultList,
            vec!["supervisor".to_owned()],
            "page_ceiling",
            "storage page ceiling: the default list's page as JSON, no HTTP",
        ),
        (
            Pages::DealerSync,
            dealers,
            "sync_ceiling",
            "storage page ceiling: a dealer's sync page as JSON, no HTTP",
        ),
    ] {
        for conns in CONNECTIONS {
            let o = ceiling::measure_pages(&db.url, pages, &users, conns, warmup, duration).await?;
            record(&mut rows, Row::new(key, title, conns, &o));
        }
    }

    // 3. The server and the scenarios.
    let server =
        Server::start_bench(bin, &db.url, &db.dir, &spa::dist_dir(), &args.server_env).await?;
    // Resident and peak memory after each step, to see what grows it.
    let mut memory: Vec<(String, Option<u64>, Option<u64>)> = Vec::new();
    memory.push(("ready".into(), server.rss_kib(), server.peak_rss_kib()));
    let max_clients = *CONNECTIONS.iter().max().unwrap_or(&1);
    let mut session = Arc::new(Session::new(&server.base, data.clone(), max_clients).await?);
    memory.push(("signed in".into(), server.rss_kib(), server.peak_rss_kib()));
    let mut plan_runs: Vec<(&scenarios::Scenario, &str)> = SCENARIOS
        .iter()
        .filter(|sc| {
            sc.class == Class::Baseline
                || args.only.is_empty()
                || args.only.iter().any(|o| sc.key.contains(o.as_str()))
        })
        .map(|sc| (sc, sc.title))
        .collect();
    // /healthz again at the end: the machine is shared, so each baseline is
    // measured twice and the ratios use the mean (the drift is reported).
    plan_runs.push((&SCENARIOS[0], "GET /healthz (again, after the scenarios)"));
    // The part-issue fixtures, made when a part-issue scenario first runs.
    let mut parts: Option<Arc<super::parts::Fixtures>> = None;
    for (sc, title) in plan_runs {
        for conns in CONNECTIONS {
            scenarios::refresh(&mut session, max_clients).await?;
            if matches!(sc.kind, Kind::PartIssue | Kind::PartIssueShared) {
                parts = Some(Arc::new(match parts.take() {
                    None => super::parts::prepare(&session, max_clients).await?,
                    // The clerk's token, renewed like the session's.
                    Some(f) => super::parts::Fixtures {
                        clerk: scenarios::login(&scenarios::client()?, &session.base, "parts")
                            .await?,
                        ..(*f).clone()
                    },
                }));
            }
            let clients = (0..conns)
                .map(|n| Ok(Client1::new(sc.kind, n, session.clone())?.with_parts(parts.clone())))
                .collect::<anyhow::Result<Vec<_>>>()?;
            // CPU of the server and of this process over the whole run
            // (warm-up included), per measured operation.
            let (srv0, me0) = (server.cpu_seconds(), super::server::cpu_seconds("self"));
            let o = driver::run(clients, warmup, duration).await;
            let (srv1, me1) = (server.cpu_seconds(), super::server::cpu_seconds("self"));
            let mut row = Row::new(sc.key, title, conns, &o);
            let share = duration.as_secs_f64() / (duration + warmup).as_secs_f64();
            let per_op = |a: Option<f64>, b: Option<f64>| {
                Some((b? - a?) * share * 1000.0 / (o.ops.max(1) as f64))
            };
            row.server_cpu_ms = per_op(srv0, srv1);
            row.client_cpu_ms = per_op(me0, me1);
            let base = match sc.class {
                Class::Baseline => "",
                Class::Read => "healthz",
                Class::Write => "ceiling",
            };
            record(&mut rows, row.based_on(base));
            memory.push((
                format!("{} @{conns}", sc.key),
                server.rss_kib(),
                server.peak_rss_kib(),
            ));
        }
    }
    // Webhook deliveries: a backlog drained to a local receiver.
    if args.only.is_empty() || args.only.iter().any(|o| "webhooks".contains(o.as_str())) {
        scenarios::refresh(&mut session, max_clients).await?;
        let backlog = if args.quick { 300 } else { 1000 };
        let o = super::webhooks::measure(&session, backlog, Duration::from_secs(120)).await?;
        let title = format!("webhooks: deliveries of a {backlog}-intake backlog, one subscription");
        record(
            &mut rows,
            Row::new("webhooks", &title, 1, &o).based_on("ceiling"),
        );
        memory.push(("webhooks".into(), server.rss_kib(), server.peak_rss_kib()));
    }
    let rss_now = server.rss_kib();
    eprintln!(
        "server memory (RSS / peak, MB): {}",
        memory
            .iter()
            .map(|(at, rss, peak)| format!("{at} {} / {}", mb(*rss), mb(*peak)))
            .collect::<Vec<_>>()
            .join(", ")
    );

    // 4. The SPA, served by the same server.
    let sizes = spa::sizes();
    let render = spa::render(&server.base);
    let peak = server.peak_rss_kib();
    let log = server.log.clone();
    server.stop();
    // The storage ceiling again, the server stopped.
    for conns in CONNECTIONS {
        let o = ceiling::measure(&db.url, Writes::One, conns, warmup, duration).await?;
        let row = Row::new("ceiling", "storage ceiling (again, at the end)", conns, &o);
        record(&mut rows, row);
    }
    let drift = apply_ratios(&mut rows);
    if args.keep {
        eprintln!("server log: {}", log.display());
    }

    // 5. Report.
    // Healthz first, then the ceiling, then the rest in scenario order.
    // Stable: the two measurements of a baseline stay in time order.
    rows.sort_by_key(|r| {
        let order = match r.key.as_str() {
            "healthz" => 0,
            "ceiling" => 1,
            "intake_writes" => 2,
            "intake_store" => 3,
            "read_ceiling" => 4,
            "webhooks" => 5 + SCENARIOS.len(),
            k => 5 + SCENARIOS.iter().position(|s| s.key == k).unwrap_or(99),
        };
        (order, r.conns)
    });
    let targets = targets(plan, &rows, peak, &sizes, &render);
    let mut text = report::table(engine.name(), &rows, &NOT_AVAILABLE);
    text.push_str(&format!(
        "data: {} | load {:.1} s (demo {:.1} s + bulk {:.1} s)\n",
        data.counts
            .iter()
            .map(|(t, n)| format!("{t} {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        load_seconds,
        data.demo_seconds,
        data.bulk_seconds
    ));
    text.push_str(&format!(
        "server peak memory (VmHWM): {} (VmRSS at the end of the scenarios: {})\n",
        peak.map_or("unknown".into(), |k| format!("{:.1} MB", k as f64 / 1024.0)),
        rss_now.map_or("unknown".into(), |k| format!("{:.1} MB", k as f64 / 1024.0)),
    ));
    text.push_str(&format!(
        "baselines measured twice (ratios use the mean); drift between the two: {}\n",
        drift
            .iter()
            .map(|(k, c, d)| format!("{k}@{c} {:.0}%", d * 100.0))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    text.push_str(&spa_text(&sizes, &render));
    text.push_str(&report::targets_text(&targets));
    for r in rows.iter().filter(|r| r.errors > 0) {
        text.push_str(&format!(
            "errors in {} ({} conns): {:?}\n",
            r.key, r.conns, r.error_samples
        ));
    }
    let errors: u64 = rows.iter().map(|r| r.errors).sum();
    let doc = json!({
        "date": chrono::Utc::now().format("%Y-%m-%d").to_string(),
        "started_at": chrono::Utc::now().to_rfc3339(),
        "db": engine.name(),
        "git": git_describe(),
        "machine": {"cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)},
        "args": {"quick": args.quick, "scale": args.scale, "duration_s": secs, "warmup_s": warmup.as_secs_f64(),
            "audit_history": format!("{:?}", args.audit).to_lowercase(), "only": args.only, "server_env": args.server_env,
            "sqlite_synchronous": if engine == Engine::Sqlite { if ceiling::relaxed_durability() { "NORMAL" } else { "FULL" } } else { "-" }},
        "plan": {"requests": plan.requests, "open": plan.open, "customers": plan.customers, "machines": plan.machines,
            "engineers": plan.engineers, "dealers": plan.dealers},
        "load": {"seconds": report::round(load_seconds, 1), "demo_seconds": report::round(data.demo_seconds, 1),
            "bulk_seconds": report::round(data.bulk_seconds, 1),
            "rows": data.counts.iter().map(|(t, n)| (t.clone(), json!(n))).collect::<serde_json::Map<_, _>>(),
            "open_by_status": data.open_by_status.iter().map(|(t, n)| (t.clone(), json!(n))).collect::<serde_json::Map<_, _>>(),
            "overdue_open": data.overdue, "harvest_critical_open": data.harvest_critical_open},
        "scenarios": rows.iter().map(Row::to_json).collect::<Vec<_>>(),
        "baseline_drift": drift.iter().map(|(k, c, d)| json!({"baseline": k, "connections": c, "drift": report::round(*d, 3)})).collect::<Vec<_>>(),
        "not_available": NOT_AVAILABLE.iter().map(|(w, why)| json!({"scenario": w, "result": why})).collect::<Vec<_>>(),
        "server": {"peak_rss_kib": peak, "rss_after_scenarios_kib": rss_now,
            "memory_kib": memory.iter().map(|(at, rss, peak)| json!({"after": at, "rss_kib": rss, "peak_kib": peak})).collect::<Vec<_>>()},
        "spa": spa::to_json(&sizes, &render),
        "targets": targets.iter().map(Target::to_json).collect::<Vec<_>>(),
    });
    let path = results_path(args, engine)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&path, serde_json::to_string_pretty(&doc)? + "\n")?;
    text.push_str(&format!("results: {}\n", path.display()));
    eprintln!("{text}");
    Ok(Done { text, errors })
}

/// Two notes as one, either possibly empty.
/// What bounds intake at `conns` clients, each measured alone in this run.
fn intake_notes(rows: &[Row], conns: usize) -> String {
    let ratio = |key: &str| find(rows, key, conns).and_then(|w| w.ratio);
    let mut notes = Vec::new();
    if let Some(w) = ratio("intake_writes") {
        notes.push(format!("an intake's writes alone: {w:.2} x ceiling"));
    }
    if let Some(w) = ratio("intake_store") {
        notes.push(format!("whole intakes in the store, no HTTP: {w:.2} x"));
    }
    if conns == 1
        && let Some(c) = baseline_mean(rows, "ceiling", 1)
        && let Some(b) = serial_bound(&[
            find(rows, "intake_writes", 1).map(|w| w.per_second),
            baseline_mean(rows, "healthz", 1),
            find(rows, "read_ceiling", 1).map(|r| r.per_second),
        ])
    {
        notes.push(format!(
            "the writes with the HTTP exchange and one read at most {:.2} x",
            b / c
        ));
    }
    notes.join("; ")
}

fn join_notes(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_owned(),
        (_, true) => a.to_owned(),
        _ => format!("{a}; {b}"),
    }
}

/// Ratios of every scenario row to the mean of its baseline's measurements at
/// the same connection count; returns each baseline's drift, (max - min) / mean.
fn apply_ratios(rows: &mut [Row]) -> Vec<(String, usize, f64)> {
    let mut drift = Vec::new();
    let mut means = Vec::new();
    for key in ["healthz", "ceiling"] {
        for conns in CONNECTIONS {
            let v: Vec<f64> = rows
                .iter()
                .filter(|r| r.key == key && r.conns == conns)
                .map(|r| r.per_second)
                .collect();
            let Some(mean) = baseline_mean(rows, key, conns) else {
                continue;
            };
            let spread = v.iter().cloned().fold(f64::MIN, f64::max)
                - v.iter().cloned().fold(f64::MAX, f64::min);
            drift.push((
                key.to_owned(),
                conns,
                if mean > 0.0 { spread / mean } else { 0.0 },
            ));
            means.push((key, conns, mean));
        }
    }
    for r in rows.iter_mut() {
        if let Some((_, _, mean)) = means.iter().find(|(k, c, _)| *k == r.base && *c == r.conns)
            && *mean > 0.0
        {
            r.ratio = Some(r.per_second / mean);
        }
    }
    drift
}

/// The mean rate of a baseline's measurements (it runs twice) at `conns`.
fn baseline_mean(rows: &[Row], key: &str, conns: usize) -> Option<f64> {
    let v: Vec<f64> = rows
        .iter()
        .filter(|r| r.key == key && r.conns == conns)
        .map(|r| r.per_second)
        .collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// The most a request needing each of `parts` (one after another) can reach,
/// from each part's rate measured alone: their times add, 1 / sum(1 / rate).
/// That holds one client at a time, and on a machine each part saturates.
fn serial_bound(parts: &[Option<f64>]) -> Option<f64> {
    let mut time = 0.0;
    for rate in parts {
        time += 1.0 / rate.filter(|r| *r > 0.0)?;
    }
    Some(1.0 / time)
}

fn mb(kib: Option<u64>) -> String {
    kib.map_or("?".into(), |k| format!("{:.1}", k as f64 / 1024.0))
}

/// Prints a measured row and keeps it for the table.
fn record(rows: &mut Vec<Row>, row: Row) {
    print_row(&row);
    rows.push(row);
}

fn print_row(r: &Row) {
    eprintln!(
        "  {:<44} {:>3} conns: {:>9.1}/s  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>8.2} ms  errors {}{}{}",
        r.title,
        r.conns,
        r.per_second,
        r.p50_ms,
        r.p99_ms,
        r.max_ms,
        r.errors,
        r.ratio
            .map_or(String::new(), |x| format!("  = {x:.2} x {}", r.base)),
        match (r.server_cpu_ms, r.client_cpu_ms) {
            (Some(s), Some(c)) => format!("  cpu/op: server {s:.2} ms, load generator {c:.2} ms"),
            _ => String::new(),
        }
    );
    for e in &r.error_samples {
        eprintln!("      error: {e}");
    }
}

fn spa_text(
    sizes: &Result<spa::Sizes, String>,
    render: &Result<(f64, Vec<f64>), String>,
) -> String {
    let s = match sizes {
        Ok(s) => format!(
            "wasm {} B + js {} B = {} B gzip, {} B brotli",
            util::fmt_bytes(s.wasm_gzip),
            util::fmt_bytes(s.js_gzip),
            util::fmt_bytes(s.wasm_gzip + s.js_gzip),
            util::fmt_bytes(s.wasm_brotli + s.js_brotli)
        ),
        Err(e) => e.clone(),
    };
    let s = match spa::wasm_raw_size() {
        Some(raw) => format!("{s} (wasm {} B raw)", util::fmt_bytes(raw)),
        None => s,
    };
    let r = match render {
        Ok((median, runs)) => {
            format!("sign-in page rendered in {median:.0} ms (median of {runs:?} ms, cold cache)")
        }
        Err(e) => e.clone(),
    };
    format!("SPA: {s}; {r}\n")
}

fn find<'a>(rows: &'a [Row], key: &str, conns: usize) -> Option<&'a Row> {
    rows.iter().find(|r| r.key == key && r.conns == conns)
}

/// The issue's targets, checked on this run's numbers.
fn targets(
    plan: &Plan,
    rows: &[Row],
    peak_kib: Option<u64>,
    sizes: &Result<spa::Sizes, String>,
    render: &Result<(f64, Vec<f64>), String>,
) -> Vec<Target> {
    let at_scale = if plan.requests >= 1_000_000 {
        String::new()
    } else {
        format!(
            "measured with {} requests; the target is for 1,000,000",
            plan.requests
        )
    };
    let mut out = Vec::new();
    let missing = |name: &str| Target {
        name: name.to_owned(),
        measured: "not measured".into(),
        pass: None,
        note: String::new(),
    };
    let name = "read request by id @32: >= 0.35 x healthz and p99 < 10 ms";
    out.push(match find(rows, "read", 32) {
        Some(r) => {
            let ratio = r.ratio.unwrap_or(0.0);
            Target {
                name: name.into(),
                measured: format!("{ratio:.2} x healthz, p99 {:.2} ms", r.p99_ms),
                pass: Some(ratio >= 0.35 && r.p99_ms < 10.0 && r.errors == 0),
                // The bound a database read cannot pass, measured in this run:
                // on a saturated machine an HTTP exchange (1/healthz of its
                // time) and a row through the pool (1/read ceiling) add up, so
                // a read that needs both reaches at most c / (1 + c) x healthz.
                note: match find(rows, "read_ceiling", 32).and_then(|c| c.ratio) {
                    Some(c) => join_notes(
                        &at_scale,
                        &format!(
                            "one row by key through the pool alone: {c:.2} x healthz, \
                             so with the HTTP exchange at most {:.2} x",
                            c / (1.0 + c)
                        ),
                    ),
                    None => at_scale.clone(),
                },
            }
        }
        None => missing(name),
    });
    for conns in CONNECTIONS {
        let name = format!("intake @{conns}: >= 0.50 x storage ceiling");
        out.push(match find(rows, "intake", conns) {
            Some(r) => {
                let ratio = r.ratio.unwrap_or(0.0);
                Target {
                    name,
                    measured: format!(
                        "{ratio:.2} x ceiling ({:.1}/s vs {:.1}/s)",
                        r.per_second,
                        if ratio > 0.0 {
                            r.per_second / ratio
                        } else {
                            0.0
                        }
                    ),
                    pass: Some(ratio >= 0.5 && r.errors == 0),
                    // What the writes an intake must make reach alone, and
                    // whole intakes through the store, in this run; one client
                    // at a time, the writes with the HTTP exchange and the one
                    // read that checks what the request names are the most an
                    // intake can reach.
                    note: intake_notes(rows, conns),
                }
            }
            None => missing(&name),
        });
    }
    for (key, what) in [
        ("list", "default request list"),
        ("sync", "dealer sync page"),
    ] {
        for conns in CONNECTIONS {
            let name = format!("{what} @{conns}: p99 < 20 ms");
            // With every client always waiting, the mean wait is clients /
            // rate (Little's law); the store's page and the HTTP exchange,
            // each measured alone, bound the rate.
            let ceiling = if key == "list" {
                "page_ceiling"
            } else {
                "sync_ceiling"
            };
            let floor = serial_bound(&[
                find(rows, ceiling, conns).map(|p| p.per_second),
                baseline_mean(rows, "healthz", conns),
            ])
            .map(|b| {
                format!(
                    "the store's page as JSON and the HTTP exchange allow at most {b:.0}/s, \
                         a mean wait of at least {:.1} ms",
                    conns as f64 * 1000.0 / b
                )
            })
            .unwrap_or_default();
            out.push(match find(rows, key, conns) {
                Some(r) => Target {
                    name,
                    measured: format!("p99 {:.2} ms", r.p99_ms),
                    pass: Some(r.p99_ms < 20.0 && r.errors == 0),
                    note: join_notes(&at_scale, &floor),
                },
                None => missing(&name),
            });
        }
    }
    out.push(match peak_kib {
        Some(k) => Target {
            name: "server peak memory (VmHWM) < 100 MB".into(),
            measured: format!("{:.1} MB", k as f64 / 1024.0),
            pass: Some((k as f64) < 100.0 * 1024.0),
            note: String::new(),
        },
        None => missing("server peak memory (VmHWM) < 100 MB"),
    });
    // The office bundle stands for the web app here; every bundle's own size
    // and first screen against its budget are printed by `spa::render`.
    let render_target = format!("SPA office first screen < {:.0} ms", spa::RENDER_LIMIT_MS);
    out.push(match render {
        Ok((median, _)) => Target {
            name: render_target,
            measured: format!("{median:.0} ms"),
            pass: Some(*median < spa::RENDER_LIMIT_MS),
            note: "median of 5 cold loads".into(),
        },
        Err(e) => Target {
            name: render_target,
            measured: "not measured".into(),
            pass: None,
            note: e.clone(),
        },
    });
    let size_target = "SPA office wasm + js within its gzip budget".to_owned();
    out.push(match (sizes, &spa::office_budget()) {
        (
            Ok(spa::Sizes {
                wasm_gzip: w,
                js_gzip: j,
                ..
            }),
            &Ok(budget),
        ) => Target {
            name: size_target,
            measured: format!(
                "{} B ({:.2} x the {} B budget)",
                util::fmt_bytes(w + j),
                (w + j) as f64 / budget as f64,
                util::fmt_bytes(budget)
            ),
            pass: Some(w + j <= budget),
            note: "the build in frontend/dist".into(),
        },
        (Err(e), _) | (_, Err(e)) => Target {
            name: size_target,
            measured: "not measured".into(),
            pass: None,
            note: e.clone(),
        },
    });
    out
}

/// Full runs go to bench/results/ (committed); quick and partial runs to target/bench/.
fn results_path(args: &Args, engine: Engine) -> anyhow::Result<PathBuf> {
    let date = chrono::Utc::now().format("%Y-%m-%d");
    let db = engine.name();
    if args.quick || !args.only.is_empty() || args.duration.is_some() || !args.server_env.is_empty()
    {
        let tag = if args.quick { "quick" } else { "partial" };
        return Ok(util::target_dir()?.join(format!("bench/{date}-{db}-{tag}.json")));
    }
    let scale = if (args.scale - 1.0).abs() < f64::EPSILON {
        String::new()
    } else {
        format!("-scale{}", args.scale)
    };
    Ok(util::root().join(format!("bench/results/{date}-{db}{scale}.json")))
}

fn git_describe() -> Value {
    let head = util::output(
        std::process::Command::new("git")
            .args(["rev-parse", "--short", "HEAD"])
            .current_dir(util::root()),
    );
    let dirty = util::output(
        std::process::Command::new("git")
            .args(["status", "--porcelain"])
            .current_dir(util::root()),
    )
    .is_some_and(|s| !s.trim().is_empty());
    json!({"commit": head.map(|h| h.trim().to_owned()), "dirty": dirty})
}

#[cfg(test)]
mod tests {
    use super::serial_bound;

    #[test]
    fn parts_done_one_after_another_add_their_times() {
        // 1/4 s + 1/4 s: two a second.
        assert_eq!(serial_bound(&[Some(4.0), Some(4.0)]), Some(2.0));
        let b = serial_bound(&[Some(2000.0), Some(10_000.0), Some(10_000.0)]).unwrap();
        assert!((b - 1428.57).abs() < 0.01, "{b}");
    }

    #[test]
    fn a_part_not_measured_gives_no_bound() {
        assert_eq!(serial_bound(&[Some(4.0), None]), None);
        assert_eq!(serial_bound(&[Some(4.0), Some(0.0)]), None);
    }
}
