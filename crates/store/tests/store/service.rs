//! The service workflow at the store's level, on records made by fixtures:
//! numbering under concurrency, idempotent intake, dealer scoping, the audit
//! trail and SLA changes reaching the next intake.

use furrow_domain::Role;
use furrow_domain::auth::Actor;
use furrow_domain::master::MachineView;
use furrow_domain::service::{
    CreateServiceRequest, Priority, ReasonRequest, RequestFilters, RequestStatus,
};
use furrow_store::Listing;
use furrow_store::error::StoreError;
use furrow_store::idempotency::IdempotencyKey;
use furrow_store::service::requests::{self, Intake};
use furrow_store::testing::{self, Fixture};
use furrow_store::{Store, settings};
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, Query};
use std::collections::HashSet;
use uuid::Uuid;

use crate::helpers::fresh_store;

async fn count(store: &Store) -> u64 {
    testing::count(store, "service_requests", None).await
}

fn body(m: &MachineView, symptoms: &str) -> CreateServiceRequest {
    CreateServiceRequest {
        priority: Priority::High,
        machine_stopped: true,
        ..CreateServiceRequest::onsite_repair(m.customer_id, Some(m.id), symptoms)
    }
}

fn created(i: Intake) -> furrow_domain::service::ServiceRequestView {
    match i {
        Intake::Created(v) => *v,
        Intake::Replayed(_) => panic!("expected a new request"),
    }
}

/// A new request for `m`, recorded by `by`.
async fn intake(
    store: &Store,
    by: &Actor,
    m: &MachineView,
    symptoms: &str,
) -> furrow_domain::service::ServiceRequestView {
    created(
        requests::intake(store, by, &body(m, symptoms), None)
            .await
            .unwrap(),
    )
}

/// A fresh store with its fixture and an agent (`agent`).
async fn world() -> (Store, Fixture, Actor) {
    let store = fresh_store().await;
    let fx = Fixture::new(&store).await;
    let agent = fx.user(&[Role::Agent]).username("agent").actor().await;
    (store, fx, agent)
}

/// A fresh store, its agent and a machine of a dealer's customer.
async fn agent_and_machine() -> (Store, Actor, MachineView) {
    let (store, fx, agent) = world().await;
    let dealer = fx.dealer().create().await;
    let m = fx.machine().dealer(dealer.id).create().await;
    (store, agent, m)
}

#[tokio::test]
async fn fifty_concurrent_intakes_get_fifty_distinct_consecutive_numbers() {
    let (store, agent, m) = agent_and_machine().await;
    let tasks: Vec<_> = (0..50)
        .map(|n| {
            let (store, agent, input) =
                (store.clone(), agent.clone(), body(&m, &format!("故障 {n}")));
            tokio::spawn(async move { requests::intake(&store, &agent, &input, None).await })
        })
        .collect();
    let mut numbers = Vec::new();
    for t in tasks {
        numbers.push(created(t.await.unwrap().unwrap()).number);
    }
    let distinct: HashSet<&String> = numbers.iter().collect();
    assert_eq!(distinct.len(), 50, "{numbers:?}");
    let mut seq: Vec<u32> = numbers
        .iter()
        .map(|n| n.rsplit('-').next().unwrap().parse().unwrap())
        .collect();
    seq.sort();
    assert_eq!(
        seq.last().unwrap() - seq.first().unwrap(),
        49,
        "no gaps: {seq:?}"
    );
}

#[tokio::test]
async fn a_retried_intake_returns_the_first_answer_and_records_nothing_new() {
    let (store, agent, m) = agent_and_machine().await;
    let input = body(&m, "发动机无法启动");
    let before = count(&store).await;
    let key = key_for(&agent, "retry-1", &input);
    let first = created(keyed(&store, &agent, &input, &key).await.unwrap());
    let again = match keyed(&store, &agent, &input, &key).await.unwrap() {
        Intake::Replayed(stored) => stored,
        Intake::Created(v) => panic!("created {} twice", v.number),
    };
    assert_eq!(again.status, 201);
    let replayed: serde_json::Value = serde_json::from_str(&again.body).unwrap();
    assert_eq!(replayed["number"], first.number.as_str());
    assert_eq!(count(&store).await, before + 1);
    // Its one audit event, written with it.
    let events = requests::timeline(&store, &agent, first.id).await.unwrap();
    assert_eq!(
        events.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["created"]
    );
    assert_eq!(events[0].actor_name, "agent");
    // The retry rolled back before its commit: it used no number.
    let next = intake(&store, &agent, &m, "再次报修").await;
    assert_eq!(seq_of(&next.number), seq_of(&first.number) + 1);
}

