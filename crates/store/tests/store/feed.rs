//! The change feed and API clients in the store: the feed never skips a
//! position committed late, scopes a dealer-bound caller to its dealer's
//! records, and a client's secret is checked with its rotation overlap,
//! revocation and address ranges.

use furrow_domain::Role;
use furrow_domain::api_clients::{
    ClientRole, ClientScope, CreateApiClientRequest, RotateApiClientRequest,
};
use furrow_store::api_clients::{self, Refusal};
use furrow_store::error::StoreError;
use furrow_store::outbox;
use furrow_store::testing::Fixture;
use furrow_store::{Store, audit};
use uuid::Uuid;

use crate::helpers::fresh_store;

async fn contacted(conn: &impl sea_orm::ConnectionTrait, id: Uuid) {
    audit::record(
        conn,
        None,
        "service_request",
        id,
        "contacted",
        serde_json::json!({}),
    )
    .await
    .unwrap();
}

async fn last_position(store: &Store) -> i64 {
    outbox::read_after(store.conn(), 0, 1_000_000)
        .await
        .unwrap()
        .1
}

/// Two writers: the first takes its position and stays open while the
/// second tries to write. The second cannot take a position (it waits on
/// the counter's row on PostgreSQL, on the one writer on SQLite), so no
/// reader ever sees a position whose lower neighbour commits later; once the
/// first commits, the feed gives both, in order, with no gap.
#[tokio::test]
async fn feed_never_skips_a_position_committed_late() {
    let store = fresh_store().await;
    let fx = Fixture::new(&store).await;
    let staff = fx.user(&[Role::Manager]).actor().await;
    let start = last_position(&store).await;
    let (first, second) = (Uuid::now_v7(), Uuid::now_v7());
    let tx = store.begin_write().await.unwrap();
    contacted(&*tx, first).await;
    let late = {
        let store = store.clone();
        tokio::spawn(async move {
            let tx = store.begin_write().await.unwrap();
            contacted(&*tx, second).await;
            tx.commit().await.unwrap();
        })
    };
    // Give the second writer every chance to overtake the first.
    for _ in 0..20 {
        tokio::task::yield_now().await;
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        let page = outbox::feed(&store, &staff, start, 100).await.unwrap();
        assert!(page.events.is_empty(), "{:?}", page.events);
        assert_eq!(page.next_cursor, start.to_string());
    }
    assert!(
        !late.is_finished(),
        "the second writer got a position first"
    );
    tx.commit().await.unwrap();
    late.await.unwrap();
    let page = outbox::feed(&store, &staff, start, 100).await.unwrap();
    let ids: Vec<Uuid> = page.events.iter().map(|e| e.record_id).collect();
    assert_eq!(ids, vec![first, second]);
    let positions: Vec<i64> = page
        .events
        .iter()
        .map(|e| e.cursor.parse().unwrap())
        .collect();
    assert_eq!(positions, vec![start + 1, start + 2]);
    assert_eq!(page.next_cursor, (start + 2).to_string());
}

#[tokio::test]
async fn a_dealer_follows_only_its_own_records_and_a_walk_sees_each_once() {
    let store = fresh_store().await;
    let fx = Fixture::new(&store).await;
    let (ours, theirs) = (fx.dealer().create().await, fx.dealer().create().await);
    let dealer = fx.user(&[Role::Dealer]).dealer(ours.id).actor().await;
    let staff = fx.admin().clone();
    let mine = fx.customer().dealer(ours.id).create().await;
    let other = fx.customer().dealer(theirs.id).create().await;
    // An administrator walks the whole feed two at a time: each event once, in order.
    let mut cursor = 0;
    let mut walked = Vec::new();
    loop {
        let page = outbox::feed(&store, &staff, cursor, 2).await.unwrap();
        walked.extend(page.events.iter().map(|e| e.id));
        cursor = page.next_cursor.parse().unwrap();
        if !page.has_more {
            break;
        }
    }
    let all = outbox::read_after(store.conn(), 0, 1_000_000)
        .await
        .unwrap()
        .0;
    assert_eq!(walked, all.iter().map(|e| e.id).collect::<Vec<_>>());
    // The dealer sees its customer's creation, not the other dealer's nor
    // the accounts made for the test.
    let page = outbox::feed(&store, &dealer, 0, 200).await.unwrap();
    let records: Vec<Uuid> = page.events.iter().map(|e| e.record_id).collect();
    assert!(records.contains(&mine.id), "{records:?}");
    assert!(!records.contains(&other.id));
    assert!(page.events.iter().all(|e| e.record_kind == "customer"));
}

