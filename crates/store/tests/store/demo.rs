//! The demo department: its history, replayed through the real commands, has
//! work in every state, the busy season's late visits, refused sign-offs and
//! follow-ups due, and every request's audit trail reads in order.

use super::helpers::fresh_store;
use furrow_domain::service::{ReportStatus, RequestStatus, WorkOrderStatus};
use furrow_store::entities::{audit_event, follow_up, repair_report, service_request, work_order};
use furrow_store::sea_orm::{EntityTrait, QueryOrder};
use std::collections::{BTreeMap, BTreeSet};

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
    let conn = store.conn();
    let requests = service_request::Entity::find().all(conn).await.unwrap();
    assert_eq!(requests.len(), loaded.requests);
    assert!(loaded.requests > 300, "about eighteen months of requests");

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
    let orders = work_order::Entity::find().all(conn).await.unwrap();
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
    let reports = repair_report::Entity::find().all(conn).await.unwrap();
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

    let follow_ups = follow_up::Entity::find().all(conn).await.unwrap();
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
    let events = audit_event::Entity::find()
        .order_by_asc(audit_event::Column::Id)
        .all(conn)
        .await
        .unwrap();
    let mut trails: BTreeMap<_, Vec<&audit_event::Model>> = BTreeMap::new();
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

    // Loaded once: a second call finds users and leaves the data alone.
    assert!(
        furrow_store::demo::load_department_if_empty(&store)
            .await
            .unwrap()
            .is_none()
    );
}
