//! The storage ceiling: one-row write transactions in a loop, through a store
//! opened exactly as the server opens it (`ConnectSettings`: the same pool size,
//! and on SQLite `synchronous=FULL` unless FURROW_SQLITE_RELAXED_DURABILITY is
//! set, as for the server), on the same database, in the same run, each insert
//! committed on its own. Writes are judged against it: one client's command can
//! be no faster than its commit.
//!
//! Its intake twin: the writes an intake makes, and nothing else, in one
//! transaction: the next number from a sequence, then a request row with it
//! (a copy of a loaded one: every index of the table takes its entry), its
//! audit event and its idempotency record, the row's fields as its stored
//! body (`requests::insert_intake`). It bounds what intake can reach.
//!
//! Its store twin: whole intakes through the store's own `requests::intake`
//! (the reference checks, the clocks, the writes, an `Idempotency-Key`), as
//! the agent, without HTTP or JSON. Set beside the writes alone and the HTTP
//! intake, it shows where an intake's time goes.
//!
//! Its read twin: one request row fetched by primary key, through the same
//! pool. It shows what the database layer alone allows a read that goes to
//! the database, next to the HTTP server's own ceiling (`/healthz`).
//!
//! Its page twins: the supervisor's default list page (50 requests by urgency,
//! with their names and running clocks) and a dealer's sync page (50 requests
//! changed since a point of the last 24 months, following the cursor), built
//! by the store itself and written as the JSON body, without HTTP. They show
//! what the store and the body allow the list and sync scenarios.

use super::driver::{self, Outcome, Worker};
use anyhow::Context;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use furrow_domain::auth::Actor;
use furrow_domain::service::{CreateServiceRequest, RequestFilters};
use furrow_store::Listing;
use furrow_store::bulk::{self, AuditEventRow, Batch, ServiceRequestRow};
use furrow_store::db::ConnectSettings;
use furrow_store::idempotency::IdempotencyKey;
use furrow_store::service::requests::{self, Intake};
use furrow_store::{Store, StoreError, WriteTx, sequences};
use std::time::Duration;
use uuid::Uuid;

/// Whether the server will run with relaxed durability (same parsing as clap's
/// boolean flags read from the environment).
pub fn relaxed_durability() -> bool {
    std::env::var("FURROW_SQLITE_RELAXED_DURABILITY").is_ok_and(|v| {
        !matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "" | "0" | "false" | "no" | "off" | "n" | "f"
        )
    })
}

/// The settings the server opens its store with.
pub fn server_settings() -> ConnectSettings {
    ConnectSettings {
        sqlite_synchronous_full: !relaxed_durability(),
        ..ConnectSettings::default()
    }
}

/// What one write transaction holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writes {
    /// One row: the storage ceiling.
    One,
    /// A sequence number and three rows: what an intake writes.
    Intake,
}

/// What the intake twin copies: a loaded request and the agent who reports.
#[derive(Clone)]
struct IntakeTemplate {
    request: ServiceRequestRow,
    agent: Actor,
}

impl IntakeTemplate {
    async fn load(store: &Store) -> anyhow::Result<Self> {
        let request = bulk::any_service_request(store)
            .await?
            .context("no loaded request to copy")?;
        let agent = actor_of(store, "agent").await?;
        Ok(Self { request, agent })
    }

    /// An intake's writes, as the intake writes them
    /// (`bulk::insert_intake`), numbered from the twin's own counter.
    async fn write(&self, tx: &WriteTx) -> Result<(), StoreError> {
        let now = furrow_store::db::now();
        let row = ServiceRequestRow {
            id: Uuid::now_v7(),
            number: sequences::take_number(&**tx, COUNTER).await?,
            reported_at: now,
            created_at: now,
            updated_at: now,
            ..self.request.clone()
        };
        // The row's fields as text, beside its number, stand in for the
        // response body, the JSON of the same fields.
        let body = serde_json::json!({"number": row.number, "fields": format!("{row:?}")});
        let body = body.to_string();
        let key = IdempotencyKey::new(
            self.agent.user_id,
            &row.id.to_string(),
            "/bench",
            body.as_bytes(),
        );
        bulk::insert_intake(tx, &row, &self.agent, Some((&key, body))).await
    }
}

/// The counter the intake twin numbers its requests from.
const COUNTER: &str = "BENCH-CEILING";

