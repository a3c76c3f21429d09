//! Stock-takes (盘点) on both engines: opening freezes the books, counts
//! are compared with the book at count time (movements during the count are
//! kept), reconcile posts every adjustment and the accuracy in one
//! transaction or nothing, and the parts department's KPI of the month is
//! counted from the lines reconciled in it, with the records behind it.

use chrono::{DateTime, Duration, TimeZone, Utc};
use furrow_domain::DomainError;
use furrow_domain::Role;
use furrow_domain::auth::Actor;
use furrow_domain::kpi::{Kpi, KpiPart, KpiRecordFilters};
use furrow_domain::parts::{
    AdjustmentInput, Bin, CountInput, MovementFilters, MovementKind, PartCategory, PartInput,
    ReceiptInput, ReferenceKind, StocktakeFilters, StocktakeInput, StocktakeLineFilters,
    StocktakeStatus, WarehouseInput, WarehouseKind,
};
use furrow_domain::service::commands::Command;
use furrow_store::clock::Clock;
use furrow_store::idempotency::Once;
use furrow_store::parts::Parts;
use furrow_store::testing::{Fixture, count};
use furrow_store::warehouses::Warehouses;
use furrow_store::{Listing, Store, StoreError, kpis, record_kit, stock, stocktakes};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::helpers::fresh_store;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// 15 November 2026, 02:00 UTC (10:00 in the company's UTC+8).
fn nov(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 2, 0, 0).unwrap()
}

struct World {
    store: Store,
    clock: Clock,
    clerk: Actor,
    /// Filters in bin A-01 (10 on hand), belts in A-02 (4 on hand).
    filter: Uuid,
    belt: Uuid,
    wh: Uuid,
}

async fn world() -> World {
    let clock = Clock::manual(nov(2));
    let store = fresh_store().await.with_clock(clock.clone());
    let fx = Fixture::new(&store).await;
    let clerk = fx.user(&[Role::PartsClerk]).actor().await;
    let part = |number: &str, category| PartInput {
        part_number: number.into(),
        name: format!("{number} 名"),
        spec: None,
        category,
        unit: "个".into(),
        standard_cost_fen: 1_000,
        reorder_point: d("0"),
        reorder_quantity: d("0"),
        compatible_model_ids: None,
    };
    let filter = record_kit::create::<Parts>(&store, &clerk, &part("LQ-1", PartCategory::Filter))
        .await
        .unwrap()
        .id;
    let belt = record_kit::create::<Parts>(&store, &clerk, &part("PD-1", PartCategory::Belt))
        .await
        .unwrap()
        .id;
    let bin = |code: &str| Bin {
        code: code.into(),
        description: None,
    };
    let wh = record_kit::create::<Warehouses>(
        &store,
        &clerk,
        &WarehouseInput {
            code: "WH-C".into(),
            name: "总库".into(),
            kind: WarehouseKind::Central,
            dealer_id: None,
            bins: vec![bin("A-01"), bin("A-02")],
        },
    )
    .await
    .unwrap()
    .id;
    let w = World {
        store,
        clock,
        clerk,
        filter,
        belt,
        wh,
    };
    w.receive(w.filter, "10", "A-01").await;
    w.receive(w.belt, "4", "A-02").await;
    w
}

impl World {
    async fn receive(&self, part: Uuid, q: &str, bin: &str) {
        stock::post_receipt(
            &self.store,
            &self.clerk,
            &ReceiptInput {
                part_id: part,
                warehouse_id: self.wh,
                quantity: d(q),
                bin: Some(bin.into()),
                delivery_note: None,
                note: None,
            },
            None,
        )
        .await
        .unwrap();
    }

    async fn open(&self) -> furrow_domain::parts::StocktakeDetail {
        self.open_as(&self.clerk).await.unwrap()
    }

    async fn open_as(
        &self,
        actor: &Actor,
    ) -> Result<furrow_domain::parts::StocktakeDetail, StoreError> {
        stocktakes::open(
            &self.store,
            actor,
            &StocktakeInput {
                warehouse_id: self.wh,
                bins: vec![],
                categories: vec![],
                note: None,
            },
            None,
        )
        .await
        .map(|o| match o {
            Once::Created(d) => d,
            Once::Replayed(_) => panic!("no key was sent"),
        })
    }

