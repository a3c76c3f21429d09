//! An address that is no page of the app.

use crate::components::{AppLinkProps, Layout, app_link};
use crate::hooks::{use_i18n, use_session};
use crate::i18n::T;
use crate::nav::Area;
use crate::route::Route;
use yew::prelude::*;

/// The message alone, for use inside a page (an unknown record id, say).
#[function_component(NotFoundBody)]
pub fn not_found_body() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let back = if session.is_signed_in() {
        html! { { app_link(&yew::props!(AppLinkProps { to: Route::Dashboard, classes: "btn", children: html! { <>{ i18n.t(T::BackToDashboard) }</> } })) } }
    } else {
        html! { { app_link(&yew::props!(AppLinkProps { to: Route::Login, classes: "btn btn-primary", children: html! { <>{ i18n.t(T::SignIn) }</> } })) } }
    };
    html! {
        <div class="page" data-testid="not-found">
            <header class="page-header"><h1>{ i18n.t(T::NotFoundTitle) }</h1></header>
            <section class="panel empty-state">
                <p>{ i18n.t(T::NotFoundBody) }</p>
                <p>{ back }</p>
            </section>
        </div>
    }
}

/// The 404 route: inside the frame when signed in, alone otherwise.
#[function_component(NotFound)]
pub fn not_found() -> Html {
    let session = use_session();
    if session.is_signed_in() {
        html! { <Layout area={Area::Dashboard} highlight=false><NotFoundBody /></Layout> }
    } else {
        html! { <div class="login-page"><div class="login-card"><NotFoundBody /></div></div> }
    }
}
