//! Serving the built SPA: static files, and `index.html` for every client
//! route so deep links and reloads work.

use actix_files::{Files, NamedFile};
use actix_web::dev::{HttpServiceFactory, ServiceRequest, ServiceResponse, fn_service};
use actix_web::{HttpResponse, web};
use std::path::{Path, PathBuf};

/// The SPA service, or a page explaining how to build it when it is missing.
pub fn service(web_dir: &Path) -> Box<dyn FnOnce(&mut web::ServiceConfig)> {
    let index: PathBuf = web_dir.join("index.html");
    if index.is_file() {
        let dir = web_dir.to_path_buf();
        Box::new(move |cfg: &mut web::ServiceConfig| {
            cfg.service(files(dir, index));
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

fn files(dir: PathBuf, index: PathBuf) -> impl HttpServiceFactory {
    Files::new("/", dir)
        .index_file("index.html")
        .default_handler(fn_service(move |req: ServiceRequest| {
            let index = index.clone();
            async move {
                let (req, _) = req.into_parts();
                let file = NamedFile::open_async(&index).await?;
                let res = file.into_response(&req);
                Ok(ServiceResponse::new(req, res))
            }
        }))
}
