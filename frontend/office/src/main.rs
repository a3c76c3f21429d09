//! The office web app: every page but the engineer's and the customer's, at
//! `/` and any address no other bundle serves.

mod routes;

use furrow_web_core::route::Bundle;

fn main() {
    furrow_web_core::bundle::start_routed(Bundle::Office, routes::switch);
}
