//! The 三包 end of a machine (issue 18, items 7 and 8): one computation from
//! every request of the machine, the same for every viewer, with exact dates
//! for a hand-built history; warranty dates change only with a reason, by
//! the maker's staff, and never below the legal year.

use crate::helpers::{TestApp, assert_problem, spawn_app};
use chrono::{Duration, FixedOffset, NaiveDate, Utc};
use furrow_domain::Role;
use furrow_store::testing::on_postgres;
use reqwest::Method;
use serde_json::{Value, json};

async fn ok(res: reqwest::Response) -> Value {
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    body
}

/// An instant as a SQL literal both databases read (`2025-03-02T01:00:00`, UTC).
fn ts(utc: &str) -> String {
    if on_postgres() {
        format!("TIMESTAMPTZ '{} +00'", utc.replace('T', " "))
    } else {
        format!("'{utc}+00:00'")
    }
}

fn id_lit(id: &str) -> String {
    if on_postgres() {
        format!("'{id}'")
    } else {
        format!("X'{}'", id.replace('-', ""))
    }
}

/// A request of `kind` on the machine, taken in through the API, then moved
/// to the given report and repair-done instants (UTC) as if it had happened then.
async fn past_request(
    app: &TestApp,
    agent: &str,
    (c, m): (&Value, &Value),
    kind: &str,
    reported: &str,
    repaired: Option<&str>,
) -> String {
    let body = json!({"kind": "repair", "customer_id": c["id"], "machine_id": m["id"],
        "symptoms": "割台不转", "needs_onsite": true, "priority": "normal"});
    let sr = ok(app.post("/api/v1/service-requests", agent, &body).await).await;
    let id = sr["id"].as_str().unwrap().to_owned();
    let done = match repaired {
        Some(t) => format!(
            "status = 'completed', is_open = FALSE, repaired_at = {0}, completed_at = {0}",
            ts(t)
        ),
        None => "status = 'in_service'".to_owned(),
    };
    app.sql(&format!(
        "UPDATE service_requests SET kind = '{kind}', reported_at = {}, {done} WHERE id = {}",
        ts(reported),
        id_lit(&id)
    ))
    .await;
    sr["number"].as_str().unwrap().to_owned()
}

/// Sets the machine's warranty dates through the command, as the desk does.
async fn set_warranty(app: &TestApp, token: &str, m: &Value, body: Value) -> reqwest::Response {
    let id = m["id"].as_str().unwrap();
    let current = app.read(&format!("/api/v1/machines/{id}"), token).await;
    app.request(
        Method::POST,
        &format!("/api/v1/machines/{id}/warranty"),
        Some(token),
    )
    .header("if-match", format!("\"{}\"", current["version"]))
    .json(&body)
    .send()
    .await
    .unwrap()
}

fn today_in_beijing() -> NaiveDate {
    Utc::now()
        .with_timezone(&FixedOffset::east_opt(8 * 3600).unwrap())
        .date_naive()
}

