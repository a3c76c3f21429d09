//! The scenarios: what one simulated client does, over HTTP/1.1 keep-alive,
//! one connection per client, signed in as the role that does it in real life.

use super::driver::Worker;
use super::load::{Dataset, PASSWORD};
use base64::Engine as _;
use chrono::{Duration as ChronoDuration, Utc};
use reqwest::{Client, Method, RequestBuilder, Response};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Reads are judged against /healthz, writes against the storage ceiling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Baseline,
    Read,
    Write,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Healthz,
    DealerRead,
    DealerSync,
    RequestList,
    CustomerSearch,
    Intake,
    Service,
    Kpis,
    /// A dealer's system pulls one request's status by its number.
    StatusPull,
    /// The same with the ETag it got before: 304 without a body.
    StatusPullCached,
    /// The parts clerk issues 1 unit of the client's own part.
    PartIssue,
    /// The same, every client issuing the one shared part.
    PartIssueShared,
    /// Another system follows the change feed, 100 events a page.
    Feed,
}

/// A scenario as the table shows it.
pub struct Scenario {
    pub kind: Kind,
    /// Short name for `--only` and the JSON.
    pub key: &'static str,
    pub title: &'static str,
    pub class: Class,
}

pub const SCENARIOS: [Scenario; 13] = [
    Scenario {
        kind: Kind::Healthz,
        key: "healthz",
        title: "GET /healthz",
        class: Class::Baseline,
    },
    Scenario {
        kind: Kind::DealerRead,
        key: "read",
        title: "dealer: request status by id",
        class: Class::Read,
    },
    Scenario {
        kind: Kind::StatusPull,
        key: "pull",
        title: "dealer: status pull by number",
        class: Class::Read,
    },
    Scenario {
        kind: Kind::StatusPullCached,
        key: "pull_304",
        title: "dealer: status pull by number, If-None-Match (304)",
        class: Class::Read,
    },
    Scenario {
        kind: Kind::DealerSync,
        key: "sync",
        title: "dealer: sync page (updated_since)",
        class: Class::Read,
    },
    Scenario {
        kind: Kind::RequestList,
        key: "list",
        title: "supervisor: default request list",
        class: Class::Read,
    },
    Scenario {
        kind: Kind::CustomerSearch,
        key: "search",
        title: "agent: customer search (2 chars)",
        class: Class::Read,
    },
    Scenario {
        kind: Kind::Kpis,
        key: "kpis",
        title: "supervisor: last month's KPIs (GET /kpis)",
        class: Class::Read,
    },
    Scenario {
        kind: Kind::Intake,
        key: "intake",
        title: "agent: intake (POST, Idempotency-Key)",
        class: Class::Write,
    },
    Scenario {
        kind: Kind::Service,
        key: "service",
        title: "full service (9 commands) = services/s",
        class: Class::Write,
    },
    Scenario {
        kind: Kind::PartIssue,
        key: "issue",
        title: "clerk: part issue, uncontended (a part per client)",
        class: Class::Write,
    },
    Scenario {
        kind: Kind::PartIssueShared,
        key: "issue_one_part",
        title: "clerk: part issue, contended (one part)",
        class: Class::Write,
    },
    Scenario {
        kind: Kind::Feed,
        key: "feed",
        title: "system: change feed page (GET /events, limit 100)",
        class: Class::Read,
    },
];

/// Capabilities that are measured once they exist (none left out now).
pub const NOT_AVAILABLE: [(&str, &str); 0] = [];

/// A signed-in user.
#[derive(Clone, Debug)]
pub struct Login {
    pub token: String,
    pub user_id: String,
}

/// Everything the clients share: where the server is, the data, the tokens.
pub struct Session {
    pub base: String,
    pub data: Dataset,
    pub agent: Login,
    pub supervisor: Login,
    /// One per dealer user of the data set (same order).
    pub dealers: Vec<Login>,
    /// One per engineer, as many as the largest client count needs.
    pub engineers: Vec<Login>,
    pub signed_in_at: Instant,
    pub signature: String,
}

pub fn client() -> anyhow::Result<Client> {
    Ok(Client::builder()
        .no_proxy()
        .http1_only()
        .tcp_nodelay(true)
        .pool_max_idle_per_host(1)
        .timeout(Duration::from_secs(60))
        .build()?)
}

