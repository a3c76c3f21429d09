//! Signing where the customer is: the on-site acknowledgement on the
//! engineer's phone after the work, then the review, then the customer's
//! confirmation of the approved report through the sign-off link, whose QR
//! code the server draws.

use crate::helpers::{TestApp, assert_problem, ok, spawn_app};
use crate::service::{
    cmd, intake_body, offered, report_body, run, signature_png, timeline_actions,
};
use furrow_domain::Role;
use qrcode::{Color, EcLevel, QrCode};
use reqwest::Method;
use serde_json::{Value, json};

/// A request whose work order the engineer has just finished (inspection
/// passed, no report yet): answers the request's path, the work order's
/// path and the work order as the engineer reads it.
async fn finished(app: &TestApp, eng: &str, eng_id: &str) -> (String, String, Value) {
    let agent = app.token(Role::Agent).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    finished_with(app, eng, eng_id, &intake_body(&c, &m)).await
}

/// [`finished`] for the request the intake `body` takes in.
pub(crate) async fn finished_with(
    app: &TestApp,
    eng: &str,
    eng_id: &str,
    body: &Value,
) -> (String, String, Value) {
    let agent = app.token(Role::Agent).await;
    let sup = app.token(Role::Supervisor).await;
    let sr = ok(app.post("/api/v1/service-requests", &agent, body).await).await;
    let base = format!("/api/v1/service-requests/{}", sr["id"].as_str().unwrap());
    let body = json!({"engineer_id": eng_id});
    let res = cmd(
        app,
        &format!("{base}/dispatch"),
        &sup,
        &sr["version"],
        &body,
    )
    .await;
    let wo_path = res.headers()["location"].to_str().unwrap().to_owned();
    let wo = ok(app.get(&wo_path, eng).await).await;
    let wo = run(app, &format!("{wo_path}/check-in"), eng, &wo, json!({})).await;
    let finish = json!({"inspection_passed": true});
    let wo = run(app, &format!("{wo_path}/finish"), eng, &wo, finish).await;
    (base, wo_path, wo)
}

fn acknowledgement(satisfaction: &str) -> Value {
    json!({"signer_name": " 赵六 ", "satisfaction": satisfaction, "signature_png": signature_png()})
}

