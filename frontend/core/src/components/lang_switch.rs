//! 简体中文 / English.

use crate::hooks::I18n;
use crate::i18n::{Lang, T};
use yew::prelude::*;

/// The language's name in two or three characters, for narrow headers.
fn short_name(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => "中文",
        Lang::En => "EN",
    }
}

pub fn lang_switch(i18n: &I18n) -> Html {
    let button = |lang: Lang| {
        let onclick = {
            let i18n = i18n.clone();
            Callback::from(move |_| i18n.set_lang(lang))
        };
        let pressed = i18n.lang == lang;
        html! {
            <button type="button" class={classes!("lang-option", pressed.then_some("selected"))}
                    lang={lang.tag()} aria-pressed={pressed.to_string()} aria-label={lang.native_name()}
                    data-testid={format!("lang-{}", lang.tag())} {onclick}>
                <span class="lang-full">{ lang.native_name() }</span>
                // On a phone the header has room for a short name only.
                <span class="lang-short" aria-hidden="true">{ short_name(lang) }</span>
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
