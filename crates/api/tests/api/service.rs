//! The service workflow over HTTP: the whole journey, illegal moves,
//! concurrency, idempotency, scoping, and every command's audit event.

use crate::helpers::{TestApp, assert_problem, ok, spawn_app};
use furrow_domain::Role;
use reqwest::{Method, Response};
use serde_json::{Value, json};

pub(crate) async fn cmd(
    app: &TestApp,
    path: &str,
    token: &str,
    version: &Value,
    body: &Value,
) -> Response {
    app.request(Method::POST, path, Some(token))
        .header("if-match", format!("\"{version}\""))
        .json(body)
        .send()
        .await
        .unwrap()
}

/// Runs a command on `record` (its version as `If-Match`) and reads the answer.
pub(crate) async fn run(
    app: &TestApp,
    path: &str,
    token: &str,
    record: &Value,
    body: Value,
) -> Value {
    ok(cmd(app, path, token, &record["version"], &body).await).await
}

/// Rewrites a work order's report (`PUT {wo_path}/report`) with [`report_body`].
async fn rewrite_report(
    app: &TestApp,
    wo_path: &str,
    token: &str,
    report: &Value,
    process: &str,
) -> Value {
    ok(app
        .request(Method::PUT, &format!("{wo_path}/report"), Some(token))
        .header("if-match", format!("\"{}\"", report["version"]))
        .json(&report_body(process))
        .send()
        .await
        .unwrap())
    .await
}

/// The actions on a request's timeline (`{base}/timeline`), oldest first.
pub(crate) async fn timeline_actions(app: &TestApp, base: &str, token: &str) -> Vec<String> {
    let timeline = ok(app.get(&format!("{base}/timeline"), token).await).await;
    let events = timeline.as_array().unwrap().iter();
    events
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

/// Dispatches the request `sr` (as last read) to the cast engineer: its
/// work order's path.
pub(crate) async fn dispatch_to_engineer(app: &TestApp, sr: &Value) -> String {
    let sup = app.token(Role::Supervisor).await;
    let eng = app.login(Role::Engineer).await;
    let res = cmd(
        app,
        &format!(
            "/api/v1/service-requests/{}/dispatch",
            sr["id"].as_str().unwrap()
        ),
        &sup,
        &sr["version"],
        &json!({"engineer_id": eng.user.id}),
    )
    .await;
    res.headers()["location"].to_str().unwrap().to_owned()
}

pub(crate) fn intake_body(c: &Value, m: &Value) -> Value {
    json!({"kind": "repair", "customer_id": c["id"], "machine_id": m["id"], "symptoms": "收割时割台不转，有异响",
        "preliminary_judgement": "割台传动皮带断裂", "needs_onsite": true, "priority": "high", "machine_stopped": true,
        "operation_at_risk": "harvest", "suspected_part": "wear_part"})
}

/// A small valid PNG, as a finger-drawn signature would be.
pub(crate) fn signature_png() -> String {
    use base64::Engine;
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, 40, 20);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().unwrap();
        let data: Vec<u8> = (0..800)
            .map(|i| if i % 41 == 0 { 0 } else { 255 })
            .collect();
        w.write_image_data(&data).unwrap();
    }
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

pub(crate) fn report_body(process: &str) -> Value {
    json!({"process": process, "cause": "割台传动皮带老化断裂", "measures": "更换皮带并调整张紧度", "labour_hours": "2.5",
        "further_problems": "拨禾轮轴承磨损", "proposals": "下次保养时更换轴承",
        "parts": [{"part_number": "4LZ-0231", "name": "割台传动皮带", "quantity": "1", "unit": "条"}]})
}

