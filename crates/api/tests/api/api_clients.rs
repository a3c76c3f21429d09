//! API clients over HTTP: registration by an administrator, the
//! client-credentials token endpoint with every RFC 6749 error, a dealer
//! client reading its own dealer's requests only, the change feed's cursor
//! walk, and revocation ending a client's tokens.

use crate::helpers::{TestApp, assert_problem, ok, spawn_app};
use furrow_domain::Role;
use reqwest::Response;
use serde_json::{Value, json};

async fn register(app: &TestApp, admin: &str, body: Value) -> (String, String) {
    let res = app.post("/api/v1/api-clients", admin, &body).await;
    assert_eq!(res.status(), 201);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let made = ok(res).await;
    (
        made["client"]["id"].as_str().unwrap().to_owned(),
        made["client_secret"].as_str().unwrap().to_owned(),
    )
}

pub(crate) async fn dealer_client(app: &TestApp, dealer: &str) -> (String, String) {
    let admin = app.token(Role::Admin).await;
    register(
        app,
        &admin,
        json!({"name": "丰收 DMS", "role": "dealer", "dealer_id": dealer,
               "scopes": ["requests_read", "events_read"]}),
    )
    .await
}

async fn token_form(app: &TestApp, form: &[(&str, &str)]) -> Response {
    app.client
        .post(app.url("/api/v1/oauth/token"))
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn token_basic(app: &TestApp, id: &str, secret: &str, form: &[(&str, &str)]) -> Response {
    app.client
        .post(app.url("/api/v1/oauth/token"))
        .basic_auth(id, Some(secret))
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn oauth_error(res: Response, status: u16, error: &str) -> Value {
    assert_eq!(res.status().as_u16(), status);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"], error, "{body}");
    assert!(body["error_description"].is_string());
    body
}

pub(crate) async fn client_token(app: &TestApp, id: &str, secret: &str) -> String {
    let res = token_basic(app, id, secret, &[("grant_type", "client_credentials")]).await;
    assert_eq!(res.headers()["cache-control"], "no-store");
    ok(res).await["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_token_by_basic_or_by_form_and_every_rfc_6749_error() {
    let app = spawn_app().await;
    let dealer = app.dealer().await.id.to_string();
    let (id, secret) = dealer_client(&app, &dealer).await;
    let cc = ("grant_type", "client_credentials");

    let t = ok(token_basic(&app, &id, &secret, &[cc]).await).await;
    assert_eq!(t["token_type"], "Bearer");
    assert_eq!(t["expires_in"], 900);
    assert_eq!(t["scope"], "requests_read events_read");
    let t = ok(token_form(
        &app,
        &[
            cc,
            ("client_id", &id),
            ("client_secret", &secret),
            ("scope", "events_read"),
        ],
    )
    .await)
    .await;
    assert_eq!(t["scope"], "events_read");
    // The token acts as the client, in its role and dealer.
    let me = app
        .read("/api/v1/me", t["access_token"].as_str().unwrap())
        .await;
    assert_eq!(me["roles"], json!(["dealer"]));
    assert_eq!(me["dealer_id"], dealer.as_str());

    // invalid_client: wrong secret (Basic: with the challenge), unknown client, none at all.
    let res = token_basic(&app, &id, "fcs_wrong", &[cc]).await;
    assert!(
        res.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Basic")
    );
    oauth_error(res, 401, "invalid_client").await;
    let res = token_form(&app, &[cc, ("client_id", "nobody"), ("client_secret", "x")]).await;
    assert!(res.headers().get("www-authenticate").is_none());
    oauth_error(res, 401, "invalid_client").await;
    oauth_error(token_form(&app, &[cc]).await, 401, "invalid_client").await;
    // invalid_request: both ways of authentication, a repeated parameter,
    // no grant type, not a form.
    let both = token_basic(&app, &id, &secret, &[cc, ("client_secret", &secret)]).await;
    oauth_error(both, 400, "invalid_request").await;
    let twice = token_basic(&app, &id, &secret, &[cc, cc]).await;
    oauth_error(twice, 400, "invalid_request").await;
    let none = token_basic(&app, &id, &secret, &[("scope", "events_read")]).await;
    oauth_error(none, 400, "invalid_request").await;
    let json_body = app
        .client
        .post(app.url("/api/v1/oauth/token"))
        .basic_auth(&id, Some(&secret))
        .json(&json!({"grant_type": "client_credentials"}))
        .send()
        .await
        .unwrap();
    oauth_error(json_body, 400, "invalid_request").await;
    // unsupported_grant_type, invalid_scope.
    let pw = token_basic(&app, &id, &secret, &[("grant_type", "password")]).await;
    oauth_error(pw, 400, "unsupported_grant_type").await;
    for scope in ["master_read", "everything"] {
        let res = token_basic(&app, &id, &secret, &[cc, ("scope", scope)]).await;
        oauth_error(res, 400, "invalid_scope").await;
    }
    // invalid_grant: the dealer the client acts for is deactivated.
    let admin = app.token(Role::Admin).await;
    let res = app
        .command(
            &format!("/api/v1/dealers/{dealer}/deactivate"),
            &admin,
            &json!({}),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    oauth_error(
        token_basic(&app, &id, &secret, &[cc]).await,
        400,
        "invalid_grant",
    )
    .await;
}

#[tokio::test]
async fn a_dealer_client_reads_its_dealers_requests_and_not_another_dealers() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let ours = app.dealer().await.id;
    let theirs = app.fx.dealer().create().await.id;
    let (id, secret) = dealer_client(&app, &ours.to_string()).await;
    let client = client_token(&app, &id, &secret).await;
    let mut requests = Vec::new();
    for dealer in [ours, theirs] {
        let (c, m) = app.customer_and_machine_of(Some(dealer), &agent).await;
        let body = json!({"kind": "repair", "customer_id": c["id"], "machine_id": m["id"],
            "symptoms": "割台不转", "needs_onsite": true, "priority": "normal"});
        let sr = ok(app.post("/api/v1/service-requests", &agent, &body).await).await;
        requests.push(sr["id"].as_str().unwrap().to_owned());
    }
    let own = app
        .read(
            &format!("/api/v1/service-requests/{}", requests[0]),
            &client,
        )
        .await;
    assert_eq!(own["id"], requests[0].as_str());
    let other = app
        .get(
            &format!("/api/v1/service-requests/{}", requests[1]),
            &client,
        )
        .await;
    assert_problem(other, 404, "not_found").await;
    // Its scopes do not reach customers, whatever its role would allow.
    let customers = app.get("/api/v1/customers", &client).await;
    assert_problem(customers, 403, "forbidden").await;
    // Nor administration.
    assert_problem(
        app.get("/api/v1/api-clients", &client).await,
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn the_feed_is_walked_with_a_cursor_without_gaps_or_repeats() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let ours = app.dealer().await.id;
    let theirs = app.fx.dealer().create().await.id;
    let (id, secret) = dealer_client(&app, &ours.to_string()).await;
    let client = client_token(&app, &id, &secret).await;
    let mut mine = Vec::new();
    for n in 0..3 {
        for dealer in [ours, theirs] {
            let (c, m) = app.customer_and_machine_of(Some(dealer), &agent).await;
            let body = json!({"kind": "repair", "customer_id": c["id"], "machine_id": m["id"],
                "symptoms": format!("故障 {n}"), "needs_onsite": true, "priority": "normal"});
            let sr = ok(app.post("/api/v1/service-requests", &agent, &body).await).await;
            if dealer == ours {
                mine.push(sr["id"].as_str().unwrap().to_owned());
            }
        }
    }
    let mut cursor = "0".to_owned();
    let mut seen: Vec<Value> = Vec::new();
    loop {
        let page = app
            .read(&format!("/api/v1/events?after={cursor}&limit=3"), &client)
            .await;
        seen.extend(page["events"].as_array().unwrap().iter().cloned());
        cursor = page["next_cursor"].as_str().unwrap().to_owned();
        if page["has_more"] == false {
            break;
        }
    }
    let positions: Vec<i64> = seen
        .iter()
        .map(|e| e["cursor"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    let created: Vec<&str> = seen
        .iter()
        .filter(|e| e["record_kind"] == "service_request" && e["kind"] == "created")
        .map(|e| e["record_id"].as_str().unwrap())
        .collect();
    assert_eq!(created, mine.iter().map(String::as_str).collect::<Vec<_>>());
    // Only its dealer's records, nothing of accounts or other dealers'.
    assert!(seen.iter().all(|e| {
        ["service_request", "customer", "machine", "dealer"]
            .contains(&e["record_kind"].as_str().unwrap())
    }));
    // Read again from the last cursor: nothing new, the same cursor.
    let again = app
        .read(&format!("/api/v1/events?after={cursor}"), &client)
        .await;
    assert_eq!(again["events"], json!([]));
    assert_eq!(again["next_cursor"], cursor.as_str());
    // A new event shows up once, after the stored cursor.
    let (c, m) = app.customer_and_machine_of(Some(ours), &agent).await;
    let body = json!({"kind": "repair", "customer_id": c["id"], "machine_id": m["id"],
        "symptoms": "又坏了", "needs_onsite": true, "priority": "normal"});
    let sr = ok(app.post("/api/v1/service-requests", &agent, &body).await).await;
    let next = app
        .read(&format!("/api/v1/events?after={cursor}&limit=200"), &client)
        .await;
    let ids: Vec<&str> = next["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["record_kind"] == "service_request")
        .map(|e| e["record_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![sr["id"].as_str().unwrap()]);
    // A malformed cursor is a clear 400.
    let bad = app.get("/api/v1/events?after=abc", &client).await;
    assert_problem(bad, 400, "invalid_cursor").await;
    // A token without events_read may not follow the feed.
    let narrow = ok(token_basic(
        &app,
        &id,
        &secret,
        &[
            ("grant_type", "client_credentials"),
            ("scope", "requests_read"),
        ],
    )
    .await)
    .await;
    let res = app
        .get("/api/v1/events", narrow["access_token"].as_str().unwrap())
        .await;
    assert_problem(res, 403, "forbidden").await;
}

#[tokio::test]
async fn a_revoked_client_gets_no_token_and_its_tokens_stop_working() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let (id, secret) = register(
        &app,
        &admin,
        json!({"name": "ERP", "role": "integration", "scopes": ["events_read"],
               "allowed_ips": ["127.0.0.0/8"]}),
    )
    .await;
    let token = client_token(&app, &id, &secret).await;
    ok(app.get("/api/v1/events", &token).await).await;
    let listed = app.read("/api/v1/api-clients", &admin).await;
    assert!(listed[0]["last_used_at"].is_string());
    assert!(listed[0].get("secret_hash").is_none());
    // Rotating with an overlap: both secrets work for now.
    // Without If-Match nothing rotates (428); with the version as read it does.
    let bare = app
        .post(
            &format!("/api/v1/api-clients/{id}/rotate"),
            &admin,
            &json!({"overlap_minutes": 5}),
        )
        .await;
    assert_problem(bare, 428, "if_match_required").await;
    let rotated = ok(app
        .command(
            &format!("/api/v1/api-clients/{id}/rotate"),
            &admin,
            &json!({"overlap_minutes": 5}),
        )
        .await)
    .await;
    let new_secret = rotated["client_secret"].as_str().unwrap();
    client_token(&app, &id, &secret).await;
    client_token(&app, &id, new_secret).await;
    let revoked = ok(app
        .command(
            &format!("/api/v1/api-clients/{id}/revoke"),
            &admin,
            &json!({}),
        )
        .await)
    .await;
    assert!(revoked["revoked_at"].is_string());
    assert_problem(app.get("/api/v1/events", &token).await, 401, "unauthorized").await;
    let res = token_basic(
        &app,
        &id,
        new_secret,
        &[("grant_type", "client_credentials")],
    )
    .await;
    oauth_error(res, 401, "invalid_client").await;
    let again = app
        .command(
            &format!("/api/v1/api-clients/{id}/revoke"),
            &admin,
            &json!({}),
        )
        .await;
    assert_problem(again, 409, "revoked").await;
    // An address outside the ranges gets no token.
    let (far, far_secret) = register(
        &app,
        &admin,
        json!({"name": "远端", "role": "integration", "scopes": ["events_read"],
               "allowed_ips": ["203.0.113.0/24"]}),
    )
    .await;
    let res = token_basic(
        &app,
        &far,
        &far_secret,
        &[("grant_type", "client_credentials")],
    )
    .await;
    oauth_error(res, 401, "invalid_client").await;
    // Only administrators keep clients.
    let agent = app.token(Role::Agent).await;
    assert_problem(
        app.get("/api/v1/api-clients", &agent).await,
        403,
        "forbidden",
    )
    .await;
}
