//! The customer's sign-off page (客户签字确认), opened from a one-time link on
//! a tablet, without signing in and without the app's navigation: the repair
//! report (维修报告单), a box where the customer signs with a finger (pointer
//! events on a canvas), their name, and "确认签字" or "拒绝签字" with a reason.

use super::acknowledge::sign_qr;
use super::common::{machine_name, when};
use super::review::parts_table;
use crate::components::definition_list::dl_row;
use crate::components::form::{TextFieldProps, text_field};
use crate::components::reason_dialog::ReasonDialog;
use crate::components::signature_pad::use_signature_pad;
use crate::components::{ErrorBannerProps, error_banner, lang_switch, loading};
use crate::hooks::{I18n, Remote, use_api, use_form, use_i18n};
use crate::i18n::T;
use crate::i18n::service::S;
use crate::services::requests::ApiError;
use crate::services::sign;
use furrow_domain::service::{RefuseSignatureRequest, SignRequest, SignSummary};
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Done {
    Signed,
    Refused,
}

#[derive(Properties, PartialEq)]
pub struct SignOffProps {
    pub token: String,
}

#[function_component(SignOffPage)]
pub fn sign_off_page(props: &SignOffProps) -> Html {
    let SignOffProps { token } = props;
    let i18n = use_i18n();
    let summary = use_api(token.clone(), |t| async move { sign::summary(&t).await });
    let name = use_state(String::new);
    let name_error = use_state(|| false);
    let cmd = use_form(|| ());
    let (busy, failure) = (cmd.busy.clone(), cmd.failure.clone());
    let done = use_state(|| None::<Done>);
    let refusing = use_state(|| false);
    let pad = use_signature_pad(matches!(*summary, Remote::Ready(_)) && done.is_none());

    let clear = {
        let pad = pad.clone();
        Callback::from(move |_: MouseEvent| pad.clear())
    };
    let on_name = {
        let (name, name_error) = (name.clone(), name_error.clone());
        Callback::from(move |v: String| {
            name.set(v);
            name_error.set(false);
        })
    };
    let confirm = {
        let (pad, name, name_error, cmd, done) = (
            pad.clone(),
            name.clone(),
            name_error.clone(),
            cmd.clone(),
            done.clone(),
        );
        let token = token.clone();
        Callback::from(move |_: MouseEvent| {
            let signer = name.trim().to_owned();
            name_error.set(signer.is_empty());
            // Both are checked, so both mistakes show at once.
            let png = pad.png();
            let Some(png) = png.filter(|_| !signer.is_empty()) else {
                return;
            };
            let req = SignRequest {
                signer_name: signer,
                signature_png: png,
            };
            let (done, token) = (done.clone(), token.clone());
            let call = async move { sign::sign(&token, &req).await };
            cmd.submit(call, move |_| done.set(Some(Done::Signed)));
        })
    };
    let refuse = {
        let (name, cmd, done) = (name.clone(), cmd.clone(), done.clone());
        let token = token.clone();
        Callback::from(move |reason: String| {
            let req = RefuseSignatureRequest {
                signer_name: Some(name.trim().to_owned()).filter(|n| !n.is_empty()),
                reason,
            };
            let (done, token) = (done.clone(), token.clone());
            let call = async move { sign::refuse(&token, &req).await };
            cmd.submit(call, move |()| done.set(Some(Done::Refused)));
        })
    };

    // A whole-page message instead of the form: done, or the link is no good.
    let message = |class: &'static str, testid: &'static str, title: S, body: S| {
        html! {
            <div class={classes!("sign-message", class)} data-testid={testid}>
                <h1>{ i18n.s(title) }</h1>
                <p>{ i18n.s(body) }</p>
            </div>
        }
    };
    let gone = |e: &ApiError| match e.status() {
        410 => Some(message("", "sign-gone", S::LinkGone, S::LinkGoneBody)),
        404 => Some(message("", "sign-unknown", S::LinkUnknown, S::LinkGoneBody)),
        _ => None,
    };

    let body = match (&*summary, *done) {
        (_, Some(Done::Signed)) => message("success", "sign-done", S::SignDone, S::SignDoneBody),
        (_, Some(Done::Refused)) => message("", "sign-refused", S::RefuseDone, S::RefuseDoneBody),
        (Remote::Loading, None) => html! { { loading(&i18n) } },
        (Remote::Failed(e), None) => {
            gone(e).unwrap_or_else(|| html! { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e.clone() })) } })
        }
        (Remote::Ready(s), None) => {
            if let Some(view) = (*failure).as_ref().and_then(gone) {
                view
            } else {
                html! {
                    <>
                        { summary_view(&i18n, &yew::props!(SummaryProps { summary: s.clone() })) }
                        <section class="sign-box" aria-labelledby="sign-h">
                            <h2 id="sign-h">{ i18n.s(S::Signature) }</h2>
                            <p class="muted">{ i18n.s(S::SignIntro) }</p>
                            if let Some(e) = (*failure).clone() { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e, testid: "sign-error" })) } }
                            { pad.view(i18n.s(S::SignatureArea), i18n.s(S::SignHere), i18n.s(S::FeDrawSignature)) }
                            <div class="sign-row">
                                { text_field(&i18n, &yew::props!(TextFieldProps { id: "sign-name", label: i18n.s(S::SignerName), required: true, value: (*name).clone(), oninput: on_name, autocomplete: "name", maxlength: 100, error: name_error.then(|| AttrValue::from(i18n.t(T::FeRequired))) })) }
                                <button type="button" class="btn btn-big" onclick={clear} data-testid="sign-clear">{ i18n.s(S::ClearSignature) }</button>
                            </div>
                            <div class="sign-actions">
                                <button type="button" class="btn btn-primary btn-big" disabled={*busy} onclick={confirm} data-testid="sign-confirm">
                                    { i18n.s(if *busy { S::Signing } else { S::ConfirmSign }) }
                                </button>
                                <button type="button" class="btn btn-big btn-danger-ghost" disabled={*busy}
                                        onclick={{ let r = refusing.clone(); Callback::from(move |_| r.set(true)) }}
                                        data-testid="sign-refuse">{ i18n.s(S::RefuseSign) }</button>
                            </div>
                        </section>
                        <section class="sign-box no-print" data-testid="sign-handover">
                            { sign_qr(&i18n, token, S::ScanOnAnotherDevice) }
                        </section>
                        if *refusing {
                            <ReasonDialog id="refuse" title={i18n.s(S::RefuseSign)} body={i18n.s(S::RefuseBody)}
                                label={i18n.s(S::RefuseReason)} confirm_label={i18n.s(S::ConfirmRefuse)} danger=true busy={*busy}
                                error={(*failure).clone()} on_confirm={refuse}
                                on_cancel={{ let r = refusing.clone(); Callback::from(move |_| r.set(false)) }} />
                        }
                    </>
                }
            }
        }
    };

    html! {
        <div class="sign-page" data-testid="sign-page">
            <header class="sign-top">
                <span class="brand-mark" aria-hidden="true">{ "F" }</span>
                <span class="sign-brand">{ i18n.t(T::Product) }</span>
                { lang_switch(&i18n) }
            </header>
            <main class="sign-main">{ body }</main>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    summary: SignSummary,
}

