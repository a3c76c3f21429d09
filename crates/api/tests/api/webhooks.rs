//! Webhooks: a local receiver gets the change feed's events, signed the
//! Standard Webhooks way and in commit order; a failing receiver is retried
//! and logged; internal addresses are refused unless allowed; a dealer
//! keeps only its own subscriptions.

use crate::helpers::{TestApp, assert_problem, ok, spawn_app, spawn_app_with};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use furrow_domain::Role;
use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the receiver got: each request's headers and body.
#[derive(Default)]
struct Received {
    requests: Mutex<Vec<(HeaderMap, Vec<u8>)>>,
    /// The status it answers with.
    status: AtomicU16,
}

/// A receiver on 127.0.0.1 answering `Received::status`; its URL.
async fn receiver() -> (String, Arc<Received>) {
    let got = Arc::new(Received::default());
    got.status.store(200, Ordering::SeqCst);
    let shared = got.clone();
    let server = HttpServer::new(move || {
        let got = shared.clone();
        App::new().route(
            "/hook",
            web::post().to(move |req: HttpRequest, body: web::Bytes| {
                let got = got.clone();
                async move {
                    let mut headers = HeaderMap::new();
                    for (k, v) in req.headers() {
                        headers.insert(
                            HeaderName::from_bytes(k.as_str().as_bytes()).unwrap(),
                            HeaderValue::from_bytes(v.as_bytes()).unwrap(),
                        );
                    }
                    got.requests.lock().unwrap().push((headers, body.to_vec()));
                    let status = got.status.load(Ordering::SeqCst);
                    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap())
                        .finish()
                }
            }),
        )
    })
    .workers(1)
    .bind("127.0.0.1:0")
    .unwrap();
    let addr = server.addrs()[0];
    tokio::spawn(server.run());
    (format!("http://{addr}/hook"), got)
}

/// Waits (bounded) until the receiver holds `n` requests.
async fn until_received(got: &Received, n: usize) {
    for _ in 0..200 {
        if got.requests.lock().unwrap().len() >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "the receiver got {} of {n} deliveries in 10 s",
        got.requests.lock().unwrap().len()
    );
}

