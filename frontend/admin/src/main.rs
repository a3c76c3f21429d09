//! The administration app, served at `/users`, `/settings` and `/imports`:
//! pages those who run the system open now and then, kept out of the office app
//! that everyone in the office downloads (issue #17). Its links to the office's
//! pages load the office app, and the office's links here load this one.

mod routes;

use furrow_web_core::route::Bundle;

fn main() {
    furrow_web_core::bundle::start_routed(Bundle::Admin, routes::switch);
}
