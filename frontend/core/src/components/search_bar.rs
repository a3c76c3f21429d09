//! The toolbar above a list: a search box that applies on Enter or its
//! button, then the list's own filters. The box follows the URL, so Back and
//! Forward show the search of the rows they show.

use crate::components::form::Choice;
use crate::hooks::use_i18n;
use crate::i18n::T;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SearchBarProps {
    /// Prefix of the ids and test ids: `users` gives `users-q` and `users-search`.
    pub id: AttrValue,
    /// The search as the URL has it.
    pub value: AttrValue,
    pub label: AttrValue,
    pub placeholder: AttrValue,
    /// The typed search, trimmed (empty clears it).
    pub on_search: Callback<String>,
    /// The filters after the search button.
    #[prop_or_default]
    pub children: Html,
}

#[function_component(SearchBar)]
pub fn search_bar(props: &SearchBarProps) -> Html {
    let SearchBarProps {
        id,
        value,
        label,
        placeholder,
        on_search,
        children,
    } = props;
    let i18n = use_i18n();
    let text = use_state(|| value.to_string());
    {
        let text = text.clone();
        use_effect_with(value.clone(), move |v| text.set(v.to_string()));
    }
    let onsubmit = {
        let (text, on_search) = (text.clone(), on_search.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_search.emit(text.trim().to_owned());
        })
    };
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                text.set(i.value());
            }
        })
    };
    let input_id = format!("{id}-q");
    html! {
        <form class="toolbar" role="search" {onsubmit}>
            <label class="sr-only" for={input_id.clone()}>{ label.clone() }</label>
            <input id={input_id.clone()} type="search" data-testid={input_id} value={(*text).clone()}
                   placeholder={placeholder.clone()} {oninput} />
            <button type="submit" class="btn" data-testid={format!("{id}-search")}>{ i18n.t(T::Search) }</button>
            { children.clone() }
        </form>
    }
}

/// A filter of the toolbar: a select whose choice applies at once. A
/// `hidden_label` is for screen readers only (the choices say what it is).
pub fn filter_select(
    id: &'static str,
    (label, hidden_label): (&str, bool),
    value: &str,
    choices: Vec<Choice>,
    onchange: Callback<String>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
            onchange.emit(s.value());
        }
    });
    html! {
        <>
            <label for={id} class={classes!(hidden_label.then_some("sr-only"))}>{ label.to_owned() }</label>
            <select {id} data-testid={id} {onchange}>
                { for choices.into_iter().map(|c| html! {
                    <option value={c.value.clone()} selected={c.value == value}>{ c.label }</option>
                }) }
            </select>
        </>
    }
}
