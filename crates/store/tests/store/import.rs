use crate::helpers::{admin, fresh_store, new_user};
use furrow_domain::Role;
use furrow_domain::auth::Actor;
use furrow_domain::dealers::DealerInput;
use furrow_domain::import::{ImportAction, ImportKind, ImportReport};
use furrow_domain::master::{
    CustomerFilters, CustomerKind, CustomerView, MachineStatus, MachineView, ModelParam,
};
use furrow_store::customers::Customers;
use furrow_store::import::{self, SheetRow};
use furrow_store::machines::Machines;
use furrow_store::product_models::ProductModels;
use furrow_store::{Listing, Store, StoreError, dealers, record_kit, testing};
use std::time::Instant;
use uuid::Uuid;

const CUSTOMER_HEADER: &str = "客户编号,客户名称,客户类型,联系电话,省份,城市,经销商编号";

async fn dealer(store: &Store, actor: &Actor, code: &str) -> Uuid {
    let input = DealerInput {
        code: code.into(),
        name: format!("{code} 农机"),
        region: "黑龙江".into(),
        contact_name: None,
        contact_phone: None,
        address: None,
    };
    dealers::create(store, actor, &input).await.unwrap().id
}

async fn dealer_actor(store: &Store, dealer_id: Uuid) -> Actor {
    let mut req = new_user("dealer1", &[Role::Dealer]);
    req.dealer_id = Some(dealer_id);
    let u = furrow_store::users::create(store, None, &req)
        .await
        .unwrap();
    Actor {
        user_id: u.id,
        username: u.username,
        roles: u.roles,
        dealer_id: Some(dealer_id),
    }
}

/// The rows of a sheet as the API's decoder hands them over: one per
/// non-blank line, cells split at commas (the texts here have no quotes).
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

async fn csv(
    store: &Store,
    actor: &Actor,
    kind: ImportKind,
    text: &str,
    dry_run: bool,
) -> ImportReport {
    import::run(store, actor, kind, &sheet(text), dry_run)
        .await
        .unwrap()
}

async fn customers(store: &Store) -> u64 {
    testing::count(store, "customers", None).await
}

async fn imported_events(store: &Store) -> u64 {
    testing::count(store, "audit_events", Some(("action", "imported".into()))).await
}

async fn customer_by_code(store: &Store, root: &Actor, code: &str) -> CustomerView {
    let filter = Listing {
        limit: Some(200),
        ..Listing::of(CustomerFilters {
            q: Some(code.into()),
            ..Default::default()
        })
    };
    record_kit::list::<Customers>(store, root, &filter)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|c| c.code == code)
        .expect(code)
}

/// Every machine, as an administrator sees them.
async fn machines(store: &Store, root: &Actor) -> Vec<MachineView> {
    record_kit::list::<Machines>(store, root, &Listing::default())
        .await
        .unwrap()
        .items
}

fn actions(r: &ImportReport) -> Vec<(u32, ImportAction)> {
    r.rows.iter().map(|x| (x.row, x.action)).collect()
}

#[tokio::test]
async fn chinese_kind_names_and_a_dealer_code_import_as_the_records_they_name() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let d = dealer(&store, &root, "D-HLJ-01").await;
    let text = format!(
        "{CUSTOMER_HEADER}\nC100,五常稻香家庭农场,农场,13904510001,黑龙江,哈尔滨,D-HLJ-01\nC101,张建华,个人,13804511234,黑龙江,,\n"
    );

    let r = csv(&store, &root, ImportKind::Customers, &text, false).await;

    assert!(r.applied, "{r:?}");
    assert_eq!((r.created, r.total_rows), (2, 2));
    let farm = customer_by_code(&store, &root, "C100").await;
    assert_eq!(farm.name, "五常稻香家庭农场");
    assert_eq!(farm.kind, CustomerKind::Farm);
    assert_eq!(farm.city.as_deref(), Some("哈尔滨"));
    assert_eq!(farm.dealer_id, Some(d));
    let person = customer_by_code(&store, &root, "C101").await;
    assert_eq!(
        (
            person.name.as_str(),
            person.city.as_deref(),
            person.dealer_id
        ),
        ("张建华", None, None)
    );
}

