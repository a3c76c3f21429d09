//! The customer's on-site acknowledgement (现场确认) as the pages show it:
//! the satisfaction choices on the engineer's phone, what was acknowledged on
//! the work order and report pages, and the sign-off link's QR code, an
//! image the server draws (no QR encoder in the bundles).

use super::common::when;
use crate::components::definition_list::dl_row;
use crate::components::dom::base64;
use crate::hooks::I18n;
use crate::i18n::service::{S, satisfaction};
use crate::services::requests::API_BASE;
use crate::services::work_orders as api;
use furrow_domain::service::{Acknowledgement, Satisfaction, SignLinkView};
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The five satisfaction marks as big choices; `error` when none is picked.
pub fn satisfaction_choices(
    i18n: &I18n,
    value: Option<Satisfaction>,
    on_pick: &Callback<Satisfaction>,
    error: bool,
) -> Html {
    let choice = |s: Satisfaction| {
        let pick = on_pick.reform(move |_: Event| s);
        let id = format!("ack-{}", s.as_str());
        html! {
            <label class={classes!("choice", (value == Some(s)).then_some("on"))} for={id.clone()}>
                <input type="radio" name="satisfaction" id={id.clone()} data-testid={id}
                       checked={value == Some(s)} onchange={pick} />
                { satisfaction(s, i18n.lang) }
            </label>
        }
    };
    html! {
        <fieldset class={classes!("field", "choice-pair", error.then_some("has-error"))} data-testid="ack-satisfaction">
            <legend>{ i18n.s(S::Satisfaction) }<span class="required" aria-hidden="true">{ " *" }</span></legend>
            { for Satisfaction::ALL.iter().map(|s| choice(*s)) }
            if error { <div class="field-error" data-testid="ack-satisfaction-error">{ i18n.s(S::FeChooseSatisfaction) }</div> }
        </fieldset>
    }
}

/// The signature drawn with work order `id`'s acknowledgement, as a `data:`
/// URL once fetched (with the session's token); none while there is none.
#[hook]
pub fn use_acknowledgement_png(id: Option<Uuid>) -> Option<String> {
    let png = use_state(|| None::<String>);
    {
        let png = png.clone();
        use_effect_with(id, move |id| {
            if let Some(wid) = *id {
                spawn_local(async move {
                    if let Ok(bytes) = api::acknowledgement_png(wid).await {
                        png.set(Some(format!("data:image/png;base64,{}", base64(&bytes))));
                    }
                });
            }
        });
    }
    (*png).clone()
}

/// What the customer acknowledged on site, with their signature when fetched.
pub fn acknowledgement_panel(i18n: &I18n, ack: &Acknowledgement, png: Option<String>) -> Html {
    html! {
        <section class="panel signature-block" aria-labelledby="ack-h" data-testid="acknowledgement">
            <h2 id="ack-h">{ i18n.s(S::AckTitle) }</h2>
            <dl class="dl">
                { dl_row(i18n.s(S::SignerName), html! { <span data-testid="ack-signer">{ &ack.signer_name }</span> }) }
                { dl_row(i18n.s(S::Satisfaction), html! { <span data-testid="ack-mark">{ satisfaction(ack.satisfaction, i18n.lang) }</span> }) }
                { dl_row(i18n.s(S::AckAt), html! { when(&Some(ack.at)) }) }
            </dl>
            if let Some(src) = png {
                <img class="signature-img" src={src} alt={i18n.s(S::Signature)} data-testid="ack-signature" />
            }
        </section>
    }
}

/// The QR code of the sign-off link `token` (drawn by the server), with `caption`.
pub fn sign_qr(i18n: &I18n, token: &str, caption: S) -> Html {
    html! {
        <figure class="sign-qr" data-testid="sign-qr">
            <img src={format!("{API_BASE}/sign/{token}/qr.svg")} alt={i18n.s(S::SignQr)}
                 width="200" height="200" data-testid="sign-qr-img" />
            <figcaption class="muted small">{ i18n.s(caption) }</figcaption>
        </figure>
    }
}

/// A sign-off link as it is given to the customer: the address (on this
/// site's `origin`) with its expiry, and its QR code captioned `caption`.
pub fn sign_link_shown(i18n: &I18n, link: &SignLinkView, origin: &str, caption: S) -> Html {
    html! {
        <>
            <code class="sign-url" data-testid="sign-path">{ format!("{origin}{}", link.path) }</code>
            <p class="muted small">{ i18n.sf(S::ValidUntil, &[&when(&Some(link.expires_at))]) }</p>
            { sign_qr(i18n, &link.token, caption) }
        </>
    }
}

/// This site's origin (`https://host`), which a link's path is put on.
pub fn site_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}
