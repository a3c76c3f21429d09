//! Dispatch by schedule and distance (issue 18, item 19) and working hours
//! (item 17) through the API: the dispatch settings document, the site taken
//! at intake, engineers' absences, the ranking's tiers and reasons, and the
//! clocks counting working hours.

use crate::helpers::{TestApp, assert_problem, ok, spawn_app};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use furrow_domain::Role;
use furrow_domain::master::MachineCategory;
use furrow_domain::service::calendar::WorkCalendar;
use furrow_domain::service::working_hours::WorkingHours;
use reqwest::Method;
use serde_json::{Value, json};

/// 郑州 (the site) and places around it.
const SITE: (f64, f64) = (34.75, 113.62);

fn time(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

async fn put(
    app: &TestApp,
    path: &str,
    token: &str,
    version: &str,
    body: &Value,
) -> reqwest::Response {
    app.request(Method::PUT, path, Some(token))
        .header("if-match", version)
        .json(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_dispatch_settings_have_defaults_are_validated_and_saved() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let res = app.get("/api/v1/settings/dispatch", &admin).await;
    assert_eq!(res.headers()["etag"], "\"0\"");
    let defaults = ok(res).await;
    assert_eq!(
        defaults,
        json!({"km_per_open_order": 60.0, "km_per_booked_order": 120.0,
            "unknown_distance_km": 500.0, "max_distance_km": 400.0, "window_hours": 4})
    );
    let mut bad = defaults.clone();
    bad["max_distance_km"] = json!(0.0);
    let p = assert_problem(
        put(&app, "/api/v1/settings/dispatch", &admin, "\"0\"", &bad).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "max_distance_km", "{p}");
    let mut changed = defaults.clone();
    changed["max_distance_km"] = json!(250.0);
    let res = put(&app, "/api/v1/settings/dispatch", &admin, "\"0\"", &changed).await;
    assert_eq!(res.headers()["etag"], "\"1\"");
    assert_eq!(ok(res).await["max_distance_km"], 250.0);
    // Only administrators change settings; the list names it.
    let sup = app.token(Role::Supervisor).await;
    assert_problem(
        put(&app, "/api/v1/settings/dispatch", &sup, "\"1\"", &changed).await,
        403,
        "forbidden",
    )
    .await;
    let list = ok(app.get("/api/v1/settings", &admin).await).await;
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "dispatch")
        .unwrap();
    assert_eq!(row["version"], 1);
}

#[tokio::test]
async fn the_site_is_taken_at_intake_and_ranks_near_then_far_then_absent() {
    let app = spawn_app().await;
    let sup = app.token(Role::Supervisor).await;
    let agent = app.token(Role::Agent).await;
    // The customer is registered in 哈尔滨; the machine is being worked near 郑州.
    let c = app.fx.customer().located(45.75, 126.63).create().await;
    let m = app.fx.machine().owner(c.id).create().await;
    let near = app
        .fx
        .engineer()
        .username("near_tractor")
        .skills(&[MachineCategory::Tractor])
        .home_base("郑州服务站", 34.80, 113.80)
        .create()
        .await;
    let far = app
        .fx
        .engineer()
        .username("far_combine")
        .skills(&[MachineCategory::CombineHarvester])
        .home_base("哈尔滨服务站", 45.80, 126.53)
        .create()
        .await;
    let away = app
        .fx
        .engineer()
        .username("away_combine")
        .skills(&[MachineCategory::CombineHarvester])
        .home_base("中牟服务站", 34.72, 113.97)
        .create()
        .await;
    let body = json!({"kind": "repair", "customer_id": c.id, "machine_id": m.id,
        "symptoms": "割台不转", "needs_onsite": true, "priority": "normal",
        "site_address": "河南郑州中牟县田间", "site_lat": SITE.0, "site_lon": SITE.1});
    let sr = ok(app.post("/api/v1/service-requests", &agent, &body).await).await;
    assert_eq!(sr["site_address"], "河南郑州中牟县田间");
    assert_eq!(
        (sr["site_lat"].as_f64(), sr["site_lon"].as_f64()),
        (Some(SITE.0), Some(SITE.1))
    );
    let read = app
        .read(
            &format!("/api/v1/service-requests/{}", sr["id"].as_str().unwrap()),
            &sup,
        )
        .await;
    assert_eq!(read["site_address"], "河南郑州中牟县田间");

    // The absence covers the proposed time (the arrival due, 24 h on).
    let due = time(&sr["arrival_due"]);
    let absence = json!({"from": due - Duration::hours(30), "to": due + Duration::hours(6),
        "reason": "training", "note": "新机型培训"});
    let path = format!("/api/v1/engineers/{}/absences", away.user_id);
    let res = app
        .request(Method::POST, &path, Some(&sup))
        .header("idempotency-key", "absence-1")
        .json(&absence)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let recorded: Value = res.json().await.unwrap();
    let replay = app
        .request(Method::POST, &path, Some(&sup))
        .header("idempotency-key", "absence-1")
        .json(&absence)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    let replayed: Value = replay.json().await.unwrap();
    assert_eq!(replayed["id"], recorded["id"]);
    let listed = ok(app.get(&path, &sup).await).await;
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["reason"], "training");
    // An agent reads the roster but does not keep it.
    assert_problem(app.post(&path, &agent, &absence).await, 403, "forbidden").await;

    let base = format!("/api/v1/service-requests/{}", sr["id"].as_str().unwrap());
    let ranked = ok(app.get(&format!("{base}/engineer-suggestions"), &sup).await).await;
    let ids: Vec<&str> = ranked
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["engineer_id"].as_str().unwrap())
        .collect();
    let (near_id, far_id, away_id) = (
        near.user_id.to_string(),
        far.user_id.to_string(),
        away.user_id.to_string(),
    );
    assert_eq!(
        ids,
        vec![near_id.as_str(), far_id.as_str(), away_id.as_str()],
        "{ranked}"
    );
    assert_eq!(ranked[0]["distance_km"], 17.4, "{ranked}");
    assert_eq!(ranked[0]["skill_match"], false);
    assert_eq!(ranked[1]["distance_km"], 1641.8, "{ranked}");
    assert!(
        ranked[1]["reasons"]
            .as_array()
            .unwrap()
            .contains(&json!({"code": "beyond_limit", "limit_km": 400.0})),
        "{ranked}"
    );
    assert_eq!(
        ranked[2]["reasons"].as_array().unwrap().last().unwrap(),
        &json!({"code": "absent", "reason": "training", "until": absence["to"]}),
        "{ranked}"
    );

    // Cancelling needs the ETag: 428 without, 412 stale, 204 current; only
    // those who keep the roster may.
    let one = format!("{path}/{}", recorded["id"].as_str().unwrap());
    let res = app
        .request(Method::DELETE, &one, Some(&agent))
        .header("if-match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = app
        .request(Method::DELETE, &one, Some(&sup))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 428);
    let res = app
        .request(Method::DELETE, &one, Some(&sup))
        .header("if-match", "\"2\"")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 412);
    let res = app
        .request(Method::DELETE, &one, Some(&sup))
        .header("if-match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(ok(app.get(&path, &sup).await).await, json!([]));
    // Back at work, the qualified engineer 32 km away ranks first.
    let ranked = ok(app.get(&format!("{base}/engineer-suggestions"), &sup).await).await;
    assert_eq!(ranked[0]["engineer_id"], away_id.as_str(), "{ranked}");
    assert_eq!(ranked[0]["distance_km"], 32.2, "{ranked}");
}

