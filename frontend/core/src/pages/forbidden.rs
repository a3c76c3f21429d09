//! Shown inside the frame when the user's roles do not open the page.

use crate::components::{AppLinkProps, app_link};
use crate::hooks::I18n;
use crate::i18n::T;
use crate::route::Route;
use yew::prelude::*;

pub fn forbidden(i18n: &I18n) -> Html {
    html! {
        <div class="page" data-testid="forbidden">
            <header class="page-header"><h1>{ i18n.t(T::ForbiddenTitle) }</h1></header>
            <section class="panel empty-state">
                <p>{ i18n.t(T::ForbiddenBody) }</p>
                <p>{ app_link(&yew::props!(AppLinkProps { to: Route::Dashboard, classes: "btn", children: html! { <>{ i18n.t(T::BackToDashboard) }</> } })) }</p>
            </section>
        </div>
    }
}
