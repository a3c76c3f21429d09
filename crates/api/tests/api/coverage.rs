//! Who pays (issue 18, item 15): intake proposes the coverage from the
//! machine's warranty on the report day and the request's kind, the
//! supervisor confirms or changes it at review (a change needs a reason and
//! is audited), and the work order, report and sign page show it.

use crate::helpers::{TestApp, assert_problem, ok, spawn_app};
use crate::service::{cmd, run};
use chrono::{Duration, Utc};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};

/// A customer and their combine harvester sold `days_ago` (24 months of
/// 三包 from the sale), as `token` reads them.
async fn combine_sold(app: &TestApp, token: &str, days_ago: i64) -> (Value, Value) {
    let owner = app.fx.customer().create().await;
    let sold = Utc::now().date_naive() - Duration::days(days_ago);
    let m = app
        .fx
        .machine()
        .owner(owner.id)
        .sale_date(sold)
        .create()
        .await;
    (
        app.read(&format!("/api/v1/customers/{}", owner.id), token)
            .await,
        app.read(&format!("/api/v1/machines/{}", m.id), token).await,
    )
}

fn preview_path(c: &Value, m: &Value, kind: &str) -> String {
    format!(
        "/api/v1/service-requests/clock-preview?customer_id={}&machine_id={}&priority=normal&needs_onsite=true&kind={kind}",
        c["id"].as_str().unwrap(),
        m["id"].as_str().unwrap()
    )
}

fn intake_body(c: &Value, m: &Value) -> Value {
    json!({"kind": "repair", "customer_id": c["id"], "machine_id": m["id"],
        "symptoms": "割台不转", "needs_onsite": true, "priority": "normal",
        "suspected_part": "main_part"})
}

#[tokio::test]
async fn intake_proposes_sanbao_for_an_in_warranty_combine_and_charges_maintenance() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let (c, m) = combine_sold(&app, &agent, 30).await;

    let p = app.read(&preview_path(&c, &m, "repair"), &agent).await;
    assert_eq!(p["warranty"], "in_warranty");
    assert_eq!(p["coverage"], "sanbao");
    let p = app.read(&preview_path(&c, &m, "maintenance"), &agent).await;
    assert_eq!(p["coverage"], "charged");

    let sr = ok(app
        .post("/api/v1/service-requests", &agent, &intake_body(&c, &m))
        .await)
    .await;
    assert_eq!(sr["proposed_coverage"], "sanbao");
    assert_eq!(sr["coverage"], Value::Null);
    let base = format!("/api/v1/service-requests/{}", sr["id"].as_str().unwrap());
    let again = app.read(&base, &agent).await;
    assert_eq!(again["proposed_coverage"], "sanbao");

    // Sold three years ago: out of its 24 months, no extended warranty.
    let (old_c, old_m) = combine_sold(&app, &agent, 3 * 365).await;
    let p = app
        .read(&preview_path(&old_c, &old_m, "repair"), &agent)
        .await;
    assert_eq!(p["warranty"], "expired");
    assert_eq!(p["coverage"], "charged");
    let sr = ok(app
        .post(
            "/api/v1/service-requests",
            &agent,
            &intake_body(&old_c, &old_m),
        )
        .await)
    .await;
    assert_eq!(sr["proposed_coverage"], "charged");
}

/// An in-warranty combine's request brought to review with two part lines:
/// (request path, work order path, submitted report).
async fn in_warranty_report(app: &TestApp) -> (String, String, Value) {
    let agent = app.token(Role::Agent).await;
    let sup = app.token(Role::Supervisor).await;
    let eng = app.login(Role::Engineer).await;
    let (c, m) = combine_sold(app, &agent, 30).await;
    let sr = ok(app
        .post("/api/v1/service-requests", &agent, &intake_body(&c, &m))
        .await)
    .await;
    let base = format!("/api/v1/service-requests/{}", sr["id"].as_str().unwrap());
    let res = cmd(
        app,
        &format!("{base}/dispatch"),
        &sup,
        &sr["version"],
        &json!({"engineer_id": eng.user.id}),
    )
    .await;
    let wo_path = res.headers()["location"].to_str().unwrap().to_owned();
    let t = &eng.access_token;
    let wo = app.read(&wo_path, t).await;
    let wo = run(app, &format!("{wo_path}/check-in"), t, &wo, json!({})).await;
    run(
        app,
        &format!("{wo_path}/finish"),
        t,
        &wo,
        json!({"inspection_passed": true}),
    )
    .await;
    // The engineer's draft says nothing of who pays, even if it tries.
    let draft = json!({"process": "更换割刀与轴承", "cause": "割刀崩齿，轴承磨损", "measures": "更换",
        "labour_hours": "2", "parts": [
            {"name": "割刀", "quantity": "1", "unit": "把", "coverage": "goodwill"},
            {"name": "轴承", "quantity": "2", "unit": "个"}]});
    let report = ok(app
        .request(Method::PUT, &format!("{wo_path}/report"), Some(t))
        .header("if-match", "\"0\"")
        .json(&draft)
        .send()
        .await
        .unwrap())
    .await;
    assert_eq!(report["parts"][0].get("coverage"), None);
    assert_eq!(report["proposed_coverage"], "sanbao");
    let rpath = format!("/api/v1/repair-reports/{}", report["id"].as_str().unwrap());
    let report = run(app, &format!("{rpath}/submit"), t, &report, json!({})).await;
    (base, wo_path, report)
}