/// Waits (bounded) until `check` holds of the subscription's log.
async fn until_logged(
    app: &TestApp,
    token: &str,
    id: &str,
    check: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    for _ in 0..200 {
        let log = ok(app
            .get(&format!("/api/v1/webhooks/{id}/deliveries"), token)
            .await)
        .await;
        let log = log.as_array().unwrap().clone();
        if check(&log) {
            return log;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the delivery log never showed what was expected");
}

async fn allowing_loopback() -> TestApp {
    spawn_app_with(|c| c.webhooks_allow_internal = true).await
}

async fn new_dealer(app: &TestApp, admin: &str, code: &str) -> Value {
    ok(app
        .post(
            "/api/v1/dealers",
            admin,
            &json!({"code": code, "name": format!("经销商{code}"), "region": "黑龙江"}),
        )
        .await)
    .await
}

#[tokio::test]
async fn a_receiver_gets_signed_events_in_commit_order() {
    let app = allowing_loopback().await;
    let admin = app.token(Role::Admin).await;
    let (url, got) = receiver().await;
    let made = ok(app
        .post(
            "/api/v1/webhooks",
            &admin,
            &json!({"url": url, "events": ["dealer.created"]}),
        )
        .await)
    .await;
    let secret = made["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));
    assert_eq!(made["webhook"]["enabled"], true);
    assert!(made["webhook"].get("secret").is_none());

    let first = new_dealer(&app, &admin, "WH01").await;
    let second = new_dealer(&app, &admin, "WH02").await;
    until_received(&got, 2).await;

    let verifier = standardwebhooks::Webhook::new(&secret).unwrap();
    let requests = got.requests.lock().unwrap().clone();
    let mut ids = Vec::new();
    for (headers, body) in &requests {
        verifier
            .verify(body, headers)
            .expect("a valid Standard Webhooks signature");
        let v: Value = serde_json::from_slice(body).unwrap();
        assert_eq!(v["type"], "dealer.created");
        assert_eq!(
            headers["webhook-id"].to_str().unwrap(),
            v["data"]["id"].as_str().unwrap()
        );
        ids.push(v["data"]["record_id"].clone());
    }
    assert_eq!(ids, vec![first["id"].clone(), second["id"].clone()]);
    // A tampered body fails verification.
    let (headers, body) = &requests[0];
    let mut tampered = body.clone();
    tampered[0] = b' ';
    assert!(verifier.verify(&tampered, headers).is_err());

    let id = made["webhook"]["id"].as_str().unwrap();
    let log = until_logged(&app, &admin, id, |l| l.len() == 2).await;
    assert!(
        log.iter()
            .all(|d| d["succeeded"] == true && d["status"] == 200 && d["attempt"] == 1)
    );
    assert_eq!(log[0]["event_type"], "dealer.created");
}

#[tokio::test]
async fn a_failing_receiver_is_retried_logged_and_can_be_retried_now() {
    let app = allowing_loopback().await;
    let admin = app.token(Role::Admin).await;
    let (url, got) = receiver().await;
    got.status.store(503, Ordering::SeqCst);
    let made = ok(app
        .post(
            "/api/v1/webhooks",
            &admin,
            &json!({"url": url, "events": ["dealer"]}),
        )
        .await)
    .await;
    let id = made["webhook"]["id"].as_str().unwrap().to_owned();
    new_dealer(&app, &admin, "WH10").await;
    let log = until_logged(&app, &admin, &id, |l| !l.is_empty()).await;
    assert_eq!(log[0]["succeeded"], false);
    assert_eq!(log[0]["status"], 503);
    assert!(log[0]["failure"].is_null(), "an answer is no failure kind");
    let w = ok(app.get(&format!("/api/v1/webhooks/{id}"), &admin).await).await;
    assert_eq!(w["failures"], 1);
    assert!(w["failing_since"].is_string());
    // Next try about 5 s later; the mended receiver is retried at once by
    // enabling the subscription again.
    got.status.store(204, Ordering::SeqCst);
    let res = app
        .request(Method::PUT, &format!("/api/v1/webhooks/{id}"), Some(&admin))
        .header("if-match", format!("\"{}\"", w["version"]))
        .json(&json!({"url": url, "events": ["dealer"], "enabled": true}))
        .send()
        .await
        .unwrap();
    let w = ok(res).await;
    assert_eq!(w["failures"], 0);
    let log = until_logged(&app, &admin, &id, |l| {
        l.first().is_some_and(|d| d["succeeded"] == true)
    })
    .await;
    // The same event, its second attempt... counted from the start again.
    assert_eq!(log[0]["event_id"], log[1]["event_id"]);
    let w = ok(app.get(&format!("/api/v1/webhooks/{id}"), &admin).await).await;
    assert_eq!(w["failures"], 0);
    assert!(w["failing_since"].is_null());

    // Delivering the logged event again by hand: logged as manual, its
    // third attempt at the event; the subscription's own retry state is not
    // touched (the deliverer may meanwhile step over events it does not want).
    let before = got.requests.lock().unwrap().len();
    let delivery = log[0]["id"].as_str().unwrap();
    let again = ok(app
        .post(
            &format!("/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver"),
            &admin,
            &json!({}),
        )
        .await)
    .await;
    assert_eq!(again["manual"], true);
    assert_eq!(again["succeeded"], true);
    assert_eq!(again["attempt"], 3);
    assert_eq!(again["event_id"], log[0]["event_id"]);
    assert_eq!(got.requests.lock().unwrap().len(), before + 1);
    let after = ok(app.get(&format!("/api/v1/webhooks/{id}"), &admin).await).await;
    assert_eq!(
        (&after["failures"], &after["version"]),
        (&json!(0), &w["version"])
    );
}

#[tokio::test]
async fn bad_subscriptions_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    for (body, field) in [
        (json!({"url": "http://127.0.0.1:9/hook"}), "url"),
        (json!({"url": "http://169.254.169.254/latest"}), "url"),
        (json!({"url": "ftp://example.com/x"}), "url"),
        (
            json!({"url": "https://example.com/x", "events": ["nope"]}),
            "events[0]",
        ),
        (
            json!({"url": "https://example.com/x", "dealer_id": uuid::Uuid::nil()}),
            "dealer_id",
        ),
    ] {
        let v = assert_problem(
            app.post("/api/v1/webhooks", &admin, &body).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(v["errors"][0]["field"], field, "{body}");
    }
    let list = ok(app.get("/api/v1/webhooks", &admin).await).await;
    assert_eq!(list, json!([]));
    // Who may not keep webhooks.
    let agent = app.token(Role::Agent).await;
    assert_eq!(app.get("/api/v1/webhooks", &agent).await.status(), 403);
}

#[tokio::test]
async fn a_dealer_keeps_only_its_own_dealers_subscriptions() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let dealer = app.token(Role::Dealer).await;
    let ours = app.dealer().await.id;
    let other = new_dealer(&app, &admin, "WH20").await;
    let theirs = ok(app
        .post(
            "/api/v1/webhooks",
            &admin,
            &json!({"url": "https://dealer-b.example.com/hook", "dealer_id": other["id"]}),
        )
        .await)
    .await;
    // Its own dealer, whatever it asks for.
    let own = ok(app
        .post(
            "/api/v1/webhooks",
            &dealer,
            &json!({"url": "https://dealer-a.example.com/hook"}),
        )
        .await)
    .await;
    assert_eq!(own["webhook"]["dealer_id"], json!(ours));
    assert_problem(
        app.post(
            "/api/v1/webhooks",
            &dealer,
            &json!({"url": "https://x.example.com/hook", "dealer_id": other["id"]}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    let list = ok(app.get("/api/v1/webhooks", &dealer).await).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], own["webhook"]["id"]);
    let path = format!(
        "/api/v1/webhooks/{}",
        theirs["webhook"]["id"].as_str().unwrap()
    );
    assert_eq!(app.get(&path, &dealer).await.status(), 404);
    assert_eq!(
        ok(app.get("/api/v1/webhooks", &admin).await)
            .await
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn a_receiver_that_is_down_is_logged_as_a_connection_failure_with_its_detail() {
    let app = allowing_loopback().await;
    let admin = app.token(Role::Admin).await;
    // A port nothing listens on: bound, then closed.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/hook");
    let made = ok(app
        .post(
            "/api/v1/webhooks",
            &admin,
            &json!({"url": url, "events": ["dealer"]}),
        )
        .await)
    .await;
    let id = made["webhook"]["id"].as_str().unwrap().to_owned();
    new_dealer(&app, &admin, "WH11").await;
    let log = until_logged(&app, &admin, &id, |l| !l.is_empty()).await;
    assert_eq!(log[0]["succeeded"], false);
    assert!(log[0]["status"].is_null());
    assert_eq!(log[0]["failure"], "connect");
    assert!(
        log[0]["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("cannot connect")),
        "{}",
        log[0]
    );
}