struct Inserter {
    store: Store,
    intake: Option<IntakeTemplate>,
}

impl Worker for Inserter {
    async fn op(&mut self) -> Result<(), String> {
        // Each insert (or intake's writes) commits on its own, as requests do.
        let tx = self.store.begin_write().await.map_err(|e| e.to_string())?;
        match &self.intake {
            None => {
                // An audit event: a real table with a secondary index, a typical row.
                Batch {
                    audit_events: vec![AuditEventRow {
                        id: Uuid::now_v7(),
                        at: furrow_store::db::now(),
                        actor_id: None,
                        actor_name: "bench".into(),
                        entity_type: "bench_ceiling".into(),
                        entity_id: Uuid::now_v7(),
                        action: "inserted".into(),
                        changes: serde_json::json!({"n": 1}),
                    }],
                    ..Batch::default()
                }
                .write(&tx)
                .await
                .map_err(|e| e.to_string())?;
            }
            Some(t) => t.write(&tx).await.map_err(|e| e.to_string())?,
        }
        tx.commit().await.map_err(|e| e.to_string())
    }
}

/// Opens a store as the server opens it, runs the workers `make` builds on
/// it for the warm-up and the measured time, then closes it.
async fn run_on_store<W: Worker>(
    url: &str,
    warmup: Duration,
    duration: Duration,
    make: impl AsyncFnOnce(&Store) -> anyhow::Result<Vec<W>>,
) -> anyhow::Result<Outcome> {
    let store = Store::connect_with(url, &server_settings()).await?;
    let workers = make(&store).await?;
    let out = driver::run(workers, warmup, duration).await;
    store.conn().clone().close().await.ok();
    Ok(out)
}

struct Intaker {
    store: Store,
    actor: Actor,
    pairs: std::sync::Arc<Vec<(Uuid, Uuid)>>,
    next: usize,
}

