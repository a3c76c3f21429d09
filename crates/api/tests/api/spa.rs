//! The web apps' delivery: content-hashed assets sent precompressed (brotli,
//! else gzip, else as they are) and cached for a year; each bundle's page, also
//! for its client routes, revalidated on every load.

use crate::helpers::{TestApp, spawn_app_with};
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use reqwest::{Client, Response, StatusCode};
use std::path::Path;

const JS: &str = "app-0123456789abcdef.js";
const WASM: &str = "app_bg-fedcba9876543210.wasm";
const INDEX: &str = "<!doctype html><title>Furrow</title>\
    <script type=module>import init from '/app-0123456789abcdef.js';</script>";
/// The engineer's, the customer's, the administration's, the archives', the
/// warehouse's, the quality assessment's and the integrations' bundles' pages.
const FIELD: &str = "<!doctype html><title>Furrow field</title>";
const SIGN: &str = "<!doctype html><title>Furrow sign</title>";
const ADMIN: &str = "<!doctype html><title>Furrow admin</title>";
const ARCHIVE: &str = "<!doctype html><title>Furrow archive</title>";
const WAREHOUSE: &str = "<!doctype html><title>Furrow warehouse</title>";
const QUALITY: &str = "<!doctype html><title>Furrow quality</title>";
const INTEGRATIONS: &str = "<!doctype html><title>Furrow integrations</title>";

/// A dist as `cargo xtask dist` writes it; each copy's bytes say which it is,
/// so a test sees which one was sent.
fn write_dist(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("index.html"), INDEX).unwrap();
    std::fs::write(dir.join("field.html"), FIELD).unwrap();
    std::fs::write(dir.join("sign.html"), SIGN).unwrap();
    std::fs::write(dir.join("admin.html"), ADMIN).unwrap();
    std::fs::write(dir.join("archive.html"), ARCHIVE).unwrap();
    std::fs::write(dir.join("warehouse.html"), WAREHOUSE).unwrap();
    std::fs::write(dir.join("quality.html"), QUALITY).unwrap();
    std::fs::write(dir.join("integrations.html"), INTEGRATIONS).unwrap();
    for name in [JS, WASM] {
        std::fs::write(dir.join(name), format!("plain {name}")).unwrap();
        std::fs::write(dir.join(format!("{name}.br")), format!("brotli {name}")).unwrap();
        std::fs::write(dir.join(format!("{name}.gz")), format!("gzip {name}")).unwrap();
    }
}

async fn spawn_with_dist() -> TestApp {
    spawn_app_with(|config| {
        let dist = config.data_dir.join("dist");
        write_dist(&dist);
        config.web_dir = dist;
    })
    .await
}

/// A client that neither asks for nor decodes any encoding by itself.
fn raw_client() -> Client {
    Client::builder().no_gzip().no_brotli().build().unwrap()
}

async fn get(app: &TestApp, path: &str, accept_encoding: Option<&str>) -> Response {
    let mut req = raw_client().get(app.url(path));
    if let Some(accept) = accept_encoding {
        req = req.header(ACCEPT_ENCODING, accept);
    }
    req.send().await.unwrap()
}

fn header(res: &Response, name: reqwest::header::HeaderName) -> Option<&str> {
    res.headers().get(name).map(|v| v.to_str().unwrap())
}

fn media_type(res: &Response) -> &str {
    header(res, CONTENT_TYPE)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .trim()
}

fn assert_immutable(res: &Response) {
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        header(res, CACHE_CONTROL),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(header(res, VARY), Some("Accept-Encoding"));
}

#[tokio::test]
async fn hashed_asset_is_sent_as_brotli_when_the_client_accepts_it() {
    let app = spawn_with_dist().await;

    let res = get(&app, &format!("/{WASM}"), Some("gzip, deflate, br, zstd")).await;

    assert_immutable(&res);
    assert_eq!(header(&res, CONTENT_ENCODING), Some("br"));
    assert_eq!(media_type(&res), "application/wasm");
    assert_eq!(res.text().await.unwrap(), format!("brotli {WASM}"));
}

#[tokio::test]
async fn hashed_asset_is_sent_as_gzip_when_only_gzip_is_accepted() {
    let app = spawn_with_dist().await;

    let res = get(&app, &format!("/{JS}"), Some("gzip, br;q=0")).await;

    assert_immutable(&res);
    assert_eq!(header(&res, CONTENT_ENCODING), Some("gzip"));
    assert_eq!(media_type(&res), "text/javascript");
    assert_eq!(res.text().await.unwrap(), format!("gzip {JS}"));
}

#[tokio::test]
async fn hashed_asset_is_sent_as_it_is_without_an_accepted_encoding() {
    let app = spawn_with_dist().await;

    for accept in [None, Some("identity"), Some("deflate")] {
        let res = get(&app, &format!("/{WASM}"), accept).await;

        assert_immutable(&res);
        assert_eq!(header(&res, CONTENT_ENCODING), None, "{accept:?}");
        assert_eq!(media_type(&res), "application/wasm");
        assert_eq!(res.text().await.unwrap(), format!("plain {WASM}"));
    }
}

#[tokio::test]
async fn missing_hashed_asset_is_404_not_the_page() {
    let app = spawn_with_dist().await;

    let res = get(&app, "/app-00000000000000ff.js", Some("br")).await;

    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn index_and_client_routes_are_the_page_revalidated_on_every_load() {
    let app = spawn_with_dist().await;

    for path in ["/", "/index.html", "/service-requests/123"] {
        let res = get(&app, path, Some("gzip, br")).await;

        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&res, CACHE_CONTROL), Some("no-cache"), "{path}");
        assert_eq!(header(&res, CONTENT_ENCODING), None, "{path}");
        assert_eq!(media_type(&res), "text/html", "{path}");
        assert_eq!(res.text().await.unwrap(), INDEX, "{path}");
    }
}

#[tokio::test]
async fn each_bundles_routes_get_its_page_revalidated_on_every_load() {
    let app = spawn_with_dist().await;

    for (path, page) in [
        ("/my-work", FIELD),
        ("/my-work/7f0c9a52-1111-4c4c-8d8d-0123456789ab", FIELD),
        // The sign link the server makes for a report (crates/store's signoff).
        ("/sign/0123456789abcdef0123456789abcdef", SIGN),
        ("/my-workshop", INDEX),
        ("/dispatch", INDEX),
        ("/users", ADMIN),
        ("/users/7f0c9a52-1111-4c4c-8d8d-0123456789ab", ADMIN),
        ("/settings/sla", ADMIN),
        ("/imports", ADMIN),
        ("/customers", ARCHIVE),
        (
            "/machines/7f0c9a52-1111-4c4c-8d8d-0123456789ab/edit",
            ARCHIVE,
        ),
        ("/parts", WAREHOUSE),
        ("/stock", WAREHOUSE),
        ("/requisitions", WAREHOUSE),
        ("/kpis", QUALITY),
        ("/kpis/records", QUALITY),
        ("/integrations/api-clients", INTEGRATIONS),
        // The follow-up calls are the quality bundle's, with the figures they feed.
        ("/follow-ups", QUALITY),
        ("/follow-ups/7f0c9a52-1111-4c4c-8d8d-0123456789ab", QUALITY),
        ("/inventory-analysis", QUALITY),
        ("/service-requests", INDEX),
    ] {
        let res = get(&app, path, Some("gzip, br")).await;

        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&res, CACHE_CONTROL), Some("no-cache"), "{path}");
        assert_eq!(media_type(&res), "text/html", "{path}");
        assert_eq!(res.text().await.unwrap(), page, "{path}");
    }
}