#[tokio::test]
async fn the_supervisor_charges_a_part_line_with_a_reason_and_the_sign_page_shows_it() {
    let app = spawn_app().await;
    let sup = app.token(Role::Supervisor).await;
    let (base, wo_path, report) = in_warranty_report(&app).await;
    let rpath = format!("/api/v1/repair-reports/{}", report["id"].as_str().unwrap());

    let charged = json!({"part_coverage": ["sanbao", "charged"]});
    let res = cmd(
        &app,
        &format!("{rpath}/approve"),
        &sup,
        &report["version"],
        &charged,
    )
    .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "coverage_reason");
    assert_eq!(problem["errors"][0]["code"], "required");
    let res = cmd(
        &app,
        &format!("{rpath}/approve"),
        &sup,
        &report["version"],
        &json!({"part_coverage": ["sanbao"], "coverage_reason": "x"}),
    )
    .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["code"], "count_mismatch");

    let reason = "轴承缺油烧蚀，属保养不当";
    let approved = run(
        &app,
        &format!("{rpath}/approve"),
        &sup,
        &report,
        json!({"part_coverage": ["sanbao", "charged"], "coverage_reason": reason}),
    )
    .await;
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["coverage"], "sanbao");
    assert_eq!(approved["coverage_reason"], reason);
    assert_eq!(approved["parts"][0]["coverage"], "sanbao");
    assert_eq!(approved["parts"][1]["coverage"], "charged");

    let sr = app.read(&base, &sup).await;
    assert_eq!(
        (
            &sr["proposed_coverage"],
            &sr["coverage"],
            &sr["coverage_reason"]
        ),
        (&json!("sanbao"), &json!("sanbao"), &json!(reason))
    );
    let wo = app.read(&wo_path, &sup).await;
    assert_eq!(wo["coverage"], "sanbao");

    // Audited on the request's timeline with the proposal and the choice.
    let timeline = app.read(&format!("{base}/timeline"), &sup).await;
    let event = timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "report_approved")
        .expect("the approval's event");
    assert_eq!(event["changes"]["proposed_coverage"], "sanbao");
    assert_eq!(
        event["changes"]["part_coverage"],
        json!(["sanbao", "charged"])
    );
    assert_eq!(event["changes"]["coverage_changed"], true);
    assert_eq!(event["changes"]["coverage_reason"], reason);

    // The customer's sign page shows who pays for the service and each line.
    let link = run(
        &app,
        &format!("{rpath}/sign-link"),
        &sup,
        &approved,
        json!({}),
    )
    .await;
    let summary = ok(app
        .request(
            Method::GET,
            &format!("/api/v1/sign/{}", link["token"].as_str().unwrap()),
            None,
        )
        .send()
        .await
        .unwrap())
    .await;
    assert_eq!(summary["coverage"], "sanbao");
    assert_eq!(summary["parts"][0]["coverage"], "sanbao");
    assert_eq!(summary["parts"][1]["coverage"], "charged");
}

#[tokio::test]
async fn approving_without_a_choice_confirms_the_proposal_for_every_line() {
    let app = spawn_app().await;
    let sup = app.token(Role::Supervisor).await;
    let (base, _, report) = in_warranty_report(&app).await;
    let rpath = format!("/api/v1/repair-reports/{}", report["id"].as_str().unwrap());
    let approved = run(&app, &format!("{rpath}/approve"), &sup, &report, json!({})).await;
    assert_eq!(approved["coverage"], "sanbao");
    assert_eq!(approved["coverage_reason"], Value::Null);
    assert_eq!(approved["parts"][1]["coverage"], "sanbao");
    let sr = app.read(&base, &sup).await;
    assert_eq!(sr["coverage"], "sanbao");
}