#[tokio::test]
async fn a_dry_run_lists_each_bad_row_with_its_row_number_and_column_and_writes_nothing() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let text = format!(
        "{CUSTOMER_HEADER}\nC1,好客户,个人,13800000001,河南,,\nC2,,飞机,13800000002,河南,,D-NOPE\nC3,又一个,企业,13800000003,河南,郑州,\n"
    );

    let r = csv(&store, &root, ImportKind::Customers, &text, true).await;

    assert!(r.dry_run && !r.applied);
    assert_eq!(
        actions(&r),
        vec![
            (2, ImportAction::Create),
            (3, ImportAction::Error),
            (4, ImportAction::Create)
        ]
    );
    let bad = &r.rows[1];
    assert_eq!(bad.key, "C2");
    let cells: Vec<(&str, &str)> = bad
        .errors
        .iter()
        .map(|e| (e.column.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        cells,
        vec![
            ("客户名称", "required"),
            ("客户类型", "invalid"),
            ("经销商编号", "unknown")
        ]
    );
    assert_eq!((r.created, r.errors_count), (2, 1));
    assert_eq!(customers(&store).await, 0);
}

#[tokio::test]
async fn a_real_import_with_one_bad_row_writes_nothing_at_all() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let text = format!(
        "{CUSTOMER_HEADER}\nC1,好客户,个人,13800000001,河南,,\nC2,坏电话,个人,call-me,河南,,\n"
    );

    let r = csv(&store, &root, ImportKind::Customers, &text, false).await;

    assert!(!r.applied && r.has_errors());
    assert_eq!(r.rows[1].errors[0].column, "联系电话");
    assert_eq!(customers(&store).await, 0);
    assert_eq!(imported_events(&store).await, 0);
}

#[tokio::test]
async fn importing_the_same_file_twice_changes_nothing_the_second_time() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    dealer(&store, &root, "D-SD-01").await;
    let text = format!(
        "{CUSTOMER_HEADER},纬度,经度\nC1,齐鲁合作社,合作社,0531-88887766,山东,济南,D-SD-01,36.65,117.12\nC2,李四,个人,13800000002,山东,,,,\n"
    );

    let first = csv(&store, &root, ImportKind::Customers, &text, false).await;
    let events = imported_events(&store).await;
    let second = csv(&store, &root, ImportKind::Customers, &text, false).await;

    assert_eq!((first.created, events), (2, 2));
    assert!(second.applied);
    assert_eq!(
        (second.created, second.updated, second.unchanged),
        (0, 0, 2)
    );
    assert_eq!(
        imported_events(&store).await,
        events,
        "no audit event for unchanged rows"
    );
    assert_eq!(customer_by_code(&store, &root, "C1").await.version, 1);
}

#[tokio::test]
async fn a_changed_row_updates_only_what_the_file_has_and_audits_the_difference() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    csv(
        &store,
        &root,
        ImportKind::Customers,
        "客户编号,客户名称,客户类型,电话,省份,地址\nC1,王五,个人,13800000001,河南,老地址\n",
        false,
    )
    .await;

    // No address column this time: the stored address stays.
    let r = csv(
        &store,
        &root,
        ImportKind::Customers,
        "code,name,kind,phone,province\nC1,王五,农场,13800000001,河南\n",
        false,
    )
    .await;

    assert_eq!(actions(&r), vec![(2, ImportAction::Update)]);
    let c = customer_by_code(&store, &root, "C1").await;
    assert_eq!(
        (c.kind, c.address.as_deref(), c.version),
        (CustomerKind::Farm, Some("老地址"), 2)
    );
    let events = furrow_store::audit::history(store.conn(), "customer", c.id, 10)
        .await
        .unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(
        events[1].changes,
        serde_json::json!({"kind": ["individual", "farm"]})
    );
}

async fn seed_models_and_owners(store: &Store, actor: &Actor) {
    let models =
        "型号编码,型号名称,类别,保修月数,发动机功率\n4LZ-8M,谷物联合收割机,联合收割机,24,140 kW\n";
    assert!(
        csv(store, actor, ImportKind::ProductModels, models, false)
            .await
            .applied
    );
    let owners = format!("{CUSTOMER_HEADER}\nC1,张三,个人,13800000001,黑龙江,,\n");
    assert!(
        csv(store, actor, ImportKind::Customers, &owners, false)
            .await
            .applied
    );
}

#[tokio::test]
async fn a_serial_number_twice_in_one_file_is_an_error_on_the_second_row() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    seed_models_and_owners(&store, &root).await;
    let text = "出厂编号,型号编码,客户编号,销售日期\nSN-1,4LZ-8M,C1,2025-03-15\nSN-2,4LZ-9,C1,2025/3/16\nSN-1,4LZ-8M,C1,2025.3.17\nSN-3,4LZ-8M,C9,昨天\n";

    let r = csv(&store, &root, ImportKind::Machines, text, false).await;

    assert_eq!(
        actions(&r),
        vec![
            (2, ImportAction::Create),
            (3, ImportAction::Error),
            (4, ImportAction::Error),
            (5, ImportAction::Error)
        ]
    );
    assert_eq!(
        (
            r.rows[1].errors[0].column.as_str(),
            r.rows[1].errors[0].code.as_str()
        ),
        ("型号编码", "unknown")
    );
    assert_eq!(r.rows[2].errors[0].code, "duplicate");
    assert!(
        r.rows[2].errors[0].message.contains("row 2"),
        "{:?}",
        r.rows[2].errors
    );
    let last: Vec<_> = r.rows[3].errors.iter().map(|e| e.column.as_str()).collect();
    assert_eq!(last, vec!["销售日期", "客户编号"]);
    assert_eq!(testing::count(&store, "machines", None).await, 0);
}

