use crate::helpers::{assert_problem, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn only_admins_manage_users() {
    let app = spawn_app().await;
    for who in ["agent", "supervisor", "engineer", "dealer", "manager"] {
        let t = app.token(who).await;
        assert_problem(app.get("/api/v1/users", &t).await, 403, "forbidden").await;
    }
    let admin = app.token("admin").await;
    let page: Value = app
        .get("/api/v1/users?limit=3", &admin)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 3);
    assert!(page["next_cursor"].is_string());
}

#[tokio::test]
async fn admin_creates_a_user_who_can_then_sign_in() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let res = app
        .post("/api/v1/users", &admin, &json!({"username": "Li.Lei", "display_name": "李雷", "password": "li-lei-password", "roles": ["agent", "engineer"]}))
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["username"], "li.lei");
    let login = app.login_raw("li.lei", "li-lei-password").await;
    assert_eq!(login.status(), 200);
    let history: Value = app
        .get(
            &format!("/api/v1/users/{}/history", created["id"].as_str().unwrap()),
            &admin,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history[0]["action"], "created");
    assert_eq!(history[0]["actor_name"], "admin");
}

#[tokio::test]
async fn invalid_new_user_lists_every_field_error_and_creates_nothing() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let res = app
        .post(
            "/api/v1/users",
            &admin,
            &json!({"username": "x", "display_name": "", "password": "short", "roles": []}),
        )
        .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        vec!["username", "display_name", "password", "roles"]
    );
    let res = app.post("/api/v1/users", &admin, &json!({"username": "dealer-two", "display_name": "经销商", "password": "long-enough-pw", "roles": ["dealer"]})).await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "dealer_id");
    let page: Value = app
        .get("/api/v1/users?q=dealer-two", &admin)
        .await
        .json()
        .await
        .unwrap();
    assert!(page["items"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn role_changes_need_the_current_version() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let engineer = app.login("engineer").await;
    let path = format!("/api/v1/users/{}", engineer.user.id);
    let res = app
        .request(Method::PATCH, &path, Some(&admin))
        .header("if-match", "\"1\"")
        .json(&json!({"roles": ["engineer", "supervisor"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["etag"], "\"2\"");
    let stale = app
        .request(Method::PATCH, &path, Some(&admin))
        .header("if-match", "\"1\"")
        .json(&json!({"display_name": "改名"}))
        .send()
        .await
        .unwrap();
    assert_problem(stale, 412, "stale_version").await;
    let garbage = app
        .request(Method::PATCH, &path, Some(&admin))
        .header("if-match", "yesterday")
        .json(&json!({"display_name": "改名"}))
        .send()
        .await
        .unwrap();
    assert_problem(garbage, 400, "invalid_if_match").await;
    // The new role takes effect on the engineer's existing token at once.
    let me: Value = app
        .get("/api/v1/me", &engineer.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["roles"], json!(["engineer", "supervisor"]));
    assert_eq!(me["display_name"], "孙立军");
}

#[tokio::test]
async fn a_dealer_user_sees_only_its_own_dealer() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let all: Value = app
        .get("/api/v1/dealers", &admin)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all["items"].as_array().unwrap().len(), 5);
    let dealer = app.login("dealer").await;
    let own: Value = app
        .get("/api/v1/dealers", &dealer.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(own["items"].as_array().unwrap().len(), 1);
    assert_eq!(own["items"][0]["id"], json!(dealer.user.dealer_id));
}
