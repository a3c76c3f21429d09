//! The parts catalog and the stock ledger: levels move with their movements
//! in one transaction, never below zero, also under concurrent issues from
//! separate connections.

use furrow_domain::DomainError;
use furrow_domain::Role;
use furrow_domain::audit::AuditAction;
use furrow_domain::auth::Actor;
use furrow_domain::parts::{
    AdjustmentInput, Bin, Movement, MovementFilters, MovementKind, MovementView, PartCategory,
    PartFilters, PartInput, ReceiptInput, StockFilters, TransferInput, WarehouseInput,
    WarehouseKind,
};
use furrow_store::idempotency::{IdempotencyKey, Once};
use furrow_store::parts::Parts;
use furrow_store::testing::{Fixture, count, fresh_database};
use furrow_store::warehouses::Warehouses;
use furrow_store::{Listing, Store, StoreError, record_kit, stock};
use rust_decimal::Decimal;
use uuid::Uuid;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn part_input(number: &str, name: &str, models: Vec<Uuid>) -> PartInput {
    PartInput {
        part_number: number.into(),
        name: name.into(),
        spec: Some("CX0708".into()),
        category: PartCategory::Filter,
        unit: "个".into(),
        standard_cost_fen: 3_500,
        reorder_point: d("5"),
        reorder_quantity: d("20"),
        compatible_model_ids: Some(models),
    }
}

fn warehouse_input(code: &str, kind: WarehouseKind, dealer: Option<Uuid>) -> WarehouseInput {
    WarehouseInput {
        code: code.into(),
        name: format!("{code} 仓库"),
        kind,
        dealer_id: dealer,
        bins: vec![
            Bin {
                code: "A-01".into(),
                description: Some("滤清器货架".into()),
            },
            Bin {
                code: "A-02".into(),
                description: None,
            },
        ],
    }
}

struct World {
    clerk: Actor,
    part: Uuid,
    central: Uuid,
    van: Uuid,
}

async fn world(store: &Store) -> World {
    let fx = Fixture::new(store).await;
    let clerk = fx.user(&[Role::PartsClerk]).actor().await;
    let model = fx.model().create().await;
    let part = record_kit::create::<Parts>(
        store,
        &clerk,
        &part_input("LQ-1012", "柴油滤清器", vec![model.id]),
    )
    .await
    .unwrap();
    assert_eq!(part.compatible_models[0].id, model.id);
    let central = record_kit::create::<Warehouses>(
        store,
        &clerk,
        &warehouse_input("WH-C", WarehouseKind::Central, None),
    )
    .await
    .unwrap();
    assert_eq!(central.bins.len(), 2);
    let van = record_kit::create::<Warehouses>(
        store,
        &clerk,
        &warehouse_input("VAN-1", WarehouseKind::ServiceVan, None),
    )
    .await
    .unwrap();
    World {
        clerk,
        part: part.id,
        central: central.id,
        van: van.id,
    }
}

fn receipt(w: &World, q: &str) -> ReceiptInput {
    ReceiptInput {
        part_id: w.part,
        warehouse_id: w.central,
        quantity: d(q),
        bin: Some("A-01".into()),
        delivery_note: Some("SH-2026-001".into()),
        note: None,
    }
}

