//! Webhook subscriptions: keeping them (administrators, and dealers for
//! their own dealer) and the deliverer's bookkeeping: which subscription is
//! due, the next event it wants, and what an attempt did to it. The rules
//! (what a subscription holds, which addresses, the retry schedule) are
//! `furrow_domain::webhooks`; sending is the API's (`webhook_delivery`).
//!
//! Several servers may deliver: a server takes a due subscription by
//! setting its lease (`leased_until`) with an update that applies only while
//! no other server holds it, so one subscription is delivered by one server
//! at a time and its events go out in order. A server that dies while holding a lease
//! leaves it to run out; the event is then delivered again (at least once).

use crate::Store;
use crate::audit;
use crate::db::by_id;
use crate::entities::{dealer, webhook, webhook_delivery};
use crate::error::{StoreError, check_version};
use crate::versioned::guarded_update;
use chrono::{DateTime, Duration, Utc};
use furrow_domain::access::{self, RecordKind, Scope};
use furrow_domain::auth::Actor;
use furrow_domain::feed::{FeedEvent, cursor};
use furrow_domain::validation::Validator;
use furrow_domain::webhooks::{
    self as rules, DeliveryView, SECRET_PREFIX, WebhookCreated, WebhookInput, WebhookView,
};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

/// A subscription as the deliverer holds it (with its secret).
pub type Subscription = webhook::Model;

/// How long a server holds a subscription it delivers: longer than one
/// delivery's timeout, so a live server never loses it mid-delivery.
pub const LEASE: Duration = Duration::seconds(60);

