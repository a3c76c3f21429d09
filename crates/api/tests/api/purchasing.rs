//! Purchasing over HTTP: a clerk raises a purchase request, purchasing
//! approves and orders it under If-Match, it is received partly (receipt
//! movements raise the stock) and then fully; receiving more than ordered is
//! 409 `over_receipt`, a stale version 412, an engineer sees none; the
//! reorder suggestions list the part before and not after it is on order.

use crate::helpers::{assert_problem, ok, spawn_app};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn a_purchase_request_is_raised_approved_ordered_and_received_partly_then_fully() {
    let app = spawn_app().await;
    let clerk = app.token(Role::PartsClerk).await;
    let buyer = app.token(Role::Purchasing).await;
    let eng = app.token(Role::Engineer).await;
    let part = ok(app
        .post(
            "/api/v1/parts",
            &clerk,
            &json!({"part_number": "LQ-7001", "name": "液压油滤芯", "category": "filter",
                "unit": "个", "standard_cost_fen": 4500,
                "reorder_point": "5", "reorder_quantity": "20"}),
        )
        .await)
    .await;
    let wh = ok(app
        .post(
            "/api/v1/warehouses",
            &clerk,
            &json!({"code": "WH-P1", "name": "总库", "kind": "central",
                "bins": [{"code": "A-01"}]}),
        )
        .await)
    .await;
    let suggested = ok(app.get("/api/v1/parts/reorder-suggestions", &buyer).await).await;
    assert_eq!(suggested["items"][0]["part_number"], "LQ-7001");
    assert_eq!(suggested["items"][0]["suggested"], "20.000");

    // Bad input changes nothing: no lines.
    let res = app
        .post(
            "/api/v1/purchase-requests",
            &clerk,
            &json!({"origin": "reorder", "lines": []}),
        )
        .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "lines");
    let res = app
        .post(
            "/api/v1/purchase-requests",
            &clerk,
            &json!({"origin": "reorder", "note": "低于补货点",
                "lines": [{"part_id": part["id"], "quantity": "10"}]}),
        )
        .await;
    assert_eq!(res.status(), 201);
    assert!(res.headers().contains_key("etag"));
    let pr: Value = res.json().await.unwrap();
    let number = pr["number"].as_str().unwrap();
    assert!(
        number.starts_with("PR-") && number.ends_with("-000001"),
        "{number}"
    );
    assert_eq!(pr["status"], "requested");
    assert_eq!(pr["actions"], json!(["note_purchase"]));
    let path = format!("/api/v1/purchase-requests/{}", pr["id"].as_str().unwrap());

    // Engineers see no purchase requests.
    assert_problem(
        app.get("/api/v1/purchase-requests", &eng).await,
        403,
        "forbidden",
    )
    .await;
    // A clerk may not approve.
    assert_problem(
        app.command(&format!("{path}/approve"), &clerk, &json!(null))
            .await,
        403,
        "forbidden",
    )
    .await;
    let approved = ok(app
        .command(&format!("{path}/approve"), &buyer, &json!(null))
        .await)
    .await;
    assert_eq!(approved["status"], "approved");
    // A stale version is refused.
    let stale = app
        .request(Method::POST, &format!("{path}/order"), Some(&buyer))
        .header("if-match", "\"1\"")
        .json(&json!({"supplier": "潍柴", "expected_on": "2199-01-01"}))
        .send()
        .await
        .unwrap();
    assert_problem(stale, 412, "stale_version").await;
    let today = chrono::Utc::now().date_naive();
    let expected = today + chrono::Duration::days(5);
    let ordered = ok(app
        .command(
            &format!("{path}/order"),
            &buyer,
            &json!({"supplier": "潍柴配件公司", "expected_on": expected}),
        )
        .await)
    .await;
    assert_eq!(ordered["status"], "ordered");
    assert_eq!(ordered["overdue"], false);
    let listed = ok(app
        .get(
            "/api/v1/purchase-requests?status=ordered&supplier=%E6%BD%8D%E6%9F%B4",
            &clerk,
        )
        .await)
    .await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    // On order now: no longer suggested.
    let suggested = ok(app.get("/api/v1/parts/reorder-suggestions", &buyer).await).await;
    assert_eq!(suggested["items"], json!([]));

    let receive = |q: &str| {
        json!({"warehouse_id": wh["id"], "bin": "A-01", "delivery_note": "SH-77",
            "lines": [{"part_id": part["id"], "quantity": q}]})
    };
    let partly = ok(app
        .command(&format!("{path}/receive"), &clerk, &receive("4"))
        .await)
    .await;
    assert_eq!(partly["status"], "partly_received");
    assert_eq!(partly["lines"][0]["outstanding"], "6.000");
    let over = app
        .command(&format!("{path}/receive"), &clerk, &receive("6.5"))
        .await;
    assert_problem(over, 409, "over_receipt").await;
    let stock = ok(app
        .get(
            &format!("/api/v1/stock?part_id={}", part["id"].as_str().unwrap()),
            &clerk,
        )
        .await)
    .await;
    assert_eq!(stock["items"][0]["on_hand"], "4.000");
    let full = ok(app
        .command(&format!("{path}/receive"), &buyer, &receive("6"))
        .await)
    .await;
    assert_eq!(full["status"], "received");
    let moves = ok(app
        .get(
            &format!(
                "/api/v1/stock-movements?reference_id={}",
                pr["id"].as_str().unwrap()
            ),
            &clerk,
        )
        .await)
    .await;
    assert_eq!(moves["items"].as_array().unwrap().len(), 2);
    assert_eq!(moves["items"][0]["reference"]["kind"], "purchase_request");
    let noted = ok(app
        .command(&format!("{path}/notes"), &clerk, &json!({"text": "已上架"}))
        .await)
    .await;
    assert_eq!(noted["notes"].as_array().unwrap().len(), 2);
    // A received request cannot be cancelled.
    assert_problem(
        app.command(&format!("{path}/cancel"), &buyer, &json!({"reason": "x"}))
            .await,
        409,
        "invalid_state",
    )
    .await;
}

#[tokio::test]
async fn every_role_reads_a_purchase_request_as_the_table_says() {
    use furrow_domain::access::{RecordKind, sees};
    use furrow_domain::auth::Actor;
    let app = spawn_app().await;
    let clerk = app.token(Role::PartsClerk).await;
    let part = ok(app
        .post(
            "/api/v1/parts",
            &clerk,
            &json!({"part_number": "LQ-7002", "name": "皮带", "category": "belt",
                "unit": "条", "standard_cost_fen": 900,
                "reorder_point": "2", "reorder_quantity": "6"}),
        )
        .await)
    .await;
    let pr = ok(app
        .post(
            "/api/v1/purchase-requests",
            &clerk,
            &json!({"origin": "manual", "lines": [{"part_id": part["id"], "quantity": "3"}]}),
        )
        .await)
    .await;
    let path = format!("/api/v1/purchase-requests/{}", pr["id"].as_str().unwrap());
    for role in Role::ALL {
        if role == Role::Dealer || role == Role::Integration {
            continue; // dealer-side roles need a dealer: covered by the table's test
        }
        let t = app.login(role).await;
        let actor = Actor {
            user_id: t.user.id,
            username: t.user.username.clone(),
            roles: t.user.roles.clone(),
            dealer_id: t.user.dealer_id,
        };
        let res = app.get(&path, &t.access_token).await;
        if sees(&actor, RecordKind::PurchaseRequest) {
            let body = ok(res).await;
            assert_eq!(body["number"], pr["number"], "{role}");
        } else {
            assert_problem(res, 403, "forbidden").await;
        }
    }
}
