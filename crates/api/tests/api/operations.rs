use crate::helpers::{spawn_app, spawn_app_with, spawn_demo_app};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::Value;

#[tokio::test]
async fn health_readiness_and_request_ids() {
    let app = spawn_app().await;
    let res = app
        .request(Method::GET, "/healthz", None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers().contains_key("x-request-id"));
    let ready: Value = app
        .request(Method::GET, "/readyz", None)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ready["status"], "ok");
    let expected = if furrow_store::testing::on_postgres() {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(ready["database"], expected);
}

#[tokio::test]
async fn metrics_count_requests_per_route_template() {
    let app = spawn_app_with(|c| c.metrics = true).await;
    let admin = app.token(Role::Admin).await;
    for _ in 0..3 {
        app.get("/api/v1/me", &admin).await;
    }
    let text = app
        .request(Method::GET, "/metrics", None)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let line = text
        .lines()
        .find(|l| {
            l.starts_with("furrow_http_requests_total")
                && l.contains("endpoint=\"/api/v1/me\"")
                && l.contains("status=\"200\"")
        })
        .unwrap_or_else(|| panic!("no counter for /api/v1/me in\n{text}"));
    assert!(line.ends_with(" 3"), "{line}");
    assert!(text.contains("furrow_http_requests_duration_seconds_bucket"));
}

#[tokio::test]
async fn the_openapi_ui_is_served_without_a_cdn() {
    let app = spawn_app().await;
    let html = app
        .request(Method::GET, "/api/docs/", None)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("swagger-ui"), "{html}");
    assert!(
        !html.contains("cdn.") && !html.contains("unpkg"),
        "the UI must not load from a CDN"
    );
    let js = app
        .request(Method::GET, "/api/docs/swagger-ui-bundle.js", None)
        .send()
        .await
        .unwrap();
    assert_eq!(js.status(), 200);
    let doc: Value = app
        .request(Method::GET, "/api/v1/openapi.json", None)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["info"]["title"], "Furrow API");
}

#[tokio::test]
async fn without_a_built_spa_the_root_explains_how_to_build_it() {
    let app = spawn_app().await;
    let res = app
        .request(Method::GET, "/customers/123", None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    assert!(res.text().await.unwrap().contains("cargo xtask run"));
}

#[tokio::test]
async fn the_demo_flag_loads_accounts_that_sign_in_and_their_master_data() {
    let app = spawn_demo_app().await;
    for username in furrow_store::demo::DEMO_USERNAMES {
        let res = app
            .login_raw(username, furrow_store::demo::DEMO_PASSWORD)
            .await;
        assert_eq!(res.status(), 200, "demo account {username}");
    }
    let admin = app.token(Role::Admin).await;
    for list in [
        "dealers",
        "customers",
        "machines",
        "product-models",
        "engineers",
    ] {
        let page = app.read(&format!("/api/v1/{list}?limit=1"), &admin).await;
        assert_eq!(page["items"].as_array().unwrap().len(), 1, "{list}");
    }
}
