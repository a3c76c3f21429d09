//! `GET /kpis` and `GET /kpis/records` over HTTP: who sees which figures, a
//! bad month or subject as a clear problem, and the assessment settings'
//! weights and bands kept through the settings registry. The rates
//! themselves are asserted on a hand-built month in the store's tests.

use crate::helpers::{assert_problem, ok, spawn_app};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_month_without_records_is_no_data_and_a_bad_month_is_a_field_error() {
    let app = spawn_app().await;
    let manager = app.token(Role::Manager).await;
    let r = ok(app.get("/api/v1/kpis?month=2026-10", &manager).await).await;
    assert_eq!(r["month"], "2026-10");
    // 1 October 00:00 in Beijing.
    assert_eq!(r["from"], "2026-09-30T16:00:00Z");
    assert_eq!(
        r["company"]["timeliness"],
        json!({"numerator": 0, "denominator": 0, "rate": null})
    );
    assert_eq!(r["parts_department"]["parts_accuracy"]["rate"], json!(null));
    assert_eq!(r["engineers"], json!([]));

    for bad in ["2026-13", "2026-1", "october", "2026-10-01"] {
        let body = assert_problem(
            app.get(&format!("/api/v1/kpis?month={bad}"), &manager)
                .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(body["errors"][0]["field"], "month", "{bad}");
    }
    assert_problem(
        app.get("/api/v1/kpis", &manager).await,
        400,
        "invalid_query",
    )
    .await;
    let records = "/api/v1/kpis/records?month=2026-10&kpi=timeliness&part=numerator";
    let body = assert_problem(
        app.get(&format!("{records}&subject=someone"), &manager)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "subject");
    assert_problem(
        app.get(&format!("{records}&subject=company&kpi=speed"), &manager)
            .await,
        400,
        "invalid_query",
    )
    .await;
    let listed = ok(app
        .get(&format!("{records}&subject=company"), &manager)
        .await)
    .await;
    assert_eq!(listed["items"], json!([]));
}

#[tokio::test]
async fn an_engineer_reads_only_their_own_figures_and_dealers_none() {
    let app = spawn_app().await;
    let engineer = app.login(Role::Engineer).await;
    let token = &engineer.access_token;
    let r = ok(app.get("/api/v1/kpis?month=2026-10", token).await).await;
    let rows = r["engineers"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], json!(engineer.user.id));
    assert_eq!(r["company"], json!(null));
    assert_eq!(r["dealers"], json!([]));
    let records = "/api/v1/kpis/records?month=2026-10&kpi=success&part=denominator";
    let own = format!("{records}&subject=engineer:{}", engineer.user.id);
    ok(app.get(&own, token).await).await;
    let other = app.another_engineer().await;
    for subject in [format!("engineer:{}", other.user.id), "company".into()] {
        assert_problem(
            app.get(&format!("{records}&subject={subject}"), token)
                .await,
            404,
            "not_found",
        )
        .await;
    }
    let dealer = app.token(Role::Dealer).await;
    assert_problem(
        app.get("/api/v1/kpis?month=2026-10", &dealer).await,
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn the_assessment_weights_and_bands_are_a_setting_and_bad_bands_change_nothing() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let path = "/api/v1/settings/assessment";
    let d = ok(app.get(path, &admin).await).await;
    assert_eq!(
        d,
        json!({"engineer_weights": {"timeliness": 30, "success": 40, "satisfaction": 30},
               "parts_weights": {"accuracy": 100},
               "bands": {"excellent": 95, "good": 85, "qualified": 70}})
    );
    let mut bad = d.clone();
    bad["bands"]["good"] = json!(96);
    let res = app
        .request(Method::PUT, path, Some(&admin))
        .header("if-match", "\"0\"")
        .json(&bad)
        .send()
        .await
        .unwrap();
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "bands");
    assert_eq!(ok(app.get(path, &admin).await).await, d, "nothing changed");
    let mut good = d.clone();
    good["bands"]["excellent"] = json!(90);
    let res = app
        .request(Method::PUT, path, Some(&admin))
        .header("if-match", "\"0\"")
        .json(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(ok(res).await["bands"]["excellent"], 90);
}
