//! A cancelled request's downtime and clocks stop at its cancel time
//! (`sla::downtime_end`), on the request's page and in the list alike.

use crate::helpers::{TestApp, spawn_app};
use chrono::{DateTime, Duration, Utc};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};

fn time_lit(t: DateTime<Utc>) -> String {
    if furrow_store::testing::on_postgres() {
        format!("TIMESTAMPTZ '{}'", t.format("%Y-%m-%d %H:%M:%S%.6f+00"))
    } else {
        format!("'{}'", t.format("%Y-%m-%dT%H:%M:%S%.6f+00:00"))
    }
}

fn id_lit(id: &str) -> String {
    if furrow_store::testing::on_postgres() {
        format!("'{id}'")
    } else {
        format!("X'{}'", id.replace('-', ""))
    }
}

async fn json_of(res: reqwest::Response) -> Value {
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    body
}

/// The request's list row, from the newest-first list.
async fn row(app: &TestApp, token: &str, id: &str) -> Value {
    let list = app
        .read("/api/v1/service-requests?sort=newest&limit=50", token)
        .await;
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .cloned()
        .expect("the request is listed")
}

fn at(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn a_cancelled_request_stops_its_downtime_and_clocks_at_the_cancel_time() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let body = json!({"kind": "repair", "customer_id": c["id"], "machine_id": m["id"],
        "symptoms": "发动机无法启动", "needs_onsite": true, "priority": "high", "machine_stopped": true});
    let sr = json_of(app.post("/api/v1/service-requests", &agent, &body).await).await;
    let id = sr["id"].as_str().unwrap().to_owned();
    let base = format!("/api/v1/service-requests/{id}");

    // Reported two days ago, the first contact due a day ago: overdue.
    let reported = Utc::now() - Duration::days(2);
    app.sql(&format!(
        "UPDATE service_requests SET reported_at = {}, first_contact_due = {}, sort_due = {} WHERE id = {}",
        time_lit(reported),
        time_lit(reported + Duration::hours(24)),
        time_lit(reported + Duration::hours(24)),
        id_lit(&id)
    ))
    .await;
    let open = app.read(&base, &agent).await;
    assert_eq!(open["overdue"], true);
    assert!(open["cancelled_at"].is_null());

    let cancelled = app
        .request(Method::POST, &format!("{base}/cancel"), Some(&agent))
        .header("if-match", format!("\"{}\"", open["version"]))
        .json(&json!({"reason": "客户已自行修复"}))
        .send()
        .await
        .unwrap();
    let cancelled = json_of(cancelled).await;
    let cancel_time = at(&cancelled["cancelled_at"]);
    let timeline = app.read(&format!("{base}/timeline"), &agent).await;
    let event = timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "cancelled")
        .expect("a cancel event");
    assert_eq!(
        at(&event["at"]),
        cancel_time,
        "stamped with the cancel time"
    );
    let minutes = (cancel_time - reported).num_minutes();
    let expected = (minutes as f64 / 60.0 * 10.0).round() / 10.0;
    for view in [app.read(&base, &agent).await, row(&app, &agent, &id).await] {
        assert_eq!(view["downtime_hours"], json!(expected), "{view}");
        assert_eq!(view["overdue"], false, "no clock runs once cancelled");
        assert!(view["next_due_at"].is_null(), "{view}");
    }

    // Cancelled 5.5 hours after the report, long ago: the downtime stays
    // 5.5 hours however late it is read (it counted up to today before).
    let long_ago: DateTime<Utc> = "2026-03-02T02:00:00Z".parse().unwrap();
    app.sql(&format!(
        "UPDATE service_requests SET reported_at = {}, closed_at = {} WHERE id = {}",
        time_lit(long_ago),
        time_lit(long_ago + Duration::minutes(330)),
        id_lit(&id)
    ))
    .await;
    let view = app.read(&base, &agent).await;
    assert_eq!(view["downtime_hours"], json!(5.5));
    assert_eq!(view["cancelled_at"], json!("2026-03-02T07:30:00Z"));
    assert_eq!(row(&app, &agent, &id).await["downtime_hours"], json!(5.5));
}