pub async fn login(client: &Client, base: &str, username: &str) -> anyhow::Result<Login> {
    let res = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"username": username, "password": PASSWORD}))
        .send()
        .await?;
    let status = res.status();
    let body: Value = res.json().await?;
    anyhow::ensure!(
        status.is_success(),
        "sign-in of {username} failed: {status} {body}"
    );
    Ok(Login {
        token: body["access_token"].as_str().unwrap_or_default().to_owned(),
        user_id: body["user"]["id"].as_str().unwrap_or_default().to_owned(),
    })
}

impl Session {
    /// Signs in every account the scenarios use (access tokens last 15 minutes;
    /// [`refresh`] renews them between scenarios).
    pub async fn new(base: &str, data: Dataset, max_clients: usize) -> anyhow::Result<Self> {
        let c = client()?;
        let t = Instant::now();
        let agent = login(&c, base, "agent").await?;
        let supervisor = login(&c, base, "supervisor").await?;
        let mut dealers = Vec::new();
        for d in data.dealer_users.iter().take(max_clients) {
            dealers.push(login(&c, base, &d.username).await?);
        }
        let mut engineers = Vec::new();
        for e in data.engineer_usernames.iter().take(max_clients) {
            engineers.push(login(&c, base, e).await?);
        }
        anyhow::ensure!(
            !dealers.is_empty(),
            "the data set has no dealer with requests"
        );
        anyhow::ensure!(!engineers.is_empty(), "the data set has no engineer");
        eprintln!(
            "signed in {} accounts in {:.1} s",
            2 + dealers.len() + engineers.len(),
            t.elapsed().as_secs_f64()
        );
        let png = super::load::signature_png();
        Ok(Self {
            base: base.to_owned(),
            data,
            agent,
            supervisor,
            dealers,
            engineers,
            signed_in_at: Instant::now(),
            signature: format!(
                "data:image/png;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(png)
            ),
        })
    }
}

/// Signs in again when the tokens are older than ten minutes.
pub async fn refresh(s: &mut Arc<Session>, max_clients: usize) -> anyhow::Result<()> {
    if s.signed_in_at.elapsed() < Duration::from_secs(600) {
        return Ok(());
    }
    let fresh = Session::new(&s.base, s.data.clone(), max_clients).await?;
    *s = Arc::new(fresh);
    Ok(())
}

/// One simulated client of a scenario.
pub struct Client1 {
    kind: Kind,
    n: usize,
    http: Client,
    s: Arc<Session>,
    rng: u64,
    counter: u64,
    /// Sync: where the dealer's sync is.
    since: String,
    cursor: Option<String>,
    /// Part issues: the fixtures, and the client's requisition's version.
    parts: Option<Arc<super::parts::Fixtures>>,
    version: Option<i64>,
    /// Status pulls with If-None-Match: the ETag of each number pulled.
    etags: std::collections::HashMap<String, String>,
}

impl Client1 {
    pub fn new(kind: Kind, n: usize, s: Arc<Session>) -> anyhow::Result<Self> {
        Ok(Self {
            kind,
            n,
            http: client()?,
            s,
            rng: 0x9E37_79B9_7F4A_7C15 ^ ((n as u64 + 1) * 0x2545_F491),
            counter: 0,
            since: String::new(),
            cursor: None,
            parts: None,
            version: None,
            etags: std::collections::HashMap::new(),
        })
    }

    /// The part-issue fixtures this client issues from.
    pub fn with_parts(mut self, parts: Option<Arc<super::parts::Fixtures>>) -> Self {
        self.parts = parts;
        self
    }

