//! The status a dealer's system pulls: by number and changed since a time,
//! in the public vocabulary, with ETags answered 304, another dealer's
//! request 404, and nothing internal in the answer.

use crate::api_clients::{client_token, dealer_client};
use crate::helpers::{TestApp, assert_problem, ok, spawn_app};
use furrow_domain::Role;
use reqwest::{Method, Response};
use serde_json::{Value, json};

/// A request of `dealer`'s customer taken in by the desk.
async fn request_of(app: &TestApp, dealer: uuid::Uuid, agent: &str) -> Value {
    let (c, m) = app.customer_and_machine_of(Some(dealer), agent).await;
    let body = json!({"kind": "repair", "customer_id": c["id"], "machine_id": m["id"],
        "symptoms": "割台不转", "preliminary_judgement": "皮带断裂", "needs_onsite": true,
        "priority": "normal"});
    ok(app.post("/api/v1/service-requests", agent, &body).await).await
}

async fn get_if(app: &TestApp, path: &str, token: &str, tag: Option<&str>) -> Response {
    let mut r = app.request(Method::GET, path, Some(token));
    if let Some(t) = tag {
        r = r.header("if-none-match", t);
    }
    r.send().await.unwrap()
}

fn etag_of(res: &Response) -> String {
    res.headers()["etag"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_dealer_pulls_its_request_by_number_with_etags_and_never_anothers() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let sup = app.token(Role::Supervisor).await;
    let dealer = app.token(Role::Dealer).await;
    let ours = app.dealer().await.id;
    let theirs = app.fx.dealer().create().await.id;
    let own = request_of(&app, ours, &agent).await;
    let other = request_of(&app, theirs, &agent).await;
    let path = format!(
        "/api/v1/service-requests/by-number/{}",
        own["number"].as_str().unwrap()
    );

    let res = get_if(&app, &path, &dealer, None).await;
    assert_eq!(res.status(), 200);
    let tag = etag_of(&res);
    let v = ok(res).await;
    assert_eq!(v["number"], own["number"]);
    assert_eq!(v["status"], "received");
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "arrived_at",
            "closed_at",
            "number",
            "promised_arrival_at",
            "repair_due",
            "repaired_at",
            "reported_at",
            "status",
            "updated_at"
        ],
        "only the public fields: no id, note, symptoms or engineer"
    );

    // Unchanged: 304 with the same tag and no body.
    let res = get_if(&app, &path, &dealer, Some(&tag)).await;
    assert_eq!(res.status(), 304);
    assert_eq!(etag_of(&res), tag);
    assert!(res.bytes().await.unwrap().is_empty());

    // Dispatched: the tag no longer matches and the status is public.
    let eng = app.login(Role::Engineer).await.user.id;
    let res = app
        .command(
            &format!(
                "/api/v1/service-requests/{}/dispatch",
                own["id"].as_str().unwrap()
            ),
            &sup,
            &json!({"engineer_id": eng}),
        )
        .await;
    ok(res).await;
    let res = get_if(&app, &path, &dealer, Some(&tag)).await;
    assert_eq!(res.status(), 200);
    assert_ne!(etag_of(&res), tag);
    assert_eq!(ok(res).await["status"], "scheduled");

    // Another dealer's number and an unknown one: 404 alike.
    let theirs_path = format!(
        "/api/v1/service-requests/by-number/{}",
        other["number"].as_str().unwrap()
    );
    assert_problem(app.get(&theirs_path, &dealer).await, 404, "not_found").await;
    assert_problem(
        app.get(
            "/api/v1/service-requests/by-number/SR-00000000-0000",
            &dealer,
        )
        .await,
        404,
        "not_found",
    )
    .await;
    // The desk sees both.
    assert_eq!(app.read(&theirs_path, &agent).await["status"], "received");
}

