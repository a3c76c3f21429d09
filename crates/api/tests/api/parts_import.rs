//! `POST /imports/parts`: the parts catalog from CSV or XLSX, by parts clerks.

use crate::helpers::{TestApp, assert_problem, spawn_app};
use furrow_domain::Role;
use furrow_domain::export::{Exported, HeaderLang};
use furrow_domain::parts::PartView;
use serde_json::Value;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn part(app: &TestApp, token: &str, number: &str) -> Option<Value> {
    let page: Value = app
        .get(&format!("/api/v1/parts?q={number}"), token)
        .await
        .json()
        .await
        .unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["part_number"] == number)
        .cloned()
}

/// A workbook of the catalog export's columns with English headers (the
/// field names); numbers are number cells, as Excel keeps them.
fn workbook(model_code: &str) -> Vec<u8> {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let header = PartView::headers(HeaderLang::En);
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, text) in [(0, "XL-1"), (1, "液压油"), (3, "lubricant"), (4, "升")] {
        sheet.write_string(1, c, text).unwrap();
    }
    sheet.write_number(1, 5, 19.9).unwrap();
    sheet.write_number(1, 6, 2.5).unwrap();
    sheet.write_number(1, 7, 10).unwrap();
    sheet.write_string(1, 8, model_code).unwrap();
    sheet.write_string(1, 9, "active").unwrap();
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn a_parts_clerk_imports_the_catalog_from_csv_and_xlsx() {
    let app = spawn_app().await;
    let clerk = app.token(Role::PartsClerk).await;
    let model = app.fx.model().create().await.code;
    let csv = format!(
        "配件编号,配件名称,规格,类别,单位,标准成本,再订货点,再订货量,适用型号,状态\n\
         IMP-P1,柴油滤清器,CX0810,filter,个,12.50,5,20,{model},active\n\
         IMP-P2,三角带,,belt,条,,,,,active\n"
    );

    let dry = app
        .post_file(
            "/api/v1/imports/parts?dry_run=true",
            &clerk,
            "text/csv",
            csv.clone(),
        )
        .await;
    assert_eq!(dry.status(), 200);
    let dry: Value = dry.json().await.unwrap();
    assert_eq!(
        (dry["kind"].as_str(), dry["created"].as_u64()),
        (Some("parts"), Some(2))
    );
    assert!(part(&app, &clerk, "IMP-P1").await.is_none());

    let res = app
        .post_file("/api/v1/imports/parts", &clerk, "text/csv", csv.clone())
        .await;
    assert_eq!(res.status(), 200);
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["applied"], true);
    let p1 = part(&app, &clerk, "IMP-P1").await.expect("imported");
    assert_eq!(p1["standard_cost_fen"], 1250);
    assert_eq!(p1["compatible_models"][0]["code"], model.as_str());
    assert_eq!(p1["version"], 1);

    // The same file again: nothing to do.
    let again: Value = app
        .post_file("/api/v1/imports/parts", &clerk, "text/csv", csv)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (again["unchanged"].as_u64(), again["created"].as_u64()),
        (Some(2), Some(0))
    );

    // An XLSX workbook with English headers and number cells.
    let res = app
        .post_file("/api/v1/imports/parts", &clerk, XLSX, workbook(&model))
        .await;
    assert_eq!(res.status(), 200);
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["created"], 1, "{report}");
    let oil = part(&app, &clerk, "XL-1")
        .await
        .expect("imported from XLSX");
    assert_eq!(oil["standard_cost_fen"], 1990);
    let point: f64 = oil["reorder_point"].as_str().unwrap().parse().unwrap();
    assert_eq!(point, 2.5);
    assert_eq!(oil["category"], "lubricant");
}

#[tokio::test]
async fn a_parts_file_with_an_unknown_model_answers_422_naming_it_and_imports_nothing() {
    let app = spawn_app().await;
    let clerk = app.token(Role::PartsClerk).await;
    let csv = "配件编号,配件名称,类别,单位,适用型号\nIMP-P1,好配件,seal,个,\nIMP-P2,坏配件,seal,个,NO-SUCH-MODEL\n";

    let res = app
        .post_file("/api/v1/imports/parts", &clerk, "text/csv", csv)
        .await;

    let body = assert_problem(res, 422, "import_failed").await;
    let error = &body["report"]["rows"][1]["errors"][0];
    assert_eq!(error["column"], "适用型号");
    assert_eq!(error["code"], "unknown");
    assert!(error["message"].as_str().unwrap().contains("NO-SUCH-MODEL"));
    assert!(part(&app, &clerk, "IMP-P1").await.is_none());
}

#[tokio::test]
async fn the_parts_template_has_the_catalogs_columns_and_imports_as_empty() {
    let app = spawn_app().await;
    let clerk = app.token(Role::PartsClerk).await;

    let res = app.get("/api/v1/imports/templates/parts", &clerk).await;

    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("furrow-parts-template.csv")
    );
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(
        std::str::from_utf8(&bytes)
            .unwrap()
            .contains("配件编号,配件名称,规格,类别,单位,标准成本,再订货点,再订货量,适用型号\r\n")
    );
    let report: Value = app
        .post_file(
            "/api/v1/imports/parts?dry_run=true",
            &clerk,
            "text/csv",
            bytes,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            report["total_rows"].as_u64(),
            report["errors_count"].as_u64()
        ),
        (Some(0), Some(0))
    );
}

#[tokio::test]
async fn roles_without_import_on_parts_get_403_for_the_import_and_the_template() {
    let app = spawn_app().await;
    let csv = "配件编号,配件名称,类别,单位\nIMP-P1,好配件,seal,个\n";
    // Administrators and purchasing read the catalog; only parts clerks keep it.
    for role in [Role::Admin, Role::Purchasing, Role::Engineer] {
        let token = app.token(role).await;
        let res = app
            .post_file(
                "/api/v1/imports/parts?dry_run=true",
                &token,
                "text/csv",
                csv,
            )
            .await;
        assert_problem(res, 403, "forbidden").await;
        assert_problem(
            app.get("/api/v1/imports/templates/parts", &token).await,
            403,
            "forbidden",
        )
        .await;
    }
}
