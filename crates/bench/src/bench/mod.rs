//! `cargo xtask bench [--db sqlite|postgres|both] [--scale N] [--quick]`: loads a
//! realistic data set at scale, starts the release server, drives HTTP load
//! from this process, and prints throughput and latency as ratios to what the
//! same machine does in the same run (`/healthz` for reads, one-row
//! transactions on the same store settings for writes), then checks the targets.
//!
//! `cargo xtask bench` builds and runs this crate in release (`furrow-bench
//! bench ...`): the loader and the load generator share the machine with the
//! server.

mod ceiling;
pub(crate) mod db;
mod driver;
mod load;
mod parts;
mod report;
mod runner;
mod scenarios;
pub(crate) mod server;
mod spa;
mod webhooks;

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

/// Entry point of `cargo xtask bench`.
pub fn bench(args: &Args) -> anyhow::Result<()> {
    anyhow::ensure!(
        args.scale > 0.0 && args.scale.is_finite(),
        "--scale must be a positive number"
    );
    runner::run(args)
}
