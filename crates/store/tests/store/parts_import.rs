//! Importing the parts catalog (配件) from a spreadsheet, keyed by part number.

use crate::helpers::{admin, fresh_store};
use furrow_domain::Role;
use furrow_domain::auth::Actor;
use furrow_domain::import::{ImportAction, ImportKind, ImportReport};
use furrow_domain::parts::{PartCategory, PartFilters, PartView};
use furrow_store::import::{self, SheetRow};
use furrow_store::parts::Parts;
use furrow_store::testing::{Fixture, count};
use furrow_store::{Listing, Store, StoreError, record_kit};
use rust_decimal::Decimal;

/// The catalog export's header, in Chinese.
const PARTS: &str = "配件编号,配件名称,规格,类别,单位,标准成本,再订货点,再订货量,适用型号,状态";

/// One row per non-blank line, cells split at commas (no quoting here).
fn sheet(text: &str) -> Vec<SheetRow> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| SheetRow {
            number: i as u32 + 1,
            cells: line.split(',').map(str::to_owned).collect(),
        })
        .collect()
}

async fn run(store: &Store, actor: &Actor, text: &str, dry_run: bool) -> ImportReport {
    import::run(store, actor, ImportKind::Parts, &sheet(text), dry_run)
        .await
        .unwrap()
}

fn actions(r: &ImportReport) -> Vec<(String, ImportAction)> {
    r.rows.iter().map(|x| (x.key.clone(), x.action)).collect()
}

/// Two product models (imported by an administrator) and a parts clerk.
async fn clerk_with_models(store: &Store) -> Actor {
    let root = admin(store).await;
    let models = "型号编码,型号名称,类别,保修月数\n4LZ-8M,谷物联合收割机,联合收割机,24\n1204,轮式拖拉机,拖拉机,12\n";
    let r = import::run(
        store,
        &root,
        ImportKind::ProductModels,
        &sheet(models),
        false,
    )
    .await
    .unwrap();
    assert!(r.applied, "{r:?}");
    Fixture::new(store)
        .await
        .user(&[Role::PartsClerk])
        .actor()
        .await
}

async fn part(store: &Store, actor: &Actor, number: &str) -> PartView {
    let filter = Listing::of(PartFilters {
        q: Some(number.into()),
        ..Default::default()
    });
    record_kit::list::<Parts>(store, actor, &filter)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|p| p.part_number == number)
        .expect(number)
}

fn codes(p: &PartView) -> Vec<&str> {
    p.compatible_models
        .iter()
        .map(|m| m.code.as_str())
        .collect()
}

/// The parts' audit events (here, only imports write parts).
async fn imported_events(store: &Store) -> u64 {
    count(store, "audit_events", Some(("entity_type", "part".into()))).await
}

#[tokio::test]
async fn a_parts_dry_run_writes_nothing_and_the_import_then_creates_what_it_reported() {
    let store = fresh_store().await;
    let clerk = clerk_with_models(&store).await;
    let text = format!(
        "{PARTS}\nLQ-1012,柴油滤清器,CX0810,filter,个,12.50,5,20,4LZ-8M;1204,active\nPD-7,三角带,B-1250,belt,条,,,,,\n"
    );

    let dry = run(&store, &clerk, &text, true).await;

    assert!(dry.dry_run && !dry.applied);
    let created = vec![
        ("LQ-1012".to_owned(), ImportAction::Create),
        ("PD-7".to_owned(), ImportAction::Create),
    ];
    assert_eq!(actions(&dry), created);
    assert_eq!(count(&store, "parts", None).await, 0);
    assert_eq!(count(&store, "part_models", None).await, 0);

    let real = run(&store, &clerk, &text, false).await;

    assert!(real.applied, "{real:?}");
    assert_eq!(actions(&real), created);
    let filter = part(&store, &clerk, "LQ-1012").await;
    assert_eq!(filter.name, "柴油滤清器");
    assert_eq!(filter.spec.as_deref(), Some("CX0810"));
    assert_eq!(filter.category, PartCategory::Filter);
    assert_eq!(filter.standard_cost_fen, 1250);
    assert_eq!(
        (filter.reorder_point, filter.reorder_quantity),
        (Decimal::new(5, 0), Decimal::new(20, 0))
    );
    assert_eq!(codes(&filter), ["1204", "4LZ-8M"]);
    assert!(filter.active && filter.version == 1);
    let belt = part(&store, &clerk, "PD-7").await;
    assert_eq!(
        (belt.standard_cost_fen, belt.reorder_point, codes(&belt)),
        (0, Decimal::ZERO, vec![])
    );
    assert_eq!(imported_events(&store).await, 2);
}

