//! Parts requisitions (领用单): an approval creates one for the report's
//! catalog parts in its own transaction; a clerk issues fully or partly from
//! one warehouse (a line left outstanding with none left is short), takes
//! unused parts back and exchanges faulty ones, each in one transaction with
//! the ledger; the machine's archive lists what was issued on it; and 50
//! concurrent issues of the last 10 units never issue more than 10.

use furrow_domain::DomainError;
use furrow_domain::Role;
use furrow_domain::auth::Actor;
use furrow_domain::master::MachineView;
use furrow_domain::parts::{
    Bin, CancelInput, ExchangeInput, IssueInput, LineQuantity, MovementFilters, MovementKind,
    PartCategory, PartInput, ReceiptInput, ReferenceKind, RequisitionFilters, RequisitionInput,
    RequisitionLineInput, RequisitionSource, RequisitionStatus, RequisitionView, ReturnInput,
    WarehouseInput, WarehouseKind,
};
use furrow_domain::service::*;
use furrow_store::parts::Parts;
use furrow_store::service::requests::{self, Intake};
use furrow_store::service::{desk, reports, work_orders};
use furrow_store::testing::{Fixture, count, fresh_database};
use furrow_store::warehouses::Warehouses;
use furrow_store::{Listing, Store, StoreError, record_kit, requisitions, stock};
use rust_decimal::Decimal;
use uuid::Uuid;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

struct World {
    store: Store,
    fx: Fixture,
    dealer: Uuid,
    agent: Actor,
    supervisor: Actor,
    engineer: Actor,
    clerk: Actor,
    /// GT-0812 and GT-0815.
    parts: [Uuid; 2],
    central: Uuid,
}

impl World {
    async fn new(store: Store) -> World {
        let fx = Fixture::new(&store).await;
        let dealer = fx.dealer().create().await.id;
        let agent = fx.user(&[Role::Agent]).actor().await;
        let supervisor = fx.user(&[Role::Supervisor]).actor().await;
        let engineer = fx.engineer().create().await.user_id;
        let engineer = fx.actor_of(engineer).await;
        let clerk = fx.user(&[Role::PartsClerk]).actor().await;
        let mut parts = [Uuid::nil(); 2];
        for (i, (number, name)) in [("GT-0812", "割台传动链条"), ("GT-0815", "安全离合器弹簧")]
            .into_iter()
            .enumerate()
        {
            parts[i] = record_kit::create::<Parts>(
                &store,
                &clerk,
                &PartInput {
                    part_number: number.into(),
                    name: name.into(),
                    spec: None,
                    category: PartCategory::Chain,
                    unit: "件".into(),
                    standard_cost_fen: 12_000,
                    reorder_point: d("2"),
                    reorder_quantity: d("10"),
                    compatible_model_ids: None,
                },
            )
            .await
            .unwrap()
            .id;
        }
        let central = record_kit::create::<Warehouses>(
            &store,
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
            store,
            fx,
            dealer,
            agent,
            supervisor,
            engineer,
            clerk,
            parts,
            central,
        }
    }

    async fn receive(&self, part: Uuid, q: &str) {
        stock::post_receipt(
            &self.store,
            &self.clerk,
            &ReceiptInput {
                part_id: part,
                warehouse_id: self.central,
                quantity: d(q),
                bin: Some("A-01".into()),
                delivery_note: None,
                note: None,
            },
            None,
        )
        .await
        .unwrap();
    }

    /// A request for a new machine dispatched to the engineer; the machine
    /// and the work order.
    async fn dispatched(&self) -> (MachineView, Uuid) {
        let m = self.fx.machine().dealer(self.dealer).create().await;
        let input = CreateServiceRequest::onsite_repair(m.customer_id, Some(m.id), "割台不转");
        let request = match requests::intake(&self.store, &self.agent, &input, None)
            .await
            .unwrap()
        {
            Intake::Created(v) => v.id,
            Intake::Replayed(_) => panic!("a new request"),
        };
        let input = DispatchRequest {
            engineer_id: self.engineer.user_id,
            site_address: None,
            requirements: None,
        };
        let (_, wo) = desk::dispatch(&self.store, &self.supervisor, request, None, &input)
            .await
            .unwrap();
        (m, wo)
    }

