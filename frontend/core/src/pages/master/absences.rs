//! An engineer's absences (请假、培训) on the engineer's page: listed, and
//! recorded or cancelled by those who keep the engineers' profiles. The
//! dispatch suggestions rank an engineer away at the proposed time last.

use crate::components::form::{
    Choice, DateKind, FieldErrors, SelectFieldProps, TextFieldProps, select_field, text_field,
};
use crate::components::remote::remote;
use crate::hooks::{use_api_reload, use_form, use_i18n};
use crate::i18n::service::{S, absence_reason};
use crate::services::requests::{ApiError, Call, new_nonce};
use crate::time::{from_input, local_minutes};
use furrow_domain::service::absence::{AbsenceReason, AbsenceView, CreateAbsence};
use uuid::Uuid;
use yew::prelude::*;

async fn list(engineer: Uuid) -> Result<Vec<AbsenceView>, ApiError> {
    Call::get(format!("/engineers/{engineer}/absences"))
        .fetch()
        .await
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    from: String,
    to: String,
    reason: String,
    note: String,
}

impl Draft {
    fn body(&self) -> Result<CreateAbsence, FieldErrors> {
        let (from, to) = (from_input(&self.from), from_input(&self.to));
        let mut errors = Vec::new();
        if from.is_none() {
            errors.push(DateKind::Minute.refusal("from"));
        }
        if to.is_none() {
            errors.push(DateKind::Minute.refusal("to"));
        }
        let (Some(from), Some(to)) = (from, to) else {
            return Err(FieldErrors(errors));
        };
        let body = CreateAbsence {
            from,
            to,
            reason: AbsenceReason::parse(&self.reason).unwrap_or(AbsenceReason::Leave),
            note: Some(self.note.trim().to_owned()).filter(|n| !n.is_empty()),
        };
        body.validate().map_err(FieldErrors::from)?;
        Ok(body)
    }
}

#[derive(Properties, PartialEq)]
pub struct AbsencesProps {
    pub engineer: Uuid,
    /// May record and cancel (keeps the engineers' profiles).
    pub can_edit: bool,
}

#[function_component(EngineerAbsences)]
pub fn engineer_absences(props: &AbsencesProps) -> Html {
    let i18n = use_i18n();
    let engineer = props.engineer;
    let (absences, reload) = use_api_reload(engineer, list);
    let form = use_form(|| Draft {
        reason: AbsenceReason::Leave.as_str().into(),
        ..Draft::default()
    });
    let nonce = use_state(new_nonce);
    let onsubmit = {
        let (form, reload, nonce) = (form.clone(), reload.clone(), nonce.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match form.draft.body() {
                Err(errors) => form.refuse(errors),
                Ok(body) => {
                    let call = Call::post(format!("/engineers/{engineer}/absences"))
                        .idempotent(&nonce)
                        .json(&body)
                        .fetch::<AbsenceView>();
                    let (reload, nonce, draft) =
                        (reload.clone(), nonce.clone(), form.draft.clone());
                    form.submit(call, move |_| {
                        nonce.set(new_nonce());
                        draft.set(Draft {
                            reason: AbsenceReason::Leave.as_str().into(),
                            ..Draft::default()
                        });
                        reload.emit(());
                    });
                }
            }
        })
    };
    let can_edit = props.can_edit;
    let rows = remote(&i18n, &absences, Some(&reload), |items| {
        if items.is_empty() {
            return html! { <p class="muted" data-testid="absences-empty">{ i18n.s(S::NoAbsences) }</p> };
        }
        let rows = items.iter().map(|a| {
            let cancel = can_edit.then(|| {
                let (reload, id, version) = (reload.clone(), a.id, a.version);
                let onclick = Callback::from(move |_: MouseEvent| {
                    let reload = reload.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let done = Call::delete(format!("/engineers/{engineer}/absences/{id}"))
                            .if_match(version)
                            .send()
                            .await;
                        // Gone or changed meanwhile: the list read again shows which.
                        let _ = done;
                        reload.emit(());
                    });
                });
                html! {
                    <button type="button" class="btn btn-small btn-ghost" data-testid="absence-cancel" {onclick}>
                        { i18n.s(S::CancelAbsence) }
                    </button>
                }
            });
            html! {
                <tr key={a.id.to_string()} data-testid="absence-row">
                    <td>{ local_minutes(&a.from) }</td>
                    <td>{ local_minutes(&a.to) }</td>
                    <td>{ i18n.s(absence_reason(a.reason)) }</td>
                    <td>{ a.note.clone().unwrap_or_default() }</td>
                    <td>{ cancel }</td>
                </tr>
            }
        });
        html! {
            <table class="table" data-testid="absences-table">
                <thead><tr>
                    <th>{ i18n.s(S::AbsenceFrom) }</th>
                    <th>{ i18n.s(S::AbsenceTo) }</th>
                    <th>{ i18n.s(S::AbsenceReasonLabel) }</th>
                    <th>{ i18n.s(S::AbsenceNote) }</th>
                    <th></th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        }
    });
    let err = |f: &str| form.err(&i18n, f);
    let choices: Vec<Choice> = AbsenceReason::ALL
        .iter()
        .map(|r| Choice::new(r.as_str(), i18n.s(absence_reason(*r))))
        .collect();
    let add = can_edit.then(|| {
        html! {
            <form class="form" onsubmit={onsubmit} novalidate=true data-testid="absence-form">
                { form.failure_banner(&i18n, &["from", "to", "reason", "note"], &reload, "absence-error") }
                <div class="form-grid form-grid-4">
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "absence-from", label: i18n.s(S::AbsenceFrom), value: form.draft.from.clone(), oninput: form.edit(|d, v| d.from = v), error: err("from"), placeholder: AttrValue::from("2026-06-01 08:00"), required: true })) }
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "absence-to", label: i18n.s(S::AbsenceTo), value: form.draft.to.clone(), oninput: form.edit(|d, v| d.to = v), error: err("to"), placeholder: AttrValue::from("2026-06-03 18:00"), required: true })) }
                    { select_field(&i18n, &yew::props!(SelectFieldProps { id: "absence-reason", label: i18n.s(S::AbsenceReasonLabel), value: form.draft.reason.clone(), choices, onchange: form.edit(|d, v| d.reason = v), error: err("reason") })) }
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "absence-note", label: i18n.s(S::AbsenceNote), value: form.draft.note.clone(), oninput: form.edit(|d, v| d.note = v), error: err("note"), optional: true, maxlength: 500 })) }
                </div>
                <button type="submit" class="btn" disabled={*form.busy} data-testid="absence-submit">{ i18n.s(S::RecordAbsence) }</button>
            </form>
        }
    });
    html! {
        <section class="panel" aria-labelledby="absences-h" data-testid="engineer-absences">
            <h2 id="absences-h">{ i18n.s(S::Absences) }</h2>
            <p class="hint">{ i18n.s(S::AbsencesHint) }</p>
            { rows }
            { add }
        </section>
    }
}