#[tokio::test]
async fn parts_are_found_by_number_name_or_spec_and_model() {
    let store = furrow_store::testing::fresh_store().await;
    let w = world(&store).await;
    let _ = w;
    let fx = Fixture::new(&store).await;
    let clerk = fx.user(&[Role::PartsClerk]).actor().await;
    record_kit::create::<Parts>(
        &store,
        &clerk,
        &part_input("PD-7", "三角皮带 B-1250", vec![]),
    )
    .await
    .unwrap();
    for (q, expect) in [
        ("滤清", "LQ-1012"),
        ("lq-10", "LQ-1012"),
        ("b-1250", "PD-7"),
    ] {
        let page = record_kit::list::<Parts>(
            &store,
            &clerk,
            &Listing::of(PartFilters {
                q: Some(q.into()),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
        let numbers: Vec<_> = page.items.iter().map(|p| p.part_number.as_str()).collect();
        assert_eq!(numbers, [expect], "{q}");
    }
    let taken = record_kit::create::<Parts>(&store, &clerk, &part_input("PD-7", "重复", vec![]))
        .await
        .unwrap_err();
    assert!(matches!(taken, StoreError::Validation(v) if v.fields() == ["part_number"]));
}

/// The movements a posting made now (not a replayed answer).
fn created(posted: stock::Posted) -> Vec<MovementView> {
    match posted {
        Once::Created(moves) => moves,
        Once::Replayed(_) => panic!("expected a new posting"),
    }
}

#[tokio::test]
async fn a_receipt_raises_the_level_and_a_refused_adjustment_writes_nothing() {
    let store = furrow_store::testing::fresh_store().await;
    let w = world(&store).await;
    let posted = created(
        stock::post_receipt(&store, &w.clerk, &receipt(&w, "10.5"), None)
            .await
            .unwrap(),
    );
    assert_eq!(posted.len(), 1);
    assert_eq!(posted[0].quantity, d("10.5"));
    assert_eq!(
        posted[0].reference.as_ref().unwrap().number.as_deref(),
        Some("SH-2026-001")
    );
    assert_eq!(
        stock::on_hand(&store, w.part, w.central).await.unwrap(),
        10_500
    );
    // The same receipt retried with its Idempotency-Key is answered, not
    // posted again.
    let key = IdempotencyKey::new(w.clerk.user_id, "receipt-1", "/receipts", b"3");
    let first = stock::post_receipt(&store, &w.clerk, &receipt(&w, "3"), Some(&key))
        .await
        .unwrap();
    assert!(matches!(first, Once::Created(_)));
    let again = stock::post_receipt(&store, &w.clerk, &receipt(&w, "3"), Some(&key))
        .await
        .unwrap();
    assert!(matches!(again, Once::Replayed(_)));
    assert_eq!(
        stock::on_hand(&store, w.part, w.central).await.unwrap(),
        13_500
    );
    let events = count(&store, "audit_events", None).await;
    let movements = count(&store, "stock_movements", None).await;

    let refused = stock::post_adjustment(
        &store,
        &w.clerk,
        &AdjustmentInput {
            part_id: w.part,
            warehouse_id: w.central,
            quantity: d("-14"),
            bin: None,
            reason: "盘亏".into(),
        },
        None,
    )
    .await
    .unwrap_err();
    match refused {
        StoreError::Domain(DomainError::InsufficientStock {
            on_hand, requested, ..
        }) => {
            assert_eq!(on_hand, d("13.5"));
            assert_eq!(requested, d("14"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        stock::on_hand(&store, w.part, w.central).await.unwrap(),
        13_500
    );
    assert_eq!(count(&store, "stock_movements", None).await, movements);
    assert_eq!(count(&store, "audit_events", None).await, events);

    // An unknown bin is a field error, before anything is written.
    let bad_bin = stock::post_receipt(
        &store,
        &w.clerk,
        &ReceiptInput {
            bin: Some("Z-99".into()),
            ..receipt(&w, "1")
        },
        None,
    )
    .await
    .unwrap_err();
    assert!(matches!(bad_bin, StoreError::Validation(v) if v.fields() == ["bin"]));

    // Only parts clerks adjust; an engineer may read stock but not move it.
    let fx = Fixture::new(&store).await;
    let eng = fx.user(&[Role::Engineer]).actor().await;
    let e = stock::post_receipt(&store, &eng, &receipt(&w, "1"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Domain(DomainError::Forbidden(_))),
        "{e:?}"
    );
    let levels = stock::list_levels(&store, &eng, &Listing::of(StockFilters::default()))
        .await
        .unwrap();
    assert_eq!(levels.items.len(), 1);
    assert_eq!(levels.items[0].bin.as_deref(), Some("A-01"));
    assert!(!levels.items[0].below_reorder);
}

#[tokio::test]
async fn a_transfer_moves_both_halves_or_neither() {
    let store = furrow_store::testing::fresh_store().await;
    let w = world(&store).await;
    stock::post_receipt(&store, &w.clerk, &receipt(&w, "6"), None)
        .await
        .unwrap();
    let t = |q: &str| TransferInput {
        part_id: w.part,
        from_warehouse_id: w.central,
        to_warehouse_id: w.van,
        quantity: d(q),
        to_bin: Some("A-02".into()),
        note: None,
    };
    let moved = created(
        stock::post_transfer(&store, &w.clerk, &t("4"), None)
            .await
            .unwrap(),
    );
    assert_eq!(moved.len(), 2);
    assert_eq!(moved[0].batch_id, moved[1].batch_id);
    assert_eq!(
        stock::on_hand(&store, w.part, w.central).await.unwrap(),
        2_000
    );
    assert_eq!(stock::on_hand(&store, w.part, w.van).await.unwrap(), 4_000);
    let refused = stock::post_transfer(&store, &w.clerk, &t("3"), None)
        .await
        .unwrap_err();
    assert!(matches!(
        refused,
        StoreError::Domain(DomainError::InsufficientStock { .. })
    ));
    assert_eq!(stock::on_hand(&store, w.part, w.van).await.unwrap(), 4_000);
    assert_eq!(count(&store, "stock_movements", None).await, 3);

    // Below the reorder point (5) in total: 2 + 4 = 6 is not; after issuing 2 it is.
    stock::post_movements(
        &store,
        &w.clerk,
        vec![Movement {
            part_id: w.part,
            warehouse_id: w.van,
            kind: MovementKind::Issue,
            quantity: d("-2"),
            bin: None,
            reference: None,
            recipient: Some("王师傅".into()),
            note: None,
        }],
        AuditAction::StockAdjusted,
    )
    .await
    .unwrap();
    let below = stock::list_levels(
        &store,
        &w.clerk,
        &Listing::of(StockFilters {
            below_reorder: Some(true),
            ..Default::default()
        }),
    )
    .await
    .unwrap();
    assert_eq!(below.items.len(), 2);
    assert!(below.items.iter().all(|l| l.total_on_hand == d("4")));

    let ledger = stock::list_movements(
        &store,
        &w.clerk,
        &Listing::of(MovementFilters {
            part_id: Some(w.part),
            ..Default::default()
        }),
    )
    .await
    .unwrap();
    assert_eq!(ledger.items.len(), 4);
    assert_eq!(ledger.items[0].kind, MovementKind::Issue, "newest first");
    for wh in [w.central, w.van] {
        assert_eq!(
            stock::ledger_sum(&store, w.part, wh).await.unwrap(),
            stock::on_hand(&store, w.part, wh).await.unwrap()
        );
    }
}

#[tokio::test]
async fn a_dealer_sees_only_its_own_warehouse_stock() {
    let store = furrow_store::testing::fresh_store().await;
    let w = world(&store).await;
    let fx = Fixture::new(&store).await;
    let dealer = fx.dealer().create().await;
    let own = record_kit::create::<Warehouses>(
        &store,
        &w.clerk,
        &warehouse_input("WH-D1", WarehouseKind::Dealer, Some(dealer.id)),
    )
    .await
    .unwrap();
    stock::post_receipt(&store, &w.clerk, &receipt(&w, "3"), None)
        .await
        .unwrap();
    stock::post_receipt(
        &store,
        &w.clerk,
        &ReceiptInput {
            warehouse_id: own.id,
            ..receipt(&w, "2")
        },
        None,
    )
    .await
    .unwrap();
    let d_user = fx.user(&[Role::Dealer]).dealer(dealer.id).actor().await;
    let levels = stock::list_levels(&store, &d_user, &Listing::of(StockFilters::default()))
        .await
        .unwrap();
    assert_eq!(
        levels
            .items
            .iter()
            .map(|l| l.warehouse_id)
            .collect::<Vec<_>>(),
        [own.id]
    );
    let moves = stock::list_movements(&store, &d_user, &Listing::of(MovementFilters::default()))
        .await
        .unwrap();
    assert_eq!(moves.items.len(), 1);
    let central = record_kit::get::<Warehouses>(&store, &d_user, w.central).await;
    assert!(matches!(central, Err(StoreError::NotFound)));
}

/// 50 issues of 1 unit against 10 on hand, from separate connections (five
/// stores on one database, each with its own connections): exactly 10 are
/// posted, 40 refused as insufficient stock, the level is 0 and so is the
/// ledger's sum.
#[tokio::test]
async fn fifty_concurrent_issues_of_the_last_ten_units_issue_exactly_ten() {
    let db = fresh_database().await;
    let first = Store::connect(&db.url).await.unwrap();
    first.migrate().await.unwrap();
    let w = world(&first).await;
    stock::post_receipt(&first, &w.clerk, &receipt(&w, "10"), None)
        .await
        .unwrap();
    let mut stores = vec![first];
    for _ in 0..4 {
        stores.push(Store::connect(&db.url).await.unwrap());
    }
    let mut tasks = Vec::new();
    for n in 0..50 {
        let store = stores[n % stores.len()].clone();
        let clerk = w.clerk.clone();
        let (part, wh) = (w.part, w.central);
        tasks.push(tokio::spawn(async move {
            stock::post_movements(
                &store,
                &clerk,
                vec![Movement {
                    part_id: part,
                    warehouse_id: wh,
                    kind: MovementKind::Issue,
                    quantity: d("-1"),
                    bin: None,
                    reference: None,
                    recipient: Some(format!("工程师{n}")),
                    note: None,
                }],
                AuditAction::StockAdjusted,
            )
            .await
        }));
    }
    let (mut ok, mut short) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(StoreError::Domain(DomainError::InsufficientStock { on_hand, .. })) => {
                assert_eq!(on_hand, Decimal::ZERO.round_dp(3));
                short += 1;
            }
            Err(other) => panic!("neither posted nor insufficient: {other:?}"),
        }
    }
    assert_eq!((ok, short), (10, 40));
    let store = &stores[0];
    assert_eq!(stock::on_hand(store, w.part, w.central).await.unwrap(), 0);
    assert_eq!(
        stock::ledger_sum(store, w.part, w.central).await.unwrap(),
        0
    );
    assert_eq!(count(store, "stock_movements", None).await, 11);
}
