//! `cargo xtask bench ...` and `cargo xtask robustness ...`: both live in the
//! `furrow-bench` crate (crates/bench), which needs the store, an HTTP client
//! and a runtime that xtask must not. xtask builds it in release and runs it
//! with the same arguments, so its options are defined once, there
//! (`cargo xtask bench --help` prints them). Release matters: the loader and
//! the load generator share the machine with the server.

use crate::util;

/// Options passed through to `furrow-bench <command>` as given.
#[derive(clap::Args, Clone, Debug, Default)]
#[command(disable_help_flag = true)]
pub struct PassThrough {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

/// `furrow-bench <command> <args>`, built and run in release.
pub fn run(command: &str, args: &[String]) -> anyhow::Result<()> {
    eprintln!("building the bench crate (furrow-bench, release)...");
    util::run(
        util::cargo()
            .args(["run", "--release", "-p", "furrow-bench", "--", command])
            .args(args),
    )
}

/// The parts `--only` names (`--only a,b`, `--only=a,b`, repeatable), or
/// `None` when it is not given (every part runs).
pub fn only(args: &[String]) -> Option<Vec<String>> {
    let mut out: Option<Vec<String>> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--only") {
            Some("") => it.next().cloned(),
            Some(rest) => rest.strip_prefix('=').map(str::to_owned),
            None => None,
        };
        if let Some(v) = value {
            out.get_or_insert_with(Vec::new)
                .extend(v.split(',').map(str::to_owned));
        }
    }
    out
}

/// `cargo xtask robustness`: installs schemathesis when its part runs, builds
/// the debug server the suite starts, then runs the suite.
pub fn robustness(args: &[String]) -> anyhow::Result<()> {
    let help = args.iter().any(|a| a == "--help" || a == "-h");
    if !help && only(args).is_none_or(|parts| parts.iter().any(|p| p == "schema")) {
        crate::install::robustness_venv()?;
    }
    if !help {
        // target/debug/furrow with the workspace's test feature set, as the
        // browser tests use it (a no-op after `cargo test --workspace`).
        util::run(util::cargo().args(["test", "--workspace", "--no-run"]))?;
    }
    run("robustness", args)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn only_reads_every_spelling() {
        assert_eq!(only(&strings(&["--db", "both"])), None);
        assert_eq!(
            only(&strings(&["--only", "crash,slow-body", "--only=schema"])),
            Some(strings(&["crash", "slow-body", "schema"]))
        );
        // `--only-x` is another option, not `--only`.
        assert_eq!(only(&strings(&["--only-x", "1"])), None);
    }
}
