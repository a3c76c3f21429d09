//! The working-day calendar setting: read, replaced by an administrator with
//! `If-Match`, refused field by field, imported from a spreadsheet, and used
//! by the repair clock of the next intake.

use crate::helpers::{assert_problem, beijing, ok, spawn_app};
use chrono::{DateTime, Datelike, Duration, Utc, Weekday};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeMap;

#[tokio::test]
async fn the_calendar_defaults_to_2026_and_only_an_admin_replaces_it() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let res = app.get("/api/v1/settings/calendar", &admin).await;
    assert_eq!(res.headers()["etag"], "\"0\"");
    let mut cal = ok(res).await;
    let years: Vec<_> = cal["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["year"].clone())
        .collect();
    assert_eq!(years, vec![json!(2026)]);
    assert!(
        cal["years"][0]["workdays"]
            .as_array()
            .unwrap()
            .contains(&json!({"date": "2026-10-10", "name": "国庆节"}))
    );

    // A supervisor may read it but not change it.
    let sup = app.token(Role::Supervisor).await;
    assert_eq!(
        app.get("/api/v1/settings/calendar", &sup).await.status(),
        200
    );
    let put = |token: &str, tag: &str, body: &Value| {
        app.request(Method::PUT, "/api/v1/settings/calendar", Some(token))
            .header("if-match", tag)
            .json(body)
            .send()
    };
    assert_problem(put(&sup, "\"0\"", &cal).await.unwrap(), 403, "forbidden").await;

    // A weekday make-up day and a date outside its year: 422 on their fields.
    let mut bad = cal.clone();
    bad["years"][0]["workdays"][0]["date"] = json!("2026-01-05");
    bad["years"][0]["holidays"][0]["date"] = json!("2027-01-01");
    let problem = assert_problem(
        put(&admin, "\"0\"", &bad).await.unwrap(),
        422,
        "validation_failed",
    )
    .await;
    let fields: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("years[0].holidays[0].date", "outside_year"),
            ("years[0].workdays[0].date", "not_weekend"),
        ]
    );

    // The admin adds 2027's New Year.
    cal["years"].as_array_mut().unwrap().push(
        json!({"year": 2027, "holidays": [{"date": "2027-01-01", "name": "元旦"}], "workdays": []}),
    );
    let saved = put(&admin, "\"0\"", &cal).await.unwrap();
    assert_eq!(saved.headers()["etag"], "\"1\"");
    assert_eq!(ok(saved).await, cal);
    assert_problem(
        put(&admin, "\"0\"", &cal).await.unwrap(),
        412,
        "stale_version",
    )
    .await;
    let listed = ok(app.get("/api/v1/settings", &admin).await).await;
    let row = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "calendar")
        .expect("calendar is listed");
    assert_eq!(row["version"], 1);
}

