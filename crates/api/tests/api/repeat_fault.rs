//! The 三包 repeat-fault rule (issue 18, item 4) through the API: the engineer
//! names the main assembly and whether the fault is serious; the second
//! approved repair of the same serious fault makes the machine eligible for
//! a new assembly, the same fault after the assembly was replaced for a new
//! machine, each with the reports behind it and an event on the approving
//! request's timeline.

use crate::acknowledgement::finished_with;
use crate::helpers::{TestApp, assert_problem, beijing, ok, spawn_app};
use crate::service::{cmd, run, timeline_actions};
use chrono::{Duration, Utc};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};

/// Who takes part.
struct Cast {
    agent: String,
    sup: String,
    eng: String,
    eng_id: String,
}

/// A repair of `machine` taken in, dispatched, visited and finished; the
/// work order's path and the request's.
async fn finished_repair(
    app: &TestApp,
    cast: &Cast,
    customer: &Value,
    machine: &Value,
) -> (String, String) {
    let body = json!({"kind": "repair", "customer_id": customer["id"], "machine_id": machine["id"],
        "symptoms": "发动机无力冒黑烟", "needs_onsite": true, "priority": "high", "machine_stopped": true});
    let (base, wo_path, _) = finished_with(app, &cast.eng, &cast.eng_id, &body).await;
    (wo_path, base)
}

fn draft(fault: Value) -> Value {
    json!({"process": "拆检发动机", "cause": "喷油器积碳", "measures": "清洗喷油器", "labour_hours": "4",
        "part_type": "main_part", "fault": fault})
}

async fn save(
    app: &TestApp,
    cast: &Cast,
    wo_path: &str,
    version: &Value,
    body: &Value,
) -> reqwest::Response {
    app.request(Method::PUT, &format!("{wo_path}/report"), Some(&cast.eng))
        .header("if-match", format!("\"{version}\""))
        .json(body)
        .send()
        .await
        .unwrap()
}

/// A repair of the machine whose report names `fault`, submitted and
/// approved; its request's path and number.
async fn approved_repair(
    app: &TestApp,
    cast: &Cast,
    c: &Value,
    m: &Value,
    fault: Value,
) -> (String, String) {
    let (wo_path, base) = finished_repair(app, cast, c, m).await;
    let report = ok(save(app, cast, &wo_path, &json!(0), &draft(fault)).await).await;
    let rpath = format!("/api/v1/repair-reports/{}", report["id"].as_str().unwrap());
    let report = run(
        app,
        &format!("{rpath}/submit"),
        &cast.eng,
        &report,
        json!({}),
    )
    .await;
    run(
        app,
        &format!("{rpath}/approve"),
        &cast.sup,
        &report,
        json!({}),
    )
    .await;
    let sr = ok(app.get(&base, &cast.sup).await).await;
    (base, sr["number"].as_str().unwrap().to_owned())
}

