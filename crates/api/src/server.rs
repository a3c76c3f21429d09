//! Assembling and starting the HTTP server.

use crate::auth::jwt::{JwtKeys, load_or_create_secret};
use crate::config::Config;
use crate::error::{json_error, path_error, query_error, unknown_route};
use crate::middleware::{BodyTimeout, Contract, body_deadline, enforce_contract, metrics_gate};
use crate::openapi::{ApiDoc, add_standard_errors, add_visibility};
use crate::state::AppState;
use crate::{routes, spa, text_guard};
use actix_web::dev::{Server, ServerHandle, Service};
use actix_web::middleware::{DefaultHeaders, from_fn};
use actix_web::{App, HttpMessage, HttpResponse, HttpServer, web};
use actix_web_prom::PrometheusMetricsBuilder;
use anyhow::Context;
use furrow_store::Store;
use furrow_store::db::ConnectSettings;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use tracing_actix_web::{RequestId, TracingLogger};
use utoipa::OpenApi;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::{AppExt, scope};
use utoipa_swagger_ui::SwaggerUi;

/// Every documented route: the probes at the root and the API under `/api/v1`.
pub fn configure_api(cfg: &mut ServiceConfig) {
    routes::health::configure(cfg);
    cfg.service(
        scope("/api/v1")
            .configure(routes::configure_v1)
            .default_service(web::to(unknown_route)),
    );
}

/// The OpenAPI document, built from the same routes the server registers.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    let (_, mut doc) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(configure_api)
        .split_for_parts();
    add_standard_errors(&mut doc);
    add_visibility(&mut doc);
    crate::deprecation::mark(&mut doc);
    doc
}

/// `/api/docs` is the UI's folder: send the browser into it.
async fn docs_redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((actix_web::http::header::LOCATION, "/api/docs/"))
        .finish()
}

/// Opens the database, applies migrations, loads demo data when asked.
pub async fn open_store(config: &Config) -> anyhow::Result<Store> {
    let defaults = ConnectSettings::default();
    let settings = ConnectSettings {
        sqlite_synchronous_full: config.sqlite_synchronous_full,
        max_connections: config.db_connections.unwrap_or(defaults.max_connections),
        ..defaults
    };
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir).with_context(|| {
            format!(
                "Failed to create the data folder {}",
                config.data_dir.display()
            )
        })?;
    }
    let store = Store::connect_with(&config.database_url, &settings)
        .await
        .with_context(|| {
            format!(
                "Failed to open database {}",
                furrow_store::db::redact(&config.database_url)
            )
        })?;
    store
        .migrate()
        .await
        .context("Failed to apply migrations")?;
    // The accounts and master data only: `furrow serve --demo` replays the
    // service history before it starts the server, and tests need no history.
    if config.demo
        && furrow_store::demo::load_master_if_empty(&store)
            .await
            .context("Failed to load demo data")?
    {
        tracing::info!("demo accounts and master data loaded");
    }
    Ok(store)
}

/// A started server and where it listens.
pub struct Running {
    pub addr: SocketAddr,
    pub handle: ServerHandle,
    pub server: Server,
}

/// Binds and starts the server (not yet awaited: `running.server` drives it).
pub async fn start(config: Config) -> anyhow::Result<Running> {
    let store = open_store(&config).await?;
    let demo = furrow_store::users::demo_accounts_active(&store).await?;
    if !demo.is_empty() {
        tracing::warn!(accounts = ?demo, "demo accounts with the published password are active; deactivate them or change their passwords before real use");
    }
    let secret = load_or_create_secret(config.jwt_secret.as_deref(), &config.data_dir)?;
    let state = AppState {
        store,
        jwt: Arc::new(JwtKeys::new(&secret)),
        config: Arc::new(config),
        traffic: Arc::default(),
    };
    tokio::spawn(crate::client_traffic::flush_forever(state.clone()));
    tokio::spawn(crate::webhook_delivery::deliver_forever(state.clone()));
    let listener = TcpListener::bind(&state.config.bind)
        .with_context(|| format!("Failed to bind {}", state.config.bind))?;
    let addr = listener.local_addr()?;
    let server = serve(state, listener)?;
    Ok(Running {
        addr,
        handle: server.handle(),
        server,
    })
}

fn serve(state: AppState, listener: TcpListener) -> anyhow::Result<Server> {
    let doc = openapi_document();
    let metrics = PrometheusMetricsBuilder::new("furrow")
        .endpoint("/metrics")
        .mask_unmatched_patterns("UNKNOWN")
        .build()
        .map_err(|e| anyhow::anyhow!("Failed to set up metrics: {e}"))?;
    let contract = web::Data::new(Contract::from_document(&doc));
    let body_timeout = BodyTimeout(state.config.body_timeout);
    let json_limit = state.config.json_limit;
    let web_dir = state.config.web_dir.clone();
    if !web_dir.join("index.html").is_file() {
        tracing::warn!(web_dir = %web_dir.display(), "the SPA is not built; run `cargo xtask dist` (or `cargo xtask run`)");
    }
    let workers = state.config.workers;
    let data = web::Data::new(state);
    let mut server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .app_data(contract.clone())
            .app_data(body_timeout)
            .app_data(
                web::JsonConfig::default()
                    .limit(json_limit)
                    .error_handler(json_error),
            )
            .app_data(web::QueryConfig::default().error_handler(query_error))
            .app_data(web::PathConfig::default().error_handler(path_error))
            // Before the /api/v1 scope, which would otherwise claim the document's URL.
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/v1/openapi.json", doc.clone()))
            .route("/api/docs", web::get().to(docs_redirect))
            .into_utoipa_app()
            .configure(configure_api)
            .into_app()
            .service(web::scope("/api").default_service(web::to(unknown_route)))
            .configure(spa::service(&web_dir))
            .wrap(from_fn(crate::deprecation::announce))
            .wrap(from_fn(crate::client_traffic::count_and_tell))
            .wrap(from_fn(text_guard::refuse_nul))
            // Innermost first: the contract's 405/400 answers are counted by the
            // metrics; the gate sits outside the metrics middleware, which
            // answers /metrics itself.
            .wrap(from_fn(enforce_contract))
            .wrap(from_fn(body_deadline))
            .wrap(metrics.clone())
            .wrap(from_fn(metrics_gate))
            .wrap(
                DefaultHeaders::new()
                    .add(("X-Content-Type-Options", "nosniff"))
                    .add(("Referrer-Policy", "no-referrer"))
                    .add(("X-Frame-Options", "DENY")),
            )
            .wrap_fn(|req, srv| {
                // Echo the request id the logger assigned, so a user's report
                // can be matched to the server's log lines.
                let id = req.extensions().get::<RequestId>().copied();
                let fut = srv.call(req);
                async move {
                    let mut res = fut.await?;
                    if let Some(id) = id
                        && let Ok(v) = id.to_string().parse()
                    {
                        res.headers_mut().insert(
                            actix_web::http::header::HeaderName::from_static("x-request-id"),
                            v,
                        );
                    }
                    Ok(res)
                }
            })
            .wrap(TracingLogger::default())
    })
    .listen(listener)?;
    if let Some(w) = workers {
        server = server.workers(w);
    }
    Ok(server.shutdown_timeout(10).run())
}