#[tokio::test]
async fn the_sanbao_end_counts_in_warranty_repairs_once_and_is_the_same_for_every_viewer() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    ok(set_warranty(
        &app,
        &agent,
        &m,
        json!({"sale_date": "2025-01-10", "warranty_end": "2026-01-10", "reason": "按发票日期登记"}),
    )
    .await)
    .await;
    let cm = (&c, &m);
    // Times in UTC; the days are Beijing dates (UTC+8).
    // 2-4 March 2025: three days.
    let r1 = past_request(
        &app,
        &agent,
        cm,
        "repair",
        "2025-03-02T01:00:00",
        Some("2025-03-04T09:00:00"),
    )
    .await;
    // 4-6 March, overlapping on the 4th: two more days.
    let r2 = past_request(
        &app,
        &agent,
        cm,
        "repair",
        "2025-03-04T00:00:00",
        Some("2025-03-06T02:00:00"),
    )
    .await;
    // Maintenance adds nothing.
    past_request(
        &app,
        &agent,
        cm,
        "maintenance",
        "2025-05-01T01:00:00",
        Some("2025-05-10T01:00:00"),
    )
    .await;
    // Reported on 14 January 2026, after the end as sold (10 January) but
    // inside the period the first two extended (to 15 January): 14-16 January.
    let r4 = past_request(
        &app,
        &agent,
        cm,
        "repair",
        "2026-01-14T01:00:00",
        Some("2026-01-16T01:00:00"),
    )
    .await;
    // After the extended end (18 January): out of warranty, adds nothing.
    past_request(
        &app,
        &agent,
        cm,
        "repair",
        "2026-02-01T01:00:00",
        Some("2026-02-03T01:00:00"),
    )
    .await;

    let id = m["id"].as_str().unwrap();
    let archive = app
        .read(&format!("/api/v1/machines/{id}/archive"), &agent)
        .await;
    let w = &archive["warranty"];
    assert_eq!(w["warranty_end"], "2026-01-10");
    assert_eq!(w["extension_days"], 8);
    assert_eq!(w["effective_end"], "2026-01-18");
    assert_eq!(w["status"], "expired");
    let lines: Vec<(String, i64, i64)> = w["repairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["number"].as_str().unwrap().to_owned(),
                r["days"].as_i64().unwrap(),
                r["days_added"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(lines, vec![(r1, 3, 3), (r2, 3, 2), (r4, 3, 3)]);
    assert_eq!(w["repairs"][0]["reported_on"], "2025-03-02");
    assert_eq!(w["repairs"][0]["done_on"], "2025-03-04");

    // An engineer sees none of these requests, a dealer only its own: both
    // read the same end, on the machine, the list and the customer archive.
    let engineer = app.token(Role::Engineer).await;
    let dealer = app.token(Role::Dealer).await;
    for token in [&agent, &engineer, &dealer] {
        let mine = app.read(&format!("/api/v1/machines/{id}"), token).await;
        assert_eq!(mine["warranty"], *w, "GET /machines/{{id}}");
        let arch = app
            .read(&format!("/api/v1/machines/{id}/archive"), token)
            .await;
        assert_eq!(arch["warranty"], *w, "archive");
        let list = app
            .read(
                &format!("/api/v1/machines?customer_id={}", c["id"].as_str().unwrap()),
                token,
            )
            .await;
        assert_eq!(list["items"][0]["warranty"]["effective_end"], "2026-01-18");
        let owner = app
            .read(
                &format!("/api/v1/customers/{}/archive", c["id"].as_str().unwrap()),
                token,
            )
            .await;
        assert_eq!(owner["machines"][0]["warranty"], *w, "customer archive");
    }
}

#[tokio::test]
async fn an_open_repair_keeps_a_machine_in_sanbao_and_the_filter_says_so() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let (c2, expired) = app.customer_and_machine(&agent).await;
    let today = today_in_beijing();
    let sale = today - Duration::days(400);
    let end = sale.checked_add_months(chrono::Months::new(12)).unwrap();
    for machine in [&m, &expired] {
        ok(set_warranty(
            &app,
            &agent,
            machine,
            json!({"sale_date": sale, "warranty_end": end, "reason": "按发票日期登记"}),
        )
        .await)
        .await;
    }
    // Reported two days before the end as sold (noon in Beijing), still open.
    let reported = (end - Duration::days(2)).and_hms_opt(4, 0, 0).unwrap();
    let reported = reported.format("%Y-%m-%dT%H:%M:%S").to_string();
    past_request(&app, &agent, (&c, &m), "repair", &reported, None).await;
    // The other machine's repair was maintenance: it stays expired.
    past_request(
        &app,
        &agent,
        (&c2, &expired),
        "maintenance",
        &reported,
        None,
    )
    .await;

    let id = m["id"].as_str().unwrap();
    let w = app.read(&format!("/api/v1/machines/{id}"), &agent).await["warranty"].clone();
    let days = (today - (end - Duration::days(2))).num_days() + 1;
    assert_eq!(w["extension_days"], days);
    assert_eq!(w["effective_end"], json!(end + Duration::days(days)));
    assert_eq!(w["status"], "in_warranty");
    assert_eq!(w["repairs"][0]["done_on"], Value::Null);

    let ids = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let inside = app
        .read("/api/v1/machines?warranty=in_warranty", &agent)
        .await;
    assert!(ids(&inside).contains(&id.to_owned()), "{inside}");
    assert!(!ids(&inside).contains(&expired["id"].as_str().unwrap().to_owned()));
    let past = app.read("/api/v1/machines?warranty=expired", &agent).await;
    assert_eq!(ids(&past), vec![expired["id"].as_str().unwrap().to_owned()]);
}

