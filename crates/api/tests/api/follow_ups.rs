//! Follow-up calls (客户回访) over HTTP: the queue and its scope, attempts,
//! the outcome that closes the request (and opens a repeat request when the
//! machine does not run normally), the unreachable close after the
//! configured failed attempts, and `If-Match`.

use crate::helpers::{TestApp, assert_problem, ok, spawn_app};
use crate::service::{cmd, intake_body, run};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};

/// A consultation of `c`'s machine `m` solved on the phone by the agent:
/// its follow-up, as the agent reads it.
async fn followed_up_consultation(app: &TestApp, token: &str, c: &Value, m: &Value) -> Value {
    let agent = app.token(Role::Agent).await;
    let mut body = intake_body(c, m);
    body["kind"] = json!("consultation");
    body["needs_onsite"] = json!(false);
    let sr = ok(app.post("/api/v1/service-requests", token, &body).await).await;
    let base = format!("/api/v1/service-requests/{}", sr["id"].as_str().unwrap());
    let sr = app.read(&base, &agent).await;
    run(
        app,
        &format!("{base}/resolve-remotely"),
        &agent,
        &sr,
        json!({"resolution": "电话指导调整割台高度"}),
    )
    .await;
    let list = app
        .read(
            &format!(
                "/api/v1/follow-ups?service_request_id={}",
                sr["id"].as_str().unwrap()
            ),
            &agent,
        )
        .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "{list}");
    list["items"][0].clone()
}

fn path(f: &Value, command: &str) -> String {
    format!("/api/v1/follow-ups/{}/{command}", f["id"].as_str().unwrap())
}

fn missed() -> Value {
    json!({"method": "phone", "reached": false, "note": "无人接听"})
}

#[tokio::test]
async fn a_machine_not_running_normally_closes_the_request_and_opens_a_repeat_request() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let supervisor = app.token(Role::Supervisor).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let f = followed_up_consultation(&app, &agent, &c, &m).await;
    assert_eq!(f["status"], "pending");
    assert_eq!(f["request_status"], "resolved_remotely");
    assert_eq!(f["customer_phone"], c["phone"]);
    assert_eq!(f["machine_serial"], m["serial_number"]);
    assert_eq!(
        f["actions"],
        json!(["record_follow_up_attempt", "record_follow_up_outcome"])
    );

    // Without If-Match: 428; with a stale one: 412; nothing is written.
    let bare = app
        .request(Method::POST, &path(&f, "outcome"), Some(&agent))
        .json(&json!({"method": "phone", "satisfaction": "satisfied", "machine_running_normally": true}))
        .send()
        .await
        .unwrap();
    assert_problem(bare, 428, "if_match_required").await;
    let stale = cmd(
        &app,
        &path(&f, "attempts"),
        &agent,
        &json!(f["version"].as_i64().unwrap() + 1),
        &missed(),
    )
    .await;
    assert_problem(stale, 412, "stale_version").await;

    // Not running normally needs a description.
    let outcome = json!({"method": "phone", "satisfaction": "dissatisfied",
        "machine_running_normally": false, "comments": "", "suggestions": "希望多备配件"});
    assert_problem(
        cmd(&app, &path(&f, "outcome"), &agent, &f["version"], &outcome).await,
        422,
        "validation_failed",
    )
    .await;
    let mut outcome = outcome;
    outcome["comments"] = json!("割台又抖动，收割时停机");
    let done = run(&app, &path(&f, "outcome"), &agent, &f, outcome).await;
    assert_eq!(done["status"], "done");
    assert_eq!(done["satisfaction"], "dissatisfied");
    assert_eq!(done["machine_running_normally"], false);
    assert_eq!(done["request_status"], "closed");
    assert_eq!(done["attempts"], 1);
    assert_eq!(done["version"], f["version"].as_i64().unwrap() + 1);
    assert_eq!(done["actions"], json!([]));

    // The request is closed and no longer open.
    let old = app
        .read(
            &format!(
                "/api/v1/service-requests/{}",
                f["request_id"].as_str().unwrap()
            ),
            &agent,
        )
        .await;
    assert_eq!(old["status"], "closed");
    let open = app
        .read(
            &format!(
                "/api/v1/service-requests?open=true&customer_id={}",
                c["id"].as_str().unwrap()
            ),
            &agent,
        )
        .await;
    // The repeat request, a new one of the same customer and machine.
    let items = open["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{open}");
    let repeat_id = done["repeat_request_id"]
        .as_str()
        .expect("a repeat request");
    assert_eq!(items[0]["id"], repeat_id);
    let repeat = app
        .read(&format!("/api/v1/service-requests/{repeat_id}"), &agent)
        .await;
    assert_eq!(repeat["repeat_of"], f["request_id"]);
    assert_eq!(repeat["repeat_of_number"], f["request_number"]);
    assert_eq!(repeat["status"], "new");
    assert_eq!(repeat["customer_id"], c["id"]);
    assert_eq!(repeat["machine_id"], m["id"]);
    assert_eq!(repeat["needs_onsite"], true);
    assert!(repeat["first_contact_due"].is_string());
    assert!(
        repeat["arrival_due"].is_string(),
        "intake's clocks: {repeat}"
    );
    assert_eq!(done["repeat_request_number"], repeat["number"]);

    // The supervisor is alerted; the agent (who does not dispatch) is not.
    let alerts = app.read("/api/v1/notifications", &supervisor).await;
    let hit: Vec<&Value> = alerts["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "repeat_request")
        .collect();
    assert_eq!(hit.len(), 1, "{alerts}");
    assert_eq!(hit[0]["request_id"], repeat_id);
    let agent_alerts = app.read("/api/v1/notifications", &agent).await;
    assert!(
        agent_alerts["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["kind"] != "repeat_request")
    );

    // The timeline of the old request records the outcome and names the repeat.
    let timeline = app
        .read(
            &format!(
                "/api/v1/service-requests/{}/timeline",
                f["request_id"].as_str().unwrap()
            ),
            &agent,
        )
        .await;
    let last = timeline.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "followed_up");
    assert_eq!(last["changes"]["repeat_request"], repeat["number"]);

    // A done follow-up takes no more commands.
    assert_problem(
        cmd(
            &app,
            &path(&f, "attempts"),
            &agent,
            &done["version"],
            &missed(),
        )
        .await,
        409,
        "invalid_state",
    )
    .await;
    // In the queue's `done` tab, not in `due` or `overdue`.
    let tab = |s: &'static str| {
        let agent = agent.clone();
        let app = &app;
        async move {
            app.read(&format!("/api/v1/follow-ups?state={s}"), &agent)
                .await["items"]
                .as_array()
                .unwrap()
                .len()
        }
    };
    assert_eq!(tab("done").await, 1);
    assert_eq!(tab("due").await, 0);
    assert_eq!(tab("overdue").await, 0);
}

