//! The parts warehouse app (配件管理), served at `/parts`, `/stock` and
//! `/warehouses`: the parts clerks' and purchasing's pages, kept out of the
//! service desk's app (issue #17). The desk's links here (a part on a report)
//! and these pages' links to the desk are page loads.

mod routes;

use furrow_web_core::route::Bundle;

fn main() {
    furrow_web_core::bundle::start_routed(Bundle::Warehouse, routes::switch);
}