    /// Issues 1 unit of this client's requisition (its own part's, or the
    /// shared part's) with the version it last saw.
    async fn issue(&mut self, shared: bool) -> Result<(), String> {
        let f = self.parts.clone().ok_or("no part fixtures")?;
        let slots = if shared { &f.shared } else { &f.own };
        let slot = slots.get(self.n).ok_or("more clients than fixtures")?;
        let path = format!("/api/v1/requisitions/{}", slot.requisition);
        let version = match self.version {
            Some(v) => v,
            None => {
                let r = expect(
                    send(self.req(Method::GET, &path, Some(&f.clerk.token))).await?,
                    200,
                )
                .await?;
                r["version"].as_i64().ok_or("no version")?
            }
        };
        #[derive(serde::Deserialize)]
        struct Version {
            version: i64,
        }
        let after: Version = expect_as(
            send(
                self.req(Method::POST, &format!("{path}/issue"), Some(&f.clerk.token))
                    .header("if-match", format!("\"{version}\""))
                    .json(
                        &json!({"warehouse_id": f.warehouse, "recipient": "压测领用",
                        "lines": [{"line_id": slot.line, "quantity": "1"}]}),
                    ),
            )
            .await?,
            200,
        )
        .await?;
        self.version = Some(after.version);
        Ok(())
    }

    fn below(&mut self, n: usize) -> usize {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        (self.rng % n.max(1) as u64) as usize
    }

    fn req(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let r = self.http.request(method, format!("{}{path}", self.s.base));
        match token {
            Some(t) => r.bearer_auth(t),
            None => r,
        }
    }

    fn dealer(&self) -> (&Login, &super::load::DealerUser) {
        let i = self.n % self.s.dealers.len();
        (&self.s.dealers[i], &self.s.data.dealer_users[i])
    }

    fn engineer(&self) -> &Login {
        &self.s.engineers[self.n % self.s.engineers.len()]
    }

    fn intake_body(&mut self) -> Value {
        let k = self.below(self.s.data.intake_pairs.len());
        let (c, m) = self.s.data.intake_pairs[k];
        intake_body(c, m)
    }

    /// A key never used before: clients of different scenarios draw the same
    /// bodies (seeded by their number), so a reused key would be replayed.
    fn key(&mut self) -> String {
        self.counter += 1;
        format!("bench-{}-{}", uuid::Uuid::now_v7().simple(), self.counter)
    }

    async fn intake(&mut self) -> Result<Value, String> {
        let body = self.intake_body();
        let key = self.key();
        let token = self.s.agent.token.clone();
        let res = send(
            self.req(Method::POST, "/api/v1/service-requests", Some(&token))
                .header("idempotency-key", key)
                .json(&body),
        )
        .await?;
        expect(res, 201).await
    }

    async fn service(&mut self) -> Result<(), String> {
        let sr = self.intake().await?;
        let sup = self.s.supervisor.token.clone();
        let eng = self.engineer().clone();
        let id = sr["id"].as_str().unwrap_or_default().to_owned();
        let res = send(
            self.req(
                Method::POST,
                &format!("/api/v1/service-requests/{id}/dispatch"),
                Some(&sup),
            )
            .header("if-match", if_match(&sr))
            .json(&json!({"engineer_id": eng.user_id})),
        )
        .await?;
        let wo_path = res
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        expect(res, 200).await?;
        // A new work order has version 1.
        let wo = expect(
            send(
                self.req(
                    Method::POST,
                    &format!("{wo_path}/check-in"),
                    Some(&eng.token),
                )
                .header("if-match", "\"1\"")
                .json(&json!({})),
            )
            .await?,
            200,
        )
        .await?;
        expect(
            send(
                self.req(Method::POST, &format!("{wo_path}/finish"), Some(&eng.token))
                    .header("if-match", if_match(&wo))
                    .json(&json!({"inspection_passed": true, "notes": "试车正常"})),
            )
            .await?,
            200,
        )
        .await?;
        let report = expect(
            send(
                self.req(Method::PUT, &format!("{wo_path}/report"), Some(&eng.token))
                    .header("if-match", "\"0\"")
                    .json(&json!({"process": "检查割台，更换皮带", "cause": "割台传动皮带老化断裂", "measures": "更换皮带并调整张紧度",
                        "labour_hours": "2.5", "parts": [{"part_number": "4LZ-0231", "name": "割台传动皮带", "quantity": "1", "unit": "条"}]})),
            )
            .await?,
            200,
        )
        .await?;
        let rpath = format!(
            "/api/v1/repair-reports/{}",
            report["id"].as_str().unwrap_or_default()
        );
        let report = expect(
            send(
                self.req(Method::POST, &format!("{rpath}/submit"), Some(&eng.token))
                    .header("if-match", if_match(&report))
                    .json(&json!({})),
            )
            .await?,
            200,
        )
        .await?;
        let report = expect(
            send(
                self.req(Method::POST, &format!("{rpath}/approve"), Some(&sup))
                    .header("if-match", if_match(&report))
                    .json(&json!({"comment": "同意"})),
            )
            .await?,
            200,
        )
        .await?;
        let link = expect(
            send(
                self.req(Method::POST, &format!("{rpath}/sign-link"), Some(&sup))
                    .header("if-match", if_match(&report))
                    .json(&json!({})),
            )
            .await?,
            201,
        )
        .await?;
        let token = link["token"].as_str().unwrap_or_default().to_owned();
        let body = json!({"signer_name": "张建国", "signature_png": self.s.signature});
        expect(
            send(
                self.req(Method::POST, &format!("/api/v1/sign/{token}"), None)
                    .json(&body),
            )
            .await?,
            200,
        )
        .await?;
        Ok(())
    }

