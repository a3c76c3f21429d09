//! The part-issue scenarios' fixtures, made over HTTP like any client would:
//! a bench warehouse, one part per client (uncontended) and one part all
//! clients share (contended), each received in bulk; per client a work order
//! of its engineer and two requisitions of it, one per scenario. Each
//! operation then issues 1 unit of its client's requisition (领用出库), the
//! parts clerk's command that posts to the ledger.

use super::scenarios::{Login, Session, client, expect_json, login};
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

/// Units received of each part and requested by each requisition: more
/// than any run issues.
const UNITS: &str = "100000";

/// One client's requisition to issue from.
#[derive(Clone, Debug)]
pub struct Slot {
    pub requisition: Uuid,
    pub line: Uuid,
}

/// What the part-issue scenarios share.
#[derive(Clone, Debug)]
pub struct Fixtures {
    pub clerk: Login,
    pub warehouse: Uuid,
    /// Per client: its own part's requisition.
    pub own: Vec<Slot>,
    /// Per client: a requisition of the one shared part.
    pub shared: Vec<Slot>,
}

/// Makes the fixtures for `clients` clients (engineers of the session).
pub async fn prepare(s: &Session, clients: usize) -> anyhow::Result<Fixtures> {
    let http = client()?;
    let base = s.base.as_str();
    let clerk = login(&http, base, "parts").await?;
    let call = |method: Method, path: &str, token: &str, body: Value| {
        http.request(method, format!("{base}/api/v1{path}"))
            .bearer_auth(token.to_owned())
            .json(&body)
    };
    let stamp = Uuid::now_v7().simple().to_string()[..8].to_uppercase();
    let warehouse = id(expect_json(
        call(
            Method::POST,
            "/warehouses",
            &clerk.token,
            json!({"code": format!("BENCH-{stamp}"), "name": "压测仓", "kind": "central", "bins": []}),
        ),
        201,
    )
    .await?);
    let mut parts = Vec::new();
    for n in 0..=clients {
        let part = id(expect_json(
            call(
                Method::POST,
                "/parts",
                &clerk.token,
                json!({"part_number": format!("BENCH-{stamp}-{n}"), "name": "压测配件", "category": "filter",
                    "unit": "个", "standard_cost_fen": 1000, "reorder_point": "0", "reorder_quantity": "0"}),
            ),
            201,
        )
        .await?);
        expect_json(
            call(
                Method::POST,
                "/stock-movements/receipts",
                &clerk.token,
                json!({"part_id": part, "warehouse_id": warehouse, "quantity": UNITS}),
            ),
            201,
        )
        .await?;
        parts.push(part);
    }
    let shared_part = parts[clients];
    let (mut own, mut shared) = (Vec::new(), Vec::new());
    for (n, &own_part) in parts[..clients].iter().enumerate() {
        let engineer = &s.engineers[n % s.engineers.len()];
        let work_order = dispatched_work_order(s, &http, engineer, n).await?;
        for (part, into) in [(own_part, &mut own), (shared_part, &mut shared)] {
            // A requisition is requested on the work order as last read.
            let wo = expect_json(
                http.get(format!("{base}/api/v1/work-orders/{work_order}"))
                    .bearer_auth(&engineer.token),
                200,
            )
            .await?;
            let r = expect_json(
                call(
                    Method::POST,
                    &format!("/work-orders/{work_order}/requisitions"),
                    &engineer.token,
                    json!({"lines": [{"part_id": part, "quantity": UNITS}]}),
                )
                .header("if-match", format!("\"{}\"", wo["version"])),
                201,
            )
            .await?;
            into.push(Slot {
                requisition: id(r.clone()),
                line: r["lines"][0]["id"]
                    .as_str()
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| anyhow::anyhow!("requisition without a line: {r}"))?,
            });
        }
    }
    Ok(Fixtures {
        clerk,
        warehouse,
        own,
        shared,
    })
}

/// A new request of the data set's customers, dispatched to `engineer`.
async fn dispatched_work_order(
    s: &Session,
    http: &reqwest::Client,
    engineer: &Login,
    n: usize,
) -> anyhow::Result<String> {
    let (customer, machine) = s.data.intake_pairs[n % s.data.intake_pairs.len()];
    let sr = expect_json(
        http.post(format!("{}/api/v1/service-requests", s.base))
            .bearer_auth(&s.agent.token)
            .json(&super::scenarios::intake_body(customer, machine)),
        201,
    )
    .await?;
    let res = http
        .post(format!(
            "{}/api/v1/service-requests/{}/dispatch",
            s.base,
            sr["id"].as_str().unwrap_or_default()
        ))
        .bearer_auth(&s.supervisor.token)
        .header("if-match", format!("\"{}\"", sr["version"]))
        .json(&json!({"engineer_id": engineer.user_id}))
        .send()
        .await?;
    let location = res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    anyhow::ensure!(res.status().is_success(), "dispatch: {}", res.status());
    location
        .rsplit('/')
        .next()
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| anyhow::anyhow!("dispatch answered no work order"))
}

fn id(v: Value) -> Uuid {
    v["id"]
        .as_str()
        .or_else(|| v["record"]["id"].as_str())
        .and_then(|s| s.parse().ok())
        .unwrap_or_default()
}