impl Worker for Intaker {
    async fn op(&mut self) -> Result<(), String> {
        self.next = (self.next + 7919) % self.pairs.len();
        let (customer, machine) = self.pairs[self.next];
        // Read from JSON and fingerprinted as the server does with a body.
        let input: CreateServiceRequest =
            serde_json::from_value(super::scenarios::intake_body(customer, machine))
                .map_err(|e| e.to_string())?;
        let body = serde_json::to_vec(&input).map_err(|e| e.to_string())?;
        let key = IdempotencyKey::new(
            self.actor.user_id,
            &format!("bench-store-{}", Uuid::now_v7().simple()),
            "/api/v1/service-requests",
            &body,
        );
        match requests::intake(&self.store, &self.actor, &input, Some(&key)).await {
            Ok(Intake::Created(_)) => Ok(()),
            Ok(Intake::Replayed(_)) => Err("a new key was replayed".to_owned()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// Intakes by `username` of the loaded (customer, machine) `pairs` through the
/// store, from `tasks` concurrent tasks sharing one store.
pub async fn measure_intakes(
    url: &str,
    username: &str,
    pairs: Vec<(Uuid, Uuid)>,
    tasks: usize,
    warmup: Duration,
    duration: Duration,
) -> anyhow::Result<Outcome> {
    anyhow::ensure!(!pairs.is_empty(), "no customer and machine to report on");
    let pairs = std::sync::Arc::new(pairs);
    run_on_store(url, warmup, duration, async |store: &Store| {
        let actor = actor_of(store, username).await?;
        Ok((0..tasks)
            .map(|n| Intaker {
                store: store.clone(),
                actor: actor.clone(),
                pairs: pairs.clone(),
                next: n * pairs.len() / tasks.max(1),
            })
            .collect())
    })
    .await
}

struct Reader {
    store: Store,
    ids: std::sync::Arc<Vec<Uuid>>,
    next: usize,
}

impl Worker for Reader {
    async fn op(&mut self) -> Result<(), String> {
        // A stride through the ids: every task reads different rows.
        self.next = (self.next + 7919) % self.ids.len();
        bulk::service_request(&self.store, self.ids[self.next])
            .await
            .map_err(|e| e.to_string())?
            .map(drop)
            .ok_or_else(|| "a loaded request was not found".to_owned())
    }
}

/// One-row primary-key reads of `ids` from `tasks` concurrent tasks sharing one store.
pub async fn measure_reads(
    url: &str,
    ids: Vec<Uuid>,
    tasks: usize,
    warmup: Duration,
    duration: Duration,
) -> anyhow::Result<Outcome> {
    anyhow::ensure!(!ids.is_empty(), "no request ids to read");
    let ids = std::sync::Arc::new(ids);
    run_on_store(url, warmup, duration, async |store: &Store| {
        Ok((0..tasks)
            .map(|n| Reader {
                store: store.clone(),
                ids: ids.clone(),
                next: n * ids.len() / tasks.max(1),
            })
            .collect())
    })
    .await
}

/// Which page the store builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pages {
    /// The default list's first page, by urgency.
    DefaultList,
    /// A dealer's sync: pages of `updated_since`, cursor after cursor, from a
    /// random point of the last 24 months (as the sync scenario pages).
    DealerSync,
}

struct Pager {
    store: Store,
    actor: Actor,
    pages: Pages,
    rng: u64,
    since: Option<DateTime<Utc>>,
    cursor: Option<String>,
}

impl Worker for Pager {
    async fn op(&mut self) -> Result<(), String> {
        let mut listing = Listing {
            limit: Some(50),
            ..Listing::of(RequestFilters::default())
        };
        if self.pages == Pages::DealerSync {
            if self.cursor.is_none() {
                self.rng ^= self.rng << 13;
                self.rng ^= self.rng >> 7;
                self.rng ^= self.rng << 17;
                let back = (self.rng % (730 * 24)) as i64;
                self.since = Some(Utc::now() - ChronoDuration::hours(back));
            }
            listing.filters.updated_since = self.since;
            listing.cursor = self.cursor.clone();
        }
        let page = requests::list(&self.store, &self.actor, &listing)
            .await
            .map_err(|e| e.to_string())?;
        // The body the server would send: a page is not served unwritten.
        let body = serde_json::to_vec(&page).map_err(|e| e.to_string())?;
        std::hint::black_box(body);
        match self.pages {
            Pages::DealerSync => {
                self.cursor = page.next_cursor;
                Ok(())
            }
            Pages::DefaultList if page.items.len() == 50 => Ok(()),
            Pages::DefaultList => Err(format!("a page of {} requests, not 50", page.items.len())),
        }
    }
}

/// The signed-in actor of `username`, as the server would see it.
async fn actor_of(store: &Store, username: &str) -> anyhow::Result<Actor> {
    let id = bulk::users(store)
        .await?
        .into_iter()
        .find(|u| u.username == username)
        .with_context(|| format!("no user {username}"))?
        .id;
    Ok(furrow_store::users::actor(store, id)
        .await?
        .with_context(|| format!("{username} cannot sign in"))?
        .0)
}

/// `pages` built by the store from `tasks` concurrent tasks sharing one store,
/// task `n` signed in as `usernames[n % len]`.
pub async fn measure_pages(
    url: &str,
    pages: Pages,
    usernames: &[String],
    tasks: usize,
    warmup: Duration,
    duration: Duration,
) -> anyhow::Result<Outcome> {
    anyhow::ensure!(!usernames.is_empty(), "no user to build pages for");
    run_on_store(url, warmup, duration, async |store: &Store| {
        let mut workers = Vec::with_capacity(tasks);
        for n in 0..tasks {
            workers.push(Pager {
                store: store.clone(),
                actor: actor_of(store, &usernames[n % usernames.len()]).await?,
                pages,
                rng: 0x9E37_79B9_7F4A_7C15 ^ ((n as u64 + 1) * 0x2545_F491),
                since: None,
                cursor: None,
            });
        }
        Ok(workers)
    })
    .await
}

/// Write transactions of `writes` from `tasks` concurrent tasks sharing one store.
pub async fn measure(
    url: &str,
    writes: Writes,
    tasks: usize,
    warmup: Duration,
    duration: Duration,
) -> anyhow::Result<Outcome> {
    run_on_store(url, warmup, duration, async |store: &Store| {
        let intake = match writes {
            Writes::One => None,
            Writes::Intake => Some(IntakeTemplate::load(store).await?),
        };
        Ok((0..tasks)
            .map(|_| Inserter {
                store: store.clone(),
                intake: intake.clone(),
            })
            .collect())
    })
    .await
}