#[tokio::test]
async fn a_changed_part_is_updated_an_equal_one_left_alone_and_models_follow_the_file() {
    let store = fresh_store().await;
    let clerk = clerk_with_models(&store).await;
    let first = format!(
        "{PARTS}\nLQ-1,机油滤清器,JX0810,filter,个,35,5,20,4LZ-8M,active\nPD-7,三角带,,belt,条,8.8,2,10,1204,active\nZC-1,轴承,6205,bearing,个,15,,,,active\n"
    );
    assert!(run(&store, &clerk, &first, false).await.applied);
    let events = imported_events(&store).await;

    // The cost of LQ-1 changes, PD-7 fits another model, ZC-1 is as stored
    // (its cost written as the export writes yuan).
    let second = format!(
        "{PARTS}\nLQ-1,机油滤清器,JX0810,filter,个,36.50,5,20,4LZ-8M,active\nPD-7,三角带,,belt,条,8.80,2,10,4LZ-8M、1204,active\nZC-1,轴承,6205,bearing,个,15.00,0,0,,inactive\n"
    );
    let r = run(&store, &clerk, &second, false).await;

    assert!(r.applied, "{r:?}");
    assert_eq!(
        actions(&r),
        vec![
            ("LQ-1".to_owned(), ImportAction::Update),
            ("PD-7".to_owned(), ImportAction::Update),
            ("ZC-1".to_owned(), ImportAction::Unchanged),
        ]
    );
    let oil = part(&store, &clerk, "LQ-1").await;
    assert_eq!((oil.standard_cost_fen, oil.version), (3650, 2));
    let belt = part(&store, &clerk, "PD-7").await;
    assert_eq!((codes(&belt), belt.version), (vec!["1204", "4LZ-8M"], 2));
    let bearing = part(&store, &clerk, "ZC-1").await;
    assert!(bearing.active, "the status column is not imported");
    assert_eq!(bearing.version, 1);
    assert_eq!(imported_events(&store).await, events + 2);
    let history = furrow_store::audit::history(store.conn(), "part", belt.id, 10)
        .await
        .unwrap();
    assert_eq!(
        history.last().unwrap().changes,
        serde_json::json!({"compatible_models": [["1204"], ["1204", "4LZ-8M"]]})
    );

    // The same file again changes nothing.
    let again = run(&store, &clerk, &second, false).await;
    assert_eq!((again.updated, again.unchanged), (0, 3));
    assert_eq!(imported_events(&store).await, events + 2);
}

#[tokio::test]
async fn a_file_without_the_model_column_keeps_each_parts_models() {
    let store = fresh_store().await;
    let clerk = clerk_with_models(&store).await;
    let first = format!("{PARTS}\nLQ-1,机油滤清器,,filter,个,35,5,20,4LZ-8M;1204,\n");
    assert!(run(&store, &clerk, &first, false).await.applied);

    let r = run(
        &store,
        &clerk,
        "part_number,name,category,unit\nLQ-1,机油滤清器,filter,件\n",
        false,
    )
    .await;

    assert_eq!(r.updated, 1, "{r:?}");
    let p = part(&store, &clerk, "LQ-1").await;
    assert_eq!((p.unit.as_str(), p.standard_cost_fen), ("件", 3500));
    assert_eq!(codes(&p), ["1204", "4LZ-8M"]);
}

#[tokio::test]
async fn one_bad_part_row_leaves_nothing_written_and_names_its_columns() {
    let store = fresh_store().await;
    let clerk = clerk_with_models(&store).await;
    assert!(
        run(
            &store,
            &clerk,
            &format!("{PARTS}\nLQ-1,机油滤清器,,filter,个,35,5,20,,\n"),
            false
        )
        .await
        .applied
    );
    let text = format!(
        "{PARTS}\nLQ-1,机油滤清器,,filter,个,40,5,20,,\nNEW-1,新配件,,seal,个,1,1,1,4LZ-8M,\nBAD-1,坏配件,,滤清器,个,1.234,1,1,4LZ-8M;X-404,\nNEW-1,重复,,seal,个,1,1,1,,\n"
    );

    let r = run(&store, &clerk, &text, false).await;

    assert!(!r.applied && r.has_errors());
    assert_eq!(
        actions(&r),
        vec![
            ("LQ-1".to_owned(), ImportAction::Update),
            ("NEW-1".to_owned(), ImportAction::Create),
            ("BAD-1".to_owned(), ImportAction::Error),
            ("NEW-1".to_owned(), ImportAction::Error),
        ]
    );
    let bad: Vec<(&str, &str)> = r.rows[2]
        .errors
        .iter()
        .map(|e| (e.column.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        bad,
        vec![
            ("类别", "invalid"),
            ("标准成本", "invalid"),
            ("适用型号", "unknown")
        ]
    );
    assert!(r.rows[2].errors[2].message.contains("X-404"));
    assert_eq!(r.rows[3].errors[0].code, "duplicate");
    assert_eq!(count(&store, "parts", None).await, 1);
    assert_eq!(count(&store, "part_models", None).await, 0);
    assert_eq!(part(&store, &clerk, "LQ-1").await.standard_cost_fen, 3500);
    assert_eq!(imported_events(&store).await, 1);
}

#[tokio::test]
async fn only_those_who_keep_the_catalog_may_import_parts() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let text = format!("{PARTS}\nLQ-1,机油滤清器,,filter,个,35,5,20,,\n");

    let refused = import::run(&store, &root, ImportKind::Parts, &sheet(&text), true)
        .await
        .unwrap_err();

    assert!(matches!(refused, StoreError::Forbidden(_)), "{refused:?}");
}
