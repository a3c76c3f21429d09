//! Purchase requests (采购申请): receiving posts receipt movements in the
//! request's own transaction, never more than ordered; stale versions are
//! refused; a shortage raised inside a caller's transaction is rolled back
//! with it; and the reorder suggestions' arithmetic over the real ledger.

use super::helpers::{demo_actor, demo_store};
use furrow_domain::DomainError;
use furrow_domain::Role;
use furrow_domain::audit::AuditAction;
use furrow_domain::auth::Actor;
use furrow_domain::parts::purchasing::{
    CancelInput, NewPurchaseRequest, NoteInput, OrderInput, PurchaseLineInput, ReceiveInput,
    ReceiveLineInput,
};
use furrow_domain::parts::{
    Bin, Movement, MovementFilters, MovementKind, PartCategory, PartInput, PurchaseFilters,
    PurchaseOrigin, PurchaseRequestView, PurchaseStatus, ReferenceKind, SuggestionFilters,
    WarehouseInput, WarehouseKind,
};
use furrow_domain::service::commands::Command;
use furrow_store::idempotency::Once;
use furrow_store::parts::Parts;
use furrow_store::pipeline::Creation;
use furrow_store::testing::{Fixture, count, fresh_store};
use furrow_store::warehouses::Warehouses;
use furrow_store::{Listing, Store, StoreError, purchasing, record_kit, stock};
use rust_decimal::Decimal;
use uuid::Uuid;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

struct World {
    clerk: Actor,
    buyer: Actor,
    parts: [Uuid; 2],
    central: Uuid,
}

async fn world(store: &Store) -> World {
    let fx = Fixture::new(store).await;
    let clerk = fx.user(&[Role::PartsClerk]).actor().await;
    let buyer = fx.user(&[Role::Purchasing]).actor().await;
    let mut parts = [Uuid::nil(); 2];
    for (i, (number, point, qty)) in [("LQ-1", "5", "20"), ("PD-2", "10", "4")]
        .into_iter()
        .enumerate()
    {
        parts[i] = record_kit::create::<Parts>(
            store,
            &clerk,
            &PartInput {
                part_number: number.into(),
                name: format!("配件{i}"),
                spec: None,
                category: PartCategory::Filter,
                unit: "个".into(),
                standard_cost_fen: 1_000,
                reorder_point: d(point),
                reorder_quantity: d(qty),
                compatible_model_ids: None,
            },
        )
        .await
        .unwrap()
        .id;
    }
    let central = record_kit::create::<Warehouses>(
        store,
        &clerk,
        &WarehouseInput {
            code: "WH-C".into(),
            name: "总库".into(),
            kind: WarehouseKind::Central,
            dealer_id: None,
            bins: vec![Bin {
                code: "A-01".into(),
                description: None,
            }],
        },
    )
    .await
    .unwrap()
    .id;
    World {
        clerk,
        buyer,
        parts,
        central,
    }
}

fn new_request(lines: &[(Uuid, &str)]) -> NewPurchaseRequest {
    NewPurchaseRequest {
        origin: PurchaseOrigin::Manual,
        work_order_id: None,
        requisition_id: None,
        lines: lines
            .iter()
            .map(|(p, q)| PurchaseLineInput {
                part_id: *p,
                quantity: d(q),
            })
            .collect(),
        note: Some("季前备货".into()),
    }
}

async fn raise(store: &Store, w: &World, lines: &[(Uuid, &str)]) -> PurchaseRequestView {
    match purchasing::create(store, &w.clerk, &new_request(lines), None)
        .await
        .unwrap()
    {
        Once::Created(v) => v,
        Once::Replayed(_) => panic!("created"),
    }
}

/// Raised, approved and ordered: ready to receive.
async fn ordered(store: &Store, w: &World, lines: &[(Uuid, &str)]) -> PurchaseRequestView {
    let r = raise(store, w, lines).await;
    let r = purchasing::approve(store, &w.buyer, r.id, Some(r.version))
        .await
        .unwrap();
    let order = OrderInput {
        supplier: "潍柴配件".into(),
        expected_on: store.now().date_naive() + chrono::Duration::days(7),
        note: None,
    };
    purchasing::order(store, &w.buyer, r.id, Some(r.version), &order)
        .await
        .unwrap()
}

fn receive(w: &World, lines: &[(Uuid, &str)]) -> ReceiveInput {
    ReceiveInput {
        warehouse_id: w.central,
        bin: Some("A-01".into()),
        delivery_note: Some("SH-9".into()),
        lines: lines
            .iter()
            .map(|(p, q)| ReceiveLineInput {
                part_id: *p,
                quantity: d(q),
            })
            .collect(),
    }
}

