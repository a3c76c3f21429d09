//! `cargo xtask run`: build the SPA, then `furrow serve --demo` on the embedded
//! database in ./data, at http://127.0.0.1:8080 unless the environment says otherwise.

use crate::dist::{self, Profile};
use crate::util::{self, display};
use anyhow::{Context, bail};

/// Defaults that the environment may override.
const DEFAULTS: [(&str, &str); 3] = [
    ("FURROW_DATA_DIR", "data"),
    ("FURROW_BIND", "127.0.0.1:8080"),
    ("FURROW_WEB_DIR", "frontend/dist"),
];

pub fn run(extra: &[String]) -> anyhow::Result<()> {
    dist::dist(Profile::Release)?;

    let mut cmd = util::cargo();
    cmd.args([
        "run",
        "--release",
        "-p",
        "furrow-api",
        "--bin",
        "furrow",
        "--",
        "serve",
        "--demo",
    ])
    .args(extra);
    for (key, value) in DEFAULTS {
        if std::env::var_os(key).is_none_or(|v| v.is_empty()) {
            cmd.env(key, value);
        }
    }
    let bind = std::env::var("FURROW_BIND")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| DEFAULTS[1].1.to_owned());
    eprintln!("Furrow will listen on http://{bind}/ (demo accounts, password furrow-demo)");
    eprintln!("$ {}", display(&cmd));
    let status = cmd.status().context("Failed to start cargo run")?;
    if !status.success() {
        bail!("furrow exited ({status})");
    }
    Ok(())
}