#[tokio::test]
async fn the_row_its_event_and_the_stored_answer_carry_the_number_the_answer_shows() {
    let (store, agent, m) = agent_and_machine().await;
    let first = intake(&store, &agent, &m, "液压系统漏油").await;
    // Past six digits, and with the text the number is composed into in a
    // symptom: the user's text must come back untouched.
    let counter = first.number.rsplit_once('-').unwrap().0.to_owned();
    store
        .execute_unprepared(&format!(
            "UPDATE sequences SET value = 999999 WHERE name = '{counter}'"
        ))
        .await
        .unwrap();
    let symptoms = format!(r#"抄写 "number":"{counter}-{{n}}" 和 {counter}-{{n}}"#);
    let input = body(&m, &symptoms);
    let key = key_for(&agent, "numbered", &input);
    let view = created(keyed(&store, &agent, &input, &key).await.unwrap());
    assert_eq!(view.number, format!("{counter}-1000000"));
    assert_eq!(view.symptoms, symptoms);
    let mut q = Query::select();
    q.columns([Alias::new("number"), Alias::new("symptoms")])
        .from(Alias::new("service_requests"))
        .and_where(Expr::col(Alias::new("id")).eq(view.id));
    let conn = store.conn();
    let row = conn
        .query_one(conn.get_database_backend().build(&q))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<String>("", "number").unwrap(), view.number);
    assert_eq!(row.try_get::<String>("", "symptoms").unwrap(), symptoms);
    let events = requests::timeline(&store, &agent, view.id).await.unwrap();
    // The event tells what the answer tells.
    assert_eq!(
        events[0].changes,
        serde_json::json!({"number": view.number, "channel": view.channel,
            "priority": view.priority, "harvest_critical": view.harvest_critical,
            "first_contact_due": view.first_contact_due, "arrival_due": view.arrival_due,
            "repair_due": view.repair_due, "legal_clock": view.legal_clock,
            "repair_due_provisional": view.repair_due_provisional,
            "proposed_coverage": view.proposed_coverage})
    );
    let Intake::Replayed(stored) = keyed(&store, &agent, &input, &key).await.unwrap() else {
        panic!("the retry created a request");
    };
    let stored: serde_json::Value = serde_json::from_str(&stored.body).unwrap();
    assert_eq!(stored, serde_json::to_value(&view).unwrap());
}

/// The `Idempotency-Key` `name` of `by`, for `input` as the API would send it.
fn key_for(by: &Actor, name: &str, input: &CreateServiceRequest) -> IdempotencyKey {
    let raw = serde_json::to_vec(input).unwrap();
    IdempotencyKey::new(by.user_id, name, "/service-requests", &raw)
}

/// An intake with an `Idempotency-Key`.
async fn keyed(
    store: &Store,
    by: &Actor,
    input: &CreateServiceRequest,
    key: &IdempotencyKey,
) -> Result<Intake, StoreError> {
    requests::intake(store, by, input, Some(key)).await
}

