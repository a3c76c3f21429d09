//! Which page each quality address shows; any other address (the desk's
//! requests, the archives, the administration) is handed to the bundle that
//! serves it.

use furrow_web_core::bundle::switch_of;
use furrow_web_core::pages;
use furrow_web_core::route::{Bundle, Route};
use yew::Html;

pub fn switch(route: Route) -> Html {
    switch_of(Bundle::Quality, pages::quality::render, route)
}
