//! `kill -9` under concurrent intakes: every intake the server acknowledged
//! (201) before it died is there after a restart on the same data, under its
//! number, and a retry with its Idempotency-Key answers the first response;
//! the requests that were in flight, retried with their keys, succeed.

use super::http::{self, Answer, Machine, Misses};
use super::server::Launch;
use crate::bench::server::Server;
use reqwest::Method;
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// What the run saw.
#[derive(Debug, Default)]
pub struct Outcome {
    pub clients: usize,
    pub killed_after: f64,
    pub acknowledged: usize,
    pub found: usize,
    pub in_flight: usize,
    pub in_flight_ok: usize,
    pub replayed_ok: usize,
    /// Answers before the kill that were neither 201 nor a transport error.
    pub refused_before_kill: u64,
    pub server_errors: u64,
    pub failures: Vec<String>,
}

impl Outcome {
    /// A retry after the restart got the answer `r` instead of success.
    fn refused(&mut self, what: &str, r: &Answer) {
        if r.status >= 500 {
            self.server_errors += 1;
        }
        self.failures.push(http::answered(what, r));
    }
}

struct Ack {
    key: String,
    n: usize,
    id: String,
    number: String,
}

/// Runs `clients` intake writers against `server`, kills it once enough
/// intakes are acknowledged, restarts it with `launch` and checks. Returns
/// the restarted server.
pub async fn run(
    launch: &Launch,
    server: Server,
    nth_start: usize,
    agent: &str,
    machines: &[Machine],
    clients: usize,
) -> anyhow::Result<(Outcome, Server)> {
    let stop = Arc::new(AtomicBool::new(false));
    let acked = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let client = http::client()?;
        let base = server.base.clone();
        let (stop, acked) = (stop.clone(), acked.clone());
        let agent = agent.to_owned();
        let machines = machines.to_vec();
        tasks.push(tokio::spawn(async move {
            let mut acks = Vec::new();
            let mut pending = Vec::new();
            let mut refused = Misses::default();
            let mut n = 1_000_000 + c;
            while !stop.load(Ordering::Relaxed) {
                let key = uuid::Uuid::now_v7().to_string();
                match http::post_intake(&client, &base, &agent, &machines, n, &key).await {
                    Ok(a) if a.status == 201 => {
                        acked.fetch_add(1, Ordering::Relaxed);
                        acks.push(Ack {
                            key,
                            n,
                            id: a.body["id"].as_str().unwrap_or_default().to_owned(),
                            number: a.body["number"].as_str().unwrap_or_default().to_owned(),
                        });
                    }
                    Ok(a) => refused.answer("intake before the kill", &a),
                    // The server died with this request in flight: its fate
                    // is unknown, and a retry with the same key settles it.
                    Err(_) => {
                        pending.push((key, n));
                        break;
                    }
                }
                n += clients;
            }
            (acks, pending, refused)
        }));
    }
    // Kill mid-stream: after at least a second of load and 50 acknowledged
    // intakes, or after 5 s whatever the count.
    loop {
        tokio::time::sleep(Duration::from_millis(20)).await;
        let t = started.elapsed();
        if (t > Duration::from_secs(1) && acked.load(Ordering::Relaxed) >= 50)
            || t > Duration::from_secs(5)
        {
            break;
        }
    }
    let mut out = Outcome {
        clients,
        killed_after: started.elapsed().as_secs_f64(),
        ..Outcome::default()
    };
    server.kill9();
    stop.store(true, Ordering::Relaxed);
    let mut acks = Vec::new();
    let mut pending = Vec::new();
    for t in tasks {
        let (a, p, refused) = t.await?;
        acks.extend(a);
        pending.extend(p);
        out.refused_before_kill += refused.count;
        out.server_errors += refused.server_errors;
        out.failures.extend(refused.samples);
    }
    out.acknowledged = acks.len();
    out.in_flight = pending.len();
    if acks.is_empty() {
        out.failures
            .push("no intake was acknowledged before the kill".to_owned());
    }
    let numbers: HashSet<&str> = acks.iter().map(|a| a.number.as_str()).collect();
    if numbers.len() != acks.len() {
        out.failures.push(format!(
            "{} acknowledged intakes share {} numbers",
            acks.len(),
            numbers.len()
        ));
    }

    eprintln!(
        "killed after {:.1} s with {} intakes acknowledged and {} in flight; restarting",
        out.killed_after, out.acknowledged, out.in_flight
    );
    let server = launch.start(nth_start).await?;
    let client = http::client()?;
    let base = &server.base;
    for a in &acks {
        match http::send(
            &client,
            Method::GET,
            &format!("{base}/api/v1/service-requests/{}", a.id),
            Some(agent),
            None,
            &[],
        )
        .await
        {
            Ok(r) if r.status == 200 && r.body["number"].as_str() == Some(&a.number) => {
                out.found += 1;
            }
            Ok(r) => out.failures.push(http::answered(
                &format!(
                    "acknowledged {} ({}) after the restart: GET",
                    a.number, a.id
                ),
                &r,
            )),
            Err(e) => out
                .failures
                .push(format!("acknowledged {} after the restart: {e}", a.number)),
        }
    }
    // Retries with the same key: the first response for the acknowledged
    // ones, success for those in flight.
    for a in &acks {
        match http::post_intake(&client, base, agent, machines, a.n, &a.key).await {
            Ok(r) if (200..300).contains(&r.status) && r.body["id"].as_str() == Some(&a.id) => {
                out.replayed_ok += 1;
            }
            Ok(r) => out.refused(
                &format!(
                    "retry of acknowledged {} with its Idempotency-Key",
                    a.number
                ),
                &r,
            ),
            Err(e) => out.failures.push(format!(
                "retry of acknowledged {} with its Idempotency-Key: {e}",
                a.number
            )),
        }
    }
    for (key, n) in pending {
        match http::post_intake(&client, base, agent, machines, n, &key).await {
            Ok(r) if (200..300).contains(&r.status) => out.in_flight_ok += 1,
            Ok(r) => out.refused("retry of an in-flight intake with its Idempotency-Key", &r),
            Err(e) => out
                .failures
                .push(format!("retry of an in-flight intake: {e}")),
        }
    }
    Ok((out, server))
}