/// `SR-2026-000123` -> 123.
fn seq_of(number: &str) -> u64 {
    number.rsplit('-').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn two_attempts_with_one_key_at_once_make_one_request_and_share_its_answer() {
    let (store, agent, m) = agent_and_machine().await;
    let input = body(&m, "割台不转");
    let key = key_for(&agent, "retry-3", &input);
    let spawn_intake = || {
        let (store, agent, input, key) = (store.clone(), agent.clone(), input.clone(), key.clone());
        tokio::spawn(async move { keyed(&store, &agent, &input, &key).await })
    };
    // The writer is busy, so both attempts wait for it and then race.
    let busy = store.begin_write().await.unwrap();
    let (a, b) = (spawn_intake(), spawn_intake());
    tokio::task::yield_now().await;
    drop(busy);
    let numbers: Vec<String> = [a.await.unwrap().unwrap(), b.await.unwrap().unwrap()]
        .into_iter()
        .map(|outcome| match outcome {
            Intake::Created(view) => view.number,
            Intake::Replayed(stored) => {
                let replayed: serde_json::Value = serde_json::from_str(&stored.body).unwrap();
                replayed["number"].as_str().unwrap().to_owned()
            }
        })
        .collect();
    assert_eq!(numbers[0], numbers[1], "one request, answered twice");
}

#[tokio::test]
async fn a_retry_is_answered_as_first_although_its_request_would_now_be_refused() {
    let (store, agent, m) = agent_and_machine().await;
    let input = body(&m, "主离合器打滑");
    let key = key_for(&agent, "retry-2", &input);
    let first = created(keyed(&store, &agent, &input, &key).await.unwrap());
    // The machine changes hands behind the remembered answer: the same body
    // is now refused.
    let fx = Fixture::new(&store).await;
    let other_owner = fx.customer().create().await;
    testing::set_column(
        &store,
        "machines",
        m.id,
        "customer_id",
        other_owner.id.into(),
    )
    .await;
    let fresh = key_for(&agent, "fresh", &input);
    assert!(matches!(
        keyed(&store, &agent, &input, &fresh).await,
        Err(StoreError::Validation(_))
    ));
    // The retry still gets the first answer.
    match keyed(&store, &agent, &input, &key).await {
        Ok(Intake::Replayed(stored)) => {
            let replayed: serde_json::Value = serde_json::from_str(&stored.body).unwrap();
            assert_eq!(replayed["number"], first.number.as_str());
        }
        other => panic!("expected the stored answer, got {:?}", other.map(|_| ())),
    }
}

#[tokio::test]
async fn a_dealer_sees_its_own_requests_and_another_dealers_answer_not_found() {
    let (store, fx, agent) = world().await;
    let (d, other_dealer) = (fx.dealer().create().await, fx.dealer().create().await);
    let dealer = fx.user(&[Role::Dealer]).dealer(d.id).actor().await;
    let own = fx.machine().dealer(d.id).create().await;
    let other = fx.machine().dealer(other_dealer.id).create().await;
    let mine = intake(&store, &dealer, &own, "割台异响").await;
    assert_eq!(mine.dealer_id, dealer.dealer_id);
    let theirs = intake(&store, &agent, &other, "液压漏油").await;

    assert_eq!(
        requests::get(&store, &dealer, mine.id).await.unwrap().id,
        mine.id
    );
    assert!(matches!(
        requests::get(&store, &dealer, theirs.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        requests::timeline(&store, &dealer, theirs.id).await,
        Err(StoreError::NotFound)
    ));
    // Nor may it record a request for another dealer's customer.
    assert!(matches!(
        requests::intake(&store, &dealer, &body(&other, "x"), None).await,
        Err(StoreError::Validation(_))
    ));
    let listed = requests::list(&store, &dealer, &Listing::default())
        .await
        .unwrap();
    assert!(listed.items.iter().any(|r| r.id == mine.id));
    assert!(listed.items.iter().all(|r| r.dealer_id == dealer.dealer_id));
}

#[tokio::test]
async fn cancelling_checks_the_version_and_writes_its_event_with_the_change() {
    let (store, agent, m) = agent_and_machine().await;
    let r = intake(&store, &agent, &m, "不能行走").await;
    let reason = ReasonRequest {
        reason: "客户已自行修复".into(),
    };
    assert!(matches!(
        requests::cancel(&store, &agent, r.id, Some(r.version + 1), &reason).await,
        Err(StoreError::StaleVersion { .. })
    ));
    let done = requests::cancel(&store, &agent, r.id, Some(r.version), &reason)
        .await
        .unwrap();
    assert_eq!(done.status, RequestStatus::Cancelled);
    assert_eq!(done.version, r.version + 1);
    let events = requests::timeline(&store, &agent, r.id).await.unwrap();
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(events[1].actor_name, "agent");
    assert!(
        events[1].changes.to_string().contains("客户已自行修复"),
        "{events:?}"
    );
    // A cancelled request refuses another cancel with its current state named.
    match requests::cancel(&store, &agent, r.id, Some(done.version), &reason).await {
        Err(StoreError::Domain(e)) => {
            assert_eq!(e.code(), "invalid_state");
            assert!(e.to_string().contains("cancelled"), "{e}")
        }
        other => panic!("expected a refusal by state, got {other:?}"),
    }
}

#[tokio::test]
async fn an_sla_change_applies_to_the_next_intake_although_the_settings_were_remembered() {
    let (store, agent, m) = agent_and_machine().await;
    let before = intake(&store, &agent, &m, "发动机无力").await;
    let (mut sla, version) = settings::sla(store.conn()).await.unwrap();
    sla.first_contact_hours.high += 5;
    let fx = Fixture::new(&store).await;
    settings::put_sla(&store, fx.admin(), Some(version), &sla)
        .await
        .unwrap();

    let after = intake(&store, &agent, &m, "发动机无力").await;
    let window =
        |r: &furrow_domain::service::ServiceRequestView| r.first_contact_due - r.reported_at;
    assert_eq!(window(&after) - window(&before), chrono::Duration::hours(5));
}

#[tokio::test]
async fn a_sync_pages_through_every_change_in_order_without_repeats() {
    let (store, agent, m) = agent_and_machine().await;
    let since = furrow_store::db::now();
    let mut made = Vec::new();
    for i in 0..7 {
        made.push(
            intake(&store, &agent, &m, &format!("同步测试 {i}"))
                .await
                .id,
        );
    }
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = requests::list(
            &store,
            &agent,
            &Listing {
                cursor: cursor.clone(),
                limit: Some(3),
                ..Listing::of(RequestFilters {
                    updated_since: Some(since),
                    ..RequestFilters::default()
                })
            },
        )
        .await
        .unwrap();
        assert!(page.items.len() <= 3);
        seen.extend(page.items.iter().map(|r| (r.updated_at, r.id)));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    let mut ordered = seen.clone();
    ordered.sort();
    ordered.dedup();
    assert_eq!(seen, ordered, "in (updated_at, id) order, each once");
    let ids: HashSet<Uuid> = seen.iter().map(|(_, id)| *id).collect();
    assert_eq!(ids, made.into_iter().collect::<HashSet<_>>());
}

/// A dealer user's actor for `dealer`.
fn dealer_actor(dealer: Uuid) -> Actor {
    Actor {
        user_id: Uuid::now_v7(),
        username: "dealer-x".into(),
        roles: vec![Role::Dealer],
        dealer_id: Some(dealer),
    }
}

#[tokio::test]
async fn a_customers_machines_and_requests_move_with_it_to_its_new_dealer() {
    use furrow_domain::master::CustomerInput;
    use furrow_store::{customers, machines};
    let (store, fx, agent) = world().await;
    let admin = fx.admin();
    let old = fx.dealer().create().await.id;
    let m = fx.machine().dealer(old).create().await;
    let request = created(
        requests::intake(&store, &agent, &body(&m, "液压系统漏油"), None)
            .await
            .unwrap(),
    );
    let owner = customers::get(&store, admin, m.customer_id).await.unwrap();
    assert_eq!(
        request.dealer_id,
        Some(old),
        "a request is its customer's dealer's"
    );
    let new = fx.dealer().create().await.id;
    let moved = CustomerInput {
        code: Some(owner.code.clone()),
        name: owner.name.clone(),
        kind: Some(owner.kind),
        phone: owner.phone.clone(),
        province: owner.province.clone(),
        dealer_id: Some(new),
        ..Default::default()
    };
    customers::update(&store, admin, owner.id, Some(owner.version), &moved)
        .await
        .unwrap();

    let (was, now) = (dealer_actor(old), dealer_actor(new));
    assert!(matches!(
        machines::get(&store, &was, m.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        requests::get(&store, &was, request.id).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        machines::get(&store, &now, m.id).await.unwrap().dealer_id,
        Some(new)
    );
    let seen = requests::get(&store, &now, request.id).await.unwrap();
    assert_eq!(seen.dealer_id, Some(new));
    assert!(
        seen.version > request.version,
        "a dealer's sync sees the move"
    );
}

#[tokio::test]
async fn a_machine_cannot_be_registered_with_a_dealer_other_than_its_owners() {
    use furrow_domain::master::MachineInput;
    use furrow_store::machines;
    let (store, fx, _agent) = world().await;
    let admin = fx.admin();
    let m = fx
        .machine()
        .dealer(fx.dealer().create().await.id)
        .create()
        .await;
    let owner = furrow_store::customers::get(&store, admin, m.customer_id)
        .await
        .unwrap();
    let other = fx.dealer().create().await.id;
    let input = MachineInput {
        serial_number: "TEST-DEALER-0001".into(),
        model_id: m.model_id,
        customer_id: owner.id,
        dealer_id: Some(other),
        sale_date: None,
        warranty_end: None,
        engine_hours: None,
        status: None,
        notes: None,
    };
    match machines::create(&store, admin, &input).await {
        Err(StoreError::Validation(v)) => assert_eq!(v.0[0].code, "not_owners_dealer"),
        other => panic!("expected a field error, got {:?}", other.map(|v| v.id)),
    }
    let fine = MachineInput {
        dealer_id: None,
        ..input
    };
    let made = machines::create(&store, admin, &fine).await.unwrap();
    assert_eq!(made.dealer_id, owner.dealer_id);
}

#[tokio::test]
async fn an_intake_leaves_one_created_event_in_the_outbox_and_its_retry_none() {
    let (store, agent, m) = agent_and_machine().await;
    let input = body(&m, "割台不转");
    let key = key_for(&agent, "outbox", &input);
    let view = created(keyed(&store, &agent, &input, &key).await.unwrap());
    let mine = |events: Vec<furrow_store::outbox::OutboxEvent>| -> Vec<_> {
        events
            .into_iter()
            .filter(|e| e.record_id == view.id)
            .collect()
    };
    let events = mine(
        furrow_store::outbox::read_after(store.conn(), 0, 100_000)
            .await
            .unwrap()
            .0,
    );
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].kind.as_str(), events[0].record_kind.as_str()),
        ("created", "service_request")
    );
    assert_eq!(events[0].payload["actor"], agent.username.as_str());
    assert_eq!(events[0].payload["changes"]["number"], view.number.as_str());
    // The outbox event is the audit event, under the same id.
    let timeline = requests::timeline(&store, &agent, view.id).await.unwrap();
    assert_eq!(timeline[0].id, events[0].id);
    let Intake::Replayed(_) = keyed(&store, &agent, &input, &key).await.unwrap() else {
        panic!("the retry created a request");
    };
    let again = furrow_store::outbox::read_after(store.conn(), 0, 100_000)
        .await
        .unwrap()
        .0;
    assert_eq!(mine(again).len(), 1);
}

#[tokio::test]
async fn a_cancelled_requests_downtime_stops_at_the_cancel_time_and_the_migration_restores_it() {
    use chrono::{Duration, TimeZone, Utc};
    use furrow_migrations::{Migrator, MigratorTrait};
    use furrow_store::clock::Clock;

    // Reported and cancelled long ago; read today.
    let reported = Utc.with_ymd_and_hms(2026, 3, 2, 2, 0, 0).unwrap();
    let clock = Clock::manual(reported);
    let store = fresh_store().await.with_clock(clock.clone());
    let fx = Fixture::new(&store).await;
    let agent = fx.user(&[Role::Agent]).username("agent").actor().await;
    let dealer = fx.dealer().create().await;
    let m = fx.machine().dealer(dealer.id).create().await;
    let r = intake(&store, &agent, &m, "不能行走").await;
    clock.advance(Duration::minutes(330));
    let reason = ReasonRequest {
        reason: "客户已自行修复".into(),
    };
    requests::cancel(&store, &agent, r.id, Some(r.version), &reason)
        .await
        .unwrap();
    let cancelled_at = reported + Duration::minutes(330);
    let shows = async |what: &str| {
        let view = requests::get(&store, &agent, r.id).await.unwrap();
        assert_eq!(view.cancelled_at, Some(cancelled_at), "{what}");
        assert_eq!(view.downtime_hours, 5.5, "{what}");
        assert_eq!((view.next_due_at, view.overdue), (None, false), "{what}");
        let listed = requests::list(&store, &agent, &Listing::default())
            .await
            .unwrap();
        let row = listed.items.iter().find(|s| s.id == r.id).unwrap();
        assert_eq!(row.downtime_hours, 5.5, "{what}");
    };
    shows("stamped by the cancel").await;

    // A request cancelled before the stamp existed: the migration takes the
    // time of its `cancelled` event.
    let unstamp = Query::update()
        .table(Alias::new("service_requests"))
        .value(
            Alias::new("closed_at"),
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .and_where(Expr::col(Alias::new("id")).eq(r.id))
        .to_owned();
    let conn = store.conn();
    conn.execute(conn.get_database_backend().build(&unstamp))
        .await
        .unwrap();
    let counting = requests::get(&store, &agent, r.id).await.unwrap();
    assert!(counting.downtime_hours > 5.5 * 10.0, "counted up to today");
    // Undo back to before the backfill (later migrations, if any, with it)
    // and apply again.
    let all = Migrator::migrations();
    let at = all
        .iter()
        .position(|m| m.name() == "m20261206_000011_cancelled_requests_stop")
        .expect("the backfill migration");
    let steps = u32::try_from(all.len() - at).unwrap();
    Migrator::down(conn, Some(steps)).await.unwrap();
    Migrator::up(conn, None).await.unwrap();
    shows("stamped by the migration").await;
}
