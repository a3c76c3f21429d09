//! `cargo xtask dist`: the eight web apps (`BUNDLES`) in frontend/dist, built
//! without downloading any binary: one cargo build for wasm32, wasm-bindgen as
//! a library, binaryen's wasm-opt from npm when present.
//!
//! Every asset gets a content hash in its name (`office-<hash>.js`,
//! `office_bg-<hash>.wasm`, `style-<hash>.css`) and precompressed copies beside
//! it (`.br`, brotli quality 11, and `.gz`, gzip by Zopfli), so `furrow` sends a
//! phone the smallest copy it accepts and lets it cache it for a year
//! (crates/api/src/spa.rs). Every bundle's page comes from one template
//! ([`PAGE`]; a bundle that needs another page brings its own
//! `frontend/<name>/index.html`) naming its assets as `{{app.js}}`,
//! `{{app_bg.wasm}}` or `{{style.css}}`; dist writes the hashed path in their
//! place, and the page under the name the server looks for (`index.html` for
//! the office, `field.html`, `sign.html`, `admin.html`, `archive.html`,
//! `warehouse.html`, `quality.html`, `integrations.html`).

use crate::install;
use crate::util::{self, fmt_bytes, run};
use anyhow::{Context, bail};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A web app: a binary crate in `frontend/<name>` over frontend/core.
#[derive(Debug, Clone, Copy)]
pub struct Bundle {
    /// Its folder under frontend/ and the stem of its asset names.
    pub name: &'static str,
    /// The cargo package (the wasm file cargo writes is named after it).
    pub package: &'static str,
    /// Its page in the dist; crates/api/src/spa.rs serves it for the bundle's
    /// addresses.
    pub page: &'static str,
    /// What its wasm and JavaScript may weigh together, gzip: who opens it
    /// and on what connection (issue 17).
    pub budget_gzip: u64,
}

/// The customer signing on a tablet, the engineer on a rural phone
/// connection, the service desk, the archives (customers, machines, models,
/// dealers, engineers), the parts warehouse, the quality assessment (the
/// monthly KPIs), the administration now and then (users, settings, the
/// import) and the integrations (API clients): each downloads only its own
/// pages.
pub const BUNDLES: [Bundle; 8] = [
    Bundle {
        name: "office",
        package: "furrow-web-office",
        page: "index.html",
        budget_gzip: 450_000,
    },
    Bundle {
        name: "field",
        package: "furrow-web-field",
        page: "field.html",
        budget_gzip: 300_000,
    },
    Bundle {
        name: "sign",
        package: "furrow-web-sign",
        page: "sign.html",
        budget_gzip: 150_000,
    },
    Bundle {
        name: "admin",
        package: "furrow-web-admin",
        page: "admin.html",
        budget_gzip: 450_000,
    },
    Bundle {
        name: "archive",
        package: "furrow-web-archive",
        page: "archive.html",
        budget_gzip: 450_000,
    },
    Bundle {
        name: "warehouse",
        package: "furrow-web-warehouse",
        page: "warehouse.html",
        budget_gzip: 450_000,
    },
    Bundle {
        name: "quality",
        package: "furrow-web-quality",
        page: "quality.html",
        budget_gzip: 450_000,
    },
    Bundle {
        name: "integrations",
        package: "furrow-web-integrations",
        page: "integrations.html",
        budget_gzip: 450_000,
    },
];

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

/// The page of every bundle: the bundles differ only in their assets, which
/// the placeholders name. A bundle's own `frontend/<name>/index.html`, when
/// there is one, replaces it.
const PAGE: &str = r#"<!doctype html>
<html lang="zh-CN">
<head>
<meta charset=utf-8>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{{style.css}}">
<title>Furrow</title>
<script type="module">import init from '{{app.js}}'; await init({ module_or_path: '{{app_bg.wasm}}' });</script>
</head>
<body>
<noscript>Furrow needs JavaScript. / 请启用 JavaScript。</noscript>
</body>
</html>
"#;

