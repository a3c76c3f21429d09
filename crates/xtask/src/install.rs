//! Installing what the build and the tests need when it is missing: the wasm
//! target, Debian's Chromium, and the npm packages of the browser tests
//! (Playwright's client and binaryen's `wasm-opt`).

use crate::util::{self, output, run, which};
use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// The folder of the browser tests and their npm packages.
pub fn browser_dir() -> PathBuf {
    util::root().join("tests/browser")
}

/// `rustup target add wasm32-unknown-unknown` unless it is installed.
pub fn wasm_target() -> anyhow::Result<()> {
    let Some(installed) = output(
        Command::new("rustup")
            .args(["target", "list", "--installed"])
            .current_dir(util::root()),
    ) else {
        eprintln!("warning: rustup not found; assuming the {WASM_TARGET} target is installed");
        return Ok(());
    };
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    run(Command::new("rustup")
        .args(["target", "add", WASM_TARGET])
        .current_dir(util::root()))
    .context("Failed to install the wasm target")
}

/// Debian's Chromium at /usr/bin/chromium and a Chinese font (the zh-CN pages'
/// screenshots are unreadable without one), installed with apt when missing.
pub fn chromium() -> anyhow::Result<()> {
    let mut packages = Vec::new();
    if !Path::new(CHROMIUM).exists() {
        packages.push("chromium");
    }
    let has_cjk_font = output(Command::new("fc-list").arg(":lang=zh"))
        .is_some_and(|fonts| !fonts.trim().is_empty());
    if !has_cjk_font {
        packages.push("fonts-wqy-microhei");
    }
    if packages.is_empty() {
        return Ok(());
    }
    if which("apt-get").is_none() {
        bail!(
            "missing {}, and apt-get is not available: install them by hand",
            packages.join(", ")
        );
    }
    eprintln!("installing Debian packages: {}", packages.join(" "));
    let root = output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let apt = |args: &[&str]| {
        let mut cmd = if root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    run(&mut apt(&["update"])).context("Failed to update apt's package lists")?;
    run(apt(&["install", "-y"]).args(&packages))
        .with_context(|| format!("Failed to install {}", packages.join(", ")))?;
    if !Path::new(CHROMIUM).exists() {
        bail!("chromium is installed but {CHROMIUM} does not exist");
    }
    Ok(())
}

/// `npm ci` (or `npm install` without a lock file) in tests/browser when
/// node_modules is missing or older than the manifest or the lock file.
pub fn npm_packages() -> anyhow::Result<()> {
    let dir = browser_dir();
    if !npm_stale(&dir) {
        return Ok(());
    }
    if which("npm").is_none() {
        bail!("npm is not installed: install Node.js and npm (Debian: apt-get install nodejs npm)");
    }
    let verb = if dir.join("package-lock.json").is_file() {
        "ci"
    } else {
        "install"
    };
    run(Command::new("npm")
        .args([verb, "--no-audit", "--no-fund"])
        .current_dir(&dir))
    .with_context(|| format!("Failed to install the npm packages in {}", dir.display()))
}

/// True when tests/browser/node_modules does not match the manifest and lock.
fn npm_stale(dir: &Path) -> bool {
    // npm writes node_modules/.package-lock.json after every install.
    let Some(installed) = modified(&dir.join("node_modules/.package-lock.json")) else {
        return true;
    };
    ["package.json", "package-lock.json"]
        .iter()
        .filter_map(|f| modified(&dir.join(f)))
        .any(|m| m > installed)
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// binaryen's `wasm-opt`: `$WASM_OPT`, then the npm package of the browser
/// tests, then PATH. Debian's binaryen 108 cannot read current rustc output,
/// so a PATH copy is used only when it is newer.
pub fn wasm_opt() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("WASM_OPT").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let npm = browser_dir().join("node_modules/.bin/wasm-opt");
    if npm.is_file() {
        return Some(npm);
    }
    let on_path = which("wasm-opt")?;
    let version = output(Command::new(&on_path).arg("--version")).unwrap_or_default();
    match binaryen_version(&version) {
        Some(v) if v >= 116 => Some(on_path),
        _ => {
            eprintln!(
                "warning: ignoring {} ({}): too old for current rustc output",
                on_path.display(),
                version.trim()
            );
            None
        }
    }
}

/// `wasm-opt version 132 (version_132)` -> 132.
fn binaryen_version(text: &str) -> Option<u32> {
    let rest = text.split("version").nth(1)?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_binaryen_versions() {
        assert_eq!(
            binaryen_version("wasm-opt version 132 (version_132)"),
            Some(132)
        );
        assert_eq!(binaryen_version("wasm-opt version 108"), Some(108));
        assert_eq!(binaryen_version("garbage"), None);
    }
}
