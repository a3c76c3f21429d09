//! The HTTP contract from outside: methods, query parameters, paging, entity
//! tags, replays, slow bodies, metrics and what the HTTP parser refuses.

use crate::helpers::{TestApp, assert_problem, spawn_app, spawn_app_with};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[tokio::test]
async fn a_method_a_documented_path_lacks_is_405_with_allow() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let res = app
        .request(Method::DELETE, "/api/v1/customers", Some(&admin))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["allow"], "GET, POST");
    assert_problem(res, 405, "method_not_allowed").await;
    let res = app
        .request(Method::PATCH, "/api/v1/customers/not-even-a-uuid", None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["allow"], "GET, PUT");
    assert_problem(res, 405, "method_not_allowed").await;
    let res = app
        .request(Method::POST, "/healthz", None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["allow"], "GET");
    assert_problem(res, 405, "method_not_allowed").await;
}

#[tokio::test]
async fn query_parameters_an_operation_does_not_declare_are_refused_by_name() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let body = assert_problem(
        app.get("/api/v1/customers?q=a&colour=red", &admin).await,
        400,
        "unknown_query_parameter",
    )
    .await;
    assert!(
        body["detail"].as_str().unwrap().contains("`colour`"),
        "{body}"
    );
    assert_problem(
        app.get("/api/v1/me?verbose=1", &admin).await,
        400,
        "unknown_query_parameter",
    )
    .await;
    let res = app.get("/api/v1/customers?q=a&limit=5", &admin).await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn page_sizes_outside_1_to_200_are_refused_not_changed() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    for list in [
        "customers",
        "users",
        "dealers",
        "machines",
        "service-requests",
    ] {
        for limit in [0, 201, 10_000] {
            assert_problem(
                app.get(&format!("/api/v1/{list}?limit={limit}"), &admin)
                    .await,
                400,
                "invalid_limit",
            )
            .await;
        }
        let res = app.get(&format!("/api/v1/{list}?limit=200"), &admin).await;
        assert_eq!(res.status(), 200, "{list}");
    }
}

async fn first_cursor(app: &TestApp, token: &str, path: &str) -> String {
    let page: Value = app.get(path, token).await.json().await.unwrap();
    page["next_cursor"]
        .as_str()
        .unwrap_or_else(|| panic!("no next page of {path}: {page}"))
        .to_owned()
}

#[tokio::test]
async fn a_cursor_is_accepted_only_by_the_list_that_made_it() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    // Two of each, so that a page of one has a next page: the fixture's and
    // the cast's administrators are the two users.
    for _ in 0..2 {
        app.fx.customer().create().await;
    }
    let customers = first_cursor(&app, &admin, "/api/v1/customers?limit=1").await;
    let users = first_cursor(&app, &admin, "/api/v1/users?limit=1").await;
    // Its own list takes it and moves on.
    let page: Value = app
        .get(
            &format!("/api/v1/customers?limit=1&cursor={customers}"),
            &admin,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    let page: Value = app
        .get(&format!("/api/v1/users?limit=1&cursor={users}"), &admin)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    // Other lists, another order of the same list, and made-up cursors do not.
    for path in [
        format!("/api/v1/machines?cursor={customers}"),
        format!("/api/v1/users?cursor={customers}"),
        format!("/api/v1/dealers?cursor={users}"),
        format!("/api/v1/customers?updated_since=2020-01-01T00:00:00Z&cursor={customers}"),
        "/api/v1/users?cursor=admin".to_owned(),
        "/api/v1/dealers?cursor=D999".to_owned(),
        "/api/v1/customers?cursor=bm90LWEtY3Vyc29y".to_owned(),
        "/api/v1/service-requests?cursor=garbage".to_owned(),
        "/api/v1/work-orders?cursor=garbage".to_owned(),
        "/api/v1/repair-reports?cursor=garbage".to_owned(),
        "/api/v1/engineers?cursor=garbage".to_owned(),
        "/api/v1/product-models?cursor=garbage".to_owned(),
    ] {
        let res = app.get(&path, &admin).await;
        assert_problem(res, 400, "invalid_cursor").await;
    }
}

#[tokio::test]
async fn a_malformed_id_is_a_plain_404_without_parser_words() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    for path in [
        "/api/v1/customers/not-a-uuid",
        "/api/v1/service-requests/12345",
        "/api/v1/imports/templates/spaceships",
    ] {
        let body = assert_problem(app.get(path, &admin).await, 404, "not_found").await;
        let detail = body["detail"].as_str().unwrap();
        assert!(
            !detail.contains("UUID") && !detail.contains("invalid") && !detail.contains("variant"),
            "{detail}"
        );
    }
}

#[tokio::test]
async fn an_if_match_that_is_none_of_our_tags_is_412_and_garbage_is_400() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let id = app.fx.customer().create().await.id;
    let path = format!("/api/v1/customers/{id}/deactivate");
    for tag in ["\"abc\"", "\"999\"", "W/\"x\""] {
        let res = app
            .request(Method::POST, &path, Some(&admin))
            .header("if-match", tag)
            .send()
            .await
            .unwrap();
        assert_problem(res, 412, "stale_version").await;
    }
    let res = app
        .request(Method::POST, &path, Some(&admin))
        .header("if-match", "banana")
        .send()
        .await
        .unwrap();
    assert_problem(res, 400, "invalid_if_match").await;
}

