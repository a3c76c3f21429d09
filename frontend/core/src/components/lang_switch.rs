//! 简体中文 / English.

use crate::hooks::I18n;
use crate::i18n::{Lang, T};
use yew::prelude::*;

pub fn lang_switch(i18n: &I18n) -> Html {
    let button = |lang: Lang| {
        let onclick = {
            let i18n = i18n.clone();
            Callback::from(move |_| i18n.set_lang(lang))
        };
        let pressed = i18n.lang == lang;
        html! {
            <button type="button" class={classes!("lang-option", pressed.then_some("selected"))}
                    lang={lang.tag()} aria-pressed={pressed.to_string()}
                    data-testid={format!("lang-{}", lang.tag())} {onclick}>
                { lang.native_name() }
            </button>
        }
    };
    html! {
        <div class="lang-switch" role="group" aria-label={i18n.t(T::Language)}>
            { button(Lang::ZhCn) }
            { button(Lang::En) }
        </div>
    }
}
