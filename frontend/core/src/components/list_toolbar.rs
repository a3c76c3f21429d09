//! The filters above a list page: free text applied with the search button
//! (or Enter), choices applied as soon as they change, and Clear. Every
//! filter is a key of the page's URL ([`ListQuery`]).

use crate::hooks::{ListQuery, use_i18n};
use crate::i18n::T;
use std::collections::BTreeMap;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// One filter of a list's toolbar; `key` is its name in the page's URL.
pub enum Filter {
    /// Free text, applied with the search button (or Enter).
    Text {
        key: &'static str,
        label: AttrValue,
        placeholder: AttrValue,
        /// Suggestions (`<datalist>`), none when empty.
        suggest: &'static [&'static str],
        /// A narrow box.
        short: bool,
    },
    /// A choice, applied as soon as it changes; `(value, label)`, "all" first.
    Select {
        key: &'static str,
        label: AttrValue,
        choices: Vec<(&'static str, AttrValue)>,
    },
}

impl Filter {
    /// The list's search box (`q`).
    pub fn search(label: impl Into<AttrValue>, placeholder: impl Into<AttrValue>) -> Self {
        Filter::Text {
            key: "q",
            label: label.into(),
            placeholder: placeholder.into(),
            suggest: &[],
            short: false,
        }
    }

    /// A choice among `choices`, after "all" (the empty value).
    pub fn choose(
        key: &'static str,
        label: impl Into<AttrValue>,
        all: impl Into<AttrValue>,
        choices: Vec<(&'static str, AttrValue)>,
    ) -> Self {
        let mut all = vec![("", all.into())];
        all.extend(choices);
        Filter::Select {
            key,
            label: label.into(),
            choices: all,
        }
    }
}

/// What is typed in the text filters, by key, until it is applied.
type Typed = UseStateHandle<BTreeMap<&'static str, String>>;

/// A text that is `None` when blank.
fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The toolbar of `filters` (none when there are none); `name` prefixes the
/// ids and test ids (`customers` gives `customers-q`, `customers-search`).
#[hook]
pub fn use_list_toolbar(name: &'static str, filters: &[Filter], query: &ListQuery) -> Html {
    let i18n = use_i18n();
    let typed = use_state(BTreeMap::<&'static str, String>::new);
    let text_keys: Vec<&'static str> = filters
        .iter()
        .filter_map(|f| match f {
            Filter::Text { key, .. } => Some(*key),
            Filter::Select { .. } => None,
        })
        .collect();
    {
        // Back/forward changes the URL: show its filters in the boxes.
        let typed = typed.clone();
        let shown: BTreeMap<&'static str, String> = text_keys
            .iter()
            .map(|k| (*k, query.get(k).unwrap_or_default().to_owned()))
            .collect();
        use_effect_with(shown, move |shown| typed.set(shown.clone()));
    }
    if filters.is_empty() {
        return Html::default();
    }
    let onsubmit = {
        let (query, typed, keys) = (query.clone(), typed.clone(), text_keys.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let changes: Vec<_> = keys
                .iter()
                .map(|k| (*k, typed.get(k).and_then(|v| non_empty(v))))
                .collect();
            query.set(&changes);
        })
    };
    let on_clear = {
        let query = query.clone();
        Callback::from(move |_: MouseEvent| query.clear())
    };
    let inputs: Html = filters
        .iter()
        .map(|f| f.input(name, &typed, query))
        .collect();
    html! {
        <form class="toolbar" role="search" {onsubmit}>
            { inputs }
            if !text_keys.is_empty() {
                <button type="submit" class="btn" data-testid={format!("{name}-search")}>{ i18n.t(T::Search) }</button>
            }
            if query.is_filtered() {
                <button type="button" class="btn btn-ghost" onclick={on_clear} data-testid={format!("{name}-clear")}>
                    { i18n.t(T::Clear) }
                </button>
            }
        </form>
    }
}

impl Filter {
    /// The filter's box: text waits in `typed` until the toolbar is
    /// submitted, a choice changes the URL at once.
    fn input(&self, name: &str, typed: &Typed, query: &ListQuery) -> Html {
        match self {
            Filter::Text {
                key,
                label,
                placeholder,
                suggest,
                short,
            } => {
                let id = format!("{name}-{key}");
                let list = format!("{id}-suggest");
                let oninput = {
                    let (typed, key) = (typed.clone(), *key);
                    Callback::from(move |e: InputEvent| {
                        if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                            let mut next = (*typed).clone();
                            next.insert(key, i.value());
                            typed.set(next);
                        }
                    })
                };
                html! {
                    <>
                        <label class="sr-only" for={id.clone()}>{ label.clone() }</label>
                        <input id={id.clone()} type="search" data-testid={id.clone()}
                               class={classes!(short.then_some("input-short"))}
                               list={(!suggest.is_empty()).then(|| list.clone())}
                               value={typed.get(key).cloned().unwrap_or_default()}
                               placeholder={placeholder.clone()} {oninput} />
                        if !suggest.is_empty() {
                            <datalist id={list}>{ for suggest.iter().map(|p| html! { <option value={*p} /> }) }</datalist>
                        }
                    </>
                }
            }
            Filter::Select {
                key,
                label,
                choices,
            } => {
                let id = format!("{name}-{key}");
                let current = query.get(key).unwrap_or_default().to_owned();
                let onchange = {
                    let (query, key) = (query.clone(), *key);
                    Callback::from(move |e: Event| {
                        if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                            query.set(&[(key, non_empty(&s.value()))]);
                        }
                    })
                };
                html! {
                    <>
                        <label for={id.clone()}>{ label.clone() }</label>
                        <select id={id.clone()} data-testid={id} {onchange}>
                            { for choices.iter().map(|(v, l)| html! {
                                <option value={*v} selected={current == *v}>{ l.clone() }</option>
                            }) }
                        </select>
                    </>
                }
            }
        }
    }
}
