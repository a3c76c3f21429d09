//! After the customer refused to sign: the supervisor's three outcomes
//! (rework, close unsigned with a witness, complaint), each through HTTP with
//! the state after, the timeline, the wrong role (403) and the wrong state (409).

use crate::helpers::ok;
use crate::helpers::spawn_app;
use crate::helpers::{TestApp, assert_problem};
use crate::service::{cmd, offered, run, timeline_actions, to_review};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};

/// A request whose approved report the customer refused to sign; answers the
/// request's path and the report's path and view as the supervisor reads it.
async fn refused(app: &TestApp) -> (String, String, Value) {
    let sup = app.token(Role::Supervisor).await;
    let (id, report) = to_review(app).await;
    let rpath = format!("/api/v1/repair-reports/{}", report["id"].as_str().unwrap());
    let report = run(app, &format!("{rpath}/approve"), &sup, &report, json!({})).await;
    let link = run(app, &format!("{rpath}/sign-link"), &sup, &report, json!({})).await;
    let token = link["token"].as_str().unwrap();
    let res = app
        .request(Method::POST, &format!("/api/v1/sign/{token}/refuse"), None)
        .json(&json!({"signer_name": "王五", "reason": "还有异响"}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    let report = ok(app.get(&rpath, &sup).await).await;
    assert_eq!(report["status"], "signature_refused");
    assert_eq!(
        offered(&report),
        vec![
            "create_sign_link",
            "rework_after_refusal",
            "close_unsigned",
            "open_complaint"
        ]
    );
    (format!("/api/v1/service-requests/{id}"), rpath, report)
}

/// The last timeline event of the request at `base`.
async fn last_event(app: &TestApp, base: &str, token: &str) -> Value {
    let timeline = ok(app.get(&format!("{base}/timeline"), token).await).await;
    timeline.as_array().unwrap().last().unwrap().clone()
}

/// The count of the supervisor's home queue of refused signatures (客户拒签).
async fn refused_queue(app: &TestApp, sup: &str) -> u64 {
    let home = ok(app.get("/api/v1/me/home", sup).await).await;
    let cards = home["cards"].as_array().unwrap();
    let card = cards.iter().find(|c| c["queue"] == "signature_refused");
    card.expect("the supervisor has the refusals queue")["count"]
        .as_u64()
        .unwrap()
}

/// `path` refused to an agent (403), and to the supervisor once the outcome is
/// taken (409, the report no longer refused).
async fn refused_to_others_and_once_taken(app: &TestApp, path: &str, report: &Value, body: &Value) {
    let agent = app.token(Role::Agent).await;
    let sup = app.token(Role::Supervisor).await;
    assert_problem(
        cmd(app, path, &agent, &report["version"], body).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        cmd(app, path, &sup, &report["version"], body).await,
        409,
        "invalid_state",
    )
    .await;
}

#[tokio::test]
async fn rework_after_a_refusal_sends_the_engineer_back_for_another_visit() {
    let app = spawn_app().await;
    let sup = app.token(Role::Supervisor).await;
    let eng = app.token(Role::Engineer).await;
    let (base, rpath, report) = refused(&app).await;
    let path = format!("{rpath}/rework");
    let body = json!({"reason": "异响未排除，返工"});
    let agent = app.token(Role::Agent).await;
    assert_problem(
        cmd(&app, &path, &agent, &report["version"], &body).await,
        403,
        "forbidden",
    )
    .await;
    let blank = cmd(
        &app,
        &path,
        &sup,
        &report["version"],
        &json!({"reason": " "}),
    )
    .await;
    assert_problem(blank, 422, "validation_failed").await;
    let after = run(&app, &path, &sup, &report, body.clone()).await;
    assert_eq!(after["status"], "rejected");
    assert_eq!(refused_queue(&app, &sup).await, 0);
    let sr = ok(app.get(&base, &sup).await).await;
    assert_eq!(sr["status"], "dispatched");
    assert!(sr["repaired_at"].is_null());
    let wo_path = format!(
        "/api/v1/work-orders/{}",
        after["work_order_id"].as_str().unwrap()
    );
    let wo = ok(app.get(&wo_path, &eng).await).await;
    assert_eq!(wo["status"], "assigned");
    assert_eq!(
        offered(&wo),
        vec!["schedule", "check_in", "create_requisition"]
    );
    let e = last_event(&app, &base, &sup).await;
    assert_eq!(e["action"], "report_rejected");
    assert_eq!(e["changes"]["after_refusal"], "还有异响");
    assert_eq!(e["changes"]["comment"], "异响未排除，返工");
    let actions = timeline_actions(&app, &base, &sup).await;
    assert_eq!(
        actions[actions.len() - 3..],
        ["sign_link_created", "signature_refused", "report_rejected"]
    );
    assert_problem(
        cmd(&app, &path, &sup, &after["version"], &body).await,
        409,
        "invalid_state",
    )
    .await;
}

#[tokio::test]
async fn closing_unsigned_completes_the_request_with_the_witness_on_the_timeline() {
    let app = spawn_app().await;
    let sup = app.token(Role::Supervisor).await;
    let (base, rpath, report) = refused(&app).await;
    let path = format!("{rpath}/close-unsigned");
    assert_eq!(refused_queue(&app, &sup).await, 1);
    let no_witness = cmd(
        &app,
        &path,
        &sup,
        &report["version"],
        &json!({"witness": "", "reason": "正常"}),
    )
    .await;
    assert_eq!(
        assert_problem(no_witness, 422, "validation_failed").await["errors"][0]["field"],
        "witness"
    );
    let body = json!({"witness": "李四（村主任）", "reason": "试车正常，客户拒签无正当理由"});
    let after = run(&app, &path, &sup, &report, body.clone()).await;
    assert_eq!(after["status"], "closed_unsigned");
    assert!(after["actions"].as_array().unwrap().is_empty());
    let sr = ok(app.get(&base, &sup).await).await;
    assert_eq!(sr["status"], "completed");
    assert!(sr["completed_at"].is_string());
    let e = last_event(&app, &base, &sup).await;
    assert_eq!(e["action"], "closed_unsigned");
    assert_eq!(e["changes"]["witness"], "李四（村主任）");
    assert_eq!(e["changes"]["reason"], "试车正常，客户拒签无正当理由");
    assert_eq!(e["changes"]["refusal_reason"], "还有异响");
    // Out of the supervisor's refusal queue.
    assert_eq!(refused_queue(&app, &sup).await, 0);
    refused_to_others_and_once_taken(&app, &path, &after, &body).await;
}

#[tokio::test]
async fn a_complaint_after_a_refusal_records_the_customers_reason() {
    let app = spawn_app().await;
    let sup = app.token(Role::Supervisor).await;
    let (base, rpath, report) = refused(&app).await;
    let path = format!("{rpath}/complaint");
    let body = json!({"reason": "客户要求更换割台，转投诉处理"});
    let after = run(&app, &path, &sup, &report, body.clone()).await;
    assert_eq!(after["status"], "closed_unsigned");
    assert_eq!(ok(app.get(&base, &sup).await).await["status"], "completed");
    let e = last_event(&app, &base, &sup).await;
    assert_eq!(e["action"], "complaint_opened");
    assert_eq!(e["changes"]["complaint"], "还有异响");
    assert_eq!(e["changes"]["note"], "客户要求更换割台，转投诉处理");
    refused_to_others_and_once_taken(&app, &path, &after, &body).await;
}
