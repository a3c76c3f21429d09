//! The inventory analysis (库存分析) over HTTP: the parts clerk reads the
//! figures of stock received through the API, a filter narrows them, finance
//! (who does not read stock) is refused, and a bad filter value is a 400.

use crate::helpers::{assert_problem, ok, spawn_app};
use furrow_domain::Role;
use serde_json::{Value, json};

#[tokio::test]
async fn the_parts_clerk_reads_the_stock_value_and_the_dead_stock_and_finance_is_refused() {
    let app = spawn_app().await;
    let clerk = app.token(Role::PartsClerk).await;
    let part = |number: &str, category: &str, fen: i64| {
        json!({"part_number": number, "name": format!("{number} 配件"), "category": category,
            "unit": "个", "standard_cost_fen": fen, "reorder_point": "0", "reorder_quantity": "0"})
    };
    let filter = ok(app
        .post("/api/v1/parts", &clerk, &part("LQ-1", "filter", 1_250))
        .await)
    .await;
    let bearing = ok(app
        .post("/api/v1/parts", &clerk, &part("ZC-1", "bearing", 8_000))
        .await)
    .await;
    let wh = ok(app
        .post(
            "/api/v1/warehouses",
            &clerk,
            &json!({"code": "WH-A1", "name": "总库", "kind": "central", "bins": []}),
        )
        .await)
    .await;
    for (p, q) in [(&filter, "10.5"), (&bearing, "2")] {
        let receipt = json!({"part_id": p["id"], "warehouse_id": wh["id"], "quantity": q});
        ok(app
            .post("/api/v1/stock-movements/receipts", &clerk, &receipt)
            .await)
        .await;
    }

    let all: Value = app.read("/api/v1/parts/analysis", &clerk).await;
    // 10.5 × 12.50 + 2 × 80.00, in fen.
    assert_eq!(all["total_value_fen"], 13_125 + 16_000);
    assert_eq!(all["by_warehouse"][0]["value_fen"], 29_125);
    assert_eq!(all["by_warehouse"][0]["share_bp"], 10_000);
    assert_eq!(all["by_category"][0]["category"], "bearing");
    // Nothing issued: no turnover yet, every part C and dead.
    assert_eq!(all["turnover"], "0.00");
    assert_eq!(all["days_of_supply"], Value::Null);
    assert_eq!(all["classes"][2]["class"], "c");
    assert_eq!(all["classes"][2]["parts"], 2);
    let dead: Vec<&str> = all["dead"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["part_number"].as_str().unwrap())
        .collect();
    assert_eq!(dead, ["ZC-1", "LQ-1"]);
    assert_eq!(all["dead"][0]["last_issued_on"], Value::Null);

    let filters = format!(
        "/api/v1/parts/analysis?category=filter&warehouse_id={}",
        wh["id"].as_str().unwrap()
    );
    let filtered: Value = app.read(&filters, &clerk).await;
    assert_eq!(filtered["total_value_fen"], 13_125);
    assert_eq!(filtered["parts"].as_array().unwrap().len(), 1);

    let finance = app.token(Role::Finance).await;
    assert_problem(
        app.get("/api/v1/parts/analysis", &finance).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.get("/api/v1/parts/analysis?category=wheels", &clerk)
            .await,
        400,
        "invalid_query",
    )
    .await;
    assert_problem(
        app.get("/api/v1/parts/analysis?warehouse_id=main", &clerk)
            .await,
        400,
        "invalid_query",
    )
    .await;
}
