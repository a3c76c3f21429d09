//! Deactivate (or activate) a record with a confirmation: `POST
//! {api}/{id}/deactivate` or `/activate` against its version. The record's
//! history stays; a stale version makes the page load it again.

use crate::components::{ConfirmDialog, ErrorBannerProps, error_banner};
use crate::hooks::use_i18n;
use crate::i18n::T;
use crate::i18n::master::M;
use crate::services::requests::{ApiError, Call};
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ActiveToggleProps {
    /// The record's collection (`/customers`) and id.
    pub api: &'static str,
    pub id: Uuid,
    pub version: i32,
    pub active: bool,
    /// The record's name in the confirmation.
    pub name: AttrValue,
    /// Done, or the version was stale: the page loads the record again.
    pub on_done: Callback<()>,
}

/// Deactivate (or activate) with a confirmation; the record's history stays.
#[function_component(ActiveToggle)]
pub fn active_toggle(props: &ActiveToggleProps) -> Html {
    let ActiveToggleProps {
        api,
        id,
        version,
        active,
        name,
        on_done,
    } = props;
    let i18n = use_i18n();
    let asking = use_state(|| false);
    let busy = use_state(|| false);
    let failure = use_state(|| None::<ApiError>);
    let open = {
        let (asking, failure) = (asking.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            failure.set(None);
            asking.set(true);
        })
    };
    let cancel = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(false))
    };
    let confirm = {
        let (asking, busy, failure) = (asking.clone(), busy.clone(), failure.clone());
        let action = if *active { "deactivate" } else { "activate" };
        let call = Call::post(format!("{api}/{id}/{action}")).if_match(*version);
        let on_done = on_done.clone();
        Callback::from(move |_| {
            busy.set(true);
            let (call, asking, busy, failure, on_done) = (
                call.clone(),
                asking.clone(),
                busy.clone(),
                failure.clone(),
                on_done.clone(),
            );
            spawn_local(async move {
                let result = call.send().await;
                busy.set(false);
                match result {
                    Ok(()) => {
                        asking.set(false);
                        on_done.emit(());
                    }
                    Err(e) => {
                        if e.status() == 412 {
                            on_done.emit(());
                        }
                        failure.set(Some(e));
                    }
                }
            });
        })
    };
    let (label, title, body) = if *active {
        (
            T::Deactivate,
            M::ConfirmDeactivateTitle,
            M::ConfirmDeactivateBody,
        )
    } else {
        (T::Activate, M::ConfirmActivateTitle, M::ConfirmActivateBody)
    };
    html! {
        <>
            <button type="button" data-testid="toggle-active" onclick={open}
                    class={classes!("btn", if *active { "btn-danger-ghost" } else { "btn-primary" })}>
                { i18n.t(label) }
            </button>
            if *asking {
                <ConfirmDialog title={i18n.m(title)} body={i18n.mf(body, &[name])}
                               confirm_label={i18n.t(label)} danger={*active} busy={*busy}
                               on_confirm={confirm} on_cancel={cancel}>
                    if let Some(e) = (*failure).clone() { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e })) } }
                </ConfirmDialog>
            }
        </>
    }
}
