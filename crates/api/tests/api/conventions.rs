//! The API's write conventions (issue #18, item 21): every write of a
//! versioned record needs `If-Match` (428 without it, nothing changed), and
//! every creating `POST` honours `Idempotency-Key`, as intake does.

use crate::helpers::{TestApp, assert_problem, spawn_app};
use furrow_domain::Role;
use reqwest::{Method, Response};
use serde_json::{Value, json};

async fn json_of(res: Response) -> Value {
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    body
}

async fn timeline_len(app: &TestApp, path: &str, token: &str) -> usize {
    app.read(&format!("{path}/timeline"), token)
        .await
        .as_array()
        .unwrap()
        .len()
}

async fn without_if_match(res: Response) {
    let problem = assert_problem(res, 428, "if_match_required").await;
    assert!(
        problem["detail"].as_str().unwrap().contains("If-Match"),
        "{problem}"
    );
}

#[tokio::test]
async fn a_write_without_if_match_answers_428_and_changes_nothing() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let customer = format!("/api/v1/customers/{}", c["id"].as_str().unwrap());

    // A record-kit update and a switch.
    let body = json!({"name": "改了名的农场", "kind": c["kind"], "phone": c["phone"],
        "province": c["province"], "city": c["city"], "county": c["county"]});
    let res = app
        .request(Method::PUT, &customer, Some(&agent))
        .json(&body)
        .send()
        .await
        .unwrap();
    without_if_match(res).await;
    let res = app
        .request(
            Method::POST,
            &format!("{customer}/deactivate"),
            Some(&agent),
        )
        .send()
        .await
        .unwrap();
    without_if_match(res).await;
    let after = app.read(&customer, &agent).await;
    assert_eq!(
        (&after["name"], &after["active"], &after["version"]),
        (&c["name"], &json!(true), &c["version"])
    );
    // With it, the same update goes through.
    let res = app
        .request(Method::PUT, &customer, Some(&agent))
        .header("if-match", format!("\"{}\"", c["version"]))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(res).await["name"], "改了名的农场");

    // A workflow command.
    let intake = json!({"kind": "repair", "customer_id": c["id"], "machine_id": m["id"],
        "symptoms": "液压系统漏油", "needs_onsite": true, "priority": "normal"});
    let sr = json_of(app.post("/api/v1/service-requests", &agent, &intake).await).await;
    let request = format!("/api/v1/service-requests/{}", sr["id"].as_str().unwrap());
    let events = timeline_len(&app, &request, &agent).await;
    let res = app
        .request(Method::POST, &format!("{request}/cancel"), Some(&agent))
        .json(&json!({"reason": "客户取消"}))
        .send()
        .await
        .unwrap();
    without_if_match(res).await;
    let after = app.read(&request, &agent).await;
    assert_eq!(
        (&after["status"], &after["version"]),
        (&json!("new"), &sr["version"])
    );
    assert_eq!(timeline_len(&app, &request, &agent).await, events);
    // `*` is the explicit "whatever is current".
    let res = app
        .request(Method::POST, &format!("{request}/cancel"), Some(&agent))
        .header("if-match", "*")
        .json(&json!({"reason": "客户取消"}))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(res).await["status"], "cancelled");
}

async fn create(app: &TestApp, path: &str, token: &str, key: &str, body: &Value) -> Response {
    app.request(Method::POST, path, Some(token))
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// The same key and body twice: one record, the first answer replayed with
/// its headers; the key with another body: 409.
async fn replays(app: &TestApp, path: &str, token: &str, body: &Value, other: &Value) -> Value {
    let first = create(app, path, token, "retry-1", body).await;
    assert_eq!(first.status(), 201);
    let (etag, location) = (
        first.headers()["etag"].clone(),
        first.headers()["location"].clone(),
    );
    assert!(first.headers().get("idempotent-replayed").is_none());
    let created = json_of(first).await;
    let again = create(app, path, token, "retry-1", body).await;
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(
        (&again.headers()["etag"], &again.headers()["location"]),
        (&etag, &location)
    );
    assert_eq!(json_of(again).await, created);
    let reused = create(app, path, token, "retry-1", other).await;
    assert_problem(reused, 409, "idempotency_key_reused").await;
    created
}

#[tokio::test]
async fn idempotency_key_replays_a_customer_and_a_user_creation() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let body = json!({"name": "重试农场", "kind": "farm", "phone": "13904519999",
        "province": "黑龙江", "city": "哈尔滨", "county": "五常市"});
    let mut other = body.clone();
    other["name"] = json!("另一个农场");
    let c = replays(&app, "/api/v1/customers", &agent, &body, &other).await;
    let found = app
        .read("/api/v1/customers?q=%E9%87%8D%E8%AF%95", &agent)
        .await;
    let ids: Vec<&Value> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["id"])
        .collect();
    assert_eq!(ids, vec![&c["id"]], "one customer");
    assert!(
        app.read("/api/v1/customers?q=%E5%8F%A6%E4%B8%80", &agent)
            .await["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let admin = app.token(Role::Admin).await;
    let user = json!({"username": "retry.user", "display_name": "重试用户",
        "password": "Furrow-retry-2026", "roles": ["agent"]});
    let mut other = user.clone();
    other["display_name"] = json!("另一个用户");
    let u = replays(&app, "/api/v1/users", &admin, &user, &other).await;
    assert_eq!(u["username"], "retry.user");
}

#[test]
fn the_contract_requires_if_match_and_offers_idempotency_keys() {
    let doc: Value =
        serde_json::from_str(&furrow_api::server::openapi_document().to_json().unwrap()).unwrap();
    let header = |op: &Value, name: &str| {
        op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["in"] == "header" && p["name"] == name)
            .cloned()
    };
    let mut writes = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if let Some(p) = header(op, "If-Match") {
                writes += 1;
                assert_eq!(p["required"], true, "{method} {path}");
                assert!(op["responses"]["428"].is_object(), "{method} {path}");
            }
        }
    }
    assert!(writes >= 25, "only {writes} writes take If-Match");
    for (path, method) in [
        ("/api/v1/customers/{id}", "put"),
        ("/api/v1/customers/{id}/deactivate", "post"),
        ("/api/v1/service-requests/{id}/cancel", "post"),
        ("/api/v1/work-orders/{id}/report", "put"),
        ("/api/v1/users/{id}", "patch"),
        ("/api/v1/settings/sla", "put"),
        ("/api/v1/settings/calendar/import", "post"),
    ] {
        assert!(
            header(&doc["paths"][path][method], "If-Match").is_some(),
            "{method} {path}"
        );
    }
    for path in [
        "/api/v1/service-requests",
        "/api/v1/customers",
        "/api/v1/dealers",
        "/api/v1/machines",
        "/api/v1/product-models",
        "/api/v1/users",
    ] {
        let op = &doc["paths"][path]["post"];
        let key = header(op, "Idempotency-Key").unwrap_or_else(|| panic!("POST {path}"));
        assert_eq!(key["required"], false, "{path}");
        assert!(op["responses"]["409"].is_object(), "{path}");
    }
}
