//! The inventory analysis (库存分析) over stock posted through the ledger on
//! a manual clock: the stock value, a dead part, an A-class part, the
//! filters, and the dealer's and finance's view.

use chrono::{Duration, TimeZone, Utc};
use furrow_domain::Role;
use furrow_domain::audit::AuditAction;
use furrow_domain::auth::Actor;
use furrow_domain::parts::{
    AbcClass, AnalysisFilters, Movement, MovementKind, PartCategory, PartInput, ReceiptInput,
    WarehouseInput, WarehouseKind,
};
use furrow_store::clock::Clock;
use furrow_store::parts::Parts;
use furrow_store::testing::Fixture;
use furrow_store::warehouses::Warehouses;
use furrow_store::{Store, StoreError, inventory_analysis, record_kit, stock};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::helpers::fresh_store;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

async fn part(
    store: &Store,
    clerk: &Actor,
    number: &str,
    category: PartCategory,
    fen: i64,
) -> Uuid {
    record_kit::create::<Parts>(
        store,
        clerk,
        &PartInput {
            part_number: number.into(),
            name: format!("{number} 配件"),
            spec: None,
            category,
            unit: "个".into(),
            standard_cost_fen: fen,
            reorder_point: d("0"),
            reorder_quantity: d("0"),
            compatible_model_ids: None,
        },
    )
    .await
    .unwrap()
    .id
}

async fn warehouse(store: &Store, clerk: &Actor, code: &str, dealer: Option<Uuid>) -> Uuid {
    let kind = if dealer.is_some() {
        WarehouseKind::Dealer
    } else {
        WarehouseKind::Central
    };
    record_kit::create::<Warehouses>(
        store,
        clerk,
        &WarehouseInput {
            code: code.into(),
            name: format!("{code} 仓库"),
            kind,
            dealer_id: dealer,
            bins: vec![],
        },
    )
    .await
    .unwrap()
    .id
}

async fn receive(store: &Store, clerk: &Actor, part: Uuid, wh: Uuid, q: &str) {
    let input = ReceiptInput {
        part_id: part,
        warehouse_id: wh,
        quantity: d(q),
        bin: None,
        delivery_note: None,
        note: None,
    };
    stock::post_receipt(store, clerk, &input, None)
        .await
        .unwrap();
}

async fn issue(store: &Store, clerk: &Actor, part: Uuid, wh: Uuid, q: &str) {
    let issue = Movement {
        part_id: part,
        warehouse_id: wh,
        kind: MovementKind::Issue,
        quantity: -d(q),
        bin: None,
        reference: None,
        recipient: Some("王工".into()),
        note: None,
    };
    stock::post_movements(store, clerk, vec![issue], AuditAction::PartsIssued)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_analysis_values_the_stock_and_finds_the_dead_and_the_a_class_parts() {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 3, 2, 2, 0, 0).unwrap());
    let store = fresh_store().await.with_clock(clock.clone());
    let fx = Fixture::new(&store).await;
    let clerk = fx.user(&[Role::PartsClerk]).actor().await;
    let dealer = fx.dealer().create().await;
    let central = warehouse(&store, &clerk, "WH-C", None).await;
    let own = warehouse(&store, &clerk, "WH-D1", Some(dealer.id)).await;
    // A filter at 12.50 that moves; a bearing at 80.00 last issued 200 days
    // before the analysis (dead); a belt at 9.99 never issued (dead).
    let filter = part(&store, &clerk, "LQ-1", PartCategory::Filter, 1_250).await;
    let bearing = part(&store, &clerk, "ZC-1", PartCategory::Bearing, 8_000).await;
    let belt = part(&store, &clerk, "PD-1", PartCategory::Belt, 999).await;
    receive(&store, &clerk, filter, central, "100").await;
    receive(&store, &clerk, bearing, central, "5").await;
    receive(&store, &clerk, belt, own, "3").await;
    issue(&store, &clerk, bearing, central, "1").await;
    clock.advance(Duration::days(190));
    issue(&store, &clerk, filter, central, "60").await;
    clock.advance(Duration::days(10));

    let all = inventory_analysis::analysis(&store, &clerk, &AnalysisFilters::default())
        .await
        .unwrap();
    // 40 × 12.50 + 4 × 80.00 + 3 × 9.99
    assert_eq!(all.total_value_fen, 50_000 + 32_000 + 2_997);
    assert_eq!(all.consumption_fen, 60 * 1_250 + 8_000);
    let filter_row = all.parts.iter().find(|p| p.part_id == filter).unwrap();
    assert_eq!(filter_row.class, AbcClass::A);
    assert_eq!(filter_row.on_hand, d("40"));
    let dead: Vec<Uuid> = all.dead.iter().map(|p| p.part_id).collect();
    assert_eq!(dead, vec![bearing, belt]);
    let bearing_dead = &all.dead[0];
    assert_eq!(bearing_dead.stock_value_fen, 32_000);
    assert_eq!(
        bearing_dead.last_issued_on,
        Some(chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap())
    );
    assert!(all.slow.is_empty());
    let wh: Vec<(Uuid, i64)> = all
        .by_warehouse
        .iter()
        .map(|w| (w.warehouse_id, w.value_fen))
        .collect();
    assert_eq!(wh, vec![(central, 82_000), (own, 2_997)]);

    let filters = AnalysisFilters {
        category: Some(PartCategory::Filter),
        ..Default::default()
    };
    let filtered = inventory_analysis::analysis(&store, &clerk, &filters)
        .await
        .unwrap();
    assert_eq!(filtered.total_value_fen, 50_000);
    assert_eq!(filtered.parts.len(), 1);

    let dealer_user = fx.user(&[Role::Dealer]).dealer(dealer.id).actor().await;
    let theirs = inventory_analysis::analysis(&store, &dealer_user, &AnalysisFilters::default())
        .await
        .unwrap();
    assert_eq!(theirs.total_value_fen, 2_997);
    assert_eq!(theirs.by_warehouse.len(), 1);

    let finance = fx.user(&[Role::Finance]).actor().await;
    let refused = inventory_analysis::analysis(&store, &finance, &AnalysisFilters::default()).await;
    assert!(matches!(refused, Err(StoreError::Forbidden(_))));
}
