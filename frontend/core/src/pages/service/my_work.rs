//! 我的任务: the engineer's work orders, built for a phone held in one hand.
//! The list shows what is open, most urgent first (with the customer's phone
//! as a tap-to-call link), and the finished visits whose report is still to
//! be written; one
//! order's page has big buttons for each step: schedule, check in, finish
//! with the inspection, the parts asked for (申领配件) and the repair report.

use super::acknowledge::{acknowledgement_panel, satisfaction_choices, use_acknowledgement_png};
use super::common::machine_name;
use super::common::{
    from_input, priority_badge, report_status_badge, to_input, when, work_order_status_badge,
};
use super::parts_request::PartsRequestPanel;
use super::report_form::ReportEditor;
use crate::components::definition_list::dl_row;
use crate::components::dom::{focus_by_id, print_button, tel};
use crate::components::form::{TextFieldProps, text_area, text_field};
use crate::components::record::ready;
use crate::components::record_id::{RecordId, by_id};
use crate::components::remote::remote;
use crate::components::signature_pad::use_signature_pad;
use crate::components::{AppLinkProps, app_link};
use crate::components::{Tone, badge};
use crate::hooks::use_record::use_record;
use crate::hooks::{I18n, Remote, use_api, use_i18n};
use crate::i18n::T;
use crate::i18n::service::{self as names, S};
use crate::route::Route;
use crate::services::requests::ApiError;
use crate::services::work_orders as api;
use crate::time::{MINUTE_PATTERN, MINUTE_REGEX};
use chrono::{DateTime, Utc};
use furrow_domain::service::commands::Command;
use furrow_domain::service::{
    AcknowledgeRequest, FinishRequest, ReportStatus, Satisfaction, WorkOrderFilters,
    WorkOrderStatus, WorkOrderSummary, WorkOrderView,
};
use std::future::Future;
use std::pin::Pin;
use web_sys::HtmlInputElement;
use yew::prelude::*;

fn order_card(i18n: &I18n, w: &WorkOrderSummary) -> Html {
    html! {
        <li class="wo-card" key={w.id.to_string()} data-testid={format!("wo-card-{}", w.request_number)}>
            <div class="wo-card-head">
                { app_link(&yew::props!(AppLinkProps { to: Route::WorkOrderDetail { id: w.id.to_string() }, classes: "wo-card-link", testid: format!("wo-open-{}", w.request_number), children: html! { <>
                    <span class="mono">{ &w.number }</span>
                </> } })) }
                { work_order_status_badge(i18n, w.status) }
                { priority_badge(i18n, w.priority) }
                if w.overdue { { badge(Tone::Danger, i18n.s(S::BadgeOverdue), Some("wo-overdue".into())) } }
                if w.harvest_critical { { badge(Tone::Harvest, i18n.s(S::BadgeHarvest), None) } }
                if let Some(s) = w.report_status { { report_status_badge(i18n, s) } }
            </div>
            <div class="wo-card-customer"><strong>{ &w.customer_name }</strong>
                <a class="tel-link" href={tel(&w.customer_phone)} data-testid="wo-tel">{ format!("☎ {}", w.customer_phone) }</a>
            </div>
            <div class="wo-card-line">{ &w.site_address }</div>
            <div class="wo-card-line muted">
                { machine_name(&w.model_name, &w.serial_number) }
            </div>
            <div class="wo-card-line">
                if w.arrival_due.is_some() && w.arrived_at.is_none() {
                    <span>{ format!("{}：{}", i18n.s(S::ArriveBy), when(&w.arrival_due)) }</span>
                }
                if w.appointment_at.is_some() && w.arrived_at.is_none() {
                    <span class="muted">{ format!(" · {}：{}", i18n.s(S::Appointment), when(&w.appointment_at)) }</span>
                }
            </div>
        </li>
    }
}

