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
//! Like the bench, it needs an HTTP client and a runtime that the rest of
//! xtask must not: the plain `cargo xtask robustness` installs schemathesis,
//! builds the server (`cargo test --workspace --no-run`, the build the tests
//! already made), then re-runs xtask in release with the `bench` feature (the
//! very build `cargo xtask bench` uses, so `cargo xtask test` compiles it once).

#[cfg(feature = "bench")]
mod crash;
#[cfg(feature = "bench")]
mod http;
#[cfg(feature = "bench")]
mod inputs;
#[cfg(feature = "bench")]
mod resets;
#[cfg(feature = "bench")]
mod runner;
#[cfg(feature = "bench")]
mod schema;
#[cfg(feature = "bench")]
mod server;
#[cfg(feature = "bench")]
mod slow;

use crate::bench::{DbChoice, value_name};
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
    #[cfg_attr(not(feature = "bench"), allow(dead_code))]
    fn runs(&self, part: Part) -> bool {
        self.only.is_empty() || self.only.contains(&part)
    }

    /// The arguments again, for the re-run with the `bench` feature.
    #[cfg_attr(feature = "bench", allow(dead_code))]
    fn to_cli(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(db) = self.db {
            out.extend(["--db".to_owned(), value_name(db)]);
        }
        if !self.only.is_empty() {
            let parts: Vec<String> = self.only.iter().map(|p| value_name(*p)).collect();
            out.extend(["--only".to_owned(), parts.join(",")]);
        }
        out.extend(["--max-examples".to_owned(), self.max_examples.to_string()]);
        if let Some(seed) = self.seed {
            out.extend(["--seed".to_owned(), seed.to_string()]);
        }
        out.extend([
            "--slow-body-limit".to_owned(),
            self.slow_body_limit.to_string(),
        ]);
        for e in &self.server_env {
            out.extend(["--server-env".to_owned(), e.clone()]);
        }
        out
    }
}

/// Entry point of `cargo xtask robustness`.
pub fn robustness(args: &Args) -> anyhow::Result<()> {
    anyhow::ensure!(args.max_examples > 0, "--max-examples must be at least 1");
    anyhow::ensure!(
        args.slow_body_limit > 0.0 && args.slow_body_limit.is_finite(),
        "--slow-body-limit must be a positive number of seconds"
    );
    #[cfg(feature = "bench")]
    {
        runner::run(args)
    }
    #[cfg(not(feature = "bench"))]
    {
        use crate::{bench, install, util};
        if args.runs(Part::Schema) {
            install::robustness_venv()?;
        }
        // target/debug/furrow with the workspace's test feature set, as the
        // browser tests use it (a no-op after `cargo test --workspace`).
        util::run(util::cargo().args(["test", "--workspace", "--no-run"]))?;
        eprintln!("building the robustness suite (xtask in release with the `bench` feature)...");
        bench::rerun_with_bench_feature("robustness", args.to_cli())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::reparsed;

    #[test]
    fn every_option_is_passed_on_to_the_release_run() {
        let again = reparsed(
            &[
                "--db",
                "both",
                "--only",
                "crash,slow-body",
                "--max-examples",
                "3",
                "--seed",
                "42",
                "--slow-body-limit",
                "12.5",
                "--server-env",
                "FURROW_WORKERS=2",
            ],
            Args::to_cli,
        );
        assert!(again.runs(Part::Crash) && !again.runs(Part::Schema));
        // No --db stays no --db (the default depends on TEST_DATABASE_URL).
        let all = reparsed(&[], Args::to_cli);
        assert!(all.runs(Part::Schema) && all.db.is_none());
    }
}
