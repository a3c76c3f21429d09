//! The loading state of a page or a section.

use crate::hooks::use_i18n;
use crate::i18n::T;
use yew::prelude::*;

#[function_component(Loading)]
pub fn loading() -> Html {
    let i18n = use_i18n();
    html! {
        <div class="loading" role="status" aria-live="polite" data-testid="loading">
            <span class="spinner" aria-hidden="true"></span>
            { i18n.t(T::Loading) }
        </div>
    }
}