#[tokio::test]
async fn unreachable_only_after_the_configured_failed_attempts_and_the_request_closes() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let admin = app.token(Role::Admin).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let mut f = followed_up_consultation(&app, &agent, &c, &m).await;
    // Two failed attempts are the rule now.
    let put = app
        .request(Method::PUT, "/api/v1/settings/follow_up", Some(&admin))
        .header("if-match", "\"0\"")
        .json(&json!({"max_failed_attempts": 2}))
        .send()
        .await
        .unwrap();
    ok(put).await;
    // Overdue once past due (moved into the past).
    let id = f["id"].as_str().unwrap();
    let (past, id_lit) = if furrow_store::testing::on_postgres() {
        (
            "TIMESTAMPTZ '2020-01-01 00:00:00+00'".to_owned(),
            format!("'{id}'"),
        )
    } else {
        (
            "'2020-01-01T00:00:00+00:00'".to_owned(),
            format!("X'{}'", id.replace('-', "")),
        )
    };
    app.sql(&format!(
        "UPDATE follow_ups SET due_at = {past} WHERE id = {id_lit}"
    ))
    .await;
    let overdue = app.read("/api/v1/follow-ups?state=overdue", &agent).await;
    assert_eq!(overdue["items"][0]["id"], f["id"]);
    assert_eq!(overdue["items"][0]["overdue"], true);
    for n in 1..=2 {
        if n == 2 {
            assert_problem(
                cmd(
                    &app,
                    &path(&f, "close-unreachable"),
                    &agent,
                    &f["version"],
                    &json!({}),
                )
                .await,
                409,
                "too_few_attempts",
            )
            .await;
        }
        f = run(&app, &path(&f, "attempts"), &agent, &f, missed()).await;
        assert_eq!(f["failed_attempts"], n);
    }
    // A call that reached the customer is no failed attempt.
    f = run(
        &app,
        &path(&f, "attempts"),
        &agent,
        &f,
        json!({"method": "phone", "reached": true, "note": "客户在田里，稍后再打"}),
    )
    .await;
    assert_eq!(
        (f["attempts"].as_i64(), f["failed_attempts"].as_i64()),
        (Some(3), Some(2))
    );
    assert!(
        f["actions"]
            .as_array()
            .unwrap()
            .contains(&json!("close_follow_up_unreachable"))
    );
    let closed = run(&app, &path(&f, "close-unreachable"), &agent, &f, json!({})).await;
    assert_eq!(closed["status"], "unreachable");
    assert_eq!(closed["request_status"], "closed");
    assert!(closed["satisfaction"].is_null());
    let unreachable = app
        .read("/api/v1/follow-ups?state=unreachable", &agent)
        .await;
    assert_eq!(unreachable["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn dealers_read_their_own_follow_ups_only_and_engineers_make_none() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let dealer = app.token(Role::Dealer).await;
    let (c, m) = app.customer_and_machine(&dealer).await;
    let own = followed_up_consultation(&app, &dealer, &c, &m).await;
    // Another dealer's customer.
    let other_dealer = app.fx.dealer().create().await;
    let (c2, m2) = app
        .customer_and_machine_of(Some(other_dealer.id), &agent)
        .await;
    let theirs = followed_up_consultation(&app, &agent, &c2, &m2).await;

    let mine = app.read("/api/v1/follow-ups", &dealer).await;
    let ids: Vec<&Value> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["id"])
        .collect();
    assert_eq!(ids, vec![&own["id"]]);
    let seen = app
        .read(
            &format!("/api/v1/follow-ups/{}", own["id"].as_str().unwrap()),
            &dealer,
        )
        .await;
    assert_eq!(seen["actions"], json!([]));
    let other = app
        .get(
            &format!("/api/v1/follow-ups/{}", theirs["id"].as_str().unwrap()),
            &dealer,
        )
        .await;
    assert_problem(other, 404, "not_found").await;
    // Read-only: the command is not theirs.
    let attempt = cmd(
        &app,
        &path(&own, "attempts"),
        &dealer,
        &own["version"],
        &missed(),
    )
    .await;
    assert_problem(attempt, 403, "forbidden").await;
    // The agent sees both; the filter by dealer narrows.
    let all = app.read("/api/v1/follow-ups", &agent).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    let by_dealer = app
        .read(
            &format!("/api/v1/follow-ups?dealer_id={}", other_dealer.id),
            &agent,
        )
        .await;
    assert_eq!(by_dealer["items"][0]["id"], theirs["id"]);
    assert_eq!(by_dealer["items"].as_array().unwrap().len(), 1);
    // A search by request number.
    let q = app
        .read(
            &format!(
                "/api/v1/follow-ups?q={}",
                own["request_number"].as_str().unwrap()
            ),
            &agent,
        )
        .await;
    assert_eq!(q["items"][0]["id"], own["id"]);
    // Keyset pages.
    let first = app.read("/api/v1/follow-ups?limit=1", &agent).await;
    let cursor = first["next_cursor"].as_str().expect("a second page");
    let second = app
        .read(
            &format!("/api/v1/follow-ups?limit=1&cursor={cursor}"),
            &agent,
        )
        .await;
    assert_ne!(first["items"][0]["id"], second["items"][0]["id"]);
    assert!(second["next_cursor"].is_null());
    // An engineer with no work order on them sees none of them.
    let engineer = app.token(Role::Engineer).await;
    let none = app.read("/api/v1/follow-ups", &engineer).await;
    assert_eq!(none["items"].as_array().unwrap().len(), 0);
}

