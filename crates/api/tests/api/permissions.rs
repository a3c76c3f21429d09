//! The permission table checked end to end: every operation of the served
//! OpenAPI document, called as every role, answers as `furrow_domain`'s table
//! says — allowed → 2xx, not allowed → 403, another dealer's record → 404
//! for a dealer-side role. An allowed workflow command runs on a fresh record
//! in the state where it is legal and must answer 2xx; other allowed calls may
//! also meet a documented 409/410/422 about state or input (a used signing
//! link), never 401/403/404, and the output lists every such cell.
//!
//! The expectation is computed from `access::sees`, `access::may` and
//! `access::may_give`; this file only names which rule guards which
//! operation (the handler's `require*` call), so a handler that drops or
//! changes its check, or a role whose row changes, makes this test fail.
//! A new operation without a gate here fails the test too.

use crate::helpers::{PASSWORD, TestApp, spawn_app};
use furrow_domain::access::{self, Action, RecordKind};
use furrow_domain::auth::{Actor, TokenResponse};
use furrow_domain::roles::Role;
use furrow_domain::service::commands::Command;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The rule a handler asks before it acts.
#[derive(Clone, Copy, Debug)]
enum Gate {
    /// No sign-in: health probes, sign-in itself, the customer's signing page.
    Public,
    /// Any signed-in user.
    SignedIn,
    /// `Authenticated::require_view(kind)`.
    View(RecordKind),
    /// `Authenticated::require_action(kind, action)`.
    Act(RecordKind, Action),
    /// `Authenticated::require_command(command)`.
    Cmd(Command),
}

/// What the table lets a caller expect.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    Allowed,
    Status(u16),
}

/// The record an operation's `{id}` names.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Target {
    None,
    Customer,
    Machine,
    Dealer,
    Model,
    Engineer,
    User,
    /// A request named by a request command (a fresh one per allowed call).
    Request,
    /// The request of the shared work order (an engineer sees only that one).
    WorkedRequest,
    /// The worked request named by its number (the dealer's status pull).
    WorkedRequestNumber,
    WorkOrder,
    Report,
    ImportKind,
    SignToken,
    /// A certificate reissue (`{rid}`) of the machine (`{id}`).
    Reissue,
    Part,
    Warehouse,
}

impl Target {
    /// Whether the record belongs to a dealer, so that another dealer's
    /// copy answers 404 to a dealer-side role.
    fn dealer_owned(self) -> bool {
        matches!(
            self,
            Target::Customer
                | Target::Machine
                | Target::Reissue
                | Target::Dealer
                | Target::Request
                | Target::WorkedRequest
                | Target::WorkedRequestNumber
                | Target::Warehouse
        )
    }
}

/// Operations left out, with the reason (as tests/robustness/README.md does).
const EXCLUDED: &[(&str, &str)] = &[
    ("logout", "ends the calling role's session"),
    (
        "cancel_absence",
        "deletes the one shared absence; its gate is checked in dispatch.rs",
    ),
    (
        "change_password",
        "changes the calling role's password and ends its sessions",
    ),
    // The world below has no follow-up yet (none of its requests is
    // finished); their gates, scope and 404s are checked in follow_ups.rs.
    ("list_follow_ups", "checked in follow_ups.rs"),
    ("get_follow_up", "checked in follow_ups.rs"),
    (
        "list_service_request_follow_ups",
        "checked in follow_ups.rs",
    ),
    ("record_follow_up_attempt", "checked in follow_ups.rs"),
    ("record_follow_up_outcome", "checked in follow_ups.rs"),
    ("close_follow_up_unreachable", "checked in follow_ups.rs"),
    // The world below registers no API client; every role but admin is
    // refused by the same row as `create_api_client` (checked above), and
    // the clients' own operations are checked in api_clients.rs.
    ("get_api_client", "checked in api_clients.rs"),
    ("rotate_api_client", "checked in api_clients.rs"),
    ("revoke_api_client", "checked in api_clients.rs"),
    // Public, but a client-credentials grant in a form body, not a role's
    // call; every answer of RFC 6749 is checked in api_clients.rs.
    ("token", "checked in api_clients.rs"),
    // The world below has no subscription; reading, changing and deleting
    // one and its log (404 for another dealer's) are checked in webhooks.rs.
    ("get_webhook", "checked in webhooks.rs"),
    ("update_webhook", "checked in webhooks.rs"),
    ("delete_webhook", "checked in webhooks.rs"),
    ("list_deliveries", "checked in webhooks.rs"),
    ("redeliver", "checked in webhooks.rs"),
    // The world below opens no stock-take; the gates of one stock-take's
    // operations (count, reconcile, cancel, read) by role are checked in
    // stocktakes.rs and crates/store/tests/store/stocktakes.rs.
    ("get_stocktake", "checked in stocktakes.rs"),
    ("count_stocktake_line", "checked in stocktakes.rs"),
    ("reconcile_stocktake", "checked in stocktakes.rs"),
    ("cancel_stocktake", "checked in stocktakes.rs"),
    // A purchase request's commands each need it in their own state; who
    // may give each from which state is decided (and tested per role) in
    // `parts::purchasing`, and every role's read of one is checked in
    // purchasing.rs.
    ("get_purchase_request", "checked in purchasing.rs"),
    ("approve_purchase_request", "checked in purchasing.rs"),
    ("order_purchase_request", "checked in purchasing.rs"),
    ("receive_purchase_request", "checked in purchasing.rs"),
    ("cancel_purchase_request", "checked in purchasing.rs"),
    ("note_purchase_request", "checked in purchasing.rs"),
    // The world below has no requisition (its reports name no catalog
    // part); the requisitions' gates, scope and 404s are checked in
    // requisitions.rs.
    ("get_requisition", "checked in requisitions.rs"),
    (
        "create_work_order_requisition",
        "checked in requisitions.rs",
    ),
    ("issue_requisition", "checked in requisitions.rs"),
    ("return_requisition_parts", "checked in requisitions.rs"),
    ("exchange_requisition_parts", "checked in requisitions.rs"),
    ("cancel_requisition", "checked in requisitions.rs"),
];

