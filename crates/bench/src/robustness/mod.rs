//! `cargo xtask robustness [--db sqlite|postgres|both] [--only ...]`: the
//! standing robustness suite of issue #15, run by `cargo xtask test` after the
//! tests and before the bench. Against the debug `furrow serve --demo` on a
//! free port, on SQLite and (with TEST_DATABASE_URL) on a fresh PostgreSQL
//! database, it runs:
//!
//! - `inputs`: hostile inputs (NUL in text and in `q`, an over-long
//!   `department`, dates at the edges of the calendar) answer the same 4xx on
//!   both engines, never 5xx nor 2xx;
//! - `resets`: clients that reset their connections (TCP RST) mid-request do
//!   not disturb well-behaved clients writing intakes at the same time;
//! - `crash`: `kill -9` under concurrent intakes, restart on the same data:
//!   every acknowledged intake is there, and a retry with its Idempotency-Key
//!   answers the first response;
//! - `schema`: schemathesis (Python, pinned in tests/robustness/requirements.txt,
//!   installed in tests/robustness/.venv) for the roles admin, agent,
//!   supervisor, engineer and dealer, failing on any 5xx, an undocumented
//!   status code, or a response that does not match its schema;
//! - `slow-body` (beside `schema`): a client that sends its headers, then its
//!   body a byte at a time, is answered 408 or cut off within a bound.
//!
//! `cargo xtask robustness` installs schemathesis, builds the server
//! (`cargo test --workspace --no-run`, the build the tests already made), then
//! runs this crate in release (`furrow-bench robustness ...`).

mod crash;
mod http;
mod inputs;
mod resets;
mod runner;
mod schema;
mod server;
mod slow;

use crate::bench::DbChoice;
use clap::ValueEnum;

/// The parts of the suite (`--only`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Part {
    Inputs,
    Resets,
    Crash,
    Schema,
    SlowBody,
}

#[derive(clap::Args, Clone, Debug)]
pub struct Args {
    /// Database(s): the default is both when TEST_DATABASE_URL is set (a
    /// server where the suite may create and drop a database), else SQLite.
    #[arg(long, value_enum)]
    pub db: Option<DbChoice>,
    /// Only these parts (comma-separated); default: all.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub only: Vec<Part>,
    /// schemathesis: test cases per operation and phase.
    #[arg(long, default_value_t = 10)]
    pub max_examples: u32,
    /// schemathesis: the seed (default: a new one, printed, to repeat a run).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Seconds within which a slow body must be answered 408 or cut off (the
    /// server runs with FURROW_BODY_TIMEOUT_SECS=10).
    #[arg(long, default_value_t = 15.0)]
    pub slow_body_limit: f64,
    /// Extra environment of the server, `KEY=VALUE` (repeatable), e.g. a
    /// shorter body timeout.
    #[arg(long = "server-env", value_name = "KEY=VALUE")]
    pub server_env: Vec<String>,
}

impl Args {
    /// Is this part to run?
    fn runs(&self, part: Part) -> bool {
        self.only.is_empty() || self.only.contains(&part)
    }
}

/// Entry point of `cargo xtask robustness`.
pub fn robustness(args: &Args) -> anyhow::Result<()> {
    anyhow::ensure!(args.max_examples > 0, "--max-examples must be at least 1");
    anyhow::ensure!(
        args.slow_body_limit > 0.0 && args.slow_body_limit.is_finite(),
        "--slow-body-limit must be a positive number of seconds"
    );
    runner::run(args)
}

/// The folder of the robustness suite: its pinned Python requirements, their
/// virtual environment (`.venv`, made by `cargo xtask robustness`) and artifacts.
pub fn robustness_dir() -> std::path::PathBuf {
    crate::util::root().join("tests/robustness")
}

/// The schemathesis command of the robustness suite's virtual environment.
pub fn schemathesis() -> std::path::PathBuf {
    robustness_dir().join(".venv/bin/schemathesis")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    #[test]
    fn only_selects_parts_and_no_only_runs_all() {
        let some = Cli::parse_from(["robustness", "--only", "crash,slow-body"]).args;
        assert!(some.runs(Part::Crash) && some.runs(Part::SlowBody) && !some.runs(Part::Schema));
        let all = Cli::parse_from(["robustness"]).args;
        assert!(all.runs(Part::Schema) && all.db.is_none());
    }
}
