//! The `furrow` command line: serve, migrate, openapi, user create, demo-data.

use crate::config::{Config, DEFAULT_BODY_TIMEOUT, DEFAULT_JSON_LIMIT};
use crate::server;
use anyhow::Context;
use clap::ArgAction;
use clap::builder::BoolishValueParser;
use clap::{Args, Parser, Subcommand};
use furrow_domain::Role;
use furrow_domain::users::CreateUserRequest;
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "furrow",
    version,
    about = "Furrow: after-sales service for agricultural machinery"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DbArgs {
    /// Database URL (sqlite://... or postgres://...); default: furrow.db in the data folder.
    #[arg(long, env = "FURROW_DATABASE_URL")]
    database_url: Option<String>,
    /// Folder for the embedded database and generated secrets.
    #[arg(long, env = "FURROW_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
}

impl DbArgs {
    fn url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| Config::default_database_url(&self.data_dir))
    }
}

#[derive(Subcommand)]
enum Command {
    /// Runs the server (migrations are applied at start).
    Serve {
        #[command(flatten)]
        db: DbArgs,
        /// Address to listen on.
        #[arg(long, env = "FURROW_BIND", default_value = "127.0.0.1:8080")]
        bind: String,
        /// Folder of the built SPA.
        #[arg(long, env = "FURROW_WEB_DIR", default_value = "frontend/dist")]
        web_dir: PathBuf,
        /// Load demo data into an empty database.
        #[arg(long)]
        demo: bool,
        /// SQLite only: trade the last commits' durability for speed (synchronous=NORMAL).
        #[arg(long, env = "FURROW_SQLITE_RELAXED_DURABILITY", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
        relaxed_durability: bool,
        /// HTTP worker threads (default: one per core).
        #[arg(long, env = "FURROW_WORKERS")]
        workers: Option<usize>,
        /// Database connections in the pool (default 8). On SQLite each one is
        /// a thread of its own.
        #[arg(long, env = "FURROW_DB_CONNECTIONS", value_parser = clap::value_parser!(u32).range(1..=256))]
        db_connections: Option<u32>,
        /// Seconds a request body may take to arrive once its headers have (default 60).
        #[arg(long, env = "FURROW_BODY_TIMEOUT_SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
        body_timeout_secs: Option<u64>,
        /// Serve Prometheus metrics at /metrics (off by default; FURROW_METRICS=1).
        /// FURROW_METRICS_TOKEN set also serves them, to that bearer token only.
        #[arg(long, env = "FURROW_METRICS", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
        metrics: bool,
        /// Let webhooks call loopback, private and link-local addresses (a
        /// receiver inside the company network); off by default.
        #[arg(long, env = "FURROW_WEBHOOKS_ALLOW_INTERNAL", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
        webhooks_allow_internal: bool,
    },
    /// Applies migrations, or shows where the database is with --status.
    Migrate {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        status: bool,
    },
    /// Prints the OpenAPI document.
    Openapi,
    /// Manages users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Loads the demo data into an empty database.
    DemoData {
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Creates a user. The password is asked for, or read from stdin when piped.
    Create {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        username: String,
        /// A role (repeat for several): admin, agent, supervisor, engineer, parts_clerk, purchasing, finance, manager, dealer, integration.
        #[arg(long = "role", required = true)]
        roles: Vec<Role>,
        /// Name shown to others (default: the username).
        #[arg(long)]
        display_name: Option<String>,
    },
}

pub async fn run() -> anyhow::Result<()> {
    crate::telemetry::init();
    match Cli::parse().command {
        Command::Serve {
            db,
            bind,
            web_dir,
            demo,
            relaxed_durability,
            workers,
            db_connections,
            body_timeout_secs,
            metrics,
            webhooks_allow_internal,
        } => {
            if demo {
                load_department(&db).await?;
            }
            let config = Config {
                bind,
                database_url: db.url(),
                data_dir: db.data_dir,
                web_dir,
                jwt_secret: std::env::var("FURROW_JWT_SECRET")
                    .ok()
                    .filter(|s| !s.is_empty()),
                demo,
                json_limit: DEFAULT_JSON_LIMIT,
                sqlite_synchronous_full: !relaxed_durability,
                workers,
                db_connections,
                body_timeout: body_timeout_secs
                    .map_or(DEFAULT_BODY_TIMEOUT, std::time::Duration::from_secs),
                metrics,
                metrics_token: std::env::var("FURROW_METRICS_TOKEN")
                    .ok()
                    .filter(|s| !s.is_empty()),
                webhooks_allow_internal,
            };
            tracing::info!(?config, "starting furrow");
            let running = server::start(config).await?;
            tracing::info!("listening on http://{}", running.addr);
            running.server.await.context("Server failed")
        }
        Command::Migrate { db, status } => {
            let store = open(&db).await?;
            if status {
                let (applied, pending) = store.migration_status().await?;
                println!("applied: {}", applied.len());
                for m in applied {
                    println!("  {m}");
                }
                println!("pending: {}", pending.len());
                for m in pending {
                    println!("  {m}");
                }
            } else {
                store
                    .migrate()
                    .await
                    .context("Failed to apply migrations")?;
                println!("migrations applied");
            }
            Ok(())
        }
        Command::Openapi => {
            println!("{}", server::openapi_document().to_pretty_json()?);
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Create {
                    db,
                    username,
                    roles,
                    display_name,
                },
        } => {
            let store = open(&db).await?;
            store.migrate().await?;
            let password = read_password()?;
            let req = CreateUserRequest {
                display_name: display_name.unwrap_or_else(|| username.clone()),
                username,
                password,
                roles,
                dealer_id: None,
                department: None,
                locale: None,
            };
            let user = furrow_store::users::create(&store, None, &req)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("created user {} ({})", user.username, user.id);
            Ok(())
        }
        Command::DemoData { db } => load_department(&db).await,
    }
}

/// Loads the demo department (accounts, master data and service history)
/// into an empty database and says how much it loaded and how long it took.
async fn load_department(db: &DbArgs) -> anyhow::Result<()> {
    let store = open(db).await?;
    store.migrate().await?;
    match furrow_store::demo::load_department_if_empty(&store)
        .await
        .context("Failed to load demo data")?
    {
        Some(l) => println!(
            "demo data loaded: {} service requests, {} commands in {:.1} s",
            l.requests,
            l.commands,
            l.elapsed.as_secs_f64()
        ),
        None => println!("the database already has users; demo data not loaded"),
    }
    Ok(())
}

async fn open(db: &DbArgs) -> anyhow::Result<furrow_store::Store> {
    if db.url().starts_with("sqlite:") {
        std::fs::create_dir_all(&db.data_dir)?;
    }
    furrow_store::Store::connect(&db.url())
        .await
        .context("Failed to open database")
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let again = rpassword::prompt_password("Password again: ")?;
        anyhow::ensure!(first == again, "the passwords differ");
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("Failed to read the password from stdin")?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}
