use serde_json::Value;

/// The committed contract must be what the code produces.
#[test]
fn committed_openapi_document_is_fresh() {
    let generated = furrow_api::server::openapi_document()
        .to_pretty_json()
        .unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/openapi.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed.trim_end() == generated.trim_end(),
        "openapi/openapi.json is stale: regenerate it with `cargo xtask openapi` \
         (or `cargo run -p furrow-api --bin furrow -- openapi > openapi/openapi.json`) and commit it"
    );
}

#[test]
fn every_operation_documents_errors_and_protected_ones_need_the_bearer_token() {
    let doc: Value =
        serde_json::from_str(&furrow_api::server::openapi_document().to_json().unwrap()).unwrap();
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    assert_eq!(doc["security"][0]["bearer"], serde_json::json!([]));
    let mut count = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            count += 1;
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|k| k.starts_with('2')),
                "{method} {path} has no success response"
            );
            if path.starts_with("/api/") {
                assert!(
                    responses.contains_key("500"),
                    "{method} {path} lacks error responses"
                );
                let public = op["security"].as_array().is_some_and(|s| {
                    s.iter()
                        .all(|r| r.as_object().is_some_and(|o| o.is_empty()))
                });
                if !public {
                    assert!(
                        responses.contains_key("401") && responses.contains_key("403"),
                        "{method} {path}"
                    );
                }
            }
        }
    }
    assert!(count >= 15, "only {count} operations documented");
}

fn document() -> Value {
    serde_json::from_str(&furrow_api::server::openapi_document().to_json().unwrap()).unwrap()
}

/// Every `$ref` string anywhere in `v`.
fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                if k == "$ref"
                    && let Some(r) = x.as_str()
                {
                    out.push(r);
                } else {
                    refs(x, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

#[test]
fn every_ref_resolves_and_every_operation_id_is_unique() {
    let doc = document();
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(!all.is_empty());
    for r in all {
        let pointer = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{r} is not a local reference"));
        assert!(doc.pointer(pointer).is_some(), "unresolvable $ref {r}");
    }
    let mut seen = std::collections::HashMap::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            assert!(METHODS.contains(&method.as_str()), "{method} {path}");
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{id} is not snake_case"
            );
            if let Some(other) = seen.insert(id.to_owned(), format!("{method} {path}")) {
                panic!("operationId {id} of {method} {path} is also {other}'s");
            }
            // Path parameters are declared, and only those of the template.
            let declared: Vec<&str> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "path")
                .map(|p| p["name"].as_str().unwrap())
                .collect();
            let in_template: Vec<&str> = path
                .split('/')
                .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
                .collect();
            assert_eq!(declared, in_template, "{method} {path}");
            // A list's paging parameters say their bounds.
            if let Some(limit) = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|p| p["name"] == "limit")
            {
                assert_eq!(limit["schema"]["minimum"], 1, "{method} {path}");
                assert_eq!(limit["schema"]["maximum"], 200, "{method} {path}");
            }
        }
    }
}

#[test]
fn every_answer_the_server_can_give_is_documented() {
    let doc = document();
    for (path, item) in doc["paths"].as_object().unwrap() {
        if !path.starts_with("/api/") {
            continue;
        }
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            let has = |code: &str| responses.contains_key(code);
            let what = format!("{method} {path}");
            // Any request: malformed, a database hiccup, a bug.
            for code in ["400", "500", "503"] {
                assert!(has(code), "{what} lacks {code}");
            }
            if op["requestBody"].is_object() {
                for code in ["408", "413", "415", "422"] {
                    assert!(has(code), "{what} lacks {code}");
                }
            }
            if path.contains('{') {
                assert!(has("404"), "{what} lacks 404");
            }
            let if_match = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|p| p["name"] == "If-Match");
            if if_match {
                assert!(has("412"), "{what} lacks 412");
            }
            let private = !op["security"].as_array().is_some_and(|s| {
                s.iter()
                    .all(|r| r.as_object().is_some_and(|o| o.is_empty()))
            });
            if private && method != "get" {
                assert!(has("409") && has("422"), "{what} lacks 409/422");
            }
            if op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|p| p["in"] == "query" && p["name"] != "cursor" && p["name"] != "limit")
                && path.ends_with("clock-preview")
            {
                assert!(has("422"), "{what} lacks 422");
            }
        }
    }
    // The throttled password checks document 429 with Retry-After.
    for (path, method) in [
        ("/api/v1/auth/login", "post"),
        ("/api/v1/me/password", "post"),
    ] {
        assert!(
            doc["paths"][path][method]["responses"]["429"].is_object(),
            "{method} {path} lacks 429"
        );
    }
    let unavailable = &doc["components"]["responses"]["TemporarilyUnavailable"];
    assert!(unavailable["headers"]["Retry-After"].is_object());
    // The customer's kind is required, as the server requires it.
    let input = &doc["components"]["schemas"]["CustomerInput"];
    assert!(
        input["required"]
            .as_array()
            .unwrap()
            .contains(&Value::from("kind")),
        "{input}"
    );
}

/// The document passes a real OpenAPI validator when one is installed
/// (`pip install openapi-spec-validator`); the checks above always run.
#[test]
fn the_document_passes_openapi_spec_validator_when_installed() {
    let has_validator = std::process::Command::new("python3")
        .args(["-c", "import openapi_spec_validator"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_validator {
        eprintln!("openapi-spec-validator is not installed; skipped");
        return;
    }
    let dir = std::env::temp_dir().join(format!("furrow-openapi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("openapi.json");
    std::fs::write(
        &file,
        furrow_api::server::openapi_document()
            .to_pretty_json()
            .unwrap(),
    )
    .unwrap();
    let out = std::process::Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .arg(&file)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "{text}");
}

#[test]
fn the_document_names_the_fields_a_dealer_never_reads() {
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    let report = &schemas["RepairReportView"];
    assert!(
        report["description"].as_str().unwrap().ends_with(
            "its internal fields, which no dealer-facing view carries: `last_rejection`, \
             `review_comment`, `reviewer_name`, `submitted_at`."
        ),
        "{}",
        report["description"]
    );
    assert_eq!(
        report["properties"]["review_comment"]["description"],
        "Internal: a dealer never reads it."
    );
    assert!(report["properties"]["cause"]["description"].is_null());
    let wo = schemas["WorkOrderView"]["description"].as_str().unwrap();
    assert!(
        wo.ends_with("`dispatcher_name`, `finish_notes`, `requirements`."),
        "{wo}"
    );
}

#[test]
fn the_deprecated_operations_are_exactly_the_list_and_say_their_sunset() {
    let doc = document();
    let mut marked = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if op["deprecated"] == true {
                let text = op["description"].as_str().unwrap_or_default();
                assert!(
                    text.contains("Sunset") && text.contains("instead"),
                    "{method} {path}: {text}"
                );
                marked.push((method.clone(), path.clone()));
            }
        }
    }
    let mut listed: Vec<(String, String)> = furrow_api::deprecation::DEPRECATED
        .iter()
        .map(|d| (d.method.to_owned(), d.path.to_owned()))
        .collect();
    marked.sort();
    listed.sort();
    assert_eq!(marked, listed);
    assert!(!listed.is_empty());
}
