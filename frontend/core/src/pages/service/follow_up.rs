//! 客户回访: the queue of follow-ups (due, overdue, done, unreachable) and the
//! call screen (the service's summary, a script of questions, attempts, quick
//! outcome buttons and the unreachable close); the request page's panel.
//! Every button comes from the follow-up's `actions`.

use super::common::{machine_name, when};
use crate::components::data_table::{Column, Table, data_table, link_cell};
use crate::components::definition_list::dl_row;
use crate::components::form::{TextFieldProps, text_area};
use crate::components::record::ready;
use crate::components::record_id::RecordId;
use crate::components::status_badge::{Tone, badge};
use crate::hooks::use_record::use_record;
use crate::hooks::{I18n, Remote, use_api, use_i18n};
use crate::i18n::follow_up::{self as names, F};
use crate::route::Route;
use crate::services::follow_ups as api;
use furrow_domain::service::Satisfaction;
use furrow_domain::service::commands::Command;
use furrow_domain::service::follow_up::{
    ContactMethod, FollowUpAttemptRequest, FollowUpOutcomeRequest, FollowUpQueue, FollowUpStatus,
    FollowUpView,
};
use uuid::Uuid;
use yew::prelude::*;

fn state_badge(i18n: &I18n, f: &FollowUpView) -> Html {
    let tone = match f.status {
        FollowUpStatus::Pending if f.overdue => Tone::Danger,
        FollowUpStatus::Pending => Tone::Info,
        FollowUpStatus::Done => Tone::Success,
        FollowUpStatus::Unreachable => Tone::Neutral,
    };
    let mut label = names::status(f.status, i18n.lang).to_owned();
    if f.overdue {
        label = format!("{label} · {}", i18n.fu(F::Overdue));
    }
    badge(tone, &label, Some(format!("follow-up-state-{}", f.id)))
}

fn columns(i18n: &I18n) -> Vec<Column<FollowUpView>> {
    type Col = Column<FollowUpView>;
    vec![
        Col::new(i18n.fu(F::ColRequest), |_, f| {
            let to = Route::FollowUpDetail {
                id: f.id.to_string(),
            };
            link_cell(to, &f.request_number)
        })
        .class("mono nowrap"),
        Col::new(i18n.fu(F::ColCustomer), |_, f| html! { &f.customer_name }),
        Col::new(i18n.fu(F::ColPhone), |_, f| {
            html! { f.customer_phone.clone().unwrap_or_default() }
        })
        .class("mono nowrap"),
        Col::new(i18n.fu(F::ColMachine), |_, f| {
            html! { machine_name(&f.model_name, &f.machine_serial) }
        }),
        Col::new(i18n.fu(F::ColDue), |_, f| html! { when(&Some(f.due_at)) }).class("nowrap"),
        Col::new(i18n.fu(F::ColAttempts), |_, f| html! { f.attempts }).class("num"),
        Col::new(i18n.fu(F::ColState), state_badge),
    ]
}

/// The follow-up queue, one tab at a time.
#[function_component(FollowUpQueuePage)]
pub fn follow_up_queue_page() -> Html {
    let i18n = use_i18n();
    let tab = use_state(|| FollowUpQueue::Overdue);
    let data = use_api(*tab, api::list);
    let table: Table<FollowUpView> = Table {
        testid: "follow-up-queue",
        row_testid: |f| format!("follow-up-row-{}", f.request_number),
        empty: i18n.fu(F::Nothing).into(),
        empty_testid: "",
        columns: columns(&i18n),
        key: |f| f.id.to_string(),
        row_class: |f| f.overdue.then_some("row-overdue"),
    };
    let tabs = FollowUpQueue::ALL.iter().map(|q| {
        let onclick = {
            let (tab, q) = (tab.clone(), *q);
            Callback::from(move |_: MouseEvent| tab.set(q))
        };
        let current = *tab == *q;
        html! {
            <button type="button" role="tab" aria-selected={current.to_string()}
                    class={classes!("btn", "btn-small", if current { "btn-primary" } else { "btn-ghost" })}
                    data-testid={format!("follow-up-tab-{}", q.as_str())} {onclick}>
                { i18n.fu(names::queue(*q)) }
            </button>
        }
    });
    html! {
        <div class="page" data-testid="follow-up-page">
            <header class="page-header"><h1>{ i18n.fu(F::Title) }</h1></header>
            <div class="toolbar" role="tablist">{ for tabs }</div>
            <section class="panel">{ data_table(&i18n, &data, &table, None) }</section>
        </div>
    }
}

