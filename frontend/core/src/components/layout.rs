//! The signed-in frame: header, left navigation by permission, and the page.
//! It is also the route guard: signed out, it sends the user to the sign-in
//! page with the way back; without the area's permission it shows "not allowed".

use crate::components::bell::Bell;
use crate::components::{AppLinkProps, app_link, lang_switch, loading};
use crate::hooks::{use_i18n, use_session};
use crate::i18n::T;
use crate::nav::Area;
use crate::pages::forbidden::forbidden;
use crate::pages::login::LoginQuery;
use crate::route::Route;
use crate::services::session::EndReason;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    /// The area the page belongs to: highlighted in the navigation and checked
    /// against the user's permissions.
    pub area: Area,
    /// Whether the area's entry is marked as the current page (not for pages
    /// outside the areas, like "not found" or the own password).
    #[prop_or(true)]
    pub highlight: bool,
    #[prop_or_default]
    pub children: Html,
}

#[function_component(Layout)]
pub fn layout(props: &LayoutProps) -> Html {
    let LayoutProps {
        area,
        highlight,
        children,
    } = props;
    let session = use_session();
    let i18n = use_i18n();
    let navigator = use_navigator();
    let location = use_location();
    let nav_open = use_state(|| false);

    {
        let signed_in = session.is_signed_in();
        let ended = session.ended();
        use_effect_with((signed_in, ended), move |(signed_in, ended)| {
            if !*signed_in && let Some(nav) = navigator {
                if matches!(
                    ended,
                    Some(EndReason::SignedOut | EndReason::PasswordChanged)
                ) {
                    nav.replace(&Route::Login);
                } else {
                    // Come back here after signing in.
                    let next = location
                        .map(|l| format!("{}{}", l.path(), l.query_str()))
                        .filter(|p| p != "/");
                    let _ = nav.replace_with_query(&Route::Login, LoginQuery { next });
                }
            }
        });
    }

    let Some(user) = session.user() else {
        return html! { { loading(&i18n) } };
    };

    let toggle_nav = {
        let nav_open = nav_open.clone();
        Callback::from(move |_: MouseEvent| nav_open.set(!*nav_open))
    };
    let close_nav = {
        let nav_open = nav_open.clone();
        Callback::from(move |_: ()| nav_open.set(false))
    };
    let close_backdrop = {
        let nav_open = nav_open.clone();
        Callback::from(move |_: MouseEvent| nav_open.set(false))
    };
    let logout = {
        let session = session.clone();
        Callback::from(move |_: MouseEvent| session.logout())
    };

    let links = Area::ALL
        .into_iter()
        .filter(|a| a.is_open_to(&user.permissions))
        .map(|a| {
            let current = *highlight && a == *area;
            let classes = classes!("nav-link", current.then_some("active"));
            html! {
                <li key={a.slug()}>
                    { app_link(&yew::props!(AppLinkProps { to: a.route(), classes, current, testid: format!("nav-{}", a.slug()), onnavigate: close_nav.clone(), children: html! { <>
                        { i18n.t(a.label()) }
                    </> } })) }
                </li>
            }
        });

    let body = if area.is_open_to(&user.permissions) {
        children.clone()
    } else {
        html! { { forbidden(&i18n) } }
    };

    html! {
        <div class="shell">
            <a class="skip-link" href="#main">{ i18n.t(T::SkipToContent) }</a>
            <header class="topbar">
                <button type="button" class="menu-toggle" aria-controls="sidenav"
                        aria-expanded={nav_open.to_string()} data-testid="menu-toggle" onclick={toggle_nav}>
                    <span class="menu-icon" aria-hidden="true"></span>
                    <span class="menu-label">{ i18n.t(T::Menu) }</span>
                </button>
                { app_link(&yew::props!(AppLinkProps { to: Route::Dashboard, classes: "brand", testid: "brand", children: html! { <>{ i18n.t(T::Product) }</> } })) }
                <div class="topbar-right">
                    { lang_switch(&i18n) }
                    <Bell />
                    <div class="user-menu" data-testid="user-menu">
                        <span class="user-name" title={format!("{}: {}", i18n.t(T::SignedInAs), user.username)}
                              data-testid="user-name">{ &user.display_name }</span>
                        { app_link(&yew::props!(AppLinkProps { to: Route::ChangePassword, classes: "topbar-link", testid: "change-password", children: html! { <>
                            { i18n.t(T::ChangePassword) }
                        </> } })) }
                        <button type="button" class="btn btn-small btn-ghost" data-testid="logout" onclick={logout.clone()}>
                            { i18n.t(T::SignOut) }
                        </button>
                    </div>
                </div>
            </header>
            <div class="frame">
                <nav id="sidenav" class={classes!("sidenav", nav_open.then_some("open"))}
                     aria-label={i18n.t(T::MainNavigation)} data-testid="sidenav">
                    <ul>{ for links }</ul>
                    // On a phone the header has no room for these.
                    <div class="sidenav-account">
                        <div class="sidenav-user">{ &user.display_name }</div>
                        { app_link(&yew::props!(AppLinkProps { to: Route::ChangePassword, classes: "nav-link", onnavigate: close_nav.clone(), children: html! { <>
                            { i18n.t(T::ChangePassword) }
                        </> } })) }
                        <button type="button" class="nav-link nav-button" data-testid="logout-menu" onclick={logout}>
                            { i18n.t(T::SignOut) }
                        </button>
                    </div>
                </nav>
                if *nav_open {
                    <div class="nav-backdrop" aria-hidden="true" onclick={close_backdrop}></div>
                }
                <main id="main" class="content" tabindex="-1">{ body }</main>
            </div>
        </div>
    }
}
