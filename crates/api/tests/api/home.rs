//! `GET /me/home`: each role's queues, their live counts, and each count equal
//! to the length of the list it links to. `GET /notifications` for every role.

use crate::helpers::{TestApp, ok, spawn_app};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeMap;

async fn cmd(app: &TestApp, path: &str, token: &str, version: &Value, body: &Value) -> Value {
    ok(app
        .request(Method::POST, path, Some(token))
        .header("if-match", format!("\"{version}\""))
        .json(body)
        .send()
        .await
        .unwrap())
    .await
}

/// The caller's cards as queue -> count, after checking every count against
/// its list: the list, read to its end, holds exactly `count` records.
async fn home(app: &TestApp, token: &str) -> BTreeMap<String, u64> {
    let view = ok(app.get("/api/v1/me/home", token).await).await;
    let mut out = BTreeMap::new();
    for card in view["cards"].as_array().unwrap() {
        let queue = card["queue"].as_str().unwrap().to_owned();
        let count = card["count"].as_u64().unwrap();
        let list = card["list"].as_str().unwrap();
        let mut seen = 0;
        let mut cursor: Option<String> = None;
        loop {
            let mut path = format!("/api/v1{list}&limit=200");
            if let Some(c) = &cursor {
                path.push_str(&format!("&cursor={c}"));
            }
            let page = ok(app.get(&path, token).await).await;
            seen += page["items"].as_array().unwrap().len() as u64;
            match page["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
        }
        assert_eq!(
            seen, count,
            "{queue}: the card says {count}, {list} lists {seen}"
        );
        out.insert(queue, count);
    }
    out
}

fn counts(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

fn intake(c: &Value, m: &Value) -> Value {
    json!({"kind": "repair", "customer_id": c["id"], "machine_id": m["id"], "symptoms": "发动机无法启动",
        "needs_onsite": true, "priority": "normal", "machine_stopped": true,
        "operation_at_risk": "harvest", "suspected_part": "main_part"})
}

#[tokio::test]
async fn each_role_lands_on_its_queues_with_counts_that_match_their_lists() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let sup = app.token(Role::Supervisor).await;
    let eng = app.login(Role::Engineer).await;
    let dealer = app.token(Role::Dealer).await;
    let finance = app.token(Role::Finance).await;

    let zero = counts(&[
        ("overdue", 0),
        ("unassigned", 0),
        ("awaiting_contact", 0),
        ("reports_to_review", 0),
        ("signature_refused", 0),
        ("open_requests", 0),
    ]);
    assert_eq!(home(&app, &sup).await, zero);
    assert_eq!(
        home(&app, &agent).await,
        counts(&[("awaiting_contact", 0), ("open_requests", 0)])
    );
    assert_eq!(
        home(&app, &eng.access_token).await,
        counts(&[("my_work_orders", 0)])
    );
    assert_eq!(home(&app, &dealer).await, counts(&[("open_requests", 0)]));
    assert!(home(&app, &finance).await.is_empty());

    // Three calls at the desk: one is contacted, one dispatched, one overdue.
    let (c, m) = app.customer_and_machine(&dealer).await;
    let mut srs = Vec::new();
    for _ in 0..3 {
        srs.push(
            ok(app
                .post("/api/v1/service-requests", &agent, &intake(&c, &m))
                .await)
            .await,
        );
    }
    let path = |sr: &Value, what: &str| {
        format!(
            "/api/v1/service-requests/{}/{what}",
            sr["id"].as_str().unwrap()
        )
    };
    let contacted = cmd(
        &app,
        &path(&srs[0], "contact"),
        &agent,
        &srs[0]["version"],
        &json!({}),
    )
    .await;
    cmd(
        &app,
        &path(&contacted, "dispatch"),
        &sup,
        &contacted["version"],
        &json!({"engineer_id": eng.user.id}),
    )
    .await;
    let past = if furrow_store::testing::on_postgres() {
        "TIMESTAMPTZ '2020-01-01 00:00:00+00'".to_owned()
    } else {
        "'2020-01-01T00:00:00+00:00'".to_owned()
    };
    let late = srs[2]["id"].as_str().unwrap();
    let id_lit = if furrow_store::testing::on_postgres() {
        format!("'{late}'")
    } else {
        format!("X'{}'", late.replace('-', ""))
    };
    app.sql(&format!(
        "UPDATE service_requests SET sort_due = {past}, first_contact_due = {past} WHERE id = {id_lit}"
    ))
    .await;

    assert_eq!(
        home(&app, &sup).await,
        counts(&[
            ("overdue", 1),
            ("unassigned", 2),
            ("awaiting_contact", 2),
            ("reports_to_review", 0),
            ("signature_refused", 0),
            ("open_requests", 3),
        ])
    );
    assert_eq!(
        home(&app, &agent).await,
        counts(&[("awaiting_contact", 2), ("open_requests", 3)])
    );
    assert_eq!(
        home(&app, &eng.access_token).await,
        counts(&[("my_work_orders", 1)])
    );
    assert_eq!(home(&app, &dealer).await, counts(&[("open_requests", 3)]));
    // Another engineer has nothing of this.
    let other = app.another_engineer().await.access_token;
    assert_eq!(home(&app, &other).await, counts(&[("my_work_orders", 0)]));
}

/// A new request (recorded by the desk for the demo dealer's customer) whose
/// first-contact clock is long overdue.
async fn overdue_request(app: &TestApp) -> Value {
    let agent = app.token(Role::Agent).await;
    let dealer = app.token(Role::Dealer).await;
    let (c, m) = app.customer_and_machine(&dealer).await;
    let sr = ok(app
        .post("/api/v1/service-requests", &agent, &intake(&c, &m))
        .await)
    .await;
    let id = sr["id"].as_str().unwrap();
    let id_lit = if furrow_store::testing::on_postgres() {
        format!("'{id}'")
    } else {
        format!("X'{}'", id.replace('-', ""))
    };
    let past = if furrow_store::testing::on_postgres() {
        "TIMESTAMPTZ '2020-01-01 00:00:00+00'"
    } else {
        "'2020-01-01T00:00:00+00:00'"
    };
    app.sql(&format!(
        "UPDATE service_requests SET sort_due = {past}, first_contact_due = {past} WHERE id = {id_lit}"
    ))
    .await;
    sr
}

#[tokio::test]
async fn every_role_reads_the_deadline_alerts_of_the_requests_it_sees() {
    let app = spawn_app().await;
    let sr = overdue_request(&app).await;
    for (user, sees) in [
        (Role::Supervisor, true),
        (Role::Agent, true),
        (Role::Dealer, true),
        (Role::Engineer, false),
        (Role::Finance, false),
        (Role::Admin, true),
    ] {
        let t = app.token(user).await;
        let list = ok(app.get("/api/v1/notifications", &t).await).await;
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), usize::from(sees), "{user:?}: {list}");
        assert_eq!(list["unread"], usize::from(sees), "{user:?}: {list}");
        if sees {
            assert_eq!(items[0]["request_id"], sr["id"], "{user:?}");
            assert_eq!(items[0]["kind"], "overdue", "{user:?}");
            assert_eq!(items[0]["clock"], "first_contact", "{user:?}");
            assert_eq!(items[0]["read"], false, "{user:?}");
        }
    }
}

