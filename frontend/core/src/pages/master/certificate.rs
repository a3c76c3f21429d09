//! The machine's lost 三包 certificate reissues (三包凭证补办) on its archive
//! page: each request with its due date (10 working days, computed by the
//! server from the calendar in the settings) and state, a dialog to record a
//! request and one to mark it reissued.

use crate::components::data_table::table_head;
use crate::components::dialog_call::{dialog_errors, send_dialog_call};
use crate::components::form::{DateKind, TextFieldProps, date_field, text_area, text_field};
use crate::components::{ConfirmDialog, ErrorBannerProps, Tone, badge, error_banner};
use crate::hooks::{I18n, use_i18n};
use crate::i18n::master::M;
use crate::services::requests::{ApiError, Call, new_nonce};
use crate::time::parse_day;
use furrow_domain::master::{
    CertificateReissueRequest, CertificateReissueView, CertificateReissued, ReissueState,
};
use uuid::Uuid;
use yew::prelude::*;

fn state_badge(i18n: &I18n, state: ReissueState, testid: String) -> Html {
    let (tone, label) = match state {
        ReissueState::Open => (Tone::Info, M::ReissueOpen),
        ReissueState::Overdue => (Tone::Danger, M::ReissueOverdue),
        ReissueState::Reissued => (Tone::Success, M::ReissueDone),
    };
    badge(tone, i18n.m(label), Some(testid))
}

#[derive(Properties, PartialEq)]
pub struct ReissuesProps {
    pub machine_id: Uuid,
    pub reissues: Vec<CertificateReissueView>,
    /// Who may record a request and who may mark one reissued.
    pub can_request: bool,
    pub can_reissue: bool,
    /// Something changed: the page loads the archive again.
    pub on_done: Callback<()>,
}

/// Which dialog is open.
#[derive(Clone, PartialEq)]
enum Open {
    None,
    Record,
    Done(CertificateReissueView),
}

#[function_component(Reissues)]
pub fn reissues(props: &ReissuesProps) -> Html {
    let i18n = use_i18n();
    let open = use_state(|| Open::None);
    let show = |what: Open| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(what.clone()))
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_| open.set(Open::None))
    };
    let done = {
        let (open, on_done) = (open.clone(), props.on_done.clone());
        Callback::from(move |_| {
            open.set(Open::None);
            on_done.emit(());
        })
    };
    let row = |r: &CertificateReissueView| {
        let testid = format!("reissue-{}", r.id);
        html! {
            <tr key={r.id.to_string()} data-testid={testid.clone()}>
                <td>{ &r.requested_by }</td>
                <td class="nowrap">{ r.requested_on.to_string() }</td>
                <td class="nowrap" data-testid={format!("{testid}-due")}><strong>{ r.due_on.to_string() }</strong></td>
                <td>{ state_badge(&i18n, r.state, format!("{testid}-state")) }</td>
                <td class="nowrap">
                    { r.certificate_number.clone().unwrap_or_default() }
                    { r.reissued_on.map(|d| format!(" · {d}")).unwrap_or_default() }
                </td>
                <td>
                    if props.can_reissue && r.reissued_on.is_none() {
                        <button type="button" class="btn btn-small" onclick={show(Open::Done(r.clone()))}
                                data-testid={format!("{testid}-done-open")}>
                            { i18n.m(M::ReissueMarkDone) }
                        </button>
                    }
                </td>
            </tr>
        }
    };
    let list = if props.reissues.is_empty() {
        html! { <p class="empty-state">{ i18n.m(M::ReissuesEmpty) }</p> }
    } else {
        html! {
            <table class="table compact">
                { table_head(&[i18n.m(M::ReissueRequestedBy), i18n.m(M::ReissueRequestedOn),
                    i18n.m(M::ReissueDueOn), i18n.m(M::ReissueState), i18n.m(M::ReissueNumber), ""]) }
                <tbody>{ for props.reissues.iter().map(row) }</tbody>
            </table>
        }
    };
    let dialog = match &*open {
        Open::None => Html::default(),
        Open::Record => html! {
            <RecordDialog machine_id={props.machine_id} on_done={done} on_cancel={close} />
        },
        Open::Done(r) => html! {
            <DoneDialog machine_id={props.machine_id} reissue={r.clone()} on_done={done} on_cancel={close} />
        },
    };
    html! {
        <section class="panel" aria-labelledby="reissues-h" data-testid="machine-reissues">
            <h2 id="reissues-h">{ i18n.m(M::ReissuesSection) }</h2>
            { list }
            if props.can_request {
                <button type="button" class="btn" onclick={show(Open::Record)} data-testid="reissue-record-open">
                    { i18n.m(M::ReissueRecord) }
                </button>
            }
            { dialog }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DialogProps {
    machine_id: Uuid,
    #[prop_or_default]
    reissue: Option<CertificateReissueView>,
    on_done: Callback<()>,
    on_cancel: Callback<()>,
}

fn setter(state: &UseStateHandle<String>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |s: String| state.set(s))
}

fn today() -> String {
    crate::time::today().to_string()
}

