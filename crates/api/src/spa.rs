//! Serving the built web apps: static files, and each bundle's page for its
//! client routes so deep links and reloads work. There are eight bundles over
//! one address space: the engineer's phone app (`field.html`) for `/my-work`
//! and below, the customer's sign-off page (`sign.html`) for `/sign/<token>`
//! (the link the server makes for a report), the administration app
//! (`admin.html`) for `/users`, `/settings` and `/imports`, the archives
//! (`archive.html`) for customers, machines, models, dealers and engineers,
//! the parts warehouse (`warehouse.html`) for parts, stock and warehouses, the
//! quality assessment (`quality.html`) for the monthly KPIs, the integrations
//! (`integrations.html`) for the API clients, and the service
//! the parts warehouse (`warehouse.html`) for parts, stock, warehouses and requisitions, the
//! quality assessment (`quality.html`) for the monthly KPIs and the inventory
//! analysis (`/inventory-analysis`), and the service
//! desk's office app (`index.html`) for every other address. A link from one
//! to another is an ordinary page load, answered here with the right bundle.
//!
//! `cargo xtask dist` names each asset after its content (`app-<hash>.js`,
//! `app_bg-<hash>.wasm`) and writes brotli and gzip copies beside it
//! (`.br`, `.gz`). Such an asset never changes, so it is cached for a year,
//! and each client gets the smallest copy it accepts. `index.html` names the
//! current assets, so it is revalidated on every load (`no-cache`).

