//! The demo department: its history, replayed through the real commands, has
//! work in every state, the busy season's late visits, refused sign-offs and
//! follow-ups due, and every request's audit trail reads in order.

use super::helpers::{demo_actor, fresh_store};
use chrono::{DateTime, Utc};
use furrow_domain::service::{ReportStatus, RequestStatus, WorkOrderStatus};
use furrow_store::Store;
use sea_orm::sea_query::{Alias, Query};
use sea_orm::{ConnectionTrait, FromQueryResult};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

// The columns this test reads, straight from the tables the demo filled:
// the test checks what was stored, not what a view makes of it.

#[derive(Debug, FromQueryResult)]
struct Request {
    id: Uuid,
    number: String,
    status: String,
    is_open: bool,
    dealer_id: Option<Uuid>,
    in_season: bool,
    reported_at: DateTime<Utc>,
    first_contact_due: DateTime<Utc>,
    first_contact_at: Option<DateTime<Utc>>,
    arrival_due: Option<DateTime<Utc>>,
    arrived_at: Option<DateTime<Utc>>,
}

#[derive(Debug, FromQueryResult)]
struct Order {
    status: String,
    engineer_id: Uuid,
}

#[derive(Debug, FromQueryResult)]
struct Report {
    status: String,
}

#[derive(Debug, FromQueryResult)]
struct Away {
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
}

#[derive(Debug, FromQueryResult)]
struct FollowUp {
    status: String,
    due_at: DateTime<Utc>,
}

#[derive(Debug, FromQueryResult)]
struct Event {
    entity_type: String,
    entity_id: Uuid,
    action: String,
    at: DateTime<Utc>,
}

