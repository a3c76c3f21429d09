use crate::helpers::{TestApp, assert_problem, spawn_app};
use furrow_domain::Role;
use serde_json::Value;

const CUSTOMERS: &str = "客户编号,客户名称,客户类型,联系电话,省份,经销商编号";

async fn customer_by_code(app: &TestApp, token: &str, code: &str) -> Option<Value> {
    let page: Value = app
        .get(&format!("/api/v1/customers?q={code}"), token)
        .await
        .json()
        .await
        .unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .cloned()
}

#[tokio::test]
async fn a_dry_run_over_http_reports_each_row_and_creates_nothing() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let dealer = app.fx.dealer().create().await.code;
    let csv = format!(
        "{CUSTOMERS}\nIMP-1,五常稻香家庭农场,农场,13904510001,黑龙江,{dealer}\nIMP-2,,个人,13904510002,黑龙江,\n"
    );

    let res = app
        .post_file(
            "/api/v1/imports/customers?dry_run=true",
            &agent,
            "text/csv",
            csv,
        )
        .await;

    assert_eq!(res.status(), 200);
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["applied"], false);
    assert_eq!(report["rows"][0]["action"], "create");
    assert_eq!(report["rows"][1]["row"], 3);
    assert_eq!(report["rows"][1]["action"], "error");
    assert_eq!(report["rows"][1]["errors"][0]["column"], "客户名称");
    assert!(customer_by_code(&app, &agent, "IMP-1").await.is_none());
}

#[tokio::test]
async fn a_file_with_a_bad_row_answers_422_with_the_report_and_imports_nothing() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let csv = format!(
        "{CUSTOMERS}\nIMP-1,好农户,个人,13904510001,黑龙江,\nIMP-2,坏类型,飞机,13904510002,黑龙江,\n"
    );

    let res = app
        .post_file(
            "/api/v1/imports/customers",
            &agent,
            "text/csv; charset=utf-8",
            csv,
        )
        .await;

    let body = assert_problem(res, 422, "import_failed").await;
    assert_eq!(body["report"]["errors_count"], 1);
    assert_eq!(body["report"]["rows"][1]["errors"][0]["column"], "客户类型");
    assert!(customer_by_code(&app, &agent, "IMP-1").await.is_none());

    let garbage = app
        .post_file(
            "/api/v1/imports/customers",
            &agent,
            "text/csv",
            vec![0x81u8, 0x20, 0xFF],
        )
        .await;
    assert_problem(garbage, 400, "unreadable_file").await;
}

#[tokio::test]
async fn a_good_file_imports_once_and_the_second_time_changes_nothing() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let dealer = app.fx.dealer().create().await.code;
    let csv = format!("{CUSTOMERS}\nIMP-1,好农户,个人,13904510001,黑龙江,{dealer}\n");

    // No content type: the bytes are sniffed (not a zip, so CSV).
    let first: Value = app
        .post_file(
            "/api/v1/imports/customers",
            &agent,
            "application/octet-stream",
            csv.clone(),
        )
        .await
        .json()
        .await
        .unwrap();
    let second: Value = app
        .post_file(
            "/api/v1/imports/customers",
            &agent,
            "application/octet-stream",
            csv,
        )
        .await
        .json()
        .await
        .unwrap();

    assert_eq!(
        (first["applied"].clone(), first["created"].clone()),
        (Value::Bool(true), Value::from(1))
    );
    assert_eq!(
        (second["created"].clone(), second["unchanged"].clone()),
        (Value::from(0), Value::from(1))
    );
    let c = customer_by_code(&app, &agent, "IMP-1")
        .await
        .expect("imported");
    assert_eq!(c["version"], 1);
}

