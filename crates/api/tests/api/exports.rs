//! `GET /{resource}/export` and the lists' `sort`: the export holds the rows
//! the list shows (same filters, order and dealer scope) with a header row in
//! the caller's language; a sorted list pages without repeats or gaps.

use crate::helpers::{TestApp, assert_problem, spawn_app};
use furrow_domain::Role;
use reqwest::Method;
use serde_json::{Value, json};
use std::io::Cursor;

async fn json_of(res: reqwest::Response) -> Value {
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    body
}

/// Every item of a list, page after page of `limit`, as the pager walks it.
async fn walk(app: &TestApp, path: &str, token: &str, limit: u32) -> Vec<Value> {
    let sep = if path.contains('?') { '&' } else { '?' };
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut url = format!("{path}{sep}limit={limit}");
        if let Some(c) = &cursor {
            url.push_str(&format!("&cursor={c}"));
        }
        let page = json_of(app.get(&url, token).await).await;
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return items,
        }
    }
}

fn texts(items: &[Value], field: &str) -> Vec<String> {
    items
        .iter()
        .map(|i| i[field].as_str().unwrap().to_owned())
        .collect()
}

/// The export's answer: its content type, disposition and body.
async fn export(app: &TestApp, path: &str, token: &str, lang: &str) -> (String, String, Vec<u8>) {
    let res = app
        .request(Method::GET, path, Some(token))
        .header("accept-language", lang)
        .send()
        .await
        .unwrap();
    if res.status() != 200 {
        panic!("{path}: {} {}", res.status(), res.text().await.unwrap());
    }
    let h = |n: &str| res.headers()[n].to_str().unwrap().to_owned();
    let (ct, cd) = (h("content-type"), h("content-disposition"));
    (ct, cd, res.bytes().await.unwrap().to_vec())
}

fn csv_rows(body: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(body).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn xlsx_rows(body: &[u8]) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(body.to_vec())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn customer(name: &str, phone: &str, province: &str) -> Value {
    json!({"name": name, "kind": "farm", "phone": phone, "province": province})
}

#[tokio::test]
async fn a_sorted_list_pages_through_ties_without_repeats_and_refuses_other_orders() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    // Customers of other names and another province around the tie.
    for _ in 0..3 {
        app.fx.customer().create().await;
    }
    // Five customers share a name, so pages of two end inside the tie.
    for i in 0..5 {
        let body = customer("同名客户", &format!("1390000000{i}"), "吉林");
        assert_eq!(
            app.post("/api/v1/customers", &admin, &body).await.status(),
            201
        );
    }
    let asc = walk(&app, "/api/v1/customers?sort=name", &admin, 2).await;
    let whole = walk(&app, "/api/v1/customers?sort=name&dir=asc", &admin, 200).await;
    assert_eq!(texts(&asc, "id"), texts(&whole, "id"));
    let mut desc = walk(&app, "/api/v1/customers?sort=name&dir=desc", &admin, 3).await;
    desc.reverse();
    assert_eq!(texts(&desc, "id"), texts(&asc, "id"));
    let all = walk(&app, "/api/v1/customers", &admin, 200).await;
    assert_eq!(asc.len(), all.len());
    let ties = asc.iter().filter(|c| c["name"] == "同名客户").count();
    assert_eq!(ties, 5);
    // Sorted by province, filtered: only the filter's rows, grouped by value.
    let jilin = walk(
        &app,
        "/api/v1/customers?province=吉林&sort=province",
        &admin,
        2,
    )
    .await;
    assert!(jilin.len() >= 5);
    assert!(jilin.iter().all(|c| c["province"] == "吉林"));

    assert_problem(
        app.get("/api/v1/customers?sort=notes", &admin).await,
        400,
        "invalid_sort",
    )
    .await;
    assert_problem(
        app.get("/api/v1/dealers?sort=name&dir=up", &admin).await,
        400,
        "invalid_query",
    )
    .await;
    let since = "/api/v1/customers?updated_since=2020-01-01T00:00:00Z&sort=name";
    assert_problem(app.get(since, &admin).await, 400, "invalid_sort").await;
    // A cursor of one order is refused by another.
    let first = json_of(app.get("/api/v1/customers?limit=1", &admin).await).await;
    let c = first["next_cursor"].as_str().unwrap();
    let other = format!("/api/v1/customers?sort=name&limit=1&cursor={c}");
    assert_problem(app.get(&other, &admin).await, 400, "invalid_cursor").await;
}

