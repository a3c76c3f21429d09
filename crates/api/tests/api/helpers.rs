use furrow_api::Config;
use furrow_api::config::{DEFAULT_BODY_TIMEOUT, DEFAULT_JSON_LIMIT};
use furrow_domain::Role;
use furrow_domain::auth::TokenResponse;
use furrow_domain::dealers::DealerView;
use furrow_domain::users::UserView;
use furrow_store::testing::{FIXTURE_PASSWORD, Fixture};
use reqwest::{Client, Method, RequestBuilder, Response};
use serde_json::Value;
use std::collections::BTreeMap;
use tokio::sync::{Mutex, OnceCell};

/// The JWT secret of test servers, so tests can forge tokens on purpose.
pub const TEST_SECRET: &str = "test-secret-0123456789abcdef0123456789";
/// The password of every user the fixture makes.
pub const PASSWORD: &str = FIXTURE_PASSWORD;

/// Where the test's farms and its engineer's home base are: a short drive
/// apart, so dispatch suggestions know the distance.
const HOME_BASE: (f64, f64) = (45.75, 126.63);
const FARM: (f64, f64) = (44.93, 127.17);

pub struct TestApp {
    pub base: String,
    /// The test's own database, for arranging states that need time to pass.
    pub db_url: String,
    pub client: Client,
    pub handle: actix_web::dev::ServerHandle,
    /// Builders of the records a test needs, on the test's own database.
    pub fx: Fixture,
    /// Who plays each role: one user per role, made on first use, so that
    /// "the agent" is the same person all through a test.
    cast: Mutex<BTreeMap<Role, UserView>>,
    /// The dealer of the cast's dealer-side users.
    dealer: OnceCell<DealerView>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        // Stop the server's workers; the runtime may already be shutting down.
        drop(tokio::spawn(async move { handle.stop(false).await }));
    }
}

