//! `cargo xtask openapi`: regenerates the committed contract,
//! openapi/openapi.json, from the code (`furrow openapi`).

use crate::util::{self, display};
use anyhow::{Context, bail};
use std::process::Stdio;

pub fn openapi() -> anyhow::Result<()> {
    let mut cmd = util::cargo();
    cmd.args([
        "run",
        "-q",
        "-p",
        "furrow-api",
        "--bin",
        "furrow",
        "--",
        "openapi",
    ])
    .stderr(Stdio::inherit());
    eprintln!("$ {}", display(&cmd));
    let out = cmd.output().context("Failed to run `furrow openapi`")?;
    if !out.status.success() {
        bail!("`furrow openapi` failed ({})", out.status);
    }
    let doc = String::from_utf8(out.stdout).context("`furrow openapi` printed no UTF-8")?;
    serde_json::from_str::<serde_json::Value>(&doc)
        .context("`furrow openapi` printed something that is not JSON")?;
    let path = util::root().join("openapi/openapi.json");
    let previous = std::fs::read_to_string(&path).unwrap_or_default();
    if previous.trim_end() == doc.trim_end() {
        eprintln!("{} is up to date", path.display());
        return Ok(());
    }
    std::fs::write(&path, format!("{}\n", doc.trim_end()))
        .with_context(|| format!("Failed to write {}", path.display()))?;
    eprintln!("wrote {}; commit it", path.display());
    Ok(())
}