    /// A visit whose report names `parts`, approved by the supervisor: the
    /// machine and the work order.
    async fn approved(&self, parts: Vec<PartLine>) -> (MachineView, Uuid) {
        let (m, wo) = self.dispatched().await;
        work_orders::check_in(&self.store, &self.engineer, wo, None)
            .await
            .unwrap();
        let draft = ReportDraft {
            process: "到场检查割台传动".into(),
            cause: "链条磨损".into(),
            measures: "更换链条和弹簧".into(),
            further_problems: None,
            proposals: None,
            labour_hours: Decimal::new(15, 1),
            parts,
            part_type: None,
            fault: Default::default(),
        };
        let report = reports::save_draft(&self.store, &self.engineer, wo, None, &draft)
            .await
            .unwrap()
            .id;
        let finish = FinishRequest {
            inspection_passed: true,
            notes: None,
        };
        work_orders::finish(&self.store, &self.engineer, wo, None, &finish)
            .await
            .unwrap();
        reports::submit(&self.store, &self.engineer, report, None)
            .await
            .unwrap();
        reports::review(&self.store, &self.supervisor, report, None, true, None)
            .await
            .unwrap();
        (m, wo)
    }

    async fn of_work_order(&self, wo: Uuid) -> Vec<RequisitionView> {
        let listing = Listing::of(RequisitionFilters {
            work_order_id: Some(wo),
            ..Default::default()
        });
        requisitions::list(&self.store, &self.clerk, &listing)
            .await
            .unwrap()
            .items
    }
}

fn part_line(number: Option<&str>, name: &str, q: &str) -> PartLine {
    PartLine {
        part_number: number.map(str::to_owned),
        name: name.into(),
        quantity: d(q),
        unit: Some("件".into()),
        coverage: None,
    }
}

fn issue_of(w: &World, r: &RequisitionView, lines: &[(usize, &str)]) -> IssueInput {
    IssueInput {
        warehouse_id: w.central,
        recipient: "张工".into(),
        lines: lines
            .iter()
            .map(|(i, q)| LineQuantity {
                line_id: r.lines[*i].id,
                quantity: d(q),
            })
            .collect(),
        note: None,
    }
}