/// The dist's list of bundles (`write_manifest`).
pub const MANIFEST: &str = "bundles.json";

/// How a bundle's template names its JavaScript and its wasm.
const JS_PLACEHOLDER: &str = "app.js";
const WASM_PLACEHOLDER: &str = "app_bg.wasm";

/// Hex digits of the content hash in a file name: 64 bits, far more than a
/// handful of releases could ever collide in.
const HASH_LEN: usize = 16;

pub fn frontend_dir() -> PathBuf {
    util::root().join("frontend")
}

pub fn dist_dir() -> PathBuf {
    frontend_dir().join("dist")
}

/// Builds the bundles into frontend/dist and prints their sizes against
/// their budgets. The wasm target is added first when missing: rustup does not
/// add `rust-toolchain.toml`'s targets to a toolchain installed before the
/// project came, so `cargo xtask run` on such a machine would otherwise stop
/// at `can't find crate for core`.
pub fn dist(profile: Profile) -> anyhow::Result<()> {
    install::wasm_target()?;
    build_wasm(profile)?;
    let dist = dist_dir();
    if dist.exists() {
        std::fs::remove_dir_all(&dist)
            .with_context(|| format!("Failed to empty {}", dist.display()))?;
    }
    std::fs::create_dir_all(&dist)?;
    let statics = copy_static(&dist)?;
    let mut assets: Vec<Asset> = Vec::new();
    let mut built = Vec::new();
    for bundle in &BUNDLES {
        let own = bindgen(bundle, profile, &dist)?;
        let (template, source) = page_template(bundle)?;
        let page = fill_template(&template, &source, own.iter().chain(&statics))?;
        std::fs::write(dist.join(bundle.page), page)
            .with_context(|| format!("Failed to write {}", bundle.page))?;
        built.push((
            bundle,
            own.iter().map(|a| a.hashed.clone()).collect::<Vec<_>>(),
        ));
        assets.extend(own);
    }
    assets.extend(statics);
    let started = std::time::Instant::now();
    compress_all(&dist, &assets, profile)?;
    eprintln!(
        "compressed (brotli, gzip) in {}",
        util::fmt_duration(started.elapsed())
    );
    print_sizes(&dist, &assets, &built);
    write_manifest(&dist, &built)
}

/// `bundles.json`: each bundle's page, files and budget, for `cargo xtask
/// bench` to weigh and open without knowing how dist names things.
fn write_manifest(dist: &Path, built: &[(&Bundle, Vec<String>)]) -> anyhow::Result<()> {
    let bundles: Vec<_> = built
        .iter()
        .map(|(bundle, files)| {
            serde_json::json!({
                "name": bundle.name,
                "page": bundle.page,
                "files": files,
                "budget_gzip_bytes": bundle.budget_gzip,
            })
        })
        .collect();
    let json = serde_json::to_string_pretty(&serde_json::json!({ "bundles": bundles }))?;
    std::fs::write(dist.join(MANIFEST), json).context("Failed to write bundles.json")
}

