//! Requisitions over HTTP: the supervisor's approval of a report with two
//! catalog parts creates the requisition; the parts clerk issues one line
//! fully and the other partly (its part runs out: short), under If-Match
//! (428 without, 412 stale); more than on hand is 409 `insufficient_stock`;
//! the machine's archive lists the parts issued on it with the work order;
//! the engineer asks for parts for his open work order; who may see and do
//! what follows the permission table.

use crate::helpers::{TestApp, assert_problem, ok, spawn_app};
use crate::service::{cmd, dispatch_to_engineer, intake_body, offered, run};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};

/// A part of the catalog and a warehouse holding `on_hand` of each part.
async fn stocked(app: &TestApp, parts: &[(&str, &str, &str)]) -> (Vec<Value>, Value) {
    let clerk = app.token(Role::PartsClerk).await;
    let wh = ok(app
        .post(
            "/api/v1/warehouses",
            &clerk,
            &json!({"code": "WH-RQ", "name": "总库", "kind": "central",
                "bins": [{"code": "A-01", "description": null}]}),
        )
        .await)
    .await;
    let mut out = Vec::new();
    for (number, name, on_hand) in parts {
        let p = ok(app
            .post(
                "/api/v1/parts",
                &clerk,
                &json!({"part_number": number, "name": name, "category": "chain", "unit": "件",
                    "standard_cost_fen": 9000, "reorder_point": "1", "reorder_quantity": "5"}),
            )
            .await)
        .await;
        ok(app
            .post(
                "/api/v1/stock-movements/receipts",
                &clerk,
                &json!({"part_id": p["id"], "warehouse_id": wh["id"], "quantity": on_hand, "bin": "A-01"}),
            )
            .await)
        .await;
        out.push(p);
    }
    (out, wh)
}

/// A request on a new machine dispatched to the cast engineer: the machine
/// and the work order's path.
async fn dispatched(app: &TestApp) -> (Value, String) {
    let agent = app.token(Role::Agent).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let sr = ok(app
        .post("/api/v1/service-requests", &agent, &intake_body(&c, &m))
        .await)
    .await;
    (m, dispatch_to_engineer(app, &sr).await)
}

/// The visit reported with `parts` and approved: the machine and work order path.
async fn approved(app: &TestApp, parts: Value) -> (Value, String) {
    let sup = app.token(Role::Supervisor).await;
    let t = app.token(Role::Engineer).await;
    let (m, wo_path) = dispatched(app).await;
    let wo = ok(app.get(&wo_path, &t).await).await;
    let wo = run(app, &format!("{wo_path}/check-in"), &t, &wo, json!({})).await;
    run(
        app,
        &format!("{wo_path}/finish"),
        &t,
        &wo,
        json!({"inspection_passed": true}),
    )
    .await;
    let report = ok(app
        .request(Method::PUT, &format!("{wo_path}/report"), Some(&t))
        .header("if-match", "\"0\"")
        .json(
            &json!({"process": "检查割台", "cause": "链条磨损", "measures": "更换链条和弹簧",
            "labour_hours": "2", "parts": parts}),
        )
        .send()
        .await
        .unwrap())
    .await;
    let rpath = format!("/api/v1/repair-reports/{}", report["id"].as_str().unwrap());
    let report = run(app, &format!("{rpath}/submit"), &t, &report, json!({})).await;
    run(app, &format!("{rpath}/approve"), &sup, &report, json!({})).await;
    (m, wo_path)
}