fn new_secret() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!(
        "{SECRET_PREFIX}{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

fn view(m: &webhook::Model) -> Result<WebhookView, StoreError> {
    Ok(WebhookView {
        id: m.id,
        url: m.url.clone(),
        events: filters(m)?,
        dealer_id: m.dealer_id,
        description: m.description.clone(),
        enabled: m.enabled,
        disabled_reason: m.disabled_reason.clone(),
        cursor: cursor(m.cursor),
        failures: m.failures,
        failing_since: m.failing_since,
        next_attempt_at: m.next_attempt_at,
        created_at: m.created_at,
        updated_at: m.updated_at,
        version: m.version,
    })
}

fn filters(m: &webhook::Model) -> Result<Vec<String>, StoreError> {
    serde_json::from_value(m.events.clone())
        .map_err(|e| StoreError::corrupt(format!("webhook {}", m.id), "events", e))
}

/// The reader a subscription delivers as (`domain::webhooks::reader`).
fn reader(m: &webhook::Model) -> Actor {
    furrow_domain::webhooks::reader(m.id, m.dealer_id)
}

/// The dealer a subscription of `actor`'s gets: a dealer-bound actor's own
/// (another one is refused), else the one asked for, which must exist.
async fn dealer_for(
    conn: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    asked: Option<Uuid>,
) -> Result<Option<Uuid>, StoreError> {
    let mut v = Validator::new();
    if let Some(own) = actor.dealer_scope() {
        if asked.is_some_and(|d| d != own) {
            v.error("dealer_id", "not_yours", "your own dealer only");
            v.finish()?;
        }
        return Ok(Some(own));
    }
    if let Some(d) = asked
        && !dealer::Entity::find_by_id(d)
            .one(conn)
            .await?
            .is_some_and(|d| d.active)
    {
        v.error("dealer_id", "unknown", "no such active dealer");
        v.finish()?;
    }
    Ok(asked)
}

/// A literal internal address is refused when the subscription is made; a
/// name is checked each time it is resolved, at delivery.
fn check_literal_address(input: &WebhookInput, allow_internal: bool) -> Result<(), StoreError> {
    if let Ok((host, _)) = rules::target(&input.url)
        && let Ok(ip) = host.parse::<std::net::IpAddr>()
        && !rules::address_allowed(ip, allow_internal)
    {
        let mut v = Validator::new();
        v.error(
            "url",
            "internal_address",
            "an address inside the company network (loopback, private, link-local) is not allowed",
        );
        v.finish()?;
    }
    Ok(())
}

/// Subscribes a URL to the change feed from now on, with a new secret
/// (answered once).
pub async fn create(
    store: &Store,
    actor: &Actor,
    input: &WebhookInput,
    allow_internal: bool,
) -> Result<WebhookCreated, StoreError> {
    input.validate()?;
    check_literal_address(input, allow_internal)?;
    let tx = store.begin_write().await?;
    let dealer_id = dealer_for(&*tx, actor, input.dealer_id).await?;
    let head = crate::outbox::head(&*tx).await?;
    let now = store.now();
    let secret = new_secret();
    let m = webhook::ActiveModel {
        id: Set(Uuid::now_v7()),
        url: Set(input.url.trim().to_owned()),
        events: Set(serde_json::json!(input.events)),
        dealer_id: Set(dealer_id),
        description: Set(input.description.clone().filter(|d| !d.trim().is_empty())),
        secret: Set(secret.clone()),
        enabled: Set(input.enabled),
        disabled_reason: Set(None),
        cursor: Set(head),
        failures: Set(0),
        failing_since: Set(None),
        next_attempt_at: Set(now),
        leased_until: Set(None),
        created_by: Set(actor.user_id),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &*tx,
        Some(actor),
        RecordKind::Webhook.as_str(),
        m.id,
        "created",
        serde_json::json!({ "url": m.url, "events": input.events, "dealer_id": dealer_id }),
    )
    .await?;
    tx.commit().await?;
    Ok(WebhookCreated {
        webhook: view(&m)?,
        secret,
    })
}

/// A subscription `actor` may see (404 otherwise: another dealer's is not
/// known to exist).
async fn visible(
    conn: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<webhook::Model, StoreError> {
    let m = by_id::<webhook::Entity>(conn, id).await?;
    let seen = match access::scope(actor, RecordKind::Webhook) {
        Scope::All => true,
        Scope::OwnDealer => m.dealer_id.is_some() && m.dealer_id == actor.dealer_scope(),
        Scope::OwnWorkOrders | Scope::None => false,
    };
    if seen {
        Ok(m)
    } else {
        Err(StoreError::NotFound)
    }
}

/// The subscriptions `actor` may see, or none.
fn scoped(actor: &Actor) -> Option<sea_orm::Select<webhook::Entity>> {
    let q = webhook::Entity::find();
    match access::scope(actor, RecordKind::Webhook) {
        Scope::All => Some(q),
        Scope::OwnDealer => actor
            .dealer_scope()
            .map(|d| q.filter(webhook::Column::DealerId.eq(d))),
        Scope::OwnWorkOrders | Scope::None => None,
    }
}

/// The subscriptions `actor` may see, newest first.
pub async fn list(store: &Store, actor: &Actor) -> Result<Vec<WebhookView>, StoreError> {
    let Some(q) = scoped(actor) else {
        return Ok(Vec::new());
    };
    q.order_by_desc(webhook::Column::CreatedAt)
        .all(store.conn())
        .await?
        .iter()
        .map(view)
        .collect()
}

/// The subscriptions `actor` may see that the deliverer disabled after a
/// day of failures and nobody has enabled since, latest streak first: the
/// bell's webhook alerts (unread state added by the caller).
pub async fn disabled_alerts(
    conn: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<rules::WebhookAlert>, StoreError> {
    let Some(q) = scoped(actor) else {
        return Ok(Vec::new());
    };
    Ok(q.filter(webhook::Column::Enabled.eq(false))
        .filter(webhook::Column::DisabledReason.is_not_null())
        .filter(webhook::Column::FailingSince.is_not_null())
        .order_by_desc(webhook::Column::FailingSince)
        .limit(50)
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|m| {
            let since = m.failing_since?;
            Some(rules::WebhookAlert {
                key: rules::alert_key(m.id, since),
                webhook_id: m.id,
                url: m.url,
                failing_since: since,
                read: false,
            })
        })
        .collect())
}

pub async fn get(store: &Store, actor: &Actor, id: Uuid) -> Result<WebhookView, StoreError> {
    view(&visible(store.conn(), actor, id).await?)
}

/// Changes a subscription. Enabling it (again) clears its failures and
/// makes it due now: after a receiver is mended, this is "retry now".
pub async fn update(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &WebhookInput,
    allow_internal: bool,
) -> Result<WebhookView, StoreError> {
    input.validate()?;
    check_literal_address(input, allow_internal)?;
    let tx = store.begin_write().await?;
    let m = visible(&*tx, actor, id).await?;
    check_version(expected, m.version)?;
    let dealer_id = dealer_for(&*tx, actor, input.dealer_id).await?;
    let now = store.now();
    let version = m.version;
    let mut a = m.into_active_model();
    a.url = Set(input.url.trim().to_owned());
    a.events = Set(serde_json::json!(input.events));
    a.dealer_id = Set(dealer_id);
    a.description = Set(input.description.clone().filter(|d| !d.trim().is_empty()));
    a.enabled = Set(input.enabled);
    if input.enabled {
        a.disabled_reason = Set(None);
        a.failures = Set(0);
        a.failing_since = Set(None);
        a.next_attempt_at = Set(now);
    }
    a.updated_at = Set(now);
    a.version = Set(version + 1);
    let m = guarded_update::<webhook::Entity>(&*tx, a, version).await?;
    audit::record(
        &*tx,
        Some(actor),
        RecordKind::Webhook.as_str(),
        id,
        "updated",
        serde_json::json!({ "url": m.url, "events": input.events, "dealer_id": dealer_id, "enabled": m.enabled }),
    )
    .await?;
    tx.commit().await?;
    view(&m)
}

/// Deletes a subscription and its log.
pub async fn delete(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
) -> Result<(), StoreError> {
    let tx = store.begin_write().await?;
    let m = visible(&*tx, actor, id).await?;
    check_version(expected, m.version)?;
    webhook_delivery::Entity::delete_many()
        .filter(webhook_delivery::Column::WebhookId.eq(id))
        .exec(&*tx)
        .await?;
    webhook::Entity::delete_by_id(id).exec(&*tx).await?;
    audit::record(
        &*tx,
        Some(actor),
        RecordKind::Webhook.as_str(),
        id,
        "deleted",
        serde_json::json!({ "url": m.url }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn delivery_view(m: webhook_delivery::Model) -> DeliveryView {
    DeliveryView {
        id: m.id,
        webhook_id: m.webhook_id,
        event_id: m.event_id,
        cursor: cursor(m.sequence),
        event_type: m.event_type,
        attempt: m.attempt,
        status: m.status,
        failure: m.failure.as_deref().and_then(rules::DeliveryFailure::parse),
        error: m.error,
        succeeded: m.succeeded,
        duration_ms: m.duration_ms,
        manual: m.manual,
        at: m.at,
    }
}

/// A subscription's attempts, newest first: `limit` of them before `before`.
pub async fn deliveries(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    before: Option<DateTime<Utc>>,
    limit: u64,
) -> Result<Vec<DeliveryView>, StoreError> {
    visible(store.conn(), actor, id).await?;
    let mut q = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::WebhookId.eq(id))
        .order_by_desc(webhook_delivery::Column::At)
        .order_by_desc(webhook_delivery::Column::Id)
        .limit(limit);
    if let Some(before) = before {
        q = q.filter(webhook_delivery::Column::At.lt(before));
    }
    Ok(q.all(store.conn())
        .await?
        .into_iter()
        .map(delivery_view)
        .collect())
}

/// A due, enabled subscription no other server holds, leased to the caller
/// until `now + LEASE`; none when nothing is due. The due one is looked for
/// on a read connection, so an idle deliverer polling every second never
/// takes the write lock; the lease is then taken by one conditional update,
/// which of two servers only one wins.
pub async fn claim_due(store: &Store) -> Result<Option<webhook::Model>, StoreError> {
    let now = store.now();
    let free = || {
        webhook::Column::LeasedUntil
            .is_null()
            .or(webhook::Column::LeasedUntil.lt(now))
    };
    let due: Vec<Uuid> = webhook::Entity::find()
        .select_only()
        .column(webhook::Column::Id)
        .filter(webhook::Column::Enabled.eq(true))
        .filter(webhook::Column::NextAttemptAt.lte(now))
        .filter(free())
        .order_by_asc(webhook::Column::NextAttemptAt)
        .limit(4)
        .into_tuple()
        .all(store.conn())
        .await?;
    for id in due {
        let tx = store.begin_write().await?;
        let taken = webhook::Entity::update_many()
            .col_expr(webhook::Column::LeasedUntil, Expr::value(Some(now + LEASE)))
            .filter(webhook::Column::Id.eq(id))
            .filter(webhook::Column::Enabled.eq(true))
            .filter(free())
            .exec(&*tx)
            .await?;
        if taken.rows_affected == 1 {
            let m = by_id::<webhook::Entity>(&*tx, id).await?;
            tx.commit().await?;
            return Ok(Some(m));
        }
    }
    Ok(None)
}

/// The next event `m` wants, after its cursor, as its reader sees it. Events
/// it does not want or may not see are stepped over (its cursor moves past
/// them); none when it is up to date.
pub async fn next_event(
    store: &Store,
    m: &webhook::Model,
) -> Result<Option<FeedEvent>, StoreError> {
    let reader = reader(m);
    let wanted = filters(m)?;
    let mut after = m.cursor;
    loop {
        let page = crate::outbox::feed(store, &reader, after, 100).await?;
        if let Some(e) = page
            .events
            .into_iter()
            .find(|e| rules::wants(&wanted, &e.record_kind, &e.kind))
        {
            return Ok(Some(e));
        }
        let next: i64 = page.next_cursor.parse().unwrap_or(after);
        if next != after {
            webhook::Entity::update_many()
                .col_expr(webhook::Column::Cursor, next.into())
                .filter(webhook::Column::Id.eq(m.id))
                .filter(webhook::Column::Cursor.lt(next))
                .exec(store.conn())
                .await?;
            after = next;
        }
        if !page.has_more {
            return Ok(None);
        }
    }
}

/// The event behind a logged delivery, as the subscription's reader sees it
/// now (none when it may no longer see it).
pub async fn event_of(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    delivery: Uuid,
) -> Result<(webhook::Model, Option<FeedEvent>), StoreError> {
    let m = visible(store.conn(), actor, id).await?;
    let d = webhook_delivery::Entity::find_by_id(delivery)
        .filter(webhook_delivery::Column::WebhookId.eq(id))
        .one(store.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    let page = crate::outbox::feed(store, &reader(&m), d.sequence - 1, 1).await?;
    let event = page.events.into_iter().find(|e| e.id == d.event_id);
    Ok((m, event))
}

/// What one attempt came to.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub status: Option<u16>,
    /// Why there was no answer, and the detail.
    pub failure: Option<(rules::DeliveryFailure, String)>,
    pub duration_ms: i64,
}

impl Attempt {
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(rules::accepted)
    }
}

/// Logs an attempt at `event` and moves `m` on: past the event when the
/// receiver took it; else to its next retry, or disabled after a day of
/// failures (with an event in the log for the administrators). A manual
/// redelivery is only logged. Answers the delivery as logged.
pub async fn record_attempt(
    store: &Store,
    m: &webhook::Model,
    event: &FeedEvent,
    attempt: &Attempt,
    manual: bool,
) -> Result<DeliveryView, StoreError> {
    let now = store.now();
    let sequence: i64 = event.cursor.parse().unwrap_or(m.cursor);
    let tx = store.begin_write().await?;
    let current = by_id::<webhook::Entity>(&*tx, m.id).await?;
    let number = if manual {
        webhook_delivery::Entity::find()
            .filter(webhook_delivery::Column::WebhookId.eq(m.id))
            .filter(webhook_delivery::Column::EventId.eq(event.id))
            .count(&*tx)
            .await? as i32
            + 1
    } else {
        current.failures + 1
    };
    let row = webhook_delivery::ActiveModel {
        id: Set(Uuid::now_v7()),
        webhook_id: Set(m.id),
        event_id: Set(event.id),
        sequence: Set(sequence),
        event_type: Set(rules::event_type(&event.record_kind, &event.kind)),
        attempt: Set(number),
        status: Set(attempt.status.map(i32::from)),
        failure: Set(attempt.failure.as_ref().map(|(f, _)| f.as_str().to_owned())),
        error: Set(attempt.failure.as_ref().map(|(_, e)| e.clone())),
        succeeded: Set(attempt.succeeded()),
        duration_ms: Set(attempt.duration_ms),
        manual: Set(manual),
        at: Set(now),
    }
    .insert(&*tx)
    .await?;
    if !manual {
        let failing_since = current.failing_since;
        let mut a = current.into_active_model();
        a.leased_until = Set(None);
        if attempt.succeeded() {
            a.cursor = Set(sequence);
            a.failures = Set(0);
            a.failing_since = Set(None);
            a.next_attempt_at = Set(now);
        } else {
            let since = failing_since.unwrap_or(now);
            a.failures = Set(number);
            a.failing_since = Set(Some(since));
            a.next_attempt_at = Set(now + rules::retry_delay(number as u32));
            if rules::gives_up(since, now) {
                a.enabled = Set(false);
                a.disabled_reason = Set(Some(format!(
                    "deliveries failed for {} hours",
                    rules::GIVE_UP_AFTER.num_hours()
                )));
                audit::record(
                    &*tx,
                    None,
                    RecordKind::Webhook.as_str(),
                    m.id,
                    "disabled",
                    serde_json::json!({ "url": m.url, "failing_since": since, "failures": number }),
                )
                .await?;
            }
        }
        a.update(&*tx).await?;
    }
    tx.commit().await?;
    Ok(delivery_view(row))
}

/// Gives `m` back when it had nothing to deliver: due again after `idle`.
pub async fn release(store: &Store, m: &webhook::Model, idle: Duration) -> Result<(), StoreError> {
    let now = store.now();
    webhook::Entity::update_many()
        .col_expr(
            webhook::Column::LeasedUntil,
            Option::<DateTime<Utc>>::None.into(),
        )
        .col_expr(webhook::Column::NextAttemptAt, (now + idle).into())
        .filter(webhook::Column::Id.eq(m.id))
        .exec(store.conn())
        .await?;
    Ok(())
}
