//! The SPA's budget: wasm plus JavaScript under 600 KB gzipped, and the sign-in
//! page rendered within 1.5 s of navigation (headless Chromium on loopback,
//! tests/browser/bench_spa.mjs).

use crate::util;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub fn dist_dir() -> PathBuf {
    util::root().join("frontend/dist")
}

/// Gzip sizes of app_bg.wasm and app.js, or why there are none.
pub fn sizes() -> Result<(u64, u64), String> {
    let dist = dist_dir();
    let (wasm, js) = (dist.join("app_bg.wasm"), dist.join("app.js"));
    if !wasm.is_file() || !js.is_file() {
        return Err(format!(
            "not built ({} has no app_bg.wasm/app.js; run `cargo xtask dist`)",
            dist.display()
        ));
    }
    match (util::gzip_size(&wasm), util::gzip_size(&js)) {
        (Some(w), Some(j)) => Ok((w, j)),
        _ => Err("gzip is not installed".into()),
    }
}

/// Raw size of the wasm (a dev build is several times the release one).
pub fn wasm_raw_size() -> Option<u64> {
    std::fs::metadata(dist_dir().join("app_bg.wasm"))
        .ok()
        .map(|m| m.len())
}

/// Median and runs of the sign-in page's render time, or why it was skipped.
pub fn render(base: &str) -> Result<(f64, Vec<f64>), String> {
    let root = util::root();
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !dist_dir().join("index.html").is_file() {
        return Err("skipped: the SPA is not built (cargo xtask dist)".into());
    }
    if !Path::new(&chromium).is_file() {
        return Err(format!("skipped: no Chromium at {chromium}"));
    }
    if !root
        .join("tests/browser/node_modules/playwright-core")
        .is_dir()
    {
        return Err(
            "skipped: tests/browser/node_modules has no playwright-core (npm ci in tests/browser)"
                .into(),
        );
    }
    if util::which("node").is_none() {
        return Err("skipped: node is not installed".into());
    }
    let out = Command::new("node")
        .arg("tests/browser/bench_spa.mjs")
        .arg("5")
        .current_dir(&root)
        .env("FURROW_URL", base)
        .env("CHROMIUM", &chromium)
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("failed to run node: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!(
            "bench_spa.mjs failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .take(5)
                .collect::<Vec<_>>()
                .join(" / ")
        ));
    }
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.starts_with('{'))
        .unwrap_or_default();
    let v: Value =
        serde_json::from_str(line).map_err(|_| format!("unexpected output: {stdout}"))?;
    let runs: Vec<f64> = v["runs_ms"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    let median = v["median_ms"]
        .as_f64()
        .ok_or_else(|| format!("unexpected output: {stdout}"))?;
    Ok((median, runs))
}

/// Both measurements as JSON, for the results file.
pub fn to_json(
    sizes: &Result<(u64, u64), String>,
    render: &Result<(f64, Vec<f64>), String>,
) -> Value {
    json!({
        "wasm_gzip_bytes": sizes.as_ref().ok().map(|s| s.0),
        "js_gzip_bytes": sizes.as_ref().ok().map(|s| s.1),
        "sizes_note": sizes.as_ref().err(),
        "wasm_raw_bytes": wasm_raw_size(),
        "render_median_ms": render.as_ref().ok().map(|r| r.0),
        "render_runs_ms": render.as_ref().ok().map(|r| r.1.clone()),
        "render_note": render.as_ref().err(),
    })
}
