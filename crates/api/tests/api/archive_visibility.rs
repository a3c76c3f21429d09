//! What a dealer reads on its customers' and machines' archives
//! (`visibility::archive_event_for`): the changes to the files it keeps, never
//! the maker's reasons and notes, which the service department still reads.

use crate::helpers::{TestApp, ok, spawn_app};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};

/// The archive's timeline entry of `action`.
fn entry(archive: &Value, action: &str) -> Value {
    let timeline = archive["timeline"].as_array().unwrap();
    let found = timeline.iter().find(|e| e["action"] == action);
    found
        .unwrap_or_else(|| panic!("no {action} in {timeline:?}"))
        .clone()
}

async fn send(app: &TestApp, path: &str, token: &str, version: Option<&Value>, body: Value) {
    let mut req = app.request(Method::POST, path, Some(token));
    if let Some(v) = version {
        req = req.header("if-match", format!("\"{v}\""));
    }
    let res = req.json(&body).send().await.unwrap();
    ok(res).await;
}

#[tokio::test]
async fn a_dealer_reads_its_files_changes_but_not_the_makers_reasons_and_notes() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let dealer = app.token(Role::Dealer).await;
    let (c, m) = app.customer_and_machine(&agent).await;
    let mid = m["id"].as_str().unwrap();
    let reason = "内部：按发票日期补录";
    let body = json!({"sale_date": "2025-03-01", "warranty_end": "2026-03-01", "reason": reason});
    send(
        &app,
        &format!("/api/v1/machines/{mid}/warranty"),
        &agent,
        Some(&m["version"]),
        body,
    )
    .await;
    let notes = "内部备注：客户第二次来电";
    let asked = json!({"requested_by": "王建国", "requested_on": "2026-09-24", "notes": notes});
    let path = format!("/api/v1/machines/{mid}/certificate-reissues");
    send(&app, &path, &agent, None, asked).await;

    let archives = [
        format!("/api/v1/machines/{mid}/archive"),
        format!("/api/v1/customers/{}/archive", c["id"].as_str().unwrap()),
    ];
    for path in &archives {
        // The service department reads the whole event.
        let staff = app.read(path, &agent).await;
        assert_eq!(
            entry(&staff, "warranty_changed")["details"]["reason"],
            reason
        );
        let asked = entry(&staff, "certificate_reissue_requested");
        assert_eq!(asked["details"]["notes"], notes);

        // The dealer reads what changed, not why, and not the maker's notes.
        let seen = app.read(path, &dealer).await;
        let changed = entry(&seen, "warranty_changed");
        assert_eq!(
            changed["details"]["warranty_end"],
            json!([m["warranty_end"], "2026-03-01"]),
            "{path}"
        );
        assert!(
            changed["details"].get("reason").is_none(),
            "{path}: {changed}"
        );
        let asked = entry(&seen, "certificate_reissue_requested");
        assert_eq!(asked["details"]["requested_by"], "王建国");
        assert!(asked["details"].get("notes").is_none(), "{path}: {asked}");
        let text = seen["timeline"].to_string();
        assert!(!text.contains(reason) && !text.contains(notes), "{path}");
    }
}
