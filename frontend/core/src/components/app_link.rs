//! An in-app link: a real `<a href>` (middle-click, copy link and ctrl-click work)
//! that navigates without reloading on a plain click. A plain function rather
//! than a component: it holds no state, and each component type costs the
//! wasm a few kilobytes.

use crate::route::Route;
use yew::prelude::*;
use yew_router::Routable;
use yew_router::history::{BrowserHistory, History};

#[derive(Properties, PartialEq)]
pub struct AppLinkProps {
    pub to: Route,
    #[prop_or_default]
    pub classes: Classes,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// `aria-current="page"` when this link is the current page.
    #[prop_or_default]
    pub current: bool,
    /// Also called on a plain click (the mobile menu closes itself).
    #[prop_or_default]
    pub onnavigate: Option<Callback<()>>,
    #[prop_or_default]
    pub title: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

pub fn app_link(props: &AppLinkProps) -> Html {
    let AppLinkProps {
        to,
        classes,
        testid,
        current,
        onnavigate,
        title,
        children,
    } = props;
    let onclick = {
        let to = to.clone();
        let onnavigate = onnavigate.clone();
        Callback::from(move |e: MouseEvent| {
            if e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() {
                return;
            }
            // Another bundle's page: the browser loads it from the server.
            if !crate::bundle::is_here(&to) {
                return;
            }
            e.prevent_default();
            // What the router's navigator does (the app has no basename): the
            // shared browser history tells the router about the new address.
            BrowserHistory::new().push(to.to_path());
            if let Some(cb) = &onnavigate {
                cb.emit(());
            }
        })
    };
    html! {
        <a href={to.to_path()} class={classes.clone()} data-testid={testid.clone()}
           aria-current={current.then_some("page")} title={title.clone()} {onclick}>
            { children.clone() }
        </a>
    }
}
