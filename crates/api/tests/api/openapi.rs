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
