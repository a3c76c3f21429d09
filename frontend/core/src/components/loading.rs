//! The loading state of a page or a section.

use crate::hooks::I18n;
use crate::i18n::T;
use yew::prelude::*;

pub fn loading(i18n: &I18n) -> Html {
    html! {
        <div class="loading" role="status" aria-live="polite" data-testid="loading">
            <span class="spinner" aria-hidden="true"></span>
            { i18n.t(T::Loading) }
        </div>
    }
}
