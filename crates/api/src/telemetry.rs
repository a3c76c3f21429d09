//! Structured logs through `tracing`: human-readable by default, JSON lines when
//! `FURROW_LOG_FORMAT=json`; level from `RUST_LOG` (default `info`).

use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        EnvFilter::new("info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn,actix_server=warn")
    });
    let json = std::env::var("FURROW_LOG_FORMAT").is_ok_and(|v| v == "json");
    // Colours only on a terminal: a log file or a collector gets plain text
    // (and the server skips styling every field of every request span).
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(std::io::stdout().is_terminal());
    // A second init (tests start several servers) is harmless.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.compact().try_init()
    };
}

/// Logging for test servers: warnings and errors, captured per test by the
/// harness. Refused requests (4xx, which tests provoke by the hundred) are
/// left out, so a failing test's message is not buried under them; server
/// errors (5xx) stay.
pub fn init_for_tests() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new("warn,tracing_actix_web=error"))
        .with_test_writer()
        .try_init();
}
