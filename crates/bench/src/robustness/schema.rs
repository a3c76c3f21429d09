//! schemathesis against the running server, once per role: property-based
//! requests generated from the server's own OpenAPI document, failing on a
//! 5xx (`not_a_server_error`), a status the document does not list for the
//! operation (`status_code_conformance`) or a body that does not match the
//! documented schema (`response_schema_conformance`).
//!
//! Left out, so that the run stays meaningful for the roles that follow
//! (schemathesis reuses ids it has seen, so it would find the demo users):
//! `POST /auth/logout`, `POST /me/password`, `PATCH /users/{id}` (roles and
//! active flag), `POST /users/{id}/deactivate` and `POST /users/{id}/password`.

use super::http::clip;
use anyhow::Context;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Operations never generated, and why (see the module's doc).
pub const EXCLUDED: [&str; 5] = [
    "POST /api/v1/auth/logout",
    "POST /api/v1/me/password",
    "PATCH /api/v1/users/{id}",
    "POST /api/v1/users/{id}/deactivate",
    "POST /api/v1/users/{id}/password",
];

/// The checks that fail the run.
pub const CHECKS: &str = "not_a_server_error,status_code_conformance,response_schema_conformance";

/// The longest one role's run may take before it is stopped (and failed).
const ROLE_TIMEOUT: Duration = Duration::from_secs(240);

/// How schemathesis is run.
pub struct Settings {
    pub schemathesis: PathBuf,
    pub max_examples: u32,
    pub seed: u64,
}

/// One check that failed, with one request that showed it.
#[derive(Debug, Clone)]
pub struct Failure {
    pub operation: String,
    pub check: String,
    pub message: String,
    pub request: String,
    pub status: Option<u16>,
}

/// One role's run.
#[derive(Debug, Default)]
pub struct RoleRun {
    pub role: String,
    pub requests: u64,
    pub statuses: BTreeMap<u16, u64>,
    pub failures: Vec<Failure>,
    /// Errors schemathesis reported (not check failures), and our own.
    pub errors: Vec<String>,
    pub seconds: f64,
    pub output: PathBuf,
}

impl RoleRun {
    pub fn server_errors(&self) -> u64 {
        self.statuses
            .iter()
            .filter(|(s, _)| **s >= 500)
            .map(|(_, n)| n)
            .sum()
    }
}

/// Runs schemathesis as `role` (bearer `token`) against `base`; the output
/// and reports go to `dir`.
pub fn run_role(
    settings: &Settings,
    base: &str,
    role: &str,
    token: &str,
    dir: &Path,
) -> anyhow::Result<RoleRun> {
    std::fs::create_dir_all(dir)?;
    let ndjson = dir.join(format!("{role}.ndjson"));
    let json = dir.join(format!("{role}.json"));
    let output = dir.join(format!("{role}.txt"));
    let _ = std::fs::remove_file(&ndjson);
    let mut cmd = Command::new(&settings.schemathesis);
    cmd.arg("run")
        .arg(format!("{base}/api/v1/openapi.json"))
        .args(["--url", base])
        .args(["--checks", CHECKS])
        .args(["--phases", "examples,coverage,fuzzing"])
        .args(["--max-examples", &settings.max_examples.to_string()])
        .args(["--seed", &settings.seed.to_string()])
        .args(["--workers", "2"])
        .args(["--request-timeout", "30"])
        .args(["--suppress-health-check", "all"])
        .args(["--generation-database", "none"])
        .args(["--report", "ndjson,json"])
        .arg("--report-ndjson-path")
        .arg(&ndjson)
        .arg("--report-json-path")
        .arg(&json)
        .arg("--no-color");
    for op in EXCLUDED {
        cmd.args(["--exclude-name", op]);
    }
    eprintln!(
        "$ {} -H 'Authorization: Bearer <{role}>'",
        crate::util::display(&cmd)
    );
    cmd.args(["-H", &format!("Authorization: Bearer {token}")]);
    let out = std::fs::File::create(&output)?;
    let started = Instant::now();
    let mut child = cmd
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(out.try_clone()?)
        .stderr(out)
        .spawn()
        .with_context(|| format!("Failed to start {}", settings.schemathesis.display()))?;
    let mut run = RoleRun {
        role: role.to_owned(),
        output: output.clone(),
        ..RoleRun::default()
    };
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if started.elapsed() > ROLE_TIMEOUT {
            eprintln!(
                "schemathesis as {role} ran out of time: stopping it (pid {})",
                child.id()
            );
            let _ = child.kill();
            let _ = child.wait();
            run.errors.push(format!(
                "schemathesis did not finish within {} s (stopped)",
                ROLE_TIMEOUT.as_secs()
            ));
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    run.seconds = started.elapsed().as_secs_f64();
    match std::fs::File::open(&ndjson) {
        Ok(f) => read_events(std::io::BufReader::new(f), &mut run),
        Err(e) => run
            .errors
            .push(format!("no report {}: {e}", ndjson.display())),
    }
    // Exit code 1 is "checks failed", which the events already tell; anything
    // else with no failure recorded is an error of schemathesis itself.
    if let Some(status) = status
        && !status.success()
        && run.failures.is_empty()
        && run.errors.is_empty()
    {
        run.errors.push(format!(
            "schemathesis exited with {status} and reported no failure; see {}",
            output.display()
        ));
    }
    Ok(run)
}

/// Reads schemathesis's NDJSON events: every request's status, and every
/// failed check (once per operation, check and message).
fn read_events(reader: impl BufRead, run: &mut RoleRun) {
    let mut seen = HashSet::new();
    for line in reader.lines() {
        let Ok(line) = line else { break };
        let Ok(event) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        let Some((kind, body)) = event.as_object().and_then(|o| o.iter().next()) else {
            continue;
        };
        if kind == "ScenarioFinished" {
            scenario(&body["recorder"], run, &mut seen);
        } else if kind.contains("Error") {
            run.errors.push(clip(&body.to_string(), 400));
        }
    }
}

fn scenario(recorder: &Value, run: &mut RoleRun, seen: &mut HashSet<(String, String, String)>) {
    let label = recorder["label"].as_str().unwrap_or("?").to_owned();
    let interactions = recorder["interactions"].as_object();
    for i in interactions.into_iter().flat_map(|m| m.values()) {
        run.requests += 1;
        if let Some(s) = i["response"]["status_code"].as_u64() {
            *run.statuses.entry(s as u16).or_default() += 1;
        }
    }
    let Some(checks) = recorder["checks"].as_object() else {
        return;
    };
    for (case, list) in checks {
        for c in list.as_array().into_iter().flatten() {
            if c["status"].as_str() == Some("success") {
                continue;
            }
            let f = &c["failure_info"]["failure"];
            let check = format!(
                "{} {}",
                f["code"].as_str().unwrap_or(""),
                f["title"]
                    .as_str()
                    .unwrap_or(c["name"].as_str().unwrap_or("?"))
            );
            let message = f["message"]
                .as_str()
                .unwrap_or("")
                .trim()
                .replace('\n', "; ");
            let key = (label.clone(), check.clone(), message.clone());
            if !seen.insert(key) {
                continue;
            }
            let i = interactions.and_then(|m| m.get(case));
            let request = i.map_or_else(String::new, |i| {
                format!(
                    "{} {}",
                    i["request"]["method"].as_str().unwrap_or("?"),
                    i["request"]["uri"].as_str().unwrap_or("?")
                )
            });
            let status = i
                .and_then(|i| i["response"]["status_code"].as_u64())
                .map(|s| s as u16);
            run.failures.push(Failure {
                operation: label.clone(),
                check,
                message: clip(&message, 300),
                request: clip(&request, 300),
                status,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_requests_and_failures_from_the_events() {
        let events = r#"{"Initialize":{"seed":1}}
{"ScenarioFinished":{"recorder":{"label":"GET /api/v1/customers","checks":{"a":[{"name":"not_a_server_error","status":"success"},{"name":"status_code_conformance","status":"failure","failure_info":{"failure":{"code":"ST103","title":"Undocumented status code","message":"Received: 422\nDocumented: 200, 400"}}}],"b":[{"name":"status_code_conformance","status":"failure","failure_info":{"failure":{"code":"ST103","title":"Undocumented status code","message":"Received: 422\nDocumented: 200, 400"}}}]},"interactions":{"a":{"request":{"method":"GET","uri":"http://x/api/v1/customers?cursor="},"response":{"status_code":422}},"b":{"request":{"method":"GET","uri":"http://x/api/v1/customers?cursor=%20"},"response":{"status_code":422}},"c":{"request":{"method":"GET","uri":"http://x/api/v1/customers"},"response":{"status_code":500}}}}}}
not json
{"NonFatalError":{"info":{"message":"boom"}}}
"#;
        let mut run = RoleRun::default();
        read_events(events.as_bytes(), &mut run);
        assert_eq!(run.requests, 3);
        assert_eq!(run.server_errors(), 1);
        assert_eq!(
            run.failures.len(),
            1,
            "the same failure twice is listed once"
        );
        let f = &run.failures[0];
        assert_eq!(f.operation, "GET /api/v1/customers");
        assert_eq!(f.check, "ST103 Undocumented status code");
        assert_eq!(f.message, "Received: 422; Documented: 200, 400");
        assert_eq!(f.status, Some(422));
        assert_eq!(run.errors.len(), 1);
    }
}
