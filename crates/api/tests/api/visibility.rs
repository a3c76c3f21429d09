//! What a dealer reads of its own requests (`furrow_domain::visibility`):
//! the appointment, the promised and actual times and the approved report's
//! summary, never the service department's internal notes; and what the
//! customer reads on the sign page.

use crate::helpers::{TestApp, ok, spawn_app};
use crate::service::{cmd, intake_body, report_body, run};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};

/// The supervisor's rejection comment: the internal note the dealer must
/// never read.
const REJECTION: &str = "内部意见：工时填写过高，按规定返工";
/// The other internal notes of the journey.
const REQUIREMENTS: &str = "内部要求：带备用张紧轮";
const SCHEDULE_NOTE: &str = "内部备注：客户难沟通";
const FINISH_NOTES: &str = "工程师私记：机手操作不当";
const APPROVAL: &str = "内部：按二点五工时结算";
const SECRETS: [&str; 5] = [
    REJECTION,
    REQUIREMENTS,
    SCHEDULE_NOTE,
    FINISH_NOTES,
    APPROVAL,
];

/// An appointment two days ahead, to the second.
fn in_two_days() -> String {
    (chrono::Utc::now() + chrono::Duration::days(2))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn assert_clean(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} shows {secret:?}: {text}");
    }
    for field in ["review_comment", "last_rejection", "reviewer_name"] {
        assert!(!text.contains(field), "{what} has {field}: {text}");
    }
}

/// A dealer's request through a visit, a rejected report, a second visit
/// and the approval; answers the request's id and the report's path.
async fn approved_after_a_rejection(app: &TestApp, appointment: &str) -> (String, String) {
    let dealer = app.token(Role::Dealer).await;
    let sup = app.token(Role::Supervisor).await;
    let eng = app.login(Role::Engineer).await;
    let e = &eng.access_token;
    let (c, m) = app.customer_and_machine(&dealer).await;
    let sr = ok(app
        .post("/api/v1/service-requests", &dealer, &intake_body(&c, &m))
        .await)
    .await;
    let id = sr["id"].as_str().unwrap().to_owned();
    let res = cmd(
        app,
        &format!("/api/v1/service-requests/{id}/dispatch"),
        &sup,
        &sr["version"],
        &json!({"engineer_id": eng.user.id, "requirements": REQUIREMENTS}),
    )
    .await;
    assert_eq!(res.status(), 200);
    let wo_path = res.headers()["location"].to_str().unwrap().to_owned();
    // A visit: the appointment, the arrival and the finish, with notes.
    let visit = |wo_path: String| async move {
        let wo = ok(app.get(&wo_path, e).await).await;
        let wo = run(
            app,
            &format!("{wo_path}/schedule"),
            e,
            &wo,
            json!({"appointment_at": appointment, "note": SCHEDULE_NOTE}),
        )
        .await;
        let wo = run(app, &format!("{wo_path}/check-in"), e, &wo, json!({})).await;
        run(
            app,
            &format!("{wo_path}/finish"),
            e,
            &wo,
            json!({"inspection_passed": true, "notes": FINISH_NOTES}),
        )
        .await;
    };
    visit(wo_path.clone()).await;
    let report = ok(app
        .request(Method::PUT, &format!("{wo_path}/report"), Some(e))
        .header("if-match", "\"0\"")
        .json(&report_body("检查割台"))
        .send()
        .await
        .unwrap())
    .await;
    let rpath = format!("/api/v1/repair-reports/{}", report["id"].as_str().unwrap());
    let report = run(app, &format!("{rpath}/submit"), e, &report, json!({})).await;
    let report = run(
        app,
        &format!("{rpath}/reject"),
        &sup,
        &report,
        json!({"reason": REJECTION}),
    )
    .await;
    assert_eq!(report["status"], "rejected");
    // The second visit and the report written again.
    visit(wo_path.clone()).await;
    let report = ok(app
        .request(Method::PUT, &format!("{wo_path}/report"), Some(e))
        .header("if-match", format!("\"{}\"", report["version"]))
        .json(&report_body("更换割台传动皮带"))
        .send()
        .await
        .unwrap())
    .await;
    let report = run(app, &format!("{rpath}/submit"), e, &report, json!({})).await;
    let report = run(
        app,
        &format!("{rpath}/approve"),
        &sup,
        &report,
        json!({"comment": APPROVAL}),
    )
    .await;
    assert_eq!(report["status"], "approved");
    (id, rpath)
}