#[tokio::test]
async fn an_approval_creates_the_requisition_of_its_catalog_parts_and_the_clerk_issues_it() {
    let w = World::new(furrow_store::testing::fresh_store().await).await;
    w.receive(w.parts[0], "5").await;
    w.receive(w.parts[1], "1").await;
    let (machine, wo) = w
        .approved(vec![
            part_line(Some("gt-0812"), "链条", "1"),
            part_line(Some("GT-0815"), "弹簧", "2"),
            part_line(None, "铁丝", "1"),
        ])
        .await;
    let rs = w.of_work_order(wo).await;
    assert_eq!(rs.len(), 1);
    let r = &rs[0];
    assert!(
        r.number.starts_with("RQ-") && r.number.len() == 14,
        "{}",
        r.number
    );
    assert_eq!(
        (r.status, r.source, r.machine_id),
        (
            RequisitionStatus::Open,
            RequisitionSource::Report,
            Some(machine.id)
        )
    );
    assert_eq!(
        r.lines
            .iter()
            .map(|l| (l.part_number.as_deref(), l.issuable, l.requested))
            .collect::<Vec<_>>(),
        [
            (Some("GT-0812"), true, d("1")),
            (Some("GT-0815"), true, d("2")),
            (None, false, d("1"))
        ]
    );
    // A stale version is refused before anything is written.
    let stale = requisitions::issue(
        &w.store,
        &w.clerk,
        r.id,
        Some(r.version + 1),
        &issue_of(&w, r, &[(0, "1")]),
    )
    .await;
    assert!(
        matches!(stale, Err(StoreError::StaleVersion { .. })),
        "{stale:?}"
    );
    // More than on hand: 409, nothing written.
    let movements = count(&w.store, "stock_movements", None).await;
    let over = requisitions::issue(
        &w.store,
        &w.clerk,
        r.id,
        Some(r.version),
        &issue_of(&w, r, &[(0, "1"), (1, "2")]),
    )
    .await;
    assert!(
        matches!(
            over,
            Err(StoreError::Domain(DomainError::InsufficientStock { .. }))
        ),
        "{over:?}"
    );
    assert_eq!(count(&w.store, "stock_movements", None).await, movements);
    assert_eq!(
        requisitions::get(&w.store, &w.clerk, r.id)
            .await
            .unwrap()
            .version,
        r.version
    );
    // One line fully, the other partly: its part runs out, so it is short.
    let after = requisitions::issue(
        &w.store,
        &w.clerk,
        r.id,
        Some(r.version),
        &issue_of(&w, r, &[(0, "1"), (1, "1")]),
    )
    .await
    .unwrap();
    assert_eq!(after.status, RequisitionStatus::PartlyIssued);
    assert_eq!(after.version, r.version + 1);
    assert_eq!(
        after
            .lines
            .iter()
            .map(|l| (l.issued, l.short))
            .collect::<Vec<_>>(),
        [(d("1"), d("0")), (d("1"), d("1")), (d("0"), d("0"))]
    );
    assert!(after.short);
    assert_eq!(
        stock::on_hand(&w.store, w.parts[0], w.central)
            .await
            .unwrap(),
        4_000
    );
    assert_eq!(
        stock::on_hand(&w.store, w.parts[1], w.central)
            .await
            .unwrap(),
        0
    );
    let issued = stock::list_movements(
        &w.store,
        &w.clerk,
        &Listing::of(MovementFilters {
            reference_id: Some(r.id),
            ..Default::default()
        }),
    )
    .await
    .unwrap()
    .items;
    assert_eq!(issued.len(), 2);
    assert!(issued.iter().all(|m| m.kind == MovementKind::Issue
        && m.recipient.as_deref() == Some("张工")
        && m.reference.as_ref().unwrap().kind == ReferenceKind::Requisition
        && m.note.as_deref().unwrap().contains("WO-")));
    let short_only = Listing::of(RequisitionFilters {
        short: Some(true),
        ..Default::default()
    });
    assert_eq!(
        requisitions::list(&w.store, &w.clerk, &short_only)
            .await
            .unwrap()
            .items
            .len(),
        1
    );
    // The rest arrives and is issued: the shortage clears, the requisition is issued.
    w.receive(w.parts[1], "3").await;
    let done = requisitions::issue(
        &w.store,
        &w.clerk,
        r.id,
        Some(after.version),
        &issue_of(&w, &after, &[(1, "1")]),
    )
    .await
    .unwrap();
    assert_eq!(done.status, RequisitionStatus::Issued);
    assert!(!done.short);
    // One chain comes back unused; one spring is exchanged as faulty.
    let back = requisitions::return_parts(
        &w.store,
        &w.clerk,
        r.id,
        Some(done.version),
        &ReturnInput {
            warehouse_id: w.central,
            lines: vec![LineQuantity {
                line_id: done.lines[0].id,
                quantity: d("1"),
            }],
            bin: Some("A-01".into()),
            note: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(back.lines[0].returned, d("1"));
    assert_eq!(
        stock::on_hand(&w.store, w.parts[0], w.central)
            .await
            .unwrap(),
        5_000
    );
    let swapped = requisitions::exchange(
        &w.store,
        &w.clerk,
        r.id,
        Some(back.version),
        &ExchangeInput {
            warehouse_id: w.central,
            recipient: "张工".into(),
            lines: vec![LineQuantity {
                line_id: done.lines[1].id,
                quantity: d("1"),
            }],
            reason: "弹簧断裂".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(swapped.lines[1].exchanged, d("1"));
    assert_eq!(swapped.lines[1].issued, d("2"));
    for p in w.parts {
        assert_eq!(
            stock::on_hand(&w.store, p, w.central).await.unwrap(),
            stock::ledger_sum(&w.store, p, w.central).await.unwrap()
        );
    }
    // Returning more than is out is refused.
    let too_many = requisitions::return_parts(
        &w.store,
        &w.clerk,
        r.id,
        None,
        &ReturnInput {
            warehouse_id: w.central,
            lines: vec![LineQuantity {
                line_id: done.lines[0].id,
                quantity: d("1"),
            }],
            bin: None,
            note: None,
        },
    )
    .await;
    assert!(
        matches!(too_many, Err(StoreError::Validation(_))),
        "{too_many:?}"
    );
    // The machine archive lists the parts issued on it with the work order.
    let on_machine = requisitions::issued_on_machine(w.store.conn(), machine.id)
        .await
        .unwrap();
    assert_eq!(
        on_machine
            .iter()
            .map(|p| (p.part_number.as_str(), p.quantity, p.work_order_id))
            .collect::<Vec<_>>(),
        [("GT-0815", d("2"), wo)]
    );
    // The engineer reads his own; another engineer gets 404; the desk 403.
    assert!(requisitions::get(&w.store, &w.engineer, r.id).await.is_ok());
    let other = w.fx.engineer().create().await.user_id;
    let other = w.fx.actor_of(other).await;
    assert!(matches!(
        requisitions::get(&w.store, &other, r.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        requisitions::get(&w.store, &w.agent, r.id).await,
        Err(StoreError::Forbidden(_))
    ));
    // The engineer cannot issue.
    assert!(
        requisitions::issue(
            &w.store,
            &w.engineer,
            r.id,
            None,
            &issue_of(&w, r, &[(0, "1")])
        )
        .await
        .is_err()
    );
}

#[tokio::test]
async fn a_report_without_catalog_parts_creates_no_requisition_and_an_engineer_asks_for_his_own() {
    let w = World::new(furrow_store::testing::fresh_store().await).await;
    let (_, wo) = w
        .approved(vec![part_line(Some("XX-1"), "自制垫片", "1")])
        .await;
    assert!(w.of_work_order(wo).await.is_empty());
    assert_eq!(count(&w.store, "parts_requisitions", None).await, 0);
    let (_, open) = w.dispatched().await;
    let input = RequisitionInput {
        lines: vec![RequisitionLineInput {
            part_id: w.parts[0],
            quantity: d("2"),
        }],
        note: Some("备用".into()),
    };
    let r = requisitions::create(&w.store, &w.engineer, open, &input)
        .await
        .unwrap();
    assert_eq!(r.source, RequisitionSource::Engineer);
    assert_eq!(r.lines[0].part_number.as_deref(), Some("GT-0812"));
    // Not his work order: 404; a finished one: refused, and no number used.
    let other = w.fx.engineer().create().await.user_id;
    let other = w.fx.actor_of(other).await;
    assert!(matches!(
        requisitions::create(&w.store, &other, open, &input).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        requisitions::create(&w.store, &w.engineer, wo, &input)
            .await
            .is_err()
    );
    let second = requisitions::create(&w.store, &w.engineer, open, &input)
        .await
        .unwrap();
    let seq = |n: &str| n.rsplit('-').next().unwrap().parse::<u32>().unwrap();
    assert_eq!(seq(&second.number), seq(&r.number) + 1);
    // Cancelled with a reason, it takes no more issues.
    let c = requisitions::cancel(
        &w.store,
        &w.clerk,
        r.id,
        Some(r.version),
        &CancelInput {
            reason: "客户自购".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(c.status, RequisitionStatus::Cancelled);
    assert!(c.actions.is_empty());
}

/// 50 issues of 1 unit (50 requisitions of one work order) against the last
/// 10 units, from separate connections (five stores on one database): exactly
/// 10 are issued, 40 refused as insufficient stock (409), the level is 0 and
/// so is the ledger's sum.
#[tokio::test]
async fn fifty_concurrent_requisition_issues_of_the_last_ten_units_issue_exactly_ten() {
    let db = fresh_database().await;
    let first = Store::connect(&db.url).await.unwrap();
    first.migrate().await.unwrap();
    let w = World::new(first.clone()).await;
    w.receive(w.parts[0], "10").await;
    let (_, wo) = w.dispatched().await;
    let input = RequisitionInput {
        lines: vec![RequisitionLineInput {
            part_id: w.parts[0],
            quantity: d("1"),
        }],
        note: None,
    };
    let mut rs = Vec::new();
    for _ in 0..50 {
        rs.push(
            requisitions::create(&w.store, &w.engineer, wo, &input)
                .await
                .unwrap(),
        );
    }
    let mut stores = vec![first];
    for _ in 0..4 {
        stores.push(Store::connect(&db.url).await.unwrap());
    }
    let mut tasks = Vec::new();
    for (n, r) in rs.iter().enumerate() {
        let store = stores[n % stores.len()].clone();
        let clerk = w.clerk.clone();
        let body = issue_of(&w, r, &[(0, "1")]);
        let (id, version) = (r.id, r.version);
        tasks.push(tokio::spawn(async move {
            requisitions::issue(&store, &clerk, id, Some(version), &body).await
        }));
    }
    let (mut ok, mut short) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Ok(v) => {
                assert_eq!(v.status, RequisitionStatus::Issued);
                ok += 1;
            }
            Err(StoreError::Domain(DomainError::InsufficientStock { on_hand, .. })) => {
                assert_eq!(on_hand, Decimal::ZERO);
                short += 1;
            }
            Err(other) => panic!("neither issued nor insufficient: {other:?}"),
        }
    }
    assert_eq!((ok, short), (10, 40));
    let store = &stores[0];
    assert_eq!(
        stock::on_hand(store, w.parts[0], w.central).await.unwrap(),
        0
    );
    assert_eq!(
        stock::ledger_sum(store, w.parts[0], w.central)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        count(store, "stock_movements", Some(("kind", "issue".into()))).await,
        10
    );
    let issued = w
        .of_work_order(wo)
        .await
        .into_iter()
        .filter(|r| r.status == RequisitionStatus::Issued)
        .count();
    assert_eq!(issued, 10);
}
