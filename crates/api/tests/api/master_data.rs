use crate::helpers::{TestApp, assert_problem, spawn_app};
use furrow_domain::Role;
use furrow_domain::master::MachineCategory;
use reqwest::Method;
use serde_json::{Value, json};

async fn json_of(res: reqwest::Response) -> Value {
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    body
}

async fn put(
    app: &TestApp,
    path: &str,
    token: &str,
    version: &Value,
    body: &Value,
) -> reqwest::Response {
    app.request(Method::PUT, path, Some(token))
        .header("if-match", format!("\"{version}\""))
        .json(body)
        .send()
        .await
        .unwrap()
}

fn customer_input(name: &str, phone: &str) -> Value {
    json!({"name": name, "kind": "farm", "phone": phone, "province": "黑龙江", "city": "哈尔滨", "county": "五常市"})
}

#[tokio::test]
async fn a_customer_is_found_by_part_of_a_chinese_name_edited_and_the_change_is_in_the_archive() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let c = json_of(
        app.post(
            "/api/v1/customers",
            &agent,
            &customer_input("五常稻香家庭农场", "13904510001"),
        )
        .await,
    )
    .await;
    assert!(
        c["code"].as_str().unwrap().starts_with('C'),
        "generated code {c}"
    );
    let found = json_of(
        app.get("/api/v1/customers?q=%E7%A8%BB%E9%A6%99", &agent)
            .await,
    )
    .await; // 稻香
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    assert_eq!(found["items"][0]["id"], c["id"]);
    let by_phone = json_of(app.get("/api/v1/customers?q=0451000", &agent).await).await;
    assert_eq!(by_phone["items"][0]["id"], c["id"]);

    let path = format!("/api/v1/customers/{}", c["id"].as_str().unwrap());
    let mut edit = customer_input("五常稻香家庭农场", "13904519999");
    edit["code"] = c["code"].clone();
    let updated = json_of(put(&app, &path, &agent, &c["version"], &edit).await).await;
    assert_eq!(updated["phone"], "13904519999");
    assert_problem(
        put(&app, &path, &agent, &c["version"], &edit).await,
        412,
        "stale_version",
    )
    .await;

    let archive = json_of(app.get(&format!("{path}/archive"), &agent).await).await;
    let newest = &archive["timeline"][0];
    assert_eq!(newest["action"], "updated");
    assert_eq!(
        newest["actor_name"],
        json!(app.member(Role::Agent).await.username)
    );
    assert_eq!(
        newest["details"]["phone"],
        json!(["13904510001", "13904519999"])
    );
}