#[tokio::test]
async fn machines_get_their_warranty_from_the_model_and_their_dealer_from_the_owner() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let d = dealer(&store, &root, "D-HLJ-01").await;
    csv(
        &store,
        &root,
        ImportKind::ProductModels,
        "型号编码,型号名称,类别,保修月数\n4LZ-8M,收割机,收割机,24\n",
        false,
    )
    .await;
    csv(
        &store,
        &root,
        ImportKind::Customers,
        &format!("{CUSTOMER_HEADER}\nC1,张三,个人,13800000001,黑龙江,,D-HLJ-01\n"),
        false,
    )
    .await;

    let r = csv(
        &store,
        &root,
        ImportKind::Machines,
        "出厂编号,型号编码,客户编号,销售日期,状态\nSN-1,4LZ-8M,C1,2025-03-15,维修中\n",
        false,
    )
    .await;

    assert!(r.applied, "{r:?}");
    let all = machines(&store, &root).await;
    assert_eq!(all.len(), 1);
    let m = &all[0];
    assert_eq!(m.warranty_end, chrono::NaiveDate::from_ymd_opt(2027, 3, 15));
    assert_eq!(
        (m.dealer_id, m.status),
        (Some(d), MachineStatus::UnderRepair)
    );
}

/// The cells of a workbook's row as the decoder reads them: dates as
/// `YYYY-MM-DD`, an unformatted serial day number and whole numbers as digits.
#[tokio::test]
async fn a_workbooks_date_serial_and_number_cells_import() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    seed_models_and_owners(&store, &root).await;
    let text = "出厂编号,型号编码,客户编号,销售日期,保修截止,发动机小时\nSN-X1,4LZ-8M,C1,2025-03-15,46461,1200\n";

    let r = csv(&store, &root, ImportKind::Machines, text, false).await;

    assert!(r.applied, "{r:?}");
    let all = machines(&store, &root).await;
    let m = &all[0];
    assert_eq!(m.serial_number, "SN-X1");
    assert_eq!(m.sale_date, chrono::NaiveDate::from_ymd_opt(2025, 3, 15));
    assert_eq!(m.warranty_end, chrono::NaiveDate::from_ymd_opt(2027, 3, 15));
    assert_eq!(m.engine_hours, Some(1200));
    let again = csv(&store, &root, ImportKind::Machines, text, false).await;
    assert_eq!(again.unchanged, 1);
}

/// A row may repeat a machine's warranty dates (or leave the end out with
/// the same sale date), never change them: that takes the warranty change
/// and its reason. A new machine's period under a year is refused.
#[tokio::test]
async fn an_import_keeps_a_machines_warranty_dates_and_the_legal_year() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    seed_models_and_owners(&store, &root).await;
    let head = "出厂编号,型号编码,客户编号,销售日期,保修截止";
    let text = format!("{head}\nSN-W1,4LZ-8M,C1,2025-03-15,2026-06-30\n");
    assert!(
        csv(&store, &root, ImportKind::Machines, &text, false)
            .await
            .applied
    );

    let same = "出厂编号,型号编码,客户编号,销售日期\nSN-W1,4LZ-8M,C1,2025-03-15\n";
    let r = csv(&store, &root, ImportKind::Machines, same, false).await;
    assert_eq!((r.applied, r.unchanged), (true, 1), "{r:?}");

    let moved = format!("{head}\nSN-W1,4LZ-8M,C1,2025-04-01,2026-06-30\n");
    let r = csv(&store, &root, ImportKind::Machines, &moved, false).await;
    assert!(!r.applied);
    let codes: Vec<(&str, &str)> = r.rows[0]
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(codes, vec![("sale_date", "needs_reason")]);
    let m = &machines(&store, &root).await[0];
    assert_eq!(m.sale_date, chrono::NaiveDate::from_ymd_opt(2025, 3, 15));
    assert_eq!(m.warranty_end, chrono::NaiveDate::from_ymd_opt(2026, 6, 30));

    let short = format!("{head}\nSN-W2,4LZ-8M,C1,2025-03-15,2026-03-14\n");
    let r = csv(&store, &root, ImportKind::Machines, &short, false).await;
    assert_eq!(r.rows[0].errors[0].code, "below_legal_minimum", "{r:?}");
}

