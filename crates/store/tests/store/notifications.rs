//! Read marks of the deadline alerts (issue #17): kept per user on the
//! server, idempotent, only of the user's current alerts, and forgotten once
//! their alert is gone.

use chrono::{Duration, Utc};
use furrow_domain::Role;
use furrow_domain::service::{CreateServiceRequest, Priority};
use furrow_store::Store;
use furrow_store::service::notifications::{list, mark_read};
use furrow_store::service::requests::{self, Intake};
use furrow_store::testing::{self, Fixture};
use sea_orm::Value;
use uuid::Uuid;

use crate::helpers::fresh_store;

/// A new open request whose first-contact clock is overdue.
async fn overdue_request(store: &Store, fx: &Fixture, by: &furrow_domain::auth::Actor) -> Uuid {
    let dealer = fx.dealer().create().await;
    let m = fx.machine().dealer(dealer.id).create().await;
    let body = CreateServiceRequest {
        priority: Priority::High,
        machine_stopped: true,
        ..CreateServiceRequest::onsite_repair(m.customer_id, Some(m.id), "发动机无法启动")
    };
    let Intake::Created(sr) = requests::intake(store, by, &body, None).await.unwrap() else {
        panic!("expected a new request");
    };
    let past = Value::from(Utc::now() - Duration::hours(3));
    for column in ["sort_due", "first_contact_due"] {
        testing::set_column(store, "service_requests", sr.id, column, past.clone()).await;
    }
    sr.id
}

async fn marks(store: &Store) -> u64 {
    testing::count(store, "notification_reads", None).await
}

#[tokio::test]
async fn marks_are_per_user_idempotent_and_only_of_current_alerts() {
    let store = fresh_store().await;
    let fx = Fixture::new(&store).await;
    let a = fx.user(&[Role::Agent]).username("agent-a").actor().await;
    let b = fx.user(&[Role::Supervisor]).username("sup-b").actor().await;
    let first = overdue_request(&store, &fx, &a).await;
    let second = overdue_request(&store, &fx, &a).await;

    let before = list(&store, &a).await.unwrap();
    assert_eq!(before.items.len(), 2);
    assert_eq!(before.unread, 2);
    assert!(before.items.iter().all(|n| !n.read));
    let key = before
        .items
        .iter()
        .find(|n| n.request_id == first)
        .unwrap()
        .key
        .clone();

    // A marks one, twice, with a key that is no alert of A's: the unknown
    // key is ignored, the second marking changes nothing.
    for _ in 0..2 {
        let after = mark_read(&store, &a, Some(&[key.clone(), "made|up|0|overdue".into()]))
            .await
            .unwrap();
        assert_eq!(after.unread, 1);
        assert_eq!(after, list(&store, &a).await.unwrap());
    }
    assert_eq!(marks(&store).await, 1);
    let seen = list(&store, &a).await.unwrap();
    for n in &seen.items {
        assert_eq!(n.read, n.request_id == first, "{n:?}");
    }

    // B's alerts are B's own: still both unread.
    let other = list(&store, &b).await.unwrap();
    assert_eq!(other.unread, 2);
    assert!(other.items.iter().all(|n| !n.read));

    // B marks all current alerts.
    assert_eq!(mark_read(&store, &b, None).await.unwrap().unread, 0);
    assert_eq!(list(&store, &a).await.unwrap().unread, 1);
    assert_eq!(marks(&store).await, 3);

    // The first alert goes away (its request is closed): the next marking
    // forgets its marks, so a user keeps no more marks than alerts.
    testing::set_column(&store, "service_requests", first, "is_open", false.into()).await;
    let left = mark_read(&store, &a, Some(&[])).await.unwrap();
    assert_eq!(left.items.len(), 1);
    assert_eq!(left.items[0].request_id, second);
    assert_eq!(left.unread, 1);
    assert_eq!(
        testing::count(
            &store,
            "notification_reads",
            Some(("user_id", a.user_id.into()))
        )
        .await,
        0
    );
    // B's marks wait for B's next marking.
    assert_eq!(marks(&store).await, 2);
    mark_read(&store, &b, Some(&[])).await.unwrap();
    assert_eq!(marks(&store).await, 1);
}
