//! The one time a secret is shown: a client's after registering and after
//! rotating, a webhook's after subscribing. Nothing keeps it; closing the
//! panel forgets it.

use crate::hooks::use_i18n;
use crate::i18n::T;
use uuid::Uuid;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SecretOnceProps {
    pub client_id: Uuid,
    pub secret: AttrValue,
    /// What just happened (registered, rotated), above the warning.
    pub heading: AttrValue,
    /// The administrator has saved it: the panel closes.
    pub on_done: Callback<()>,
    /// Another record's labels (a webhook's) instead of a client's: the
    /// id's, the secret's, and the warning.
    #[prop_or_default]
    pub labels: Option<(T, T, T)>,
}

#[function_component(SecretOnce)]
pub fn secret_once(props: &SecretOnceProps) -> Html {
    let i18n = use_i18n();
    let copied = use_state(|| false);
    let copy = {
        let (secret, copied) = (props.secret.to_string(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(window) = web_sys::window() else {
                return;
            };
            let promise = window.navigator().clipboard().write_text(&secret);
            let copied = copied.clone();
            // The browser may refuse (no permission, not a secure page): the
            // secret stays selectable on the page.
            spawn_local(async move {
                if JsFuture::from(promise).await.is_ok() {
                    copied.set(true);
                }
            });
        })
    };
    let done = props.on_done.reform(|_: MouseEvent| ());
    let (id_label, secret_label, warning) =
        props
            .labels
            .unwrap_or((T::ClientId, T::ClientSecret, T::SecretOnce));
    html! {
        <section class="panel" data-testid="secret-once">
            <h2>{ props.heading.clone() }</h2>
            <div class="banner banner-warning" data-testid="secret-warning"><div class="banner-text">{ i18n.t(warning) }</div></div>
            <dl class="facts facts-1">
                <div class="dl-row">
                    <dt>{ i18n.t(id_label) }</dt>
                    <dd class="mono" data-testid="secret-client-id">{ props.client_id.to_string() }</dd>
                </div>
                <div class="dl-row">
                    <dt>{ i18n.t(secret_label) }</dt>
                    <dd>
                        <code class="mono" data-testid="secret-value">{ props.secret.clone() }</code>
                        { " " }
                        <button type="button" class="btn btn-small" onclick={copy} data-testid="secret-copy">
                            { if *copied { i18n.t(T::Copied) } else { i18n.t(T::Copy) } }
                        </button>
                    </dd>
                </div>
            </dl>
            <div class="form-actions">
                <button type="button" class="btn btn-primary" onclick={done} data-testid="secret-done">{ i18n.t(T::SecretDone) }</button>
            </div>
        </section>
    }
}