/// Which rule guards each operation, and what its `{id}` names.
fn gate(op: &str) -> (Gate, Target) {
    use Action as A;
    use Gate::*;
    use RecordKind as K;
    // The record kit's operations on a master resource: `{verb}_{one}` and
    // `list_{many}`/`export_{many}`, one rule each from the table's row.
    let master: [(&str, &str, K, Target); 6] = [
        ("customer", "customers", K::Customer, Target::Customer),
        ("machine", "machines", K::Machine, Target::Machine),
        ("dealer", "dealers", K::Dealer, Target::Dealer),
        (
            "product_model",
            "product_models",
            K::ProductModel,
            Target::Model,
        ),
        ("part", "parts", K::Part, Target::Part),
        ("warehouse", "warehouses", K::Warehouse, Target::Warehouse),
    ];
    for (one, many, kind, target) in master {
        if op == format!("list_{many}") {
            return (View(kind), Target::None);
        }
        if op == format!("export_{many}") {
            return (Act(kind, A::Export), Target::None);
        }
        let verbs = [
            ("create", Some(A::Create)),
            ("get", None),
            ("update", Some(A::Update)),
            ("deactivate", Some(A::Deactivate)),
            ("activate", Some(A::Reactivate)),
        ];
        for (verb, action) in verbs {
            if op == format!("{verb}_{one}") {
                let gate = action.map_or(View(kind), |a| Act(kind, a));
                let target = if verb == "create" {
                    Target::None
                } else {
                    target
                };
                return (gate, target);
            }
        }
    }
    match op {
        "healthz" | "readyz" | "metrics" | "login" | "refresh" => (Public, Target::None),
        "get_sign_off_summary" | "get_sign_off_qr" | "sign_off_report" | "refuse_sign_off" => {
            (Public, Target::SignToken)
        }
        "me" | "list_notifications" | "mark_notifications_read" | "get_home" | "events" => {
            (SignedIn, Target::None)
        }
        "get_customer_archive" => (View(K::Customer), Target::Customer),
        "get_machine_archive" => (View(K::Machine), Target::Machine),
        "get_machine_repeat_faults" => (View(K::Machine), Target::Machine),
        "change_machine_warranty" => (Act(K::Machine, A::ChangeWarranty), Target::Machine),
        "request_certificate_reissue" => (Act(K::Machine, A::RequestCertificate), Target::Machine),
        "mark_certificate_reissued" => (Act(K::Machine, A::ReissueCertificate), Target::Reissue),
        "list_stock" | "list_stock_movements" | "get_inventory_analysis" | "list_bin_labels" => {
            (View(K::StockMovement), Target::None)
        }
        "list_part_labels" => (View(K::Part), Target::None),
        "export_stock" => (Act(K::StockMovement, A::Export), Target::None),
        "export_requisitions" => (Act(K::Requisition, A::Export), Target::None),
        "export_purchase_requests" => (Act(K::PurchaseRequest, A::Export), Target::None),
        "export_stocktakes" => (Act(K::Stocktake, A::Export), Target::None),
        "post_receipt" => (Cmd(Command::PostReceipt), Target::None),
        "list_purchase_requests" | "list_reorder_suggestions" => {
            (View(K::PurchaseRequest), Target::None)
        }
        "create_purchase_request" => (Cmd(Command::RequestPurchase), Target::None),
        "post_adjustment" => (Cmd(Command::PostAdjustment), Target::None),
        "post_transfer" => (Cmd(Command::PostTransfer), Target::None),
        "list_stocktakes" => (View(K::Stocktake), Target::None),
        "open_stocktake" => (Cmd(Command::OpenStocktake), Target::None),
        "list_requisitions" => (View(K::Requisition), Target::None),
        "list_engineers" => (View(K::Engineer), Target::None),
        "export_engineers" => (Act(K::Engineer, A::Export), Target::None),
        "get_engineer" => (View(K::Engineer), Target::Engineer),
        "put_engineer_profile" => (Act(K::Engineer, A::Update), Target::Engineer),
        "list_absences" => (View(K::Engineer), Target::Engineer),
        "record_absence" => (Act(K::Engineer, A::Update), Target::Engineer),
        // The kind named is `customers`.
        "get_import_template" | "import_file" => (Act(K::Customer, A::Import), Target::ImportKind),
        "get_sla_settings"
        | "get_calendar_settings"
        | "get_dispatch_settings"
        | "get_service_network_settings"
        | "get_follow_up_settings"
        | "get_assessment_settings"
        | "get_api_limits_settings" => (View(K::Setting), Target::None),
        "list_settings"
        | "put_sla_settings"
        | "put_calendar_settings"
        | "put_dispatch_settings"
        | "put_service_network_settings"
        | "put_follow_up_settings"
        | "put_assessment_settings"
        | "put_api_limits_settings"
        | "import_calendar" => (Act(K::Setting, A::Update), Target::None),
        "get_kpis" => (View(K::Kpi), Target::None),
        // The world's engineer's own figures: every role that sees KPIs may
        // read them (an engineer only their own).
        "list_kpi_records" => (View(K::Kpi), Target::None),
        "list_api_clients" => (View(K::ApiClient), Target::None),
        "create_api_client" => (Act(K::ApiClient, A::Create), Target::None),
        "list_webhooks" => (View(K::Webhook), Target::None),
        "create_webhook" => (Act(K::Webhook, A::Create), Target::None),
        "list_users" => (View(K::User), Target::None),
        "create_user" => (Act(K::User, A::Create), Target::None),
        "get_user" | "user_history" => (View(K::User), Target::User),
        "update_user" => (Act(K::User, A::Update), Target::User),
        "activate_user" => (Act(K::User, A::Reactivate), Target::User),
        "deactivate_user" => (Act(K::User, A::Deactivate), Target::User),
        "set_password" => (Act(K::User, A::SetPassword), Target::User),
        "unlock_user" => (Act(K::User, A::Unlock), Target::User),
        "list_service_requests" => (View(K::ServiceRequest), Target::None),
        "create_service_request" => (Cmd(Command::Intake), Target::None),
        "preview_service_request_clocks" => (Cmd(Command::Intake), Target::None),
        "get_service_request" | "get_service_request_timeline" => {
            (View(K::ServiceRequest), Target::WorkedRequest)
        }
        // The public status a dealer's system pulls: a read of the request.
        "get_service_request_status" => (View(K::ServiceRequest), Target::WorkedRequestNumber),
        "list_service_request_statuses" => (View(K::ServiceRequest), Target::None),
        "suggest_engineers" => (Cmd(Command::Dispatch), Target::Request),
        "record_first_contact" => (Cmd(Command::RecordContact), Target::Request),
        "dispatch_service_request" => (Cmd(Command::Dispatch), Target::Request),
        "resolve_service_request_remotely" => (Cmd(Command::ResolveRemotely), Target::Request),
        "cancel_service_request" => (Cmd(Command::Cancel), Target::Request),
        "record_customer_choice" => (Cmd(Command::RecordCustomerChoice), Target::Request),
        "list_work_orders" => (View(K::WorkOrder), Target::None),
        "get_work_order" | "get_work_order_report" | "get_work_order_acknowledgement_signature" => {
            (View(K::WorkOrder), Target::WorkOrder)
        }
        "schedule_work_order" => (Cmd(Command::Schedule), Target::WorkOrder),
        "check_in_work_order" => (Cmd(Command::CheckIn), Target::WorkOrder),
        "finish_work_order" => (Cmd(Command::Finish), Target::WorkOrder),
        "acknowledge_work_order" => (Cmd(Command::Acknowledge), Target::WorkOrder),
        "reassign_work_order" => (Cmd(Command::Reassign), Target::WorkOrder),
        "save_work_order_report" => (Cmd(Command::SaveReport), Target::WorkOrder),
        "list_repair_reports" => (View(K::RepairReport), Target::None),
        "get_repair_report" | "get_repair_report_signature" => {
            (View(K::RepairReport), Target::Report)
        }
        "submit_repair_report" => (Cmd(Command::SubmitReport), Target::Report),
        "approve_repair_report" => (Cmd(Command::ApproveReport), Target::Report),
        "reject_repair_report" => (Cmd(Command::RejectReport), Target::Report),
        "create_sign_link" => (Cmd(Command::CreateSignLink), Target::Report),
        "rework_refused_repair_report" => (Cmd(Command::ReworkAfterRefusal), Target::Report),
        "close_refused_repair_report" => (Cmd(Command::CloseUnsigned), Target::Report),
        "open_complaint_on_repair_report" => (Cmd(Command::OpenComplaint), Target::Report),
        other => panic!(
            "operation `{other}` has no gate in permissions.rs: name the rule its handler asks"
        ),
    }
}