#[tokio::test]
async fn a_request_is_numbered_advanced_and_received_partly_then_fully_into_the_ledger() {
    let store = fresh_store().await;
    let w = world(&store).await;
    let r = raise(&store, &w, &[(w.parts[0], "10"), (w.parts[1], "2.5")]).await;
    let year = store.now().format("%Y").to_string();
    assert_eq!(r.number, format!("PR-{year}-000001"));
    assert_eq!(r.status, PurchaseStatus::Requested);
    assert_eq!(r.notes[0].text, "季前备货");
    // A clerk only notes a requested one; purchasing approves or cancels it.
    assert_eq!(r.actions, vec![Command::NotePurchase]);
    let seen = purchasing::get(&store, &w.buyer, r.id).await.unwrap();
    assert_eq!(
        seen.actions,
        vec![
            Command::ApprovePurchase,
            Command::CancelPurchase,
            Command::NotePurchase
        ]
    );
    let r = purchasing::approve(&store, &w.buyer, r.id, Some(r.version))
        .await
        .unwrap();
    let order = OrderInput {
        supplier: "潍柴配件".into(),
        expected_on: store.now().date_naive() + chrono::Duration::days(3),
        note: Some("电话下单".into()),
    };
    let r = purchasing::order(&store, &w.buyer, r.id, Some(r.version), &order)
        .await
        .unwrap();
    assert_eq!(r.status, PurchaseStatus::Ordered);
    assert_eq!(r.supplier.as_deref(), Some("潍柴配件"));
    assert!(!r.overdue);
    let events = count(&store, "audit_events", None).await;

    let r = purchasing::receive(
        &store,
        &w.clerk,
        r.id,
        Some(r.version),
        &receive(&w, &[(w.parts[0], "4")]),
    )
    .await
    .unwrap();
    assert_eq!(r.status, PurchaseStatus::PartlyReceived);
    assert_eq!(r.lines[0].received, d("4"));
    assert_eq!(r.lines[0].outstanding, d("6"));
    assert_eq!(
        stock::on_hand(&store, w.parts[0], w.central).await.unwrap(),
        4_000
    );
    // The request's event and the receipt's, in one transaction.
    assert_eq!(count(&store, "audit_events", None).await, events + 2);
    let r = purchasing::receive(
        &store,
        &w.buyer,
        r.id,
        Some(r.version),
        &receive(&w, &[(w.parts[0], "6"), (w.parts[1], "2.5")]),
    )
    .await
    .unwrap();
    assert_eq!(r.status, PurchaseStatus::Received);
    assert!(r.actions.iter().all(|c| *c == Command::NotePurchase));
    assert_eq!(
        stock::on_hand(&store, w.parts[0], w.central).await.unwrap(),
        10_000
    );
    assert_eq!(
        stock::ledger_sum(&store, w.parts[1], w.central)
            .await
            .unwrap(),
        2_500
    );
    let moves = stock::list_movements(
        &store,
        &w.clerk,
        &Listing::of(MovementFilters {
            reference_id: Some(r.id),
            ..Default::default()
        }),
    )
    .await
    .unwrap()
    .items;
    assert_eq!(moves.len(), 3);
    for m in &moves {
        assert_eq!(m.kind, MovementKind::Receipt);
        let reference = m.reference.as_ref().unwrap();
        assert_eq!(reference.kind, ReferenceKind::PurchaseRequest);
        assert_eq!(reference.number.as_deref(), Some(r.number.as_str()));
    }
}

