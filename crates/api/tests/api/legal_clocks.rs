//! The 三包 legal clocks (issue 18, items 1-3) through the API: the regime
//! follows from the machine's category, the season of the site's region, the
//! warranty on the report day and the service network (by county and by
//! radius); `harvest_critical: false` cannot loosen it; the busy-season
//! deadline is provisional (1 day) until the engineer's report names the
//! part type, and is then recomputed from the report time.
//!
//! The server's clock is the real one, so the season is set around today
//! and every due time is asserted exactly against the request's own
//! `reported_at`.

use crate::helpers::{TestApp, assert_problem, beijing, ok, spawn_app};
use crate::service::{cmd, run, timeline_actions};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use furrow_domain::Role;
use furrow_domain::master::MachineCategory;
use furrow_domain::service::calendar::{WorkCalendar, add_working_days};
use reqwest::{Method, Response};
use serde_json::{Value, json};
use uuid::Uuid;

fn time(v: &Value) -> DateTime<Utc> {
    v.as_str()
        .unwrap_or_else(|| panic!("not a time: {v}"))
        .parse()
        .unwrap()
}

async fn put_setting(app: &TestApp, admin: &str, key: &str, body: &Value) -> Response {
    app.request(Method::PUT, &format!("/api/v1/settings/{key}"), Some(admin))
        .header("if-match", "\"0\"")
        .json(body)
        .send()
        .await
        .unwrap()
}

/// A repair (or other `kind`) of `machine` of `customer`, with extra fields.
async fn report(app: &TestApp, agent: &str, customer: Uuid, machine: Uuid, extra: Value) -> Value {
    let mut body = json!({"kind": "repair", "customer_id": customer, "machine_id": machine,
        "symptoms": "割台不转", "needs_onsite": true, "priority": "normal", "machine_stopped": true});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    ok(app.post("/api/v1/service-requests", agent, &body).await).await
}