/// `POST /machines/{id}/certificate-reissues`, once per form (Idempotency-Key).
#[function_component(RecordDialog)]
fn record_dialog(props: &DialogProps) -> Html {
    let i18n = use_i18n();
    let by = use_state(String::new);
    let on = use_state(today);
    let notes = use_state(String::new);
    let nonce = use_memo((), |_| new_nonce());
    let busy = use_state(|| false);
    let failure = use_state(|| None::<ApiError>);
    let bad_day = use_state(|| false);
    let errors = dialog_errors(&failure, bad_day.then_some("requested_on"));
    let confirm = {
        let (by, on, notes, nonce) = (by.clone(), on.clone(), notes.clone(), nonce.clone());
        let (busy, failure, on_done) = (busy.clone(), failure.clone(), props.on_done.clone());
        let bad_day = bad_day.clone();
        let id = props.machine_id;
        Callback::from(move |_| {
            let Some(requested_on) = parse_day(&on) else {
                bad_day.set(true);
                return;
            };
            bad_day.set(false);
            let body = CertificateReissueRequest {
                requested_by: by.trim().to_owned(),
                requested_on,
                notes: Some(notes.trim().to_owned()).filter(|n| !n.is_empty()),
            };
            let call = Call::post(format!("/machines/{id}/certificate-reissues"))
                .json(&body)
                .idempotent(&nonce);
            send_dialog_call(call, busy.clone(), failure.clone(), on_done.clone());
        })
    };
    let others = errors.others(&["requested_by", "requested_on", "notes"]);
    html! {
        <ConfirmDialog title={i18n.m(M::ReissueRecord)} body={i18n.m(M::ReissueRecordBody)}
                       confirm_label={i18n.m(M::ReissueRecord)} busy={*busy}
                       on_confirm={confirm} on_cancel={props.on_cancel.clone()}>
            <div class="form-grid" data-testid="reissue-record">
                { text_field(&i18n, &yew::props!(TextFieldProps {
                    id: "reissue-requested_by",
                    label: i18n.m(M::ReissueRequestedBy),
                    value: (*by).clone(),
                    oninput: setter(&by),
                    required: true,
                    maxlength: 100,
                    error: errors.text(&i18n, "requested_by"),
                })) }
                { date_field(&i18n, &yew::props!(TextFieldProps {
                    id: "reissue-requested_on",
                    label: i18n.m(M::ReissueRequestedOn),
                    value: (*on).clone(),
                    oninput: setter(&on),
                    required: true,
                    error: errors.text(&i18n, "requested_on"),
                }), DateKind::Day) }
            </div>
            { text_area(&i18n, &yew::props!(TextFieldProps {
                id: "reissue-notes",
                label: i18n.m(M::ReissueNotes),
                value: (*notes).clone(),
                oninput: setter(&notes),
                optional: true,
                maxlength: 500,
                error: errors.text(&i18n, "notes"),
            })) }
            if let Some(e) = (*failure).clone().filter(|_| errors.is_empty() || !others.is_empty()) {
                { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e })) }
            }
        </ConfirmDialog>
    }
}

/// `POST /machines/{id}/certificate-reissues/{rid}/done` at the reissue's version.
#[function_component(DoneDialog)]
fn done_dialog(props: &DialogProps) -> Html {
    let i18n = use_i18n();
    let number = use_state(String::new);
    let on = use_state(today);
    let busy = use_state(|| false);
    let failure = use_state(|| None::<ApiError>);
    let bad_day = use_state(|| false);
    let errors = dialog_errors(&failure, bad_day.then_some("reissued_on"));
    let Some(r) = props.reissue.clone() else {
        return Html::default();
    };
    let confirm = {
        let (number, on, bad_day) = (number.clone(), on.clone(), bad_day.clone());
        let (busy, failure, on_done) = (busy.clone(), failure.clone(), props.on_done.clone());
        let (id, rid, version) = (props.machine_id, r.id, r.version);
        Callback::from(move |_| {
            let Some(reissued_on) = parse_day(&on) else {
                bad_day.set(true);
                return;
            };
            bad_day.set(false);
            let body = CertificateReissued {
                certificate_number: number.trim().to_owned(),
                reissued_on,
            };
            let call = Call::post(format!("/machines/{id}/certificate-reissues/{rid}/done"))
                .if_match(version)
                .json(&body);
            send_dialog_call(call, busy.clone(), failure.clone(), on_done.clone());
        })
    };
    let others = errors.others(&["certificate_number", "reissued_on"]);
    html! {
        <ConfirmDialog title={i18n.m(M::ReissueMarkDone)} body={i18n.m(M::ReissueMarkDoneBody)}
                       confirm_label={i18n.m(M::ReissueMarkDone)} busy={*busy}
                       on_confirm={confirm} on_cancel={props.on_cancel.clone()}>
            <div class="form-grid" data-testid="reissue-done">
                { text_field(&i18n, &yew::props!(TextFieldProps {
                    id: "reissue-certificate_number",
                    label: i18n.m(M::ReissueNumber),
                    value: (*number).clone(),
                    oninput: setter(&number),
                    required: true,
                    maxlength: 64,
                    error: errors.text(&i18n, "certificate_number"),
                })) }
                { date_field(&i18n, &yew::props!(TextFieldProps {
                    id: "reissue-reissued_on",
                    label: i18n.m(M::ReissuedOn),
                    value: (*on).clone(),
                    oninput: setter(&on),
                    required: true,
                    error: errors.text(&i18n, "reissued_on"),
                }), DateKind::Day) }
            </div>
            if let Some(e) = (*failure).clone().filter(|_| errors.is_empty() || !others.is_empty()) {
                { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e })) }
            }
        </ConfirmDialog>
    }
}
