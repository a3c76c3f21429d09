//! Webhook bookkeeping in the store: one server at a time holds a due
//! subscription (a lease, taken by a conditional update), a failed
//! attempt moves it to its next retry, and a day of failures disables it
//! and tells the administrators' bell.

use chrono::{Duration, TimeZone, Utc};
use furrow_domain::Role;
use furrow_domain::auth::Actor;
use furrow_domain::webhooks::WebhookInput;
use furrow_store::clock::Clock;
use furrow_store::service::notifications;
use furrow_store::testing::Fixture;
use furrow_store::webhooks::{self, Attempt};

use crate::helpers::fresh_store;

fn failed() -> Attempt {
    Attempt {
        status: Some(500),
        failure: None,
        duration_ms: 3,
    }
}

#[tokio::test]
async fn a_due_subscription_is_held_by_one_deliverer_at_a_time() {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 10, 1, 8, 0, 0).unwrap());
    let store = fresh_store().await.with_clock(clock.clone());
    let fx = Fixture::new(&store).await;
    let input = WebhookInput {
        url: "https://erp.example.com/hook".into(),
        enabled: true,
        ..Default::default()
    };
    let made = webhooks::create(&store, fx.admin(), &input, false)
        .await
        .unwrap();
    // Two deliverers racing: the second finds nothing due while the first holds it.
    let (a, b) = tokio::join!(webhooks::claim_due(&store), webhooks::claim_due(&store));
    let held: Vec<_> = [a.unwrap(), b.unwrap()].into_iter().flatten().collect();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].id, made.webhook.id);
    assert!(webhooks::claim_due(&store).await.unwrap().is_none());
    // A deliverer that died: its lease runs out and another takes over.
    clock.advance(webhooks::LEASE + Duration::seconds(1));
    let again = webhooks::claim_due(&store)
        .await
        .unwrap()
        .expect("due again");
    assert_eq!(again.id, made.webhook.id);
    // Nothing to deliver: released, due again after the idle pause.
    assert!(
        webhooks::next_event(&store, &again)
            .await
            .unwrap()
            .is_none()
    );
    webhooks::release(&store, &again, Duration::seconds(1))
        .await
        .unwrap();
    assert!(webhooks::claim_due(&store).await.unwrap().is_none());
    clock.advance(Duration::seconds(1));
    assert!(webhooks::claim_due(&store).await.unwrap().is_some());
}

#[tokio::test]
async fn failures_wait_longer_each_time_and_a_day_of_them_disables_it() {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 10, 1, 8, 0, 0).unwrap());
    let store = fresh_store().await.with_clock(clock.clone());
    let fx = Fixture::new(&store).await;
    let input = WebhookInput {
        url: "https://erp.example.com/hook".into(),
        events: vec!["dealer".into()],
        enabled: true,
        ..Default::default()
    };
    let made = webhooks::create(&store, fx.admin(), &input, false)
        .await
        .unwrap();
    fx.dealer().create().await;
    let mut tries = 0;
    let mut failed_at = String::new();
    loop {
        let Some(m) = webhooks::claim_due(&store).await.unwrap() else {
            let w = webhooks::get(&store, fx.admin(), made.webhook.id)
                .await
                .unwrap();
            if !w.enabled {
                break;
            }
            clock.set(w.next_attempt_at);
            continue;
        };
        let event = webhooks::next_event(&store, &m)
            .await
            .unwrap()
            .expect("the dealer's event");
        assert_eq!(event.record_kind, "dealer");
        failed_at = event.cursor.clone();
        let logged = webhooks::record_attempt(&store, &m, &event, &failed(), false)
            .await
            .unwrap();
        tries += 1;
        assert_eq!(logged.attempt, tries);
        assert!(tries < 40, "never disabled");
    }
    // 5 s, 20 s, 80 s ... at most 2 h apart: the 19th attempt comes after a day.
    assert_eq!(tries, 19);
    let w = webhooks::get(&store, fx.admin(), made.webhook.id)
        .await
        .unwrap();
    assert!(w.disabled_reason.is_some());
    // It stays before the event it never delivered.
    assert!(w.cursor.parse::<i64>().unwrap() < failed_at.parse::<i64>().unwrap());
    // The administrators' bell tells of it, unread until marked; the desk's
    // does not.
    let bell = notifications::list(&store, fx.admin()).await.unwrap();
    let alert = bell
        .webhooks
        .iter()
        .find(|a| a.webhook_id == w.id)
        .expect("an alert");
    assert_eq!(
        (alert.url.as_str(), alert.read),
        (input.url.as_str(), false)
    );
    assert_eq!(Some(alert.failing_since), w.failing_since);
    let unread = bell.unread;
    let agent = Actor {
        user_id: uuid::Uuid::now_v7(),
        username: "desk".into(),
        roles: vec![Role::Agent],
        dealer_id: None,
    };
    assert!(
        notifications::list(&store, &agent)
            .await
            .unwrap()
            .webhooks
            .is_empty()
    );
    let marked =
        notifications::mark_read(&store, fx.admin(), Some(std::slice::from_ref(&alert.key)))
            .await
            .unwrap();
    assert!(
        marked
            .webhooks
            .iter()
            .any(|a| a.webhook_id == w.id && a.read)
    );
    assert_eq!(marked.unread, unread - 1);
    // Enabling it again clears the failures and makes it due now.
    let mut input = input.clone();
    input.enabled = true;
    let w = webhooks::update(&store, fx.admin(), w.id, Some(w.version), &input, false)
        .await
        .unwrap();
    assert_eq!(
        (w.failures, w.failing_since, w.disabled_reason),
        (0, None, None)
    );
    assert!(webhooks::claim_due(&store).await.unwrap().is_some());
    // ... and the alert is gone.
    let bell = notifications::list(&store, fx.admin()).await.unwrap();
    assert!(bell.webhooks.iter().all(|a| a.webhook_id != w.id));
}
