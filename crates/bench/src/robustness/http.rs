//! The suite's HTTP client side: sign-in, one JSON request, intakes with
//! their Idempotency-Key, the demo records intakes are made for, and the
//! tally of answers that were not the expected success.

use anyhow::{Context, bail};
use reqwest::{Client, Method};
use serde_json::{Value, json};
use std::time::Duration;

/// The password of every demo account.
pub const PASSWORD: &str = furrow_store::demo::DEMO_PASSWORD;

/// The roles schemathesis runs as (each the demo account of that name).
pub const ROLES: [&str; 5] = ["admin", "agent", "supervisor", "engineer", "dealer"];

/// One keep-alive connection per client, like a real integration.
pub fn client() -> anyhow::Result<Client> {
    Ok(Client::builder()
        .no_proxy()
        .http1_only()
        .tcp_nodelay(true)
        .pool_max_idle_per_host(1)
        .timeout(Duration::from_secs(30))
        .build()?)
}

/// An answer: the status and the body (JSON, or the text as a JSON string).
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

impl Answer {
    /// The problem's stable `code`, when the body is a problem.
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
}

/// Sends one request with an optional bearer token and JSON body.
pub async fn send(
    client: &Client,
    method: Method,
    url: &str,
    token: Option<&str>,
    body: Option<&Value>,
    headers: &[(&str, &str)],
) -> Result<Answer, String> {
    let mut req = client.request(method, url);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    if let Some(b) = body {
        req = req.json(b);
    }
    let res = req.send().await.map_err(|e| format!("transport: {e}"))?;
    let status = res.status().as_u16();
    let bytes = res.bytes().await.map_err(|e| format!("body: {e}"))?;
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    Ok(Answer { status, body })
}

/// Signs in a demo account; returns its access token.
pub async fn login(client: &Client, base: &str, username: &str) -> anyhow::Result<String> {
    let a = send(
        client,
        Method::POST,
        &format!("{base}/api/v1/auth/login"),
        None,
        Some(&json!({"username": username, "password": PASSWORD})),
        &[],
    )
    .await
    .map_err(anyhow::Error::msg)?;
    if a.status != 200 {
        bail!("sign-in of {username} answered {}: {}", a.status, a.body);
    }
    a.body["access_token"]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("sign-in of {username}: no access_token"))
}

/// A demo machine with its owner and model.
#[derive(Debug, Clone)]
pub struct Machine {
    pub id: String,
    pub customer_id: String,
    pub model_id: String,
}

/// Active demo machines the agent sees (the intakes are made for them).
pub async fn machines(client: &Client, base: &str, token: &str) -> anyhow::Result<Vec<Machine>> {
    let a = send(
        client,
        Method::GET,
        &format!("{base}/api/v1/machines?limit=100"),
        Some(token),
        None,
        &[],
    )
    .await
    .map_err(anyhow::Error::msg)?;
    if a.status != 200 {
        bail!("GET /api/v1/machines answered {}: {}", a.status, a.body);
    }
    let list: Vec<Machine> = a.body["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["active"].as_bool() != Some(false))
        .filter_map(|m| {
            Some(Machine {
                id: m["id"].as_str()?.to_owned(),
                customer_id: m["customer_id"].as_str()?.to_owned(),
                model_id: m["model_id"].as_str()?.to_owned(),
            })
        })
        .collect();
    if list.is_empty() {
        bail!("the demo data has no machine to make intakes for");
    }
    Ok(list)
}

/// A valid intake (报修) for a machine, as the API tests make them.
pub fn intake_body(m: &Machine, n: usize) -> Value {
    json!({"kind": "repair", "customer_id": m.customer_id, "machine_id": m.id,
        "symptoms": format!("收割时割台不转，有异响 (robustness {n})"),
        "preliminary_judgement": "割台传动皮带断裂", "needs_onsite": true, "priority": "high",
        "machine_stopped": true, "operation_at_risk": "harvest", "suspected_part": "wear_part"})
}

/// POSTs the intake `n` (for the machine `n` picks) with the
/// Idempotency-Key `key`: a retry with the same key must answer as the
/// first request did.
pub async fn post_intake(
    client: &Client,
    base: &str,
    agent: &str,
    machines: &[Machine],
    n: usize,
    key: &str,
) -> Result<Answer, String> {
    let body = intake_body(&machines[n % machines.len()], n);
    send(
        client,
        Method::POST,
        &format!("{base}/api/v1/service-requests"),
        Some(agent),
        Some(&body),
        &[("idempotency-key", key)],
    )
    .await
}

/// `what answered <status>: <the body, clipped>`, for messages.
pub fn answered(what: &str, a: &Answer) -> String {
    format!(
        "{what} answered {}: {}",
        a.status,
        clip(&a.body.to_string(), 200)
    )
}

/// Requests of one client that did not get the success they expected:
/// how many, how many of them 5xx, and the first three as samples.
#[derive(Debug, Default)]
pub struct Misses {
    pub count: u64,
    pub server_errors: u64,
    pub samples: Vec<String>,
}

impl Misses {
    /// `what` got the answer `a`.
    pub fn answer(&mut self, what: &str, a: &Answer) {
        if a.status >= 500 {
            self.server_errors += 1;
        }
        self.note(|| answered(what, a));
    }

    /// `what` got no answer: `error`.
    pub fn error(&mut self, what: &str, error: &str) {
        self.note(|| format!("{what}: {error}"));
    }

    fn note(&mut self, sample: impl FnOnce() -> String) {
        self.count += 1;
        if self.samples.len() < 3 {
            self.samples.push(sample());
        }
    }
}

/// The first `len` characters of `text`, for messages.
pub fn clip(text: &str, len: usize) -> String {
    let mut out: String = text.chars().take(len).collect();
    if text.chars().count() > len {
        out.push('…');
    }
    out
}
