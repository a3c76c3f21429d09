//! The office web app: every page but the engineer's and the customer's, at
//! `/` and any address no other bundle serves.

mod routes;

use furrow_web_core::hooks::{LangProvider, SessionProvider};
use furrow_web_core::route::{Bundle, Route};
use yew::prelude::*;
use yew_router::prelude::*;

/// The root: language, session, router.
#[function_component(App)]
fn app() -> Html {
    html! {
        <LangProvider>
            <SessionProvider>
                <BrowserRouter>
                    <Switch<Route> render={routes::switch} />
                </BrowserRouter>
            </SessionProvider>
        </LangProvider>
    }
}

fn main() {
    furrow_web_core::bundle::start::<App>(Bundle::Office);
}
