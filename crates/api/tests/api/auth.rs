use crate::helpers::{TEST_SECRET, assert_problem, spawn_app};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{EncodingKey, Header, encode};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn login_returns_tokens_and_the_user_and_me_answers() {
    let app = spawn_app().await;
    let t = app.login("supervisor").await;
    assert_eq!(t.token_type, "Bearer");
    assert_eq!(t.expires_in, 900);
    assert_eq!(t.user.username, "supervisor");
    let me: Value = app
        .get("/api/v1/me", &t.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "supervisor");
    assert!(
        me["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("dispatch_work"))
    );
}

#[tokio::test]
async fn wrong_password_is_401_problem() {
    let app = spawn_app().await;
    let res = app.login_raw("agent", "not-the-password").await;
    let body = assert_problem(res, 401, "invalid_credentials").await;
    assert_eq!(body["detail"], "wrong username or password");
}

#[tokio::test]
async fn missing_token_is_401_with_bearer_challenge() {
    let app = spawn_app().await;
    let res = app
        .request(Method::GET, "/api/v1/me", None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    assert_problem(res, 401, "unauthorized").await;
}

fn forged(secret: &[u8], sub: &str, iat: i64, exp: i64) -> String {
    encode(
        &Header::default(),
        &json!({"sub": sub, "iat": iat, "exp": exp}),
        &EncodingKey::from_secret(secret),
    )
    .unwrap()
}

#[tokio::test]
async fn expired_foreign_and_unsigned_tokens_are_refused() {
    let app = spawn_app().await;
    let real = app.login("agent").await;
    let sub = real.user.id.to_string();
    let now = chrono::Utc::now().timestamp();

    let expired = forged(TEST_SECRET.as_bytes(), &sub, now - 3600, now - 1800);
    assert_problem(app.get("/api/v1/me", &expired).await, 401, "unauthorized").await;

    let foreign = forged(b"another-secret-0123456789abcdef0123", &sub, now, now + 600);
    assert_problem(app.get("/api/v1/me", &foreign).await, 401, "unauthorized").await;

    // alg: none with the real claims and no signature.
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let claims =
        URL_SAFE_NO_PAD.encode(json!({"sub": sub, "iat": now, "exp": now + 600}).to_string());
    let none = format!("{header}.{claims}.");
    assert_problem(app.get("/api/v1/me", &none).await, 401, "unauthorized").await;

    // The same claims signed with the right key pass: the refusals above are
    // about the token, not the user.
    let good = forged(TEST_SECRET.as_bytes(), &sub, now, now + 600);
    assert_eq!(app.get("/api/v1/me", &good).await.status(), 200);
}

#[tokio::test]
async fn refresh_rotates_and_the_old_refresh_token_is_refused() {
    let app = spawn_app().await;
    let first = app.login("engineer").await;
    let res = app
        .request(Method::POST, "/api/v1/auth/refresh", None)
        .json(&json!({"refresh_token": first.refresh_token}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let second: Value = res.json().await.unwrap();
    assert_ne!(second["refresh_token"], json!(first.refresh_token));
    assert_eq!(
        app.get("/api/v1/me", second["access_token"].as_str().unwrap())
            .await
            .status(),
        200
    );
    let replay = app
        .request(Method::POST, "/api/v1/auth/refresh", None)
        .json(&json!({"refresh_token": first.refresh_token}))
        .send()
        .await
        .unwrap();
    assert_problem(replay, 401, "invalid_refresh_token").await;
}

#[tokio::test]
async fn logout_revokes_the_refresh_token() {
    let app = spawn_app().await;
    let t = app.login("finance").await;
    let res = app
        .request(Method::POST, "/api/v1/auth/logout", None)
        .json(&json!({"refresh_token": t.refresh_token}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = app
        .request(Method::POST, "/api/v1/auth/refresh", None)
        .json(&json!({"refresh_token": t.refresh_token}))
        .send()
        .await
        .unwrap();
    assert_problem(res, 401, "invalid_refresh_token").await;
}

#[tokio::test]
async fn repeated_failures_are_slowed_down_with_retry_after() {
    let app = spawn_app().await;
    for _ in 0..5 {
        assert_eq!(app.login_raw("parts", "wrong-password").await.status(), 401);
    }
    let res = app.login_raw("parts", "furrow-demo").await;
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=30).contains(&retry), "Retry-After {retry}");
    assert_problem(res, 429, "too_many_requests").await;
    // Another account is unaffected.
    assert_eq!(app.login_raw("manager", "furrow-demo").await.status(), 200);
}

#[tokio::test]
async fn a_deactivated_users_access_token_stops_working_at_once() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let victim = app.login("purchasing").await;
    assert_eq!(
        app.get("/api/v1/me", &victim.access_token).await.status(),
        200
    );
    let res = app
        .post(
            &format!("/api/v1/users/{}/deactivate", victim.user.id),
            &admin,
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_problem(
        app.get("/api/v1/me", &victim.access_token).await,
        401,
        "unauthorized",
    )
    .await;
    let res = app
        .request(Method::POST, "/api/v1/auth/refresh", None)
        .json(&json!({"refresh_token": victim.refresh_token}))
        .send()
        .await
        .unwrap();
    assert_problem(res, 401, "invalid_refresh_token").await;
}

#[tokio::test]
async fn changing_my_password_needs_the_current_one_and_ends_sessions() {
    let app = spawn_app().await;
    let t = app.login("agent").await;
    let wrong = app
        .post(
            "/api/v1/me/password",
            &t.access_token,
            &json!({"current_password": "nope-nope", "new_password": "a-brand-new-password"}),
        )
        .await;
    let body = assert_problem(wrong, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "current_password");
    let ok = app
        .post(
            "/api/v1/me/password",
            &t.access_token,
            &json!({"current_password": "furrow-demo", "new_password": "a-brand-new-password"}),
        )
        .await;
    assert_eq!(ok.status(), 204);
    assert_eq!(app.login_raw("agent", "furrow-demo").await.status(), 401);
    assert_eq!(
        app.login_raw("agent", "a-brand-new-password")
            .await
            .status(),
        200
    );
    let res = app
        .request(Method::POST, "/api/v1/auth/refresh", None)
        .json(&json!({"refresh_token": t.refresh_token}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}