    /// Pulls one of the dealer's requests by number. Cached: from 20
    /// numbers, each sent with the ETag of its first pull, so after the
    /// first round every answer is 304.
    async fn pull(&mut self, cached: bool) -> Result<(), String> {
        let (token, numbers) = {
            let (login, d) = self.dealer();
            (login.token.clone(), d.request_numbers.len())
        };
        let k = self.below(if cached { numbers.min(20) } else { numbers });
        let number = self.dealer().1.request_numbers[k].clone();
        let mut r = self.req(
            Method::GET,
            &format!("/api/v1/service-requests/by-number/{number}"),
            Some(&token),
        );
        let known = cached.then(|| self.etags.get(&number).cloned()).flatten();
        if let Some(tag) = &known {
            r = r.header("if-none-match", tag.clone());
        }
        let res = send(r).await?;
        if known.is_some() {
            return drain(res, 304).await;
        }
        let tag = res
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        drain(res, 200).await?;
        if cached && let Some(tag) = tag {
            self.etags.insert(number, tag);
        }
        Ok(())
    }

    /// One page of the change feed as the supervisor's token reads it (every
    /// record's events), from where the last page ended; from the start
    /// again once the feed's head is reached.
    async fn feed_page(&mut self) -> Result<(), String> {
        #[derive(serde::Deserialize)]
        struct Page {
            next_cursor: String,
            has_more: bool,
        }
        let token = self.s.supervisor.token.clone();
        let after = self.cursor.clone().unwrap_or_else(|| "0".to_owned());
        let page: Page = expect_as(
            send(
                self.req(Method::GET, "/api/v1/events", Some(&token))
                    .query(&[("after", after.as_str()), ("limit", "100")]),
            )
            .await?,
            200,
        )
        .await?;
        self.cursor = page.has_more.then_some(page.next_cursor);
        Ok(())
    }

    async fn sync_page(&mut self) -> Result<(), String> {
        if self.cursor.is_none() {
            // A new sync from a random point of the last 24 months.
            let back = self.below(730 * 24) as i64;
            self.since = (Utc::now() - ChronoDuration::hours(back))
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
        }
        let token = self.dealer().0.token.clone();
        let mut q = vec![
            ("updated_since", self.since.clone()),
            ("limit", "50".to_owned()),
        ];
        if let Some(c) = &self.cursor {
            q.push(("cursor", c.clone()));
        }
        // Only the cursor is read: parsing the whole 50-row page into a
        // `Value` cost the load generator 0.44 ms per page, CPU the server
        // shares on this machine (the list scenario only drains its body).
        #[derive(serde::Deserialize)]
        struct Cursor {
            next_cursor: Option<String>,
        }
        let page: Cursor = expect_as(
            send(
                self.req(Method::GET, "/api/v1/service-requests", Some(&token))
                    .query(&q),
            )
            .await?,
            200,
        )
        .await?;
        self.cursor = page.next_cursor;
        Ok(())
    }
}

