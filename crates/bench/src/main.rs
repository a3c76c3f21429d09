//! `furrow-bench`: the bench (`bench`) and the robustness suite (`robustness`),
//! run by `cargo xtask bench` and `cargo xtask robustness` in release.
//!
//! They live in their own crate because they need the store, an HTTP client and
//! a runtime, which xtask must not (it has to build even when the product does
//! not, so that `cargo xtask test` can report what is broken). Both drive a
//! real `furrow` server on a scratch database; they share the scratch database
//! (`bench::db::ScratchDb`) and the server child (`bench::server::Server`). The
//! bench's data set is written through the store's bulk-load API
//! (`furrow_store::bulk`), never through its tables.

mod bench;
mod robustness;
/// xtask's helpers (where the workspace is, running commands, formatting),
/// shared by path: this crate must not depend on xtask, nor xtask on it.
#[path = "../../xtask/src/util.rs"]
mod util;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Furrow's bench and robustness suite")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Loads a realistic data set, drives the release server with HTTP load and
    /// prints throughput and latency as ratios to /healthz and the storage ceiling.
    Bench(bench::Args),
    /// Robustness against the debug server on SQLite (and PostgreSQL with
    /// TEST_DATABASE_URL): schemathesis per role, kill -9 under intakes,
    /// connection resets, slow clients and hostile inputs.
    Robustness(robustness::Args),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Cmd::Bench(args) => bench::bench(&args),
        Cmd::Robustness(args) => robustness::robustness(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nerror: {e:#}");
            ExitCode::FAILURE
        }
    }
}
