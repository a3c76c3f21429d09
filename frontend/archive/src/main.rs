//! The archives app (售后服务档案), served at `/customers`, `/machines`,
//! `/product-models`, `/dealers` and `/engineers`: the records a request is
//! about, kept out of the service desk's app so that neither carries the
//! other's pages (issue #17). Links between them are page loads.

mod routes;

use furrow_web_core::route::Bundle;

fn main() {
    furrow_web_core::bundle::start_routed(Bundle::Archive, routes::switch);
}