/// Starts Furrow on a fresh, empty database and a random port: a test makes
/// the records it needs with [`TestApp::fx`] and the cast.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts Furrow with the demo accounts and master data loaded, for tests
/// about the demo itself.
pub async fn spawn_demo_app() -> TestApp {
    spawn_app_with(|c| c.demo = true).await
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
        demo: false,
        json_limit: DEFAULT_JSON_LIMIT,
        sqlite_synchronous_full: true,
        workers: Some(2),
        db_connections: None,
        body_timeout: DEFAULT_BODY_TIMEOUT,
        metrics: false,
        metrics_token: None,
        webhooks_allow_internal: false,
    };
    change(&mut config);
    let running = furrow_api::server::start(config)
        .await
        .expect("start server");
    let handle = running.handle.clone();
    tokio::spawn(running.server);
    // The server has migrated the database (and loaded the demo when asked)
    // before it answers, so the fixture's administrator comes after.
    let store = furrow_store::Store::connect(&db.url)
        .await
        .expect("open the test database");
    TestApp {
        base: format!("http://{}", running.addr),
        db_url: db.url.clone(),
        client: Client::new(),
        handle,
        fx: Fixture::new(&store).await,
        cast: Mutex::default(),
        dealer: OnceCell::new(),
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

    /// POSTs a file's bytes as `content_type` (an import).
    pub async fn post_file(
        &self,
        path: &str,
        token: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> Response {
        self.request(Method::POST, path, Some(token))
            .header("content-type", content_type)
            .body(body)
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

    /// `POST path` (a command on a record, `/api/v1/users/{id}/deactivate`)
    /// with the `If-Match` of the record as `token` reads it just before, as
    /// a client that shows the record and then acts on it.
    pub async fn command(&self, path: &str, token: &str, body: &Value) -> Response {
        let (record, _) = path.rsplit_once('/').expect("a command path");
        let read = self.get(record, token).await;
        assert_eq!(read.status(), 200, "GET {record}");
        let tag = read.headers()["etag"].to_str().unwrap().to_owned();
        self.request(Method::POST, path, Some(token))
            .header("if-match", tag)
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

    /// Signs in a user the fixture made (its password is [`PASSWORD`]).
    pub async fn login_user(&self, username: &str) -> TokenResponse {
        let res = self.login_raw(username, PASSWORD).await;
        assert_eq!(res.status(), 200, "login of {username}");
        res.json().await.unwrap()
    }

    /// Signs in the cast's user of `role`.
    pub async fn login(&self, role: Role) -> TokenResponse {
        let user = self.member(role).await;
        self.login_user(&user.username).await
    }

    /// The cast's user of `role`, made on first use: an engineer gets a
    /// profile (combine harvesters, home base near the test's farms), a
    /// dealer-side role the cast's dealer.
    pub async fn member(&self, role: Role) -> UserView {
        let mut cast = self.cast.lock().await;
        if let Some(user) = cast.get(&role) {
            return user.clone();
        }
        let user = match role {
            Role::Engineer => {
                let e = self
                    .fx
                    .engineer()
                    .home_base("哈尔滨服务站", HOME_BASE.0, HOME_BASE.1)
                    .create()
                    .await;
                self.user_view(e.user_id).await
            }
            Role::Dealer | Role::Integration => {
                let dealer = self.dealer().await;
                self.fx.user(&[role]).dealer(dealer.id).create().await
            }
            _ => self.fx.user(&[role]).create().await,
        };
        cast.insert(role, user.clone());
        user
    }

    /// The dealer the cast's dealer-side users act for.
    pub async fn dealer(&self) -> DealerView {
        self.dealer
            .get_or_init(|| async { self.fx.dealer().create().await })
            .await
            .clone()
    }

    /// A customer of the cast's dealer with a combine harvester, both as
    /// `token` reads them.
    pub async fn customer_and_machine(&self, token: &str) -> (Value, Value) {
        let dealer = self.dealer().await;
        self.customer_and_machine_of(Some(dealer.id), token).await
    }

    /// A customer of `dealer` (none: of the maker) with a combine harvester,
    /// both as `token` reads them; the farm lies near the cast engineer's
    /// home base.
    pub async fn customer_and_machine_of(
        &self,
        dealer: Option<uuid::Uuid>,
        token: &str,
    ) -> (Value, Value) {
        let owner = self.fx.customer().located(FARM.0, FARM.1);
        let owner = match dealer {
            Some(d) => owner.dealer(d),
            None => owner,
        }
        .create()
        .await;
        let machine = self.fx.machine().owner(owner.id).create().await;
        (
            self.read(&format!("/api/v1/customers/{}", owner.id), token)
                .await,
            self.read(&format!("/api/v1/machines/{}", machine.id), token)
                .await,
        )
    }

    /// An engineer besides the cast's (combine harvesters, no home base), signed in.
    pub async fn another_engineer(&self) -> TokenResponse {
        let e = self.fx.engineer().create().await;
        let user = self.user_view(e.user_id).await;
        self.login_user(&user.username).await
    }

    /// The body of a GET that must succeed.
    pub async fn read(&self, path: &str, token: &str) -> Value {
        let res = self.get(path, token).await;
        assert_eq!(res.status(), 200, "GET {path}");
        res.json().await.unwrap()
    }

    async fn user_view(&self, id: uuid::Uuid) -> UserView {
        furrow_store::users::get(self.fx.store(), id)
            .await
            .expect("load a fixture user")
    }

    /// Runs SQL on the test's database (to move clocks into the past).
    pub async fn sql(&self, sql: &str) {
        use sea_orm::ConnectionTrait;
        let db = sea_orm::Database::connect(&self.db_url).await.unwrap();
        db.execute_unprepared(sql).await.unwrap();
        db.close().await.unwrap();
    }

    /// An access token of the cast's user of `role`.
    pub async fn token(&self, role: Role) -> String {
        self.login(role).await.access_token
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

/// The 2xx answer's JSON body; anything else fails the test with the body.
pub async fn ok(res: Response) -> Value {
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    body
}

/// The company's time zone in the test configuration (Asia/Shanghai, UTC+8).
pub fn beijing() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).unwrap()
}
