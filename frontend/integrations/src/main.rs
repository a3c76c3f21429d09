//! The integrations app (系统对接), served at `/integrations`: the API
//! clients that dealers' systems and the ERP sign in with, their usage, and
//! the webhook subscriptions to come. Kept out of the admin app (issue #17):
//! the few administrators who connect systems download these pages, the
//! others who manage users and settings do not.

mod routes;

use furrow_web_core::route::Bundle;

fn main() {
    furrow_web_core::bundle::start_routed(Bundle::Integrations, routes::switch);
}
