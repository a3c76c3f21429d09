//! The customer's choice past the 三包 repair deadline (issue 18, item 4): a
//! hand-made in-warranty repair past its deadline offers it from the exact
//! deadline; continuing is recorded, replacing (换货) gives the machine its
//! new serial and a 三包 period restarted on the replacement day.

use crate::helpers::{TestApp, assert_problem, ok, spawn_app};
use furrow_domain::Role;
use furrow_store::testing::on_postgres;
use reqwest::Method;
use serde_json::{Value, json};

/// An instant as a SQL literal both databases read (`2026-10-14T01:00:00`, UTC).
fn ts(utc: &str) -> String {
    if on_postgres() {
        format!("TIMESTAMPTZ '{} +00'", utc.replace('T', " "))
    } else {
        format!("'{utc}+00:00'")
    }
}

fn id_lit(id: &str) -> String {
    if on_postgres() {
        format!("'{id}'")
    } else {
        format!("X'{}'", id.replace('-', ""))
    }
}

/// A request of `kind` on the machine, reported and due at the given UTC
/// instants, in service and unrepaired.
async fn overdue(
    app: &TestApp,
    agent: &str,
    (c, m): (&Value, &Value),
    kind: &str,
    (reported, due): (&str, &str),
) -> String {
    let body = json!({"kind": "repair", "customer_id": c["id"], "machine_id": m["id"],
        "symptoms": "发动机无法启动", "needs_onsite": true, "priority": "normal"});
    let sr = ok(app.post("/api/v1/service-requests", agent, &body).await).await;
    let id = sr["id"].as_str().unwrap().to_owned();
    app.sql(&format!(
        "UPDATE service_requests SET kind = '{kind}', status = 'in_service', reported_at = {}, repair_due = {} WHERE id = {}",
        ts(reported),
        ts(due),
        id_lit(&id)
    ))
    .await;
    id
}

/// `POST /service-requests/{id}/customer-choice` at the version `token` reads.
async fn choose(app: &TestApp, token: &str, id: &str, body: Value) -> reqwest::Response {
    app.command(
        &format!("/api/v1/service-requests/{id}/customer-choice"),
        token,
        &body,
    )
    .await
}

