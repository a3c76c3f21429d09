//! A look-up inside a form (find the customer by phone, the machine by
//! serial): a search box whose Enter searches instead of sending the form, a
//! Find button, and the answer as a list of buttons to pick from.

use crate::components::{ErrorBannerProps, error_banner, loading};
use crate::hooks::{I18n, Remote};
use crate::services::requests::ApiError;
use furrow_domain::Page;
use std::future::Future;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The typed words and the answer of the last search (none before one).
pub struct Lookup<T: 'static> {
    q: UseStateHandle<String>,
    found: UseStateHandle<Option<Remote<Vec<T>>>>,
}

impl<T> Clone for Lookup<T> {
    fn clone(&self) -> Self {
        Lookup {
            q: self.q.clone(),
            found: self.found.clone(),
        }
    }
}

#[hook]
pub fn use_lookup<T: 'static>() -> Lookup<T> {
    Lookup {
        q: use_state(String::new),
        found: use_state(|| None),
    }
}

/// What a look-up box says.
pub struct LookupBox<'a> {
    /// Prefix of the ids and test ids: `sr-customer` gives `sr-customer-q`,
    /// `-find`, `-error`, `-results` and `-none`.
    pub id: &'static str,
    pub label: &'a str,
    pub placeholder: &'a str,
    /// The Find button.
    pub find: &'a str,
    /// What the list says when nothing was found.
    pub none: &'a str,
    /// Marks the box required (a form field that must be chosen).
    pub required: bool,
    pub error: Option<AttrValue>,
}

/// One found row: its key, test id, what it shows, and what picking it does.
pub struct Found {
    pub key: String,
    pub testid: Option<String>,
    pub body: Html,
    pub onclick: Callback<MouseEvent>,
}

impl<T: 'static> Lookup<T> {
    /// Forgets the last answer (something was picked).
    pub fn close(&self) {
        self.found.set(None);
    }

    /// Starts over: no words typed, no answer (the form was sent).
    pub fn reset(&self) {
        self.q.set(String::new());
        self.found.set(None);
    }

    /// Runs `find` with the typed words (none: nothing happens).
    fn search<Fut>(&self, find: impl Fn(String) -> Fut + 'static) -> Callback<()>
    where
        Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
    {
        let (q, found) = (self.q.clone(), self.found.clone());
        Callback::from(move |_: ()| {
            let q = q.trim().to_owned();
            if q.is_empty() {
                return;
            }
            found.set(Some(Remote::Loading));
            let (found, call) = (found.clone(), find(q));
            spawn_local(async move {
                found.set(Some(match call.await {
                    Ok(p) => Remote::Ready(p.items),
                    Err(e) => Remote::Failed(e),
                }));
            });
        })
    }

    /// The box, then the answer of the last search, each row as `row` shows it.
    pub fn view<Fut>(
        &self,
        i18n: &I18n,
        b: LookupBox<'_>,
        find: impl Fn(String) -> Fut + 'static,
        row: impl Fn(&T) -> Found,
    ) -> Html
    where
        Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
    {
        let run = self.search(find);
        // Enter in a look-up box searches instead of submitting the whole form.
        let onkeydown = {
            let run = run.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" {
                    e.prevent_default();
                    run.emit(());
                }
            })
        };
        let oninput = {
            let q = self.q.clone();
            Callback::from(move |e: InputEvent| {
                if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                    q.set(i.value());
                }
            })
        };
        let id = b.id;
        let error_id = format!("{id}-error");
        let answer = match &*self.found {
            None => Html::default(),
            Some(Remote::Loading) => loading(i18n),
            Some(Remote::Failed(e)) => {
                error_banner(i18n, &yew::props!(ErrorBannerProps { error: e.clone() }))
            }
            Some(Remote::Ready(list)) if list.is_empty() => html! {
                <p class="muted" data-testid={format!("{id}-none")}>{ b.none.to_owned() }</p>
            },
            Some(Remote::Ready(list)) => html! {
                <ul class="pick-list" data-testid={format!("{id}-results")}>
                    { for list.iter().map(row).map(|f| html! {
                        <li key={f.key}>
                            <button type="button" class="pick" data-testid={f.testid} onclick={f.onclick}>
                                { f.body }
                            </button>
                        </li>
                    }) }
                </ul>
            },
        };
        html! {
            <>
                <div class={classes!("field", b.error.is_some().then_some("has-error"))}>
                    <label for={format!("{id}-q")}>
                        { b.label.to_owned() }
                        if b.required { <span class="required" aria-hidden="true">{ " *" }</span> }
                    </label>
                    <div class="inline-search">
                        <input id={format!("{id}-q")} data-testid={format!("{id}-q")} type="search"
                               value={(*self.q).clone()} placeholder={b.placeholder.to_owned()} autocomplete="off"
                               {oninput} {onkeydown}
                               aria-invalid={b.error.is_some().then_some("true")}
                               aria-describedby={b.error.is_some().then_some(error_id.clone())} />
                        <button type="button" class="btn" data-testid={format!("{id}-find")}
                                onclick={run.reform(|_: MouseEvent| ())}>{ b.find.to_owned() }</button>
                    </div>
                    if let Some(e) = b.error {
                        <div class="field-error" id={error_id.clone()} data-testid={error_id}>{ e }</div>
                    }
                </div>
                { answer }
            </>
        }
    }
}