#[tokio::test]
async fn receiving_more_than_ordered_is_refused_and_writes_nothing() {
    let store = fresh_store().await;
    let w = world(&store).await;
    let r = ordered(&store, &w, &[(w.parts[0], "5")]).await;
    let r = purchasing::receive(
        &store,
        &w.clerk,
        r.id,
        Some(r.version),
        &receive(&w, &[(w.parts[0], "3")]),
    )
    .await
    .unwrap();
    let (moves, events) = (
        count(&store, "stock_movements", None).await,
        count(&store, "audit_events", None).await,
    );
    let err = purchasing::receive(
        &store,
        &w.clerk,
        r.id,
        Some(r.version),
        &receive(&w, &[(w.parts[0], "2.001")]),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Domain(DomainError::OverReceipt { ref outstanding, .. }) if *outstanding == d("2")
        ),
        "{err:?}"
    );
    // Nor a part that is not on it, nor into a warehouse that does not exist.
    let err = purchasing::receive(
        &store,
        &w.clerk,
        r.id,
        Some(r.version),
        &receive(&w, &[(w.parts[1], "1")]),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, StoreError::Validation(_)), "{err:?}");
    let mut elsewhere = receive(&w, &[(w.parts[0], "1")]);
    elsewhere.warehouse_id = Uuid::now_v7();
    elsewhere.bin = None;
    let err = purchasing::receive(&store, &w.clerk, r.id, Some(r.version), &elsewhere)
        .await
        .unwrap_err();
    match err {
        StoreError::Validation(v) => assert_eq!(v.fields(), vec!["warehouse_id"]),
        other => panic!("{other:?}"),
    }
    assert_eq!(count(&store, "stock_movements", None).await, moves);
    assert_eq!(count(&store, "audit_events", None).await, events);
    let after = purchasing::get(&store, &w.clerk, r.id).await.unwrap();
    assert_eq!(after.version, r.version);
    assert_eq!(after.lines[0].received, d("3"));
    assert_eq!(
        stock::on_hand(&store, w.parts[0], w.central).await.unwrap(),
        3_000
    );
}

