//! Furrow's project automation, in Rust so it runs wherever cargo does:
//! `cargo xtask dist | run | test | bench | robustness | openapi` (alias in
//! .cargo/config.toml).

mod bench;
mod dist;
mod install;
mod openapi;
mod run;
mod test;
mod util;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Furrow's project automation")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Builds the SPA into frontend/dist (release wasm + wasm-opt unless --dev).
    Dist {
        /// Dev profile: faster build, much larger wasm, no wasm-opt.
        #[arg(long)]
        dev: bool,
    },
    /// Builds the SPA and runs `furrow serve --demo` on http://127.0.0.1:8080
    /// with the embedded database in ./data. Arguments after `--` go to `furrow serve`.
    Run {
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Installs what is missing and runs every check and test (fmt, clippy,
    /// native and wasm builds, tests on SQLite and PostgreSQL, browser tests).
    Test {
        /// Skips the SPA build, Chromium, npm and the browser tests.
        #[arg(long)]
        no_browser: bool,
        /// Builds the SPA with the dev profile (no LTO, no wasm-opt) for a faster loop.
        #[arg(long)]
        quick: bool,
    },
    /// Regenerates the committed contract openapi/openapi.json from the code.
    Openapi,
    /// Loads a realistic data set, drives the release server with HTTP load and
    /// prints throughput and latency as ratios to /healthz and the storage
    /// ceiling (crates/bench; `cargo xtask bench --help` for its options).
    Bench(bench::PassThrough),
    /// Robustness against the debug server on SQLite (and PostgreSQL with
    /// TEST_DATABASE_URL): schemathesis per role, kill -9 under intakes,
    /// connection resets, slow clients and hostile inputs (crates/bench;
    /// `cargo xtask robustness --help` for its options).
    Robustness(bench::PassThrough),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Cmd::Dist { dev } => dist::dist(if dev {
            dist::Profile::Dev
        } else {
            dist::Profile::Release
        }),
        Cmd::Run { args } => run::run(&args),
        Cmd::Test { no_browser, quick } => test::test(test::Options {
            browser: !no_browser,
            quick,
        }),
        Cmd::Openapi => openapi::openapi(),
        Cmd::Bench(b) => bench::run("bench", &b.args),
        Cmd::Robustness(r) => bench::robustness(&r.args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nerror: {e:#}");
            ExitCode::FAILURE
        }
    }
}