#[tokio::test]
async fn invalid_customers_get_field_errors_and_nothing_is_created() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let res = app
        .post(
            "/api/v1/customers",
            &agent,
            &json!({"name": "", "kind": "farm", "phone": "abc", "province": ""}),
        )
        .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["name", "phone", "province"]);
    let engineer = app.token(Role::Engineer).await;
    assert_problem(
        app.post(
            "/api/v1/customers",
            &engineer,
            &customer_input("x", "13900000000"),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
}

/// Every customer and machine endpoint, called by a dealer on another dealer's records.
#[tokio::test]
async fn dealers_see_and_change_only_their_own_customers_and_machines() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let dealer = app.login(Role::Dealer).await;
    let own_dealer = dealer.user.dealer_id.unwrap().to_string();
    let t = &dealer.access_token;
    // A customer with a machine of the dealer, and one of another dealer.
    app.customer_and_machine(t).await;
    let elsewhere = app.fx.dealer().create().await;
    let (foreign, fm) = app
        .customer_and_machine_of(Some(elsewhere.id), &admin)
        .await;
    assert_ne!(foreign["dealer_id"], json!(own_dealer));

    // The dealer's lists hold only its own records.
    let customers = json_of(app.get("/api/v1/customers?limit=200", t).await).await;
    let items = customers["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|c| c["dealer_id"] == json!(own_dealer)));
    let machines = json_of(app.get("/api/v1/machines?limit=200", t).await).await;
    assert!(
        machines["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["dealer_id"] == json!(own_dealer))
    );

    // The record of the other dealer.
    let fid = foreign["id"].as_str().unwrap();
    let mid = fm["id"].as_str().unwrap();

    for path in [
        format!("/api/v1/customers/{fid}"),
        format!("/api/v1/customers/{fid}/archive"),
        format!("/api/v1/machines/{mid}"),
        format!("/api/v1/machines/{mid}/archive"),
    ] {
        assert_problem(app.get(&path, t).await, 404, "not_found").await;
    }
    // With the versions an administrator read: the dealer's writes pass the
    // If-Match check and still find no such record.
    for (path, version) in [
        (
            format!("/api/v1/customers/{fid}/deactivate"),
            &foreign["version"],
        ),
        (
            format!("/api/v1/customers/{fid}/activate"),
            &foreign["version"],
        ),
        (format!("/api/v1/machines/{mid}/deactivate"), &fm["version"]),
        (format!("/api/v1/machines/{mid}/activate"), &fm["version"]),
    ] {
        let res = app
            .request(Method::POST, &path, Some(t))
            .header("if-match", format!("\"{version}\""))
            .send()
            .await
            .unwrap();
        assert_problem(res, 404, "not_found").await;
    }
    let res = put(
        &app,
        &format!("/api/v1/customers/{fid}"),
        t,
        &foreign["version"],
        &customer_input("改名", "13900000000"),
    )
    .await;
    assert_problem(res, 404, "not_found").await;
    let machine_body =
        json!({"serial_number": "X-1", "model_id": fm["model_id"], "customer_id": fid});
    assert_problem(
        put(
            &app,
            &format!("/api/v1/machines/{mid}"),
            t,
            &fm["version"],
            &machine_body,
        )
        .await,
        404,
        "not_found",
    )
    .await;
    // Searching by the foreign customer's name finds nothing for the dealer.
    let q = urlencode(foreign["name"].as_str().unwrap());
    assert!(
        json_of(app.get(&format!("/api/v1/customers?q={q}"), t).await).await["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // A machine cannot be registered to another dealer's customer.
    let res = app
        .post(
            "/api/v1/machines",
            t,
            &json!({"serial_number": "NEW-1", "model_id": fm["model_id"], "customer_id": fid}),
        )
        .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "customer_id");
    // A dealer's new customer belongs to the dealer, whatever dealer it names.
    let mut input = customer_input("新客户", "13712345678");
    input["dealer_id"] = foreign["dealer_id"].clone();
    let created = json_of(app.post("/api/v1/customers", t, &input).await).await;
    assert_eq!(created["dealer_id"], json!(own_dealer));
    // The foreign record is unchanged.
    let after = json_of(app.get(&format!("/api/v1/customers/{fid}"), &admin).await).await;
    assert_eq!(after["version"], foreign["version"]);
    assert_eq!(after["active"], true);
    // Dealers' own dealer record is visible, others' are not.
    assert_eq!(
        app.get(&format!("/api/v1/dealers/{own_dealer}"), t)
            .await
            .status(),
        200
    );
    let other_dealer = foreign["dealer_id"].as_str().unwrap();
    assert_problem(
        app.get(&format!("/api/v1/dealers/{other_dealer}"), t).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(app.get("/api/v1/engineers", t).await, 403, "forbidden").await;
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn machines_get_their_warranty_from_the_model_and_are_found_by_serial_or_owner() {
    let app = spawn_app().await;
    let sup = app.token(Role::Supervisor).await;
    // A tractor beside the harvesters, and a machine sold four years back.
    app.fx
        .machine()
        .category(MachineCategory::Tractor)
        .create()
        .await;
    let four_years_back = chrono::Utc::now().date_naive() - chrono::Duration::days(4 * 365);
    app.fx.machine().sale_date(four_years_back).create().await;
    let model = json_of(
        app.post("/api/v1/product-models", &sup, &json!({"code": "TEST-9", "name": "测试收割机", "category": "combine_harvester", "warranty_months": 18, "params": [{"key": "割幅", "value": "3 m"}]})).await,
    )
    .await;
    let owner = json_of(
        app.post(
            "/api/v1/customers",
            &sup,
            &customer_input("测试合作社", "13600000001"),
        )
        .await,
    )
    .await;
    let m = json_of(
        app.post("/api/v1/machines", &sup, &json!({"serial_number": "TST-2026-0001", "model_id": model["id"], "customer_id": owner["id"], "sale_date": "2026-03-31"})).await,
    )
    .await;
    assert_eq!(m["warranty_end"], "2027-09-30");
    assert_eq!(m["category"], "combine_harvester");
    let dup = app.post("/api/v1/machines", &sup, &json!({"serial_number": "TST-2026-0001", "model_id": model["id"], "customer_id": owner["id"]})).await;
    assert_eq!(
        assert_problem(dup, 422, "validation_failed").await["errors"][0]["code"],
        "taken"
    );
    let by_serial = json_of(app.get("/api/v1/machines?q=tst-2026", &sup).await).await;
    assert_eq!(by_serial["items"].as_array().unwrap().len(), 1);
    let by_owner = json_of(
        app.get(
            &format!("/api/v1/machines?q={}", urlencode("测试合作")),
            &sup,
        )
        .await,
    )
    .await;
    assert_eq!(by_owner["items"][0]["serial_number"], "TST-2026-0001");
    let harvesters = json_of(
        app.get(
            "/api/v1/machines?category=combine_harvester&limit=200",
            &sup,
        )
        .await,
    )
    .await;
    assert!(
        harvesters["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["category"] == "combine_harvester")
    );
    let archive = json_of(
        app.get(
            &format!("/api/v1/machines/{}/archive", m["id"].as_str().unwrap()),
            &sup,
        )
        .await,
    )
    .await;
    assert_eq!(archive["model"]["params"][0]["key"], "割幅");
    assert_eq!(archive["warranty"]["effective_end"], "2027-09-30");
    assert_eq!(archive["owner"]["id"], owner["id"]);
    let expired = json_of(
        app.get("/api/v1/machines?warranty=expired&limit=200", &sup)
            .await,
    )
    .await;
    let today = chrono::Utc::now().date_naive().to_string();
    let expired = expired["items"].as_array().unwrap();
    assert!(!expired.is_empty(), "a machine was sold four years back");
    assert!(
        expired
            .iter()
            .all(|x| x["warranty_end"].as_str().unwrap() < today.as_str())
    );
}

#[tokio::test]
async fn sync_with_updated_since_pages_through_changes_in_order_without_repeats() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let since = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let mut ids = Vec::new();
    for i in 0..5 {
        let c = json_of(
            app.post(
                "/api/v1/customers",
                &agent,
                &customer_input(&format!("同步客户{i}"), &format!("1370000000{i}")),
            )
            .await,
        )
        .await;
        ids.push(c["id"].clone());
    }
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let url = format!(
            "/api/v1/customers?updated_since={}&limit=2{}",
            urlencode(&since),
            cursor
        );
        let page = json_of(app.get(&url, &agent).await).await;
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].clone()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen, ids);
    assert_problem(
        app.get("/api/v1/customers?cursor=garbage", &agent).await,
        400,
        "invalid_cursor",
    )
    .await;
}

#[tokio::test]
async fn product_models_and_engineer_profiles_are_kept_by_supervisors() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    for _ in 0..2 {
        app.fx
            .model()
            .category(MachineCategory::Tractor)
            .create()
            .await;
    }
    app.fx.model().create().await;
    let res = app
        .post(
            "/api/v1/product-models",
            &agent,
            &json!({"code": "X", "name": "x", "category": "tractor", "warranty_months": 12}),
        )
        .await;
    assert_problem(res, 403, "forbidden").await;
    let models = json_of(
        app.get("/api/v1/product-models?category=tractor", &agent)
            .await,
    )
    .await;
    assert!(models["items"].as_array().unwrap().len() >= 2);

    let sup = app.token(Role::Supervisor).await;
    let engineer = app.member(Role::Engineer).await.username;
    for _ in 0..2 {
        app.fx.engineer().create().await;
    }
    let engineers = json_of(app.get("/api/v1/engineers?limit=200", &sup).await).await;
    assert_eq!(engineers["items"].as_array().unwrap().len(), 3);
    let me = engineers["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["username"] == json!(engineer))
        .unwrap()
        .clone();
    assert!(
        me["skills"]
            .as_array()
            .unwrap()
            .contains(&json!("combine_harvester"))
    );
    let path = format!("/api/v1/engineers/{}", me["user_id"].as_str().unwrap());
    let body = json!({"skills": ["tractor", "sprayer"], "home_base": "五常服务站", "lat": 44.9, "lon": 127.1, "active": false});
    let updated = json_of(put(&app, &path, &sup, &me["version"], &body).await).await;
    assert_eq!(updated["skills"], json!(["tractor", "sprayer"]));
    assert_eq!(updated["active"], false);
    assert_problem(
        put(&app, &path, &sup, &me["version"], &body).await,
        412,
        "stale_version",
    )
    .await;
    let sprayers = json_of(
        app.get("/api/v1/engineers?skill=sprayer&limit=200", &sup)
            .await,
    )
    .await;
    assert!(
        sprayers["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["username"] == json!(engineer))
    );
}

#[tokio::test]
async fn dealers_are_created_and_deactivated_by_supervisors_with_versions() {
    let app = spawn_app().await;
    let sup = app.token(Role::Supervisor).await;
    let d = json_of(
        app.post(
            "/api/v1/dealers",
            &sup,
            &json!({"code": "D-NM-01", "name": "内蒙古草原农机", "region": "内蒙古"}),
        )
        .await,
    )
    .await;
    let path = format!("/api/v1/dealers/{}/deactivate", d["id"].as_str().unwrap());
    let res = app
        .request(Method::POST, &path, Some(&sup))
        .header("if-match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(res).await["active"], false);
    let again = app
        .request(Method::POST, &path, Some(&sup))
        .header("if-match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_problem(again, 412, "stale_version").await;
    let dup = app
        .post(
            "/api/v1/dealers",
            &sup,
            &json!({"code": "D-NM-01", "name": "重复", "region": "内蒙古"}),
        )
        .await;
    assert_problem(dup, 422, "validation_failed").await;
}

#[tokio::test]
async fn a_dealer_trying_others_serials_is_slowed_after_a_few_refusals() {
    let app = spawn_app().await;
    let dealer = app.login(Role::Dealer).await;
    let t = &dealer.access_token;
    let own = json!(dealer.user.dealer_id);
    let admin = app.token(Role::Admin).await;
    let free = furrow_domain::auth::FREE_TAKEN_REFUSALS as usize;
    // Machines of another dealer, one more than the refusals that come free.
    let elsewhere = app.fx.dealer().create().await;
    for _ in 0..=free {
        app.fx.machine().dealer(elsewhere.id).create().await;
    }
    app.customer_and_machine(t).await;
    let all: Value = app
        .get("/api/v1/machines?limit=200", &admin)
        .await
        .json()
        .await
        .unwrap();
    let others: Vec<Value> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["dealer_id"] != own)
        .cloned()
        .collect();
    let mine: Value = app
        .get("/api/v1/customers?limit=1", t)
        .await
        .json()
        .await
        .unwrap();
    let customer = &mine["items"][0]["id"];
    assert!(
        others.len() > free,
        "there are enough machines of another dealer"
    );
    let attempt = |serial: &Value| json!({"serial_number": serial, "model_id": others[0]["model_id"], "customer_id": customer});
    for m in &others[..free] {
        let res = app
            .post("/api/v1/machines", t, &attempt(&m["serial_number"]))
            .await;
        assert_eq!(res.status(), 422);
    }
    let res = app
        .post(
            "/api/v1/machines",
            t,
            &attempt(&others[free]["serial_number"]),
        )
        .await;
    assert!(res.headers().contains_key("retry-after"));
    assert_problem(res, 429, "too_many_requests").await;
    // Staff are not slowed: they see every machine anyway.
    let res = app
        .post(
            "/api/v1/machines",
            &admin,
            &attempt(&others[free]["serial_number"]),
        )
        .await;
    assert_eq!(res.status(), 422);
}

#[tokio::test]
async fn every_kit_resource_answers_with_location_etag_sealed_cursors_and_412() {
    let app = spawn_app().await;
    let supervisor = app.token(Role::Supervisor).await;
    let model = |code: &str| json!({"code": code, "name": format!("拖拉机 {code}"), "category": "tractor", "warranty_months": 24});
    let mut made = Vec::new();
    for code in ["KIT-A", "KIT-B"] {
        let res = app
            .post("/api/v1/product-models", &supervisor, &model(code))
            .await;
        assert_eq!(res.status(), 201);
        assert_eq!(res.headers()["etag"], "\"1\"");
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        let body = json_of(res).await;
        assert_eq!(
            location,
            format!("/api/v1/product-models/{}", body["id"].as_str().unwrap())
        );
        made.push(body);
    }
    let first = json_of(
        app.get("/api/v1/product-models?q=kit-&limit=1", &supervisor)
            .await,
    )
    .await;
    assert_eq!(first["items"][0]["code"], "KIT-A");
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = json_of(
        app.get(
            &format!("/api/v1/product-models?q=kit-&limit=1&cursor={cursor}"),
            &supervisor,
        )
        .await,
    )
    .await;
    assert_eq!(second["items"][0]["code"], "KIT-B");
    assert_problem(
        app.get(&format!("/api/v1/dealers?cursor={cursor}"), &supervisor)
            .await,
        400,
        "invalid_cursor",
    )
    .await;

    let path = format!("/api/v1/product-models/{}", made[0]["id"].as_str().unwrap());
    let switch = |action: &str, version: i32| {
        app.request(Method::POST, &format!("{path}/{action}"), Some(&supervisor))
            .header("if-match", format!("\"{version}\""))
            .send()
    };
    assert_problem(switch("deactivate", 7).await.unwrap(), 412, "stale_version").await;
    let off = json_of(switch("deactivate", 1).await.unwrap()).await;
    assert_eq!(
        (off["active"].clone(), off["version"].clone()),
        (json!(false), json!(2))
    );
    let unknown = format!("/api/v1/product-models/{}", uuid::Uuid::now_v7());
    assert_problem(app.get(&unknown, &supervisor).await, 404, "not_found").await;
}