#[tokio::test]
async fn a_replayed_intake_carries_the_etag_and_location_of_the_first() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let body = json!({"kind": "repair", "customer_id": c["id"], "machine_id": m["id"],
        "symptoms": "收割时割台不转，有异响", "preliminary_judgement": "割台传动皮带断裂", "needs_onsite": true,
        "priority": "high", "machine_stopped": true, "operation_at_risk": "harvest", "suspected_part": "wear_part"});
    let send = || {
        app.request(Method::POST, "/api/v1/service-requests", Some(&agent))
            .header("idempotency-key", "contract-replay-1")
            .json(&body)
            .send()
    };
    let first = send().await.unwrap();
    assert_eq!(first.status(), 201);
    let again = send().await.unwrap();
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    for h in ["etag", "location", "content-type"] {
        assert_eq!(first.headers().get(h), again.headers().get(h), "{h}");
    }
    assert!(again.headers().contains_key("etag"));
}

#[tokio::test]
async fn the_docs_folder_without_its_slash_redirects_into_it() {
    let app = spawn_app().await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = client.get(app.url("/api/docs")).send().await.unwrap();
    assert_eq!(res.status(), 308);
    assert_eq!(res.headers()["location"], "/api/docs/");
}

/// Sends raw bytes and returns what the server answered before closing, or
/// panics if it neither answers nor closes within `within`.
async fn raw_exchange(app: &TestApp, head: &[u8], within: Duration) -> String {
    let addr = app.base.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(head).await.unwrap();
    let mut out = Vec::new();
    // A reset after the answer still counts as closed.
    let _ = tokio::time::timeout(within, s.read_to_end(&mut out))
        .await
        .expect("the server neither answered nor closed");
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn a_body_that_trickles_in_is_cut_off_at_the_body_timeout() {
    let app = spawn_app_with(|c| c.body_timeout = Duration::from_millis(700)).await;
    let addr = app.base.trim_start_matches("http://").to_owned();
    let started = Instant::now();
    let mut s = TcpStream::connect(&addr).await.unwrap();
    s.write_all(
        b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
          Content-Length: 200\r\n\r\n{",
    )
    .await
    .unwrap();
    // One byte every 100 ms would take 20 s; the server must not wait for it.
    let (mut rd, mut wr) = s.into_split();
    let trickle = tokio::spawn(async move {
        for _ in 0..199 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if wr.write_all(b" ").await.is_err() {
                break;
            }
        }
    });
    let mut out = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), rd.read_to_end(&mut out))
        .await
        .expect("the slow body held the connection past the body timeout")
        .ok();
    trickle.abort();
    let text = String::from_utf8_lossy(&out);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("request_timeout"), "{text}");
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[tokio::test]
async fn a_slow_body_to_a_refused_request_does_not_hold_the_connection() {
    let app = spawn_app_with(|c| c.body_timeout = Duration::from_millis(700)).await;
    let text = raw_exchange(
        &app,
        b"POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
          Content-Length: 200\r\n\r\n{",
        Duration::from_secs(5),
    )
    .await;
    assert!(text.starts_with("HTTP/1.1 401"), "{text}");
}

#[tokio::test]
async fn what_the_http_parser_refuses_is_400_with_an_empty_body_and_closed() {
    // actix-http's HTTP/1 decoder answers these itself, with an empty body,
    // before any middleware or handler runs (the document says so).
    let app = spawn_app().await;
    let bad_byte = raw_exchange(
        &app,
        b"GET /api/v1/\x01me HTTP/1.1\r\nHost: x\r\n\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert!(bad_byte.starts_with("HTTP/1.1 400"), "{bad_byte}");
    assert!(
        bad_byte.to_ascii_lowercase().contains("content-length: 0"),
        "{bad_byte}"
    );
    let long_uri = format!(
        "GET /api/v1/customers?q={} HTTP/1.1\r\nHost: x\r\n\r\n",
        "a".repeat(70_000)
    );
    let long = raw_exchange(&app, long_uri.as_bytes(), Duration::from_secs(5)).await;
    assert!(long.starts_with("HTTP/1.1 400"), "{long}");
}

#[tokio::test]
async fn metrics_are_off_unless_enabled_and_guarded_by_their_token() {
    let app = spawn_app().await;
    let res = app
        .request(Method::GET, "/metrics", None)
        .send()
        .await
        .unwrap();
    assert_problem(res, 404, "not_found").await;

    let app = spawn_app_with(|c| c.metrics_token = Some("m-token-123".into())).await;
    let res = app
        .request(Method::GET, "/metrics", None)
        .send()
        .await
        .unwrap();
    assert_problem(res, 401, "unauthorized").await;
    let res = app
        .request(Method::GET, "/metrics", Some("wrong"))
        .send()
        .await
        .unwrap();
    assert_problem(res, 401, "unauthorized").await;
    let res = app
        .request(Method::GET, "/metrics", Some("m-token-123"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
}