/// wasm-bindgen (and wasm-opt for a release) on one bundle's wasm; returns its
/// JavaScript and wasm under their hashed names, as the template names them.
fn bindgen(bundle: &Bundle, profile: Profile, dist: &Path) -> anyhow::Result<Vec<Asset>> {
    let wasm = wasm_dir(profile)?.join(format!("{}.wasm", bundle.package));
    if !wasm.is_file() {
        bail!("the build wrote no {}", wasm.display());
    }
    eprintln!("wasm-bindgen {} -> {}", wasm.display(), dist.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .out_name(bundle.name)
        // TypeScript declarations are of no use to a browser.
        .typescript(false)
        // No default URL for the wasm in the JavaScript: its name carries a
        // hash the script cannot know, so the page passes it to `init()`.
        .omit_default_module_path(true)
        .generate(dist)
        .with_context(|| format!("wasm-bindgen failed on {}", bundle.name))?;
    let js = format!("{}.js", bundle.name);
    let bg = format!("{}_bg.wasm", bundle.name);
    if profile == Profile::Release {
        optimise(&dist.join(&bg))?;
    }
    Ok(vec![
        hash_name(dist, &js, JS_PLACEHOLDER)?,
        hash_name(dist, &bg, WASM_PLACEHOLDER)?,
    ])
}

/// An asset of the dist: the name the template uses, and the hashed name it
/// was written under.
struct Asset {
    name: String,
    hashed: String,
}

/// Renames `dist/<name>` to its content-hashed name; templates name it
/// `{{<placeholder>}}`.
fn hash_name(dist: &Path, name: &str, placeholder: &str) -> anyhow::Result<Asset> {
    let path = dist.join(name);
    let bytes =
        std::fs::read(&path).with_context(|| format!("Failed to read {}", path.display()))?;
    let hashed = hashed_file_name(name, &bytes);
    std::fs::rename(&path, dist.join(&hashed))
        .with_context(|| format!("Failed to rename {} to {hashed}", path.display()))?;
    Ok(Asset {
        name: placeholder.to_owned(),
        hashed,
    })
}

/// `app.js` -> `app-<16 hex digits of its SHA-256>.js`; the server recognises
/// this shape as immutable (crates/api/src/spa.rs).
fn hashed_file_name(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest
        .iter()
        .take(HASH_LEN / 2)
        .map(|b| format!("{b:02x}"))
        .collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-{hash}.{ext}"),
        None => format!("{name}-{hash}"),
    }
}

/// A bundle's page template and where it comes from (for messages): its own
/// `frontend/<name>/index.html` when there is one, else [`PAGE`].
fn page_template(bundle: &Bundle) -> anyhow::Result<(String, String)> {
    let own = frontend_dir().join(bundle.name).join("index.html");
    if !own.is_file() {
        return Ok((PAGE.to_owned(), "the shared page (dist.rs)".to_owned()));
    }
    let html = std::fs::read_to_string(&own)
        .with_context(|| format!("Failed to read {}", own.display()))?;
    Ok((html, own.display().to_string()))
}

/// A page with each `{{name}}` replaced by the asset's hashed path. A
/// placeholder naming no asset stops the build rather than ship a page that
/// cannot load; so does a page that does not load the bundle's script.
fn fill_template<'a>(
    template: &str,
    source: &str,
    assets: impl Iterator<Item = &'a Asset> + Clone,
) -> anyhow::Result<String> {
    let mut html = template.to_owned();
    for asset in assets.clone() {
        html = html.replace(
            &format!("{{{{{}}}}}", asset.name),
            &format!("/{}", asset.hashed),
        );
    }
    if let Some(start) = html.find("{{") {
        let rest = &html[start..];
        let placeholder = &rest[..rest.find("}}").map_or(rest.len(), |end| end + 2)];
        bail!(
            "{source} names {placeholder}, which is not an asset of the bundle ({})",
            assets
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for name in [JS_PLACEHOLDER, WASM_PLACEHOLDER] {
        if !assets
            .clone()
            .any(|a| a.name == name && html.contains(&a.hashed))
        {
            bail!("{source} does not name {{{{{name}}}}}: the page would not start");
        }
    }
    Ok(html)
}

/// How the `.gz` copies are made.
#[derive(Clone, Copy, Debug)]
enum Gzip {
    /// Zopfli: a far longer search than zlib's best level for a smaller
    /// deflate stream, which any gzip decoder reads; seconds per file, paid
    /// once per release build for every phone that cannot take brotli.
    Zopfli,
    /// zlib at this level: fast.
    Zlib(flate2::Compression),
}

/// Writes `<asset>.br` and `<asset>.gz` beside every asset, one thread per
/// file since brotli's best quality and Zopfli take seconds on the wasm. The
/// dev profile's wasm is many times larger and rebuilt often: it gets quicker,
/// larger settings.
fn compress_all(dist: &Path, assets: &[Asset], profile: Profile) -> anyhow::Result<()> {
    let (brotli_quality, gzip) = match profile {
        Profile::Release => (11, Gzip::Zopfli),
        Profile::Dev => (5, Gzip::Zlib(flate2::Compression::fast())),
    };
    std::thread::scope(|scope| {
        let jobs: Vec<_> = assets
            .iter()
            .flat_map(|asset| {
                let path = dist.join(&asset.hashed);
                let br = path.clone();
                [
                    scope.spawn(move || write_brotli(&br, brotli_quality)),
                    scope.spawn(move || write_gzip(&path, gzip)),
                ]
            })
            .collect();
        jobs.into_iter()
            .try_for_each(|job| job.join().expect("compression thread panicked"))
    })
}

fn write_brotli(path: &Path, quality: i32) -> anyhow::Result<()> {
    let bytes = std::fs::read(path)?;
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        // The largest window every browser decodes (24 = 16 MB).
        lgwin: 24,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let out = compressed_path(path, "br");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&out)?);
    brotli::enc::BrotliCompress(&mut bytes.as_slice(), &mut file, &params)
        .with_context(|| format!("Failed to write {}", out.display()))?;
    file.flush()?;
    Ok(())
}

