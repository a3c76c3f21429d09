//! The results: one table per database, the targets as PASS/MISS with their
//! ratios, and the same as JSON in bench/results/<date>-<db>.json.

use super::driver::Outcome;
use serde_json::{Value, json};

/// One measured line of the table.
#[derive(Debug, Clone)]
pub struct Row {
    pub key: String,
    pub title: String,
    pub conns: usize,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub ops: u64,
    pub errors: u64,
    /// Throughput relative to the baseline named in `base`.
    pub ratio: Option<f64>,
    pub base: &'static str,
    pub error_samples: Vec<String>,
    /// CPU milliseconds per operation of the server and of the load generator.
    pub server_cpu_ms: Option<f64>,
    pub client_cpu_ms: Option<f64>,
}

impl Row {
    pub fn new(key: &str, title: &str, conns: usize, o: &Outcome) -> Self {
        Self {
            key: key.to_owned(),
            title: title.to_owned(),
            conns,
            per_second: o.per_second(),
            p50_ms: o.ms(0.5),
            p99_ms: o.ms(0.99),
            max_ms: o.max_ms(),
            ops: o.ops,
            errors: o.errors,
            ratio: None,
            base: "",
            error_samples: o.error_samples.clone(),
            server_cpu_ms: None,
            client_cpu_ms: None,
        }
    }

    /// The same row with its ratio taken to the `base` baseline.
    pub fn based_on(mut self, base: &'static str) -> Self {
        self.base = base;
        self
    }

    pub fn to_json(&self) -> Value {
        json!({
            "scenario": self.key, "title": self.title, "connections": self.conns,
            "throughput_per_s": round(self.per_second, 1), "p50_ms": round(self.p50_ms, 3),
            "p99_ms": round(self.p99_ms, 3), "max_ms": round(self.max_ms, 3), "ops": self.ops,
            "errors": self.errors, "ratio": self.ratio.map(|r| round(r, 3)), "ratio_to": self.base,
            "server_cpu_ms_per_op": self.server_cpu_ms.map(|x| round(x, 3)),
            "client_cpu_ms_per_op": self.client_cpu_ms.map(|x| round(x, 3)),
            "error_samples": self.error_samples,
        })
    }
}

pub fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// A checked target.
#[derive(Debug, Clone)]
pub struct Target {
    pub name: String,
    /// What was measured, e.g. `0.41 of /healthz, p99 6.2 ms`.
    pub measured: String,
    pub pass: Option<bool>,
    pub note: String,
}

impl Target {
    pub fn to_json(&self) -> Value {
        json!({"target": self.name, "measured": self.measured,
            "result": match self.pass { Some(true) => "PASS", Some(false) => "MISS", None => "n/a" },
            "note": self.note})
    }
}

/// The table, as printed.
pub fn table(db: &str, rows: &[Row], not_available: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let line = "-".repeat(118);
    out.push_str(&format!(
        "\n{line}\n{:<46} {:>5} {:>11} {:>9} {:>9} {:>9} {:>7} {:>16}\n",
        format!("scenario [{db}]"),
        "conns",
        "per second",
        "p50 ms",
        "p99 ms",
        "max ms",
        "errors",
        "ratio"
    ));
    out.push_str(&format!("{line}\n"));
    for r in rows {
        let ratio = match r.ratio {
            Some(x) => format!("{:.2} x {}", x, r.base),
            None => String::new(),
        };
        out.push_str(&format!(
            "{:<46} {:>5} {:>11.1} {:>9.2} {:>9.2} {:>9.2} {:>7} {:>16} {:>11}\n",
            truncate(&r.title, 46),
            r.conns,
            r.per_second,
            r.p50_ms,
            r.p99_ms,
            r.max_ms,
            r.errors,
            ratio,
            r.server_cpu_ms
                .map_or(String::new(), |x| format!("{x:.2} ms"))
        ));
    }
    for (what, why) in not_available {
        out.push_str(&format!("{:<46} {:>5} {why}\n", truncate(what, 46), "-"));
    }
    out.push_str(&line);
    out.push('\n');
    out
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n - 1).chain(std::iter::once('~')).collect()
    }
}

pub fn targets_text(targets: &[Target]) -> String {
    let mut out = String::from("targets:\n");
    for t in targets {
        let mark = match t.pass {
            Some(true) => "PASS",
            Some(false) => "MISS",
            None => "n/a ",
        };
        out.push_str(&format!("  {mark}  {:<58} {}", t.name, t.measured));
        if !t.note.is_empty() {
            out.push_str(&format!("  ({})", t.note));
        }
        out.push('\n');
    }
    out
}
