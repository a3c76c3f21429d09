use crate::helpers::{PASSWORD, assert_problem, spawn_app};
use furrow_domain::Role;
use furrow_store::demo::DEMO_PASSWORD;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn only_admins_manage_users() {
    let app = spawn_app().await;
    for who in [
        Role::Agent,
        Role::Supervisor,
        Role::Engineer,
        Role::Dealer,
        Role::Manager,
    ] {
        let t = app.token(who).await;
        assert_problem(app.get("/api/v1/users", &t).await, 403, "forbidden").await;
    }
    let admin = app.token(Role::Admin).await;
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
    let admin = app.token(Role::Admin).await;
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
    assert_eq!(
        history[0]["actor_name"],
        json!(app.member(Role::Admin).await.username)
    );
}

#[tokio::test]
async fn invalid_new_user_lists_every_field_error_and_creates_nothing() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
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
    let admin = app.token(Role::Admin).await;
    let engineer = app.login(Role::Engineer).await;
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
    assert_eq!(me["display_name"], json!(engineer.user.display_name));
}

#[tokio::test]
async fn a_dealer_user_sees_only_its_own_dealer() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let dealer = app.login(Role::Dealer).await;
    for _ in 0..2 {
        app.fx.dealer().create().await;
    }
    let all: Value = app
        .get("/api/v1/dealers", &admin)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all["items"].as_array().unwrap().len(), 3);
    let own: Value = app
        .get("/api/v1/dealers", &dealer.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(own["items"].as_array().unwrap().len(), 1);
    assert_eq!(own["items"][0]["id"], json!(dealer.user.dealer_id));
}

/// The field error codes of a 422 answer.
async fn field_codes(res: reqwest::Response) -> Vec<(String, String)> {
    let body = assert_problem(res, 422, "validation_failed").await;
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()));
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn weak_passwords_are_refused_for_new_users_with_a_field_error_each() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let cases = [
        (" ".repeat(12), "blank"),
        // (NUL itself never reaches a handler: every body with one is a 400.)
        ("line\nbreak\tinside".to_owned(), "control_characters"),
        ("password1234".to_owned(), "common"),
        ("PassWord1234".to_owned(), "common"),
        (DEMO_PASSWORD.to_owned(), "demo_password"),
        ("wang.fang-2026!".to_owned(), "contains_username"),
        ("x".repeat(129), "too_long"),
    ];
    for (password, code) in cases {
        let res = app
            .post(
                "/api/v1/users",
                &admin,
                &json!({"username": "Wang.Fang", "display_name": "王芳", "password": password, "roles": ["agent"]}),
            )
            .await;
        assert_eq!(
            field_codes(res).await,
            vec![("password".to_owned(), code.to_owned())],
            "{password:?}"
        );
    }
    let page: Value = app
        .get("/api/v1/users?q=wang.fang", &admin)
        .await
        .json()
        .await
        .unwrap();
    assert!(page["items"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn an_admin_reset_and_a_password_change_follow_the_same_rules() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    // A login name a password can contain.
    app.fx
        .user(&[Role::PartsClerk])
        .username("parts")
        .create()
        .await;
    let parts = app.login_user("parts").await;
    let reset = format!("/api/v1/users/{}/password", parts.user.id);
    let res = app
        .post(&reset, &admin, &json!({"new_password": "qwertyuiop"}))
        .await;
    assert_eq!(
        field_codes(res).await,
        vec![("new_password".to_owned(), "common".to_owned())]
    );
    let res = app
        .post(
            &reset,
            &admin,
            &json!({"new_password": "parts-parts-parts"}),
        )
        .await;
    assert_eq!(
        field_codes(res).await,
        vec![("new_password".to_owned(), "contains_username".to_owned())]
    );
    let res = app
        .post(&reset, &admin, &json!({"new_password": DEMO_PASSWORD}))
        .await;
    assert_eq!(
        field_codes(res).await,
        vec![("new_password".to_owned(), "demo_password".to_owned())]
    );
    // The user still has the old password: nothing was changed.
    assert_eq!(app.login_raw("parts", PASSWORD).await.status(), 200);

    let res = app
        .post(
            &reset,
            &admin,
            &json!({"new_password": "orchard-lantern-42"}),
        )
        .await;
    assert_eq!(res.status(), 204);
    let me = app.login_raw("parts", "orchard-lantern-42").await;
    assert_eq!(me.status(), 200);
    let me: Value = me.json().await.unwrap();
    let res = app
        .post(
            "/api/v1/me/password",
            me["access_token"].as_str().unwrap(),
            &json!({"current_password": "orchard-lantern-42", "new_password": "orchard-lantern-42"}),
        )
        .await;
    assert_eq!(
        field_codes(res).await,
        vec![("new_password".to_owned(), "same_as_current".to_owned())]
    );
}
