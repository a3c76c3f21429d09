//! Configuration: defaults in code, then `FURROW_*` environment variables and
//! flags (clap reads both). One typed struct, loaded in `main`, passed down.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// Where and how Furrow runs.
#[derive(Clone)]
pub struct Config {
    /// Address to listen on (`127.0.0.1:8080`).
    pub bind: String,
    /// `sqlite://...` or `postgres://...`.
    pub database_url: String,
    /// Folder for the embedded database and the generated JWT secret.
    pub data_dir: PathBuf,
    /// Folder of the built SPA (`index.html`, `app.js`, `app_bg.wasm`).
    pub web_dir: PathBuf,
    /// HS256 secret; generated once and kept in the data folder when not given.
    pub jwt_secret: Option<String>,
    /// Load demo data into an empty database at start.
    pub demo: bool,
    /// Largest JSON body accepted, in bytes.
    pub json_limit: usize,
    /// SQLite `synchronous=FULL` (true) or `NORMAL`.
    pub sqlite_synchronous_full: bool,
    /// HTTP worker threads (defaults to the number of cores).
    pub workers: Option<usize>,
    /// Database connections in the pool (default 8).
    pub db_connections: Option<u32>,
    /// Longest wait for a request body once its headers arrived; a body still
    /// incomplete then answers 408 and the connection closes.
    pub body_timeout: Duration,
    /// Serve Prometheus metrics at `/metrics` (off by default: they tell
    /// anyone who asks how the service is used).
    pub metrics: bool,
    /// When set, `/metrics` also requires `Authorization: Bearer <token>`
    /// (and is served even without `metrics`).
    pub metrics_token: Option<String>,
    /// Let webhooks call loopback, private and link-local addresses (off by
    /// default: a subscription could otherwise probe the server's network).
    pub webhooks_allow_internal: bool,
}

/// Default body timeout: enough for a 20 MiB import over a few Mbit/s, short
/// enough that slow-body clients cannot hold connections for long.
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(60);

/// Default JSON body limit: 1 MiB, plenty for any form, small enough to refuse abuse.
pub const DEFAULT_JSON_LIMIT: usize = 1024 * 1024;

impl Config {
    /// The default SQLite URL inside a data folder.
    /// Whether `/metrics` is served.
    pub fn metrics_enabled(&self) -> bool {
        self.metrics || self.metrics_token.is_some()
    }

    pub fn default_database_url(data_dir: &std::path::Path) -> String {
        format!("sqlite://{}?mode=rwc", data_dir.join("furrow.db").display())
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("bind", &self.bind)
            .field(
                "database_url",
                &furrow_store::db::redact(&self.database_url),
            )
            .field("data_dir", &self.data_dir)
            .field("web_dir", &self.web_dir)
            .field("jwt_secret", &self.jwt_secret.as_ref().map(|_| "***"))
            .field("demo", &self.demo)
            .field("body_timeout", &self.body_timeout)
            .field("metrics", &self.metrics_enabled())
            .field("metrics_token", &self.metrics_token.as_ref().map(|_| "***"))
            .field("webhooks_allow_internal", &self.webhooks_allow_internal)
            .finish()
    }
}