use actix_files::{Files, NamedFile};
use actix_web::dev::{HttpServiceFactory, ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header::{self, ContentEncoding, HeaderMap, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, guard, mime, web};
use std::io;
use std::path::{Path, PathBuf};

/// Hex digits of the content hash `cargo xtask dist` puts in a file name.
const HASH_LEN: usize = 16;

/// `Cache-Control` of a content-hashed asset: a new release has new names.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The bundles other than the office's: the first segment of the addresses
/// each serves, and its page in the dist. The web app's `Route::bundle`
/// (frontend/core/src/route.rs) makes the same split.
const BUNDLE_PAGES: [(&str, &str); 20] = [
    ("my-work", "field.html"),
    ("sign", "sign.html"),
    ("users", "admin.html"),
    ("settings", "admin.html"),
    ("imports", "admin.html"),
    ("customers", "archive.html"),
    ("machines", "archive.html"),
    ("product-models", "archive.html"),
    ("dealers", "archive.html"),
    ("engineers", "archive.html"),
    ("parts", "warehouse.html"),
    ("stock", "warehouse.html"),
    ("warehouses", "warehouse.html"),
    ("stocktakes", "warehouse.html"),
    ("purchasing", "warehouse.html"),
    ("requisitions", "warehouse.html"),
    ("kpis", "quality.html"),
    ("follow-ups", "quality.html"),
    ("inventory-analysis", "quality.html"),
    ("integrations", "integrations.html"),
];

/// The page that serves a client route: its bundle's, or the office's
/// `index.html` (also when an older dist has no page for the bundle).
fn page_for(dir: &Path, path: &str) -> PathBuf {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    BUNDLE_PAGES
        .iter()
        .find(|(segment, _)| *segment == first)
        .map(|(_, page)| dir.join(page))
        .filter(|page| page.is_file())
        .unwrap_or_else(|| dir.join("index.html"))
}

/// The SPA service, or a page explaining how to build it when it is missing.
pub fn service(web_dir: &Path) -> Box<dyn FnOnce(&mut web::ServiceConfig)> {
    let index: PathBuf = web_dir.join("index.html");
    if index.is_file() {
        let dir = web_dir.to_path_buf();
        Box::new(move |cfg: &mut web::ServiceConfig| {
            let assets = dir.clone();
            cfg.service(
                web::resource("/{asset}")
                    .guard(guard::fn_guard(|ctx| {
                        is_hashed_asset(ctx.head().uri.path().trim_start_matches('/'))
                    }))
                    .route(get_or_head().to(move |req: HttpRequest| {
                        let dir = assets.clone();
                        async move { hashed_asset(&dir, &req).await }
                    })),
            );
            let home = index.clone();
            cfg.service(web::resource(["/", "/index.html"]).route(get_or_head().to(
                move |req: HttpRequest| {
                    let index = home.clone();
                    async move { index_html(&index, &req).await }
                },
            )));
            cfg.service(files(dir));
        })
    } else {
        Box::new(|cfg: &mut web::ServiceConfig| {
            cfg.default_service(web::to(|| async {
                HttpResponse::ServiceUnavailable().content_type("text/html; charset=utf-8").body(
                    "<!doctype html><meta charset=utf-8><title>Furrow</title><h1>Furrow</h1>\
                     <p>The web app is not built. Run <code>cargo xtask run</code>, or <code>cargo xtask dist</code> \
                     and set FURROW_WEB_DIR.</p><p>The API is at <a href=/api/docs/>/api/docs/</a>.</p>",
                )
            }));
        })
    }
}

/// Other files of the dist as they are, and the bundle's page for any other
/// path (a client route).
fn files(dir: PathBuf) -> impl HttpServiceFactory {
    Files::new("/", dir.clone())
        .index_file("index.html")
        .default_handler(fn_service(move |req: ServiceRequest| {
            let page = page_for(&dir, req.path());
            async move {
                let (req, _) = req.into_parts();
                let res = index_html(&page, &req).await?;
                Ok(ServiceResponse::new(req, res))
            }
        }))
}

fn get_or_head() -> actix_web::Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

/// A bundle's page, revalidated on every load since it names the current assets.
async fn index_html(index: &Path, req: &HttpRequest) -> actix_web::Result<HttpResponse> {
    let mut res = NamedFile::open_async(index).await?.into_response(req);
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(res)
}

/// A content-hashed asset in the smallest encoding the client accepts; 404
/// when the dist has no such file (a page of an older release asking for its
/// own assets must not get index.html as JavaScript).
async fn hashed_asset(dir: &Path, req: &HttpRequest) -> actix_web::Result<HttpResponse> {
    let name = req.match_info().query("asset");
    let plain = dir.join(name);
    let (file, encoding) = open_best(&plain, &encodings(req.headers())).await?;
    let mut file = file
        .set_content_type(content_type(name))
        .disable_content_disposition();
    if let Some(encoding) = encoding {
        file = file.set_content_encoding(encoding);
    }
    let mut res = file.into_response(req);
    let headers = res.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    Ok(res)
}

/// The first of `candidates`' precompressed copies that exists, else the
/// plain file.
async fn open_best(
    plain: &Path,
    candidates: &[ContentEncoding],
) -> io::Result<(NamedFile, Option<ContentEncoding>)> {
    for &encoding in candidates {
        let ext = match encoding {
            ContentEncoding::Brotli => "br",
            ContentEncoding::Gzip => "gz",
            _ => continue,
        };
        let mut path = plain.as_os_str().to_owned();
        path.push(".");
        path.push(ext);
        match NamedFile::open_async(&path).await {
            Ok(file) => return Ok((file, Some(encoding))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok((NamedFile::open_async(plain).await?, None))
}

/// The precompressed encodings to try, best first: brotli when the client
/// accepts it, then gzip. A range request gets the plain file: actix-files
/// marks partial content as `identity`, which a compressed copy is not.
fn encodings(headers: &HeaderMap) -> Vec<ContentEncoding> {
    if headers.contains_key(header::RANGE) {
        return Vec::new();
    }
    let accept = headers
        .get_all(header::ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    [
        (ContentEncoding::Brotli, "br"),
        (ContentEncoding::Gzip, "gzip"),
    ]
    .into_iter()
    .filter(|(_, token)| accepts(&accept, token))
    .map(|(encoding, _)| encoding)
    .collect()
}

/// Whether an `Accept-Encoding` value allows `coding`: listed (or `*` is)
/// with a quality above zero.
fn accepts(accept: &str, coding: &str) -> bool {
    let quality = |wanted: &str| {
        accept.split(',').find_map(|item| {
            let mut parts = item.split(';');
            let name = parts.next()?.trim();
            if !name.eq_ignore_ascii_case(wanted) {
                return None;
            }
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q=").or(p.trim().strip_prefix("Q=")))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            Some(q)
        })
    };
    quality(coding)
        .or_else(|| quality("*"))
        .is_some_and(|q| q > 0.0)
}

/// `app-0123456789abcdef.js`: a file name as `cargo xtask dist` hashes it, in
/// the top folder of the dist.
fn is_hashed_asset(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    let Some((base, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    let plain = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
    };
    plain(base)
        && !ext.is_empty()
        && ext.bytes().all(|b| b.is_ascii_alphanumeric())
        && hash.len() == HASH_LEN
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn content_type(name: &str) -> mime::Mime {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("wasm") => "application/wasm".parse().expect("valid media type"),
        Some("js") => mime::TEXT_JAVASCRIPT,
        Some(ext) => actix_files::file_extension_to_mime(ext),
        None => mime::APPLICATION_OCTET_STREAM,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_recognised() {
        assert!(is_hashed_asset("app-0123456789abcdef.js"));
        assert!(is_hashed_asset("app_bg-0123456789abcdef.wasm"));
        assert!(!is_hashed_asset("app.js"));
        assert!(!is_hashed_asset("app-0123456789ABCDEF.js"));
        assert!(!is_hashed_asset("app-0123456789abcdef.js.br"));
        assert!(!is_hashed_asset("-0123456789abcdef.js"));
        assert!(!is_hashed_asset("a/app-0123456789abcdef.js"));
        assert!(!is_hashed_asset("service-requests/123"));
    }

    #[test]
    fn client_routes_go_to_their_bundles_page() {
        let dir = std::env::temp_dir().join(format!("furrow-spa-pages-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let pages = [
            "index.html",
            "field.html",
            "sign.html",
            "admin.html",
            "archive.html",
            "warehouse.html",
            "quality.html",
            "integrations.html",
        ];
        for page in pages {
            std::fs::write(dir.join(page), page).unwrap();
        }
        let page = |path: &str| page_for(&dir, path).file_name().unwrap().to_owned();
        assert_eq!(page("/my-work"), "field.html");
        assert_eq!(page("/my-work/0b4e"), "field.html");
        assert_eq!(page("/sign/abc"), "sign.html");
        assert_eq!(page("/users"), "admin.html");
        assert_eq!(page("/users/new"), "admin.html");
        assert_eq!(page("/settings/calendar"), "admin.html");
        assert_eq!(page("/imports"), "admin.html");
        assert_eq!(page("/customers/7f0c"), "archive.html");
        assert_eq!(page("/engineers"), "archive.html");
        assert_eq!(page("/parts/new"), "warehouse.html");
        assert_eq!(page("/stock"), "warehouse.html");
        assert_eq!(page("/stocktakes/new"), "warehouse.html");
        assert_eq!(page("/purchasing"), "warehouse.html");
        assert_eq!(page("/purchasing/0b4e"), "warehouse.html");
        assert_eq!(page("/requisitions/7f0c"), "warehouse.html");
        assert_eq!(page("/kpis"), "quality.html");
        assert_eq!(page("/kpis/records"), "quality.html");
        assert_eq!(page("/integrations/api-clients/7f0c"), "integrations.html");
        assert_eq!(page("/kpisettings"), "index.html");
        assert_eq!(page("/usersettings"), "index.html");
        assert_eq!(page("/my-workshop"), "index.html");
        assert_eq!(page("/signatures"), "index.html");
        assert_eq!(page("/service-requests/1"), "index.html");
        assert_eq!(page("/"), "index.html");
        std::fs::remove_file(dir.join("sign.html")).unwrap();
        assert_eq!(page("/sign/abc"), "index.html");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn accept_encoding_honours_zero_quality_and_wildcards() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip;q=0.5, BR;q=0.1", "br"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(!accepts("gzip", "br"));
        assert!(accepts("*", "br"));
        assert!(!accepts("*;q=0", "gzip"));
        assert!(!accepts("", "gzip"));
        assert!(!accepts("identity", "gzip"));
    }
}
