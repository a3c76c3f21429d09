use furrow_api::Config;
use furrow_api::config::{DEFAULT_BODY_TIMEOUT, DEFAULT_JSON_LIMIT};
use furrow_domain::auth::TokenResponse;
use reqwest::{Client, Method, RequestBuilder, Response};
use serde_json::Value;

/// The JWT secret of test servers, so tests can forge tokens on purpose.
pub const TEST_SECRET: &str = "test-secret-0123456789abcdef0123456789";
pub const DEMO_PASSWORD: &str = "furrow-demo";

pub struct TestApp {
    pub base: String,
    /// The test's own database, for arranging states that need time to pass.
    pub db_url: String,
    pub client: Client,
    pub handle: actix_web::dev::ServerHandle,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        // Stop the server's workers; the runtime may already be shutting down.
        drop(tokio::spawn(async move { handle.stop(false).await }));
    }
}

/// Starts Furrow with demo data on a fresh database and a random port.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts Furrow as [`spawn_app`] does, with the configuration changed by `change`.
pub async fn spawn_app_with(change: impl FnOnce(&mut Config)) -> TestApp {
    furrow_api::telemetry::init_for_tests();
    let db = furrow_store::testing::fresh_database().await;
    let mut config = Config {
        bind: "127.0.0.1:0".into(),
        database_url: db.url.clone(),
        data_dir: db.dir.clone(),
        web_dir: db.dir.join("no-spa"),
        jwt_secret: Some(TEST_SECRET.into()),
        demo: true,
        json_limit: DEFAULT_JSON_LIMIT,
        sqlite_synchronous_full: true,
        workers: Some(2),
        db_connections: None,
        body_timeout: DEFAULT_BODY_TIMEOUT,
        metrics: false,
        metrics_token: None,
    };
    change(&mut config);
    let running = furrow_api::server::start(config)
        .await
        .expect("start server");
    let handle = running.handle.clone();
    tokio::spawn(running.server);
    TestApp {
        base: format!("http://{}", running.addr),
        db_url: db.url.clone(),
        client: Client::new(),
        handle,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let r = self.client.request(method, self.url(path));
        match token {
            Some(t) => r.bearer_auth(t),
            None => r,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.request(Method::GET, path, Some(token))
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, token: &str, body: &Value) -> Response {
        self.request(Method::POST, path, Some(token))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn login_raw(&self, username: &str, password: &str) -> Response {
        self.client
            .post(self.url("/api/v1/auth/login"))
            .json(&serde_json::json!({"username": username, "password": password}))
            .send()
            .await
            .unwrap()
    }

    /// Signs in a demo account.
    pub async fn login(&self, username: &str) -> TokenResponse {
        let res = self.login_raw(username, DEMO_PASSWORD).await;
        assert_eq!(res.status(), 200, "login of {username}");
        res.json().await.unwrap()
    }

    /// Runs SQL on the test's database (to move clocks into the past).
    pub async fn sql(&self, sql: &str) {
        use sea_orm::ConnectionTrait;
        let db = sea_orm::Database::connect(&self.db_url).await.unwrap();
        db.execute_unprepared(sql).await.unwrap();
        db.close().await.unwrap();
    }

    pub async fn token(&self, username: &str) -> String {
        self.login(username).await.access_token
    }
}

/// Asserts a problem+json answer with `status` and `code`, returning the body.
pub async fn assert_problem(res: Response, status: u16, code: &str) -> Value {
    assert_eq!(res.status().as_u16(), status, "status");
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(ct, "application/problem+json");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], status);
    assert_eq!(body["code"], code, "problem code in {body}");
    assert!(
        body["title"].is_string() && body["type"].is_string(),
        "RFC 9457 fields in {body}"
    );
    body
}
