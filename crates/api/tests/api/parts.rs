//! Parts over HTTP: the catalog, a receipt raising the level, and an
//! adjustment below zero refused with 409 `insufficient_stock` naming what is
//! on hand, writing nothing.

use crate::helpers::spawn_app;
use furrow_domain::Role;
use serde_json::{Value, json};

#[tokio::test]
async fn a_clerk_receives_parts_and_an_adjustment_below_zero_is_refused_with_what_is_on_hand() {
    let app = spawn_app().await;
    let clerk = app.login(Role::PartsClerk).await.access_token;
    let eng = app.login(Role::Engineer).await.access_token;
    let res = app
        .post(
            "/api/v1/parts",
            &clerk,
            &json!({"part_number": "LQ-9001", "name": "机油滤清器", "spec": "JX0810B",
                "category": "filter", "unit": "个", "standard_cost_fen": 2800,
                "reorder_point": "5", "reorder_quantity": "20"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let part: Value = res.json().await.unwrap();
    let res = app
        .post(
            "/api/v1/warehouses",
            &clerk,
            &json!({"code": "WH-T1", "name": "总库", "kind": "central",
                "bins": [{"code": "A-01", "description": "滤清器"}]}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let wh: Value = res.json().await.unwrap();
    let found: Value = app
        .get("/api/v1/parts?q=%E6%BB%A4%E6%B8%85", &eng)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found["items"][0]["part_number"], "LQ-9001");

    let res = app
        .post(
            "/api/v1/stock-movements/receipts",
            &clerk,
            &json!({"part_id": part["id"], "warehouse_id": wh["id"], "quantity": "3",
                "bin": "A-01", "delivery_note": "SH-1"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let posted: Value = res.json().await.unwrap();
    assert_eq!(posted[0]["kind"], "receipt");
    assert_eq!(posted[0]["quantity"], "3.000");

    // An engineer may read stock but not adjust it.
    let res = app
        .post(
            "/api/v1/stock-movements/adjustments",
            &eng,
            &json!({"part_id": part["id"], "warehouse_id": wh["id"], "quantity": "-1", "reason": "x"}),
        )
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .post(
            "/api/v1/stock-movements/adjustments",
            &clerk,
            &json!({"part_id": part["id"], "warehouse_id": wh["id"], "quantity": "-4", "reason": "盘亏"}),
        )
        .await;
    assert_eq!(res.status(), 409);
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["code"], "insufficient_stock", "{problem}");
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("3.000 on hand"), "{detail}");

    let stock: Value = app
        .get("/api/v1/stock?below_reorder=true", &eng)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stock["items"].as_array().unwrap().len(), 1);
    assert_eq!(stock["items"][0]["on_hand"], "3.000");
    assert_eq!(stock["items"][0]["bin"], "A-01");
    let ledger: Value = app
        .get(
            &format!(
                "/api/v1/stock-movements?part_id={}",
                part["id"].as_str().unwrap()
            ),
            &eng,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        ledger["items"].as_array().unwrap().len(),
        1,
        "the refusal wrote nothing"
    );
}