#[tokio::test]
async fn product_model_parameters_come_from_the_extra_columns() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let r = csv(
        &store,
        &root,
        ImportKind::ProductModels,
        "型号编码,型号名称,类别,保修月数,发动机功率,割幅\n4LZ-8M,收割机,联合收割机,24,140 kW,\n",
        false,
    )
    .await;
    assert!(r.applied);
    let models = record_kit::list::<ProductModels>(&store, &root, &Listing::default())
        .await
        .unwrap()
        .items;
    assert_eq!(
        models[0].params,
        vec![ModelParam {
            key: "发动机功率".into(),
            value: "140 kW".into()
        }]
    );
}

#[tokio::test]
async fn a_dealer_imports_only_into_its_own_dealer_and_not_models() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let own = dealer(&store, &root, "D-OWN").await;
    dealer(&store, &root, "D-OTHER").await;
    csv(
        &store,
        &root,
        ImportKind::Customers,
        &format!("{CUSTOMER_HEADER}\nC-THEIRS,别家客户,个人,13800000009,河南,,D-OTHER\n"),
        false,
    )
    .await;
    let d = dealer_actor(&store, own).await;

    let text = format!(
        "{CUSTOMER_HEADER}\nC-MINE,自家客户,个人,13800000001,河南,,D-OTHER\nC-THEIRS,抢客户,个人,13800000009,河南,,\n"
    );
    let r = csv(&store, &d, ImportKind::Customers, &text, true).await;
    assert_eq!(
        actions(&r),
        vec![(2, ImportAction::Create), (3, ImportAction::Error)]
    );
    assert_eq!(r.rows[1].errors[0].code, "taken");

    let r = csv(
        &store,
        &d,
        ImportKind::Customers,
        &format!("{CUSTOMER_HEADER}\nC-MINE,自家客户,个人,13800000001,河南,,D-OTHER\n"),
        false,
    )
    .await;
    assert!(r.applied);
    assert_eq!(
        customer_by_code(&store, &root, "C-MINE").await.dealer_id,
        Some(own),
        "the dealer column is ignored"
    );
    let refused = import::run(
        &store,
        &d,
        ImportKind::ProductModels,
        &sheet("code,name,category,warranty_months\n"),
        true,
    )
    .await;
    assert!(matches!(refused, Err(StoreError::Forbidden(_))));
}

#[tokio::test]
async fn a_header_without_required_columns_is_reported_on_row_one() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let r = csv(
        &store,
        &root,
        ImportKind::Machines,
        "出厂编号,备注,微信\nSN-1,x,y\n",
        false,
    )
    .await;
    assert_eq!(actions(&r), vec![(1, ImportAction::Error)]);
    assert_eq!(r.rows[0].errors.len(), 2);
    assert_eq!(r.total_rows, 1);
    let unreadable = import::run(&store, &root, ImportKind::Machines, &[], true).await;
    assert!(matches!(unreadable, Err(StoreError::Validation(v)) if v.0[0].field == "file"));
    let mut too_long = sheet("出厂编号,型号编码,客户编号\n");
    too_long.extend(
        (0..=furrow_domain::import::MAX_IMPORT_ROWS as u32).map(|n| SheetRow {
            number: n + 2,
            cells: vec![format!("SN-{n}")],
        }),
    );
    let refused = import::run(&store, &root, ImportKind::Machines, &too_long, true).await;
    assert!(matches!(refused, Err(StoreError::Validation(v)) if v.0[0].field == "file"));
}

#[tokio::test]
async fn fifty_thousand_customers_import_in_one_go() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    dealer(&store, &root, "D-HEN-01").await;
    let mut text = String::from(
        "客户编号,客户名称,客户类型,联系电话,省份,城市,区县,地址,纬度,经度,经销商编号,备注\n",
    );
    for i in 0..50_000 {
        text.push_str(&format!("C{i:06},测试农户{i},个人,138{i:08},河南,郑州,中牟县,官渡镇{i}号,34.7{},113.9,D-HEN-01,批量导入\n", i % 10));
    }

    let started = Instant::now();
    let r = csv(&store, &root, ImportKind::Customers, &text, false).await;
    let took = started.elapsed();
    let started = Instant::now();
    let again = csv(&store, &root, ImportKind::Customers, &text, true).await;
    let dry = started.elapsed();

    eprintln!(
        "import of 50,000 customers on {:?}: {took:.2?} (dry run of the same file afterwards: {dry:.2?})",
        store.backend()
    );
    assert!(r.applied);
    assert_eq!(r.created, 50_000);
    assert_eq!(customers(&store).await, 50_000);
    assert_eq!(imported_events(&store).await, 50_000);
    assert_eq!(again.unchanged, 50_000);
}