#[tokio::test]
async fn engineers_may_not_import_and_dealers_may_not_import_models() {
    let app = spawn_app().await;
    let engineer = app.token(Role::Engineer).await;
    let dealer = app.token(Role::Dealer).await;
    let csv = format!("{CUSTOMERS}\nIMP-1,好农户,个人,13904510001,黑龙江,\n");

    assert_problem(
        app.post_file(
            "/api/v1/imports/customers?dry_run=true",
            &engineer,
            "text/csv",
            csv,
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    let models = "型号编码,型号名称,类别,保修月数\nX-1,某机,拖拉机,12\n";
    assert_problem(
        app.post_file(
            "/api/v1/imports/product_models",
            &dealer,
            "text/csv",
            models,
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.get("/api/v1/imports/templates/product_models", &dealer)
            .await,
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn a_body_over_20_mib_is_refused_with_413_problem() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let body = vec![b'a'; 20 * 1024 * 1024 + 1];

    let res = app
        .post_file(
            "/api/v1/imports/customers?dry_run=true",
            &agent,
            "text/csv",
            body,
        )
        .await;

    let problem = assert_problem(res, 413, "payload_too_large").await;
    assert!(problem["detail"].as_str().unwrap().contains("20 MiB"));
}

#[tokio::test]
async fn json_bodies_and_unknown_kinds_are_refused_as_problems() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent).await;
    let res = app
        .post_file(
            "/api/v1/imports/customers",
            &agent,
            "application/json",
            "{}",
        )
        .await;
    assert_problem(res, 415, "unsupported_media_type").await;
    let res = app
        .post_file("/api/v1/imports/tractors", &agent, "text/csv", "code\n")
        .await;
    assert_problem(res, 404, "not_found").await;
    assert_problem(
        app.get("/api/v1/imports/nothing/here", &agent).await,
        404,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn a_dealers_import_lands_in_its_own_dealer_whatever_the_file_says() {
    let app = spawn_app().await;
    let dealer = app.login(Role::Dealer).await;
    let own = dealer.user.dealer_id.unwrap().to_string();
    let other = app.fx.dealer().create().await.code;
    let csv = format!("{CUSTOMERS}\nIMP-D1,经销商导入的农户,个人,13904510009,河南,{other}\n");

    let res = app
        .post_file(
            "/api/v1/imports/customers",
            &dealer.access_token,
            "text/csv",
            csv,
        )
        .await;

    assert_eq!(res.status(), 200);
    let c = customer_by_code(&app, &dealer.access_token, "IMP-D1")
        .await
        .expect("visible to its dealer");
    assert_eq!(c["dealer_id"], own);
}

#[tokio::test]
async fn the_template_is_a_utf8_csv_with_bom_and_chinese_headers_that_imports_as_empty() {
    let app = spawn_app().await;
    let supervisor = app.token(Role::Supervisor).await;

    let res = app
        .get("/api/v1/imports/templates/machines", &supervisor)
        .await;

    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("machines")
    );
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(
        std::str::from_utf8(&bytes)
            .unwrap()
            .contains("出厂编号,型号编码,客户编号")
    );
    let report: Value = app
        .post_file(
            "/api/v1/imports/machines?dry_run=true",
            &supervisor,
            "text/csv",
            bytes,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (report["total_rows"].clone(), report["errors_count"].clone()),
        (Value::from(0), Value::from(0))
    );
}

#[tokio::test]
async fn a_dealers_import_tells_only_a_few_of_other_dealers_codes_and_then_none() {
    let app = spawn_app().await;
    let dealer = app.login(Role::Dealer).await;
    let t = &dealer.access_token;
    let admin = app.token(Role::Admin).await;
    let many = furrow_domain::auth::FREE_TAKEN_REFUSALS as usize;
    // Customers of another dealer: a few, then many, then one more.
    let elsewhere = app.fx.dealer().create().await;
    for _ in 0..3 + many + 1 {
        app.fx.customer().dealer(elsewhere.id).create().await;
    }
    app.fx
        .customer()
        .dealer(app.dealer().await.id)
        .create()
        .await;
    let all: Value = app
        .get("/api/v1/customers?limit=200", &admin)
        .await
        .json()
        .await
        .unwrap();
    let foreign: Vec<String> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["dealer_id"] != serde_json::json!(dealer.user.dealer_id))
        .map(|c| c["code"].as_str().unwrap().to_owned())
        .collect();
    let file = |codes: &[String]| {
        let rows: String = codes
            .iter()
            .map(|c| format!("{c},试探,个人,13904510009,河南,\n"))
            .collect();
        format!("{CUSTOMERS}\n{rows}")
    };
    let path = "/api/v1/imports/customers?dry_run=true";
    // A few taken codes are reported, as typing errors would be.
    let res = app
        .post_file(path, t, "text/csv", file(&foreign[..3]))
        .await;
    assert_eq!(res.status(), 200);
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["errors_count"], 3);
    // A file of many others' codes is refused whole: none of them is told.
    assert!(
        foreign.len() > 3 + many,
        "there are enough customers of another dealer"
    );
    let res = app
        .post_file(path, t, "text/csv", file(&foreign[3..3 + many]))
        .await;
    assert!(res.headers().contains_key("retry-after"));
    let body = assert_problem(res, 429, "too_many_requests").await;
    assert!(!body.to_string().contains(&foreign[3]));
}
