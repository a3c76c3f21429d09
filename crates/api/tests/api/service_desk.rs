//! The service desk as people read it over HTTP: the first contact with its
//! note, timelines naming people by display name, and the company's time
//! zone in `GET /me`.

use crate::helpers::{TestApp, assert_problem, ok, spawn_app};
use furrow_domain::Role;
use reqwest::{Method, Response};
use serde_json::{Value, json};

/// A new request for a new customer's machine, recorded by `token`.
async fn new_request(app: &TestApp, token: &str) -> Value {
    let (c, m) = app.customer_and_machine(token).await;
    let body = json!({"kind": "repair", "customer_id": c["id"], "machine_id": m["id"],
        "symptoms": "发动机冒黑烟", "needs_onsite": true, "priority": "normal"});
    ok(app.post("/api/v1/service-requests", token, &body).await).await
}

async fn contact(app: &TestApp, token: &str, sr: &Value, body: &Value) -> Response {
    app.request(
        Method::POST,
        &format!(
            "/api/v1/service-requests/{}/contact",
            sr["id"].as_str().unwrap()
        ),
        Some(token),
    )
    .header("if-match", format!("\"{}\"", sr["version"]))
    .json(body)
    .send()
    .await
    .unwrap()
}

#[tokio::test]
async fn the_first_contact_takes_a_note_and_the_timeline_names_the_agent() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let me = ok(app.get("/api/v1/me", &agent).await).await;
    let sr = new_request(&app, &agent).await;

    // Bad input is refused with a clear error and stops no clock.
    let unknown = contact(&app, &agent, &sr, &json!({"notes": "typo"})).await;
    assert_problem(unknown, 400, "invalid_json").await;
    let long = contact(&app, &agent, &sr, &json!({"note": "话".repeat(2001)})).await;
    let body = assert_problem(long, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "note");

    let done = ok(contact(&app, &agent, &sr, &json!({"note": " 约好明早八点到场 "})).await).await;
    assert!(done["first_contact_at"].is_string());
    let path = format!(
        "/api/v1/service-requests/{}/timeline",
        sr["id"].as_str().unwrap()
    );
    let timeline = ok(app.get(&path, &agent).await).await;
    let events = timeline.as_array().unwrap();
    let contacted = events.iter().find(|e| e["action"] == "contacted").unwrap();
    assert_eq!(contacted["changes"], json!({"note": "约好明早八点到场"}));
    for e in events {
        assert_eq!(e["actor_name"], me["username"]);
        assert_eq!(e["actor_display_name"], me["display_name"]);
    }
    assert_ne!(me["display_name"], me["username"]);
}

#[tokio::test]
async fn an_empty_contact_body_records_the_contact_without_a_note() {
    let app = spawn_app().await;
    let sup = app.token(Role::Supervisor).await;
    let sr = new_request(&app, &sup).await;
    ok(contact(&app, &sup, &sr, &json!({})).await).await;
    let path = format!(
        "/api/v1/service-requests/{}/timeline",
        sr["id"].as_str().unwrap()
    );
    let timeline = ok(app.get(&path, &sup).await).await;
    let contacted = timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "contacted")
        .cloned()
        .unwrap();
    assert_eq!(contacted["changes"], json!({"note": null}));
}

#[tokio::test]
async fn me_carries_the_company_time_zone_from_the_sla_settings() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let engineer = app.token(Role::Engineer).await;
    let me = ok(app.get("/api/v1/me", &engineer).await).await;
    assert_eq!(me["utc_offset_minutes"], 480);
    assert_eq!(
        me["username"],
        json!(app.member(Role::Engineer).await.username)
    );

    let mut sla = ok(app.get("/api/v1/settings/sla", &admin).await).await;
    sla["utc_offset_minutes"] = json!(420);
    let saved = app
        .request(Method::PUT, "/api/v1/settings/sla", Some(&admin))
        .header("if-match", "\"0\"")
        .json(&sla)
        .send()
        .await
        .unwrap();
    ok(saved).await;
    let me = ok(app.get("/api/v1/me", &engineer).await).await;
    assert_eq!(me["utc_offset_minutes"], 420);
}

#[tokio::test]
async fn an_archive_timeline_names_people_by_display_name() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let me = ok(app.get("/api/v1/me", &agent).await).await;
    let sr = new_request(&app, &agent).await;
    let customer = sr["customer_id"].as_str().unwrap();
    // A change the system made on its own, which names no person.
    furrow_store::audit::record(
        app.fx.store().conn(),
        None,
        "customer",
        customer.parse().unwrap(),
        "updated",
        json!({"source": "a background job"}),
    )
    .await
    .unwrap();
    let path = format!("/api/v1/customers/{customer}/archive");
    let archive = ok(app.get(&path, &agent).await).await;
    let entries = archive["timeline"].as_array().unwrap();
    let request = entries
        .iter()
        .find(|e| e["kind"] == "service_request" && e["entity_id"] == sr["id"])
        .unwrap();
    assert_eq!(request["actor_display_name"], me["display_name"]);
    let by_system: Vec<&Value> = entries
        .iter()
        .filter(|e| e["actor_name"] == "system")
        .collect();
    assert!(!by_system.is_empty(), "{archive}");
    assert!(by_system.iter().all(|e| e["actor_display_name"].is_null()));
}
