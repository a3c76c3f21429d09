//! The machine's lost 三包 certificate reissues (三包凭证补办) on its archive
//! page: each request with its due date (10 working days, computed by the
//! server from the calendar in the settings) and state, a dialog to record a
//! request and one to mark it reissued.

use crate::components::data_table::table_head;
use crate::components::form_dialog::FormDialog;
use crate::components::record_form::{Draft, Field, FieldKind};
use crate::components::{Tone, badge};
use crate::hooks::{I18n, use_i18n};
use crate::i18n::master::M;
use crate::services::requests::Call;
use furrow_domain::master::{CertificateReissueView, ReissueState};
use serde_json::Value;
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
        Open::Record => record_dialog(&i18n, props.machine_id, done, close),
        Open::Done(r) => done_dialog(&i18n, (props.machine_id, r), done, close),
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

/// A dialog's start: its day field (`key`) on today.
fn today(key: &str) -> Draft {
    let today = crate::time::today().to_string();
    Draft::from_iter([(key.to_owned(), Value::String(today))])
}

/// `POST /machines/{id}/certificate-reissues`, once per dialog.
fn record_dialog(i18n: &I18n, id: Uuid, on_done: Callback<()>, on_cancel: Callback<()>) -> Html {
    let fields = vec![
        Field::text("requested_by", i18n.m(M::ReissueRequestedBy))
            .required()
            .max(100),
        Field::new(
            "requested_on",
            i18n.m(M::ReissueRequestedOn),
            FieldKind::Date,
        )
        .required(),
        Field::new("notes", i18n.m(M::ReissueNotes), FieldKind::TextArea).max(500),
    ];
    let call = Callback::from(move |input: Value| {
        Call::post(format!("/machines/{id}/certificate-reissues")).json(&input)
    });
    html! {
        <FormDialog name="reissue" testid="reissue-record" title={i18n.m(M::ReissueRecord)}
                    body={i18n.m(M::ReissueRecordBody)} {fields} start={today("requested_on")} {call} creates=true
                    {on_done} {on_cancel} />
    }
}

/// `POST /machines/{id}/certificate-reissues/{rid}/done` at the reissue's version.
fn done_dialog(
    i18n: &I18n,
    (id, r): (Uuid, &CertificateReissueView),
    on_done: Callback<()>,
    on_cancel: Callback<()>,
) -> Html {
    let fields = vec![
        Field::text("certificate_number", i18n.m(M::ReissueNumber))
            .required()
            .max(64),
        Field::new("reissued_on", i18n.m(M::ReissuedOn), FieldKind::Date).required(),
    ];
    let (rid, version) = (r.id, r.version);
    let call = Callback::from(move |input: Value| {
        Call::post(format!("/machines/{id}/certificate-reissues/{rid}/done"))
            .if_match(version)
            .json(&input)
    });
    html! {
        <FormDialog name="reissue" testid="reissue-done" title={i18n.m(M::ReissueMarkDone)}
                    body={i18n.m(M::ReissueMarkDoneBody)} {fields} start={today("reissued_on")} {call}
                    {on_done} {on_cancel} />
    }
}
