//! Webhook deliveries per second to a local receiver. One subscription to
//! the requests' events is made held (`enabled: false`, its cursor at the
//! feed's head); real intakes then make a backlog of events; the
//! subscription is enabled and the server's deliverer drains the backlog
//! into a receiver on 127.0.0.1 (actix-web, answering 204). The rate is the
//! deliveries from the first to the last that came; each delivery's
//! signature is checked afterwards, off the measured path, and a delivery
//! that fails the check or repeats an event counts as an error.

use super::driver::Outcome;
use super::scenarios::{Login, Session, client, expect_json, intake_body, login};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::json;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the receiver got: when, the Standard Webhooks headers, the body.
struct Delivery {
    at: Instant,
    id: String,
    timestamp: i64,
    signature: String,
    body: web::Bytes,
}

type Log = Arc<Mutex<Vec<Delivery>>>;

/// The receiver: its URL, what it got, and how to stop it.
struct Receiver {
    url: String,
    log: Log,
    handle: actix_web::dev::ServerHandle,
}

async fn take(req: HttpRequest, body: web::Bytes, log: web::Data<Log>) -> HttpResponse {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let delivery = Delivery {
        at: Instant::now(),
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp").parse().unwrap_or_default(),
        signature: header("webhook-signature"),
        body,
    };
    if let Ok(mut log) = log.lock() {
        log.push(delivery);
    }
    HttpResponse::NoContent().finish()
}

/// Starts the receiver on its own thread (actix-web runs its own runtime).
fn start_receiver() -> anyhow::Result<Receiver> {
    let log: Log = Arc::default();
    let (tx, rx) = std::sync::mpsc::channel();
    let shared = log.clone();
    std::thread::spawn(move || {
        let ran = actix_web::rt::System::new().block_on(async move {
            let data = web::Data::new(shared);
            let server = HttpServer::new(move || {
                App::new()
                    .app_data(data.clone())
                    .default_service(web::to(take))
            })
            .workers(1)
            .bind(("127.0.0.1", 0))?;
            let addr = server.addrs()[0];
            let running = server.run();
            let _ = tx.send((addr, running.handle()));
            running.await
        });
        if let Err(e) = ran {
            eprintln!("webhook receiver: {e}");
        }
    });
    let (addr, handle) = rx.recv_timeout(Duration::from_secs(10))?;
    Ok(Receiver {
        url: format!("http://{addr}/furrow"),
        log,
        handle,
    })
}

/// Drains a backlog of `backlog` intakes' events through one subscription;
/// gives up waiting `window` after enabling it, or once nothing came for
/// three seconds (an up-to-date subscription rests a second between looks).
pub async fn measure(s: &Session, backlog: usize, window: Duration) -> anyhow::Result<Outcome> {
    let http = client()?;
    let base = s.base.as_str();
    let admin: Login = login(&http, base, "admin").await?;
    let receiver = start_receiver()?;
    let input = |enabled: bool| {
        json!({"url": receiver.url, "events": ["service_request"], "enabled": enabled,
            "description": "bench receiver"})
    };
    let made = expect_json(
        http.post(format!("{base}/api/v1/webhooks"))
            .bearer_auth(&admin.token)
            .json(&input(false)),
        201,
    )
    .await?;
    let id = made["webhook"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let secret = made["secret"].as_str().unwrap_or_default().to_owned();
    let version = made["webhook"]["version"].as_i64().unwrap_or(1);
    for n in 0..backlog {
        let (c, m) = s.data.intake_pairs[n % s.data.intake_pairs.len()];
        expect_json(
            http.post(format!("{base}/api/v1/service-requests"))
                .bearer_auth(&s.agent.token)
                .json(&intake_body(c, m)),
            201,
        )
        .await?;
    }
    let on = expect_json(
        http.put(format!("{base}/api/v1/webhooks/{id}"))
            .bearer_auth(&admin.token)
            .header("if-match", format!("\"{version}\""))
            .json(&input(true)),
        200,
    )
    .await?;
    let enabled = Instant::now();
    let mut seen = 0;
    let mut quiet_since = Instant::now();
    while enabled.elapsed() < window {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now_seen = receiver.log.lock().map(|l| l.len()).unwrap_or_default();
        if now_seen != seen {
            (seen, quiet_since) = (now_seen, Instant::now());
        } else if seen > 0 && quiet_since.elapsed() > Duration::from_secs(3) {
            break;
        }
    }
    // Gone, so the deliverer does not go on posting to a stopped receiver.
    let _ = http
        .delete(format!("{base}/api/v1/webhooks/{id}"))
        .bearer_auth(&admin.token)
        .header("if-match", format!("\"{}\"", on["version"]))
        .send()
        .await;
    receiver.handle.stop(false).await;
    let log = std::mem::take(
        &mut *receiver
            .log
            .lock()
            .map_err(|_| anyhow::anyhow!("poisoned"))?,
    );
    Ok(outcome(&log, &secret))
}

/// The rate between the first and the last delivery; the gaps between
/// deliveries as the latencies; bad signatures and repeats as errors.
fn outcome(log: &[Delivery], secret: &str) -> Outcome {
    let mut hist = super::driver::histogram();
    let mut errors = 0;
    let mut samples = Vec::new();
    let mut ids = HashSet::new();
    let signer = standardwebhooks::Webhook::new(secret).ok();
    for (n, d) in log.iter().enumerate() {
        if n > 0 {
            let gap = d.at.duration_since(log[n - 1].at).as_micros().max(1) as u64;
            hist.saturating_record(gap);
        }
        let expected = signer
            .as_ref()
            .and_then(|w| w.sign(&d.id, d.timestamp, &d.body).ok());
        let signed = expected.is_some_and(|e| d.signature.split(' ').any(|s| s == e));
        let repeat = !ids.insert(d.id.clone());
        if !signed || repeat {
            errors += 1;
            if samples.len() < 3 {
                samples.push(format!(
                    "delivery {}: {}",
                    d.id,
                    if repeat { "repeated" } else { "bad signature" }
                ));
            }
        }
    }
    let elapsed = match (log.first(), log.last()) {
        (Some(a), Some(b)) if log.len() > 1 => b.at.duration_since(a.at),
        _ => Duration::from_secs(1),
    };
    Outcome {
        ops: log.len().saturating_sub(1) as u64,
        errors,
        elapsed,
        hist,
        error_samples: samples,
    }
}