fn registration(dealer: Uuid, ips: &[&str]) -> CreateApiClientRequest {
    CreateApiClientRequest {
        name: "丰收 DMS".into(),
        role: ClientRole::Dealer,
        dealer_id: Some(dealer),
        scopes: vec![ClientScope::RequestsRead, ClientScope::EventsRead],
        allowed_ips: ips.iter().map(|s| s.to_string()).collect(),
    }
}

#[tokio::test]
async fn a_client_secret_is_checked_with_rotation_revocation_and_ranges() {
    let store = fresh_store().await;
    let fx = Fixture::new(&store).await;
    let admin = fx.admin().clone();
    let d = fx.dealer().create().await;
    let made = api_clients::create(&store, &admin, &registration(d.id, &["10.0.0.0/8"]))
        .await
        .unwrap();
    let id = made.client.id.to_string();
    let inside = Some("10.2.3.4".parse().unwrap());
    let outside = Some("192.0.2.1".parse().unwrap());
    let check = |secret: String, ip| {
        let (store, id) = (store.clone(), id.clone());
        async move {
            api_clients::authenticate(&store, &id, &secret, ip)
                .await
                .unwrap()
                .map(|c| c.id)
        }
    };
    assert_eq!(
        check(made.client_secret.clone(), inside).await,
        Ok(made.client.id)
    );
    assert_eq!(
        check(made.client_secret.clone(), outside).await,
        Err(Refusal::Address)
    );
    assert_eq!(
        check("fcs_wrong".into(), inside).await,
        Err(Refusal::BadCredentials)
    );
    // The stored hash is not the secret.
    let listed = api_clients::list(&store).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].last_used_at.is_some());
    // Rotating with an overlap keeps the old secret for now; without one, not.
    let r1 = api_clients::rotate(
        &store,
        &admin,
        made.client.id,
        Some(made.client.version),
        &RotateApiClientRequest {
            overlap_minutes: 60,
        },
    )
    .await
    .unwrap();
    assert!(r1.client.previous_secret_valid_until.is_some());
    assert_eq!(
        check(made.client_secret.clone(), inside).await,
        Ok(made.client.id)
    );
    assert_eq!(
        check(r1.client_secret.clone(), inside).await,
        Ok(made.client.id)
    );
    // A rotation from the version read before r1 changes nothing: r1's
    // secret stays the one in use.
    let stale = api_clients::rotate(
        &store,
        &admin,
        made.client.id,
        Some(made.client.version),
        &RotateApiClientRequest { overlap_minutes: 0 },
    )
    .await;
    assert!(
        matches!(stale, Err(StoreError::StaleVersion { .. })),
        "{stale:?}"
    );
    assert_eq!(
        check(r1.client_secret.clone(), inside).await,
        Ok(made.client.id)
    );
    let r2 = api_clients::rotate(
        &store,
        &admin,
        made.client.id,
        Some(r1.client.version),
        &RotateApiClientRequest { overlap_minutes: 0 },
    )
    .await
    .unwrap();
    assert_eq!(
        check(made.client_secret.clone(), inside).await,
        Err(Refusal::BadCredentials)
    );
    assert_eq!(
        check(r1.client_secret.clone(), inside).await,
        Err(Refusal::BadCredentials)
    );
    assert_eq!(
        check(r2.client_secret.clone(), inside).await,
        Ok(made.client.id)
    );
    assert!(
        api_clients::principal(&store, made.client.id)
            .await
            .unwrap()
            .is_some()
    );
    // Revoked: refused at once, and its tokens' principal is gone.
    api_clients::revoke(&store, &admin, made.client.id, Some(r2.client.version))
        .await
        .unwrap();
    assert_eq!(check(r2.client_secret, inside).await, Err(Refusal::Revoked));
    assert!(
        api_clients::principal(&store, made.client.id)
            .await
            .unwrap()
            .is_none()
    );
    let history = audit::history(store.conn(), "api_client", made.client.id, 100)
        .await
        .unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["created", "secret_rotated", "secret_rotated", "revoked"]
    );
}
