//! `cargo xtask dist`: the SPA in frontend/dist, built without downloading any
//! binary: cargo for wasm32, wasm-bindgen as a library, binaryen's wasm-opt
//! from npm when present.

use crate::install;
use crate::util::{self, fmt_bytes, run};
use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The frontend's package and the name of the wasm file cargo writes.
const PACKAGE: &str = "furrow-web";
const WASM_FILE: &str = "furrow-web.wasm";

/// Which cargo profile builds the wasm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// `wasm-release` (size-optimised, LTO) then `wasm-opt -Oz`.
    Release,
    /// The dev profile: fast to build, large, unoptimised.
    Dev,
}

impl Profile {
    /// The folder under `<target>/wasm32-unknown-unknown/`.
    fn dir(self) -> &'static str {
        match self {
            Profile::Release => "wasm-release",
            Profile::Dev => "debug",
        }
    }
}

/// Written when the frontend has no index.html of its own.
const DEFAULT_INDEX: &str = r#"<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Furrow</title>
  <link rel="icon" href="data:,">
</head>
<body>
  <script type="module">import init from './app.js'; await init();</script>
</body>
</html>
"#;

pub fn frontend_dir() -> PathBuf {
    util::root().join("frontend")
}

pub fn dist_dir() -> PathBuf {
    frontend_dir().join("dist")
}

/// Builds the SPA into frontend/dist and prints its sizes. The wasm target is
/// added first when missing: rustup does not add `rust-toolchain.toml`'s
/// targets to a toolchain installed before the project came, so `cargo xtask
/// run` on such a machine would otherwise stop at `can't find crate for core`.
pub fn dist(profile: Profile) -> anyhow::Result<()> {
    install::wasm_target()?;
    let wasm = build_wasm(profile)?;
    let dist = dist_dir();
    if dist.exists() {
        std::fs::remove_dir_all(&dist)
            .with_context(|| format!("Failed to empty {}", dist.display()))?;
    }
    std::fs::create_dir_all(&dist)?;

    eprintln!("wasm-bindgen {} -> {}", wasm.display(), dist.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .out_name("app")
        // The library defaults to true (the CLI to false): without it `init()`
        // has no default URL for app_bg.wasm and fails in the browser.
        .omit_default_module_path(false)
        .generate(&dist)
        .context("wasm-bindgen failed")?;

    if profile == Profile::Release {
        optimise(&dist.join("app_bg.wasm"))?;
    }
    copy_static(&dist)?;
    print_sizes(&dist);
    Ok(())
}

/// `cargo build -p furrow-web --target wasm32-unknown-unknown`; returns the .wasm.
fn build_wasm(profile: Profile) -> anyhow::Result<PathBuf> {
    let mut cmd = util::cargo();
    cmd.args(["build", "-p", PACKAGE, "--target", install::WASM_TARGET]);
    if profile == Profile::Release {
        cmd.args(["--profile", "wasm-release"]);
    }
    run(&mut cmd).context("Failed to build the SPA for wasm32")?;
    let wasm = util::target_dir()?
        .join(install::WASM_TARGET)
        .join(profile.dir())
        .join(WASM_FILE);
    if !wasm.is_file() {
        bail!("the build wrote no {}", wasm.display());
    }
    Ok(wasm)
}

/// `wasm-opt -Oz` in place; a warning and the unoptimised file when binaryen is
/// not there or fails.
fn optimise(wasm: &Path) -> anyhow::Result<()> {
    if install::wasm_opt().is_none() && util::which("npm").is_some() {
        // The browser tests' npm packages carry a wasm-opt that reads current rustc output.
        if let Err(e) = install::npm_packages() {
            eprintln!("warning: could not install binaryen from npm: {e:#}");
        }
    }
    let Some(wasm_opt) = install::wasm_opt() else {
        eprintln!(
            "warning: wasm-opt not found (set WASM_OPT, or run `npm ci` in tests/browser); \
             app_bg.wasm is not optimised"
        );
        return Ok(());
    };
    let out = wasm.with_extension("opt.wasm");
    let result = run(Command::new(&wasm_opt)
        .arg("-Oz")
        .arg(wasm)
        .arg("-o")
        .arg(&out));
    match result {
        Ok(()) => std::fs::rename(&out, wasm).context("Failed to replace app_bg.wasm"),
        Err(e) => {
            let _ = std::fs::remove_file(&out);
            eprintln!("warning: {e:#}; app_bg.wasm is not optimised");
            Ok(())
        }
    }
}

/// frontend/index.html (or a default one) and everything in frontend/static/.
fn copy_static(dist: &Path) -> anyhow::Result<()> {
    let frontend = frontend_dir();
    let index = frontend.join("index.html");
    if index.is_file() {
        std::fs::copy(&index, dist.join("index.html"))
            .with_context(|| format!("Failed to copy {}", index.display()))?;
    } else {
        eprintln!("note: frontend/index.html does not exist; writing a default one");
        std::fs::write(dist.join("index.html"), DEFAULT_INDEX)?;
    }
    let statics = frontend.join("static");
    if statics.is_dir() {
        copy_tree(&statics, dist)?;
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("Failed to copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}

fn print_sizes(dist: &Path) {
    eprintln!("SPA in {}:", dist.display());
    for name in ["app_bg.wasm", "app.js"] {
        let path = dist.join(name);
        let raw = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let gz = util::gzip_size(&path).map_or_else(|| "n/a".to_owned(), fmt_bytes);
        eprintln!(
            "  {name:<12} {:>12} bytes, {gz:>10} gzip -9",
            fmt_bytes(raw)
        );
    }
}