/// What the table lets `actor` expect from an operation behind `gate`.
fn expect(actor: &Actor, gate: Gate) -> Expect {
    let may = match gate {
        Gate::Public | Gate::SignedIn => true,
        Gate::View(k) => access::sees(actor, k),
        Gate::Act(k, a) => access::may(actor, k, a),
        Gate::Cmd(c) => access::may_give(actor, c),
    };
    if may {
        Expect::Allowed
    } else {
        Expect::Status(403)
    }
}

/// One role's signed-in session and the actor the table judges.
struct Caller {
    name: String,
    role: Role,
    token: String,
    actor: Actor,
    password: String,
}

fn actor_of(t: &TokenResponse) -> Actor {
    Actor {
        user_id: t.user.id,
        username: t.user.username.clone(),
        roles: t.user.roles.clone(),
        dealer_id: t.user.dealer_id,
    }
}

/// The ids the operations' `{id}` stand for, built through the API.
#[derive(Default)]
struct World {
    ids: BTreeMap<&'static str, String>,
    foreign: BTreeMap<&'static str, String>,
    engineer_id: String,
    sign_token: String,
    /// The test's dealer's record and the SLA document, sent back unchanged
    /// by their updates.
    own_dealer: Value,
    sla: Value,
    /// admin, supervisor, engineer, dealer: who builds the workflow records.
    tokens: [String; 4],
    /// Another engineer, to reassign to.
    other_engineer: String,
}

/// How far a fresh request is worked before a command is given on it: the
/// state in which the command is legal, so that an allowed role gets 2xx.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
enum Stage {
    /// Taken in, asking for no visit (remote resolution needs that).
    Remote,
    /// Taken in, asking for a visit.
    Intake,
    Dispatched,
    Scheduled,
    OnSite,
    Reported,
    Finished,
    /// The customer acknowledged the finished visit on site.
    Acknowledged,
    Submitted,
    Approved,
    /// The customer refused to sign the approved report.
    Refused,
}

