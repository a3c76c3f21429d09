//! The settings list: every registered document with its version, for
//! administrators only. (The SLA document's own routes: `service.rs`.)

use crate::helpers::{assert_problem, ok, spawn_app};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn the_settings_list_shows_each_document_s_version_to_admins_only() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let listed = ok(app.get("/api/v1/settings", &admin).await).await;
    let sla = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "sla")
        .cloned()
        .expect("sla is listed");
    assert_eq!(
        (sla["version"].clone(), sla["updated_at"].clone()),
        (json!(0), json!(null))
    );

    let current = ok(app.get("/api/v1/settings/sla", &admin).await).await;
    let saved = app
        .request(Method::PUT, "/api/v1/settings/sla", Some(&admin))
        .header("if-match", "\"0\"")
        .json(&current)
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 200);
    let listed = ok(app.get("/api/v1/settings", &admin).await).await;
    let sla = &listed.as_array().unwrap()[0];
    assert_eq!(sla["version"], 1);
    assert!(sla["updated_at"].is_string(), "{sla}");

    let sup = app.token(Role::Supervisor).await;
    assert_problem(app.get("/api/v1/settings", &sup).await, 403, "forbidden").await;
}