/// Issue #17: the read marks are the user's own and kept by the server, so
/// they follow the user to another sign-in; another user's stay unread.
#[tokio::test]
async fn a_user_marks_alerts_read_for_itself_only() {
    let app = spawn_app().await;
    let sr = overdue_request(&app).await;
    let a = app.token(Role::Supervisor).await;
    let b = app.token(Role::Agent).await;
    let list = ok(app.get("/api/v1/notifications", &a).await).await;
    let key = list["items"][0]["key"].clone();
    assert_eq!(list["items"][0]["request_id"], sr["id"]);

    // Twice, and with a key that is no alert of A's: ignored, no error.
    for _ in 0..2 {
        let marked = ok(app
            .post(
                "/api/v1/notifications/read",
                &a,
                &json!({"keys": [key, "not|an|alert|0"]}),
            )
            .await)
        .await;
        assert_eq!(marked["unread"], 0, "{marked}");
        assert_eq!(marked["items"][0]["read"], true, "{marked}");
    }
    // A new sign-in of A (another device) sees it read.
    let a_again = app.token(Role::Supervisor).await;
    assert_ne!(a_again, a);
    let seen = ok(app.get("/api/v1/notifications", &a_again).await).await;
    assert_eq!(seen["unread"], 0, "{seen}");
    assert_eq!(seen["items"][0]["read"], true, "{seen}");
    // B's is still unread, until B marks all (`{}`).
    let other = ok(app.get("/api/v1/notifications", &b).await).await;
    assert_eq!(other["unread"], 1, "{other}");
    assert_eq!(other["items"][0]["read"], false, "{other}");
    let all = ok(app.post("/api/v1/notifications/read", &b, &json!({})).await).await;
    assert_eq!(all["unread"], 0, "{all}");
    // A body that is no list of keys changes nothing.
    let bad = app
        .post("/api/v1/notifications/read", &a, &json!({"keys": "all"}))
        .await;
    assert!(bad.status().is_client_error(), "{}", bad.status());
}