/// The stage a workflow command needs, or `None` for the other operations.
fn stage_for(op: &str) -> Option<Stage> {
    Some(match op {
        "resolve_service_request_remotely" => Stage::Remote,
        "record_first_contact" | "dispatch_service_request" | "cancel_service_request" => {
            Stage::Intake
        }
        "schedule_work_order" | "reassign_work_order" => Stage::Dispatched,
        "check_in_work_order" => Stage::Scheduled,
        "save_work_order_report" => Stage::OnSite,
        "finish_work_order" => Stage::Reported,
        "submit_repair_report" | "acknowledge_work_order" => Stage::Finished,
        "get_work_order_acknowledgement_signature" => Stage::Acknowledged,
        "approve_repair_report" | "reject_repair_report" => Stage::Submitted,
        "create_sign_link" => Stage::Approved,
        "rework_refused_repair_report"
        | "close_refused_repair_report"
        | "open_complaint_on_repair_report" => Stage::Refused,
        _ => return None,
    })
}

/// A fresh request of the test's dealer's customer, worked by the test's
/// engineer up to `stage`; the ids of its request, work order and report.
async fn advance(app: &TestApp, w: &World, stage: Stage) -> BTreeMap<&'static str, String> {
    let [admin, sup, eng, dealer] = &w.tokens;
    let mut ids = BTreeMap::new();
    let mut intake = intake_body(&w.ids["customer"], &w.ids["machine"]);
    if stage == Stage::Remote {
        intake["needs_onsite"] = json!(false);
    }
    let sr = body_of(
        app.post("/api/v1/service-requests", dealer, &intake).await,
        "intake",
    )
    .await;
    ids.insert("request", id(&sr));
    ids.insert("worked_request", id(&sr));
    ids.insert("worked_number", number(&sr));
    if stage < Stage::Dispatched {
        return ids;
    }
    let sr_path = format!("/api/v1/service-requests/{}", id(&sr));
    let body = json!({"engineer_id": w.engineer_id});
    let res = send(
        app,
        Method::POST,
        &format!("{sr_path}/dispatch"),
        Some(sup),
        Some(&body),
        admin,
    )
    .await;
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    body_of(res, "dispatch").await;
    let location = location.expect("dispatch answers with the work order's location");
    let wo_id = location.rsplit('/').next().unwrap().to_owned();
    let wo_path = format!("/api/v1/work-orders/{wo_id}");
    ids.insert("work_order", wo_id);
    let at = (chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339();
    let steps: [(Stage, &str, &String, Value); 3] = [
        (
            Stage::Scheduled,
            "schedule",
            eng,
            json!({"appointment_at": at}),
        ),
        (Stage::OnSite, "check-in", eng, json!({})),
        (Stage::Reported, "report", eng, report_body()),
    ];
    for (reached, action, token, body) in steps {
        if stage < reached {
            return ids;
        }
        let v = step(app, &format!("{wo_path}/{action}"), token, body, admin).await;
        if action == "report" {
            ids.insert("report", id(&v));
        }
    }
    let r_path = format!("/api/v1/repair-reports/{}", ids["report"]);
    let steps: [(Stage, String, &String, Value); 4] = [
        (
            Stage::Finished,
            format!("{wo_path}/finish"),
            eng,
            json!({"inspection_passed": true}),
        ),
        (
            Stage::Acknowledged,
            format!("{wo_path}/acknowledge"),
            eng,
            acknowledgement_body(),
        ),
        (Stage::Submitted, format!("{r_path}/submit"), eng, json!({})),
        (
            Stage::Approved,
            format!("{r_path}/approve"),
            sup,
            json!({"comment": "同意"}),
        ),
    ];
    for (reached, path, token, body) in steps {
        if stage < reached {
            break;
        }
        step(app, &path, token, body, admin).await;
    }
    if stage >= Stage::Refused {
        let link = step(app, &format!("{r_path}/sign-link"), sup, json!({}), admin).await;
        let refused = app
            .request(
                reqwest::Method::POST,
                &format!("/api/v1/sign/{}/refuse", link["token"].as_str().unwrap()),
                None,
            )
            .json(&json!({"reason": "权限测试拒签"}))
            .send()
            .await
            .unwrap();
        body_of(refused, "refuse").await;
    }
    ids
}

async fn body_of(res: reqwest::Response, what: &str) -> Value {
    let status = res.status();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "fixture {what}: {status}: {body}");
    body
}

fn number(v: &Value) -> String {
    v["number"].as_str().expect("number").to_owned()
}

fn id(v: &Value) -> String {
    v["id"].as_str().expect("id").to_owned()
}

/// The record's current ETag, read as `reader`, for `If-Match`.
async fn etag(app: &TestApp, path: &str, reader: &str) -> Option<String> {
    let res = app.get(path, reader).await;
    if !res.status().is_success() {
        return None;
    }
    if let Some(t) = res.headers().get("etag") {
        return t.to_str().ok().map(str::to_owned);
    }
    let v: Value = res.json().await.ok()?;
    v.get("version").map(|n| format!("\"{n}\""))
}

/// The path whose ETag a write to `path` must match: the record itself for a
/// PUT/PATCH, the record an action hangs off for a POST.
fn version_source(method: &Method, path: &str) -> Option<String> {
    if *method == Method::PUT || *method == Method::PATCH {
        return Some(path.to_owned());
    }
    if *method != Method::POST {
        return None;
    }
    if path.contains("/certificate-reissues/") {
        // A reissue has no read of its own: `*` (see `send`).
        return Some(path.to_owned());
    }
    let segs: Vec<&str> = path.trim_start_matches("/api/v1/").split('/').collect();
    (segs.len() == 3).then(|| format!("/api/v1/{}/{}", segs[0], segs[1]))
}