fn write_gzip(path: &Path, gzip: Gzip) -> anyhow::Result<()> {
    let bytes = std::fs::read(path)?;
    let out = compressed_path(path, "gz");
    let file = std::io::BufWriter::new(std::fs::File::create(&out)?);
    let written = match gzip {
        Gzip::Zopfli => zopfli::compress(
            zopfli::Options::default(),
            zopfli::Format::Gzip,
            bytes.as_slice(),
            file,
        ),
        Gzip::Zlib(level) => {
            let mut gz = flate2::write::GzEncoder::new(file, level);
            gz.write_all(&bytes).and_then(|()| gz.finish()?.flush())
        }
    };
    written.with_context(|| format!("Failed to write {}", out.display()))
}

/// `app-<hash>.js` -> `app-<hash>.js.br`.
fn compressed_path(path: &Path, ext: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// One `cargo build` of every bundle for wasm32, so frontend/core and the
/// dependencies compile once for all of them.
fn build_wasm(profile: Profile) -> anyhow::Result<()> {
    let mut cmd = util::cargo();
    cmd.args(["build", "--target", install::WASM_TARGET]);
    for bundle in &BUNDLES {
        cmd.args(["-p", bundle.package]);
    }
    if profile == Profile::Release {
        cmd.args(["--profile", "wasm-release"]);
    }
    run(&mut cmd).context("Failed to build the web apps for wasm32")
}

/// Where cargo writes the bundles' wasm files.
fn wasm_dir(profile: Profile) -> anyhow::Result<PathBuf> {
    Ok(util::target_dir()?
        .join(install::WASM_TARGET)
        .join(profile.dir()))
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
             {} is not optimised",
            wasm.display()
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
        Ok(()) => std::fs::rename(&out, wasm)
            .with_context(|| format!("Failed to replace {}", wasm.display())),
        Err(e) => {
            let _ = std::fs::remove_file(&out);
            eprintln!("warning: {e:#}; {} is not optimised", wasm.display());
            Ok(())
        }
    }
}

/// The files of frontend/static/, under hashed names; its folders are copied as
/// they are.
fn copy_static(dist: &Path) -> anyhow::Result<Vec<Asset>> {
    let statics = frontend_dir().join("static");
    let mut assets = Vec::new();
    if !statics.is_dir() {
        return Ok(assets);
    }
    for entry in std::fs::read_dir(&statics)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &dist.join(&name))?;
        } else {
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("Failed to read {}", entry.path().display()))?;
            let hashed = hashed_file_name(&name, &bytes);
            std::fs::write(dist.join(&hashed), bytes)
                .with_context(|| format!("Failed to write {hashed}"))?;
            assets.push(Asset {
                name: name.clone(),
                hashed,
            });
        }
    }
    Ok(assets)
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

