//! The load loop: a fixed number of workers (one connection each), each doing
//! one operation after another for a bounded time; latencies of the operations
//! that complete inside the measured window go into an HDR histogram.

use hdrhistogram::Histogram;
use std::future::Future;
use std::time::{Duration, Instant};

/// One simulated client (an HTTP connection, or a store task for the ceiling).
pub trait Worker: Send + 'static {
    /// One operation; `Err` carries what went wrong.
    fn op(&mut self) -> impl Future<Output = Result<(), String>> + Send;
}

/// What a run measured.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub ops: u64,
    pub errors: u64,
    pub elapsed: Duration,
    /// Latencies in microseconds.
    pub hist: Histogram<u64>,
    /// The first few error messages.
    pub error_samples: Vec<String>,
}

impl Outcome {
    pub fn per_second(&self) -> f64 {
        self.ops as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
    pub fn ms(&self, quantile: f64) -> f64 {
        if self.hist.is_empty() {
            return 0.0;
        }
        self.hist.value_at_quantile(quantile) as f64 / 1000.0
    }
    pub fn max_ms(&self) -> f64 {
        self.hist.max() as f64 / 1000.0
    }
}

pub(super) fn histogram() -> Histogram<u64> {
    // 1 µs to 10 minutes, 3 significant digits.
    Histogram::new_with_bounds(1, 600_000_000, 3).expect("valid histogram bounds")
}

/// Runs `workers` concurrently: `warmup` unmeasured, then `duration` measured.
pub async fn run<W: Worker>(workers: Vec<W>, warmup: Duration, duration: Duration) -> Outcome {
    let start = Instant::now() + Duration::from_millis(50);
    let measure_from = start + warmup;
    let end = measure_from + duration;
    let tasks: Vec<_> = workers
        .into_iter()
        .map(|mut w| {
            tokio::spawn(async move {
                let mut hist = histogram();
                let (mut ops, mut errors) = (0u64, 0u64);
                let mut samples = Vec::new();
                tokio::time::sleep_until(start.into()).await;
                loop {
                    let began = Instant::now();
                    if began >= end {
                        break;
                    }
                    let result = w.op().await;
                    let done = Instant::now();
                    if done < measure_from || done > end {
                        continue;
                    }
                    match result {
                        Ok(()) => {
                            ops += 1;
                            let us = (done - began).as_micros().max(1) as u64;
                            hist.saturating_record(us);
                        }
                        Err(e) => {
                            errors += 1;
                            if samples.len() < 3 {
                                samples.push(e);
                            }
                            // Do not spin on a broken endpoint.
                            tokio::time::sleep(Duration::from_millis(5)).await;
                        }
                    }
                }
                (hist, ops, errors, samples)
            })
        })
        .collect();
    let mut out = Outcome {
        ops: 0,
        errors: 0,
        elapsed: duration,
        hist: histogram(),
        error_samples: Vec::new(),
    };
    for t in tasks {
        match t.await {
            Ok((hist, ops, errors, samples)) => {
                let _ = out.hist.add(&hist);
                out.ops += ops;
                out.errors += errors;
                for s in samples {
                    if out.error_samples.len() < 5 {
                        out.error_samples.push(s);
                    }
                }
            }
            Err(e) => {
                out.errors += 1;
                out.error_samples.push(format!("worker panicked: {e}"));
            }
        }
    }
    out
}