    async fn count(&self, id: Uuid, part: Uuid, q: &str) -> Result<i32, StoreError> {
        stocktakes::count(
            &self.store,
            &self.clerk,
            id,
            part,
            &CountInput { counted: d(q) },
            None,
        )
        .await
        .map(|l| l.stocktake_version)
    }

    async fn on_hand(&self, part: Uuid) -> Decimal {
        let m = stock::on_hand(&self.store, part, self.wh).await.unwrap();
        assert_eq!(
            stock::ledger_sum(&self.store, part, self.wh).await.unwrap(),
            m,
            "the level is the sum of the ledger"
        );
        furrow_domain::parts::from_milli(m)
    }
}

#[tokio::test]
async fn a_stocktake_with_one_variance_reconciles_with_its_adjustment_and_accuracy() {
    let w = world().await;
    let opened = w.open().await;
    let st = &opened.stocktake;
    assert_eq!(st.number, "ST-2026-000001");
    assert_eq!(
        (st.status, st.lines, st.counted_lines),
        (StocktakeStatus::Open, 2, 0)
    );
    assert_eq!(
        st.actions,
        [
            Command::CountStocktake,
            Command::ReconcileStocktake,
            Command::CancelStocktake
        ]
    );
    let books: Vec<_> = opened
        .lines
        .iter()
        .map(|l| (l.part_number.as_str(), l.bin.as_deref(), l.book))
        .collect();
    assert_eq!(
        books,
        [
            ("LQ-1", Some("A-01"), d("10")),
            ("PD-1", Some("A-02"), d("4"))
        ]
    );
    w.count(st.id, w.filter, "10").await.unwrap();
    // A first count of 2, recounted as 3 by the same clerk: the last stands.
    w.count(st.id, w.belt, "2").await.unwrap();
    let version = w.count(st.id, w.belt, "3").await.unwrap();
    let variance = stocktakes::get(
        &w.store,
        &w.clerk,
        st.id,
        &StocktakeLineFilters {
            variance_only: Some(true),
        },
    )
    .await
    .unwrap();
    assert_eq!(variance.lines.len(), 1);
    assert_eq!(variance.lines[0].variance, Some(d("-1")));
    assert_eq!(variance.lines[0].version, 3, "counted twice");
    assert_eq!(variance.stocktake.variance_lines, 1);
    assert_eq!(variance.stocktake.version, version);

    let done = stocktakes::reconcile(&w.store, &w.clerk, st.id, Some(version))
        .await
        .unwrap();
    let s = &done.stocktake;
    assert_eq!(s.status, StocktakeStatus::Reconciled);
    assert_eq!((s.matched_lines, s.accuracy_percent), (Some(1), Some(50.0)));
    assert!(s.actions.is_empty());
    assert_eq!(w.on_hand(w.belt).await, d("3"));
    assert_eq!(w.on_hand(w.filter).await, d("10"));
    let moves = stock::list_movements(
        &w.store,
        &w.clerk,
        &Listing::of(MovementFilters {
            reference_id: Some(st.id),
            ..Default::default()
        }),
    )
    .await
    .unwrap()
    .items;
    assert_eq!(moves.len(), 1);
    assert_eq!(
        (moves[0].kind, moves[0].quantity, moves[0].part_id),
        (MovementKind::Adjustment, d("-1"), w.belt)
    );
    let r = moves[0].reference.as_ref().unwrap();
    assert_eq!(
        (r.kind, r.number.as_deref()),
        (ReferenceKind::Stocktake, Some("ST-2026-000001"))
    );
    // Opened, counted three times, reconciled: five events on the stock-take.
    let events = count(&w.store, "audit_events", Some(("entity_id", st.id.into()))).await;
    assert_eq!(events, 5);
    // A reconciled stock-take takes no more counts.
    let again = w.count(st.id, w.belt, "4").await.unwrap_err();
    assert!(matches!(
        again,
        StoreError::Domain(DomainError::InvalidState { .. })
    ));
}

