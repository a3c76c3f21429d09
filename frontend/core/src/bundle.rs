//! Which bundle is running, and leaving it for the bundle that serves an
//! address. The bundles share one address space, so a link or a redirect to
//! a page of another bundle is an ordinary page load: the server answers each
//! address with the bundle that serves it.

use crate::hooks::{LangProvider, SessionProvider};
use crate::route::{Bundle, Route};
use std::cell::{Cell, RefCell};
use yew::prelude::*;
use yew_router::prelude::*;

/// The page of each address of a routed bundle.
type Pages = fn(Route) -> Html;

thread_local! {
    static CURRENT: Cell<Option<Bundle>> = const { Cell::new(None) };
    /// The path the page was loaded at: the server chose this bundle for it.
    static LOADED_AT: RefCell<String> = const { RefCell::new(String::new()) };
    static SWITCH: Cell<Option<Pages>> = const { Cell::new(None) };
}

/// Renders the bundle's root component into the page's body.
pub fn start<App>(bundle: Bundle)
where
    App: BaseComponent<Properties = ()>,
{
    CURRENT.with(|c| c.set(Some(bundle)));
    LOADED_AT.with(|p| *p.borrow_mut() = current_path());
    yew::Renderer::<App>::new().render();
}

/// Starts a bundle with sign-in and a router (the office's, the field
/// app's): language, session, then the page `switch` gives each address.
pub fn start_routed(bundle: Bundle, switch: Pages) {
    SWITCH.with(|s| s.set(Some(switch)));
    start::<RoutedApp>(bundle);
}

/// The root of a routed bundle: language, session, router.
#[function_component(RoutedApp)]
fn routed_app() -> Html {
    let switch = SWITCH.with(Cell::get).unwrap_or(|_| Html::default());
    html! {
        <LangProvider>
            <SessionProvider>
                <BrowserRouter>
                    <Switch<Route> render={switch} />
                </BrowserRouter>
            </SessionProvider>
        </LangProvider>
    }
}

/// Whether the running bundle shows `route` itself (pages every bundle has,
/// like the sign-in page, count as its own).
pub fn is_here(route: &Route) -> bool {
    let current = CURRENT.with(Cell::get);
    match route.bundle() {
        Some(bundle) => current.is_none_or(|c| c == bundle),
        None => true,
    }
}

/// What a bundle's router shows for another bundle's address: the address is
/// already in the location bar (an in-app link or redirect put it there), so
/// loading it again lets the server send the right bundle. When the server
/// sent this bundle for exactly this address, reloading would loop; the page
/// then offers the way home instead.
pub fn hand_over() -> Html {
    let path = current_path();
    if LOADED_AT.with(|p| *p.borrow() == path) {
        // Only when the server and `Route::bundle` disagree about the address.
        return html! {
            <div class="page" data-testid="not-found"><p><a href="/">{ "Furrow" }</a></p></div>
        };
    }
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
    Html::default()
}

/// The `switch` of a bundle whose pages one function renders (the archives',
/// the warehouse's, the quality assessment's): the pages every signed-in bundle shows itself (sign-in,
/// the password page, "not found"), `render` for the addresses
/// [`Route::bundle`] gives `bundle`, and the hand-over for any other.
pub fn switch_of(bundle: Bundle, render: Pages, route: Route) -> Html {
    use crate::components::Layout;
    use crate::nav::Area;
    use crate::pages::{account::ChangePasswordPage, login::Login, not_found::NotFound};
    match route {
        Route::Login => html! { <Login /> },
        Route::ChangePassword => html! {
            <Layout area={Area::Dashboard} highlight=false><ChangePasswordPage /></Layout>
        },
        Route::NotFound => html! { <NotFound /> },
        route if route.bundle() == Some(bundle) => render(route),
        _ => hand_over(),
    }
}

fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}
