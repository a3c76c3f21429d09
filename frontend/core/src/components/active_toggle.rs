//! Deactivate (or activate) a record with a confirmation: `POST
//! {api}/{id}/deactivate` or `/activate` against its version. The record's
//! history stays; a stale version makes the page load it again. Master
//! records and users share the dialog; their pages say what it is about.

use crate::components::{ConfirmDialog, ErrorBannerProps, error_banner};
use crate::hooks::use_i18n;
use crate::i18n::T;
use crate::i18n::master::M;
use crate::services::requests::{ApiError, Call};
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ActiveDialogProps {
    /// The record's collection (`/customers`) and id.
    pub api: &'static str,
    pub id: Uuid,
    pub version: i32,
    /// Whether the record is active now (the dialog deactivates it).
    pub active: bool,
    /// What the dialog asks.
    pub title: AttrValue,
    pub body: AttrValue,
    /// Done: the record as the API answered (its JSON text).
    pub on_done: Callback<String>,
    pub on_cancel: Callback<()>,
    /// Someone changed the record meanwhile: the page loads the current version.
    pub on_stale: Callback<()>,
}

/// The confirmation that deactivates (or activates) a record; a failure
/// stays in the dialog.
#[function_component(ActiveDialog)]
pub fn active_dialog(props: &ActiveDialogProps) -> Html {
    let ActiveDialogProps {
        api,
        id,
        version,
        active,
        title,
        body,
        on_done,
        on_cancel,
        on_stale,
    } = props;
    let i18n = use_i18n();
    let busy = use_state(|| false);
    let failure = use_state(|| None::<ApiError>);
    let confirm = {
        let (busy, failure) = (busy.clone(), failure.clone());
        let action = if *active { "deactivate" } else { "activate" };
        let call = Call::post(format!("{api}/{id}/{action}")).if_match(*version);
        let (on_done, on_stale) = (on_done.clone(), on_stale.clone());
        Callback::from(move |_| {
            busy.set(true);
            failure.set(None);
            let (call, busy, failure) = (call.clone(), busy.clone(), failure.clone());
            let (on_done, on_stale) = (on_done.clone(), on_stale.clone());
            spawn_local(async move {
                let result = call.text().await;
                busy.set(false);
                match result {
                    Ok(saved) => on_done.emit(saved),
                    Err(e) => {
                        if e.status() == 412 {
                            on_stale.emit(());
                        }
                        failure.set(Some(e));
                    }
                }
            });
        })
    };
    let label = if *active { T::Deactivate } else { T::Activate };
    html! {
        <ConfirmDialog title={title.clone()} body={body.clone()} confirm_label={i18n.t(label)}
                       danger={*active} busy={*busy} on_confirm={confirm} on_cancel={on_cancel.clone()}>
            if let Some(e) = (*failure).clone() { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e })) } }
        </ConfirmDialog>
    }
}

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

/// A master record's Deactivate (or Activate) button and its confirmation.
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
    let open = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(true))
    };
    let on_cancel = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(false))
    };
    let done = {
        let (asking, on_done) = (asking.clone(), on_done.clone());
        Callback::from(move |_: String| {
            asking.set(false);
            on_done.emit(());
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
                <ActiveDialog {api} id={*id} version={*version} active={*active} title={i18n.m(title)}
                              body={i18n.mf(body, &[name])} on_done={done} {on_cancel}
                              on_stale={on_done.clone()} />
            }
        </>
    }
}
