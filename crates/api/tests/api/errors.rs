use crate::helpers::{assert_problem, spawn_app};
use furrow_domain::Role;
use reqwest::Method;

#[tokio::test]
async fn unknown_routes_answer_problem_404_and_other_methods_405() {
    let app = spawn_app().await;
    let res = app
        .request(Method::GET, "/api/v1/no-such-thing", None)
        .send()
        .await
        .unwrap();
    assert_problem(res, 404, "not_found").await;
    let res = app
        .request(Method::DELETE, "/api/v1/me", None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["allow"], "GET");
    assert_problem(res, 405, "method_not_allowed").await;
    let res = app
        .request(Method::GET, "/api/elsewhere", None)
        .send()
        .await
        .unwrap();
    assert_problem(res, 404, "not_found").await;
}

#[tokio::test]
async fn malformed_json_is_400_and_names_the_problem() {
    let app = spawn_app().await;
    let res = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{\"username\": ")
        .send()
        .await
        .unwrap();
    assert_problem(res, 400, "invalid_json").await;
}

#[tokio::test]
async fn unknown_fields_are_refused_on_writes() {
    let app = spawn_app().await;
    let res = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(
            &serde_json::json!({"username": "admin", "password": "furrow-demo", "is_admin": true}),
        )
        .send()
        .await
        .unwrap();
    let body = assert_problem(res, 400, "invalid_json").await;
    assert!(body["detail"].as_str().unwrap().contains("is_admin"));
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let app = spawn_app().await;
    let res = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "text/plain")
        .body("admin")
        .send()
        .await
        .unwrap();
    assert_problem(res, 415, "unsupported_media_type").await;
}

#[tokio::test]
async fn bodies_over_one_mebibyte_are_413() {
    let app = spawn_app().await;
    let big = format!(
        "{{\"username\":\"{}\",\"password\":\"x\"}}",
        "a".repeat(1024 * 1024 + 10)
    );
    let res = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_problem(res, 413, "payload_too_large").await;
}

#[tokio::test]
async fn a_malformed_id_in_the_path_is_404_and_a_bad_query_is_400() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    assert_problem(
        app.get("/api/v1/users/not-a-uuid", &admin).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        app.get("/api/v1/users?limit=lots", &admin).await,
        400,
        "invalid_query",
    )
    .await;
}
