//! A dialog that asks for a few fields before one write (a warranty change,
//! a certificate reissue). The fields are the record form's descriptors, so
//! they are typed, checked and shown as in every form; the write is the
//! caller's. A refused write keeps the dialog open with the errors on their
//! fields; success closes it, and so does a stale version (412), since the
//! page then reloads the record and shows what someone else changed.

use crate::components::ConfirmDialog;
use crate::components::record_form::{Draft, Field, field_view, input_of, shown_keys};
use crate::hooks::{use_form, use_i18n};
use crate::services::requests::{Call, new_nonce};
use serde_json::Value;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FormDialogProps {
    /// The prefix of the fields' ids: `reissue` gives `reissue-notes`.
    pub name: &'static str,
    /// The test id of the fields' grid.
    pub testid: &'static str,
    /// The dialog's title and its confirm button.
    pub title: AttrValue,
    pub body: AttrValue,
    pub fields: Vec<Field>,
    /// The values the fields start with.
    #[prop_or_default]
    pub start: Draft,
    /// The write, from the fields' input (blank text is `null`).
    pub call: Callback<Value, Call>,
    /// The write creates a record: sent with this dialog's Idempotency-Key,
    /// so a retried confirm creates it once.
    #[prop_or_default]
    pub creates: bool,
    pub on_done: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[function_component(FormDialog)]
pub fn form_dialog(props: &FormDialogProps) -> Html {
    let i18n = use_i18n();
    let form = use_form(|| props.start.clone());
    let nonce = use_memo((), |_| new_nonce());
    let on_confirm = {
        let (form, fields, creates) = (form.clone(), props.fields.clone(), props.creates);
        let (call, on_done) = (props.call.clone(), props.on_done.clone());
        Callback::from(move |_: ()| {
            let input = match input_of(&fields, &form.draft, None) {
                Ok(input) => input,
                Err(errors) => return form.refuse(errors),
            };
            let call = call.emit(input);
            let sent = if creates {
                call.idempotent(&nonce)
            } else {
                call
            }
            .send();
            let sent = async move {
                match sent.await {
                    Err(e) if e.status() == 412 => Ok(()),
                    answer => answer,
                }
            };
            let on_done = on_done.clone();
            form.submit(sent, move |()| on_done.emit(()));
        })
    };
    let shown = shown_keys(&props.fields);
    let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
    let fields = props.fields.iter();
    let fields = fields.map(|f| field_view(&i18n, &form, props.name, f, false));
    html! {
        <ConfirmDialog title={props.title.clone()} body={props.body.clone()} confirm_label={props.title.clone()}
                       busy={*form.busy} {on_confirm} on_cancel={props.on_cancel.clone()}>
            <div class="form-grid" data-testid={props.testid}>{ for fields }</div>
            { form.failure_banner(&i18n, &shown, &Callback::noop(), "dialog-error") }
        </ConfirmDialog>
    }
}
