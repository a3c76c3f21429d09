//! Connections reset by their clients (TCP RST: `SO_LINGER` 0, then close)
//! at every point of a request, while well-behaved clients write intakes:
//! every well-behaved request must succeed. The resetting clients include
//! intakes of their own cut off while the server writes them (a write of one
//! client must never take others' down with it), and each pauses 20 ms
//! between connections, so that the run measures robustness, not a flood.

use super::http::{self, Machine, Misses};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// What the run saw.
#[derive(Debug, Default)]
pub struct Outcome {
    pub good_clients: usize,
    pub good_requests: u64,
    pub good_failures: u64,
    /// Well-behaved requests answered 5xx.
    pub server_errors: u64,
    pub failure_samples: Vec<String>,
    /// The slowest well-behaved request, in seconds.
    pub slowest: f64,
    pub reset_clients: usize,
    pub resets: u64,
    /// Connections the resetting clients could not even open.
    pub connect_errors: u64,
    pub seconds: f64,
}

/// `good` clients write intakes and `resetters` reset connections, both for `duration`.
pub async fn run(
    base: &str,
    port: u16,
    agent: &str,
    machines: &[Machine],
    good: usize,
    resetters: usize,
    duration: Duration,
) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let end = started + duration;
    let resets = Arc::new(AtomicU64::new(0));
    let connect_errors = Arc::new(AtomicU64::new(0));
    let mut reset_tasks = Vec::new();
    for r in 0..resetters {
        let (resets, connect_errors) = (resets.clone(), connect_errors.clone());
        let agent = agent.to_owned();
        let machines = machines.to_vec();
        reset_tasks.push(tokio::spawn(async move {
            let mut i = r;
            while Instant::now() < end {
                let intake = http::intake_body(&machines[i % machines.len()], 2_000_000 + i);
                match reset_one(port, i, &agent, &intake.to_string()).await {
                    Ok(()) => resets.fetch_add(1, Ordering::Relaxed),
                    Err(_) => connect_errors.fetch_add(1, Ordering::Relaxed),
                };
                i += resetters;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }));
    }
    let mut good_tasks = Vec::new();
    for g in 0..good {
        let client = http::client()?;
        let base = base.to_owned();
        let agent = agent.to_owned();
        let machines = machines.to_vec();
        good_tasks.push(tokio::spawn(async move {
            let mut ok = 0u64;
            let mut failed = Misses::default();
            let mut slowest = Duration::ZERO;
            let mut n = g;
            while Instant::now() < end {
                let began = Instant::now();
                let key = uuid::Uuid::now_v7().to_string();
                let res = http::post_intake(&client, &base, &agent, &machines, n, &key).await;
                slowest = slowest.max(began.elapsed());
                match res {
                    Ok(a) if a.status == 201 => ok += 1,
                    Ok(a) => failed.answer("intake", &a),
                    Err(e) => failed.error("intake", &e),
                }
                n += good;
            }
            (ok, failed, slowest)
        }));
    }
    let mut out = Outcome {
        good_clients: good,
        reset_clients: resetters,
        ..Outcome::default()
    };
    for t in good_tasks {
        let (ok, failed, slowest) = t.await?;
        out.slowest = out.slowest.max(slowest.as_secs_f64());
        out.good_requests += ok + failed.count;
        out.good_failures += failed.count;
        out.server_errors += failed.server_errors;
        out.failure_samples.extend(failed.samples);
    }
    for t in reset_tasks {
        t.await?;
    }
    out.resets = resets.load(Ordering::Relaxed);
    out.connect_errors = connect_errors.load(Ordering::Relaxed);
    out.seconds = started.elapsed().as_secs_f64();
    Ok(out)
}

/// One connection that ends in a reset, at the point the variant `i` picks.
async fn reset_one(port: u16, i: usize, agent: &str, intake: &str) -> std::io::Result<()> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).await?;
    s.set_nodelay(true)?;
    let logout_body = r#"{"refresh_token":"garbage-garbage-garbage"}"#;
    let logout_head = |len: usize| {
        format!(
            "POST /api/v1/auth/logout HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer garbage\r\n\
             Content-Type: application/json\r\nContent-Length: {len}\r\n\r\n"
        )
    };
    // Write errors are the point (the server may reset first): ignored.
    match i % 6 {
        // A whole logout with a garbage token, reset before the answer.
        0 => {
            let _ = s
                .write_all(format!("{}{logout_body}", logout_head(logout_body.len())).as_bytes())
                .await;
        }
        // The head and part of the body, then reset.
        1 => {
            let _ = s
                .write_all(
                    format!("{}{}", logout_head(logout_body.len()), &logout_body[..10]).as_bytes(),
                )
                .await;
        }
        // Part of the head, then reset.
        2 => {
            let _ = s
                .write_all(b"POST /api/v1/auth/logout HTTP/1.1\r\nHost: 127.0.0.1\r\nAutho")
                .await;
        }
        // A whole logout, reset while the answer is on its way.
        3 => {
            let _ = s
                .write_all(format!("{}{logout_body}", logout_head(logout_body.len())).as_bytes())
                .await;
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        // A valid intake (a write), reset while the server records it.
        4 => {
            let key = uuid::Uuid::now_v7();
            let _ = s
                .write_all(
                    format!(
                        "POST /api/v1/service-requests HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                         Authorization: Bearer {agent}\r\nIdempotency-Key: {key}\r\n\
                         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{intake}",
                        intake.len()
                    )
                    .as_bytes(),
                )
                .await;
            tokio::time::sleep(Duration::from_millis(1 + (i % 4) as u64)).await;
        }
        // A valid list of 200 requests (real work for the database), reset
        // while the server reads it or writes the answer.
        _ => {
            let _ = s
                .write_all(
                    format!(
                        "GET /api/v1/service-requests?limit=200 HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                         Authorization: Bearer {agent}\r\n\r\n"
                    )
                    .as_bytes(),
                )
                .await;
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    // SO_LINGER 0: closing sends RST instead of FIN.
    s.set_zero_linger()?;
    drop(s);
    Ok(())
}
