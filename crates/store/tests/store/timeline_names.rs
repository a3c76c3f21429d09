//! Timelines as people read them: the actor's display name next to the login
//! name, none for the system, and the note the agent takes at the first
//! contact.

use furrow_domain::service::{ContactRequest, CreateServiceRequest, Priority};
use furrow_store::Listing;
use furrow_store::error::StoreError;
use furrow_store::machines::Machines;
use furrow_store::service::requests::{self, Intake};
use furrow_store::{Store, archives, record_kit, users};

use crate::helpers::{demo_actor, demo_store};

async fn display_name(store: &Store, login: &str) -> String {
    let actor = demo_actor(store, login).await;
    users::get(store, actor.user_id).await.unwrap().display_name
}

async fn a_request(store: &Store) -> furrow_domain::service::ServiceRequestView {
    let agent = demo_actor(store, "agent").await;
    let machines = record_kit::list::<Machines>(store, &agent, &Listing::default())
        .await
        .unwrap();
    let m = machines.items.first().expect("the demo data has a machine");
    let body = CreateServiceRequest {
        priority: Priority::High,
        ..CreateServiceRequest::onsite_repair(m.customer_id, Some(m.id), "割台不转")
    };
    match requests::intake(store, &agent, &body, None).await.unwrap() {
        Intake::Created(v) => *v,
        Intake::Replayed(_) => panic!("expected a new request"),
    }
}

#[tokio::test]
async fn the_first_contact_keeps_its_note_and_names_the_agent_as_people_read_it() {
    let store = demo_store().await;
    let agent = demo_actor(&store, "agent").await;
    let shown = display_name(&store, "agent").await;
    assert_ne!(
        shown, "agent",
        "the demo agent has a display name of their own"
    );
    let r = a_request(&store).await;

    let note = ContactRequest {
        note: Some("  明早九点到场，客户在地头等  ".into()),
    };
    requests::record_contact(&store, &agent, r.id, Some(r.version), &note)
        .await
        .unwrap();

    let events = requests::timeline(&store, &agent, r.id).await.unwrap();
    let contacted = events.iter().find(|e| e.action == "contacted").unwrap();
    assert_eq!(
        contacted.changes,
        serde_json::json!({"note": "明早九点到场，客户在地头等"})
    );
    for e in &events {
        assert_eq!(e.actor_name, "agent");
        assert_eq!(e.actor_display_name.as_deref(), Some(shown.as_str()));
    }
}

#[tokio::test]
async fn an_overlong_contact_note_is_refused_on_its_field_and_stops_no_clock() {
    let store = demo_store().await;
    let agent = demo_actor(&store, "agent").await;
    let r = a_request(&store).await;
    let note = ContactRequest {
        note: Some("话".repeat(2001)),
    };
    let err = requests::record_contact(&store, &agent, r.id, Some(r.version), &note)
        .await
        .unwrap_err();
    match err {
        StoreError::Validation(v) => assert_eq!(v.0[0].field, "note"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    let after = requests::get(&store, &agent, r.id).await.unwrap();
    assert_eq!(after.first_contact_at, None);
    assert_eq!(after.version, r.version);
}

#[tokio::test]
async fn an_archive_names_people_by_display_name_and_the_system_by_none() {
    let store = demo_store().await;
    let r = a_request(&store).await;
    let supervisor = demo_actor(&store, "supervisor").await;
    let archive = archives::customer(&store, &supervisor, r.customer_id)
        .await
        .unwrap();
    let shown = display_name(&store, "agent").await;
    let request = archive
        .timeline
        .iter()
        .find(|e| e.kind == "service_request" && e.entity_id == r.id)
        .expect("the new request is in the customer's timeline");
    assert_eq!(request.actor_display_name.as_deref(), Some(shown.as_str()));
    let system = archive
        .timeline
        .iter()
        .find(|e| e.actor_name == "system")
        .expect("the demo data was loaded by the system");
    assert_eq!(system.actor_display_name, None);
}

#[tokio::test]
async fn a_request_its_work_order_and_its_report_name_people_by_their_display_names() {
    use furrow_domain::service::{DispatchRequest, FinishRequest, ReportDraft};
    use furrow_store::service::{desk, reports, work_orders};
    let store = demo_store().await;
    let supervisor = demo_actor(&store, "supervisor").await;
    let engineer = demo_actor(&store, "engineer").await;
    let r = a_request(&store).await;
    let agent_name = display_name(&store, "agent").await;
    let supervisor_name = display_name(&store, "supervisor").await;
    assert_ne!(supervisor_name, "supervisor");
    assert_eq!(r.created_by, agent_name, "the answer to the intake");
    let again = requests::get(&store, &supervisor, r.id).await.unwrap();
    assert_eq!(again.created_by, agent_name, "the record page");

    let dispatch = DispatchRequest {
        engineer_id: engineer.user_id,
        site_address: None,
        requirements: None,
    };
    let (_, wo) = desk::dispatch(&store, &supervisor, r.id, Some(again.version), &dispatch)
        .await
        .unwrap();
    let w = work_orders::check_in(&store, &engineer, wo, None)
        .await
        .unwrap();
    assert_eq!(w.dispatcher_name, supervisor_name);
    let finish = FinishRequest {
        inspection_passed: true,
        notes: None,
    };
    work_orders::finish(&store, &engineer, wo, None, &finish)
        .await
        .unwrap();
    let draft = ReportDraft {
        process: "更换割台传动链".into(),
        cause: "链条断裂".into(),
        measures: "换新链条".into(),
        further_problems: None,
        proposals: None,
        labour_hours: 2.into(),
        parts: Vec::new(),
        part_type: None,
        fault: Default::default(),
    };
    let report = reports::save_draft(&store, &engineer, wo, None, &draft)
        .await
        .unwrap();
    reports::submit(&store, &engineer, report.id, None)
        .await
        .unwrap();
    let reviewed = reports::review(&store, &supervisor, report.id, None, true, None)
        .await
        .unwrap();
    assert_eq!(
        reviewed.reviewer_name.as_deref(),
        Some(supervisor_name.as_str())
    );
}
