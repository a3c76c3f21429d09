//! A command behind a confirmation, written once: its button opens the
//! dialog, Confirm sends the call, the answer closes the dialog, a failure
//! shows inside it, and a 412's Reload closes it and reloads the record.

use crate::components::ConfirmDialog;
use crate::hooks::{Form, I18n, use_form};
use crate::services::requests::ApiError;
use std::future::Future;
use yew::prelude::*;

/// The handles of one confirmed command (cheap to clone into callbacks).
#[derive(Clone)]
pub struct Confirmed {
    asking: UseStateHandle<bool>,
    // No draft: the form keeps the call's busy state and its failure.
    form: Form<()>,
}

/// What the dialog says and whether it may be confirmed.
pub struct Ask {
    pub title: AttrValue,
    pub body: AttrValue,
    pub confirm: AttrValue,
    /// Red confirm button for destructive commands.
    pub danger: bool,
    /// Confirm stays disabled (the body says why).
    pub blocked: bool,
    /// The failure banner's test id.
    pub error_testid: &'static str,
}

#[hook]
pub fn use_confirmed() -> Confirmed {
    Confirmed {
        asking: use_state(|| false),
        form: use_form(|| ()),
    }
}

impl Confirmed {
    /// The command button's `onclick`: opens the dialog without an old failure.
    pub fn open(&self) -> Callback<MouseEvent> {
        let (asking, form) = (self.asking.clone(), self.form.clone());
        Callback::from(move |_: MouseEvent| {
            form.failure.set(None);
            asking.set(true);
        })
    }

    /// Confirm's callback: sends `call()`; its answer closes the dialog and
    /// goes to `done`.
    pub fn on_confirm<R: 'static, F>(
        &self,
        call: impl Fn() -> F + 'static,
        done: Callback<R>,
    ) -> Callback<()>
    where
        F: Future<Output = Result<R, ApiError>> + 'static,
    {
        let (form, asking) = (self.form.clone(), self.asking.clone());
        Callback::from(move |()| {
            let (done, asking) = (done.clone(), asking.clone());
            form.submit(call(), move |r| {
                asking.set(false);
                done.emit(r);
            });
        })
    }

    /// The dialog while it is open, else nothing.
    pub fn dialog(
        &self,
        i18n: &I18n,
        ask: Ask,
        on_confirm: Callback<()>,
        on_reload: &Callback<()>,
    ) -> Html {
        if !*self.asking {
            return Html::default();
        }
        let on_cancel = {
            let asking = self.asking.clone();
            Callback::from(move |()| asking.set(false))
        };
        let on_stale = {
            let (asking, on_reload) = (self.asking.clone(), on_reload.clone());
            Callback::from(move |()| {
                asking.set(false);
                on_reload.emit(());
            })
        };
        html! {
            <ConfirmDialog title={ask.title} body={ask.body} confirm_label={ask.confirm}
                           danger={ask.danger} busy={*self.form.busy || ask.blocked} {on_confirm} {on_cancel}>
                { self.form.failure_banner(i18n, &[], &on_stale, ask.error_testid) }
            </ConfirmDialog>
        }
    }
}
