//! The page of a work area that is not built yet: it names the capability and
//! what it will do, and shows nothing made up.

use crate::components::{AppLinkProps, Tone, app_link, badge};
use crate::hooks::use_i18n;
use crate::i18n::T;
use crate::nav::Area;
use crate::route::Route;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ComingSoonProps {
    pub area: Area,
}

#[function_component(ComingSoon)]
pub fn coming_soon(props: &ComingSoonProps) -> Html {
    let ComingSoonProps { area } = props;
    let i18n = use_i18n();
    let name = i18n.t(area.label());
    html! {
        <div class="page" data-testid="coming-soon" data-area={area.slug()}>
            <header class="page-header">
                <h1>{ i18n.f(T::ComingSoonTitle, &[name]) }</h1>
                { badge(Tone::Neutral, i18n.t(T::ComingSoon), None) }
            </header>
            <section class="panel empty-state">
                <p>{ i18n.t(T::ComingSoonBody) }</p>
                if let Some(about) = area.about() {
                    <p class="about"><strong>{ name }</strong>{ " — " }{ i18n.t(about) }</p>
                }
                <p>{ app_link(&yew::props!(AppLinkProps { to: Route::Dashboard, classes: "btn", children: html! { <>{ i18n.t(T::BackToDashboard) }</> } })) }</p>
            </section>
        </div>
    }
}
