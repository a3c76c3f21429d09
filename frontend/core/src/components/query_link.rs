//! An in-app link whose address carries a query (`/service-requests?overdue=1`):
//! a real `<a href>` that navigates without reloading on a plain click, or
//! loads another bundle's page from the server.

use crate::route::Route;
use yew::prelude::*;
use yew_router::Routable;
use yew_router::history::{BrowserHistory, History};

/// A link to `route` with `query` (empty, or starting with `?` or `#`).
pub fn query_link(
    route: &Route,
    query: &str,
    classes: Classes,
    testid: String,
    children: Html,
) -> Html {
    let href = format!("{}{query}", route.to_path());
    let here = crate::bundle::is_here(route);
    let onclick = {
        let href = href.clone();
        Callback::from(move |e: MouseEvent| {
            let modified = e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key();
            if !here || e.button() != 0 || modified {
                return;
            }
            e.prevent_default();
            BrowserHistory::new().push(href.clone());
        })
    };
    html! { <a href={href} class={classes} data-testid={testid} {onclick}>{ children }</a> }
}
