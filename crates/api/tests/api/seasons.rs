//! Busy seasons by region (issue 18, item 14) through the API: a season is
//! saved with a GB/T 2260 division (a region by name is accepted and stored as
//! its code, an unknown name is a 422 on its field), and a request is in
//! season when its customer's province lies in the season's division, however
//! the province is spelled. The server's clock is the real one, so the
//! seasons are set around today; the store's tests pin the default seasons
//! to fixed dates.

use crate::helpers::{TestApp, assert_problem, beijing, ok, spawn_app};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use furrow_domain::Role;
use furrow_domain::service::calendar::{WorkCalendar, add_working_days};
use reqwest::{Method, Response};
use serde_json::{Value, json};

fn md(d: NaiveDate) -> String {
    d.format("%m-%d").to_string()
}

fn time(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

async fn put_sla(app: &TestApp, admin: &str, version: i32, body: &Value) -> Response {
    app.request(Method::PUT, "/api/v1/settings/sla", Some(admin))
        .header("if-match", format!("\"{version}\""))
        .json(body)
        .send()
        .await
        .unwrap()
}

/// A repair request for the combine harvester of a new customer in `province`.
async fn report(app: &TestApp, agent: &str, province: &str) -> Value {
    let c = app.fx.customer().province(province).create().await;
    let m = app.fx.machine().owner(c.id).create().await;
    let body = json!({"kind": "repair", "customer_id": c.id, "machine_id": m.id,
        "symptoms": "割台不转", "needs_onsite": true, "priority": "normal",
        "machine_stopped": true});
    ok(app.post("/api/v1/service-requests", agent, &body).await).await
}

#[tokio::test]
async fn a_customer_in_henan_is_in_the_henan_season_and_one_in_heilongjiang_is_not() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let mut sla = ok(app.get("/api/v1/settings/sla", &admin).await).await;
    let defaults = sla["busy_seasons"].as_array().unwrap();
    for code in ["410000", "370000", "320000", "230000", "650000"] {
        assert!(
            defaults.iter().any(|s| s["division"] == code),
            "{code}: {sla}"
        );
    }
    // Two days either side of today for 河南 (given by name); 黑龙江's (by
    // code) starts in ten days.
    let today = Utc::now().with_timezone(&beijing()).date_naive();
    sla["busy_seasons"] = json!([
        {"name": "三夏", "region": "河南", "start": md(today - Duration::days(2)), "end": md(today + Duration::days(2))},
        {"name": "秋收", "division": "230000", "start": md(today + Duration::days(10)), "end": md(today + Duration::days(20))}
    ]);
    let saved = ok(put_sla(&app, &admin, 0, &sla).await).await;
    assert_eq!(saved["busy_seasons"][0]["division"], "410000", "{saved}");
    assert!(saved["busy_seasons"][0].get("region").is_none(), "{saved}");
    let read = ok(app.get("/api/v1/settings/sla", &admin).await).await;
    assert_eq!(read["busy_seasons"], saved["busy_seasons"]);

    let agent = app.token(Role::Agent).await;
    for province in ["河南省", "河南"] {
        let sr = report(&app, &agent, province).await;
        let at = time(&sr["reported_at"]);
        assert_eq!(sr["in_season"], true, "{province}: {sr}");
        assert_eq!(sr["harvest_critical"], true, "{province}: {sr}");
        // In season: half the 24 h arrival; 1 day to repair until a diagnosis
        // names the part type.
        assert_eq!(time(&sr["arrival_due"]), at + Duration::hours(12), "{sr}");
        assert_eq!(time(&sr["repair_due"]), at + Duration::days(1), "{sr}");
        assert_eq!(sr["repair_due_provisional"], true, "{sr}");
    }
    let sr = report(&app, &agent, "黑龙江省").await;
    let at = time(&sr["reported_at"]);
    assert_eq!(sr["in_season"], false, "{sr}");
    assert_eq!(time(&sr["arrival_due"]), at + Duration::hours(24), "{sr}");
    assert_eq!(
        time(&sr["repair_due"]),
        add_working_days(at, 30, beijing(), &WorkCalendar::default()),
        "{sr}"
    );
}

#[tokio::test]
async fn a_season_in_a_place_no_division_has_is_refused_on_its_field() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let mut sla = ok(app.get("/api/v1/settings/sla", &admin).await).await;
    let before = sla.clone();
    sla["busy_seasons"][1]["division"] = Value::Null;
    sla["busy_seasons"][1]["region"] = json!("中原");
    let body = assert_problem(
        put_sla(&app, &admin, 0, &sla).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        body["errors"][0]["field"], "busy_seasons[1].region",
        "{body}"
    );
    assert_eq!(body["errors"][0]["code"], "unknown_region", "{body}");
    // Nothing changed.
    let res = app.get("/api/v1/settings/sla", &admin).await;
    assert_eq!(res.headers()["etag"], "\"0\"");
    assert_eq!(ok(res).await, before);
}
