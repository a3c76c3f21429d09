//! The language context: the current [`Lang`], remembered in `localStorage`,
//! by default the browser's language.

use crate::i18n::{Lang, T, permission_name, role_name};
use furrow_domain::{Permission, Role};
use gloo_storage::{LocalStorage, Storage};
use yew::prelude::*;

const STORAGE_KEY: &str = "furrow.lang";

/// The language and the way to change it; `t()` translates.
#[derive(Clone, PartialEq)]
pub struct I18n {
    pub lang: Lang,
    set: Callback<Lang>,
}

impl I18n {
    /// A label in the current language.
    pub fn t(&self, key: T) -> &'static str {
        key.text(self.lang)
    }

    /// A label with its `{0}`, `{1}`... filled in.
    pub fn f(&self, key: T, args: &[&str]) -> String {
        key.fill(self.lang, args)
    }

    pub fn role(&self, role: Role) -> &'static str {
        role_name(role, self.lang)
    }

    pub fn permission(&self, permission: Permission) -> &'static str {
        permission_name(permission, self.lang)
    }

    /// Switches the language and remembers the choice.
    pub fn set_lang(&self, lang: Lang) {
        self.set.emit(lang);
    }
}

fn initial_lang() -> Lang {
    if let Some(l) = LocalStorage::get::<String>(STORAGE_KEY)
        .ok()
        .and_then(|t| Lang::from_tag(&t))
    {
        return l;
    }
    let browser = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    Lang::from_browser(&browser)
}

#[derive(Properties, PartialEq)]
pub struct LangProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Provides [`I18n`] to everything below.
#[function_component(LangProvider)]
pub fn lang_provider(props: &LangProviderProps) -> Html {
    let LangProviderProps { children } = props;
    let lang = use_state(initial_lang);
    let set = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| {
            let _ = LocalStorage::set(STORAGE_KEY, l.tag());
            lang.set(l);
        })
    };
    use_effect_with(*lang, |l| {
        // Screen readers and the CJK font choice follow <html lang>.
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", l.tag());
        }
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(T::Product.text(*l));
        }
    });
    let ctx = I18n { lang: *lang, set };
    html! {
        <ContextProvider<I18n> context={ctx}>{ children.clone() }</ContextProvider<I18n>>
    }
}

/// The language context.
#[hook]
pub fn use_i18n() -> I18n {
    use_context::<I18n>().expect("use_i18n needs a LangProvider above")
}
