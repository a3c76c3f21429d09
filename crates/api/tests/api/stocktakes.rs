//! Stock-takes over HTTP: a clerk opens one on a warehouse, counts its
//! lines with one variance (`If-Match` the line's version), lists the
//! variances, reconciles with the stock-take's ETag and reads the accuracy;
//! the stock shows the adjusted quantity; the refusals are clear and change
//! nothing; managers read, others are refused.

use crate::helpers::{assert_problem, ok, spawn_app};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn a_clerk_counts_a_warehouse_with_one_variance_and_reconciles_it() {
    let app = spawn_app().await;
    let clerk = app.token(Role::PartsClerk).await;
    let manager = app.token(Role::Manager).await;
    let eng = app.token(Role::Engineer).await;
    let wh = ok(app
        .post(
            "/api/v1/warehouses",
            &clerk,
            &json!({"code": "WH-S1", "name": "总库", "kind": "central",
                "bins": [{"code": "A-01"}, {"code": "A-02"}]}),
        )
        .await)
    .await;
    let mut parts = Vec::new();
    for (number, bin, q) in [("LQ-1", "A-01", "10"), ("PD-1", "A-02", "4")] {
        let p = ok(app
            .post(
                "/api/v1/parts",
                &clerk,
                &json!({"part_number": number, "name": "件", "category": "filter", "unit": "个",
                    "standard_cost_fen": 100, "reorder_point": "0", "reorder_quantity": "0"}),
            )
            .await)
        .await;
        ok(app
            .post(
                "/api/v1/stock-movements/receipts",
                &clerk,
                &json!({"part_id": p["id"], "warehouse_id": wh["id"], "quantity": q, "bin": bin}),
            )
            .await)
        .await;
        parts.push(p["id"].as_str().unwrap().to_owned());
    }

    // Only parts clerks open; an unknown bin is a field error.
    let body = json!({"warehouse_id": wh["id"]});
    assert_problem(
        app.post("/api/v1/stocktakes", &manager, &body).await,
        403,
        "forbidden",
    )
    .await;
    let bad = assert_problem(
        app.post(
            "/api/v1/stocktakes",
            &clerk,
            &json!({"warehouse_id": wh["id"], "bins": ["Z-9"]}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(bad["errors"][0]["field"], "bins");
    let res = app.post("/api/v1/stocktakes", &clerk, &body).await;
    assert_eq!(res.status(), 201);
    assert!(res.headers().contains_key("location"));
    let opened: Value = res.json().await.unwrap();
    let id = opened["stocktake"]["id"].as_str().unwrap().to_owned();
    assert!(
        opened["stocktake"]["number"]
            .as_str()
            .unwrap()
            .starts_with("ST-")
    );
    assert_eq!(opened["lines"].as_array().unwrap().len(), 2);
    assert_eq!(opened["lines"][0]["book"], "10.000");
    assert_problem(
        app.post("/api/v1/stocktakes", &clerk, &body).await,
        409,
        "stocktake_in_progress",
    )
    .await;

    let count = |part: String, q: &'static str, version: &'static str, token: String| {
        let req = app
            .request(
                Method::PUT,
                &format!("/api/v1/stocktakes/{id}/lines/{part}"),
                Some(&token),
            )
            .header("if-match", version)
            .json(&json!({"counted": q}));
        async move { req.send().await.unwrap() }
    };
    // Without If-Match: 428; a negative count: 422; a manager: 403.
    let res = app
        .request(
            Method::PUT,
            &format!("/api/v1/stocktakes/{id}/lines/{}", parts[0]),
            Some(&clerk),
        )
        .json(&json!({"counted": "10"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 428);
    assert_problem(
        count(parts[0].clone(), "-1", "\"1\"", clerk.clone()).await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        count(parts[0].clone(), "1", "\"1\"", manager.clone()).await,
        403,
        "forbidden",
    )
    .await;
    let line = ok(count(parts[0].clone(), "10", "\"1\"", clerk.clone()).await).await;
    assert_eq!(line["variance"], "0.000");
    // The stock-take is not reconciled while a line is uncounted.
    let path = format!("/api/v1/stocktakes/{id}/reconcile");
    let reconcile = |token: String| {
        let (app, path) = (&app, path.clone());
        async move { app.command(&path, &token, &json!(null)).await }
    };
    assert_problem(reconcile(clerk.clone()).await, 409, "uncounted_lines").await;
    let line = ok(count(parts[1].clone(), "3", "\"1\"", clerk.clone()).await).await;
    assert_eq!(line["variance"], "-1.000");
    // A stale line version: 412.
    let res = count(parts[1].clone(), "3", "\"1\"", clerk.clone()).await;
    assert_eq!(res.status(), 412);

    let variance: Value = app
        .read(
            &format!("/api/v1/stocktakes/{id}?variance_only=true"),
            &manager,
        )
        .await;
    assert_eq!(variance["lines"].as_array().unwrap().len(), 1);
    assert_eq!(variance["lines"][0]["part_id"], parts[1].as_str());
    assert_eq!(variance["stocktake"]["actions"], json!([]));

    // A reconcile with the version read before the last count: 412.
    let stale = app
        .request(
            Method::POST,
            &format!("/api/v1/stocktakes/{id}/reconcile"),
            Some(&clerk),
        )
        .header(
            "if-match",
            format!("\"{}\"", opened["stocktake"]["version"]),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 412);
    let done = ok(reconcile(clerk.clone()).await).await;
    assert_eq!(done["stocktake"]["status"], "reconciled");
    assert_eq!(done["stocktake"]["matched_lines"], 1);
    assert_eq!(done["stocktake"]["accuracy_percent"], 50.0);
    assert_problem(reconcile(clerk.clone()).await, 409, "invalid_state").await;

    let stock: Value = app
        .read(&format!("/api/v1/stock?part_id={}", parts[1]), &clerk)
        .await;
    assert_eq!(stock["items"][0]["on_hand"], "3.000");
    let moves: Value = app
        .read(
            &format!("/api/v1/stock-movements?reference_id={id}"),
            &clerk,
        )
        .await;
    assert_eq!(moves["items"].as_array().unwrap().len(), 1);
    assert_eq!(moves["items"][0]["kind"], "adjustment");

    let listed: Value = app
        .read(
            &format!(
                "/api/v1/stocktakes?status=reconciled&warehouse_id={}",
                wh["id"].as_str().unwrap()
            ),
            &manager,
        )
        .await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    assert_eq!(listed["items"][0]["variance_lines"], 1);
    assert_problem(app.get("/api/v1/stocktakes", &eng).await, 403, "forbidden").await;
}