#[tokio::test]
async fn the_law_sets_the_clocks_from_facts_and_a_diagnosis_moves_the_deadline() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    // 河南's busy season around today.
    let today = Utc::now().with_timezone(&beijing()).date_naive();
    let md = |d: NaiveDate| d.format("%m-%d").to_string();
    let mut sla = ok(app.get("/api/v1/settings/sla", &admin).await).await;
    sla["busy_seasons"] = json!([{"name": "三夏", "division": "410000",
        "start": md(today - Duration::days(2)), "end": md(today + Duration::days(2))}]);
    ok(put_setting(&app, &admin, "sla", &sla).await).await;
    // The network: all of 周口市 by its code, and 50 km around 郑州.
    let bad = json!({"stations": [{"name": "郑州站", "radius_km": 50.0}]});
    let body = assert_problem(
        put_setting(&app, &admin, "service_network", &bad).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "stations[0].location", "{body}");
    let network = json!({"stations": [
        {"name": "周口站", "divisions": ["411600"]},
        {"name": "郑州站", "location": {"lat": 34.75, "lon": 113.62}, "radius_km": 50.0}
    ]});
    let saved = ok(put_setting(&app, &admin, "service_network", &network).await).await;
    assert_eq!(
        saved,
        json!({"stations": [
            {"name": "周口站", "divisions": ["411600"], "location": null, "radius_km": null},
            {"name": "郑州站", "divisions": [], "location": {"lat": 34.75, "lon": 113.62}, "radius_km": 50.0}
        ]})
    );
    let listed = ok(app.get("/api/v1/settings", &admin).await).await;
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["key"] == "service_network" && s["version"] == 1),
        "{listed}"
    );

    let agent = app.token(Role::Agent).await;
    let fx = &app.fx;
    // 中牟 (34.72, 113.98), about 33 km from 郑州: inside by radius.
    let zhongmou = fx
        .customer()
        .province("河南")
        .located(34.72, 113.98)
        .create()
        .await;
    // 上蔡县 (33.26, 114.26) in 驻马店, about 165 km away and not in 周口: outside.
    let shangcai = fx
        .customer()
        .province("河南")
        .located(33.26, 114.26)
        .create()
        .await;
    // 商水县 by its county code, in 周口市: inside by division.
    let shangshui = fx.customer().province("河南").create().await;
    let id = shangshui.id.to_string();
    let id_lit = if furrow_store::testing::on_postgres() {
        format!("'{id}'")
    } else {
        format!("X'{}'", id.replace('-', ""))
    };
    app.sql(&format!(
        "UPDATE customers SET county = '411623' WHERE id = {id_lit}"
    ))
    .await;
    let combine = |owner: Uuid| {
        fx.machine()
            .owner(owner)
            .category(MachineCategory::CombineHarvester)
            .create()
    };
    let zm = combine(zhongmou.id).await;
    let sc = combine(shangcai.id).await;
    let ss = combine(shangshui.id).await;

    // Inside by radius, in season, warranty presumed (no end recorded): the
    // busy-season clock, 1 day until diagnosed — `false` changes nothing.
    let sr = report(
        &app,
        &agent,
        zhongmou.id,
        zm.id,
        json!({"harvest_critical": false}),
    )
    .await;
    let at = time(&sr["reported_at"]);
    assert_eq!(sr["legal_clock"], "sanbao_busy_season", "{sr}");
    assert_eq!(sr["harvest_critical"], true, "{sr}");
    assert_eq!(sr["repair_due_provisional"], true, "{sr}");
    assert_eq!(time(&sr["repair_due"]), at + Duration::days(1), "{sr}");
    assert_eq!(time(&sr["arrival_due"]), at + Duration::hours(12), "{sr}");

    // Inside by county code.
    let by_county = report(&app, &agent, shangshui.id, ss.id, json!({})).await;
    assert_eq!(
        by_county["legal_clock"], "sanbao_busy_season",
        "{by_county}"
    );
    let at2 = time(&by_county["reported_at"]);
    assert_eq!(time(&by_county["repair_due"]), at2 + Duration::days(1));

    // Outside the network: 30 working days, nothing provisional.
    let outside = report(&app, &agent, shangcai.id, sc.id, json!({})).await;
    let at3 = time(&outside["reported_at"]);
    assert_eq!(outside["legal_clock"], "sanbao_working_days", "{outside}");
    assert_eq!(outside["repair_due_provisional"], false);
    assert_eq!(
        time(&outside["repair_due"]),
        add_working_days(at3, 30, beijing(), &WorkCalendar::default())
    );
    // Tightening it needs a reason; with one it takes the busy-season clock.
    let refused = app
        .post(
            "/api/v1/service-requests",
            &agent,
            &json!({"kind": "repair", "customer_id": shangcai.id, "machine_id": sc.id,
                "symptoms": "割台不转", "needs_onsite": true, "priority": "normal",
                "harvest_critical": true}),
        )
        .await;
    let body = assert_problem(refused, 422, "validation_failed").await;
    assert_eq!(
        body["errors"][0]["field"], "harvest_critical_reason",
        "{body}"
    );
    let tight = report(
        &app,
        &agent,
        shangcai.id,
        sc.id,
        json!({"harvest_critical": true, "harvest_critical_reason": "客户抢收"}),
    )
    .await;
    assert_eq!(tight["legal_clock"], "sanbao_busy_season", "{tight}");
    assert_eq!(
        time(&tight["repair_due"]),
        time(&tight["reported_at"]) + Duration::days(1)
    );

    // Maintenance: the company SLA alone, no repair deadline.
    let upkeep = report(
        &app,
        &agent,
        zhongmou.id,
        zm.id,
        json!({"kind": "maintenance"}),
    )
    .await;
    assert_eq!(upkeep["legal_clock"], "company_sla", "{upkeep}");
    assert_eq!(upkeep["repair_due"], Value::Null, "{upkeep}");
    assert_eq!(upkeep["repair_due_provisional"], false);
    // Out of warranty on the report day (sold 2020, 24 months): the company SLA.
    let old = fx
        .machine()
        .owner(zhongmou.id)
        .category(MachineCategory::CombineHarvester)
        .sale_date(NaiveDate::from_ymd_opt(2020, 3, 1).unwrap())
        .create()
        .await;
    let expired = report(&app, &agent, zhongmou.id, old.id, json!({})).await;
    assert_eq!(expired["legal_clock"], "company_sla", "{expired}");
    assert_eq!(expired["repair_due"], Value::Null, "{expired}");

    // The engineer's report names a main part: 3 days from the report time.
    let sup = app.token(Role::Supervisor).await;
    let eng = app.login(Role::Engineer).await;
    let base = format!("/api/v1/service-requests/{}", sr["id"].as_str().unwrap());
    let res = cmd(
        &app,
        &format!("{base}/dispatch"),
        &sup,
        &sr["version"],
        &json!({"engineer_id": eng.user.id}),
    )
    .await;
    let wo_path = res.headers()["location"].to_str().unwrap().to_owned();
    ok(res).await;
    let t = &eng.access_token;
    let wo = ok(app.get(&wo_path, t).await).await;
    run(&app, &format!("{wo_path}/check-in"), t, &wo, json!({})).await;
    let draft = |part: &str| {
        json!({"process": "检查割台", "cause": "主离合器打滑", "measures": "更换离合器片",
            "labour_hours": "3", "part_type": part})
    };
    let saved = ok(app
        .request(Method::PUT, &format!("{wo_path}/report"), Some(t))
        .header("if-match", "\"0\"")
        .json(&draft("main_part"))
        .send()
        .await
        .unwrap())
    .await;
    let after = ok(app.get(&base, &sup).await).await;
    assert_eq!(after["diagnosed_part"], "main_part", "{after}");
    assert_eq!(after["repair_due_provisional"], false);
    assert_eq!(
        time(&after["repair_due"]),
        at + Duration::days(3),
        "{after}"
    );
    // A wear part after all: back to 1 day.
    ok(app
        .request(Method::PUT, &format!("{wo_path}/report"), Some(t))
        .header("if-match", format!("\"{}\"", saved["version"]))
        .json(&draft("wear_part"))
        .send()
        .await
        .unwrap())
    .await;
    let after = ok(app.get(&base, &sup).await).await;
    assert_eq!(
        time(&after["repair_due"]),
        at + Duration::days(1),
        "{after}"
    );
    let actions = timeline_actions(&app, &base, &sup).await;
    assert_eq!(
        actions.iter().filter(|a| *a == "diagnosed").count(),
        2,
        "{actions:?}"
    );
    let timeline = ok(app.get(&format!("{base}/timeline"), &sup).await).await;
    let last = timeline
        .as_array()
        .unwrap()
        .iter()
        .rfind(|e| e["action"] == "diagnosed")
        .unwrap();
    assert_eq!(
        (
            time(&last["changes"]["repair_due_before"]),
            time(&last["changes"]["repair_due"])
        ),
        (at + Duration::days(3), at + Duration::days(1)),
        "{last}"
    );
}

