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

/// What the SPA costs on the wire: the precompressed copies `cargo xtask
/// dist` wrote beside the hashed wasm and JavaScript, which the server sends.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub wasm_gzip: u64,
    pub js_gzip: u64,
    pub wasm_brotli: u64,
    pub js_brotli: u64,
}

/// Sizes of the dist's `app_bg-<hash>.wasm` and `app-<hash>.js` as gzip and
/// brotli, or why there are none.
pub fn sizes() -> Result<Sizes, String> {
    let dist = dist_dir();
    let not_built = || {
        format!(
            "not built ({} has no app_bg-<hash>.wasm/app-<hash>.js with .gz and .br; \
             run `cargo xtask dist`)",
            dist.display()
        )
    };
    let (wasm, js) = (asset("app_bg", "wasm"), asset("app", "js"));
    let (Some(wasm), Some(js)) = (wasm, js) else {
        return Err(not_built());
    };
    let size = |path: &Path, ext: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(ext);
        std::fs::metadata(PathBuf::from(name))
            .map(|m| m.len())
            .map_err(|_| not_built())
    };
    Ok(Sizes {
        wasm_gzip: size(&wasm, ".gz")?,
        js_gzip: size(&js, ".gz")?,
        wasm_brotli: size(&wasm, ".br")?,
        js_brotli: size(&js, ".br")?,
    })
}

/// Raw size of the wasm (a dev build is several times the release one).
pub fn wasm_raw_size() -> Option<u64> {
    std::fs::metadata(asset("app_bg", "wasm")?)
        .ok()
        .map(|m| m.len())
}

/// The dist's `<stem>-<hash>.<ext>`, the newest when several are there.
fn asset(stem: &str, ext: &str) -> Option<PathBuf> {
    let prefix = format!("{stem}-");
    let suffix = format!(".{ext}");
    std::fs::read_dir(dist_dir())
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(&suffix))
                .is_some_and(|hash| !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
        .map(|e| e.path())
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
pub fn to_json(sizes: &Result<Sizes, String>, render: &Result<(f64, Vec<f64>), String>) -> Value {
    let ok = sizes.as_ref().ok();
    json!({
        "wasm_gzip_bytes": ok.map(|s| s.wasm_gzip),
        "js_gzip_bytes": ok.map(|s| s.js_gzip),
        "wasm_brotli_bytes": ok.map(|s| s.wasm_brotli),
        "js_brotli_bytes": ok.map(|s| s.js_brotli),
        "sizes_note": sizes.as_ref().err(),
        "wasm_raw_bytes": wasm_raw_size(),
        "render_median_ms": render.as_ref().ok().map(|r| r.0),
        "render_runs_ms": render.as_ref().ok().map(|r| r.1.clone()),
        "render_note": render.as_ref().err(),
    })
}
