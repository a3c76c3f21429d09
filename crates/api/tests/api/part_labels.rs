//! The parts department's lists leave as spreadsheets and as printable
//! labels: the catalog export reads back as the import's columns (cost in
//! yuan, models by code), the stock export holds the levels, and the label
//! sheets carry a QR code of each part number, with the bin on a stock
//! sheet. A dealer takes away no stock.

use crate::helpers::{TestApp, spawn_app};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};

async fn created(app: &TestApp, path: &str, token: &str, body: &Value) -> Value {
    let res = app.post(path, token, body).await;
    assert_eq!(res.status(), 201, "{path}");
    res.json().await.unwrap()
}

/// A part with a bin in a central warehouse and 3 units received into it.
async fn shelved_part(app: &TestApp, clerk: &str) -> (Value, Value) {
    let part = created(
        app,
        "/api/v1/parts",
        clerk,
        &json!({"part_number": "LQ-9001", "name": "机油滤清器", "spec": "JX0810B",
            "category": "filter", "unit": "个", "standard_cost_fen": 2850,
            "reorder_point": "5", "reorder_quantity": "20"}),
    )
    .await;
    let wh = created(
        app,
        "/api/v1/warehouses",
        clerk,
        &json!({"code": "WH-T1", "name": "总库", "kind": "central",
            "bins": [{"code": "A-01", "description": "滤清器"}]}),
    )
    .await;
    created(
        app,
        "/api/v1/stock-movements/receipts",
        clerk,
        &json!({"part_id": part["id"], "warehouse_id": wh["id"], "quantity": "3",
            "bin": "A-01", "delivery_note": "SH-1"}),
    )
    .await;
    (part, wh)
}

async fn csv(app: &TestApp, path: &str, token: &str, lang: &str) -> Vec<Vec<String>> {
    let res = app
        .request(Method::GET, path, Some(token))
        .header("accept-language", lang)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{path}");
    let body = res.text().await.unwrap();
    let body = body.strip_prefix('\u{feff}').expect("a byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn the_catalog_and_the_stock_export_and_the_dealer_takes_no_stock() {
    let app = spawn_app().await;
    let clerk = app.login(Role::PartsClerk).await.access_token;
    shelved_part(&app, &clerk).await;

    let parts = csv(&app, "/api/v1/parts/export?format=csv", &clerk, "en").await;
    assert_eq!(
        parts[0],
        [
            "part_number",
            "name",
            "spec",
            "category",
            "unit",
            "standard_cost",
            "reorder_point",
            "reorder_quantity",
            "model_codes",
            "status"
        ]
    );
    assert_eq!(
        parts[1],
        [
            "LQ-9001",
            "机油滤清器",
            "JX0810B",
            "filter",
            "个",
            "28.50",
            "5",
            "20",
            "",
            "active"
        ]
    );
    let zh = csv(&app, "/api/v1/parts/export?format=csv", &clerk, "zh-CN").await;
    assert_eq!(zh[0][0], "配件编号");
    // The exported file goes back in unchanged: the import reads the
    // export's columns, the cost in yuan and the models by code.
    let file = app
        .request(Method::GET, "/api/v1/parts/export?format=csv", Some(&clerk))
        .header("accept-language", "zh-CN")
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let report: Value = app
        .post_file(
            "/api/v1/imports/parts?dry_run=true",
            &clerk,
            "text/csv",
            file.to_vec(),
        )
        .await
        .json()
        .await
        .unwrap();
    let counts = ["created", "updated", "unchanged"].map(|k| report[k].as_u64());
    assert_eq!(counts, [Some(0), Some(0), Some(1)], "{report}");

    let stock = csv(&app, "/api/v1/stock/export?format=csv&q=LQ", &clerk, "en").await;
    assert_eq!(stock.len(), 2, "{stock:?}");
    assert_eq!(&stock[1][..3], ["LQ-9001", "机油滤清器", "JX0810B"]);
    assert_eq!(&stock[1][5..9], ["WH-T1", "总库", "A-01", "3"]);

    let purchasing = app.login(Role::Purchasing).await.access_token;
    let res = app
        .get("/api/v1/purchase-requests/export?format=xlsx", &purchasing)
        .await;
    assert_eq!(res.status(), 200);

    let dealer = app.token(Role::Dealer).await;
    let res = app.get("/api/v1/stock/export?format=csv", &dealer).await;
    assert_eq!(res.status(), 403, "a dealer takes away no stock");
}

#[tokio::test]
async fn label_sheets_carry_the_part_number_as_a_qr_code_and_the_bin_on_stock_labels() {
    let app = spawn_app().await;
    let clerk = app.login(Role::PartsClerk).await.access_token;
    let (part, wh) = shelved_part(&app, &clerk).await;

    let res = app.get("/api/v1/parts/labels?q=LQ-9001", &clerk).await;
    assert_eq!(res.status(), 200);
    let labels: Value = res.json().await.unwrap();
    let labels = labels.as_array().unwrap();
    assert_eq!(labels.len(), 1);
    assert_eq!(labels[0]["part_number"], "LQ-9001");
    assert_eq!(labels[0]["part_id"], part["id"]);
    assert_eq!(labels[0]["bin"], Value::Null);
    assert!(labels[0]["qr_svg"].as_str().unwrap().contains("<svg"));

    let path = format!(
        "/api/v1/stock/labels?warehouse_id={}",
        wh["id"].as_str().unwrap()
    );
    let labels: Value = app.get(&path, &clerk).await.json().await.unwrap();
    assert_eq!(labels[0]["warehouse_code"], "WH-T1");
    assert_eq!(labels[0]["bin"], "A-01");
    assert_eq!(labels[0]["name"], "机油滤清器");

    let empty: Value = app
        .get("/api/v1/parts/labels?q=nothing-like-this", &clerk)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(empty, json!([]));
    let finance = app.token(Role::Finance).await;
    let res = app.get("/api/v1/parts/labels", &finance).await;
    assert_eq!(res.status(), 403, "finance reads no catalog");
}
