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
mod db;
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
mod server;
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
            self.db
                .to_possible_value()
                .map_or_else(String::new, |v| v.get_name().to_owned()),
            "--scale".to_owned(),
            self.scale.to_string(),
            "--audit".to_owned(),
            self.audit
                .to_possible_value()
                .map_or_else(String::new, |v| v.get_name().to_owned()),
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
        use crate::util;
        eprintln!("building the bench (xtask in release with the `bench` feature)...");
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
                    "bench",
                ])
                .args(args.to_cli()),
        )
    }
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

    /// The plain `cargo xtask bench` re-runs itself in release with these
    /// arguments: every option must survive the trip.
    #[test]
    fn every_option_is_passed_on_to_the_release_run() {
        let given = Cli::parse_from([
            "bench",
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
        ])
        .args;
        let again = Cli::parse_from(std::iter::once("bench".to_owned()).chain(given.to_cli())).args;
        assert_eq!(format!("{given:?}"), format!("{again:?}"));
        assert_eq!(again.customers, Some(100_000));
        assert_eq!(again.db, DbChoice::Postgres);
    }
}