#[tokio::test]
async fn an_approved_reports_parts_are_issued_fully_and_partly_and_the_archive_lists_them() {
    let app = spawn_app().await;
    let clerk = app.token(Role::PartsClerk).await;
    let (parts, wh) = stocked(
        &app,
        &[
            ("GT-0812", "割台传动链条", "3"),
            ("GT-0815", "安全离合器弹簧", "1"),
        ],
    )
    .await;
    let (m, wo_path) = approved(
        &app,
        json!([
            {"part_number": "GT-0812", "name": "链条", "quantity": "1", "unit": "条"},
            {"part_number": "GT-0815", "name": "弹簧", "quantity": "2", "unit": "件"},
            {"name": "铁丝", "quantity": "1"}
        ]),
    )
    .await;
    let wo_id = wo_path.rsplit('/').next().unwrap();
    let page = ok(app
        .get(
            &format!("/api/v1/requisitions?work_order_id={wo_id}"),
            &clerk,
        )
        .await)
    .await;
    let r = &page["items"][0];
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(r["status"], "open");
    assert_eq!(r["source"], "report");
    assert_eq!(r["lines"][2]["issuable"], false);
    assert_eq!(
        offered(r),
        vec!["issue_parts", "cancel_requisition"],
        "the clerk's actions"
    );
    let number = r["number"].as_str().unwrap();
    let found = ok(app
        .get(&format!("/api/v1/requisitions?q={}", &number[8..]), &clerk)
        .await)
    .await;
    assert_eq!(found["items"][0]["number"], number);
    let path = format!("/api/v1/requisitions/{}", r["id"].as_str().unwrap());
    let line = |i: usize| r["lines"][i]["id"].clone();
    let body = |a: &str, b: &str| {
        json!({"warehouse_id": wh["id"], "recipient": "张工",
            "lines": [{"line_id": line(0), "quantity": a}, {"line_id": line(1), "quantity": b}]})
    };
    // Without If-Match: 428; stale: 412; more than on hand: 409; all writing nothing.
    let res = app
        .post(&format!("{path}/issue"), &clerk, &body("1", "1"))
        .await;
    assert_eq!(res.status(), 428);
    let res = cmd(
        &app,
        &format!("{path}/issue"),
        &clerk,
        &json!(9),
        &body("1", "1"),
    )
    .await;
    assert_eq!(res.status(), 412);
    let p = assert_problem(
        cmd(
            &app,
            &format!("{path}/issue"),
            &clerk,
            &r["version"],
            &body("1", "2"),
        )
        .await,
        409,
        "insufficient_stock",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("GT-0815"), "{p}");
    let res = cmd(
        &app,
        &format!("{path}/issue"),
        &clerk,
        &r["version"],
        &body("2", "1"),
    )
    .await;
    let p = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "lines[0].quantity", "{p}");
    // An engineer cannot issue.
    let eng = app.token(Role::Engineer).await;
    assert_eq!(
        cmd(
            &app,
            &format!("{path}/issue"),
            &eng,
            &r["version"],
            &body("1", "1")
        )
        .await
        .status(),
        403
    );
    // One fully, one partly: the spring runs out and its line is short.
    let res = cmd(
        &app,
        &format!("{path}/issue"),
        &clerk,
        &r["version"],
        &body("1", "1"),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert!(res.headers().contains_key("etag"));
    let issued: Value = res.json().await.unwrap();
    assert_eq!(issued["status"], "partly_issued");
    assert_eq!(issued["lines"][0]["issued"], "1.000");
    assert_eq!(issued["lines"][1]["issued"], "1.000");
    assert_eq!(issued["lines"][1]["short"], "1.000");
    assert_eq!(issued["short"], true);
    let moves = ok(app
        .get(
            &format!(
                "/api/v1/stock-movements?reference_id={}",
                r["id"].as_str().unwrap()
            ),
            &clerk,
        )
        .await)
    .await;
    assert_eq!(moves["items"].as_array().unwrap().len(), 2);
    assert_eq!(moves["items"][0]["recipient"], "张工");
    // The engineer sees his own; another engineer 404; a dealer 403.
    assert_eq!(app.get(&path, &eng).await.status(), 200);
    let other = app.another_engineer().await.access_token;
    assert_eq!(app.get(&path, &other).await.status(), 404);
    let dealer = app.token(Role::Dealer).await;
    assert_eq!(app.get("/api/v1/requisitions", &dealer).await.status(), 403);
    // An unused chain comes back.
    let back = run(
        &app,
        &format!("{path}/returns"),
        &clerk,
        &issued,
        json!({"warehouse_id": wh["id"], "lines": [{"line_id": line(0), "quantity": "1"}]}),
    )
    .await;
    assert_eq!(back["lines"][0]["returned"], "1.000");
    // The machine's archive lists the spring issued on it, with the work order.
    let sup = app.token(Role::Supervisor).await;
    let archive = app
        .read(
            &format!("/api/v1/machines/{}/archive", m["id"].as_str().unwrap()),
            &sup,
        )
        .await;
    let listed = archive["parts_issued"].as_array().unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["part_number"], "GT-0815");
    assert_eq!(listed[0]["quantity"], "1.000");
    assert_eq!(listed[0]["work_order_id"], wo_id);
    assert_eq!(listed[0]["requisition_number"], number);
    let _ = parts;
}

#[tokio::test]
async fn an_engineer_asks_for_parts_for_his_open_work_order() {
    let app = spawn_app().await;
    let (parts, _) = stocked(&app, &[("GT-0900", "轴承", "2")]).await;
    let (_, wo_path) = dispatched(&app).await;
    let eng = app.token(Role::Engineer).await;
    let body = json!({"lines": [{"part_id": parts[0]["id"], "quantity": "2"}], "note": "备件"});
    let res = app
        .request(Method::POST, &format!("{wo_path}/requisitions"), Some(&eng))
        .header("if-match", "*")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let r: Value = res.json().await.unwrap();
    assert_eq!(r["source"], "engineer");
    assert!(r["number"].as_str().unwrap().starts_with("RQ-"));
    assert!(offered(&r).is_empty());
    let bad = json!({"lines": [{"part_id": parts[0]["id"], "quantity": "0"}]});
    let res = app
        .request(Method::POST, &format!("{wo_path}/requisitions"), Some(&eng))
        .header("if-match", "*")
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_problem(res, 422, "validation_failed").await;
    let clerk = app.token(Role::PartsClerk).await;
    let res = app
        .request(
            Method::POST,
            &format!("{wo_path}/requisitions"),
            Some(&clerk),
        )
        .header("if-match", "*")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let mine = ok(app.get("/api/v1/requisitions", &eng).await).await;
    assert_eq!(mine["items"].as_array().unwrap().len(), 1);
}