fn numbers(eligible: &Value) -> Vec<&str> {
    eligible["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["request_number"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn two_repairs_of_the_same_serious_fault_flag_the_assembly_then_the_machine() {
    let app = spawn_app().await;
    let login = app.login(Role::Engineer).await;
    let cast = Cast {
        agent: app.token(Role::Agent).await,
        sup: app.token(Role::Supervisor).await,
        eng: login.access_token.clone(),
        eng_id: login.user.id.to_string(),
    };
    let dealer = app.dealer().await;
    let owner = app.fx.customer().dealer(dealer.id).create().await;
    let sold = Utc::now().with_timezone(&beijing()).date_naive() - Duration::days(60);
    let machine = app
        .fx
        .machine()
        .owner(owner.id)
        .sale_date(sold)
        .create()
        .await;
    let c = app
        .read(&format!("/api/v1/customers/{}", owner.id), &cast.agent)
        .await;
    let m = app
        .read(&format!("/api/v1/machines/{}", machine.id), &cast.agent)
        .await;
    assert_eq!(m["warranty"]["status"], "in_warranty", "{m}");
    let flags = format!("/api/v1/machines/{}/repeat-faults", machine.id);
    let engine = json!({"assembly": "engine", "serious": true});

    // A main-part report names its assembly; a wear-part one claims none.
    let (wo_path, first) = finished_repair(&app, &cast, &c, &m).await;
    let mut wear = draft(json!({"assembly": "engine"}));
    wear["part_type"] = json!("wear_part");
    let problem = assert_problem(
        save(&app, &cast, &wo_path, &json!(0), &wear).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "fault.assembly", "{problem}");
    let unnamed = ok(save(&app, &cast, &wo_path, &json!(0), &draft(json!({}))).await).await;
    let rpath = format!("/api/v1/repair-reports/{}", unnamed["id"].as_str().unwrap());
    let res = cmd(
        &app,
        &format!("{rpath}/submit"),
        &cast.eng,
        &unnamed["version"],
        &json!({}),
    )
    .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "fault.assembly", "{problem}");
    let named = ok(save(
        &app,
        &cast,
        &wo_path,
        &unnamed["version"],
        &draft(engine.clone()),
    )
    .await)
    .await;
    assert_eq!(
        named["fault"],
        json!({"assembly": "engine", "serious": true, "assembly_replaced": false})
    );
    let named = run(
        &app,
        &format!("{rpath}/submit"),
        &cast.eng,
        &named,
        json!({}),
    )
    .await;
    run(
        &app,
        &format!("{rpath}/approve"),
        &cast.sup,
        &named,
        json!({}),
    )
    .await;
    let detail = ok(app.get(&first, &cast.sup).await).await;
    assert_eq!(detail["report"]["fault"]["assembly"], "engine", "{detail}");
    assert_eq!(ok(app.get(&flags, &cast.sup).await).await, json!([]));
    let first_number = detail["number"].as_str().unwrap().to_owned();

    // A serious fault of another assembly and a mild one of the engine count for nothing.
    approved_repair(
        &app,
        &cast,
        &c,
        &m,
        json!({"assembly": "hydraulics", "serious": true}),
    )
    .await;
    approved_repair(
        &app,
        &cast,
        &c,
        &m,
        json!({"assembly": "engine", "serious": false}),
    )
    .await;
    assert_eq!(ok(app.get(&flags, &cast.sup).await).await, json!([]));

    // The second serious engine fault: a new engine is due, on record.
    let (second, second_number) = approved_repair(&app, &cast, &c, &m, engine.clone()).await;
    let eligible = ok(app.get(&flags, &cast.sup).await).await;
    assert_eq!(eligible.as_array().unwrap().len(), 1, "{eligible}");
    assert_eq!(eligible[0]["assembly"], "engine");
    assert_eq!(eligible[0]["remedy"], "replace_assembly");
    assert_eq!(
        numbers(&eligible[0]),
        [first_number.as_str(), second_number.as_str()]
    );
    assert!(eligible[0]["eligible_since"].is_string(), "{eligible}");
    let actions = timeline_actions(&app, &second, &cast.sup).await;
    assert!(
        actions.contains(&"repeat_fault_eligible".to_owned()),
        "{actions:?}"
    );
    assert!(
        !timeline_actions(&app, &first, &cast.sup)
            .await
            .contains(&"repeat_fault_eligible".to_owned())
    );
    let timeline = ok(app.get(&format!("{second}/timeline"), &cast.sup).await).await;
    let event = timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "repeat_fault_eligible")
        .unwrap();
    assert_eq!(event["changes"]["remedy"], "replace_assembly", "{event}");
    assert_eq!(
        event["changes"]["requests"],
        json!([first_number, second_number])
    );

    // The engine is replaced: the remedy given, nothing is due.
    let replaced = json!({"assembly": "engine", "serious": true, "assembly_replaced": true});
    let (_, replacement) = approved_repair(&app, &cast, &c, &m, replaced).await;
    assert_eq!(ok(app.get(&flags, &cast.sup).await).await, json!([]));
    // The same fault again: a new machine is due.
    let (again, again_number) = approved_repair(&app, &cast, &c, &m, engine).await;
    let eligible = ok(app.get(&flags, &cast.sup).await).await;
    assert_eq!(eligible[0]["remedy"], "replace_machine", "{eligible}");
    assert_eq!(
        numbers(&eligible[0]),
        [replacement.as_str(), again_number.as_str()]
    );
    assert_eq!(eligible[0]["reports"][0]["assembly_replaced"], true);
    assert!(
        timeline_actions(&app, &again, &cast.sup)
            .await
            .contains(&"repeat_fault_eligible".to_owned())
    );

    // The owner's dealer reads it; another dealer's machine is not found.
    let dealer_token = app.token(Role::Dealer).await;
    let seen = ok(app.get(&flags, &dealer_token).await).await;
    assert_eq!(seen[0]["remedy"], "replace_machine", "{seen}");
    let missing = format!("/api/v1/machines/{}/repeat-faults", uuid::Uuid::nil());
    assert_problem(app.get(&missing, &cast.sup).await, 404, "not_found").await;
}