impl Worker for Client1 {
    async fn op(&mut self) -> Result<(), String> {
        match self.kind {
            Kind::Healthz => {
                let res = send(self.req(Method::GET, "/healthz", None)).await?;
                drain(res, 200).await
            }
            Kind::DealerRead => {
                let (token, len) = {
                    let (login, d) = self.dealer();
                    (login.token.clone(), d.request_ids.len())
                };
                let k = self.below(len);
                let id = self.dealer().1.request_ids[k];
                let res = send(self.req(
                    Method::GET,
                    &format!("/api/v1/service-requests/{id}"),
                    Some(&token),
                ))
                .await?;
                drain(res, 200).await
            }
            Kind::DealerSync => self.sync_page().await,
            Kind::Feed => self.feed_page().await,
            Kind::StatusPull | Kind::StatusPullCached => {
                self.pull(self.kind == Kind::StatusPullCached).await
            }
            Kind::RequestList => {
                let token = self.s.supervisor.token.clone();
                let res = send(
                    self.req(Method::GET, "/api/v1/service-requests", Some(&token))
                        .query(&[("limit", "50")]),
                )
                .await?;
                drain(res, 200).await
            }
            Kind::CustomerSearch => {
                let token = self.s.agent.token.clone();
                let k = self.below(self.s.data.search_terms.len());
                let term = self.s.data.search_terms[k].clone();
                let res = send(
                    self.req(Method::GET, "/api/v1/customers", Some(&token))
                        .query(&[("q", term.as_str()), ("limit", "50")]),
                )
                .await?;
                drain(res, 200).await
            }
            Kind::Intake => self.intake().await.map(|_| ()),
            Kind::PartIssue => self.issue(false).await,
            Kind::PartIssueShared => self.issue(true).await,
            Kind::Service => self.service().await,
            Kind::Kpis => {
                // The last whole month of the history (the data ends now):
                // every engineer's, the company's, each dealer's and region's
                // figures, computed afresh on each call.
                let token = self.s.supervisor.token.clone();
                let month = (Utc::now() - ChronoDuration::days(31))
                    .format("%Y-%m")
                    .to_string();
                let res = send(
                    self.req(Method::GET, "/api/v1/kpis", Some(&token))
                        .query(&[("month", month.as_str())]),
                )
                .await?;
                drain(res, 200).await
            }
        }
    }
}

/// `"<version>"` of a returned record, for If-Match.
/// The body of every intake the bench makes, over HTTP or through the store.
pub fn intake_body(customer: uuid::Uuid, machine: uuid::Uuid) -> Value {
    json!({"kind": "repair", "customer_id": customer, "machine_id": machine, "symptoms": "收割时割台不转，有异响",
        "preliminary_judgement": "割台传动皮带断裂", "needs_onsite": true, "priority": "high",
        "machine_stopped": true, "operation_at_risk": "harvest", "suspected_part": "wear_part"})
}

fn if_match(v: &Value) -> String {
    format!("\"{}\"", v["version"])
}

async fn send(r: RequestBuilder) -> Result<Response, String> {
    r.send().await.map_err(|e| format!("transport: {e}"))
}

/// Reads the whole body; an unexpected status is an error with the body.
async fn drain(res: Response, want: u16) -> Result<(), String> {
    let status = res.status().as_u16();
    let body = res.bytes().await.map_err(|e| format!("body: {e}"))?;
    if status != want {
        return Err(format!(
            "{status}: {}",
            String::from_utf8_lossy(&body[..body.len().min(300)])
        ));
    }
    Ok(())
}

/// Sends a fixture's request and answers its body, or an error naming it.
pub async fn expect_json(r: RequestBuilder, want: u16) -> anyhow::Result<Value> {
    let res = send(r).await.map_err(anyhow::Error::msg)?;
    expect(res, want).await.map_err(anyhow::Error::msg)
}

async fn expect(res: Response, want: u16) -> Result<Value, String> {
    expect_as(res, want).await
}

/// The body as `T`: a struct naming only what the client reads skips the rest.
async fn expect_as<T: serde::de::DeserializeOwned>(res: Response, want: u16) -> Result<T, String> {
    let status = res.status().as_u16();
    let url = res.url().path().to_owned();
    let body = res.bytes().await.map_err(|e| format!("body: {e}"))?;
    if status != want {
        return Err(format!(
            "{url}: {status}: {}",
            String::from_utf8_lossy(&body[..body.len().min(300)])
        ));
    }
    serde_json::from_slice(&body).map_err(|e| format!("{url}: not JSON: {e}"))
}
