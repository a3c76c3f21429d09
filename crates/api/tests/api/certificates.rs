//! Reissuing a lost 三包 certificate (issue 18, item 6): the request's due date
//! is 10 working days by the settings' calendar, exactly, across the 2026
//! Mid-Autumn and National Day holidays and a make-up Saturday; closing it
//! needs the reissue's version and the maker's staff.

use crate::helpers::{assert_problem, spawn_app};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};

async fn ok(res: reqwest::Response) -> (reqwest::StatusCode, Value) {
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    (status, body)
}

#[tokio::test]
async fn a_reissue_is_due_ten_working_days_later_and_closed_once_by_the_makers_staff() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let dealer = app.token(Role::Dealer).await;
    let engineer = app.token(Role::Engineer).await;
    let (_, m) = app.customer_and_machine(&agent).await;
    let mid = m["id"].as_str().unwrap();
    let path = format!("/api/v1/machines/{mid}/certificate-reissues");

    // Asked on Thu 24 Sep 2026: 25 Sep (中秋) and 1-7 Oct (国庆) are off,
    // Sat 10 Oct is a make-up working day, so the 10th working day is Thu 15 Oct.
    let asked =
        json!({"requested_by": " 王建国 ", "requested_on": "2026-09-24", "notes": "凭证丢失"});
    let send = |key: &'static str| {
        app.request(Method::POST, &path, Some(&agent))
            .header("idempotency-key", key)
            .json(&asked)
            .send()
    };
    let (status, r) = ok(send("reissue-1").await.unwrap()).await;
    assert_eq!(status, 201);
    assert_eq!(r["due_on"], "2026-10-15");
    assert_eq!(r["requested_by"], "王建国");
    assert_eq!(r["state"], "overdue", "the test runs after 15 Oct 2026");
    assert_eq!(r["version"], 1);
    // The same key again: the first answer, nothing recorded twice.
    let again = send("reissue-1").await.unwrap();
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let (_, replayed) = ok(again).await;
    assert_eq!(replayed["id"], r["id"]);

    // Bad input: 422 and nothing recorded.
    let future = json!({"requested_by": "王建国", "requested_on": "2999-01-01"});
    let body = assert_problem(
        app.post(&path, &agent, &future).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "requested_on");
    // An engineer may not record one; a dealer may, for its own customer's machine.
    assert_eq!(app.post(&path, &engineer, &asked).await.status(), 403);

    let rid = r["id"].as_str().unwrap();
    let done_path = format!("{path}/{rid}/done");
    let done = json!({"certificate_number": "SB-2026-000123", "reissued_on": "2026-10-09"});
    let post_done = |token: &str, tag: Option<&str>| {
        let mut req = app
            .request(Method::POST, &done_path, Some(token))
            .json(&done);
        if let Some(t) = tag {
            req = req.header("if-match", t);
        }
        req.send()
    };
    // A dealer does not issue certificates: 403.
    assert_eq!(
        post_done(&dealer, Some("\"1\"")).await.unwrap().status(),
        403
    );
    // Without If-Match: 428; with another version: 412.
    assert_problem(
        post_done(&agent, None).await.unwrap(),
        428,
        "if_match_required",
    )
    .await;
    assert_problem(
        post_done(&agent, Some("\"2\"")).await.unwrap(),
        412,
        "stale_version",
    )
    .await;
    let (_, closed) = ok(post_done(&agent, Some("\"1\"")).await.unwrap()).await;
    assert_eq!(closed["state"], "reissued");
    assert_eq!(closed["certificate_number"], "SB-2026-000123");
    assert_eq!(closed["reissued_on"], "2026-10-09");
    assert_eq!(closed["version"], 2);
    // Once only.
    let twice = assert_problem(
        post_done(&agent, Some("\"2\"")).await.unwrap(),
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(twice["errors"][0]["code"], "already_reissued");

    // The archive lists it with its due date, and the timeline both events.
    let archive = app
        .read(&format!("/api/v1/machines/{mid}/archive"), &agent)
        .await;
    let listed = archive["certificate_reissues"].as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["due_on"], "2026-10-15");
    assert_eq!(listed[0]["state"], "reissued");
    let actions: Vec<&str> = archive["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .filter(|a| a.starts_with("certificate_"))
        .collect();
    assert_eq!(actions.len(), 2, "{actions:?}");
    assert!(actions.contains(&"certificate_reissue_requested"));
    assert!(actions.contains(&"certificate_reissued"));
}