/// The call screen of one follow-up.
#[function_component(FollowUpCall)]
pub fn follow_up_call(props: &RecordId) -> Html {
    let RecordId { id } = props;
    let i18n = use_i18n();
    let rc = use_record(*id, api::get);
    let method = use_state(|| ContactMethod::Phone);
    let satisfaction = use_state(|| Satisfaction::Satisfied);
    let comments = use_state(String::new);
    let suggestions = use_state(String::new);
    let note = use_state(String::new);
    let f = match ready(&i18n, &rc.record, &rc.reload) {
        Ok(v) => v,
        Err(page) => return page,
    };
    let may = |c: Command| f.actions.contains(&c);
    let busy = *rc.cmd.busy;
    let text = |s: &str| Some(s.trim().to_owned()).filter(|t| !t.is_empty());

    let attempt = |reached: bool| {
        let (rc, method, note, fid, version) =
            (rc.clone(), method.clone(), note.clone(), f.id, f.version);
        let done = i18n.fu(F::Recorded).to_owned();
        Callback::from(move |_: MouseEvent| {
            let body = FollowUpAttemptRequest {
                method: *method,
                reached,
                note: Some(note.trim().to_owned()).filter(|t| !t.is_empty()),
            };
            let done = done.clone();
            note.set(String::new());
            rc.run(api::attempt(fid, version, body), move |_| done);
        })
    };
    let outcome = |normal: bool| {
        let (rc, method, sat, comments, suggestions) = (
            rc.clone(),
            method.clone(),
            satisfaction.clone(),
            comments.clone(),
            suggestions.clone(),
        );
        let (fid, version) = (f.id, f.version);
        let done = i18n.fu(F::Closed).to_owned();
        Callback::from(move |_: MouseEvent| {
            let body = FollowUpOutcomeRequest {
                method: *method,
                satisfaction: *sat,
                machine_running_normally: normal,
                comments: text(&comments),
                suggestions: text(&suggestions),
            };
            let done = done.clone();
            rc.run(api::outcome(fid, version, body), move |_| done);
        })
    };
    let close = {
        let (rc, fid, version) = (rc.clone(), f.id, f.version);
        let done = i18n.fu(F::Closed).to_owned();
        Callback::from(move |_: MouseEvent| {
            let done = done.clone();
            rc.run(api::close_unreachable(fid, version), move |_| done);
        })
    };
    let choose = |items: Vec<(String, String, bool, Callback<MouseEvent>)>,
                  testid: &'static str| {
        html! {
            <div class="toolbar" role="group" data-testid={testid}>
                { for items.into_iter().map(|(value, label, on, onclick)| html! {
                    <button type="button" aria-pressed={on.to_string()}
                            class={classes!("btn", "btn-small", if on { "btn-primary" } else { "btn-ghost" })}
                            data-testid={format!("{testid}-{value}")} {onclick} disabled={busy}>{ label }</button>
                }) }
            </div>
        }
    };
    let methods = ContactMethod::ALL
        .iter()
        .map(|m| {
            let (state, m) = (method.clone(), *m);
            (
                m.as_str().to_owned(),
                names::method(m, i18n.lang).to_owned(),
                *method == m,
                Callback::from(move |_: MouseEvent| state.set(m)),
            )
        })
        .collect();
    let marks = Satisfaction::ALL
        .iter()
        .map(|s| {
            let (state, s) = (satisfaction.clone(), *s);
            (
                s.as_str().to_owned(),
                names::satisfaction(s, i18n.lang).to_owned(),
                *satisfaction == s,
                Callback::from(move |_: MouseEvent| state.set(s)),
            )
        })
        .collect();
    let field = |id: &'static str, label: F, state: &UseStateHandle<String>| {
        let s = state.clone();
        text_area(
            &i18n,
            &yew::props!(TextFieldProps {
                id,
                label: i18n.fu(label),
                value: (**state).clone(),
                oninput: Callback::from(move |v: String| s.set(v)),
            }),
        )
    };
    let request = Route::ServiceRequestDetail {
        id: f.request_id.to_string(),
    };
    let attempts = i18n.fuf(
        F::AttemptsLine,
        &[
            &f.attempts.to_string(),
            &f.failed_attempts.to_string(),
            &f.max_failed_attempts.to_string(),
        ],
    );
    let pending = may(Command::RecordFollowUpAttempt) || may(Command::RecordFollowUpOutcome);
    html! {
        <div class="page" data-testid="follow-up-call">
            <header class="page-header">
                <h1>{ i18n.fuf(F::CallTitle, &[&f.request_number]) }</h1>
                { state_badge(&i18n, &f) }
            </header>
            { rc.notices(&i18n, ("follow-up-flash", "follow-up-error"), false) }
            <section class="panel">
                <h2>{ i18n.fu(F::Summary) }</h2>
                <dl class="dl">
                    { dl_row(i18n.fu(F::ColRequest), link_cell(request, &f.request_number)) }
                    { dl_row(i18n.fu(F::ColCustomer), html! { &f.customer_name }) }
                    { dl_row(i18n.fu(F::ColPhone), html! { <span class="mono" data-testid="follow-up-phone">{ f.customer_phone.clone().unwrap_or_default() }</span> }) }
                    { dl_row(i18n.fu(F::ColMachine), html! { machine_name(&f.model_name, &f.machine_serial) }) }
                    { dl_row(i18n.fu(F::Fault), html! { &f.symptoms }) }
                    { dl_row(i18n.fu(F::Engineer), html! { f.engineer_name.clone().unwrap_or_default() }) }
                    { dl_row(i18n.fu(F::ColDue), html! { when(&Some(f.due_at)) }) }
                    { dl_row(i18n.fu(F::ColAttempts), html! { <span data-testid="follow-up-attempts">{ attempts }</span> }) }
                    if let Some(s) = f.satisfaction {
                        { dl_row(i18n.fu(F::Satisfaction), html! { <span data-testid="follow-up-satisfaction">{ names::satisfaction(s, i18n.lang) }</span> }) }
                    }
                    if let (Some(rid), Some(number)) = (f.repeat_request_id, f.repeat_request_number.as_ref()) {
                        { dl_row(i18n.fu(F::RepeatOpened), html! { <span data-testid="follow-up-repeat">{ link_cell(Route::ServiceRequestDetail { id: rid.to_string() }, number) }</span> }) }
                    }
                </dl>
            </section>
            if pending {
                <section class="panel" data-testid="follow-up-script">
                    <h2>{ i18n.fu(F::Script) }</h2>
                    <ol>
                        <li>{ i18n.fu(F::Q1) }</li>
                        <li>{ i18n.fu(F::Q2) }</li>
                        <li>{ i18n.fu(F::Q3) }</li>
                        <li>{ i18n.fu(F::Q4) }</li>
                    </ol>
                    <h3>{ i18n.fu(F::Method) }</h3>
                    { choose(methods, "follow-up-method") }
                    if may(Command::RecordFollowUpAttempt) {
                        { field("follow-up-note", F::Note, &note) }
                        <div class="toolbar">
                            <button type="button" class="btn" data-testid="follow-up-not-reached" onclick={attempt(false)} disabled={busy}>{ i18n.fu(F::NotReached) }</button>
                            <button type="button" class="btn btn-ghost" data-testid="follow-up-reached-later" onclick={attempt(true)} disabled={busy}>{ i18n.fu(F::ReachedLater) }</button>
                            if may(Command::CloseFollowUpUnreachable) {
                                <button type="button" class="btn btn-danger" data-testid="follow-up-close-unreachable" onclick={close} disabled={busy}>{ i18n.fu(F::CloseUnreachable) }</button>
                            }
                        </div>
                    }
                    if may(Command::RecordFollowUpOutcome) {
                        <h3>{ i18n.fu(F::Satisfaction) }</h3>
                        { choose(marks, "follow-up-satisfaction") }
                        { field("follow-up-comments", F::Comments, &comments) }
                        { field("follow-up-suggestions", F::Suggestions, &suggestions) }
                        <h3>{ i18n.fu(F::RecordOutcome) }</h3>
                        <div class="toolbar">
                            <button type="button" class="btn btn-primary" data-testid="follow-up-normal" onclick={outcome(true)} disabled={busy}>{ i18n.fu(F::RunsNormally) }</button>
                            <button type="button" class="btn btn-danger" data-testid="follow-up-not-normal" onclick={outcome(false)} disabled={busy}>{ i18n.fu(F::NotNormal) }</button>
                        </div>
                    }
                </section>
            }
        </div>
    }
}

