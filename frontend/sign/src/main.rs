//! The customer's sign-off page, served at `/sign/<token>` (the link the server
//! makes for a report): no sign-in, no navigation, nothing else to download.
//!
//! One page has one address, so the token is read from the path rather than
//! through the router: the router and the table of every address are the
//! largest part of a bundle this small that the page does not use.

mod routes;

use furrow_web_core::hooks::LangProvider;
use furrow_web_core::route::Bundle;
use yew::prelude::*;

/// The root: language, no session (the link is the credential).
#[function_component(App)]
fn app() -> Html {
    html! {
        <LangProvider>
            { routes::page() }
        </LangProvider>
    }
}

fn main() {
    furrow_web_core::bundle::start::<App>(Bundle::Sign);
}