#[tokio::test]
async fn a_stale_version_is_refused_and_roles_are_held_to_their_commands() {
    let store = fresh_store().await;
    let w = world(&store).await;
    let r = raise(&store, &w, &[(w.parts[0], "5")]).await;
    let noted = purchasing::note(
        &store,
        &w.buyer,
        r.id,
        Some(r.version),
        &NoteInput {
            text: "已询价".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(noted.version, r.version + 1);
    let err = purchasing::approve(&store, &w.buyer, r.id, Some(r.version))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::StaleVersion { current } if current == noted.version),
        "{err:?}"
    );
    // A clerk raises but does not approve; ordering before approval is refused.
    let err = purchasing::approve(&store, &w.clerk, r.id, None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Domain(DomainError::Forbidden(_))),
        "{err:?}"
    );
    let order = OrderInput {
        supplier: "x".into(),
        expected_on: store.now().date_naive(),
        note: None,
    };
    let err = purchasing::order(&store, &w.buyer, r.id, None, &order)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Domain(DomainError::InvalidState { .. })),
        "{err:?}"
    );
    let c = purchasing::cancel(
        &store,
        &w.buyer,
        r.id,
        None,
        &CancelInput {
            reason: "重复申请".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(c.status, PurchaseStatus::Cancelled);
    assert_eq!(c.cancel_reason.as_deref(), Some("重复申请"));
    // Someone with no row for purchase requests sees none.
    let fx = Fixture::new(&store).await;
    let agent = fx.user(&[Role::Agent]).actor().await;
    assert!(matches!(
        purchasing::get(&store, &agent, r.id).await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn a_shortage_raised_in_a_callers_transaction_rolls_back_with_it_and_dates_its_work_order() {
    use furrow_domain::service::{CreateServiceRequest, DispatchRequest};
    use furrow_store::service::desk;
    use furrow_store::service::requests::{self, Intake};
    let store = demo_store().await;
    let w = world(&store).await;
    let agent = demo_actor(&store, "agent").await;
    let supervisor = demo_actor(&store, "supervisor").await;
    let engineer = demo_actor(&store, "engineer").await;
    let machines =
        record_kit::list::<furrow_store::machines::Machines>(&store, &agent, &Listing::default())
            .await
            .unwrap();
    let m = &machines.items[0];
    let body = CreateServiceRequest::onsite_repair(m.customer_id, Some(m.id), "液压泵漏油");
    let Intake::Created(sr) = requests::intake(&store, &agent, &body, None).await.unwrap() else {
        panic!("created")
    };
    let dispatch = DispatchRequest {
        engineer_id: engineer.user_id,
        site_address: None,
        requirements: None,
    };
    let (_, wo) = desk::dispatch(&store, &supervisor, sr.id, None, &dispatch)
        .await
        .unwrap();
    assert_eq!(
        purchasing::parts_expected(store.conn(), sr.id, store.now().date_naive())
            .await
            .unwrap(),
        None
    );
    let shortage = NewPurchaseRequest {
        origin: PurchaseOrigin::Shortage,
        work_order_id: Some(wo),
        requisition_id: Some(Uuid::now_v7()),
        lines: vec![PurchaseLineInput {
            part_id: w.parts[0],
            quantity: d("2"),
        }],
        note: None,
    };
    // Rolled back with the caller's transaction: no request, no number used.
    {
        let write = Creation::begin(&store, &w.clerk).await.unwrap();
        purchasing::create_in(write.tx(), &w.clerk, write.ctx().now, &shortage)
            .await
            .unwrap();
    }
    assert_eq!(count(&store, "purchase_requests", None).await, 0);
    let write = Creation::begin(&store, &w.clerk).await.unwrap();
    let id = purchasing::create_in(write.tx(), &w.clerk, write.ctx().now, &shortage)
        .await
        .unwrap();
    write.commit(&Default::default()).await.unwrap();
    let r = purchasing::get(&store, &w.buyer, id).await.unwrap();
    assert!(r.number.ends_with("-000001"), "{}", r.number);
    assert_eq!(r.work_order_id, Some(wo));
    assert!(r.work_order_number.is_some());
    let waiting = purchasing::parts_expected(store.conn(), sr.id, store.now().date_naive())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (waiting.open_requests, waiting.undated, waiting.expected_on),
        (1, 1, None)
    );
    let r = purchasing::approve(&store, &w.buyer, id, None)
        .await
        .unwrap();
    let on = store.now().date_naive() + chrono::Duration::days(4);
    let order = OrderInput {
        supplier: "一拖配件".into(),
        expected_on: on,
        note: None,
    };
    purchasing::order(&store, &w.buyer, r.id, None, &order)
        .await
        .unwrap();
    let waiting = purchasing::parts_expected(store.conn(), sr.id, store.now().date_naive())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((waiting.undated, waiting.expected_on), (0, Some(on)));
    let listed = purchasing::list(
        &store,
        &w.buyer,
        &Listing::of(PurchaseFilters {
            work_order_id: Some(wo),
            origin: Some(PurchaseOrigin::Shortage),
            ..Default::default()
        }),
    )
    .await
    .unwrap();
    assert_eq!(listed.items.len(), 1);
    // An event was written for the creation (audit and outbox).
    assert_eq!(
        count(
            &store,
            "audit_events",
            Some(("action", AuditAction::PurchaseRequested.as_str().into()))
        )
        .await,
        1
    );
}

#[tokio::test]
async fn reorder_suggestions_add_on_order_and_take_the_larger_of_reorder_quantity_and_usage() {
    let store = fresh_store().await;
    let w = world(&store).await;
    let suggestions = async |store: &Store| {
        purchasing::reorder_suggestions(store, &w.buyer, &Listing::of(SuggestionFilters::default()))
            .await
            .unwrap()
            .items
    };
    // Nothing on hand: both parts under their points, their reorder quantities.
    let s = suggestions(&store).await;
    assert_eq!(s.len(), 2);
    assert_eq!(
        (s[0].part_number.as_str(), s[0].suggested),
        ("LQ-1", d("20"))
    );
    assert_eq!(
        (s[1].part_number.as_str(), s[1].suggested),
        ("PD-2", d("10"))
    );
    // LQ-1: 40 received, 38 issued in the last 90 days: 2 on hand, usage 38.
    let r = ordered(&store, &w, &[(w.parts[0], "40")]).await;
    purchasing::receive(
        &store,
        &w.clerk,
        r.id,
        None,
        &receive(&w, &[(w.parts[0], "40")]),
    )
    .await
    .unwrap();
    stock::post_movements(
        &store,
        &w.clerk,
        vec![Movement {
            part_id: w.parts[0],
            warehouse_id: w.central,
            kind: MovementKind::Issue,
            quantity: d("-38"),
            bin: None,
            reference: None,
            recipient: Some("工程师".into()),
            note: None,
        }],
        AuditAction::StockAdjusted,
    )
    .await
    .unwrap();
    let s = suggestions(&store).await;
    assert_eq!(s[0].on_hand, d("2"));
    assert_eq!(s[0].usage_90_days, d("38"));
    assert_eq!(s[0].suggested, d("38"));
    // A requested (not yet approved) request is not on order.
    let pending = raise(&store, &w, &[(w.parts[0], "30"), (w.parts[1], "3")]).await;
    assert_eq!(suggestions(&store).await[0].on_order, d("0"));
    let approved = purchasing::approve(&store, &w.buyer, pending.id, None)
        .await
        .unwrap();
    assert_eq!(approved.status, PurchaseStatus::Approved);
    let s = suggestions(&store).await;
    // LQ-1 is covered now (2 + 30 ≥ 5); PD-2 has 3 on order of a point of 10:
    // max(4, 0) − 3 = 1, but at least back to the point: 7.
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].part_number, "PD-2");
    assert_eq!((s[0].on_order, s[0].suggested), (d("3"), d("7")));
}