#[tokio::test]
async fn warranty_dates_change_only_with_a_reason_by_the_makers_staff_and_never_below_a_year() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let dealer = app.token(Role::Dealer).await;
    let (_, m) = app.customer_and_machine(&agent).await;
    let id = m["id"].as_str().unwrap();
    let good =
        json!({"sale_date": "2025-01-10", "warranty_end": "2026-01-10", "reason": "按发票更正"});

    // A dealer may keep its machines' files, not their warranty.
    let refused = set_warranty(&app, &dealer, &m, good.clone()).await;
    assert_eq!(refused.status(), 403);

    // Under the legal year, or without a reason: 422, nothing changed.
    let short = json!({"sale_date": "2025-01-10", "warranty_end": "2026-01-09", "reason": "x"});
    let body = assert_problem(
        set_warranty(&app, &agent, &m, short).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "warranty_end");
    assert_eq!(body["errors"][0]["code"], "below_legal_minimum");
    let blank = json!({"sale_date": "2025-01-10", "warranty_end": "2026-01-10", "reason": " "});
    let body = assert_problem(
        set_warranty(&app, &agent, &m, blank).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "reason");
    let unchanged = app.read(&format!("/api/v1/machines/{id}"), &agent).await;
    assert_eq!(unchanged["sale_date"], m["sale_date"]);
    assert_eq!(unchanged["version"], m["version"]);

    // With a reason, by the desk: changed, with an extended warranty, and on the timeline.
    let mut with_ext = good.clone();
    with_ext["extended_warranty_end"] = json!("2028-01-10");
    let changed = ok(set_warranty(&app, &agent, &m, with_ext).await).await;
    assert_eq!(changed["sale_date"], "2025-01-10");
    assert_eq!(changed["warranty_end"], "2026-01-10");
    assert_eq!(changed["extended_warranty_end"], "2028-01-10");
    assert_eq!(changed["warranty"]["status"], "extended_warranty");
    let archive = app
        .read(&format!("/api/v1/machines/{id}/archive"), &agent)
        .await;
    let event = archive["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "warranty_changed")
        .expect("the change is on the machine's timeline")
        .clone();
    assert_eq!(event["details"]["reason"], "按发票更正");
    assert_eq!(event["details"]["warranty_end"][1], "2026-01-10");

    // A plain update may repeat the dates or leave them out, not change them.
    let input = |sale: Value| {
        json!({"serial_number": changed["serial_number"], "model_id": changed["model_id"],
            "customer_id": changed["customer_id"], "sale_date": sale, "notes": "换了新轮胎"})
    };
    let put = |body: Value, version: &Value| {
        app.request(Method::PUT, &format!("/api/v1/machines/{id}"), Some(&agent))
            .header("if-match", format!("\"{version}\""))
            .json(&body)
            .send()
    };
    let res = put(input(json!("2025-02-01")), &changed["version"])
        .await
        .unwrap();
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "sale_date");
    assert_eq!(body["errors"][0]["code"], "needs_reason");
    let kept = ok(put(input(Value::Null), &changed["version"]).await.unwrap()).await;
    assert_eq!(kept["notes"], "换了新轮胎");
    assert_eq!(kept["sale_date"], "2025-01-10");
    assert_eq!(kept["warranty_end"], "2026-01-10");

    // Registering a machine with a period under a year is refused too.
    let mut new = input(json!("2025-01-10"));
    new["serial_number"] = json!("SHORT-0001");
    new["warranty_end"] = json!("2025-12-31");
    new.as_object_mut().unwrap().remove("notes");
    let body = assert_problem(
        app.post("/api/v1/machines", &agent, &new).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "below_legal_minimum");
}

#[tokio::test]
async fn a_dealer_reads_the_days_of_a_previous_dealers_repairs_but_not_their_requests() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let dealer = app.token(Role::Dealer).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    ok(set_warranty(
        &app,
        &agent,
        &m,
        json!({"sale_date": "2025-01-10", "warranty_end": "2026-01-10", "reason": "按发票日期登记"}),
    )
    .await)
    .await;
    let cm = (&c, &m);
    // 2-4 March 2025 (Beijing dates): three days, then 2-3 June: two.
    let theirs = past_request(
        &app,
        &agent,
        cm,
        "repair",
        "2025-03-02T01:00:00",
        Some("2025-03-04T09:00:00"),
    )
    .await;
    let mine = past_request(
        &app,
        &agent,
        cm,
        "repair",
        "2025-06-02T01:00:00",
        Some("2025-06-03T09:00:00"),
    )
    .await;
    // The first was reported by the dealer that sold the machine before.
    let previous = app.fx.dealer().create().await;
    app.sql(&format!(
        "UPDATE service_requests SET dealer_id = {} WHERE number = '{theirs}'",
        id_lit(&previous.id.to_string())
    ))
    .await;

    let lines = |w: &Value| -> Vec<(Value, Value, i64, i64)> {
        w["repairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["number"].clone(),
                    r["request_id"].clone(),
                    r["days"].as_i64().unwrap(),
                    r["days_added"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let id = m["id"].as_str().unwrap();
    let staff = app.read(&format!("/api/v1/machines/{id}"), &agent).await;
    let staff_lines = lines(&staff["warranty"]);
    assert_eq!(staff_lines[0].0, json!(theirs));
    assert_eq!(staff_lines[1].0, json!(mine));
    assert_eq!(staff["warranty"]["extension_days"], 5);

    let cid = c["id"].as_str().unwrap();
    let seen = [
        app.read(&format!("/api/v1/machines/{id}"), &dealer).await["warranty"].clone(),
        app.read(&format!("/api/v1/machines/{id}/archive"), &dealer)
            .await["warranty"]
            .clone(),
        app.read(&format!("/api/v1/machines?customer_id={cid}"), &dealer)
            .await["items"][0]["warranty"]
            .clone(),
        app.read(&format!("/api/v1/customers/{cid}/archive"), &dealer)
            .await["machines"][0]["warranty"]
            .clone(),
    ];
    for w in &seen {
        assert_eq!(w["extension_days"], 5);
        assert_eq!(w["effective_end"], staff["warranty"]["effective_end"]);
        let l = lines(w);
        assert_eq!(l[0], (Value::Null, Value::Null, 3, 3));
        assert_eq!(
            l[1],
            (json!(mine), staff_lines[1].1.clone(), 2, 2),
            "the dealer's own request stays named"
        );
        assert!(!w.to_string().contains(&theirs), "{w}");
    }
}
