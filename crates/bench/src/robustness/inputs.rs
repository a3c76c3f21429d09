//! Hostile inputs that one engine could take and the other not: the NUL
//! character (PostgreSQL refuses it in text, SQLite stores it), a field longer
//! than its column, dates at the edges of the calendar. Each must answer a 4xx
//! (never a 5xx, never a 2xx that stores it), and the same status and problem
//! `code` on both engines (compared by the runner).

use super::http::{self, Answer, Machine};
use reqwest::{Client, Method};
use serde_json::{Value, json};

/// One hostile request.
pub struct Case {
    pub name: &'static str,
    pub role: &'static str,
    pub method: Method,
    pub path: String,
    pub body: Option<Value>,
}

/// What one case answered on one engine.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub name: &'static str,
    pub request: String,
    pub answer: Result<Answer, String>,
}

impl Outcome {
    /// `422 validation_failed`, or the transport error.
    pub fn short(&self) -> String {
        match &self.answer {
            Ok(a) if a.code().is_empty() => a.status.to_string(),
            Ok(a) => format!("{} {}", a.status, a.code()),
            Err(e) => e.clone(),
        }
    }

    /// Why this outcome alone fails: not a 4xx.
    pub fn failure(&self) -> Option<String> {
        match &self.answer {
            Ok(a) if (400..500).contains(&a.status) => None,
            Ok(a) => Some(format!(
                "{}: {} answered {} (want a 4xx): {}",
                self.name,
                self.request,
                a.status,
                http::clip(&a.body.to_string(), 300)
            )),
            Err(e) => Some(format!("{}: {}: {e}", self.name, self.request)),
        }
    }
}

const NUL: &str = "\u{0000}";

/// The cases, built around a demo machine (its owner and model).
pub fn cases(m: &Machine) -> Vec<Case> {
    let intake = |field: &str, value: Value| {
        let mut body = http::intake_body(m, 0);
        body[field] = value;
        Some(body)
    };
    let user = |field: &str, value: Value| {
        let mut body = json!({"username": "robust.user", "display_name": "鲁棒 测试",
            "password": "a long password 123", "roles": ["agent"], "department": "售后服务部"});
        body[field] = value;
        Some(body)
    };
    let machine = |field: &str, value: Value| {
        let mut body = json!({"serial_number": "RB-2025-00001", "model_id": m.model_id,
            "customer_id": m.customer_id});
        body[field] = value;
        Some(body)
    };
    let post = |name, role, path: &str, body| Case {
        name,
        role,
        method: Method::POST,
        path: path.to_owned(),
        body,
    };
    let get = |name, path: &str| Case {
        name,
        role: "admin",
        method: Method::GET,
        path: path.to_owned(),
        body: None,
    };
    let sr = "/api/v1/service-requests";
    vec![
        post(
            "NUL in an intake's symptoms",
            "agent",
            sr,
            intake("symptoms", json!(format!("割台{NUL}异响"))),
        ),
        post(
            "NUL in an intake's preliminary_judgement",
            "agent",
            sr,
            intake("preliminary_judgement", json!(NUL)),
        ),
        post(
            "NUL in a customer's name",
            "admin",
            "/api/v1/customers",
            Some(
                json!({"name": format!("张{NUL}三"), "phone": "13800000001", "province": "黑龙江"}),
            ),
        ),
        post(
            "NUL in a dealer's name",
            "admin",
            "/api/v1/dealers",
            Some(json!({"code": "D-RB-01", "name": format!("农机{NUL}服务"), "region": "黑龙江"})),
        ),
        post(
            "NUL in a product model's name",
            "admin",
            "/api/v1/product-models",
            Some(
                json!({"code": "RB-01", "name": format!("收割机{NUL}"), "category": "combine_harvester",
                "params": [], "warranty_months": 12}),
            ),
        ),
        post(
            "NUL in a machine's serial_number",
            "admin",
            "/api/v1/machines",
            machine("serial_number", json!(format!("RB{NUL}01"))),
        ),
        post(
            "NUL in a user's display_name",
            "admin",
            "/api/v1/users",
            user("display_name", json!(format!("张{NUL}伟"))),
        ),
        post(
            "department of 101 ASCII characters",
            "admin",
            "/api/v1/users",
            user("department", json!("d".repeat(101))),
        ),
        post(
            "department of 101 Chinese characters",
            "admin",
            "/api/v1/users",
            user("department", json!("部".repeat(101))),
        ),
        post(
            "promised_arrival_at -9999-01-01T00:00:00Z",
            "agent",
            sr,
            intake("promised_arrival_at", json!("-9999-01-01T00:00:00Z")),
        ),
        post(
            "promised_arrival_at +275760-09-13T00:00:00Z",
            "agent",
            sr,
            intake("promised_arrival_at", json!("+275760-09-13T00:00:00Z")),
        ),
        post(
            "sale_date 9999-12-31",
            "admin",
            "/api/v1/machines",
            machine("sale_date", json!("9999-12-31")),
        ),
        post(
            "sale_date -0001-01-01",
            "admin",
            "/api/v1/machines",
            machine("sale_date", json!("-0001-01-01")),
        ),
        get("NUL in q of customers", "/api/v1/customers?q=%00"),
        get("NUL in q of machines", "/api/v1/machines?q=4LZ%00"),
        get("NUL in q of product-models", "/api/v1/product-models?q=%00"),
        get("NUL in q of engineers", "/api/v1/engineers?q=%00"),
        get(
            "NUL in q of service-requests",
            "/api/v1/service-requests?q=%00",
        ),
        get("NUL in q of users", "/api/v1/users?q=%00"),
        get("NUL in a path id", "/api/v1/customers/%00"),
        get("NUL in a signing token", "/api/v1/sign/%00"),
    ]
}

/// Sends every case once, as its role.
pub async fn run(
    client: &Client,
    base: &str,
    tokens: &[(&str, String)],
    m: &Machine,
) -> Vec<Outcome> {
    let mut out = Vec::new();
    for case in cases(m) {
        let token = tokens
            .iter()
            .find(|(r, _)| *r == case.role)
            .map(|(_, t)| t.as_str());
        let request = format!("{} {} as {}", case.method, case.path, case.role);
        let answer = http::send(
            client,
            case.method.clone(),
            &format!("{base}{}", case.path),
            token,
            case.body.as_ref(),
            &[],
        )
        .await;
        out.push(Outcome {
            name: case.name,
            request,
            answer,
        });
    }
    out
}