#[tokio::test]
async fn a_dealer_client_lists_its_requests_changed_since_a_time_page_by_page() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let ours = app.dealer().await.id;
    let theirs = app.fx.dealer().create().await.id;
    let since = chrono::Utc::now() - chrono::Duration::minutes(1);
    let mut numbers = Vec::new();
    for _ in 0..3 {
        numbers.push(request_of(&app, ours, &agent).await["number"].clone());
    }
    request_of(&app, theirs, &agent).await;
    let (id, secret) = dealer_client(&app, &ours.to_string()).await;
    let client = client_token(&app, &id, &secret).await;
    let since = since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);

    // Two pages of two and one: its own three, oldest change first.
    let first = format!("/api/v1/service-requests/status?changed_since={since}&limit=2");
    let res = get_if(&app, &first, &client, None).await;
    let tag = etag_of(&res);
    let page = ok(res).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let cursor = page["next_cursor"].as_str().unwrap();
    let page2 = app.read(&format!("{first}&cursor={cursor}"), &client).await;
    assert!(page2.get("next_cursor").is_none());
    let got: Vec<Value> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(page2["items"].as_array().unwrap())
        .map(|i| i["number"].clone())
        .collect();
    assert_eq!(got, numbers);

    // Unchanged: 304; a change on the page: a new tag, and the changed
    // request moves to the end of the list.
    assert_eq!(
        get_if(&app, &first, &client, Some(&tag)).await.status(),
        304
    );
    let changed = app
        .read(
            &format!(
                "/api/v1/service-requests/by-number/{}",
                numbers[0].as_str().unwrap()
            ),
            &agent,
        )
        .await;
    assert_eq!(changed["status"], "received");
    let sr = app
        .read(
            &format!(
                "/api/v1/service-requests?q={}",
                numbers[0].as_str().unwrap()
            ),
            &agent,
        )
        .await;
    let sr_id = sr["items"][0]["id"].as_str().unwrap().to_owned();
    ok(app
        .command(
            &format!("/api/v1/service-requests/{sr_id}/cancel"),
            &agent,
            &json!({"reason": "客户已自行修好"}),
        )
        .await)
    .await;
    let res = get_if(&app, &first, &client, Some(&tag)).await;
    assert_eq!(res.status(), 200);
    assert_ne!(etag_of(&res), tag);
    let all = app
        .read(
            &format!("/api/v1/service-requests/status?changed_since={since}"),
            &client,
        )
        .await;
    let last = all["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["number"], numbers[0]);
    assert_eq!(last["status"], "cancelled");
    assert!(last["closed_at"].is_string());

    // Bad input is a clear 400.
    let bad = app
        .get(
            "/api/v1/service-requests/status?changed_since=yesterday",
            &client,
        )
        .await;
    assert_eq!(bad.status(), 400);
    let foreign = app
        .get(
            &format!("/api/v1/service-requests/status?changed_since={since}&cursor=abc"),
            &client,
        )
        .await;
    assert_problem(foreign, 400, "invalid_cursor").await;
}

