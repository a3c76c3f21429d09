//! The engineer shows the approved report's sign-off link on the phone
//! (`sign_link_issuable`): their own work order's report once approved,
//! re-issued on demand (the earlier link stops working), audited like the
//! supervisor's; another engineer does not see the report, and an unapproved
//! one is refused with `report_not_approved`.

use crate::helpers::{TestApp, assert_problem, ok, spawn_app};
use crate::service::{cmd, offered, run, timeline_actions, to_review};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};

/// `GET /sign/{token}`'s status: 200 while the customer can use the link.
async fn link_status(app: &TestApp, token: &str) -> u16 {
    let res = app.request(Method::GET, &format!("/api/v1/sign/{token}"), None);
    res.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn the_engineer_issues_the_approved_reports_link_for_the_customer_to_scan() {
    let app = spawn_app().await;
    let sup = app.token(Role::Supervisor).await;
    let eng = app.token(Role::Engineer).await;
    let (id, report) = to_review(&app).await;
    let rpath = format!("/api/v1/repair-reports/{}", report["id"].as_str().unwrap());
    let link_path = format!("{rpath}/sign-link");

    // Submitted, not yet reviewed: nothing to show the customer.
    assert!(!offered(&report).contains(&"create_sign_link"));
    let p = assert_problem(
        cmd(&app, &link_path, &eng, &report["version"], &json!({})).await,
        409,
        "report_not_approved",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("submitted"), "{p}");

    let approved = run(&app, &format!("{rpath}/approve"), &sup, &report, json!({})).await;
    let seen = ok(app.get(&rpath, &eng).await).await;
    assert_eq!(offered(&seen), vec!["create_sign_link"]);

    // Another engineer does not see the report at all.
    let other = app.another_engineer().await.access_token;
    assert_eq!(app.get(&rpath, &other).await.status().as_u16(), 404);
    assert_problem(
        cmd(&app, &link_path, &other, &seen["version"], &json!({})).await,
        404,
        "not_found",
    )
    .await;
    // The desk has no such command.
    let agent = app.token(Role::Agent).await;
    assert_problem(
        cmd(&app, &link_path, &agent, &seen["version"], &json!({})).await,
        403,
        "forbidden",
    )
    .await;

    let first: Value = run(&app, &link_path, &eng, &seen, json!({})).await;
    let token = first["token"].as_str().unwrap();
    assert_eq!(first["path"], format!("/sign/{token}"));
    assert_eq!(link_status(&app, token).await, 200);
    let qr = app
        .request(Method::GET, &format!("/api/v1/sign/{token}/qr.svg"), None)
        .send()
        .await
        .unwrap();
    assert_eq!(qr.status().as_u16(), 200);
    assert!(qr.text().await.unwrap().contains("<svg"));

    // Re-issued (the phone lost it): the earlier link stops working.
    let again = run(&app, &link_path, &eng, &approved, json!({})).await;
    assert_eq!(link_status(&app, token).await, 410);
    assert_eq!(
        link_status(&app, again["token"].as_str().unwrap()).await,
        200
    );

    let base = format!("/api/v1/service-requests/{id}");
    let actions = timeline_actions(&app, &base, &sup).await;
    let created: Vec<_> = actions
        .iter()
        .filter(|a| *a == "sign_link_created")
        .collect();
    assert_eq!(created.len(), 2, "{actions:?}");
    let audit = ok(app.get(&format!("{base}/timeline"), &sup).await).await;
    let last = audit.as_array().unwrap().last().unwrap();
    assert_eq!(last["action"], "sign_link_created");
    let engineer = app.login(Role::Engineer).await.user;
    assert_eq!(last["actor_name"], json!(engineer.username), "{last}");
}
