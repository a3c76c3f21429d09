//! Installing what the build and the tests need when it is missing: the wasm
//! target, Debian's Chromium, the npm packages of the browser tests
//! (Playwright's client and binaryen's `wasm-opt`), and the Python virtual
//! environment of the robustness suite (schemathesis).

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
    apt_install(&packages)?;
    if !Path::new(CHROMIUM).exists() {
        bail!("chromium is installed but {CHROMIUM} does not exist");
    }
    Ok(())
}

/// `apt-get update` then `apt-get install -y` of Debian packages, through
/// `sudo` when not root.
fn apt_install(packages: &[&str]) -> anyhow::Result<()> {
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
    run(apt(&["install", "-y"]).args(packages))
        .with_context(|| format!("Failed to install {}", packages.join(", ")))
}

/// The folder of the robustness suite: its pinned Python requirements and
/// their virtual environment (`.venv`, not committed).
pub fn robustness_dir() -> PathBuf {
    util::root().join("tests/robustness")
}

/// The schemathesis command of the robustness suite's virtual environment.
pub fn schemathesis() -> PathBuf {
    robustness_dir().join(".venv/bin/schemathesis")
}

/// tests/robustness/.venv with the pinned requirements (schemathesis and
/// everything it imports, each `==`), made or updated when it is missing or
/// older than requirements.txt. On a fresh Debian machine `python3 -m venv`
/// needs `python3-venv` (and python3 itself may be missing): installed with
/// apt. Packages come from the package index pip is configured for.
pub fn robustness_venv() -> anyhow::Result<()> {
    let dir = robustness_dir();
    let venv = dir.join(".venv");
    let requirements = dir.join("requirements.txt");
    let stamp = venv.join(".requirements-installed");
    let fresh = match (modified(&stamp), modified(&requirements)) {
        (Some(done), Some(wanted)) => done >= wanted && schemathesis().is_file(),
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    let can_make_venvs =
        || output(Command::new("python3").args(["-c", "import venv, ensurepip"])).is_some();
    if !can_make_venvs() {
        // Debian splits venv's ensurepip into python3-venv.
        let mut packages = vec!["python3-venv"];
        if which("python3").is_none() {
            packages.insert(0, "python3");
        }
        apt_install(&packages)?;
        if !can_make_venvs() {
            bail!(
                "python3 cannot make virtual environments (python3 -m venv) even after installing {}",
                packages.join(", ")
            );
        }
    }
    let python = venv.join("bin/python");
    if !python.is_file() {
        run(Command::new("python3").arg("-m").arg("venv").arg(&venv))
            .context("Failed to make the robustness suite's virtual environment")?;
    }
    run(Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
            "-r",
        ])
        .arg(&requirements))
    .context("Failed to install the robustness suite's Python packages")?;
    std::fs::write(&stamp, "installed from requirements.txt\n")?;
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
