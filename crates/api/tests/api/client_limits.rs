//! Per-client rate limits and usage: a client over its limit is answered
//! 429 with `Retry-After` and `RateLimit-*`, a person's token is not
//! limited, and the client view shows its calls and errors, counted in
//! memory and stored by the periodic flush without changing its version.

use crate::api_clients::{client_token, dealer_client};
use crate::helpers::{assert_problem, ok, spawn_app};
use furrow_domain::Role;
use furrow_domain::api_limits::ApiClientUsage;
use reqwest::Method;
use serde_json::json;

fn header(res: &reqwest::Response, name: &str) -> String {
    res.headers()
        .get(name)
        .unwrap_or_else(|| panic!("no {name}"))
        .to_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_client_over_its_limit_is_answered_429_and_its_usage_is_shown() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let res = app
        .request(Method::PUT, "/api/v1/settings/api_limits", Some(&admin))
        .header("if-match", "\"0\"")
        .json(&json!({"client_requests_per_minute": 3, "client_burst": 3}))
        .send()
        .await
        .unwrap();
    ok(res).await;
    let dealer = app.dealer().await.id.to_string();
    let (id, secret) = dealer_client(&app, &dealer).await;
    let client = client_token(&app, &id, &secret).await;

    // Three at once are allowed, each told what is left.
    for left in ["2", "1", "0"] {
        let res = app.get("/api/v1/me", &client).await;
        assert_eq!(res.status(), 200);
        assert_eq!(header(&res, "ratelimit-limit"), "3");
        assert_eq!(header(&res, "ratelimit-remaining"), left);
        assert!(res.headers().get("retry-after").is_none());
    }
    // The fourth is refused until the budget refills (one every 20 s, far
    // longer than the three calls take).
    let res = app.get("/api/v1/me", &client).await;
    let retry: u64 = header(&res, "retry-after").parse().unwrap();
    assert!((1..=20).contains(&retry), "Retry-After {retry}");
    assert_eq!(header(&res, "ratelimit-remaining"), "0");
    assert!(header(&res, "ratelimit-reset").parse::<u64>().unwrap() >= retry);
    assert_problem(res, 429, "too_many_requests").await;

    // A person's token is not limited by the clients' setting.
    let agent = app.token(Role::Agent).await;
    for _ in 0..5 {
        let res = app.get("/api/v1/me", &agent).await;
        assert_eq!(res.status(), 200);
        assert!(res.headers().get("ratelimit-limit").is_none());
    }

    // The view counts the four calls, one failed, before any flush.
    let path = format!("/api/v1/api-clients/{id}");
    let before = app.read(&path, &admin).await;
    assert_eq!(before["usage"]["request_count"], 4);
    assert_eq!(before["usage"]["error_count"], 1);
    assert!(before["usage"]["last_request_at"].is_string());
    let listed = app.read("/api/v1/api-clients", &admin).await;
    let row = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id.as_str())
        .unwrap();
    assert_eq!(row["usage"], before["usage"], "the list counts the same");

    // Stored counts add up with the pending ones; the version stays.
    let uuid: uuid::Uuid = id.parse().unwrap();
    let stored = ApiClientUsage {
        last_request_at: Some(chrono::Utc::now()),
        request_count: 10,
        error_count: 2,
    };
    furrow_store::api_clients::add_usage(app.fx.store(), &[(uuid, stored)])
        .await
        .unwrap();
    let after = app.read(&path, &admin).await;
    assert_eq!(after["usage"]["request_count"], 14);
    assert_eq!(after["usage"]["error_count"], 3);
    assert_eq!(after["version"], before["version"]);

    // Rotating and revoking answer the client with the same usage, so the
    // page that shows their answer does not lose the pending counts.
    let version = after["version"].as_i64().unwrap();
    let res = app
        .request(Method::POST, &format!("{path}/rotate"), Some(&admin))
        .header("if-match", format!("\"{version}\""))
        .json(&json!({"overlap_minutes": 0}))
        .send()
        .await
        .unwrap();
    let rotated = ok(res).await;
    assert_eq!(rotated["client"]["usage"]["request_count"], 14);
    let version = rotated["client"]["version"].as_i64().unwrap();
    let res = app
        .request(Method::POST, &format!("{path}/revoke"), Some(&admin))
        .header("if-match", format!("\"{version}\""))
        .send()
        .await
        .unwrap();
    let revoked = ok(res).await;
    assert_eq!(revoked["usage"]["request_count"], 14);
    assert_eq!(revoked["usage"]["error_count"], 3);
}

#[tokio::test]
async fn a_limit_out_of_range_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let res = app
        .request(Method::PUT, "/api/v1/settings/api_limits", Some(&admin))
        .header("if-match", "\"0\"")
        .json(&json!({"client_requests_per_minute": 10, "client_burst": 11}))
        .send()
        .await
        .unwrap();
    let p = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "client_burst");
    let now = app.read("/api/v1/settings/api_limits", &admin).await;
    assert_eq!(now["client_requests_per_minute"], 600);
    assert_eq!(now["client_burst"], 60);
}