#[tokio::test]
async fn a_csv_export_holds_the_filtered_list_in_its_order_with_english_headers() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    // Machines (with their models, owners and a dealer) beside the customers
    // below, so that every export has rows and the filter has others to leave out.
    let dealer = app.fx.dealer().create().await;
    for _ in 0..2 {
        app.fx.machine().dealer(dealer.id).create().await;
    }
    for (i, p) in ["辽宁", "辽宁", "辽宁", "吉林"].iter().enumerate() {
        let body = customer(&format!("导出客户{i}"), &format!("1370000000{i}"), p);
        assert_eq!(
            app.post("/api/v1/customers", &admin, &body).await.status(),
            201
        );
    }
    let filter = "province=%E8%BE%BD%E5%AE%81&sort=name&dir=desc";
    let list = walk(&app, &format!("/api/v1/customers?{filter}"), &admin, 200).await;
    assert!(list.len() >= 3);
    let path = format!("/api/v1/customers/export?format=csv&{filter}");
    let (ct, cd, body) = export(&app, &path, &admin, "en-US,en;q=0.9").await;
    assert_eq!(ct, "text/csv; charset=utf-8");
    assert_eq!(cd, "attachment; filename=\"customers.csv\"");
    let rows = csv_rows(&body);
    assert_eq!(rows[0][..3], ["Code", "Name", "Kind"]);
    assert_eq!(rows.len(), list.len() + 1);
    let codes: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(codes, texts(&list, "code"));
    let province = rows[0].iter().position(|h| h == "Province").unwrap();
    assert!(rows[1..].iter().all(|r| r[province] == "辽宁"));

    // In Chinese when asked, or when no language is named.
    let (_, _, zh) = export(&app, &path, &admin, "zh-CN,zh;q=0.9,en;q=0.8").await;
    assert_eq!(csv_rows(&zh)[0][..3], ["客户编号", "客户名称", "客户类型"]);
    let (_, _, none) = export(&app, &path, &admin, "").await;
    assert_eq!(csv_rows(&none)[0][0], "客户编号");

    // Every master resource exports; a wrong format or order is refused.
    let supervisor = app.token(Role::Supervisor).await;
    // (The engineer roster's export waits for the permission table to grant
    // `export` on engineer records to some role.)
    for resource in ["dealers", "machines", "product-models"] {
        let (_, _, body) = export(
            &app,
            &format!("/api/v1/{resource}/export?format=csv"),
            &supervisor,
            "en",
        )
        .await;
        let rows = csv_rows(&body);
        let list = walk(&app, &format!("/api/v1/{resource}"), &supervisor, 200).await;
        assert_eq!(rows.len(), list.len() + 1, "{resource}");
    }
    let bad = "/api/v1/customers/export?format=pdf";
    assert_problem(app.get(bad, &admin).await, 400, "invalid_query").await;
    let bad = "/api/v1/dealers/export?format=csv&sort=contact_name";
    assert_problem(app.get(bad, &supervisor).await, 400, "invalid_sort").await;
    let res = app
        .request(Method::GET, "/api/v1/customers/export?format=csv", None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn a_dealer_exports_only_its_own_records_as_xlsx() {
    let app = spawn_app().await;
    let dealer = app.login(Role::Dealer).await;
    let t = &dealer.access_token;
    // Two customers with machines of the dealer's own, two of another dealer's.
    let elsewhere = app.fx.dealer().create().await;
    for _ in 0..2 {
        app.customer_and_machine(t).await;
        app.fx.machine().dealer(elsewhere.id).create().await;
    }
    let own = walk(&app, "/api/v1/customers", t, 200).await;
    let admin = app.token(Role::Admin).await;
    let everyone = walk(&app, "/api/v1/customers", &admin, 200).await;
    assert!(own.len() < everyone.len(), "other dealers have customers");

    let (ct, cd, body) = export(&app, "/api/v1/customers/export?format=xlsx", t, "zh").await;
    assert_eq!(
        ct,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(cd, "attachment; filename=\"customers.xlsx\"");
    let rows = xlsx_rows(&body);
    assert_eq!(rows[0][0], "客户编号");
    let codes: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(codes, texts(&own, "code"));

    let machines = walk(&app, "/api/v1/machines", t, 200).await;
    let (_, _, body) = export(&app, "/api/v1/machines/export?format=xlsx", t, "en").await;
    let rows = xlsx_rows(&body);
    assert_eq!(rows[0][0], "Serial number");
    let serials: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(serials, texts(&machines, "serial_number"));
    // The roster is not a dealer's to read, exported or not.
    assert_problem(
        app.get("/api/v1/engineers/export?format=xlsx", t).await,
        403,
        "forbidden",
    )
    .await;
}
