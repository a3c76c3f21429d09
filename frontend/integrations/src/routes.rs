//! Which page each integrations address shows; any other address (the
//! settings these pages are reached from, the desk) is handed to the bundle
//! that serves it.

use furrow_web_core::bundle::switch_of;
use furrow_web_core::pages;
use furrow_web_core::route::{Bundle, Route};
use yew::Html;

pub fn switch(route: Route) -> Html {
    switch_of(Bundle::Integrations, pages::integrations::render, route)
}