#[tokio::test]
async fn movements_during_the_count_are_kept() {
    let w = world().await;
    let st = w.open().await.stocktake;
    // Before its count, 2 filters are written off: the book the count is
    // compared with is 8, not the 10 frozen at opening.
    stock::post_adjustment(
        &w.store,
        &w.clerk,
        &AdjustmentInput {
            part_id: w.filter,
            warehouse_id: w.wh,
            quantity: d("-2"),
            bin: None,
            reason: "破损".into(),
        },
        None,
    )
    .await
    .unwrap();
    w.count(st.id, w.filter, "7").await.unwrap();
    w.count(st.id, w.belt, "4").await.unwrap();
    // After the count, 5 are received: on the shelf and in the books.
    w.receive(w.filter, "5", "A-01").await;
    let line = stocktakes::get(&w.store, &w.clerk, st.id, &Default::default())
        .await
        .unwrap()
        .lines
        .into_iter()
        .find(|l| l.part_id == w.filter)
        .unwrap();
    assert_eq!(
        (line.book, line.book_at_count, line.variance),
        (d("10"), Some(d("8")), Some(d("-1")))
    );
    stocktakes::reconcile(&w.store, &w.clerk, st.id, None)
        .await
        .unwrap();
    // 7 counted + 5 received since.
    assert_eq!(w.on_hand(w.filter).await, d("12"));
}

#[tokio::test]
async fn uncounted_lines_block_the_reconcile_and_nothing_is_written() {
    let w = world().await;
    let st = w.open().await.stocktake;
    w.count(st.id, w.belt, "1").await.unwrap();
    let e = stocktakes::reconcile(&w.store, &w.clerk, st.id, None)
        .await
        .unwrap_err();
    assert!(matches!(
        e,
        StoreError::Domain(DomainError::UncountedLines { uncounted: 1 })
    ));
    assert_eq!(w.on_hand(w.belt).await, d("4"));
    let still = stocktakes::get(&w.store, &w.clerk, st.id, &Default::default())
        .await
        .unwrap();
    assert_eq!(still.stocktake.status, StocktakeStatus::Open);
    // One open stock-take per warehouse.
    let second = w.open_as(&w.clerk).await.unwrap_err();
    assert!(matches!(
        second,
        StoreError::Domain(DomainError::StocktakeInProgress { ref number }) if number == &st.number
    ));
    // A stale version is refused; the current one cancels.
    let stale = stocktakes::cancel(&w.store, &w.clerk, st.id, Some(st.version))
        .await
        .unwrap_err();
    assert!(matches!(stale, StoreError::StaleVersion { .. }));
    let cancelled = stocktakes::cancel(&w.store, &w.clerk, st.id, Some(still.stocktake.version))
        .await
        .unwrap();
    assert_eq!(cancelled.stocktake.status, StocktakeStatus::Cancelled);
    assert_eq!(w.on_hand(w.belt).await, d("4"), "a cancel posts nothing");
    let next = w.open().await.stocktake;
    assert_eq!(next.number, "ST-2026-000002");
    let listed = stocktakes::list(
        &w.store,
        &w.clerk,
        &Listing::of(StocktakeFilters {
            warehouse_id: Some(w.wh),
            status: Some(StocktakeStatus::Cancelled),
        }),
    )
    .await
    .unwrap();
    assert_eq!(listed.items.len(), 1);
    assert_eq!(listed.items[0].id, st.id);
}

#[tokio::test]
async fn a_stale_line_version_and_a_reconcile_read_before_a_count_are_refused() {
    let w = world().await;
    let st = w.open().await.stocktake;
    w.count(st.id, w.filter, "10").await.unwrap();
    let stale = stocktakes::count(
        &w.store,
        &w.clerk,
        st.id,
        w.filter,
        &CountInput { counted: d("9") },
        Some(1),
    )
    .await
    .unwrap_err();
    assert!(matches!(stale, StoreError::StaleVersion { current: 2 }));
    w.count(st.id, w.belt, "4").await.unwrap();
    let read_before = stocktakes::reconcile(&w.store, &w.clerk, st.id, Some(st.version))
        .await
        .unwrap_err();
    assert!(matches!(read_before, StoreError::StaleVersion { .. }));
}