#[tokio::test]
async fn the_repair_clock_skips_the_saved_holidays_and_counts_the_make_up_day() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    // One working day to repair, and no busy season, so the repair clock is
    // the working-day one whatever today's date.
    let mut sla = ok(app.get("/api/v1/settings/sla", &admin).await).await;
    sla["busy_seasons"] = json!([]);
    sla["sanbao_working_days"] = json!(1);
    let res = app
        .request(Method::PUT, "/api/v1/settings/sla", Some(&admin))
        .header("if-match", "\"0\"")
        .json(&sla)
        .send()
        .await
        .unwrap();
    ok(res).await;

    // Hand-built: every day from tomorrow until the first weekend day a week
    // out is a holiday, and that weekend day is a make-up working day. The
    // dates may span a year end, so they are grouped by year.
    let today = Utc::now().with_timezone(&beijing()).date_naive();
    let mut makeup = today + Duration::days(8);
    while !matches!(makeup.weekday(), Weekday::Sat | Weekday::Sun) {
        makeup += Duration::days(1);
    }
    let mut years: BTreeMap<i32, (Vec<Value>, Vec<Value>)> = BTreeMap::new();
    // From today, so a test crossing midnight still finds tomorrow off.
    let mut d = today;
    while d < makeup {
        years
            .entry(d.year())
            .or_default()
            .0
            .push(json!({"date": d, "name": "测试假期"}));
        d += Duration::days(1);
    }
    years
        .entry(makeup.year())
        .or_default()
        .1
        .push(json!({"date": makeup, "name": "测试调休"}));
    let calendar = json!({"years": years
        .into_iter()
        .map(|(year, (h, w))| json!({"year": year, "holidays": h, "workdays": w}))
        .collect::<Vec<_>>()});
    let res = app
        .request(Method::PUT, "/api/v1/settings/calendar", Some(&admin))
        .header("if-match", "\"0\"")
        .json(&calendar)
        .send()
        .await
        .unwrap();
    ok(res).await;

    let agent = app.token(Role::Agent).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let body = json!({"kind": "repair", "customer_id": c["id"], "machine_id": m["id"],
        "symptoms": "液压系统漏油", "needs_onsite": true, "priority": "normal",
        "machine_stopped": false, "harvest_critical": false});
    let sr = ok(app.post("/api/v1/service-requests", &agent, &body).await).await;
    let reported: DateTime<Utc> = sr["reported_at"].as_str().unwrap().parse().unwrap();
    let due: DateTime<Utc> = sr["repair_due"].as_str().unwrap().parse().unwrap();
    // Due on the make-up day at the hour of the report.
    let local = reported.with_timezone(&beijing());
    let expected = local + (makeup - local.date_naive());
    assert_eq!(due, expected.with_timezone(&Utc), "{sr}");
    assert!(due - reported >= Duration::days(2));
    assert_eq!(due.with_timezone(&beijing()).date_naive(), makeup);
}

#[tokio::test]
async fn a_calendar_file_is_dry_run_then_imported_all_or_nothing() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let csv: &'static str = "日期,类型,名称\n2027-01-01,放假,元旦\n2027-02-20,上班,春节\n";
    let send = |path: &str, body: &'static str| {
        app.request(Method::POST, path, Some(&admin))
            .header("content-type", "text/csv")
            .header("if-match", "*")
            .body(body)
            .send()
    };

    // Without If-Match: 428, and nothing imported.
    let bare = app
        .request(
            Method::POST,
            "/api/v1/settings/calendar/import",
            Some(&admin),
        )
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_problem(bare, 428, "if_match_required").await;

    let dry = ok(send("/api/v1/settings/calendar/import?dry_run=true", csv)
        .await
        .unwrap())
    .await;
    assert_eq!(
        (dry["dry_run"].clone(), dry["applied"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(dry["years"], json!([2027]));
    let actions: Vec<_> = dry["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].clone())
        .collect();
    assert_eq!(actions, vec![json!("create"), json!("create")]);
    let res = app.get("/api/v1/settings/calendar", &admin).await;
    assert_eq!(res.headers()["etag"], "\"0\"", "a dry run writes nothing");

    let done = ok(send("/api/v1/settings/calendar/import", csv).await.unwrap()).await;
    assert_eq!(
        (done["applied"].clone(), done["version"].clone()),
        (json!(true), json!(1))
    );
    let cal = ok(app.get("/api/v1/settings/calendar", &admin).await).await;
    let years: Vec<_> = cal["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["year"].clone())
        .collect();
    assert_eq!(years, vec![json!(2026), json!(2027)]);
    assert_eq!(
        cal["years"][1]["workdays"],
        json!([{"date": "2027-02-20", "name": "春节"}])
    );

    // A weekday make-up day and an unknown kind: 422, every bad row named, nothing saved.
    let bad = "date,kind\n2027-01-04,workday\n2027-01-02,rest\n2027-01-03,holiday\n";
    let problem = assert_problem(
        send("/api/v1/settings/calendar/import", bad).await.unwrap(),
        422,
        "import_failed",
    )
    .await;
    let errors: Vec<_> = problem["report"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["action"] == "error")
        .map(|r| (r["row"].clone(), r["errors"][0]["code"].clone()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (json!(2), json!("not_weekend")),
            (json!(3), json!("invalid"))
        ]
    );
    let res = app.get("/api/v1/settings/calendar", &admin).await;
    assert_eq!(res.headers()["etag"], "\"1\"");

    // Only an administrator imports.
    let sup = app.token(Role::Supervisor).await;
    let res = app
        .request(Method::POST, "/api/v1/settings/calendar/import", Some(&sup))
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_problem(res, 403, "forbidden").await;
}
