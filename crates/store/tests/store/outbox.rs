//! The outbox and the command pipeline: a committed command leaves its events,
//! a refused or rolled-back one none, a cursor reads each event once and in
//! commit order even while commands commit concurrently, and commands take
//! their time from the store's clock.

use chrono::{Duration, TimeZone, Utc};
use furrow_domain::Role;
use furrow_domain::auth::Actor;
use furrow_domain::master::MachineView;
use furrow_domain::service::{CreateServiceRequest, Priority, ReasonRequest};
use furrow_store::clock::Clock;
use furrow_store::error::StoreError;
use furrow_store::outbox::{self, OutboxEvent};
use furrow_store::service::requests::{self, Intake};
use furrow_store::testing::Fixture;
use furrow_store::{Store, audit};

use crate::helpers::fresh_store;

/// The store, its agent (`agent`) and a machine of a dealer's customer.
async fn world(store: Store) -> (Store, Actor, MachineView) {
    let fx = Fixture::new(&store).await;
    let agent = fx.user(&[Role::Agent]).username("agent").actor().await;
    let dealer = fx.dealer().create().await;
    let m = fx.machine().dealer(dealer.id).create().await;
    (store, agent, m)
}

fn body(m: &MachineView, symptoms: &str) -> CreateServiceRequest {
    CreateServiceRequest {
        priority: Priority::High,
        machine_stopped: true,
        ..CreateServiceRequest::onsite_repair(m.customer_id, Some(m.id), symptoms)
    }
}

async fn intake(
    store: &Store,
    agent: &Actor,
    m: &MachineView,
    symptoms: &str,
) -> furrow_domain::service::ServiceRequestView {
    match requests::intake(store, agent, &body(m, symptoms), None)
        .await
        .unwrap()
    {
        Intake::Created(v) => *v,
        Intake::Replayed(_) => panic!("expected a new request"),
    }
}

async fn all_events(store: &Store) -> Vec<OutboxEvent> {
    outbox::read_after(store.conn(), 0, 100_000)
        .await
        .unwrap()
        .0
}

fn reason(text: &str) -> ReasonRequest {
    ReasonRequest {
        reason: text.into(),
    }
}

#[tokio::test]
async fn a_committed_command_leaves_its_events_in_the_outbox() {
    let (store, agent, m) = world(fresh_store().await).await;
    let r = intake(&store, &agent, &m, "不能行走").await;
    requests::cancel(
        &store,
        &agent,
        r.id,
        Some(r.version),
        &reason("客户已自行修复"),
    )
    .await
    .unwrap();
    let mine: Vec<_> = all_events(&store)
        .await
        .into_iter()
        .filter(|e| e.record_id == r.id)
        .collect();
    let kinds: Vec<_> = mine.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["created", "cancelled"]);
    assert!(mine.iter().all(|e| e.record_kind == "service_request"));
    assert!(mine[0].sequence < mine[1].sequence);
    assert_eq!(mine[1].payload["actor"], "agent");
    assert_eq!(mine[1].payload["changes"]["reason"], "客户已自行修复");
    // The outbox event is the audit event, under the same id.
    let timeline = requests::timeline(&store, &agent, r.id).await.unwrap();
    assert_eq!(timeline[1].id, mine[1].id);
}

#[tokio::test]
async fn a_refused_or_rolled_back_command_leaves_no_event() {
    let (store, agent, m) = world(fresh_store().await).await;
    let r = intake(&store, &agent, &m, "液压无力").await;
    let before = all_events(&store).await.len();
    let stale = requests::cancel(&store, &agent, r.id, Some(r.version + 1), &reason("x")).await;
    assert!(
        matches!(stale, Err(StoreError::StaleVersion { .. })),
        "{stale:?}"
    );
    let done = requests::cancel(&store, &agent, r.id, Some(r.version), &reason("x"))
        .await
        .unwrap();
    let after_cancel = all_events(&store).await.len();
    assert_eq!(after_cancel, before + 1);
    let refused = requests::cancel(&store, &agent, r.id, Some(done.version), &reason("x")).await;
    assert!(matches!(refused, Err(StoreError::Domain(_))), "{refused:?}");
    // A transaction that wrote an event and was dropped commits nothing.
    let tx = store.begin_write().await.unwrap();
    audit::record(
        &*tx,
        Some(&agent),
        "service_request",
        r.id,
        "contacted",
        serde_json::json!({}),
    )
    .await
    .unwrap();
    drop(tx);
    assert_eq!(all_events(&store).await.len(), after_cancel);
}

#[tokio::test]
async fn a_cursor_reads_each_event_once_and_in_order() {
    let (store, agent, m) = world(fresh_store().await).await;
    for n in 0..5 {
        intake(&store, &agent, &m, &format!("故障 {n}")).await;
    }
    let everything = all_events(&store).await;
    assert!(everything.len() >= 5);
    let mut cursor = 0;
    let mut paged = Vec::new();
    loop {
        let (page, next) = outbox::read_after(store.conn(), cursor, 2).await.unwrap();
        if page.is_empty() {
            assert_eq!(next, cursor, "an empty page keeps the cursor");
            break;
        }
        assert!(page.len() <= 2);
        cursor = next;
        paged.extend(page);
    }
    assert_eq!(paged, everything);
    assert!(paged.windows(2).all(|w| w[0].sequence < w[1].sequence));
}

/// While commands commit concurrently, every read sees a gap-free run of
/// sequences: no event becomes visible before one with a lower sequence, so a
/// reader that moved its cursor past an event never misses one.
#[tokio::test]
async fn concurrent_commits_become_visible_in_sequence_order() {
    let (store, agent, m) = world(fresh_store().await).await;
    let start = outbox::read_after(store.conn(), 0, 100_000)
        .await
        .unwrap()
        .1;
    let writers: Vec<_> = (0..24)
        .map(|n| {
            let (store, agent, m) = (store.clone(), agent.clone(), m.clone());
            tokio::spawn(async move { intake(&store, &agent, &m, &format!("并发 {n}")).await })
        })
        .collect();
    let reader = {
        let store = store.clone();
        tokio::spawn(async move {
            let mut cursor = start;
            let mut seen = 0;
            while seen < 24 {
                let (page, next) = outbox::read_after(store.conn(), cursor, 1000)
                    .await
                    .unwrap();
                for (i, e) in page.iter().enumerate() {
                    assert_eq!(e.sequence, cursor + 1 + i as i64, "a gap after {cursor}");
                }
                seen += page.len();
                cursor = next;
                tokio::task::yield_now().await;
            }
            seen
        })
    };
    for w in writers {
        w.await.unwrap();
    }
    assert_eq!(reader.await.unwrap(), 24);
}

#[tokio::test]
async fn commands_take_their_time_from_the_stores_clock() {
    let at = Utc.with_ymd_and_hms(2025, 9, 20, 6, 30, 0).unwrap();
    let clock = Clock::manual(at);
    let (store, agent, m) = world(fresh_store().await.with_clock(clock.clone())).await;
    let r = intake(&store, &agent, &m, "割台不转").await;
    assert_eq!(r.reported_at, at);
    clock.advance(Duration::minutes(40));
    let contacted =
        requests::record_contact(&store, &agent, r.id, Some(r.version), &Default::default())
            .await
            .unwrap();
    assert_eq!(contacted.first_contact_at, Some(at + Duration::minutes(40)));
    let events = requests::timeline(&store, &agent, r.id).await.unwrap();
    assert_eq!(events[0].at, at);
    assert_eq!(events[1].at, at + Duration::minutes(40));
}
