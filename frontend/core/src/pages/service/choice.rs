//! The customer's choice past the 三包 repair deadline on a request's page:
//! the banner the server's `customer_choice` raises (客户可选择继续修理或换货),
//! and the dialog recording the choice, continue the repair or replace the
//! machine (换货) with the new serial and the day, offered only when the
//! view's `actions` lists `record_customer_choice`.

use super::common::when;
use crate::components::ConfirmDialog;
use crate::components::form::{
    DateKind, FieldErrors, TextFieldProps, date_field, text_area, text_field,
};
use crate::hooks::{I18n, use_form, use_i18n};
use crate::i18n::service::S;
use crate::services::service_requests as api;
use crate::time::{parse_day, today};
use furrow_domain::service::ServiceRequestView;
use furrow_domain::service::replacement::{ChoiceKind, CustomerChoiceRequest};
use uuid::Uuid;
use yew::prelude::*;

/// The banner of a request whose customer may choose, with the button when
/// the user may record the choice (`on_open`).
pub fn choice_banner(
    i18n: &I18n,
    r: &ServiceRequestView,
    on_open: Option<Callback<MouseEvent>>,
    busy: bool,
) -> Html {
    let Some(c) = r.customer_choice else {
        return Html::default();
    };
    html! {
        <div class="banner banner-warning" role="status" data-testid="sr-choice"
             data-since={c.eligible_since.to_rfc3339()}>
            <div class="banner-text">
                <strong>{ i18n.s(S::ChoiceBanner) }</strong>
                <p>{ i18n.sf(S::ChoiceBannerBody, &[&when(&Some(c.eligible_since))]) }</p>
            </div>
            if let Some(onclick) = on_open {
                <button type="button" class="btn" disabled={busy} {onclick} data-testid="sr-choice-open">
                    { i18n.s(S::RecordChoice) }
                </button>
            }
        </div>
    }
}

/// The draft of the dialog.
#[derive(Clone, PartialEq)]
struct Draft {
    choice: ChoiceKind,
    serial: String,
    on: String,
    note: String,
}

#[derive(Properties, PartialEq)]
pub struct ChoiceDialogProps {
    pub request_id: Uuid,
    pub version: i32,
    /// The answer and the page's message.
    pub on_done: Callback<(ServiceRequestView, String)>,
    pub on_cancel: Callback<()>,
    /// Reloads the request after a conflict.
    pub reload: Callback<()>,
}

/// `POST /service-requests/{id}/customer-choice` at the request's version.
#[function_component(ChoiceDialog)]
pub fn choice_dialog(props: &ChoiceDialogProps) -> Html {
    let ChoiceDialogProps {
        request_id,
        version,
        on_done,
        on_cancel,
        reload,
    } = props;
    let i18n = use_i18n();
    let form = use_form(|| Draft {
        choice: ChoiceKind::ContinueRepair,
        serial: String::new(),
        on: today().to_string(),
        note: String::new(),
    });
    let d = (*form.draft).clone();
    let replace = d.choice == ChoiceKind::Replace;
    let confirm = {
        let (form, on_done, i18n) = (form.clone(), on_done.clone(), i18n.clone());
        let (id, version) = (*request_id, *version);
        Callback::from(move |_: ()| {
            let d = (*form.draft).clone();
            let replace = d.choice == ChoiceKind::Replace;
            let replaced_on = match (replace, parse_day(&d.on)) {
                (false, _) => None,
                (true, Some(day)) => Some(day),
                (true, None) => {
                    form.refuse(FieldErrors(vec![DateKind::Day.refusal("replaced_on")]));
                    return;
                }
            };
            let body = CustomerChoiceRequest {
                choice: d.choice,
                new_serial_number: replace.then(|| d.serial.trim().to_owned()),
                replaced_on,
                note: Some(d.note.trim().to_owned()).filter(|n| !n.is_empty()),
            };
            let message = i18n
                .s(if replace {
                    S::MachineReplacedDone
                } else {
                    S::ChoiceRecorded
                })
                .to_owned();
            let on_done = on_done.clone();
            // A refusal (a serial taken, a day out of range) stays in the
            // dialog; a stale version offers Reload in its banner.
            let call = async move { api::customer_choice(id, version, &body).await };
            form.submit(call, move |v| on_done.emit((v, message)));
        })
    };
    let pick = |kind: ChoiceKind, label: S, testid: &'static str| {
        let onchange = form.change(move |d: &mut Draft, _: Event| d.choice = kind);
        html! {
            <label class="choice-option">
                <input type="radio" name="customer-choice" checked={d.choice == kind} {onchange}
                       data-testid={testid} />
                { " " }{ i18n.s(label) }
            </label>
        }
    };
    html! {
        <ConfirmDialog title={i18n.s(S::RecordChoice)} body={i18n.s(S::ChoiceBanner)}
                       confirm_label={i18n.s(S::RecordChoice)} busy={*form.busy}
                       danger={replace} on_confirm={confirm} on_cancel={on_cancel.clone()}>
            <div class="form-grid" data-testid="choice-dialog">
                <fieldset class="choice-options">
                    { pick(ChoiceKind::ContinueRepair, S::ChoiceContinue, "choice-continue") }
                    { pick(ChoiceKind::Replace, S::ChoiceReplace, "choice-replace") }
                </fieldset>
                if replace {
                    { text_field(&i18n, &yew::props!(TextFieldProps {
                        id: "choice-new_serial_number",
                        label: i18n.s(S::NewSerial),
                        value: d.serial.clone(),
                        oninput: form.edit(|d, v| d.serial = v),
                        required: true,
                        maxlength: 64,
                        error: form.err(&i18n, "new_serial_number"),
                    })) }
                    { date_field(&i18n, &yew::props!(TextFieldProps {
                        id: "choice-replaced_on",
                        label: i18n.s(S::ReplacedOn),
                        value: d.on.clone(),
                        oninput: form.edit(|d, v| d.on = v),
                        required: true,
                        error: form.err(&i18n, "replaced_on"),
                    }), DateKind::Day) }
                }
            </div>
            { text_area(&i18n, &yew::props!(TextFieldProps {
                id: "choice-note",
                label: i18n.s(S::ChNote),
                value: d.note.clone(),
                oninput: form.edit(|d, v| d.note = v),
                optional: true,
                maxlength: 2000,
                rows: 2,
                error: form.err(&i18n, "note"),
            })) }
            { form.failure_banner(&i18n, &["new_serial_number", "replaced_on", "note"], reload, "choice-error") }
        </ConfirmDialog>
    }
}
