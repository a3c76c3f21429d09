//! The web apps' budgets: each bundle's wasm plus JavaScript, gzipped, against
//! its own budget, and each bundle's first screen rendered within 1 s of
//! navigation (headless Chromium on loopback, tests/browser/bench_spa.mjs).
//! `cargo xtask dist` lists the bundles, their files and their budgets in the
//! dist's `bundles.json`.
//!
//! The runner's summary line and target are about the office bundle, the
//! successor of the single app; the per-bundle lines are printed here.

use crate::util::{self, fmt_bytes};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

pub fn dist_dir() -> PathBuf {
    util::root().join("frontend/dist")
}

/// The bundle the runner's summary speaks of.
const MAIN_BUNDLE: &str = "office";

/// Where each bundle's first screen is and what shows it: the sign-in form of
/// the office, the field app, the administration, the archives, the
/// warehouse, the quality assessment and the integrations (signed out, they ask for sign-in),
/// and the sign-off page's answer for a link that is no link.
const FIRST_SCREENS: [(&str, &str, &str); 8] = [
    ("office", "/", r#"[data-testid="login-form"]"#),
    ("field", "/my-work", r#"[data-testid="login-form"]"#),
    ("admin", "/users", r#"[data-testid="login-form"]"#),
    ("archive", "/customers", r#"[data-testid="login-form"]"#),
    ("warehouse", "/parts", r#"[data-testid="login-form"]"#),
    ("quality", "/kpis", r#"[data-testid="login-form"]"#),
    (
        "integrations",
        "/integrations/api-clients",
        r#"[data-testid="login-form"]"#,
    ),
    (
        "sign",
        "/sign/00000000000000000000000000000000",
        r#"[data-testid="sign-unknown"], [data-testid="sign-gone"], [data-testid="sign-summary"]"#,
    ),
];

/// The first screen's render time limit.
pub const RENDER_LIMIT_MS: f64 = 1000.0;

/// What a bundle costs on the wire: the precompressed copies `cargo xtask
/// dist` wrote beside the hashed wasm and JavaScript, which the server sends.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub wasm_gzip: u64,
    pub js_gzip: u64,
    pub wasm_brotli: u64,
    pub js_brotli: u64,
}

/// A bundle as `bundles.json` lists it, with its sizes.
struct Bundle {
    name: String,
    budget_gzip: u64,
    wasm: PathBuf,
    sizes: Result<Sizes, String>,
}

/// The office bundle's sizes, or why there are none.
pub fn sizes() -> Result<Sizes, String> {
    let bundles = bundles()?;
    bundles
        .into_iter()
        .find(|b| b.name == MAIN_BUNDLE)
        .ok_or_else(|| format!("bundles.json names no {MAIN_BUNDLE} bundle"))?
        .sizes
}

/// The office bundle's gzip budget, as `cargo xtask dist` set it.
pub fn office_budget() -> Result<u64, String> {
    bundles()?
        .into_iter()
        .find(|b| b.name == MAIN_BUNDLE)
        .map(|b| b.budget_gzip)
        .ok_or_else(|| format!("bundles.json names no {MAIN_BUNDLE} bundle"))
}

/// Raw size of the office wasm (a dev build is several times the release one).
pub fn wasm_raw_size() -> Option<u64> {
    let office = bundles()
        .ok()?
        .into_iter()
        .find(|b| b.name == MAIN_BUNDLE)?;
    std::fs::metadata(office.wasm).ok().map(|m| m.len())
}

fn not_built() -> String {
    format!(
        "not built ({} has no bundles.json naming hashed wasm and js with .gz and .br; \
         run `cargo xtask dist`)",
        dist_dir().display()
    )
}

/// The bundles of the dist's `bundles.json`, each with its sizes.
fn bundles() -> Result<Vec<Bundle>, String> {
    let dist = dist_dir();
    let manifest = std::fs::read_to_string(dist.join("bundles.json")).map_err(|_| not_built())?;
    let manifest: Value = serde_json::from_str(&manifest).map_err(|_| not_built())?;
    let list = manifest["bundles"].as_array().ok_or_else(not_built)?;
    Ok(list
        .iter()
        .map(|b| {
            let files: Vec<PathBuf> = b["files"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(|f| dist.join(f))
                .collect();
            let find = |ext: &str| {
                files
                    .iter()
                    .find(|f| f.extension().is_some_and(|e| e == ext))
            };
            let sizes = match (find("wasm"), find("js")) {
                (Some(wasm), Some(js)) => (|| {
                    Ok(Sizes {
                        wasm_gzip: size(wasm, ".gz")?,
                        js_gzip: size(js, ".gz")?,
                        wasm_brotli: size(wasm, ".br")?,
                        js_brotli: size(js, ".br")?,
                    })
                })(),
                _ => Err(not_built()),
            };
            Bundle {
                name: b["name"].as_str().unwrap_or_default().to_owned(),
                budget_gzip: b["budget_gzip_bytes"].as_u64().unwrap_or(0),
                wasm: find("wasm").cloned().unwrap_or_default(),
                sizes,
            }
        })
        .collect())
}

fn size(path: &Path, ext: &str) -> Result<u64, String> {
    let mut name = path.as_os_str().to_owned();
    name.push(ext);
    std::fs::metadata(PathBuf::from(name))
        .map(|m| m.len())
        .map_err(|_| not_built())
}

/// A first screen's median and runs in ms, or why it was not measured.
type Render = Result<(f64, Vec<f64>), String>;

/// A bundle's name and its [`Render`].
type BundleRender = (String, Render);

/// Every bundle's render time (median and runs, or why not measured), kept
/// for `to_json` since the runner passes on only the office's.
static RENDERS: Mutex<Vec<BundleRender>> = Mutex::new(Vec::new());

/// Measures every bundle's first screen, prints each bundle's sizes and render
/// time against its budget, and returns the office's render time.
pub fn render(base: &str) -> Result<(f64, Vec<f64>), String> {
    let renders = render_all(base);
    let bundles = bundles().unwrap_or_default();
    for (name, _, _) in FIRST_SCREENS {
        eprintln!("{}", bundle_line(name, &bundles, &renders));
    }
    let office = renders
        .iter()
        .find(|(name, _)| name == MAIN_BUNDLE)
        .map(|(_, r)| r.clone())
        .unwrap_or_else(|| Err("not measured".into()));
    *RENDERS.lock().expect("render results lock") = renders;
    office
}

/// `SPA office: 412,345 B gzip (budget 450,000 B: within), 330,000 B brotli;
/// first screen 310 ms (limit 1000 ms: within)`.
fn bundle_line(name: &str, bundles: &[Bundle], renders: &[BundleRender]) -> String {
    let size = match bundles.iter().find(|b| b.name == name) {
        Some(b) => match &b.sizes {
            Ok(s) => {
                let gzip = s.wasm_gzip + s.js_gzip;
                format!(
                    "{} B gzip (budget {} B: {}), {} B brotli",
                    fmt_bytes(gzip),
                    fmt_bytes(b.budget_gzip),
                    verdict(gzip <= b.budget_gzip),
                    fmt_bytes(s.wasm_brotli + s.js_brotli)
                )
            }
            Err(e) => e.clone(),
        },
        None => not_built(),
    };
    let render = match renders.iter().find(|(n, _)| n == name) {
        Some((_, Ok((median, runs)))) => format!(
            "first screen {median:.0} ms (limit {RENDER_LIMIT_MS:.0} ms: {}; runs {runs:?})",
            verdict(*median <= RENDER_LIMIT_MS)
        ),
        Some((_, Err(e))) => e.clone(),
        None => "first screen not measured".into(),
    };
    format!("SPA {name}: {size}; {render}")
}

fn verdict(pass: bool) -> &'static str {
    if pass { "within" } else { "OVER" }
}

/// Each bundle's median and runs, or why they were skipped.
fn render_all(base: &str) -> Vec<BundleRender> {
    let skipped = |why: String| {
        FIRST_SCREENS
            .iter()
            .map(|(name, _, _)| ((*name).to_owned(), Err(why.clone())))
            .collect()
    };
    let out = match run_node(base) {
        Ok(out) => out,
        Err(why) => return skipped(why),
    };
    FIRST_SCREENS
        .iter()
        .map(|(name, _, _)| {
            let v = &out["bundles"][name];
            let runs: Vec<f64> = v["runs_ms"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_f64).collect())
                .unwrap_or_default();
            let result = v["median_ms"]
                .as_f64()
                .map(|median| (median, runs))
                .ok_or_else(|| format!("bench_spa.mjs reported nothing for {name}"));
            ((*name).to_owned(), result)
        })
        .collect()
}

/// Runs bench_spa.mjs on every first screen; its JSON answer, or why not.
fn run_node(base: &str) -> Result<Value, String> {
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
    let screens: Vec<Value> = FIRST_SCREENS
        .iter()
        .map(|(name, path, selector)| json!({ "name": name, "path": path, "selector": selector }))
        .collect();
    let out = Command::new("node")
        .arg("tests/browser/bench_spa.mjs")
        .arg("5")
        .arg(Value::Array(screens).to_string())
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
    serde_json::from_str(line).map_err(|_| format!("unexpected output: {stdout}"))
}

/// The office's measurements as before, and every bundle's, for the results
/// file.
pub fn to_json(sizes: &Result<Sizes, String>, render: &Result<(f64, Vec<f64>), String>) -> Value {
    let ok = sizes.as_ref().ok();
    let renders = RENDERS.lock().expect("render results lock");
    let bundles: Vec<Value> = bundles()
        .unwrap_or_default()
        .iter()
        .map(|b| {
            let s = b.sizes.as_ref().ok();
            let r = renders.iter().find(|(n, _)| *n == b.name).map(|(_, r)| r);
            json!({
                "name": b.name,
                "budget_gzip_bytes": b.budget_gzip,
                "wasm_gzip_bytes": s.map(|s| s.wasm_gzip),
                "js_gzip_bytes": s.map(|s| s.js_gzip),
                "wasm_brotli_bytes": s.map(|s| s.wasm_brotli),
                "js_brotli_bytes": s.map(|s| s.js_brotli),
                "within_budget": s.map(|s| s.wasm_gzip + s.js_gzip <= b.budget_gzip),
                "sizes_note": b.sizes.as_ref().err(),
                "render_median_ms": r.and_then(|r| r.as_ref().ok()).map(|r| r.0),
                "render_runs_ms": r.and_then(|r| r.as_ref().ok()).map(|r| r.1.clone()),
                "render_note": r.and_then(|r| r.as_ref().err()),
            })
        })
        .collect();
    json!({
        "bundle": MAIN_BUNDLE,
        "wasm_gzip_bytes": ok.map(|s| s.wasm_gzip),
        "js_gzip_bytes": ok.map(|s| s.js_gzip),
        "wasm_brotli_bytes": ok.map(|s| s.wasm_brotli),
        "js_brotli_bytes": ok.map(|s| s.js_brotli),
        "sizes_note": sizes.as_ref().err(),
        "wasm_raw_bytes": wasm_raw_size(),
        "render_median_ms": render.as_ref().ok().map(|r| r.0),
        "render_runs_ms": render.as_ref().ok().map(|r| r.1.clone()),
        "render_note": render.as_ref().err(),
        "bundles": bundles,
    })
}