#[tokio::test]
async fn without_a_site_the_customers_registered_one_is_taken() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let c = app.fx.customer().located(45.75, 126.63).create().await;
    let m = app.fx.machine().owner(c.id).create().await;
    let body = json!({"kind": "repair", "customer_id": c.id, "machine_id": m.id,
        "symptoms": "割台不转", "needs_onsite": true, "priority": "normal"});
    let sr = ok(app.post("/api/v1/service-requests", &agent, &body).await).await;
    assert_eq!(
        (sr["site_lat"].as_f64(), sr["site_lon"].as_f64()),
        (Some(45.75), Some(126.63))
    );
    assert!(
        sr["site_address"]
            .as_str()
            .is_some_and(|a| a.starts_with("黑龙江")),
        "{sr}"
    );
    let mut half = body.clone();
    half["site_lat"] = json!(34.0);
    let p = assert_problem(
        app.post("/api/v1/service-requests", &agent, &half).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "site_lon", "{p}");
}

#[tokio::test]
async fn with_working_hours_on_the_contact_and_arrival_clocks_count_only_them() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let agent = app.token(Role::Agent).await;
    let mut sla = ok(app.get("/api/v1/settings/sla", &admin).await).await;
    assert_eq!(sla["working_hours"]["enabled"], false);
    // No busy season, so the ordinary day holds whatever today is.
    sla["busy_seasons"] = json!([]);
    sla["working_hours"] = json!({"enabled": true, "start": "09:00", "end": "12:00"});
    let saved = ok(put(&app, "/api/v1/settings/sla", &admin, "\"0\"", &sla).await).await;
    assert_eq!(saved["working_hours"]["start"], "09:00");
    let c = app.fx.customer().create().await;
    let m = app.fx.machine().owner(c.id).create().await;
    let body = json!({"kind": "repair", "customer_id": c.id, "machine_id": m.id,
        "symptoms": "割台不转", "needs_onsite": true, "priority": "normal"});
    let sr = ok(app.post("/api/v1/service-requests", &agent, &body).await).await;
    let at = time(&sr["reported_at"]);
    let hours = WorkingHours {
        enabled: true,
        start: "09:00".into(),
        end: "12:00".into(),
        season_start: None,
        season_end: None,
        season_every_day: false,
    };
    let zone = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let never = |_: NaiveDate| false;
    let cal = WorkCalendar::default();
    // Normal: 4 working hours to first contact, 24 to arrival, 3 a day.
    let contact = hours.after(at, 4 * 60, zone, &cal, &never);
    let arrival = hours.after(at, 24 * 60, zone, &cal, &never);
    assert_eq!(time(&sr["first_contact_due"]), contact, "{sr}");
    assert_eq!(time(&sr["arrival_due"]), arrival, "{sr}");
    // 24 working hours of 3 a day is at least 8 days, however the calendar falls.
    assert!(arrival - at >= Duration::days(7), "{sr}");
    let bad = json!({"enabled": true, "start": "12:00", "end": "09:00"});
    sla["working_hours"] = bad;
    let p = assert_problem(
        put(&app, "/api/v1/settings/sla", &admin, "\"1\"", &sla).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "working_hours.end", "{p}");
}