/// The request's own follow-up list is deprecated in favour of the queue's
/// `service_request_id` filter: it still answers the same follow-ups, and
/// every answer (a 404 too) says when it goes and what replaces it.
#[tokio::test]
async fn the_request_follow_up_list_answers_with_its_sunset_and_successor() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let f = followed_up_consultation(&app, &agent, &c, &m).await;
    let request = f["request_id"].as_str().unwrap();
    let old = app
        .get(
            &format!("/api/v1/service-requests/{request}/follow-ups"),
            &agent,
        )
        .await;
    assert_eq!(old.status(), 200);
    let header = |name: &str| {
        old.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    assert_eq!(header("deprecation"), "@1796601600");
    assert_eq!(header("sunset"), "Fri, 31 Dec 2027 00:00:00 GMT");
    assert_eq!(
        header("link"),
        format!("</api/v1/follow-ups?service_request_id={request}>; rel=\"successor-version\"")
    );
    let old: Value = old.json().await.unwrap();
    let new = app
        .read(
            &format!("/api/v1/follow-ups?service_request_id={request}"),
            &agent,
        )
        .await;
    assert_eq!(old, new["items"]);

    // Not deprecated: no such headers. A request the caller cannot see: 404
    // on the old path, still announcing its sunset; nothing on the new one.
    let queue = app.get("/api/v1/follow-ups", &agent).await;
    assert!(queue.headers().get("deprecation").is_none());
    let unknown = uuid::Uuid::nil();
    let gone = app
        .get(
            &format!("/api/v1/service-requests/{unknown}/follow-ups"),
            &agent,
        )
        .await;
    assert_eq!(gone.status(), 404);
    assert!(gone.headers().get("sunset").is_some());
    let none = app
        .read(
            &format!("/api/v1/follow-ups?service_request_id={unknown}"),
            &agent,
        )
        .await;
    assert_eq!(none["items"], json!([]));
}
