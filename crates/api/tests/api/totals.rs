//! List totals: `total=true` makes a page carry how many records the list's
//! filters select over all its pages, in the caller's scope; without it the
//! page has no `total` and costs no count.

use crate::helpers::{TestApp, ok, spawn_app};
use furrow_domain::Role;
use serde_json::{Value, json};

/// A repair request for the machine, recorded by `token`.
async fn request_for(app: &TestApp, token: &str, c: &Value, m: &Value) -> Value {
    let body = json!({"kind": "repair", "customer_id": c["id"], "machine_id": m["id"],
        "symptoms": "割台不转", "needs_onsite": true, "priority": "normal"});
    ok(app.post("/api/v1/service-requests", token, &body).await).await
}

#[tokio::test]
async fn a_request_list_counts_every_page_of_the_callers_scope() {
    let app = spawn_app().await;
    let dealer = app.token(Role::Dealer).await;
    let agent = app.token(Role::Agent).await;
    for _ in 0..3 {
        let (c, m) = app.customer_and_machine(&dealer).await;
        request_for(&app, &dealer, &c, &m).await;
    }
    let elsewhere = app.fx.dealer().create().await;
    let (c, m) = app
        .customer_and_machine_of(Some(elsewhere.id), &agent)
        .await;
    request_for(&app, &agent, &c, &m).await;

    let first = ok(app
        .get("/api/v1/service-requests?limit=2&total=true", &dealer)
        .await)
    .await;
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    assert_eq!(first["total"], 3, "the dealer's own requests only: {first}");
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = ok(app
        .get(
            &format!("/api/v1/service-requests?limit=2&total=true&cursor={cursor}"),
            &dealer,
        )
        .await)
    .await;
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    assert_eq!(second["total"], 3, "the same total on every page");

    let all = ok(app.get("/api/v1/service-requests?total=true", &agent).await).await;
    assert_eq!(all["total"], 4);
    let filtered = ok(app
        .get(
            &format!(
                "/api/v1/service-requests?total=true&dealer_id={}",
                elsewhere.id
            ),
            &agent,
        )
        .await)
    .await;
    assert_eq!(filtered["total"], 1, "filters apply to the total");
    let plain = ok(app.get("/api/v1/service-requests", &agent).await).await;
    assert!(
        plain.get("total").is_none(),
        "no total unless asked: {plain}"
    );
}

#[tokio::test]
async fn a_master_list_counts_its_filtered_selection() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    for _ in 0..3 {
        app.fx.customer().province("吉林省").create().await;
    }
    app.fx.customer().province("辽宁省").create().await;

    let page = ok(app
        .get(
            "/api/v1/customers?province=%E5%90%89%E6%9E%97%E7%9C%81&limit=1&total=true",
            &agent,
        )
        .await)
    .await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["total"], 3);
    let sorted = ok(app
        .get("/api/v1/customers?sort=phone&dir=desc&total=true", &agent)
        .await)
    .await;
    assert_eq!(sorted["total"], 4, "an order changes no total");
    let res = app.get("/api/v1/customers?total=maybe", &agent).await;
    assert_eq!(
        res.status(),
        400,
        "a total that is not a boolean is refused"
    );
}