/// Every row of `table` (ordered by `id`), as the columns `T` names.
async fn rows<T: FromQueryResult>(store: &Store, table: &str, columns: &[&str]) -> Vec<T> {
    let mut q = Query::select();
    q.columns(columns.iter().map(|c| Alias::new(*c)))
        .from(Alias::new(table))
        .order_by(Alias::new("id"), sea_orm::sea_query::Order::Asc);
    let conn = store.conn();
    T::find_by_statement(conn.get_database_backend().build(&q))
        .all(conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_demo_department_has_history_in_every_state() {
    let store = fresh_store().await;
    let now = store.now();
    let loaded = furrow_store::demo::load_department_if_empty(&store)
        .await
        .unwrap()
        .expect("an empty database loads");
    // Reported, not asserted: a timed test fails on a busy machine, not on a bug.
    eprintln!(
        "demo department: {} requests, {} commands, {:.1} s",
        loaded.requests,
        loaded.commands,
        loaded.elapsed.as_secs_f64()
    );
    let requests: Vec<Request> = rows(
        &store,
        "service_requests",
        &[
            "id",
            "number",
            "status",
            "is_open",
            "dealer_id",
            "in_season",
            "reported_at",
            "first_contact_due",
            "first_contact_at",
            "arrival_due",
            "arrived_at",
        ],
    )
    .await;
    assert_eq!(requests.len(), loaded.requests);
    assert!(loaded.requests > 300, "about eighteen months of requests");
    // The parts department: the catalog (300 parts and the 23 the repairs
    // use, under the numbers the engineers write), five warehouses, stock
    // by receipts, some parts short; the approvals' requisitions, most
    // issued through the issue command, some waiting in the queue.
    use furrow_store::testing::count;
    assert_eq!(count(&store, "parts", None).await, 323);
    // Five of the parts department, and the van of the stock-takes.
    assert_eq!(count(&store, "warehouses", None).await, 6);
    let receipts = count(&store, "stock_movements", Some(("kind", "receipt".into()))).await;
    let issues = count(&store, "stock_movements", Some(("kind", "issue".into()))).await;
    // Every movement is a receipt or an issue but the two adjustments of
    // last month's stock-take (盘点) of the van: one short by 1, one over by 2.
    assert_eq!(
        count(&store, "stock_movements", None).await,
        receipts + issues + 2
    );
    assert_eq!(
        count(
            &store,
            "stock_movements",
            Some(("kind", "adjustment".into()))
        )
        .await,
        2
    );
    assert_eq!(
        count(&store, "stocktakes", Some(("status", "reconciled".into()))).await,
        1
    );
    assert_eq!(
        count(&store, "stocktakes", Some(("status", "open".into()))).await,
        1
    );
    assert!(receipts >= 300, "{receipts} receipts");
    let issued = count(
        &store,
        "parts_requisitions",
        Some(("status", "issued".into())),
    )
    .await;
    let open = count(
        &store,
        "parts_requisitions",
        Some(("status", "open".into())),
    )
    .await;
    assert!(issued >= 100 && open >= 20, "{issued} issued, {open} open");
    assert!(issues >= issued, "{issues} issue movements");
    let parts_clerk = furrow_store::testing::Fixture::new(&store)
        .await
        .user(&[furrow_domain::Role::PartsClerk])
        .actor()
        .await;
    let short = furrow_store::stock::list_levels(
        &store,
        &parts_clerk,
        &furrow_store::Listing {
            limit: Some(200),
            ..furrow_store::Listing::of(furrow_domain::parts::StockFilters {
                below_reorder: Some(true),
                ..Default::default()
            })
        },
    )
    .await
    .unwrap();
    assert!(
        short.items.len() >= 30,
        "{} levels below reorder",
        short.items.len()
    );
    // Purchasing: requests in every state, one overdue, their receipts in
    // the ledger referring to them.
    let buyer = demo_actor(&store, "purchasing").await;
    let prs = furrow_store::purchasing::list(
        &store,
        &buyer,
        &furrow_store::Listing::of(furrow_domain::parts::PurchaseFilters::default()),
    )
    .await
    .unwrap()
    .items;
    let states: BTreeSet<&str> = prs.iter().map(|p| p.status.as_str()).collect();
    assert_eq!(
        states.len(),
        furrow_domain::parts::PurchaseStatus::ALL.len(),
        "{states:?}"
    );
    assert_eq!(prs.iter().filter(|p| p.overdue).count(), 1);
    assert!(
        count(
            &store,
            "stock_movements",
            Some(("reference_kind", "purchase_request".into()))
        )
        .await
            >= 2
    );

    let statuses: BTreeSet<&str> = requests.iter().map(|r| r.status.as_str()).collect();
    for s in [
        RequestStatus::New,
        RequestStatus::Dispatched,
        RequestStatus::InService,
        RequestStatus::PendingReview,
        RequestStatus::PendingSignoff,
        RequestStatus::Completed,
        RequestStatus::ResolvedRemotely,
        RequestStatus::Cancelled,
    ] {
        assert!(
            statuses.contains(s.as_str()),
            "a request is {}: {statuses:?}",
            s.as_str()
        );
    }
    let orders: Vec<Order> = rows(&store, "work_orders", &["status", "engineer_id"]).await;
    let order_statuses: BTreeSet<&str> = orders.iter().map(|w| w.status.as_str()).collect();
    for s in [
        WorkOrderStatus::Assigned,
        WorkOrderStatus::Scheduled,
        WorkOrderStatus::OnSite,
        WorkOrderStatus::Finished,
        WorkOrderStatus::Reassigned,
    ] {
        assert!(
            order_statuses.contains(s.as_str()),
            "a work order is {}",
            s.as_str()
        );
    }
    let reports: Vec<Report> = rows(&store, "repair_reports", &["status"]).await;
    let report_statuses: BTreeSet<&str> = reports.iter().map(|r| r.status.as_str()).collect();
    for s in [
        ReportStatus::Draft,
        ReportStatus::Submitted,
        ReportStatus::Rejected,
        ReportStatus::Approved,
        ReportStatus::Signed,
        ReportStatus::SignatureRefused,
    ] {
        assert!(
            report_statuses.contains(s.as_str()),
            "a report is {}",
            s.as_str()
        );
    }

    // Spread over the department and the whole period, ending now.
    let dealers: BTreeSet<_> = requests.iter().filter_map(|r| r.dealer_id).collect();
    assert_eq!(dealers.len(), 5, "every dealer's customers call");
    let engineers: BTreeSet<_> = orders.iter().map(|w| w.engineer_id).collect();
    assert!(
        engineers.len() >= 10,
        "most engineers work: {}",
        engineers.len()
    );
    let first = requests.iter().map(|r| r.reported_at).min().unwrap();
    assert!(
        now - first > chrono::Duration::days(500),
        "first request {first}"
    );
    assert!(requests.iter().all(|r| r.reported_at <= now));

    // Late visits in the busy season, and open requests past a deadline now.
    let late_in_season = requests
        .iter()
        .filter(|r| r.in_season && r.arrived_at.zip(r.arrival_due).is_some_and(|(a, d)| a > d))
        .count();
    assert!(late_in_season > 0, "some visits in season arrive late");
    let overdue_now = requests.iter().filter(|r| {
        r.is_open
            && (r.first_contact_at.is_none() && r.first_contact_due < now
                || r.arrived_at.is_none() && r.arrival_due.is_some_and(|d| d < now))
    });
    assert!(overdue_now.count() > 0, "some open request is overdue now");

    let follow_ups: Vec<FollowUp> = rows(&store, "follow_ups", &["status", "due_at"]).await;
    assert!(
        follow_ups
            .iter()
            .any(|f| f.status == "pending" && f.due_at < now),
        "follow-up calls are due"
    );
    assert!(
        follow_ups.iter().any(|f| f.due_at > now),
        "and some are not yet due"
    );

    // Each record's trail: its creation first (for requests), times never going back.
    let events: Vec<Event> = rows(
        &store,
        "audit_events",
        &["entity_type", "entity_id", "action", "at"],
    )
    .await;
    let mut trails: BTreeMap<_, Vec<&Event>> = BTreeMap::new();
    for e in &events {
        trails
            .entry((e.entity_type.as_str(), e.entity_id))
            .or_default()
            .push(e);
    }
    let actions: BTreeSet<&str> = events.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "reassigned",
        "report_rejected",
        "report_approved",
        "signed",
        "signature_refused",
    ] {
        assert!(actions.contains(a), "the history has {a}");
    }
    for r in &requests {
        let trail = &trails[&("service_request", r.id)];
        assert_eq!(
            trail[0].action, "created",
            "{} starts with its intake",
            r.number
        );
        assert_eq!(trail[0].at, r.reported_at);
    }
    for ((kind, id), trail) in &trails {
        assert!(
            trail.windows(2).all(|w| w[0].at <= w[1].at),
            "the {kind} {id}'s events are in time order"
        );
    }

    // An in-warranty repair left unrepaired past its 三包 deadline: its
    // customer may choose further repair or a new machine (换货).
    let sup = demo_actor(&store, "supervisor").await;
    let mut choosing = 0;
    for r in requests.iter().filter(|r| r.is_open) {
        let view = furrow_store::service::requests::get(&store, &sup, r.id)
            .await
            .unwrap();
        choosing += usize::from(view.customer_choice.is_some());
    }
    assert!(choosing >= 1, "a repair is past its 三包 deadline");

    // Engineers away now and later.
    let away: Vec<Away> = rows(&store, "engineer_absences", &["starts_at", "ends_at"]).await;
    assert!(
        away.iter().any(|a| a.starts_at <= now && now < a.ends_at),
        "an absence now"
    );
    assert!(away.iter().any(|a| a.starts_at > now), "an absence to come");

    // Loaded once: a second call finds users and leaves the data alone.
    assert!(
        furrow_store::demo::load_department_if_empty(&store)
            .await
            .unwrap()
            .is_none()
    );
}