#[tokio::test]
async fn a_dealer_reads_the_times_and_the_approved_summary_and_no_internal_note_anywhere() {
    let app = spawn_app().await;
    let appointment = &in_two_days();
    let (id, rpath) = approved_after_a_rejection(&app, appointment).await;
    let sup = app.token(Role::Supervisor).await;
    let dealer = app.token(Role::Dealer).await;
    let base = format!("/api/v1/service-requests/{id}");

    // The notes are there for the service department.
    let staff_report = app.read(&rpath, &sup).await;
    assert_eq!(staff_report["last_rejection"]["comment"], REJECTION);
    let staff_timeline = app
        .read(&format!("{base}/timeline"), &sup)
        .await
        .to_string();
    for secret in [REJECTION, SCHEDULE_NOTE, FINISH_NOTES] {
        assert!(
            staff_timeline.contains(secret),
            "staff timeline lacks {secret}"
        );
    }
    let staff_request = app.read(&base, &sup).await;
    let wo_path = format!(
        "/api/v1/work-orders/{}",
        staff_request["work_order_id"].as_str().unwrap()
    );
    let staff_wo = app.read(&wo_path, &sup).await;
    assert_eq!(staff_wo["requirements"], REQUIREMENTS);
    assert_eq!(staff_wo["finish_notes"], FINISH_NOTES);

    // The request: its times and the approved report's summary.
    let sr = app.read(&base, &dealer).await;
    assert_clean("the request", &sr.to_string());
    assert_eq!(sr["status"], "pending_signoff");
    let at = |v: &Value| {
        chrono::DateTime::parse_from_rfc3339(v.as_str().expect("a time"))
            .unwrap()
            .to_utc()
    };
    assert_eq!(at(&sr["appointment_at"]), at(&json!(appointment)));
    for time in [
        "arrival_due",
        "arrived_at",
        "repair_due",
        "repaired_at",
        "first_contact_due",
    ] {
        assert!(sr[time].is_string(), "{time}: {sr}");
    }
    let summary = &sr["report"];
    assert_eq!(summary["status"], "approved");
    assert_eq!(summary["cause"], "割台传动皮带老化断裂");
    assert_eq!(summary["measures"], "更换皮带并调整张紧度");
    assert_eq!(summary["inspection_passed"], true);
    assert!(summary["reviewed_at"].is_string());
    assert_eq!(
        summary.as_object().unwrap().keys().collect::<Vec<_>>(),
        [
            "cause",
            "engineer_name",
            "fault",
            "further_problems",
            "inspection_passed",
            "measures",
            "proposals",
            "reviewed_at",
            "signed_at",
            "status"
        ]
    );
    // The staff read the same summary on the same page.
    assert_eq!(app.read(&base, &sup).await["report"], *summary);

    // The timeline: the appointment, not the notes.
    let timeline = app.read(&format!("{base}/timeline"), &dealer).await;
    assert_clean("the timeline", &timeline.to_string());
    let scheduled: Vec<&Value> = timeline
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "scheduled")
        .collect();
    // One appointment per visit.
    assert_eq!(scheduled.len(), 2);
    assert_eq!(
        scheduled[1]["changes"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["appointment_at", "work_order"]
    );
    let actions: Vec<&str> = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"report_approved"), "{actions:?}");
    assert!(!actions.contains(&"report_rejected"), "{actions:?}");

    // The report and the work order are the service department's records.
    let report = app.get(&rpath, &dealer).await;
    assert_eq!(report.status(), 403);
    assert_clean("the report", &report.text().await.unwrap());
    let wo_id = sr["work_order_id"].as_str().unwrap();
    let wo = app
        .get(&format!("/api/v1/work-orders/{wo_id}"), &dealer)
        .await;
    assert_eq!(wo.status(), 403);
    assert_clean("the work order", &wo.text().await.unwrap());

    // Lists, the bell, the archives and the exports.
    let (mid, cid) = (
        sr["machine_id"].as_str().unwrap(),
        sr["customer_id"].as_str().unwrap(),
    );
    for path in [
        "/api/v1/service-requests".to_owned(),
        "/api/v1/notifications".to_owned(),
        format!("/api/v1/machines/{mid}/archive"),
        format!("/api/v1/customers/{cid}/archive"),
        format!("/api/v1/machines/{mid}"),
    ] {
        let body = app.read(&path, &dealer).await;
        assert_clean(&path, &body.to_string());
    }
    let list = app.read("/api/v1/service-requests", &dealer).await;
    assert_eq!(list["items"][0]["id"], json!(id));
    for path in [
        "/api/v1/machines/export?format=csv",
        "/api/v1/customers/export?format=csv",
    ] {
        let res = app.get(path, &dealer).await;
        assert_eq!(res.status(), 200, "{path}");
        assert_clean(path, &res.text().await.unwrap());
    }
}

#[tokio::test]
async fn the_sign_page_shows_the_customer_the_report_and_no_internal_note() {
    let app = spawn_app().await;
    let (_, rpath) = approved_after_a_rejection(&app, &in_two_days()).await;
    let sup = app.token(Role::Supervisor).await;
    let report = app.read(&rpath, &sup).await;
    let link = run(
        &app,
        &format!("{rpath}/sign-link"),
        &sup,
        &report,
        json!({}),
    )
    .await;
    let token = link["token"].as_str().unwrap();
    let page = ok(app
        .request(Method::GET, &format!("/api/v1/sign/{token}"), None)
        .send()
        .await
        .unwrap())
    .await;
    assert_clean("the sign page", &page.to_string());
    assert_eq!(page["cause"], "割台传动皮带老化断裂");
    assert_eq!(page["process"], "更换割台传动皮带");
}
