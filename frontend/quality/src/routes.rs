//! Which page each quality address shows; any other address (the desk's
//! requests, the archives, the administration) is handed to the bundle that
//! serves it.

use furrow_web_core::bundle::hand_over;
use furrow_web_core::components::Layout;
use furrow_web_core::nav::Area;
use furrow_web_core::pages;
use furrow_web_core::pages::account::ChangePasswordPage;
use furrow_web_core::pages::login::Login;
use furrow_web_core::pages::not_found::NotFound;
use furrow_web_core::route::{Bundle, Route};
use yew::prelude::*;

pub fn switch(route: Route) -> Html {
    match route {
        Route::Login => html! { <Login /> },
        Route::ChangePassword => html! {
            <Layout area={Area::Dashboard} highlight=false><ChangePasswordPage /></Layout>
        },
        Route::NotFound => html! { <NotFound /> },
        route if route.bundle() == Some(Bundle::Quality) => pages::quality::render(route),
        _ => hand_over(),
    }
}