/// The work site typed at intake, not the customer's registered address,
/// decides whether the service network covers the repair: in the clock
/// preview while the agent types, and in the request recorded.
#[tokio::test]
async fn the_work_site_given_at_intake_decides_the_network_in_the_preview_and_the_request() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let today = Utc::now().with_timezone(&beijing()).date_naive();
    let md = |d: NaiveDate| d.format("%m-%d").to_string();
    let mut sla = ok(app.get("/api/v1/settings/sla", &admin).await).await;
    sla["busy_seasons"] = json!([{"name": "三夏", "division": "410000",
        "start": md(today - Duration::days(2)), "end": md(today + Duration::days(2))}]);
    ok(put_setting(&app, &admin, "sla", &sla).await).await;
    // Only 50 km around 郑州.
    let network = json!({"stations": [
        {"name": "郑州站", "location": {"lat": 34.75, "lon": 113.62}, "radius_km": 50.0}
    ]});
    ok(put_setting(&app, &admin, "service_network", &network).await).await;

    let agent = app.token(Role::Agent).await;
    // Registered in 上蔡县, about 165 km from 郑州: outside the network.
    let shangcai = app
        .fx
        .customer()
        .province("河南")
        .located(33.26, 114.26)
        .create()
        .await;
    let combine = app
        .fx
        .machine()
        .owner(shangcai.id)
        .category(MachineCategory::CombineHarvester)
        .create()
        .await;
    let preview = |site: &str| {
        format!(
            "/api/v1/service-requests/clock-preview?customer_id={}&machine_id={}&priority=normal&needs_onsite=true{site}",
            shangcai.id, combine.id
        )
    };
    let at_home = ok(app.get(&preview(""), &agent).await).await;
    assert_eq!(at_home["legal_clock"], "sanbao_working_days", "{at_home}");
    // The machine broke down in a field at 中牟, about 33 km from 郑州.
    let in_the_field = ok(app
        .get(&preview("&site_lat=34.72&site_lon=113.98"), &agent)
        .await)
    .await;
    assert_eq!(
        in_the_field["legal_clock"], "sanbao_busy_season",
        "{in_the_field}"
    );
    assert_eq!(
        in_the_field["repair_due_provisional"], true,
        "{in_the_field}"
    );

    let sr = report(
        &app,
        &agent,
        shangcai.id,
        combine.id,
        json!({"site_lat": 34.72, "site_lon": 113.98}),
    )
    .await;
    assert_eq!(sr["legal_clock"], "sanbao_busy_season", "{sr}");
    assert_eq!(
        time(&sr["repair_due"]),
        time(&sr["reported_at"]) + Duration::days(1),
        "{sr}"
    );
    let at_home = report(&app, &agent, shangcai.id, combine.id, json!({})).await;
    assert_eq!(at_home["legal_clock"], "sanbao_working_days", "{at_home}");
}
