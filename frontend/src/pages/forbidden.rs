//! Shown inside the frame when the user's roles do not open the page.

use crate::app::Route;
use crate::components::AppLink;
use crate::hooks::use_i18n;
use crate::i18n::T;
use yew::prelude::*;

#[function_component(Forbidden)]
pub fn forbidden() -> Html {
    let i18n = use_i18n();
    html! {
        <div class="page" data-testid="forbidden">
            <header class="page-header"><h1>{ i18n.t(T::ForbiddenTitle) }</h1></header>
            <section class="panel empty-state">
                <p>{ i18n.t(T::ForbiddenBody) }</p>
                <p><AppLink to={Route::Dashboard} classes="btn">{ i18n.t(T::BackToDashboard) }</AppLink></p>
            </section>
        </div>
    }
}
