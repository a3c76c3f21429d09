//! A modal that asks for a reason before a command that needs one (cancel,
//! reject, resolve, refuse to sign). Escape or Cancel closes it; the focus
//! starts in the text, and an empty required reason is refused next to it.

use crate::components::dom::{escape_cancels, focus_by_id};
use crate::components::form::{TextFieldProps, text_area};
use crate::components::{ErrorBannerProps, error_banner};
use crate::hooks::use_i18n;
use crate::i18n::T;
use crate::services::requests::ApiError;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReasonDialogProps {
    /// Prefix of the ids and test ids (`cancel` gives `cancel-reason`).
    pub id: AttrValue,
    pub title: AttrValue,
    pub body: AttrValue,
    pub label: AttrValue,
    pub confirm_label: AttrValue,
    #[prop_or_default]
    pub danger: bool,
    #[prop_or_default]
    pub busy: bool,
    /// The last attempt failed.
    #[prop_or_default]
    pub error: Option<ApiError>,
    /// The text is required (otherwise an empty text is sent as none).
    #[prop_or(true)]
    pub required: bool,
    pub on_confirm: Callback<String>,
    pub on_cancel: Callback<()>,
}

/// A modal asking for a reason (cancel, reject, resolve). Escape or Cancel
/// closes it; an empty required reason is refused next to the field.
#[function_component(ReasonDialog)]
pub fn reason_dialog(props: &ReasonDialogProps) -> Html {
    let ReasonDialogProps {
        id,
        title,
        body,
        label,
        confirm_label,
        danger,
        busy,
        error,
        required,
        on_confirm,
        on_cancel,
    } = props;
    let i18n = use_i18n();
    let text = use_state(String::new);
    let missing = use_state(|| false);
    let field_id = format!("{id}-reason");
    {
        let field_id = field_id.clone();
        use_effect_with((), move |_| focus_by_id(&field_id));
    }
    let onkeydown = escape_cancels(on_cancel, *busy);
    let oninput = {
        let (text, missing) = (text.clone(), missing.clone());
        Callback::from(move |v: String| {
            text.set(v);
            missing.set(false);
        })
    };
    let confirm = {
        let (text, missing, on_confirm, required) =
            (text.clone(), missing.clone(), on_confirm.clone(), *required);
        Callback::from(move |_: MouseEvent| {
            let t = text.trim().to_owned();
            if required && t.is_empty() {
                missing.set(true);
                return;
            }
            on_confirm.emit(t);
        })
    };
    let cancel = {
        let cb = on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <div class="modal-backdrop" {onkeydown}>
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby={format!("{id}-title")}
                 data-testid={format!("{id}-dialog")}>
                <h2 id={format!("{id}-title")}>{ title.clone() }</h2>
                <p>{ body.clone() }</p>
                if let Some(e) = error.clone() { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e, testid: format!("{id}-error-banner") })) } }
                { text_area(&i18n, &yew::props!(TextFieldProps { id: field_id.clone(), label: label.clone(), value: (*text).clone(), oninput, required: *required, optional: !*required, rows: 4, maxlength: 2000, error: missing.then(|| AttrValue::from(i18n.t(T::FeRequired))) })) }
                <div class="modal-actions">
                    <button type="button" class="btn" disabled={*busy} onclick={cancel}
                            data-testid={format!("{id}-cancel")}>{ i18n.t(T::Cancel) }</button>
                    <button type="button" class={classes!("btn", if *danger { "btn-danger" } else { "btn-primary" })}
                            disabled={*busy} onclick={confirm} data-testid={format!("{id}-confirm")}>
                        { confirm_label.clone() }
                    </button>
                </div>
            </div>
        </div>
    }
}