/// Every asset's sizes, then each bundle's wasm + JavaScript (what a first
/// visit downloads besides the style sheet) against its budget.
fn print_sizes(dist: &Path, assets: &[Asset], built: &[(&Bundle, Vec<String>)]) {
    let size = |path: PathBuf| std::fs::metadata(path).map_or(0, |m| m.len());
    eprintln!("web apps in {}:", dist.display());
    for asset in assets {
        let path = dist.join(&asset.hashed);
        eprintln!(
            "  {:<32} {:>12} bytes, {:>10} gzip, {:>10} brotli",
            asset.hashed,
            fmt_bytes(size(path.clone())),
            fmt_bytes(size(compressed_path(&path, "gz"))),
            fmt_bytes(size(compressed_path(&path, "br"))),
        );
    }
    for (bundle, files) in built {
        let total = |ext: &str| -> u64 {
            files
                .iter()
                .map(|f| size(compressed_path(&dist.join(f), ext)))
                .sum()
        };
        let gzip = total("gz");
        eprintln!(
            "  {:<7} wasm + js {:>10} gzip, {:>10} brotli; budget {} gzip: {}",
            bundle.name,
            fmt_bytes(gzip),
            fmt_bytes(total("br")),
            fmt_bytes(bundle.budget_gzip),
            if gzip <= bundle.budget_gzip {
                "within"
            } else {
                "OVER"
            }
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_name_keeps_stem_and_extension() {
        let name = hashed_file_name("app_bg.wasm", b"wasm");
        let (stem, ext) = name.rsplit_once('.').unwrap();
        let (base, hash) = stem.rsplit_once('-').unwrap();
        assert_eq!((base, ext), ("app_bg", "wasm"));
        assert_eq!(hash.len(), HASH_LEN);
        assert!(
            hash.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
    }

    fn asset(name: &str, hashed: &str) -> Asset {
        Asset {
            name: name.to_owned(),
            hashed: hashed.to_owned(),
        }
    }

    #[test]
    fn shared_page_names_each_asset_by_its_hashed_path() {
        let assets = [
            asset(JS_PLACEHOLDER, "office-0123.js"),
            asset(WASM_PLACEHOLDER, "office_bg-4567.wasm"),
            asset("style.css", "style-89ab.css"),
        ];
        let html = fill_template(PAGE, "PAGE", assets.iter()).unwrap();
        assert!(!html.contains("{{"));
        for hashed in ["/office-0123.js", "/office_bg-4567.wasm", "/style-89ab.css"] {
            assert!(html.contains(hashed), "{hashed} missing from {html}");
        }
    }

    #[test]
    fn page_naming_an_unknown_asset_is_refused() {
        let assets = [
            asset(JS_PLACEHOLDER, "sign-0123.js"),
            asset(WASM_PLACEHOLDER, "sign_bg-4567.wasm"),
        ];
        let err = fill_template(PAGE, "PAGE", assets.iter()).unwrap_err();
        assert!(err.to_string().contains("{{style.css}}"), "{err}");
    }

    #[test]
    fn page_without_the_script_is_refused() {
        let assets = [
            asset(JS_PLACEHOLDER, "sign-0123.js"),
            asset(WASM_PLACEHOLDER, "sign_bg-4567.wasm"),
        ];
        let err = fill_template("<p>{{app.js}}</p>", "x", assets.iter()).unwrap_err();
        assert!(err.to_string().contains("app_bg.wasm"), "{err}");
    }

    #[test]
    fn hashed_name_changes_with_content() {
        assert_ne!(
            hashed_file_name("app.js", b"a"),
            hashed_file_name("app.js", b"b")
        );
        assert_eq!(
            hashed_file_name("app.js", b"a"),
            hashed_file_name("app.js", b"a")
        );
    }
}