#[function_component(MyWorkPage)]
pub fn my_work_page() -> Html {
    let i18n = use_i18n();
    let open = use_api((), |_| api::open_by_urgency());
    let finished = use_api((), |_| {
        api::list(&WorkOrderFilters {
            status: Some(WorkOrderStatus::Finished),
            ..WorkOrderFilters::default()
        })
    });

    let open_view = remote(&i18n, &open, None, |p| {
        if p.items.is_empty() {
            return html! { <p class="empty-state" data-testid="wo-none">{ i18n.s(S::NoOpenOrders) }</p> };
        }
        html! { <ul class="wo-list" data-testid="wo-open-list">{ for p.items.iter().map(|w| order_card(&i18n, w)) }</ul> }
    });
    let to_write: Vec<&WorkOrderSummary> = match &*finished {
        Remote::Ready(p) => p.items.iter().filter(|w| w.report_to_write()).collect(),
        _ => Vec::new(),
    };
    html! {
        <div class="page phone-page" data-testid="my-work-page">
            <header class="page-header"><h1>{ i18n.s(S::MyWorkTitle) }</h1></header>
            <h2 class="section-title">{ i18n.s(S::OpenOrders) }</h2>
            { open_view }
            if !to_write.is_empty() {
                <h2 class="section-title">{ i18n.s(S::ReportsToWrite) }</h2>
                <ul class="wo-list" data-testid="wo-report-list">{ for to_write.iter().map(|w| order_card(&i18n, w)) }</ul>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct WorkOrderPageProps {
    pub id: String,
}

pub fn work_order_page(props: &WorkOrderPageProps) -> Html {
    by_id::<WorkOrderDetail>(&props.id)
}

/// A step's call to the API, answering the work order as it now stands.
type Call = Pin<Box<dyn Future<Output = Result<WorkOrderView, ApiError>>>>;

#[function_component(WorkOrderDetail)]
fn work_order_detail(props: &RecordId) -> Html {
    let RecordId { id } = props;
    let i18n = use_i18n();
    let rc = use_record(*id, api::get);
    let busy = rc.cmd.busy.clone();
    let appointment = use_state(String::new);
    let appointment_error = use_state(|| false);
    let passed = use_state(|| None::<bool>);
    let passed_error = use_state(|| false);
    let notes = use_state(String::new);
    let ack_name = use_state(String::new);
    let ack_name_error = use_state(|| false);
    let ack_mark = use_state(|| None::<Satisfaction>);
    let ack_mark_error = use_state(|| false);
    let (acknowledging, acknowledged) = match &*rc.record {
        Remote::Ready(w) => (
            w.actions.contains(&Command::Acknowledge),
            w.acknowledgement.as_ref().map(|_| w.id),
        ),
        _ => (false, None),
    };
    let pad = use_signature_pad(acknowledging);
    let ack_png = use_acknowledgement_png(acknowledged);

    let w = match ready(&i18n, &rc.record, &rc.reload) {
        Ok(v) => v,
        Err(page) => return page,
    };

    // Runs one step; the answer replaces the work order and says when.
    let run = {
        let (rc, i18n) = (rc.clone(), i18n.clone());
        move |call: Call, message: S, at: fn(&WorkOrderView) -> &Option<DateTime<Utc>>| {
            rc.flash.set(None);
            let i18n = i18n.clone();
            rc.run(call, move |v| i18n.sf(message, &[&when(at(v))]));
        }
    };

    let on_appointment = {
        let (appointment, appointment_error) = (appointment.clone(), appointment_error.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                appointment.set(i.value());
                appointment_error.set(false);
            }
        })
    };
    let (wid, version) = (w.id, w.version);
    let schedule = {
        let (appointment, appointment_error) = (appointment.clone(), appointment_error.clone());
        let run = run.clone();
        Callback::from(move |_: MouseEvent| match from_input(&appointment) {
            Some(at) => run(
                Box::pin(api::schedule(wid, version, at)),
                S::ScheduledAt,
                |v| &v.appointment_at,
            ),
            None => {
                appointment_error.set(true);
                focus_by_id("wo-appointment");
            }
        })
    };
    let check_in = {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| {
            let call = Box::pin(api::check_in(wid, version));
            run(call, S::CheckedInAt, |v| &v.arrived_at)
        })
    };
    let pick = |v: bool| {
        let (passed, passed_error) = (passed.clone(), passed_error.clone());
        Callback::from(move |_: Event| {
            passed.set(Some(v));
            passed_error.set(false);
        })
    };
    let finish = {
        let (passed, passed_error, notes) = (passed.clone(), passed_error.clone(), notes.clone());
        let run = run.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(ok) = *passed else {
                passed_error.set(true);
                return;
            };
            let req = FinishRequest {
                inspection_passed: ok,
                notes: Some(notes.trim().to_owned()).filter(|n| !n.is_empty()),
            };
            let call = Box::pin(async move { api::finish(wid, version, &req).await });
            run(call, S::FinishedAt, |v| &v.finished_at)
        })
    };

    let acknowledge = {
        let (pad, ack_name, ack_name_error, ack_mark, ack_mark_error) = (
            pad.clone(),
            ack_name.clone(),
            ack_name_error.clone(),
            ack_mark.clone(),
            ack_mark_error.clone(),
        );
        let run = run.clone();
        Callback::from(move |_: MouseEvent| {
            let signer = ack_name.trim().to_owned();
            ack_name_error.set(signer.is_empty());
            ack_mark_error.set(ack_mark.is_none());
            // All three are checked, so every mistake shows at once.
            let png = pad.png();
            let (Some(png), Some(mark), false) = (png, *ack_mark, signer.is_empty()) else {
                return;
            };
            let req = AcknowledgeRequest {
                signer_name: signer,
                satisfaction: mark,
                signature_png: png,
            };
            let call = Box::pin(async move { api::acknowledge(wid, version, &req).await });
            // The message names no time: the panel below shows it.
            run(call, S::AckSaved, |v| &v.finished_at)
        })
    };

    // The steps shown are the commands the server lists for this order now.
    let may = |c: Command| w.actions.contains(&c);
    let appointment_value = if appointment.is_empty() {
        w.appointment_at.as_ref().map(to_input).unwrap_or_default()
    } else {
        (*appointment).clone()
    };

    html! {
        <div class="page phone-page work-order" data-testid="wo-page" data-status={w.status.as_str()}>
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::MyWork, classes: "back-link no-print", children: html! { <>{ format!("← {}", i18n.s(S::MyWorkTitle)) }</> } })) }
                    <h1 data-testid="wo-number">{ i18n.sf(S::WorkOrderTitle, &[&w.number]) }</h1>
                    <p class="muted">
                        { i18n.sf(S::ForRequest, &[&w.request_number]) }{ " " }
                        { work_order_status_badge(&i18n, w.status) }{ " " }{ priority_badge(&i18n, w.priority) }
                        if w.harvest_critical { { " " }{ badge(Tone::Harvest, i18n.s(S::BadgeHarvest), None) } }
                    </p>
                </div>
                { print_button(i18n.s(S::Print)) }
            </header>
            { rc.notices(&i18n, ("wo-flash", "wo-error"), false) }
            <section class="panel wo-summary">
                <div class="wo-customer">
                    <strong class="big">{ &w.customer_name }</strong>
                    <a class="btn btn-call no-print" href={tel(&w.customer_phone)} data-testid="wo-call">
                        { i18n.sf(S::Call, &[&w.customer_phone]) }
                    </a>
                    <span class="print-only mono">{ &w.customer_phone }</span>
                </div>
                <dl class="dl dl-stacked">
                    { dl_row(i18n.s(S::Site), html! { <span data-testid="wo-site">{ &w.site_address }</span> }) }
                    { dl_row(i18n.s(S::ColMachine), html! { machine_name(&w.model_name, &w.serial_number) }) }
                    { dl_row(i18n.s(S::Symptoms), html! { <span class="pre">{ &w.symptoms }</span> }) }
                    if let Some(c) = w.coverage {
                        { dl_row(i18n.s(S::Coverage), html! { <span data-testid="wo-coverage">{ names::coverage(c, i18n.lang) }</span> }) }
                    }
                    if let Some(req) = &w.requirements {
                        { dl_row(i18n.s(S::Requirements), html! { <span class="pre">{ req }</span> }) }
                    }
                    { for [
                        (S::ArriveBy, &w.arrival_due, None),
                        (S::Appointment, &w.appointment_at, Some("wo-appointment-at")),
                        (S::ArrivedAtLabel, &w.arrived_at, Some("wo-arrived-at")),
                        (S::FinishedAtLabel, &w.finished_at, None),
                    ].into_iter().filter(|(_, at, _)| at.is_some()).map(|(label, at, testid)| {
                        dl_row(i18n.s(label), html! { <span data-testid={testid}>{ when(at) }</span> })
                    }) }
                    if let Some(ok) = w.inspection_passed {
                        { dl_row(i18n.s(S::Inspection), html! { i18n.s(if ok { S::InspectionPassed } else { S::InspectionFailed }) }) }
                    }
                    { dl_row(i18n.s(S::DispatchedBy), html! { w.dispatcher_name.clone() }) }
                </dl>
            </section>
            if may(Command::Schedule) {
                <section class="panel step no-print" aria-labelledby="wo-schedule-h">
                    <h2 id="wo-schedule-h">{ i18n.s(S::Schedule) }</h2>
                    <div class={classes!("field", appointment_error.then_some("has-error"))}>
                        <label for="wo-appointment">{ i18n.s(S::Appointment) }</label>
                        <input id="wo-appointment" data-testid="wo-appointment" type="text" class="big-input"
                               placeholder={MINUTE_PATTERN} pattern={MINUTE_REGEX}
                               value={appointment_value} oninput={on_appointment}
                               aria-invalid={appointment_error.then_some("true")} />
                        if *appointment_error { <div class="field-error" data-testid="wo-appointment-error">{ i18n.t(T::FeDateTime) }</div> }
                    </div>
                    <button type="button" class="btn btn-big" disabled={*busy} onclick={schedule} data-testid="wo-schedule">
                        { i18n.s(S::ScheduleSave) }
                    </button>
                </section>
            }
            if may(Command::CheckIn) {
                <section class="panel step no-print">
                    <button type="button" class="btn btn-primary btn-big" disabled={*busy} onclick={check_in} data-testid="wo-check-in">
                        { i18n.s(S::CheckIn) }
                    </button>
                </section>
            }
            if may(Command::Finish) {
                <section class="panel step no-print" aria-labelledby="wo-finish-h">
                    <h2 id="wo-finish-h">{ i18n.s(S::FinishTitle) }</h2>
                    <fieldset class={classes!("field", "choice-pair", passed_error.then_some("has-error"))}>
                        <legend>{ i18n.s(S::Inspection) }<span class="required" aria-hidden="true">{ " *" }</span></legend>
                        <label class={classes!("choice", (*passed == Some(true)).then_some("on"))} for="wo-passed-yes">
                            <input type="radio" name="inspection" id="wo-passed-yes" data-testid="wo-passed-yes"
                                   checked={*passed == Some(true)} onchange={pick(true)} />
                            { i18n.s(S::InspectionPassed) }
                        </label>
                        <label class={classes!("choice", (*passed == Some(false)).then_some("on"))} for="wo-passed-no">
                            <input type="radio" name="inspection" id="wo-passed-no" data-testid="wo-passed-no"
                                   checked={*passed == Some(false)} onchange={pick(false)} />
                            { i18n.s(S::InspectionFailed) }
                        </label>
                        if *passed_error { <div class="field-error" data-testid="wo-passed-error">{ i18n.s(S::FeChooseInspection) }</div> }
                    </fieldset>
                    { text_area(&i18n, &yew::props!(TextFieldProps { id: "wo-notes", label: i18n.s(S::FinishNotes), optional: true, value: (*notes).clone(), oninput: { let n = notes.clone(); Callback::from(move |v: String| n.set(v)) }, rows: 2, maxlength: 2000 })) }
                    <button type="button" class="btn btn-primary btn-big" disabled={*busy} onclick={finish} data-testid="wo-finish">
                        { i18n.s(S::FinishSave) }
                    </button>
                </section>
            }
            if may(Command::Acknowledge) {
                <section class="panel step no-print" aria-labelledby="wo-ack-h" data-testid="wo-acknowledge">
                    <h2 id="wo-ack-h">{ i18n.s(S::AckTitle) }</h2>
                    <p class="hint">{ i18n.s(S::AckIntro) }</p>
                    { satisfaction_choices(&i18n, *ack_mark, &{ let (m, e) = (ack_mark.clone(), ack_mark_error.clone()); Callback::from(move |s| { m.set(Some(s)); e.set(false); }) }, *ack_mark_error) }
                    { pad.view(i18n.s(S::SignatureArea), i18n.s(S::SignHere), i18n.s(S::FeDrawSignature)) }
                    <div class="sign-row">
                        { text_field(&i18n, &yew::props!(TextFieldProps { id: "ack-name", label: i18n.s(S::SignerName), required: true, value: (*ack_name).clone(), oninput: { let (n, e) = (ack_name.clone(), ack_name_error.clone()); Callback::from(move |v: String| { n.set(v); e.set(false); }) }, autocomplete: "off", maxlength: 100, error: ack_name_error.then(|| AttrValue::from(i18n.t(T::FeRequired))) })) }
                        <button type="button" class="btn btn-big" onclick={{ let p = pad.clone(); Callback::from(move |_: MouseEvent| p.clear()) }} data-testid="ack-clear">{ i18n.s(S::ClearSignature) }</button>
                    </div>
                    <button type="button" class="btn btn-primary btn-big" disabled={*busy} onclick={acknowledge} data-testid="ack-save">
                        { i18n.s(S::AckSave) }
                    </button>
                </section>
            }
            if let Some(ack) = &w.acknowledgement {
                { acknowledgement_panel(&i18n, ack, ack_png.clone()) }
            }
            <PartsRequestPanel work_order_id={w.id} can_request={may(Command::CreateRequisition)} />
            if may(Command::SaveReport) || w.report_id.is_some() {
                <ReportEditor order={w.clone()} />
            }
            if let (Some(id), Some(ReportStatus::Approved)) = (w.report_id, w.report_status) {
                <super::field_sign_link::FieldSignLink report_id={id} />
            }
        </div>
    }
}