/// The dark modules of a QR code drawn by the server, read back from the
/// SVG's rectangles (`M{x} {y}h{w}v{h}…`): the module side is the image's side
/// over the code's width plus the quiet zone.
fn modules_of(svg: &str, width: usize) -> Vec<Vec<bool>> {
    let side: usize = svg
        .split(r#"width=""#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .parse()
        .unwrap();
    let unit = side / (width + 8);
    assert_eq!(unit * (width + 8), side, "square modules in a {side} image");
    let mut dark = vec![vec![false; width]; width];
    let path = svg.split(r#" d=""#).nth(1).unwrap();
    let path = path.split('"').next().unwrap();
    for rect in path.split('M').filter(|s| !s.is_empty()) {
        let (x, rest) = rect.split_once(' ').unwrap();
        let (y, rest) = rest.split_once('h').unwrap();
        let (w, rest) = rest.split_once('v').unwrap();
        let h = rest.split_once('H').unwrap().0;
        let [x, y, w, h]: [usize; 4] = [x, y, w, h].map(|n| n.parse().unwrap());
        assert_eq!((x % unit, y % unit, w % unit, h % unit), (0, 0, 0, 0));
        for row in y / unit..(y + h) / unit {
            for col in x / unit..(x + w) / unit {
                dark[row - 4][col - 4] = true;
            }
        }
    }
    dark
}

#[tokio::test]
async fn the_customer_acknowledges_on_site_then_signs_the_approved_report_through_the_link() {
    let app = spawn_app().await;
    let sup = app.token(Role::Supervisor).await;
    let login = app.login(Role::Engineer).await;
    let eng = login.access_token.clone();
    let eng_id = login.user.id.to_string();
    let (base, wo_path, wo) = finished(&app, &eng, &eng_id).await;
    let ack_path = format!("{wo_path}/acknowledge");
    assert_eq!(offered(&wo), vec!["acknowledge", "save_report"]);

    // The supervisor, another engineer, no If-Match and bad input are refused.
    let body = acknowledgement("satisfied");
    let res = cmd(&app, &ack_path, &sup, &wo["version"], &body).await;
    assert_problem(res, 403, "forbidden").await;
    let other = app.another_engineer().await;
    let res = cmd(&app, &ack_path, &other.access_token, &wo["version"], &body).await;
    assert_problem(res, 404, "not_found").await;
    let res = app
        .request(Method::POST, &ack_path, Some(&eng))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_problem(res, 428, "if_match_required").await;
    let mut unsigned = body.clone();
    unsigned["signature_png"] = json!("aGVsbG8=");
    let res = cmd(&app, &ack_path, &eng, &wo["version"], &unsigned).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "signature_png");
    let res = cmd(
        &app,
        &ack_path,
        &eng,
        &wo["version"],
        &acknowledgement("great"),
    )
    .await;
    assert_eq!(res.status(), 400, "an unknown mark does not decode");

    // Acknowledged: stored on the work order, with its signature, once.
    let wo = run(&app, &ack_path, &eng, &wo, body.clone()).await;
    assert_eq!(wo["status"], "finished");
    assert_eq!(wo["acknowledgement"]["signer_name"], "赵六");
    assert_eq!(wo["acknowledgement"]["satisfaction"], "satisfied");
    assert!(wo["acknowledgement"]["at"].is_string());
    assert_eq!(offered(&wo), vec!["save_report"]);
    let sig = app
        .request(
            Method::GET,
            &format!("{wo_path}/acknowledgement/signature"),
            Some(&sup),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(sig.status(), 200);
    assert_eq!(sig.headers()["content-type"], "image/png");
    assert_eq!(&sig.bytes().await.unwrap()[..4], b"\x89PNG");
    let res = cmd(&app, &ack_path, &eng, &wo["version"], &body).await;
    assert_problem(res, 409, "already_acknowledged").await;
    let sr = ok(app.get(&base, &sup).await).await;
    assert_eq!(
        sr["status"], "in_service",
        "the acknowledgement moves nothing on"
    );

    // The report goes to review; the reviewer sees the acknowledgement.
    let report = ok(app
        .request(Method::PUT, &format!("{wo_path}/report"), Some(&eng))
        .header("if-match", "\"0\"")
        .json(&report_body("检查"))
        .send()
        .await
        .unwrap())
    .await;
    let rpath = format!("/api/v1/repair-reports/{}", report["id"].as_str().unwrap());
    run(&app, &format!("{rpath}/submit"), &eng, &report, json!({})).await;
    let report = ok(app.get(&rpath, &sup).await).await;
    assert_eq!(report["acknowledgement"], wo["acknowledgement"]);
    let report = run(&app, &format!("{rpath}/approve"), &sup, &report, json!({})).await;
    let wo = ok(app.get(&wo_path, &eng).await).await;
    assert!(offered(&wo).is_empty(), "{:?}", offered(&wo));

    // The link, as a QR code of its full address.
    let link = run(
        &app,
        &format!("{rpath}/sign-link"),
        &sup,
        &report,
        json!({}),
    )
    .await;
    let token = link["token"].as_str().unwrap();
    let res = app
        .request(Method::GET, &format!("/api/v1/sign/{token}/qr.svg"), None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    let svg = res.text().await.unwrap();
    let url = app.url(&format!("/sign/{token}"));
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).unwrap();
    let expected: Vec<Vec<bool>> = code
        .to_colors()
        .chunks(code.width())
        .map(|row| row.iter().map(|c| *c == Color::Dark).collect())
        .collect();
    assert_eq!(modules_of(&svg, code.width()), expected);
    // Another address encodes differently: the image is this link's.
    let other = QrCode::with_error_correction_level(format!("{url}x"), EcLevel::M).unwrap();
    assert_ne!(other.to_colors(), code.to_colors());

    // The customer signs through the link; it and its QR code are spent.
    let res = app
        .request(Method::POST, &format!("/api/v1/sign/{token}"), None)
        .json(&json!({"signer_name": "赵六", "signature_png": signature_png()}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let report = ok(app.get(&rpath, &sup).await).await;
    assert_eq!(report["status"], "signed");
    assert_eq!(report["signer_name"], "赵六");
    let res = app
        .request(Method::GET, &format!("/api/v1/sign/{token}/qr.svg"), None)
        .send()
        .await
        .unwrap();
    assert_problem(res, 410, "link_used").await;
    let res = app
        .request(Method::GET, "/api/v1/sign/no-such-token/qr.svg", None)
        .send()
        .await
        .unwrap();
    assert_problem(res, 404, "not_found").await;

    // The timeline: acknowledged after finishing, signed at the end.
    let actions = timeline_actions(&app, &base, &sup).await;
    let at = |a: &str| actions.iter().position(|x| x == a).unwrap();
    assert!(at("finished") < at("acknowledged"), "{actions:?}");
    assert!(at("acknowledged") < at("report_submitted"), "{actions:?}");
    assert_eq!(actions.last().unwrap(), "signed");
    let timeline = ok(app.get(&format!("{base}/timeline"), &sup).await).await;
    let e = timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "acknowledged")
        .unwrap();
    assert_eq!(
        e["changes"],
        json!({"work_order": wo["number"], "signer_name": "赵六", "satisfaction": "satisfied"})
    );
}

#[tokio::test]
async fn an_unfinished_visit_is_not_acknowledged() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let sup = app.token(Role::Supervisor).await;
    let login = app.login(Role::Engineer).await;
    let eng = login.access_token.clone();
    let (c, m) = app.customer_and_machine(&agent).await;
    let sr = ok(app
        .post("/api/v1/service-requests", &agent, &intake_body(&c, &m))
        .await)
    .await;
    let base = format!("/api/v1/service-requests/{}", sr["id"].as_str().unwrap());
    let body = json!({"engineer_id": login.user.id});
    let res = cmd(
        &app,
        &format!("{base}/dispatch"),
        &sup,
        &sr["version"],
        &body,
    )
    .await;
    let wo_path = res.headers()["location"].to_str().unwrap().to_owned();
    let wo = ok(app.get(&wo_path, &eng).await).await;
    let wo = run(&app, &format!("{wo_path}/check-in"), &eng, &wo, json!({})).await;
    assert!(!offered(&wo).contains(&"acknowledge"));
    let res = cmd(
        &app,
        &format!("{wo_path}/acknowledge"),
        &eng,
        &wo["version"],
        &acknowledgement("very_satisfied"),
    )
    .await;
    let problem = assert_problem(res, 409, "invalid_state").await;
    assert_eq!(
        problem["detail"],
        "the work_order is on_site: acknowledge is not possible now"
    );
    let res = app
        .request(
            Method::GET,
            &format!("{wo_path}/acknowledgement/signature"),
            Some(&eng),
        )
        .send()
        .await
        .unwrap();
    assert_problem(res, 404, "not_found").await;
}
