//! The field engineer's app for a phone, served at `/my-work`: the work
//! orders, check-in, the report and the parts it asks for. Sign-in and the
//! own password are here too, so an engineer never loads the office app.

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
    furrow_web_core::bundle::start::<App>(Bundle::Field);
}