/// A visit held by a part that ran out: the issue finds the line short, and
/// the request waits for parts (`waiting_for_parts` to the dealer's system,
/// under a new ETag; the time on the request's page; `parts_awaited` in its
/// timeline). Once the part is received and issued, the wait is over and
/// the visit shows as `scheduled` again.
#[tokio::test]
async fn a_visit_held_by_a_shortage_pulls_as_waiting_for_parts_until_the_part_is_issued() {
    use crate::service::{dispatch_to_engineer, run, timeline_actions};
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let sup = app.token(Role::Supervisor).await;
    let dealer = app.token(Role::Dealer).await;
    let clerk = app.token(Role::PartsClerk).await;
    let eng = app.token(Role::Engineer).await;
    let sr = request_of(&app, app.dealer().await.id, &agent).await;
    let id = sr["id"].as_str().unwrap();
    let wo_path = dispatch_to_engineer(&app, &sr).await;
    let wh = ok(app
        .post(
            "/api/v1/warehouses",
            &clerk,
            &json!({"code": "WH-PW", "name": "总库", "kind": "central", "bins": []}),
        )
        .await)
    .await;
    let part = ok(app
        .post(
            "/api/v1/parts",
            &clerk,
            &json!({"part_number": "GT-0901", "name": "轴承", "category": "chain", "unit": "件",
                "standard_cost_fen": 9000, "reorder_point": "0", "reorder_quantity": "0"}),
        )
        .await)
    .await;
    let receive = |quantity: &str| json!({"part_id": part["id"], "warehouse_id": wh["id"], "quantity": quantity});
    ok(app
        .post("/api/v1/stock-movements/receipts", &clerk, &receive("1"))
        .await)
    .await;
    let r = ok(app
        .request(Method::POST, &format!("{wo_path}/requisitions"), Some(&eng))
        .header("if-match", "*")
        .json(&json!({"lines": [{"part_id": part["id"], "quantity": "3"}]}))
        .send()
        .await
        .unwrap())
    .await;
    let pull = format!(
        "/api/v1/service-requests/by-number/{}",
        sr["number"].as_str().unwrap()
    );
    let res = get_if(&app, &pull, &dealer, None).await;
    let tag = etag_of(&res);
    assert_eq!(ok(res).await["status"], "scheduled");

    // The 1 there is goes out; the other 2 are short.
    let issue = format!("/api/v1/requisitions/{}/issue", r["id"].as_str().unwrap());
    let lines = |q: &str| {
        json!({"warehouse_id": wh["id"], "recipient": "王工",
            "lines": [{"line_id": r["lines"][0]["id"], "quantity": q}]})
    };
    let r = run(&app, &issue, &clerk, &r, lines("1")).await;
    assert_eq!(r["short"], true);
    let res = get_if(&app, &pull, &dealer, Some(&tag)).await;
    assert_eq!(res.status(), 200, "the wait is a change: a new ETag");
    assert_eq!(ok(res).await["status"], "waiting_for_parts");
    let base = format!("/api/v1/service-requests/{id}");
    let page = app.read(&base, &sup).await;
    assert!(page["parts_waiting_since"].is_string(), "{page}");
    let actions = timeline_actions(&app, &base, &sup).await;
    assert!(actions.iter().any(|a| a == "parts_awaited"), "{actions:?}");

    // Nothing is ordered yet; once purchasing orders, the request's page
    // (revalidated with its ETag) says when the parts are expected.
    let res = get_if(&app, &base, &sup, None).await;
    let page_tag = etag_of(&res);
    let page = ok(res).await;
    assert_eq!(page["parts_expected"]["undated"], 1, "{page}");
    assert!(page["parts_expected"]["expected_on"].is_null(), "{page}");
    let buyer = app.token(Role::Purchasing).await;
    let bought = app
        .read(
            &format!(
                "/api/v1/purchase-requests?work_order_id={}",
                r["work_order_id"].as_str().unwrap()
            ),
            &buyer,
        )
        .await;
    let pr = &bought["items"][0];
    let pr_path = format!("/api/v1/purchase-requests/{}", pr["id"].as_str().unwrap());
    let pr = run(&app, &format!("{pr_path}/approve"), &buyer, pr, json!({})).await;
    let unchanged = get_if(&app, &base, &sup, Some(&page_tag)).await;
    assert_eq!(
        unchanged.status(),
        304,
        "approving dates nothing: the page is the same"
    );
    let on = (chrono::Utc::now() + chrono::Duration::days(5))
        .date_naive()
        .to_string();
    run(
        &app,
        &format!("{pr_path}/order"),
        &buyer,
        &pr,
        json!({"supplier": "中收农机配件", "expected_on": on}),
    )
    .await;
    let res = get_if(&app, &base, &sup, Some(&page_tag)).await;
    assert_eq!(res.status(), 200, "the order dates the parts: a new ETag");
    let page = ok(res).await;
    assert_eq!(page["parts_expected"]["expected_on"], on.as_str(), "{page}");
    assert_eq!(page["parts_expected"]["undated"], 0, "{page}");
    assert_eq!(page["parts_expected"]["overdue"], false, "{page}");

    // The part comes in and the rest is issued: the wait is over.
    ok(app
        .post("/api/v1/stock-movements/receipts", &clerk, &receive("2"))
        .await)
    .await;
    let r = run(&app, &issue, &clerk, &r, lines("2")).await;
    assert_eq!(r["short"], false);
    let v = ok(get_if(&app, &pull, &dealer, None).await).await;
    assert_eq!(v["status"], "scheduled");
    let page = app.read(&base, &sup).await;
    assert!(page["parts_waiting_since"].is_null(), "{page}");
    let actions = timeline_actions(&app, &base, &sup).await;
    assert!(
        actions.iter().any(|a| a == "parts_wait_ended"),
        "{actions:?}"
    );
}
