use crate::helpers::{PASSWORD, TEST_SECRET, assert_problem, spawn_app};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use furrow_domain::Role;
use jsonwebtoken::{EncodingKey, Header, encode};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn login_returns_tokens_and_the_user_and_me_answers() {
    let app = spawn_app().await;
    let t = app.login(Role::Supervisor).await;
    assert_eq!(t.token_type, "Bearer");
    assert_eq!(t.expires_in, 900);
    let supervisor = app.member(Role::Supervisor).await.username;
    assert_eq!(t.user.username, supervisor);
    let me: Value = app
        .get("/api/v1/me", &t.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], json!(supervisor));
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
    let agent = app.member(Role::Agent).await.username;
    let res = app.login_raw(&agent, "not-the-password").await;
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

fn forged(secret: &[u8], claims: &Value) -> String {
    encode(
        &Header::default(),
        claims,
        &EncodingKey::from_secret(secret),
    )
    .unwrap()
}

/// The claims of a real access token.
fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

#[tokio::test]
async fn expired_foreign_and_unsigned_tokens_are_refused() {
    let app = spawn_app().await;
    let real = app.login(Role::Agent).await;
    let sub = real.user.id.to_string();
    let sid = claims_of(&real.access_token)["sid"].clone();
    assert!(sid.is_string(), "the access token names its session");
    let now = chrono::Utc::now().timestamp();

    let expired = forged(
        TEST_SECRET.as_bytes(),
        &json!({"sub": sub, "sid": sid, "iat": now - 3600, "exp": now - 1800}),
    );
    assert_problem(app.get("/api/v1/me", &expired).await, 401, "unauthorized").await;

    let foreign = forged(
        b"another-secret-0123456789abcdef0123",
        &json!({"sub": sub, "sid": sid, "iat": now, "exp": now + 600}),
    );
    assert_problem(app.get("/api/v1/me", &foreign).await, 401, "unauthorized").await;

    // alg: none with the real claims and no signature.
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let claims = URL_SAFE_NO_PAD
        .encode(json!({"sub": sub, "sid": sid, "iat": now, "exp": now + 600}).to_string());
    let none = format!("{header}.{claims}.");
    assert_problem(app.get("/api/v1/me", &none).await, 401, "unauthorized").await;

    // Without a session, or in a session that is not live, a well-signed
    // token is refused too.
    let no_session = forged(
        TEST_SECRET.as_bytes(),
        &json!({"sub": sub, "iat": now, "exp": now + 600}),
    );
    assert_problem(
        app.get("/api/v1/me", &no_session).await,
        401,
        "unauthorized",
    )
    .await;
    let made_up = forged(
        TEST_SECRET.as_bytes(),
        &json!({"sub": sub, "sid": uuid::Uuid::now_v7(), "iat": now, "exp": now + 600}),
    );
    assert_problem(app.get("/api/v1/me", &made_up).await, 401, "unauthorized").await;

    // The same claims signed with the right key pass: the refusals above are
    // about the token, not the user.
    let good = forged(
        TEST_SECRET.as_bytes(),
        &json!({"sub": sub, "sid": sid, "iat": now, "exp": now + 600}),
    );
    assert_eq!(app.get("/api/v1/me", &good).await.status(), 200);
}

