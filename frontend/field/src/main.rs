//! The field engineer's app for a phone, served at `/my-work`: the work
//! orders, check-in, the report and the parts it asks for. Sign-in and the
//! own password are here too, so an engineer never loads the office app.

mod routes;

use furrow_web_core::route::Bundle;

fn main() {
    furrow_web_core::bundle::start_routed(Bundle::Field, routes::switch);
}