fn summary_view(i18n: &I18n, props: &SummaryProps) -> Html {
    let SummaryProps { summary: s } = props;
    let text = |label: S, v: &str| {
        html! {
            <div class="report-text"><h3>{ i18n.s(label) }</h3><p class="pre">{ v.to_owned() }</p></div>
        }
    };
    html! {
        <section class="sign-summary" aria-labelledby="sum-h" data-testid="sign-summary">
            <h1 id="sum-h">{ i18n.s(S::SignTitle) }</h1>
            <dl class="dl dl-2col">
                { dl_row(i18n.s(S::ColNumber), html! { <span class="mono" data-testid="sign-request">{ &s.request_number }</span> }) }
                { dl_row(i18n.s(S::WorkOrder), html! { <span class="mono">{ &s.work_order_number }</span> }) }
                { dl_row(i18n.s(S::Customer), html! { s.customer_name.clone() }) }
                { dl_row(i18n.s(S::ColMachine), html! { machine_name(&s.model_name, &s.serial_number) }) }
                { dl_row(i18n.s(S::Engineer), html! { s.engineer_name.clone() }) }
                { dl_row(i18n.s(S::LabourHours), html! { s.labour_hours.normalize().to_string() }) }
                if let Some(c) = s.coverage {
                    { dl_row(i18n.s(S::Coverage), html! { <span data-testid="sign-coverage">{ crate::i18n::service::coverage(c, i18n.lang) }</span> }) }
                }
                { dl_row(i18n.s(S::ArrivedAtLabel), html! { when(&s.arrived_at) }) }
                { dl_row(i18n.s(S::FinishedAtLabel), html! { when(&s.finished_at) }) }
            </dl>
            { text(S::Symptoms, &s.symptoms) }
            { text(S::Process, &s.process) }
            { text(S::Cause, &s.cause) }
            { text(S::Measures, &s.measures) }
            if let Some(f) = &s.further_problems { { text(S::FurtherProblems, f) } }
            if let Some(p) = &s.proposals { { text(S::Proposals, p) } }
            <h3>{ i18n.s(S::Parts) }</h3>
            { parts_table(i18n, &s.parts) }
            <p class="muted small">{ i18n.sf(S::ValidUntil, &[&when(&Some(s.expires_at))]) }</p>
        </section>
    }
}