/// Sends `method path` as `token` with the current `If-Match` and `body`.
async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
    reader: &str,
) -> reqwest::Response {
    let mut req = app.request(method.clone(), path, token);
    if let Some(src) = version_source(&method, path) {
        // A record the reader cannot see (or a report not yet saved) has no
        // ETag to match: `*` still gets past the 428 to the answer the
        // permission table gives.
        let tag = etag(app, &src, reader).await.unwrap_or_else(|| "*".into());
        req = req.header("if-match", tag);
    }
    if path.contains("/imports/customers") && method == Method::POST {
        req = req
            .header("content-type", "application/octet-stream")
            .body("客户编号,客户名称,客户类型,联系电话,省份,经销商编号\n");
    } else if path.ends_with("/settings/calendar/import") && method == Method::POST {
        // A header alone: a valid file that changes no year.
        req = req
            .header("content-type", "text/csv")
            .body("日期,类型,名称\n");
    } else if let Some(b) = body {
        req = req.json(b);
    }
    req.send().await.unwrap()
}

/// A command on the fixture as `token`, which must succeed.
async fn step(app: &TestApp, path: &str, token: &str, body: Value, reader: &str) -> Value {
    let method = if path.ends_with("/report") {
        Method::PUT
    } else {
        Method::POST
    };
    body_of(
        send(app, method, path, Some(token), Some(&body), reader).await,
        path,
    )
    .await
}

/// The customer's on-site acknowledgement of a finished visit.
fn acknowledgement_body() -> Value {
    json!({"signer_name": "张三", "satisfaction": "satisfied", "signature_png": signature_png()})
}

/// A small valid PNG, as a finger-drawn signature would be.
fn signature_png() -> String {
    use base64::Engine;
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, 40, 20);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().unwrap();
        let data: Vec<u8> = (0..800)
            .map(|i| if i % 41 == 0 { 0 } else { 255 })
            .collect();
        w.write_image_data(&data).unwrap();
    }
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

fn customer_input(n: u32, dealer: Option<&str>) -> Value {
    json!({"name": format!("权限测试农场{n}"), "kind": "farm", "phone": format!("1390451{n:04}"),
        "province": "黑龙江", "city": "哈尔滨", "county": "五常市", "dealer_id": dealer})
}

fn intake_body(customer: &str, machine: &str) -> Value {
    json!({"kind": "repair", "customer_id": customer, "machine_id": machine, "symptoms": "收割时割台不转",
        "preliminary_judgement": "皮带断裂", "needs_onsite": true, "priority": "high",
        "machine_stopped": true, "operation_at_risk": "harvest", "suspected_part": "wear_part"})
}

fn report_body() -> Value {
    json!({"process": "检查割台", "cause": "皮带老化断裂", "measures": "更换皮带", "labour_hours": "2.5",
        "parts": [{"part_number": "4LZ-0231", "name": "割台传动皮带", "quantity": "1", "unit": "条"}]})
}