fn has(view: &Value, action: &str) -> bool {
    view["actions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == action)
}

#[tokio::test]
async fn past_the_repair_deadline_the_customer_continues_or_gets_a_new_machine_with_a_new_sanbao_period()
 {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let supervisor = app.token(Role::Supervisor).await;
    let engineer = app.token(Role::Engineer).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let mid = m["id"].as_str().unwrap().to_owned();
    let machine_path = format!("/api/v1/machines/{mid}");
    let current = app.read(&machine_path, &agent).await;
    ok(app
        .request(
            Method::POST,
            &format!("{machine_path}/warranty"),
            Some(&agent),
        )
        .header("if-match", format!("\"{}\"", current["version"]))
        .json(&json!({"sale_date": "2026-01-15", "warranty_end": "2027-01-15", "reason": "按发票日期登记"}))
        .send()
        .await
        .unwrap())
    .await;
    let cm = (&c, &m);
    // Reported 1 September 2026 (in warranty), due 14 October 09:00 Beijing.
    let id = overdue(
        &app,
        &agent,
        cm,
        "repair",
        ("2026-09-01T01:00:00", "2026-10-14T01:00:00"),
    )
    .await;
    // Maintenance past its deadline offers no choice.
    let upkeep = overdue(
        &app,
        &agent,
        cm,
        "maintenance",
        ("2026-09-01T01:00:00", "2026-10-14T01:00:00"),
    )
    .await;
    let path = format!("/api/v1/service-requests/{id}");
    let view = app.read(&path, &agent).await;
    assert_eq!(
        view["customer_choice"],
        json!({"eligible_since": "2026-10-14T01:00:00Z", "ground": "repair_overdue"})
    );
    assert!(has(&view, "record_customer_choice"));
    assert!(has(
        &app.read(&path, &supervisor).await,
        "record_customer_choice"
    ));
    let other = app
        .read(&format!("/api/v1/service-requests/{upkeep}"), &agent)
        .await;
    assert!(other["customer_choice"].is_null(), "{other}");
    assert!(!has(&other, "record_customer_choice"));
    assert_problem(
        choose(&app, &agent, &upkeep, json!({"choice": "continue_repair"})).await,
        409,
        "no_customer_choice",
    )
    .await;

    // Without If-Match: 428; an engineer may not record it: 403.
    let bare = app
        .request(
            Method::POST,
            &format!("{path}/customer-choice"),
            Some(&agent),
        )
        .json(&json!({"choice": "continue_repair"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), 428);
    let by_engineer = app
        .request(
            Method::POST,
            &format!("{path}/customer-choice"),
            Some(&engineer),
        )
        .header("if-match", format!("\"{}\"", view["version"]))
        .json(&json!({"choice": "continue_repair"}))
        .send()
        .await
        .unwrap();
    assert_eq!(by_engineer.status(), 403);

    // Going on with the repair: on the timeline, the request still open and eligible.
    let continued = ok(choose(
        &app,
        &agent,
        &id,
        json!({"choice": "continue_repair", "note": "客户同意继续修理"}),
    )
    .await)
    .await;
    assert_eq!(continued["status"], "in_service");
    assert_eq!(continued["repair_due"], "2026-10-14T01:00:00Z");
    assert!(has(&continued, "record_customer_choice"));
    let timeline = app.read(&format!("{path}/timeline"), &agent).await;
    let event = timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "repair_continued")
        .expect("the choice is on the timeline");
    assert_eq!(event["changes"]["eligible_since"], "2026-10-14T01:00:00Z");
    assert_eq!(event["changes"]["note"], "客户同意继续修理");

    // A serial another machine has is refused, nothing changes.
    let (_, taken) = app.customer_and_machine(&agent).await;
    assert_problem(
        choose(
            &app,
            &supervisor,
            &id,
            json!({"choice": "replace", "new_serial_number": taken["serial_number"], "replaced_on": "2026-10-20"}),
        )
        .await,
        409,
        "duplicate",
    )
    .await;
    assert_eq!(app.read(&path, &agent).await["status"], "in_service");

    // Replaced on 20 October: the same record takes the new serial, its
    // 12-month period restarts that day, the request completes.
    let old_serial = m["serial_number"].as_str().unwrap().to_owned();
    let replaced = ok(choose(
        &app,
        &supervisor,
        &id,
        json!({"choice": "replace", "new_serial_number": "4LZ8M-2026-77001", "replaced_on": "2026-10-20"}),
    )
    .await)
    .await;
    assert_eq!(replaced["status"], "completed");
    assert!(replaced["customer_choice"].is_null());
    assert!(!has(&replaced, "record_customer_choice"));
    assert_eq!(replaced["serial_number"], "4LZ8M-2026-77001");
    let machine = app.read(&machine_path, &agent).await;
    assert_eq!(machine["serial_number"], "4LZ8M-2026-77001");
    assert_eq!(machine["replaced_on"], "2026-10-20");
    assert_eq!(machine["sale_date"], "2026-01-15");
    assert_eq!(machine["warranty_end"], "2027-10-20");
    // The repairs before the replacement extend nothing any more.
    assert_eq!(machine["warranty"]["extension_days"], 0);
    assert_eq!(machine["warranty"]["effective_end"], "2027-10-20");
    let archive = app.read(&format!("{machine_path}/archive"), &agent).await;
    let change = archive["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "machine_replaced" && e["entity_type"] == "machine")
        .expect("the machine's history keeps the replacement");
    assert_eq!(change["details"]["old_serial"], old_serial.as_str());
    assert_eq!(change["details"]["new_serial"], "4LZ8M-2026-77001");
    assert_eq!(change["details"]["warranty_end"], "2027-10-20");
    assert_eq!(change["details"]["previous_warranty_end"], "2027-01-15");
    let timeline = app.read(&format!("{path}/timeline"), &agent).await;
    assert!(
        timeline
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "machine_replaced"),
        "{timeline}"
    );
    // Done: no second choice.
    assert_problem(
        choose(&app, &agent, &id, json!({"choice": "continue_repair"})).await,
        409,
        "no_customer_choice",
    )
    .await;
}