#[tokio::test]
async fn refresh_rotates_and_the_old_refresh_token_is_refused() {
    let app = spawn_app().await;
    let first = app.login(Role::Engineer).await;
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
    let t = app.login(Role::Finance).await;
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
    let parts = app.member(Role::PartsClerk).await.username;
    let manager = app.member(Role::Manager).await.username;
    for _ in 0..5 {
        assert_eq!(app.login_raw(&parts, "wrong-password").await.status(), 401);
    }
    let res = app.login_raw(&parts, PASSWORD).await;
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=30).contains(&retry), "Retry-After {retry}");
    assert_problem(res, 429, "too_many_requests").await;
    // Another account is unaffected.
    assert_eq!(app.login_raw(&manager, PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn a_deactivated_users_access_token_stops_working_at_once() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let victim = app.login(Role::Purchasing).await;
    assert_eq!(
        app.get("/api/v1/me", &victim.access_token).await.status(),
        200
    );
    let res = app
        .command(
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
    let t = app.login(Role::Agent).await;
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
            &json!({"current_password": PASSWORD, "new_password": "a-brand-new-password"}),
        )
        .await;
    assert_eq!(ok.status(), 204);
    assert_eq!(
        app.login_raw(&t.user.username, PASSWORD).await.status(),
        401
    );
    assert_eq!(
        app.login_raw(&t.user.username, "a-brand-new-password")
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

/// A client whose connections come from `ip` (any 127.x address reaches the
/// test server), so tests can sign in from several client addresses.
fn client_from(ip: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(std::net::IpAddr::from(ip))
        .build()
        .unwrap()
}

async fn login_from(
    app: &crate::helpers::TestApp,
    client: &reqwest::Client,
    username: &str,
    password: &str,
) -> reqwest::Response {
    client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap()
}

/// One value of a one-row SQL query on the test's database.
async fn sql_i64(app: &crate::helpers::TestApp, sql: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let db = sea_orm::Database::connect(&app.db_url).await.unwrap();
    let row = db
        .query_one(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    let v: i64 = row.try_get_by_index(0).unwrap();
    db.close().await.unwrap();
    v
}

/// Polls until `token` is refused: the session check is cached for at most
/// 2 s, so this waits at most that long (plus slack), never a fixed sleep.
async fn until_refused(app: &crate::helpers::TestApp, token: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let res = app.get("/api/v1/me", token).await;
        if res.status() == 401 {
            assert_problem(res, 401, "unauthorized").await;
            return;
        }
        assert_eq!(res.status(), 200);
        assert!(
            std::time::Instant::now() < deadline,
            "the access token still works 5 s after its session ended"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn an_overlong_username_is_invalid_credentials_and_is_never_stored() {
    let app = spawn_app().await;
    let long = "x".repeat(200_000);
    for _ in 0..5 {
        let res = app.login_raw(&long, "whatever-password").await;
        assert_problem(res, 401, "invalid_credentials").await;
    }
    // Only fixed-size throttle keys were written: this address and the
    // server-wide counter; nothing keyed by the submitted name.
    assert!(sql_i64(&app, "SELECT COUNT(*) FROM login_throttles").await <= 2);
    assert_eq!(
        sql_i64(
            &app,
            "SELECT CAST(COALESCE(MAX(LENGTH(key)), 0) AS BIGINT) FROM login_throttles"
        )
        .await,
        64
    );
}

#[tokio::test]
async fn spraying_many_names_from_one_address_is_throttled_and_other_addresses_are_not() {
    let app = spawn_app().await;
    let sprayer = client_from([127, 0, 0, 2]);
    let mut throttled_at = None;
    for i in 0..60 {
        let res = login_from(&app, &sprayer, &format!("name{i}"), "password-guess").await;
        if res.status() == 429 {
            assert!(res.headers().contains_key("retry-after"));
            throttled_at = Some(i);
            break;
        }
        assert_eq!(res.status(), 401);
    }
    let at = throttled_at.expect("60 names from one address were never throttled");
    assert!(at >= 10, "throttled after only {at} failures");
    // The address is throttled, not the accounts: a user elsewhere signs in.
    let agent = app.member(Role::Agent).await.username;
    let res = login_from(&app, &client_from([127, 0, 0, 3]), &agent, PASSWORD).await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn a_locked_user_gets_in_from_their_usual_address_and_anywhere_after_an_admin_unlock() {
    let app = spawn_app().await;
    let (usual, attacker, elsewhere) = (
        client_from([127, 0, 0, 11]),
        client_from([127, 0, 0, 12]),
        client_from([127, 0, 0, 13]),
    );
    let name = app.member(Role::Agent).await.username;
    let admin_name = app.member(Role::Admin).await.username;
    let first = login_from(&app, &usual, &name, PASSWORD).await;
    assert_eq!(first.status(), 200);
    let agent: Value = first.json().await.unwrap();
    for _ in 0..5 {
        let res = login_from(&app, &attacker, &name, "password-guess").await;
        assert_eq!(res.status(), 401);
    }
    let res = login_from(&app, &attacker, &name, PASSWORD).await;
    assert_problem(res, 429, "too_many_requests").await;
    let res = login_from(&app, &elsewhere, &name, PASSWORD).await;
    assert_problem(res, 429, "too_many_requests").await;
    // The attacker cannot lock the user out of their usual address.
    assert_eq!(
        login_from(&app, &usual, &name, PASSWORD).await.status(),
        200
    );
    // An admin lifts the lock; then the user gets in from anywhere.
    let admin: Value = login_from(&app, &usual, &admin_name, PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    let admin = admin["access_token"].as_str().unwrap();
    let path = format!(
        "/api/v1/users/{}/unlock",
        agent["user"]["id"].as_str().unwrap()
    );
    let agent_token = agent["access_token"].as_str().unwrap();
    assert_problem(
        app.post(&path, agent_token, &json!({})).await,
        403,
        "forbidden",
    )
    .await;
    assert_eq!(app.post(&path, admin, &json!({})).await.status(), 204);
    assert_eq!(
        login_from(&app, &elsewhere, &name, PASSWORD).await.status(),
        200
    );
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled_with_retry_after() {
    let app = spawn_app().await;
    let t = app.login(Role::Agent).await;
    let other = client_from([127, 0, 0, 21]);
    let change = |current: &'static str| {
        other
            .post(app.url("/api/v1/me/password"))
            .bearer_auth(&t.access_token)
            .json(&json!({"current_password": current, "new_password": "a-brand-new-password"}))
            .send()
    };
    for _ in 0..5 {
        assert_eq!(change("password-guess").await.unwrap().status(), 422);
    }
    let res = change(PASSWORD).await.unwrap();
    assert!(res.headers().contains_key("retry-after"));
    assert_problem(res, 429, "too_many_requests").await;
}

#[tokio::test]
async fn logout_ends_the_access_token_too() {
    let app = spawn_app().await;
    let t = app.login(Role::Finance).await;
    let other = app.login(Role::Finance).await;
    assert_eq!(app.get("/api/v1/me", &t.access_token).await.status(), 200);
    let res = app
        .request(Method::POST, "/api/v1/auth/logout", None)
        .json(&json!({"refresh_token": t.refresh_token}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    until_refused(&app, &t.access_token).await;
    // Another session of the same user goes on.
    assert_eq!(
        app.get("/api/v1/me", &other.access_token).await.status(),
        200
    );
}

#[tokio::test]
async fn a_replayed_refresh_token_ends_the_sessions_access_tokens() {
    let app = spawn_app().await;
    let t = app.login(Role::Engineer).await;
    let rotate = |token: String| {
        app.request(Method::POST, "/api/v1/auth/refresh", None)
            .json(&json!({"refresh_token": token}))
            .send()
    };
    let second: Value = rotate(t.refresh_token.clone())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let newest = second["access_token"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/me", newest).await.status(), 200);
    assert_eq!(rotate(t.refresh_token.clone()).await.unwrap().status(), 401);
    until_refused(&app, newest).await;
    until_refused(&app, &t.access_token).await;
}

#[tokio::test]
async fn a_password_change_or_admin_reset_ends_access_tokens() {
    let app = spawn_app().await;
    let t = app.login(Role::Agent).await;
    let ok = app
        .post(
            "/api/v1/me/password",
            &t.access_token,
            &json!({"current_password": PASSWORD, "new_password": "a-brand-new-password"}),
        )
        .await;
    assert_eq!(ok.status(), 204);
    until_refused(&app, &t.access_token).await;

    let admin = app.token(Role::Admin).await;
    let victim = app.login(Role::PartsClerk).await;
    let res = app
        .post(
            &format!("/api/v1/users/{}/password", victim.user.id),
            &admin,
            &json!({"new_password": "reset-by-the-admin"}),
        )
        .await;
    assert_eq!(res.status(), 204);
    until_refused(&app, &victim.access_token).await;
}

#[tokio::test]
async fn a_reactivated_user_does_not_get_old_access_tokens_back() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let victim = app.login(Role::Purchasing).await;
    let id = victim.user.id;
    let off = app
        .command(
            &format!("/api/v1/users/{id}/deactivate"),
            &admin,
            &json!({}),
        )
        .await;
    assert_eq!(off.status(), 200);
    until_refused(&app, &victim.access_token).await;
    let on = app
        .command(&format!("/api/v1/users/{id}/activate"), &admin, &json!({}))
        .await;
    assert_eq!(on.status(), 200);
    // Wait out any cached answer, then the old token must still be refused.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
    while std::time::Instant::now() < deadline {
        assert_problem(
            app.get("/api/v1/me", &victim.access_token).await,
            401,
            "unauthorized",
        )
        .await;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    // A new sign-in works.
    assert_eq!(
        app.login_raw(&victim.user.username, PASSWORD)
            .await
            .status(),
        200
    );
}