/// Builds the records: a model, a second dealer, a customer and machine of
/// each dealer, a request of each, and a request worked by the test's engineer
/// up to an approved report with a signing link.
async fn build_world(app: &TestApp, c: &BTreeMap<String, Caller>) -> World {
    let sup = &c["supervisor"].token;
    let admin = &c["admin"].token;
    let dealer = &c["dealer"];
    let eng = &c["engineer"];
    let own_dealer = dealer
        .actor
        .dealer_id
        .expect("the dealer user has a dealer")
        .to_string();
    let mut w = World {
        engineer_id: eng.actor.user_id.to_string(),
        ..World::default()
    };
    w.own_dealer = body_of(
        app.get(&format!("/api/v1/dealers/{own_dealer}"), admin)
            .await,
        "own dealer",
    )
    .await;
    // A second engineer, to reassign to.
    app.fx.engineer().create().await;
    let roster = body_of(
        app.get("/api/v1/engineers?limit=50", admin).await,
        "engineers",
    )
    .await;
    w.other_engineer = roster["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["user_id"].as_str())
        .find(|u| *u != w.engineer_id)
        .expect("a second engineer to reassign to")
        .to_owned();
    w.sla = body_of(app.get("/api/v1/settings/sla", admin).await, "sla").await;

    let model = body_of(app.post("/api/v1/product-models", sup,
        &json!({"code": "PERM-1", "name": "权限测试收割机", "category": "combine_harvester", "warranty_months": 24})).await, "model").await;
    let other = body_of(
        app.post(
            "/api/v1/dealers",
            sup,
            &json!({"code": "D-PERM-02", "name": "别家农机", "region": "吉林"}),
        )
        .await,
        "dealer",
    )
    .await;
    let mut n = 0;
    for (map, dealer_id, token) in [
        (&mut w.ids, own_dealer.clone(), dealer.token.as_str()),
        (&mut w.foreign, id(&other), c["agent"].token.as_str()),
    ] {
        n += 1;
        let cust = body_of(
            app.post(
                "/api/v1/customers",
                token,
                &customer_input(n, Some(&dealer_id)),
            )
            .await,
            "customer",
        )
        .await;
        let mach = body_of(app.post("/api/v1/machines", token,
            &json!({"serial_number": format!("PERM-{n}"), "model_id": model["id"], "customer_id": cust["id"]})).await, "machine").await;
        let sr = body_of(
            app.post(
                "/api/v1/service-requests",
                token,
                &intake_body(&id(&cust), &id(&mach)),
            )
            .await,
            "request",
        )
        .await;
        let reissue = body_of(
            app.post(
                &format!("/api/v1/machines/{}/certificate-reissues", id(&mach)),
                admin,
                &reissue_request(),
            )
            .await,
            "certificate reissue",
        )
        .await;
        map.insert("reissue", id(&reissue));
        map.insert("customer", id(&cust));
        map.insert("machine", id(&mach));
        map.insert("request", id(&sr));
        map.insert("worked_request", id(&sr));
        map.insert("worked_number", number(&sr));
    }
    w.ids.insert("dealer", own_dealer.clone());
    w.foreign.insert("dealer", id(&other));
    w.ids.insert("model", id(&model));
    // A part in a warehouse with 1000 units: every allowed posting succeeds.
    let clerk = &c["parts_clerk"].token;
    let part = body_of(
        app.post("/api/v1/parts", clerk, &part_input("PERM-P1", &id(&model)))
            .await,
        "part",
    )
    .await;
    let warehouse = body_of(
        app.post(
            "/api/v1/warehouses",
            clerk,
            &warehouse_input("PERM-W1", Some(&own_dealer)),
        )
        .await,
        "warehouse",
    )
    .await;
    let other_wh = body_of(
        app.post(
            "/api/v1/warehouses",
            clerk,
            &warehouse_input("PERM-W2", Some(&id(&other))),
        )
        .await,
        "warehouse",
    )
    .await;
    body_of(
        app.post(
            "/api/v1/stock-movements/receipts",
            clerk,
            &json!({"part_id": id(&part), "warehouse_id": id(&warehouse), "quantity": "1000"}),
        )
        .await,
        "receipt",
    )
    .await;
    w.ids.insert("part", id(&part));
    w.ids.insert("warehouse", id(&warehouse));
    w.ids.insert("other_warehouse", id(&other_wh));
    w.foreign.insert("warehouse", id(&other_wh));
    w.ids.insert("engineer", w.engineer_id.clone());
    let user = body_of(
        app.post(
            "/api/v1/users",
            admin,
            &json!({"username": "perm-target", "display_name": "被管理的用户",
        "password": "Tractor-Ledger-Spring-81", "roles": ["agent"]}),
        )
        .await,
        "user",
    )
    .await;
    w.ids.insert("user", id(&user));

    w.tokens = [admin, sup, &eng.token, &dealer.token].map(|t| t.to_string());
    // A request of the dealer worked by the test's engineer up to an approved
    // report with a signing link: the shared record the reads look at.
    let worked = advance(app, &w, Stage::Approved).await;
    let r_path = format!("/api/v1/repair-reports/{}", worked["report"]);
    let link = step(app, &format!("{r_path}/sign-link"), sup, json!({}), admin).await;
    w.sign_token = link["token"].as_str().expect("sign token").to_owned();
    w.ids.extend(worked);
    w
}

/// The concrete path of `template` for `target`, from `ids`.
fn fill(template: &str, target: Target, ids: &BTreeMap<&'static str, String>, w: &World) -> String {
    let key = match target {
        Target::None if template.ends_with("/clock-preview") => {
            return format!(
                "{template}?customer_id={}&machine_id={}&priority=high&needs_onsite=true",
                ids["customer"], ids["machine"]
            );
        }
        Target::None if template.ends_with("/export") => return format!("{template}?format=csv"),
        Target::None if template.ends_with("/kpis") => return format!("{template}?month=2026-10"),
        Target::None if template.ends_with("/kpis/records") => {
            return format!(
                "{template}?month=2026-10&kpi=timeliness&subject=engineer:{}&part=denominator",
                w.engineer_id
            );
        }
        Target::None if template.ends_with("/service-requests/status") => {
            return format!("{template}?changed_since=2020-01-01T00:00:00Z");
        }
        Target::None => return template.to_owned(),
        Target::ImportKind => "customers".to_owned(),
        Target::SignToken => w.sign_token.clone(),
        Target::Customer => ids["customer"].clone(),
        Target::Machine => ids["machine"].clone(),
        Target::Dealer => ids["dealer"].clone(),
        Target::Model => ids["model"].clone(),
        Target::Part => ids["part"].clone(),
        Target::Warehouse => ids["warehouse"].clone(),
        Target::Engineer => ids["engineer"].clone(),
        Target::User => ids["user"].clone(),
        Target::Request => ids["request"].clone(),
        Target::WorkedRequest => ids["worked_request"].clone(),
        Target::WorkedRequestNumber => ids["worked_number"].clone(),
        Target::WorkOrder => ids["work_order"].clone(),
        Target::Report => ids["report"].clone(),
        Target::Reissue => {
            return template
                .replace("{id}", &ids["machine"])
                .replace("{rid}", &ids["reissue"]);
        }
    };
    let start = template.find('{').unwrap();
    let end = template.find('}').unwrap();
    format!("{}{}{}", &template[..start], key, &template[end + 1..])
}

fn part_input(number: &str, model: &str) -> Value {
    json!({"part_number": number, "name": "权限测试滤清器", "category": "filter", "unit": "个",
        "standard_cost_fen": 1200, "reorder_point": "2", "reorder_quantity": "10",
        "compatible_model_ids": [model]})
}

/// A dealer warehouse of `dealer`, or a regional one.
fn warehouse_input(code: &str, dealer: Option<&str>) -> Value {
    let kind = if dealer.is_some() {
        "dealer"
    } else {
        "regional"
    };
    json!({"code": code, "name": "权限测试仓库", "kind": kind, "dealer_id": dealer, "bins": [{"code": "A-01"}]})
}

/// A customer's request to reissue a lost certificate, asked today.
fn reissue_request() -> Value {
    json!({"requested_by": "权限测试", "requested_on": chrono::Utc::now().date_naive() - chrono::Duration::days(1)})
}

/// A valid body for the operation, as `caller` would send it.
fn body(op: &str, caller: &Caller, w: &World, n: u32, refresh: &str) -> Option<Value> {
    let b = match op {
        "login" => json!({"username": caller.actor.username, "password": caller.password}),
        "refresh" => json!({"refresh_token": refresh}),
        "create_customer" => customer_input(100 + n, None),
        "update_customer" => customer_input(900, w.own_dealer["id"].as_str()),
        "create_machine" => {
            json!({"serial_number": format!("PERM-NEW-{n}"), "model_id": w.ids["model"], "customer_id": w.ids["customer"]})
        }
        "update_machine" => {
            json!({"serial_number": "PERM-1", "model_id": w.ids["model"], "customer_id": w.ids["customer"], "dealer_id": w.own_dealer["id"]})
        }
        "create_dealer" => {
            json!({"code": format!("D-PERM-N{n}"), "name": format!("新经销商{n}"), "region": "辽宁"})
        }
        "update_dealer" => {
            json!({"code": w.own_dealer["code"], "name": w.own_dealer["name"], "region": w.own_dealer["region"]})
        }
        "request_certificate_reissue" => reissue_request(),
        "mark_certificate_reissued" => {
            json!({"certificate_number": "SB-PERM-1", "reissued_on": chrono::Utc::now().date_naive()})
        }
        "change_machine_warranty" => {
            json!({"sale_date": "2025-01-10", "warranty_end": "2026-01-10", "reason": "权限测试"})
        }
        "put_sla_settings" => w.sla.clone(),
        "put_api_limits_settings" => {
            serde_json::to_value(furrow_domain::api_limits::ApiLimits::default()).unwrap()
        }
        "put_follow_up_settings" => {
            serde_json::to_value(furrow_domain::service::follow_up::FollowUpSettings::default())
                .unwrap()
        }
        "put_assessment_settings" => {
            serde_json::to_value(furrow_domain::kpi::AssessmentSettings::default()).unwrap()
        }
        "put_dispatch_settings" => {
            serde_json::to_value(furrow_domain::service::dispatch::DispatchSettings::default())
                .unwrap()
        }
        "record_absence" => {
            let from = chrono::Utc::now() + chrono::Duration::days(10 + i64::from(n));
            json!({"from": from, "to": from + chrono::Duration::hours(8), "reason": "leave"})
        }
        "put_calendar_settings" => {
            serde_json::to_value(furrow_domain::service::calendar::WorkCalendar::default()).unwrap()
        }
        "put_service_network_settings" => {
            serde_json::to_value(furrow_domain::service::sanbao::ServiceNetwork::default()).unwrap()
        }
        "create_part" => part_input(&format!("PERM-PN{n}"), &w.ids["model"]),
        "update_part" => part_input("PERM-P1", &w.ids["model"]),
        "create_warehouse" => warehouse_input(&format!("PERM-WN{n}"), None),
        "update_warehouse" => warehouse_input("PERM-W1", w.own_dealer["id"].as_str()),
        "post_receipt" => {
            json!({"part_id": w.ids["part"], "warehouse_id": w.ids["warehouse"], "quantity": "1", "bin": "A-01"})
        }
        "create_purchase_request" => {
            json!({"origin": "manual", "lines": [{"part_id": w.ids["part"], "quantity": "1"}]})
        }
        "post_adjustment" => {
            json!({"part_id": w.ids["part"], "warehouse_id": w.ids["warehouse"], "quantity": "-1", "reason": "权限测试"})
        }
        "post_transfer" => {
            json!({"part_id": w.ids["part"], "from_warehouse_id": w.ids["warehouse"], "to_warehouse_id": w.ids["other_warehouse"], "quantity": "1"})
        }
        "open_stocktake" => json!({"warehouse_id": w.ids["warehouse"]}),
        "create_product_model" => {
            json!({"code": format!("PERM-M{n}"), "name": "新机型", "category": "tractor", "warranty_months": 12})
        }
        "update_product_model" => {
            json!({"code": "PERM-1", "name": "权限测试收割机改", "category": "combine_harvester", "warranty_months": 24})
        }
        "put_engineer_profile" => {
            json!({"skills": ["tractor"], "home_base": "五常服务站", "lat": 44.9, "lon": 127.1, "active": true})
        }
        "create_user" => {
            json!({"username": format!("perm-new-{n}"), "display_name": "新用户", "password": "Tractor-Ledger-Spring-81", "roles": ["agent"]})
        }
        "update_user" => json!({"display_name": "改名"}),
        "create_api_client" => {
            json!({"name": "权限测试", "role": "integration", "scopes": ["events_read"]})
        }
        "create_webhook" => json!({"url": "https://perm.example.com/hook"}),
        "set_password" => json!({"new_password": "Orchard-Lantern-Spring-42"}),
        "create_service_request" => intake_body(&w.ids["customer"], &w.ids["machine"]),
        "record_first_contact" | "approve_repair_report" | "mark_notifications_read" => json!({}),
        "dispatch_service_request" => json!({"engineer_id": w.engineer_id}),
        "resolve_service_request_remotely" => json!({"resolution": "电话指导"}),
        // The world's request is not past its deadline: allowed roles meet 409.
        "record_customer_choice" => json!({"choice": "continue_repair"}),
        "cancel_service_request"
        | "reject_repair_report"
        | "rework_refused_repair_report"
        | "open_complaint_on_repair_report" => json!({"reason": "权限测试"}),
        "close_refused_repair_report" => json!({"witness": "权限测试", "reason": "权限测试"}),
        "reassign_work_order" => json!({"engineer_id": w.other_engineer, "reason": "权限测试"}),
        "schedule_work_order" => {
            json!({"appointment_at": (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339()})
        }
        "finish_work_order" => json!({"inspection_passed": true}),
        "acknowledge_work_order" => acknowledgement_body(),
        "save_work_order_report" => report_body(),
        "sign_off_report" => json!({"signer_name": "张三", "signature_png": signature_png()}),
        "refuse_sign_off" => json!({"reason": "不同意"}),
        _ => return None,
    };
    Some(b)
}

/// The statuses an allowed call may answer besides 2xx: the documented ones
/// that are about the record's state or the input (a command given twice, a
/// stale signing link, an empty import file, a signature that is no PNG),
/// never 401/403/404.
fn allowed_refusals(documented: &[String]) -> Vec<u16> {
    [409u16, 410, 422]
        .into_iter()
        .filter(|s| documented.iter().any(|d| d == &s.to_string()))
        .collect()
}

#[tokio::test]
async fn every_operation_answers_every_role_as_the_permission_table_says() {
    let app = spawn_app().await;
    // One user per role, the dealer-side ones (dealer, integration) bound to
    // the same dealer.
    let mut callers = BTreeMap::new();
    for role in [
        Role::Admin,
        Role::Agent,
        Role::Supervisor,
        Role::Engineer,
        Role::PartsClerk,
        Role::Purchasing,
        Role::Finance,
        Role::Manager,
        Role::Dealer,
        Role::Integration,
    ] {
        let t = app.login(role).await;
        assert_eq!(t.user.roles, vec![role]);
        let name = serde_json::to_value(role).unwrap();
        let name = name.as_str().unwrap().to_owned();
        callers.insert(
            name.clone(),
            Caller {
                name,
                role,
                token: t.access_token.clone(),
                actor: actor_of(&t),
                password: PASSWORD.into(),
            },
        );
    }
    let admin = callers["admin"].token.clone();

    let world = build_world(&app, &callers).await;
    let doc: Value = app
        .request(Method::GET, "/api/v1/openapi.json", None)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Ok(m) = Method::from_bytes(method.to_uppercase().as_bytes()) else {
                continue;
            };
            let op_id = op["operationId"].as_str().unwrap().to_owned();
            let documented: Vec<String> = op["responses"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            ops.push((path.clone(), m, op_id, documented));
        }
    }

    // The customer's signing page first, so that the report has a signature
    // by the time its signature is read.
    ops.sort_by_key(|(path, ..)| !path.starts_with("/api/v1/sign/"));
    let mut failures = Vec::new();
    // Allowed calls that met a state or input refusal, shown so that a cell
    // passing only on a 409 is visible in the output.
    let mut refused: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let (mut calls, mut n) = (0usize, 0u32);
    let mut run_ops = 0usize;
    for (template, method, op, documented) in &ops {
        if let Some((_, why)) = EXCLUDED.iter().find(|(o, _)| o == op) {
            println!("excluded {op}: {why}");
            continue;
        }
        run_ops += 1;
        let (gate, target) = gate(op);
        for caller in callers.values() {
            n += 1;
            let refresh = if op == "refresh" {
                app.login(caller.role).await.refresh_token
            } else {
                String::new()
            };
            let want = expect(&caller.actor, gate);
            let dealer_bound = caller.actor.dealer_scope().is_some();
            // An allowed workflow command gets a fresh record in the state
            // where it is legal, and must then answer 2xx.
            let fresh = match (want, stage_for(op)) {
                (Expect::Allowed, Some(stage)) => Some(advance(&app, &world, stage).await),
                _ => None,
            };
            let mut ids = world.ids.clone();
            ids.extend(fresh.clone().unwrap_or_default());
            let mut cases = vec![(fill(template, target, &ids, &world), false)];
            if dealer_bound && target.dealer_owned() {
                cases.push((fill(template, target, &world.foreign, &world), true));
            }
            for (path, foreign) in cases {
                calls += 1;
                let token = (!matches!(gate, Gate::Public)).then_some(caller.token.as_str());
                let b = body(op, caller, &world, n, &refresh);
                let res = send(&app, method.clone(), &path, token, b.as_ref(), &admin).await;
                let got = res.status();
                // `/metrics` is served only with `--metrics`; test servers run without.
                let ok = match (want, foreign) {
                    (Expect::Status(s), _) => got.as_u16() == s,
                    (Expect::Allowed, true) => got == StatusCode::NOT_FOUND,
                    (Expect::Allowed, false) if fresh.is_some() => got.is_success(),
                    (Expect::Allowed, false) => {
                        got.is_success()
                            || allowed_refusals(documented).contains(&got.as_u16())
                            || (*op == "metrics" && got == StatusCode::NOT_FOUND)
                    }
                };
                if ok && want == Expect::Allowed && !foreign && !got.is_success() {
                    refused
                        .entry(format!("{op} {}", got.as_u16()))
                        .or_default()
                        .push(caller.name.clone());
                }
                if !ok {
                    let text = res.text().await.unwrap_or_default();
                    let want = match (want, foreign) {
                        (Expect::Status(s), _) => s.to_string(),
                        (Expect::Allowed, true) => "404".to_owned(),
                        (Expect::Allowed, false) if fresh.is_some() => "2xx".to_owned(),
                        (Expect::Allowed, false) => {
                            format!("2xx or {:?}", allowed_refusals(documented))
                        }
                    };
                    failures.push(format!(
                        "{method} {path} ({op}) as {}: got {got}, table says {want}: {}",
                        caller.name,
                        text.chars().take(200).collect::<String>()
                    ));
                }
            }
        }
    }
    for (what, roles) in &refused {
        println!(
            "allowed, refused by state or input: {what}: {}",
            roles.join(", ")
        );
    }
    println!(
        "permission matrix: {run_ops} operations × {} roles = {} cells ({calls} calls, {} excluded operations)",
        callers.len(),
        run_ops * callers.len(),
        EXCLUDED.len()
    );
    assert!(
        failures.is_empty(),
        "{} cells disagree with the table:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