#[tokio::test]
async fn only_parts_clerks_take_stock_and_managers_read_it() {
    let w = world().await;
    let fx = Fixture::new(&w.store).await;
    let engineer = fx.user(&[Role::Engineer]).actor().await;
    let manager = fx.user(&[Role::Manager]).actor().await;
    let refused = w.open_as(&engineer).await.unwrap_err();
    assert!(matches!(
        refused,
        StoreError::Domain(DomainError::Forbidden(Command::OpenStocktake))
    ));
    let st = w.open().await.stocktake;
    let read = stocktakes::get(&w.store, &manager, st.id, &Default::default())
        .await
        .unwrap();
    assert!(
        read.stocktake.actions.is_empty(),
        "a manager gives no command"
    );
    let count = stocktakes::count(
        &w.store,
        &manager,
        st.id,
        w.belt,
        &CountInput { counted: d("1") },
        None,
    )
    .await
    .unwrap_err();
    assert!(matches!(
        count,
        StoreError::Domain(DomainError::Forbidden(_))
    ));
    let hidden = stocktakes::get(&w.store, &engineer, st.id, &Default::default()).await;
    assert!(matches!(hidden, Err(StoreError::Forbidden(_))));
}

#[tokio::test]
async fn the_parts_accuracy_of_a_month_counts_the_lines_reconciled_in_it() {
    let w = world().await;
    let fx = Fixture::new(&w.store).await;
    let manager = fx.user(&[Role::Manager]).actor().await;
    // November: two lines, one matching (1/2). Hand-computed below.
    let st = w.open().await.stocktake;
    w.count(st.id, w.filter, "10").await.unwrap();
    w.count(st.id, w.belt, "5").await.unwrap();
    stocktakes::reconcile(&w.store, &w.clerk, st.id, None)
        .await
        .unwrap();
    // December: both match (2/2), not counted in November.
    w.clock.set(nov(30) + Duration::days(2));
    let dec = w.open().await.stocktake;
    w.count(dec.id, w.filter, "10").await.unwrap();
    w.count(dec.id, w.belt, "5").await.unwrap();
    stocktakes::reconcile(&w.store, &w.clerk, dec.id, None)
        .await
        .unwrap();
    // A stock-take still open counts nowhere.
    let nov_report = kpis::report(&w.store, &manager, "2026-11").await.unwrap();
    let parts = nov_report.parts_department.unwrap();
    assert_eq!(
        (
            parts.parts_accuracy.numerator,
            parts.parts_accuracy.denominator
        ),
        (1, 2)
    );
    assert_eq!(parts.parts_accuracy.rate, Some(50.0));
    let dec_report = kpis::report(&w.store, &manager, "2026-12").await.unwrap();
    let dec_parts = dec_report.parts_department.unwrap();
    assert_eq!(dec_parts.parts_accuracy.rate, Some(100.0));
    let records = |part| {
        let store = w.store.clone();
        let manager = manager.clone();
        async move {
            kpis::records(
                &store,
                &manager,
                &Listing::of(KpiRecordFilters {
                    month: "2026-11".into(),
                    kpi: Kpi::PartsAccuracy,
                    subject: "parts".into(),
                    part,
                }),
            )
            .await
            .unwrap()
            .items
        }
    };
    let denominator = records(KpiPart::Denominator).await;
    assert_eq!(denominator.len(), 2);
    assert!(denominator.iter().all(|r| r.number == "ST-2026-000001"
        && r.stocktake_id == Some(st.id)
        && r.request_id.is_none()));
    let numerator = records(KpiPart::Numerator).await;
    assert_eq!(numerator.len(), 1);
    assert_eq!(numerator[0].part_number.as_deref(), Some("LQ-1"));
    assert_eq!(numerator[0].reason, "matched");
}