/// The request page's follow-up panel: each follow-up with its state, its
/// outcome and a link to its call screen.
#[derive(Properties, PartialEq)]
pub struct FollowUpPanelProps {
    pub request_id: Uuid,
}

#[function_component(FollowUpPanel)]
pub fn follow_up_panel(props: &FollowUpPanelProps) -> Html {
    let i18n = use_i18n();
    let data = use_api(props.request_id, api::of_request);
    let Remote::Ready(page) = &*data else {
        return html! {};
    };
    let items = &page.items;
    html! {
        <section class="panel" data-testid="request-follow-ups">
            <h2>{ i18n.fu(F::Panel) }</h2>
            if items.is_empty() {
                <p class="muted">{ i18n.fu(F::None) }</p>
            }
            <dl class="dl">
                { for items.iter().map(|f| {
                    let to = Route::FollowUpDetail { id: f.id.to_string() };
                    let mut line = format!("{} · {}", when(&Some(f.due_at)), names::status(f.status, i18n.lang));
                    if let Some(s) = f.satisfaction {
                        line = format!("{line} · {}", names::satisfaction(s, i18n.lang));
                    }
                    html! {
                        <>
                            { dl_row(i18n.fu(F::Call), html! { <>{ link_cell(to, &line) }</> }) }
                            if let (Some(rid), Some(n)) = (f.repeat_request_id, f.repeat_request_number.as_ref()) {
                                { dl_row(i18n.fu(F::RepeatOpened), html! { <span data-testid="request-repeat-link">{ link_cell(Route::ServiceRequestDetail { id: rid.to_string() }, n) }</span> }) }
                            }
                        </>
                    }
                }) }
            </dl>
        </section>
    }
}
