//! `cargo xtask bench [--db sqlite|postgres|both] [--scale N] [--quick]`: loads a
//! realistic data set at scale, starts the release server, drives HTTP load
//! from this process, and prints throughput and latency as ratios to what the
//! same machine does in the same run (`/healthz` for reads, one-row
//! transactions on the same store settings for writes), then checks the targets.
//!
//! The bench needs the store, an HTTP client and a runtime, which the rest of
//! xtask must not (it has to build even when the product does not). So the
//! plain `cargo xtask bench` re-runs xtask in release with the `bench` feature:
//! `cargo run --release -p xtask --features bench -- bench ...`. Release matters:
//! the loader and the load generator share the machine with the server.

#[cfg(feature = "bench")]
mod ceiling;
#[cfg(feature = "bench")]
pub(crate) mod db;
#[cfg(feature = "bench")]
mod driver;
#[cfg(feature = "bench")]
mod load;
#[cfg(feature = "bench")]
mod report;
#[cfg(feature = "bench")]
mod runner;
#[cfg(feature = "bench")]
mod scenarios;
#[cfg(feature = "bench")]
pub(crate) mod server;
#[cfg(feature = "bench")]
mod spa;

use clap::ValueEnum;

/// Which databases to measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DbChoice {
    Sqlite,
    Postgres,
    Both,
}

/// How much of the loaded history carries audit events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AuditHistory {
    /// One `created` event per loaded request (as intake writes).
    Created,
    /// No events for the loaded requests (faster to load).
    None,
}

#[derive(clap::Args, Clone, Debug)]
pub struct Args {
    /// Database(s) to measure; PostgreSQL needs TEST_DATABASE_URL (a server
    /// where the bench may create and drop a database).
    #[arg(long, value_enum, default_value_t = DbChoice::Sqlite)]
    pub db: DbChoice,
    /// Multiplies the data set: 1 = 20,000 customers, 40,000 machines, 200
    /// engineers, 1,000,000 service requests over 24 months; 0.01 = one hundredth.
    #[arg(long, default_value_t = 1.0)]
    pub scale: f64,
    /// Tiny data set (2,000 requests) and 2 s scenarios: the whole run in under
    /// two minutes once built. Results go to target/bench/, not bench/results/.
    #[arg(long)]
    pub quick: bool,
    /// Seconds each scenario runs at each connection count (default 10, quick 2).
    #[arg(long)]
    pub duration: Option<f64>,
    /// Customers in the data set instead of the scale's, e.g. `--customers
    /// 100000 --only search` for the search over a large customer archive.
    #[arg(long)]
    pub customers: Option<usize>,
    /// Audit events of the loaded history.
    #[arg(long, value_enum, default_value_t = AuditHistory::Created)]
    pub audit: AuditHistory,
    /// Only the scenarios whose names contain one of these (comma-separated),
    /// e.g. `--only read,sync`; the baselines (healthz, ceiling) always run.
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
    /// Keeps the database (and the server log) afterwards and prints where, for EXPLAIN.
    #[arg(long)]
    pub keep: bool,
    /// Extra environment of the server, `KEY=VALUE` (repeatable), for experiments
    /// such as `FURROW_WORKERS=4`.
    #[arg(long = "server-env", value_name = "KEY=VALUE")]
    pub server_env: Vec<String>,
}

impl Args {
    /// The arguments again, for the re-run with the `bench` feature.
    #[cfg_attr(feature = "bench", allow(dead_code))]
    fn to_cli(&self) -> Vec<String> {
        let mut out = vec![
            "--db".to_owned(),
            value_name(self.db),
            "--scale".to_owned(),
            self.scale.to_string(),
            "--audit".to_owned(),
            value_name(self.audit),
        ];
        if self.quick {
            out.push("--quick".to_owned());
        }
        if let Some(d) = self.duration {
            out.extend(["--duration".to_owned(), d.to_string()]);
        }
        if let Some(n) = self.customers {
            out.extend(["--customers".to_owned(), n.to_string()]);
        }
        if !self.only.is_empty() {
            out.extend(["--only".to_owned(), self.only.join(",")]);
        }
        if self.keep {
            out.push("--keep".to_owned());
        }
        for e in &self.server_env {
            out.extend(["--server-env".to_owned(), e.clone()]);
        }
        out
    }
}

/// Entry point of `cargo xtask bench`.
pub fn bench(args: &Args) -> anyhow::Result<()> {
    anyhow::ensure!(
        args.scale > 0.0 && args.scale.is_finite(),
        "--scale must be a positive number"
    );
    #[cfg(feature = "bench")]
    {
        runner::run(args)
    }
    #[cfg(not(feature = "bench"))]
    {
        eprintln!("building the bench (xtask in release with the `bench` feature)...");
        rerun_with_bench_feature("bench", args.to_cli())
    }
}

/// The name clap knows a value by, to pass it on to the re-run.
#[cfg_attr(feature = "bench", allow(dead_code))]
pub(crate) fn value_name(value: impl ValueEnum) -> String {
    value
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_owned())
}

/// `xtask <command> <args>` again, in release with the `bench` feature: the
/// bench and the robustness suite both need what only that build has.
#[cfg(not(feature = "bench"))]
pub(crate) fn rerun_with_bench_feature(command: &str, args: Vec<String>) -> anyhow::Result<()> {
    use crate::util;
    util::run(
        util::cargo()
            .args([
                "run",
                "--release",
                "-p",
                "xtask",
                "--features",
                "bench",
                "--",
                command,
            ])
            .args(args),
    )
}

/// Parses `argv` (the options after the command), then what `to_cli` makes
/// of the result again, asserts that both are the same and returns the
/// second: the plain `cargo xtask bench` and `robustness` re-run themselves
/// with `to_cli`, so every option must survive the trip.
#[cfg(test)]
pub(crate) fn reparsed<A>(argv: &[&str], to_cli: impl Fn(&A) -> Vec<String>) -> A
where
    A: clap::Args + clap::FromArgMatches + std::fmt::Debug,
{
    let parse = |argv: Vec<String>| {
        let matches = A::augment_args(clap::Command::new("xtask"))
            .try_get_matches_from(std::iter::once("xtask".to_owned()).chain(argv))
            .expect("valid options");
        A::from_arg_matches(&matches).expect("options of A")
    };
    let given = parse(argv.iter().map(|a| (*a).to_owned()).collect());
    let again = parse(to_cli(&given));
    assert_eq!(format!("{given:?}"), format!("{again:?}"));
    again
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_is_passed_on_to_the_release_run() {
        let again = reparsed(
            &[
                "--db",
                "postgres",
                "--scale",
                "0.1",
                "--duration",
                "3",
                "--customers",
                "100000",
                "--only",
                "search,list",
                "--keep",
                "--server-env",
                "FURROW_WORKERS=4",
            ],
            Args::to_cli,
        );
        assert_eq!(again.customers, Some(100_000));
        assert_eq!(again.db, DbChoice::Postgres);
    }
}
