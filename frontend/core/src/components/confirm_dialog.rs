//! A modal confirmation for actions that are hard to take back.
//! Escape or Cancel closes it; the keyboard focus starts on Cancel, so a
//! stray Enter does not confirm.

use crate::components::dom::escape_cancels;
use crate::hooks::use_i18n;
use crate::i18n::T;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfirmDialogProps {
    pub title: AttrValue,
    pub body: AttrValue,
    pub confirm_label: AttrValue,
    /// Red confirm button for destructive actions.
    #[prop_or_default]
    pub danger: bool,
    /// The action is running: buttons are disabled.
    #[prop_or_default]
    pub busy: bool,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
    /// Shown under the body (the action failed).
    #[prop_or_default]
    pub children: Html,
}

#[function_component(ConfirmDialog)]
pub fn confirm_dialog(props: &ConfirmDialogProps) -> Html {
    let ConfirmDialogProps {
        title,
        body,
        confirm_label,
        danger,
        busy,
        on_confirm,
        on_cancel,
        children,
    } = props;
    let i18n = use_i18n();
    let cancel_ref = use_node_ref();
    {
        let cancel_ref = cancel_ref.clone();
        use_effect_with((), move |_| {
            if let Some(el) = cancel_ref.cast::<HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let onkeydown = escape_cancels(on_cancel, *busy);
    let confirm = {
        let cb = on_confirm.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let cancel = {
        let cb = on_cancel.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <div class="modal-backdrop" {onkeydown}>
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-title"
                 aria-describedby="confirm-body" data-testid="confirm-dialog">
                <h2 id="confirm-title">{ title.clone() }</h2>
                <p id="confirm-body">{ body.clone() }</p>
                { children.clone() }
                <div class="modal-actions">
                    <button type="button" class="btn" ref={cancel_ref} disabled={*busy}
                            data-testid="confirm-cancel" onclick={cancel}>{ i18n.t(T::Cancel) }</button>
                    <button type="button" class={classes!("btn", if *danger { "btn-danger" } else { "btn-primary" })}
                            disabled={*busy} data-testid="confirm-ok" onclick={confirm}>{ confirm_label.clone() }</button>
                </div>
            </div>
        </div>
    }
}