#[tokio::test]
async fn the_whole_journey_from_phone_call_to_signature() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let sup = app.token(Role::Supervisor).await;
    let eng = app.login(Role::Engineer).await;
    let (c, m) = app.customer_and_machine(&agent).await;

    // Intake, retried with the same Idempotency-Key: one request.
    let key = "intake-journey-1";
    let first = app
        .request(Method::POST, "/api/v1/service-requests", Some(&agent))
        .header("idempotency-key", key)
        .json(&intake_body(&c, &m))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 201);
    let sr = ok(first).await;
    let again = app
        .request(Method::POST, "/api/v1/service-requests", Some(&agent))
        .header("idempotency-key", key)
        .json(&intake_body(&c, &m))
        .send()
        .await
        .unwrap();
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(ok(again).await, sr);
    let mut other = intake_body(&c, &m);
    other["symptoms"] = json!("另一个问题");
    let reused = app
        .request(Method::POST, "/api/v1/service-requests", Some(&agent))
        .header("idempotency-key", key)
        .json(&other)
        .send()
        .await
        .unwrap();
    assert_problem(reused, 409, "idempotency_key_reused").await;
    assert!(sr["number"].as_str().unwrap().starts_with("SR-"));
    assert_eq!(sr["status"], "new");
    assert_eq!(sr["channel"], "phone");
    assert!(sr["arrival_due"].is_string() && sr["repair_due"].is_string());
    let id = sr["id"].as_str().unwrap().to_owned();
    let base = format!("/api/v1/service-requests/{id}");

    // ETag and 304.
    let got = app.get(&base, &agent).await;
    let tag = got.headers()["etag"].to_str().unwrap().to_owned();
    let cached = app
        .request(Method::GET, &base, Some(&agent))
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(cached.status(), 304);

    // Dispatch to the best suggestion.
    let suggestions = ok(app.get(&format!("{base}/engineer-suggestions"), &sup).await).await;
    let best = &suggestions[0];
    assert_eq!(best["skill_match"], true);
    assert!(
        best["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["code"] == "distance")
    );
    assert_problem(
        cmd(
            &app,
            &format!("{base}/dispatch"),
            &agent,
            &sr["version"],
            &json!({"engineer_id": eng.user.id}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    let res = cmd(
        &app,
        &format!("{base}/dispatch"),
        &sup,
        &sr["version"],
        &json!({"engineer_id": eng.user.id, "requirements": "带皮带备件"}),
    )
    .await;
    let wo_path = res.headers()["location"]
        .to_str()
        .unwrap()
        .replace("/api/v1", "");
    let sr = ok(res).await;
    assert_eq!(sr["status"], "dispatched");
    assert_eq!(sr["engineer_name"], json!(eng.user.display_name));
    let again = cmd(
        &app,
        &format!("{base}/dispatch"),
        &sup,
        &sr["version"],
        &json!({"engineer_id": eng.user.id}),
    )
    .await;
    let body = assert_problem(again, 409, "invalid_state").await;
    assert!(
        body["detail"].as_str().unwrap().contains("dispatched"),
        "{body}"
    );

    // The engineer works the order from the phone.
    let t = &eng.access_token;
    let wo = ok(app.get(&format!("/api/v1{wo_path}"), t).await).await;
    assert!(wo["number"].as_str().unwrap().starts_with("WO-"));
    assert_eq!(wo["arrival_due"], sr["arrival_due"]);
    let wo = run(
        &app,
        &format!("/api/v1{wo_path}/schedule"),
        t,
        &wo,
        json!({"appointment_at": (chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339()}),
    )
    .await;
    assert_eq!(wo["status"], "scheduled");
    let wo = run(
        &app,
        &format!("/api/v1{wo_path}/check-in"),
        t,
        &wo,
        json!({}),
    )
    .await;
    assert_eq!(wo["status"], "on_site");
    let report = ok(app
        .request(Method::PUT, &format!("/api/v1{wo_path}/report"), Some(t))
        // The first save: the report's version is "0" until then.
        .header("if-match", "\"0\"")
        .json(&report_body("检查割台"))
        .send()
        .await
        .unwrap())
    .await;
    assert_problem(
        cmd(
            &app,
            &format!(
                "/api/v1/repair-reports/{}/submit",
                report["id"].as_str().unwrap()
            ),
            t,
            &report["version"],
            &json!({}),
        )
        .await,
        409,
        "visit_not_finished",
    )
    .await;
    let wo = run(
        &app,
        &format!("/api/v1{wo_path}/finish"),
        t,
        &wo,
        json!({"inspection_passed": true, "notes": "试车正常"}),
    )
    .await;
    assert_eq!(wo["status"], "finished");
    let rid = report["id"].as_str().unwrap().to_owned();
    let rpath = format!("/api/v1/repair-reports/{rid}");
    let report = run(&app, &format!("{rpath}/submit"), t, &report, json!({})).await;
    assert_eq!(report["status"], "submitted");
    assert_eq!(
        ok(app.get(&base, &agent).await).await["status"],
        "pending_review"
    );

    // Rejected once (a comment is required), corrected, approved.
    assert_problem(
        cmd(
            &app,
            &format!("{rpath}/reject"),
            &sup,
            &report["version"],
            &json!({"reason": " "}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        cmd(
            &app,
            &format!("{rpath}/approve"),
            t,
            &report["version"],
            &json!({}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    let report = run(
        &app,
        &format!("{rpath}/reject"),
        &sup,
        &report,
        json!({"reason": "请写明皮带型号"}),
    )
    .await;
    assert_eq!(report["status"], "rejected");
    assert_eq!(
        ok(app.get(&base, &agent).await).await["status"],
        "dispatched"
    );
    // The engineer goes back: check in and finish again, then rewrite.
    let wo = ok(app.get(&format!("/api/v1{wo_path}"), t).await).await;
    assert_eq!(wo["status"], "assigned");
    let wo = run(
        &app,
        &format!("/api/v1{wo_path}/check-in"),
        t,
        &wo,
        json!({}),
    )
    .await;
    run(
        &app,
        &format!("/api/v1{wo_path}/finish"),
        t,
        &wo,
        json!({"inspection_passed": true}),
    )
    .await;
    let report = rewrite_report(
        &app,
        &format!("/api/v1{wo_path}"),
        t,
        &report,
        "检查割台，皮带型号 B-2000",
    )
    .await;
    assert_eq!(report["status"], "draft");
    let report = run(&app, &format!("{rpath}/submit"), t, &report, json!({})).await;
    let report = run(
        &app,
        &format!("{rpath}/approve"),
        &sup,
        &report,
        json!({"comment": "同意"}),
    )
    .await;
    assert_eq!(report["status"], "approved");
    assert_eq!(
        ok(app.get(&base, &agent).await).await["status"],
        "pending_signoff"
    );

    // The customer signs on the tablet, without signing in.
    let link = run(
        &app,
        &format!("{rpath}/sign-link"),
        &sup,
        &report,
        json!({}),
    )
    .await;
    let token = link["token"].as_str().unwrap();
    let summary = ok(app
        .request(Method::GET, &format!("/api/v1/sign/{token}"), None)
        .send()
        .await
        .unwrap())
    .await;
    assert_eq!(summary["process"], "检查割台，皮带型号 B-2000");
    assert_eq!(summary["customer_name"], c["name"]);
    let not_png = app
        .request(Method::POST, &format!("/api/v1/sign/{token}"), None)
        .json(&json!({"signer_name": "张三", "signature_png": "aGVsbG8="}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        assert_problem(not_png, 422, "validation_failed").await["errors"][0]["field"],
        "signature_png"
    );
    let signed = app
        .request(Method::POST, &format!("/api/v1/sign/{token}"), None)
        .json(&json!({"signer_name": c["name"], "signature_png": signature_png()}))
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 200);
    let reuse = app
        .request(Method::GET, &format!("/api/v1/sign/{token}"), None)
        .send()
        .await
        .unwrap();
    assert_problem(reuse, 410, "link_used").await;

    let done = ok(app.get(&base, &agent).await).await;
    assert_eq!(done["status"], "completed");
    assert!(done["completed_at"].is_string());
    let actions = timeline_actions(&app, &base, &agent).await;
    assert_eq!(
        actions,
        vec![
            "created",
            "dispatched",
            "scheduled",
            "checked_in",
            "report_started",
            "finished",
            "report_submitted",
            "report_rejected",
            "checked_in",
            "finished",
            "report_submitted",
            "report_approved",
            "sign_link_created",
            "signed"
        ]
    );
    let timeline = ok(app.get(&format!("{base}/timeline"), &agent).await).await;
    let signed_event = timeline.as_array().unwrap().last().unwrap();
    assert!(signed_event["changes"]["follow_up_due"].is_string());
    let sig = app.get(&format!("{rpath}/signature"), &sup).await;
    assert_eq!(sig.headers()["content-type"], "image/png");

    // The machine archive shows the service and the part replaced.
    let archive = ok(app
        .get(
            &format!("/api/v1/machines/{}/archive", m["id"].as_str().unwrap()),
            &agent,
        )
        .await)
    .await;
    let kinds: Vec<&str> = archive["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"service_request") && kinds.contains(&"part_replacement"),
        "{kinds:?}"
    );
    // Without a sale date no 三包 period is known, so no repair extends it;
    // once the desk records one, the repair done today adds its one day.
    assert_eq!(archive["warranty"]["status"], "unknown");
    assert_eq!(archive["warranty"]["extension_days"], 0);
    let mid = m["id"].as_str().unwrap();
    let sale = chrono::Utc::now().date_naive() - chrono::Duration::days(30);
    let current = app.read(&format!("/api/v1/machines/{mid}"), &agent).await;
    let res = app
        .request(
            Method::POST,
            &format!("/api/v1/machines/{mid}/warranty"),
            Some(&agent),
        )
        .header("if-match", format!("\"{}\"", current["version"]))
        .json(&json!({"sale_date": sale, "reason": "补录发票日期"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let archive = app
        .read(&format!("/api/v1/machines/{mid}/archive"), &agent)
        .await;
    // Reported and repaired within this test: one day, or two when the
    // company's midnight fell in between (report and done days both count).
    let repair = &archive["warranty"]["repairs"][0];
    let day = |k: &str| chrono::NaiveDate::parse_from_str(repair[k].as_str().unwrap(), "%Y-%m-%d");
    let span = (day("done_on").unwrap() - day("reported_on").unwrap()).num_days() + 1;
    assert!(span == 1 || span == 2, "{repair}");
    assert_eq!(archive["warranty"]["extension_days"], span);
    assert_eq!(repair["days_added"], span);
}

#[tokio::test]
async fn fifty_parallel_intakes_get_fifty_distinct_numbers() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let body = intake_body(&c, &m);
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let client = app.client.clone();
        let url = app.url("/api/v1/service-requests");
        let (token, body) = (agent.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
        }));
    }
    let mut numbers = std::collections::HashSet::new();
    for t in tasks {
        let res = t.await.unwrap();
        assert_eq!(res.status(), 201);
        let v: Value = res.json().await.unwrap();
        numbers.insert(v["number"].as_str().unwrap().to_owned());
    }
    assert_eq!(numbers.len(), 50);
}

/// Brings a request to pending review and returns (request id, report json).
pub(crate) async fn to_review(app: &TestApp) -> (String, Value) {
    to_review_from(app, Role::Agent).await
}

/// A request taken in by `intake_user` (on a machine it sees), moved to review.
async fn to_review_from(app: &TestApp, intake_user: Role) -> (String, Value) {
    let (id, _, report) = to_review_inspected(app, intake_user, true).await;
    (id, report)
}

/// Like [`to_review_from`], the visit's inspection `passed` or not; also
/// answers the work order's path.
async fn to_review_inspected(
    app: &TestApp,
    intake_user: Role,
    passed: bool,
) -> (String, String, Value) {
    let agent = app.token(intake_user).await;
    let sup = app.token(Role::Supervisor).await;
    let eng = app.login(Role::Engineer).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let sr = ok(app
        .post("/api/v1/service-requests", &agent, &intake_body(&c, &m))
        .await)
    .await;
    let id = sr["id"].as_str().unwrap().to_owned();
    let res = cmd(
        app,
        &format!("/api/v1/service-requests/{id}/dispatch"),
        &sup,
        &sr["version"],
        &json!({"engineer_id": eng.user.id}),
    )
    .await;
    let wo_path = res.headers()["location"].to_str().unwrap().to_owned();
    let t = &eng.access_token;
    let wo = ok(app.get(&wo_path, t).await).await;
    let wo = ok(cmd(
        app,
        &format!("{wo_path}/check-in"),
        t,
        &wo["version"],
        &json!({}),
    )
    .await)
    .await;
    ok(cmd(
        app,
        &format!("{wo_path}/finish"),
        t,
        &wo["version"],
        &json!({"inspection_passed": passed}),
    )
    .await)
    .await;
    let report = ok(app
        .request(Method::PUT, &format!("{wo_path}/report"), Some(t))
        // The first save: the report's version is "0" until then.
        .header("if-match", "\"0\"")
        .json(&report_body("检查"))
        .send()
        .await
        .unwrap())
    .await;
    let report = ok(cmd(
        app,
        &format!(
            "/api/v1/repair-reports/{}/submit",
            report["id"].as_str().unwrap()
        ),
        t,
        &report["version"],
        &json!({}),
    )
    .await)
    .await;
    (id, wo_path, report)
}

/// The commands a view offers its reader.
pub(crate) fn offered(view: &Value) -> Vec<&str> {
    view["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_failed_inspection_is_sent_back_for_a_second_visit_with_the_clocks_running() {
    let app = spawn_app().await;
    let (id, wo_path, report) = to_review_inspected(&app, Role::Agent, false).await;
    let sup = app.token(Role::Supervisor).await;
    let eng = app.token(Role::Engineer).await;
    let base = format!("/api/v1/service-requests/{id}");
    let before = ok(app.get(&base, &sup).await).await;
    let rpath = format!("/api/v1/repair-reports/{}", report["id"].as_str().unwrap());

    // Not approvable: the view offers only the rejection, the command is refused.
    let report = ok(app.get(&rpath, &sup).await).await;
    assert_eq!(report["inspection_passed"], false);
    assert_eq!(offered(&report), vec!["reject_report"]);
    let body = assert_problem(
        cmd(
            &app,
            &format!("{rpath}/approve"),
            &sup,
            &report["version"],
            &json!({}),
        )
        .await,
        409,
        "inspection_failed",
    )
    .await;
    assert!(
        body["detail"].as_str().unwrap().contains("inspection"),
        "{body}"
    );
    let report = run(
        &app,
        &format!("{rpath}/reject"),
        &sup,
        &report,
        json!({"reason": "液压泵仍漏油，请返工"}),
    )
    .await;
    assert_eq!(report["status"], "rejected");

    // Back to the engineer for another visit; the first arrival still counts,
    // the repair is not done, and neither clock restarts.
    let sr = ok(app.get(&base, &sup).await).await;
    assert_eq!(sr["status"], "dispatched");
    assert_eq!(sr["arrived_at"], before["arrived_at"]);
    assert!(sr["repaired_at"].is_null());
    assert_eq!(sr["arrival_due"], before["arrival_due"]);
    assert_eq!(sr["repair_due"], before["repair_due"]);
    let wo = ok(app.get(&wo_path, &eng).await).await;
    assert_eq!(wo["status"], "assigned");
    assert!(wo["arrived_at"].is_null() && wo["inspection_passed"].is_null());
    assert_eq!(
        offered(&wo),
        vec!["schedule", "check_in", "create_requisition"]
    );
    let appointment = (chrono::Utc::now() + chrono::Duration::hours(3)).to_rfc3339();
    let wo = run(
        &app,
        &format!("{wo_path}/schedule"),
        &eng,
        &wo,
        json!({"appointment_at": appointment}),
    )
    .await;
    let wo = run(&app, &format!("{wo_path}/check-in"), &eng, &wo, json!({})).await;
    assert_eq!(
        offered(&wo),
        vec!["finish", "save_report", "create_requisition"]
    );
    run(
        &app,
        &format!("{wo_path}/finish"),
        &eng,
        &wo,
        json!({"inspection_passed": true, "notes": "更换密封件后试车正常"}),
    )
    .await;
    let sr = ok(app.get(&base, &sup).await).await;
    assert_eq!(sr["arrived_at"], before["arrived_at"]);
    assert!(sr["repaired_at"].is_string());

    // The report again, now approvable.
    let report = rewrite_report(&app, &wo_path, &eng, &report, "返工：更换液压泵密封件").await;
    let report = run(&app, &format!("{rpath}/submit"), &eng, &report, json!({})).await;
    assert_eq!(report["inspection_passed"], true);
    let report = ok(app.get(&rpath, &sup).await).await;
    assert_eq!(offered(&report), vec!["approve_report", "reject_report"]);
    let report = run(&app, &format!("{rpath}/approve"), &sup, &report, json!({})).await;
    assert_eq!(report["status"], "approved");
    assert_eq!(
        ok(app.get(&base, &sup).await).await["status"],
        "pending_signoff"
    );

    // The timeline keeps both visits.
    let actions = timeline_actions(&app, &base, &sup).await;
    assert_eq!(
        actions,
        vec![
            "created",
            "dispatched",
            "checked_in",
            "finished",
            "report_started",
            "report_submitted",
            "report_rejected",
            "scheduled",
            "checked_in",
            "finished",
            "report_submitted",
            "report_approved",
        ]
    );
}

#[tokio::test]
async fn a_resubmitted_report_shows_its_changes_and_the_parts_are_credited_to_the_engineer() {
    let app = spawn_app().await;
    let (id, wo_path, report) = to_review_inspected(&app, Role::Agent, true).await;
    let sup = app.login(Role::Supervisor).await;
    let eng = app.login(Role::Engineer).await;
    let (s, e) = (&sup.access_token, &eng.access_token);
    let base = format!("/api/v1/service-requests/{id}");
    let rpath = format!("/api/v1/repair-reports/{}", report["id"].as_str().unwrap());
    let report = ok(app.get(&rpath, s).await).await;
    assert!(report["last_rejection"].is_null());
    let report = ok(cmd(
        &app,
        &format!("{rpath}/reject"),
        s,
        &report["version"],
        &json!({"reason": "请写明皮带型号并更换张紧轮"}),
    )
    .await)
    .await;
    // Rejected, not yet answered and nothing to compare.
    assert_eq!(
        report["last_rejection"]["comment"],
        "请写明皮带型号并更换张紧轮"
    );
    assert_eq!(
        report["last_rejection"]["rejected_by"],
        sup.user.display_name
    );
    assert!(report["last_rejection"]["answered_at"].is_null());
    assert!(report["last_rejection"]["changes"].is_null());

    // The second visit and the report written again.
    let wo = ok(app.get(&wo_path, e).await).await;
    let wo = ok(cmd(
        &app,
        &format!("{wo_path}/check-in"),
        e,
        &wo["version"],
        &json!({}),
    )
    .await)
    .await;
    ok(cmd(
        &app,
        &format!("{wo_path}/finish"),
        e,
        &wo["version"],
        &json!({"inspection_passed": true}),
    )
    .await)
    .await;
    let mut body = report_body("更换 B-1650 皮带与张紧轮");
    body["labour_hours"] = json!("3.0");
    body["parts"]
        .as_array_mut()
        .unwrap()
        .push(json!({"part_number": "4LZ-0240", "name": "张紧轮", "quantity": "1", "unit": "个"}));
    let report = ok(app
        .request(Method::PUT, &format!("{wo_path}/report"), Some(e))
        .header("if-match", format!("\"{}\"", report["version"]))
        .json(&body)
        .send()
        .await
        .unwrap())
    .await;
    assert!(report["last_rejection"]["answered_at"].is_null());
    let submitted = ok(cmd(
        &app,
        &format!("{rpath}/submit"),
        e,
        &report["version"],
        &json!({}),
    )
    .await)
    .await;
    let report = ok(app.get(&rpath, s).await).await;
    let rejection = &report["last_rejection"];
    assert_eq!(rejection["answered_at"], submitted["submitted_at"]);
    assert_eq!(
        rejection["changes"],
        json!({
            "fields": [
                {"field": "process", "before": "检查", "after": "更换 B-1650 皮带与张紧轮"},
                {"field": "labour_hours", "before": "2.5", "after": "3"},
            ],
            "parts_added": [{"part_number": "4LZ-0240", "name": "张紧轮", "quantity": "1", "unit": "个"}],
            "parts_removed": [],
        })
    );
    // The timeline marks the rejection answered.
    let timeline = ok(app.get(&format!("{base}/timeline"), s).await).await;
    let rejected = timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|ev| ev["action"] == "report_rejected")
        .unwrap();
    assert_eq!(
        rejected["changes"]["answered_at"],
        submitted["submitted_at"]
    );

    // Approved: the machine's history credits the parts to the engineer.
    ok(cmd(
        &app,
        &format!("{rpath}/approve"),
        s,
        &report["version"],
        &json!({}),
    )
    .await)
    .await;
    let sr = ok(app.get(&base, s).await).await;
    let archive = ok(app
        .get(
            &format!(
                "/api/v1/machines/{}/archive",
                sr["machine_id"].as_str().unwrap()
            ),
            s,
        )
        .await)
    .await;
    let credited: Vec<(&str, &str)> = archive["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|ev| ev["kind"] == "part_replacement")
        .map(|ev| {
            (
                ev["details"]["name"].as_str().unwrap(),
                ev["actor_display_name"].as_str().unwrap(),
            )
        })
        .collect();
    let who = eng.user.display_name.as_str();
    assert_ne!(who, sup.user.display_name);
    assert_eq!(credited, vec![("割台传动皮带", who), ("张紧轮", who)]);
}

#[tokio::test]
async fn of_two_concurrent_approvals_one_wins_and_one_gets_412() {
    let app = spawn_app().await;
    let (_, report) = to_review(&app).await;
    let sup = app.token(Role::Supervisor).await;
    let path = app.url(&format!(
        "/api/v1/repair-reports/{}/approve",
        report["id"].as_str().unwrap()
    ));
    let version = format!("\"{}\"", report["version"]);
    let a = app
        .client
        .post(&path)
        .bearer_auth(&sup)
        .header("if-match", &version)
        .json(&json!({}))
        .send();
    let b = app
        .client
        .post(&path)
        .bearer_auth(&sup)
        .header("if-match", &version)
        .json(&json!({}))
        .send();
    let (a, b) = tokio::join!(a, b);
    let mut codes = vec![a.unwrap().status().as_u16(), b.unwrap().status().as_u16()];
    codes.sort();
    assert_eq!(codes, vec![200, 412]);
}

#[tokio::test]
async fn dealers_record_and_follow_only_their_own_requests() {
    let app = spawn_app().await;
    let dealer = app.login(Role::Dealer).await;
    let t = &dealer.access_token;
    let (c, m) = app.customer_and_machine(t).await;
    assert_eq!(m["dealer_id"], json!(dealer.user.dealer_id));
    let mine = ok(app
        .post("/api/v1/service-requests", t, &intake_body(&c, &m))
        .await)
    .await;
    assert_eq!(mine["channel"], "dealer_portal");
    assert_eq!(mine["dealer_id"], json!(dealer.user.dealer_id));

    let agent = app.token(Role::Agent).await;
    let elsewhere = app.fx.dealer().create().await;
    let (foreign_c, foreign_m) = app
        .customer_and_machine_of(Some(elsewhere.id), &agent)
        .await;
    assert_ne!(foreign_m["dealer_id"], json!(dealer.user.dealer_id));
    let theirs = ok(app
        .post(
            "/api/v1/service-requests",
            &agent,
            &intake_body(&foreign_c, &foreign_m),
        )
        .await)
    .await;
    let tid = theirs["id"].as_str().unwrap();
    for path in [
        format!("/api/v1/service-requests/{tid}"),
        format!("/api/v1/service-requests/{tid}/timeline"),
    ] {
        assert_problem(app.get(&path, t).await, 404, "not_found").await;
    }
    let list = ok(app.get("/api/v1/service-requests?limit=200", t).await).await;
    let ids: Vec<&Value> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["id"])
        .collect();
    assert_eq!(ids, vec![&mine["id"]]);
    let res = app
        .post(
            "/api/v1/service-requests",
            t,
            &intake_body(&foreign_c, &foreign_m),
        )
        .await;
    assert_eq!(
        assert_problem(res, 422, "validation_failed").await["errors"][0]["field"],
        "customer_id"
    );
    let mine_path = format!("/api/v1/service-requests/{}", mine["id"].as_str().unwrap());
    assert_eq!(
        ok(app.get(&format!("{mine_path}/timeline"), t).await).await[0]["action"],
        "created"
    );
    assert_problem(app.get("/api/v1/work-orders", t).await, 403, "forbidden").await;
    let since = ok(app
        .get(
            "/api/v1/service-requests?updated_since=2000-01-01T00:00:00Z",
            t,
        )
        .await)
    .await;
    assert_eq!(since["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn engineers_see_and_work_only_their_own_orders() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let sup = app.token(Role::Supervisor).await;
    let other = app.another_engineer().await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let sr = ok(app
        .post("/api/v1/service-requests", &agent, &intake_body(&c, &m))
        .await)
    .await;
    let res = cmd(
        &app,
        &format!(
            "/api/v1/service-requests/{}/dispatch",
            sr["id"].as_str().unwrap()
        ),
        &sup,
        &sr["version"],
        &json!({"engineer_id": other.user.id}),
    )
    .await;
    let wo_path = res.headers()["location"].to_str().unwrap().to_owned();
    let me = app.token(Role::Engineer).await;
    assert_problem(app.get(&wo_path, &me).await, 404, "not_found").await;
    let wo_version = ok(app.get(&wo_path, &sup).await).await["version"].clone();
    assert_problem(
        cmd(
            &app,
            &format!("{wo_path}/check-in"),
            &me,
            &wo_version,
            &json!({}),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    assert!(
        ok(app.get("/api/v1/work-orders", &me).await).await["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let theirs = ok(app
        .get("/api/v1/work-orders?open=true", &other.access_token)
        .await)
    .await;
    assert_eq!(theirs["items"].as_array().unwrap().len(), 1);

    // The request's record page offers the supervisor the reassignment of its
    // open work order; the desk's agent is not offered it.
    let sr_path = format!("/api/v1/service-requests/{}", sr["id"].as_str().unwrap());
    let offered = |v: &serde_json::Value| {
        v["actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "reassign")
    };
    assert!(offered(&ok(app.get(&sr_path, &sup).await).await));
    let agent = app.token(Role::Agent).await;
    assert!(!offered(&ok(app.get(&sr_path, &agent).await).await));

    // Reassigned: the old order closes, the new one belongs to the other engineer.
    let wo = ok(app.get(&wo_path, &sup).await).await;
    let me_id = ok(app.get("/api/v1/me", &me).await).await["id"].clone();
    let res = cmd(
        &app,
        &format!("{wo_path}/reassign"),
        &sup,
        &wo["version"],
        &json!({"engineer_id": me_id, "reason": "王海峰请假"}),
    )
    .await;
    let new_wo = ok(res).await;
    assert_ne!(new_wo["id"], wo["id"]);
    assert_eq!(
        ok(app.get(&wo_path, &sup).await).await["status"],
        "reassigned"
    );
    assert_eq!(
        ok(app
            .get(
                &format!("/api/v1/work-orders/{}", new_wo["id"].as_str().unwrap()),
                &me
            )
            .await)
        .await["status"],
        "assigned"
    );
}

#[tokio::test]
async fn lists_answer_summaries_and_my_work_comes_most_urgent_first() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let sup = app.token(Role::Supervisor).await;
    let eng = app.another_engineer().await;
    let (c, m) = app.customer_and_machine(&agent).await;
    // A critical job reported first, then a normal one: newest first puts
    // the normal one on top, as "My work" did (issue #17).
    let mut numbers = Vec::new();
    for priority in ["critical", "normal"] {
        let mut b = intake_body(&c, &m);
        b["priority"] = json!(priority);
        b["machine_stopped"] = json!(false);
        let sr = ok(app.post("/api/v1/service-requests", &agent, &b).await).await;
        let path = format!(
            "/api/v1/service-requests/{}/dispatch",
            sr["id"].as_str().unwrap()
        );
        let body = json!({"engineer_id": eng.user.id});
        ok(cmd(&app, &path, &sup, &sr["version"], &body).await).await;
        numbers.push(sr["number"].as_str().unwrap().to_owned());
    }
    let t = &eng.access_token;
    let listed = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["request_number"].as_str().unwrap().to_owned())
            .collect()
    };
    let newest = ok(app.get("/api/v1/work-orders?open=true", t).await).await;
    assert_eq!(listed(&newest), [numbers[1].clone(), numbers[0].clone()]);
    let urgent = ok(app
        .get("/api/v1/work-orders?open=true&sort=urgency", t)
        .await)
    .await;
    assert_eq!(listed(&urgent), [numbers[0].clone(), numbers[1].clone()]);
    assert!(urgent["next_cursor"].is_null());

    // A row is a summary: no actions, no free text; the record keeps them.
    let row = &urgent["items"][0];
    assert!(row.get("actions").is_none() && row.get("symptoms").is_none());
    assert_eq!(row["priority"], "critical");
    assert_eq!(row["customer_name"], c["name"]);
    assert!(row["next_due_at"].is_string() && row["overdue"] == false);
    let wo_path = format!("/api/v1/work-orders/{}", row["id"].as_str().unwrap());
    let full = ok(app.get(&wo_path, t).await).await;
    assert!(
        full["actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "schedule")
    );

    // More work than one page cannot be put in urgency order: refused on `sort`.
    let res = app
        .get("/api/v1/work-orders?open=true&sort=urgency&limit=1", t)
        .await;
    assert_eq!(field_error(res).await, ("sort".into(), "too_many".into()));
    assert_problem(
        app.get("/api/v1/work-orders?sort=soonest", t).await,
        400,
        "invalid_query",
    )
    .await;

    // The request list's rows are summaries too, with what a row shows.
    let list = ok(app.get("/api/v1/service-requests?limit=5", &agent).await).await;
    let row = &list["items"][0];
    assert!(row.get("actions").is_none() && row.get("symptoms").is_none());
    for field in [
        "number",
        "status",
        "priority",
        "customer_name",
        "customer_phone",
        "serial_number",
        "next_due_at",
        "overdue",
        "downtime_hours",
        "version",
        "updated_at",
    ] {
        assert!(row.get(field).is_some(), "{field} missing from {row}");
    }
}

#[tokio::test]
async fn cancel_and_remote_resolution_follow_the_state_machine() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let sr = ok(app
        .post("/api/v1/service-requests", &agent, &intake_body(&c, &m))
        .await)
    .await;
    let base = format!("/api/v1/service-requests/{}", sr["id"].as_str().unwrap());
    assert_problem(
        cmd(
            &app,
            &format!("{base}/cancel"),
            &agent,
            &sr["version"],
            &json!({"reason": ""}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    let cancelled = run(
        &app,
        &format!("{base}/cancel"),
        &agent,
        &sr,
        json!({"reason": "客户自行修好"}),
    )
    .await;
    assert_eq!(cancelled["status"], "cancelled");
    let again = cmd(
        &app,
        &format!("{base}/resolve-remotely"),
        &agent,
        &cancelled["version"],
        &json!({"resolution": "电话指导"}),
    )
    .await;
    assert!(
        assert_problem(again, 409, "invalid_state").await["detail"]
            .as_str()
            .unwrap()
            .contains("cancelled")
    );

    let mut consult = intake_body(&c, &m);
    consult["kind"] = json!("consultation");
    consult["needs_onsite"] = json!(false);
    let sr = ok(app.post("/api/v1/service-requests", &agent, &consult).await).await;
    assert!(sr["arrival_due"].is_null());
    let base = format!("/api/v1/service-requests/{}", sr["id"].as_str().unwrap());
    let stale = cmd(
        &app,
        &format!("{base}/resolve-remotely"),
        &agent,
        &json!(99),
        &json!({"resolution": "电话指导调整"}),
    )
    .await;
    assert_problem(stale, 412, "stale_version").await;
    let done = run(
        &app,
        &format!("{base}/resolve-remotely"),
        &agent,
        &sr,
        json!({"resolution": "电话指导调整割台高度"}),
    )
    .await;
    assert_eq!(done["status"], "resolved_remotely");
    let timeline = ok(app.get(&format!("{base}/timeline"), &agent).await).await;
    assert!(timeline[1]["changes"]["follow_up_due"].is_string());
}

#[tokio::test]
async fn the_default_list_puts_overdue_first_then_stopped_in_season_then_priority() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let mut ids = Vec::new();
    for (priority, stopped) in [
        ("low", false),
        ("critical", false),
        ("high", false),
        ("normal", false),
    ] {
        let mut b = intake_body(&c, &m);
        b["priority"] = json!(priority);
        b["machine_stopped"] = json!(stopped);
        ids.push(
            ok(app.post("/api/v1/service-requests", &agent, &b).await).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    // The low one becomes overdue; the normal one is a stopped machine in season.
    let low = &ids[0];
    let normal = &ids[3];
    let past = if furrow_store::testing::on_postgres() {
        "TIMESTAMPTZ '2020-01-01 00:00:00+00'".to_owned()
    } else {
        "'2020-01-01T00:00:00+00:00'".to_owned()
    };
    let id_lit = |id: &str| {
        if furrow_store::testing::on_postgres() {
            format!("'{id}'")
        } else {
            format!("X'{}'", id.replace('-', ""))
        }
    };
    app.sql(&format!(
        "UPDATE service_requests SET sort_due = {past}, first_contact_due = {past} WHERE id = {}",
        id_lit(low)
    ))
    .await;
    app.sql(&format!(
        "UPDATE service_requests SET stopped_rank = 0, in_season = TRUE WHERE id = {}",
        id_lit(normal)
    ))
    .await;
    let page = ok(app.get("/api/v1/service-requests?limit=2", &agent).await).await;
    let mut order: Vec<String> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(page["items"][0]["overdue"], true);
    let next = ok(app
        .get(
            &format!(
                "/api/v1/service-requests?limit=2&cursor={}",
                page["next_cursor"].as_str().unwrap()
            ),
            &agent,
        )
        .await)
    .await;
    order.extend(
        next["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned()),
    );
    assert_eq!(
        order,
        vec![
            ids[0].clone(),
            ids[3].clone(),
            ids[1].clone(),
            ids[2].clone()
        ]
    );
    let overdue = ok(app
        .get("/api/v1/service-requests?overdue=true", &agent)
        .await)
    .await;
    assert_eq!(overdue["items"].as_array().unwrap().len(), 1);
    let sup = app.token(Role::Supervisor).await;
    let notes = ok(app.get("/api/v1/notifications", &sup).await).await;
    assert_eq!(notes["items"][0]["request_id"], json!(low));
    assert_eq!(notes["items"][0]["kind"], "overdue");
    assert_eq!(notes["items"][0]["clock"], "first_contact");
    // Every role reads the alerts of the requests it sees (issue #17: a bell
    // for every role); the desk sees them all.
    let desk = ok(app.get("/api/v1/notifications", &agent).await).await;
    assert_eq!(desk, notes);
}

#[tokio::test]
async fn sla_settings_are_validated_versioned_and_admin_only() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let res = app.get("/api/v1/settings/sla", &admin).await;
    assert_eq!(res.headers()["etag"], "\"0\"");
    let mut s = ok(res).await;
    assert_eq!(s["arrival_hours"]["critical"], 4);
    s["arrival_hours"]["low"] = json!(0);
    let bad = app
        .request(Method::PUT, "/api/v1/settings/sla", Some(&admin))
        .header("if-match", "\"0\"")
        .json(&s)
        .send()
        .await
        .unwrap();
    assert_eq!(
        assert_problem(bad, 422, "validation_failed").await["errors"][0]["field"],
        "arrival_hours.low"
    );
    s["arrival_hours"]["low"] = json!(48);
    let saved = app
        .request(Method::PUT, "/api/v1/settings/sla", Some(&admin))
        .header("if-match", "\"0\"")
        .json(&s)
        .send()
        .await
        .unwrap();
    assert_eq!(saved.headers()["etag"], "\"1\"");
    let stale = app
        .request(Method::PUT, "/api/v1/settings/sla", Some(&admin))
        .header("if-match", "\"0\"")
        .json(&s)
        .send()
        .await
        .unwrap();
    assert_problem(stale, 412, "stale_version").await;
    let sup = app.token(Role::Supervisor).await;
    let denied = app
        .request(Method::PUT, "/api/v1/settings/sla", Some(&sup))
        .json(&s)
        .send()
        .await
        .unwrap();
    assert_problem(denied, 403, "forbidden").await;
    assert_eq!(
        ok(app.get("/api/v1/settings/sla", &sup).await).await["arrival_hours"]["low"],
        48
    );
}

/// The first field error of a 422 answer.
async fn field_error(res: Response) -> (String, String) {
    let body = assert_problem(res, 422, "validation_failed").await;
    let e = &body["errors"][0];
    (
        e["field"].as_str().unwrap().to_owned(),
        e["code"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn implausible_dates_are_refused_and_nothing_is_written() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let before = ok(app.get("/api/v1/service-requests?limit=200", &agent).await).await;
    for promised in [
        "-9999-01-01T00:00:00Z",
        "9999-12-31T00:00:00Z",
        "2001-01-01T00:00:00Z",
    ] {
        let mut body = intake_body(&c, &m);
        body["promised_arrival_at"] = json!(promised);
        let res = app.post("/api/v1/service-requests", &agent, &body).await;
        assert_eq!(
            field_error(res).await,
            ("promised_arrival_at".into(), "out_of_range".into()),
            "{promised}"
        );
    }
    let after = ok(app.get("/api/v1/service-requests?limit=200", &agent).await).await;
    assert_eq!(before["items"], after["items"], "nothing was recorded");

    let admin = app.token(Role::Admin).await;
    for sale in ["9999-12-31", "1900-01-01", "2199-01-01"] {
        let res = app
            .post(
                "/api/v1/machines",
                &admin,
                &json!({"serial_number": format!("DATE-{sale}"), "model_id": m["model_id"],
                        "customer_id": c["id"], "sale_date": sale}),
            )
            .await;
        assert_eq!(
            field_error(res).await,
            ("sale_date".into(), "out_of_range".into()),
            "{sale}"
        );
    }
    // A promise within the year is taken and written back as RFC 3339.
    let mut body = intake_body(&c, &m);
    let promised = chrono::Utc::now() + chrono::Duration::hours(5);
    body["promised_arrival_at"] = json!(promised.to_rfc3339());
    let created = ok(app.post("/api/v1/service-requests", &agent, &body).await).await;
    let echoed = created["promised_arrival_at"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(echoed).is_ok(),
        "{echoed}"
    );
}

#[tokio::test]
async fn text_no_engine_can_store_is_refused_alike_on_both() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let mut body = intake_body(&c, &m);
    body["symptoms"] = json!("割台\u{0}不转");
    let res = app.post("/api/v1/service-requests", &agent, &body).await;
    assert_problem(res, 400, "nul_in_text").await;
    for list in ["service-requests", "customers", "machines"] {
        let res = app.get(&format!("/api/v1/{list}?q=a%00b"), &agent).await;
        assert_problem(res, 400, "nul_in_text").await;
    }
    // An escaped backslash before `u0000` is ordinary text.
    body["symptoms"] = json!("割台 \\u0000 不转");
    ok(app.post("/api/v1/service-requests", &agent, &body).await).await;

    let admin = app.token(Role::Admin).await;
    let res = app
        .post(
            "/api/v1/users",
            &admin,
            &json!({"username": "long-dept", "display_name": "长部门", "password": "Tractor-Ledger-Spring-81",
                    "roles": ["agent"], "department": "部".repeat(101)}),
        )
        .await;
    assert_eq!(
        field_error(res).await,
        ("department".into(), "too_long".into())
    );
}

#[tokio::test]
async fn a_dealer_reads_its_requests_timeline_without_internal_detail() {
    let app = spawn_app().await;
    let (id, report) = to_review_from(&app, Role::Dealer).await;
    let sup = app.token(Role::Supervisor).await;
    ok(cmd(
        &app,
        &format!(
            "/api/v1/repair-reports/{}/reject",
            report["id"].as_str().unwrap()
        ),
        &sup,
        &report["version"],
        &json!({"reason": "内部意见：工时填写过高"}),
    )
    .await)
    .await;
    let path = format!("/api/v1/service-requests/{id}/timeline");
    let staff = ok(app.get(&path, &sup).await).await;
    let actions = |t: &Value| -> Vec<String> {
        t.as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(actions(&staff).contains(&"report_rejected".to_owned()));
    let dealer = app.token(Role::Dealer).await;
    let seen = ok(app.get(&path, &dealer).await).await;
    let seen_actions = actions(&seen);
    for internal in ["report_rejected", "report_submitted", "report_started"] {
        assert!(
            !seen_actions.contains(&internal.to_owned()),
            "{internal} in {seen_actions:?}"
        );
    }
    for shown in ["created", "dispatched", "checked_in", "finished"] {
        assert!(
            seen_actions.contains(&shown.to_owned()),
            "{shown} missing: {seen_actions:?}"
        );
    }
    let text = seen.to_string();
    for secret in [
        "工时填写过高",
        "labour_hours",
        "inspection_passed",
        "\"late\"",
    ] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
}
