//! One service request: its fields, the three clocks (due against actual), the
//! timeline (who, when, what), the work order, and the buttons for the
//! commands the server lists in the view's `actions`: dispatch from the ranked
//! suggestions, record the first contact, resolve remotely, cancel with a reason.

use super::choice::{ChoiceDialog, choice_banner};
use super::common::{
    edit_field, hours, now, priority_badge, report_status_badge, request_status_badge, when,
    when_short, work_order_status_badge,
};
use super::list::flags;
use super::repeat_fault::RepeatFaults;
use crate::components::data_table::link_cell;
use crate::components::definition_list::dl_row;
use crate::components::dom::{map_link, map_point_link, tel};
use crate::components::form::{FieldErrors, TextFieldProps, text_area, text_field};
use crate::components::history::history;
use crate::components::reason_dialog::ReasonDialog;
use crate::components::record::ready;
use crate::components::record_id::RecordId;
use crate::components::remote::remote;
use crate::components::{AppLinkProps, NoticeKind, NoticeProps, app_link, loading, notice};
use crate::components::{Tone, badge};
use crate::hooks::use_record::{run_command, use_record};
use crate::hooks::{
    I18n, Remote, use_api, use_api_reload, use_api_when, use_form, use_i18n, use_session,
};
use crate::i18n::T;
use crate::i18n::audit::labelled;
use crate::i18n::service::{self as names, S};
use crate::route::Route;
use crate::services::requests::ApiError;
use crate::services::service_requests as api;
use crate::services::work_orders;
use chrono::{DateTime, Utc};
use furrow_domain::parts::PartsExpected;
use furrow_domain::service::commands::Command;
use furrow_domain::service::{
    DispatchRequest, EngineerSuggestion, ReassignRequest, ReportStatus, ReportSummary,
    ServiceRequestView, SuggestionReason, SuspectedPart,
};
use furrow_domain::{FieldError, Permission};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// Query of the request page right after intake.
#[derive(Serialize, Deserialize, Default)]
pub struct Created {
    #[serde(default)]
    pub created: u8,
}

/// The commands that open a dialog.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ask {
    /// The first contact, with a note of what was said.
    Contact,
    Resolve,
    Cancel,
}

/// What a dialog command is and says.
struct AskText {
    command: Command,
    /// The button, the dialog's title and its confirm button.
    title: S,
    body: S,
    /// The label of the text asked for.
    label: S,
    /// What the page says once done.
    done: S,
    /// Prefix of the dialog's ids; the button is `sr-{id}`.
    id: &'static str,
    danger: bool,
}

const CONTACT: AskText = AskText {
    command: Command::RecordContact,
    title: S::ContactMade,
    body: S::ContactBody,
    label: S::ContactNote,
    done: S::Contacted,
    id: "contact",
    danger: false,
};
const RESOLVE: AskText = AskText {
    command: Command::ResolveRemotely,
    title: S::ResolveRemotely,
    body: S::ResolveBody,
    label: S::ResolutionLabel,
    done: S::Resolved,
    id: "resolve",
    danger: false,
};
const CANCEL: AskText = AskText {
    command: Command::Cancel,
    title: S::CancelRequest,
    body: S::CancelBody,
    label: S::Reason,
    done: S::RequestCancelled,
    id: "cancel",
    danger: true,
};

impl Ask {
    fn text(self) -> &'static AskText {
        match self {
            Ask::Contact => &CONTACT,
            Ask::Resolve => &RESOLVE,
            Ask::Cancel => &CANCEL,
        }
    }
}

#[function_component(RequestDetail)]
pub fn request_detail(props: &RecordId) -> Html {
    let RecordId { id } = props;
    let i18n = use_i18n();
    let session = use_session();
    let location = use_location();
    let just_created = location
        .and_then(|l| l.query::<Created>().ok())
        .is_some_and(|q| q.created == 1);
    let rc = use_record(*id, api::get);
    let (timeline, timeline_reload) = use_api_reload(*id, api::timeline);
    let asking = use_state(|| None::<Ask>);
    let reassigning = use_state(|| false);
    let choosing = use_state(|| false);
    let (busy, failure) = (rc.cmd.busy.clone(), rc.cmd.failure.clone());

    if session.user().is_none() {
        return Html::default();
    }

    let r = match ready(&i18n, &rc.record, &rc.reload) {
        Ok(v) => v,
        Err(page) => return page,
    };

    // A command succeeded: show the new version and the new timeline event.
    let on_done = {
        let (rc, timeline_reload) = (rc.clone(), timeline_reload.clone());
        let (asking, reassigning, choosing) =
            (asking.clone(), reassigning.clone(), choosing.clone());
        Callback::from(move |(view, message): (ServiceRequestView, String)| {
            reassigning.set(false);
            choosing.set(false);
            rc.record.set(Remote::Ready(view));
            timeline_reload.emit(());
            rc.flash.set(Some(message));
            asking.set(None);
            rc.cmd.failure.set(None);
        })
    };
    let close_dialog = {
        let asking = asking.clone();
        Callback::from(move |_: ()| asking.set(None))
    };
    let confirm_dialog = {
        let (rc, asking, on_done, i18n) =
            (rc.clone(), asking.clone(), on_done.clone(), i18n.clone());
        let (rid, version) = (r.id, r.version);
        Callback::from(move |text: String| {
            let Some(a) = *asking else { return };
            let call = async move {
                match a {
                    Ask::Contact => api::contact(rid, version, text).await,
                    Ask::Resolve => api::resolve_remotely(rid, version, text).await,
                    Ask::Cancel => api::cancel(rid, version, text).await,
                }
            };
            let (on_done, message) = (on_done.clone(), i18n.s(a.text().done).to_owned());
            // A conflict means someone moved the request on: show where it is now.
            run_command(&rc.cmd, &rc.reload, call, move |v| {
                on_done.emit((v, message))
            });
        })
    };

    // The buttons are the commands the server says this user may run now.
    let may = |c: Command| r.actions.contains(&c);
    let can_dispatch = may(Command::Dispatch);
    let can_reassign = may(Command::Reassign);
    let open_choice = may(Command::RecordCustomerChoice).then(|| {
        let (choosing, failure) = (choosing.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            failure.set(None);
            choosing.set(true);
        })
    });
    let choice_dialog = (*choosing && open_choice.is_some()).then(|| {
        let choosing = choosing.clone();
        html! {
            <ChoiceDialog request_id={r.id} version={r.version} on_done={on_done.clone()}
                          reload={rc.reload.clone()}
                          on_cancel={Callback::from(move |_: ()| choosing.set(false))} />
        }
    });
    let asks: Vec<Ask> = [Ask::Contact, Ask::Resolve, Ask::Cancel]
        .into_iter()
        .filter(|a| may(a.text().command))
        .collect();
    let ask_button = |a: Ask| {
        let t = a.text();
        let onclick = {
            let (asking, failure) = (asking.clone(), failure.clone());
            Callback::from(move |_: MouseEvent| {
                failure.set(None);
                asking.set(Some(a));
            })
        };
        let class = if t.danger {
            "btn btn-danger-ghost"
        } else {
            "btn"
        };
        html! {
            <button type="button" {class} disabled={*busy} {onclick} data-testid={format!("sr-{}", t.id)}>
                { i18n.s(t.title) }
            </button>
        }
    };

    let dialog = (*asking).map(|a| {
        let t = a.text();
        html! {
            <ReasonDialog id={t.id} title={i18n.s(t.title)} body={i18n.s(t.body)} label={i18n.s(t.label)}
                          confirm_label={i18n.s(t.title)} danger={t.danger} busy={*busy} error={(*failure).clone()}
                          required={a != Ask::Contact}
                          on_confirm={confirm_dialog.clone()} on_cancel={close_dialog.clone()} />
        }
    });

    let machine = match (&r.model_name, &r.serial_number) {
        (None, None) => html! { <span class="muted">{ i18n.s(S::NotRegistered) }</span> },
        _ => html! {
            <>
                { r.model_name.clone().unwrap_or_default() }
                if let Some(s) = &r.serial_number { { " · " }<span class="mono">{ s }</span> }
                if let Some(c) = r.category { <span class="muted">{ format!(" ({})", names::category(c, i18n.lang)) }</span> }
            </>
        },
    };

    html! {
        <div class="page" data-testid="sr-detail-page" data-status={r.status.as_str()}>
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::ServiceRequests, classes: "back-link", children: html! { <>{ format!("← {}", i18n.s(S::RequestsTitle)) }</> } })) }
                    <h1 data-testid="sr-number">{ i18n.sf(S::RequestTitle, &[&r.number]) }</h1>
                    <p class="muted">
                        { format!("{} · {} · ", names::kind(r.kind, i18n.lang), names::channel(r.channel, i18n.lang)) }
                        { priority_badge(&i18n, r.priority) }{ " " }{ flags(&i18n, &r) }
                    </p>
                </div>
                { request_status_badge(&i18n, r.status) }
            </header>
            if just_created && rc.flash.is_none() {
                { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.sf(S::RequestCreated, &[&r.number]), testid: "sr-created" })) }
            }
            { rc.notices(&i18n, ("sr-flash", "sr-action-error"), asking.is_some()) }
            { choice_banner(&i18n, &r, open_choice, *busy) }
            <div class="columns">
                <div class="column-main">
                    if can_dispatch {
                        <DispatchPanel request={r.clone()} on_done={on_done.clone()} />
                    }
                    if can_reassign && *reassigning {
                        <DispatchPanel request={r.clone()} on_done={on_done.clone()} reassign=true
                                       on_close={{ let r = reassigning.clone(); Callback::from(move |_| r.set(false)) }} />
                    }
                    <section class="panel" aria-labelledby="sr-info-h">
                        <h2 id="sr-info-h">{ i18n.s(S::SectionRequest) }</h2>
                        <dl class="dl">
                            { dl_row(i18n.s(S::Customer), html! {
                                <>
                                    <strong>{ &r.customer_name }</strong>{ " " }
                                    <a href={tel(&r.customer_phone)} class="mono" data-testid="sr-tel">{ &r.customer_phone }</a>
                                </>
                            }) }
                            { dl_row(i18n.s(S::ColMachine), machine) }
                            if r.site_address.is_some() || r.site_lat.is_some() {
                                { dl_row(i18n.s(S::Site), site_row(&i18n, &r)) }
                            }
                            { dl_row(i18n.s(S::Symptoms), html! { <span class="pre" data-testid="sr-symptoms-text">{ &r.symptoms }</span> }) }
                            if let Some(j) = &r.preliminary_judgement {
                                { dl_row(i18n.s(S::PreliminaryJudgement), html! { <span class="pre">{ j }</span> }) }
                            }
                            { dl_row(i18n.s(S::NeedsOnsite), html! { i18n.s(if r.needs_onsite { S::Yes } else { S::No }) }) }
                            { dl_row(i18n.s(S::SuspectedPart), html! { names::suspected_part(r.suspected_part, i18n.lang) }) }
                            if let Some(c) = r.coverage.or(r.proposed_coverage) {
                                { dl_row(i18n.s(if r.coverage.is_some() { S::Coverage } else { S::CoverageProposed }), html! {
                                    <span data-testid="sr-coverage-text">{ names::coverage(c, i18n.lang) }</span>
                                }) }
                            }
                            if let Some(why) = &r.coverage_reason {
                                { dl_row(i18n.s(S::CoverageReason), html! { why.clone() }) }
                            }
                            if r.machine_stopped {
                                { dl_row(i18n.s(S::BadgeStopped), html! {
                                    <>
                                        { i18n.s(S::Yes) }
                                        if let Some(o) = r.operation_at_risk { { format!(" · {}{}", labelled(i18n.lang, i18n.s(S::OperationAtRisk)), names::operation(o, i18n.lang)) } }
                                    </>
                                }) }
                            }
                            { dl_row(i18n.s(S::InSeason), html! { i18n.s(if r.in_season { S::Yes } else { S::No }) }) }
                            { dl_row(i18n.s(S::LegalClock), html! { <span data-testid="sr-legal-clock">{ names::legal_clock(r.legal_clock, i18n.lang) }</span> }) }
                            if r.diagnosed_part != SuspectedPart::Unknown {
                                { dl_row(i18n.s(S::DiagnosedPart), html! { names::suspected_part(r.diagnosed_part, i18n.lang) }) }
                            }
                            if r.promised_arrival_at.is_some() {
                                { dl_row(i18n.s(S::PromisedArrival), html! { when(&r.promised_arrival_at) }) }
                            }
                            { dl_row(i18n.s(S::ReportedAt), html! { when(&Some(r.reported_at)) }) }
                            { dl_row(i18n.s(S::RecordedBy), html! { r.created_by.clone() }) }
                            if let Some(res) = &r.resolution {
                                { dl_row(i18n.s(S::ResolutionLabel), html! { <span class="pre">{ res }</span> }) }
                            }
                            if let Some(reason) = &r.cancel_reason {
                                { dl_row(i18n.s(S::CancelReasonLabel), html! { <span class="pre">{ reason }</span> }) }
                            }
                            if r.cancelled_at.is_some() {
                                { dl_row(i18n.s(S::CancelledAt), html! { <span data-testid="sr-cancelled-at">{ when(&r.cancelled_at) }</span> }) }
                            }
                        </dl>
                    </section>
                    if let (Some(of), Some(number)) = (r.repeat_of, &r.repeat_of_number) {
                        <p data-testid="sr-repeat-of">
                            { i18n.fu(crate::i18n::follow_up::F::RepeatOf) }{ ": " }
                            { link_cell(Route::ServiceRequestDetail { id: of.to_string() }, number) }
                        </p>
                    }
                    <super::FollowUpPanel request_id={r.id} />
                    if let Some(machine_id) = r.machine_id { <RepeatFaults {machine_id} /> }
                    if let Some(rep) = &r.report {
                        { report_outcome(&i18n, rep) }
                    }
                    { history(&i18n, &timeline, i18n.s(S::SectionTimeline), false, Vec::new()) }
                </div>
                <div class="column-side">
                    { clocks_panel(&i18n, &yew::props!(RequestProps { request: r.clone() })) }
                    if r.work_order_id.is_some() {
                        <WorkPanel request={r.clone()} />
                    }
                    if !asks.is_empty() || can_reassign {
                        <section class="panel" aria-labelledby="sr-actions-h">
                            <h2 id="sr-actions-h">{ i18n.s(S::SectionActions) }</h2>
                            <div class="action-stack">
                                { for asks.iter().filter(|a| **a != Ask::Cancel).map(|a| ask_button(*a)) }
                                if can_reassign {
                                    <button type="button" class="btn" disabled={*busy || *reassigning} data-testid="sr-reassign"
                                            onclick={{ let (r, f) = (reassigning.clone(), failure.clone()); Callback::from(move |_: MouseEvent| { f.set(None); r.set(true); }) }}>
                                        { i18n.s(S::ReassignTitle) }
                                    </button>
                                }
                                { for asks.iter().filter(|a| **a == Ask::Cancel).map(|a| ask_button(*a)) }
                            </div>
                        </section>
                    }
                </div>
            </div>
            { for dialog }
            { for choice_dialog }
        </div>
    }
}

/// The approved report as the request carries it: what was found and done,
/// for whoever follows the request (the server leaves out the review).
fn report_outcome(i18n: &I18n, rep: &ReportSummary) -> Html {
    let text = |t: &str| html! { <span class="pre">{ t.to_owned() }</span> };
    html! {
        <section class="panel" aria-labelledby="sr-outcome-h" data-testid="sr-report-summary">
            <h2 id="sr-outcome-h">{ i18n.s(S::ReportOutcome) }</h2>
            <dl class="dl">
                { dl_row(i18n.s(S::RepairReport), report_status_badge(i18n, rep.status)) }
                { dl_row(i18n.s(S::Engineer), html! { rep.engineer_name.clone() }) }
                { dl_row(i18n.s(S::Cause), text(&rep.cause)) }
                { dl_row(i18n.s(S::Measures), text(&rep.measures)) }
                { super::repeat_fault::fault_rows(i18n, &rep.fault) }
                if let Some(f) = &rep.further_problems {
                    { dl_row(i18n.s(S::FurtherProblems), text(f)) }
                }
                if let Some(p) = &rep.proposals {
                    { dl_row(i18n.s(S::Proposals), text(p)) }
                }
                if let Some(passed) = rep.inspection_passed {
                    { dl_row(i18n.s(S::Inspection), html! { i18n.s(if passed { S::InspectionPassed } else { S::InspectionFailed }) }) }
                }
                if rep.reviewed_at.is_some() {
                    { dl_row(i18n.s(S::ApprovedAt), html! { when(&rep.reviewed_at) }) }
                }
            </dl>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RequestProps {
    request: ServiceRequestView,
}

/// Where one clock stands.
fn clock_state(
    i18n: &I18n,
    due: Option<DateTime<Utc>>,
    actual: Option<DateTime<Utc>>,
    open: bool,
) -> Html {
    match (due, actual) {
        (None, _) => badge(Tone::Neutral, i18n.s(S::ClockNotApplicable), None),
        (Some(d), Some(a)) if a <= d => badge(Tone::Success, i18n.s(S::ClockOnTime), None),
        (Some(_), Some(_)) => badge(Tone::Danger, i18n.s(S::ClockLate), None),
        (Some(d), None) if open && now() > d => badge(Tone::Danger, i18n.s(S::ClockOverdue), None),
        (Some(_), None) if open => badge(Tone::Info, i18n.s(S::ClockRunning), None),
        (Some(_), None) => badge(Tone::Neutral, i18n.s(S::ClockNotApplicable), None),
    }
}

fn clocks_panel(i18n: &I18n, props: &RequestProps) -> Html {
    let RequestProps { request: r } = props;
    let open = r.status.is_open();
    let rows = [
        (
            S::ClockFirstContact,
            "first-contact",
            Some(r.first_contact_due),
            r.first_contact_at,
        ),
        (S::ClockArrival, "arrival", r.arrival_due, r.arrived_at),
        (S::ClockRepair, "repair", r.repair_due, r.repaired_at),
    ];
    html! {
        <section class="panel" aria-labelledby="sr-clocks-h" data-testid="sr-clocks">
            <h2 id="sr-clocks-h">{ i18n.s(S::SectionClockTable) }</h2>
            <table class="table table-dense table-static clock-table">
                <thead>
                    <tr>
                        <th scope="col">{ i18n.s(S::ColClock) }</th>
                        <th scope="col">{ i18n.s(S::ColDue) }</th>
                        <th scope="col">{ i18n.s(S::ColActual) }</th>
                        <th scope="col"><span class="sr-only">{ i18n.s(S::ColClockState) }</span></th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.into_iter().map(|(label, key, due, actual)| html! {
                        <tr data-testid={format!("clock-{key}")}>
                            <th scope="row">{ i18n.s(label) }</th>
                            <td class="nowrap">
                                { when_short(&due) }
                                if key == "repair" && r.repair_due_provisional {
                                    { " " }{ badge(Tone::Warning, i18n.s(S::RepairDueProvisional), Some("sr-repair-provisional".into())) }
                                }
                            </td>
                            <td class="nowrap">{ when_short(&actual) }</td>
                            // A repair held by parts says so instead of how its clock runs.
                            if key == "repair" && open && actual.is_none() && r.parts_waiting_since.is_some() {
                                <td>{ badge(Tone::Warning, i18n.s(S::WaitingForParts), Some("sr-waiting-for-parts".into())) }</td>
                            } else {
                                <td>{ clock_state(i18n, due, actual, open) }</td>
                            }
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="clock-foot">
                <span class="muted">{ labelled(i18n.lang, i18n.s(S::ColDowntime)) }</span>
                <strong data-testid="sr-downtime">{ hours(i18n, r.downtime_hours) }</strong>
            </p>
            if let Some(e) = r.parts_expected.as_ref().filter(|_| r.parts_waiting_since.is_some()) {
                <p class="clock-foot" data-testid="sr-parts-expected">
                    <span class="muted">{ labelled(i18n.lang, i18n.s(S::PartsExpectedOn)) }</span>
                    { parts_expected(i18n, e) }
                </p>
            }
        </section>
    }
}

/// When the parts a waiting repair needs are expected: the latest date of
/// those ordered, and what is not ordered yet.
fn parts_expected(i18n: &I18n, e: &PartsExpected) -> Html {
    let more = (e.undated > 0 && e.expected_on.is_some())
        .then(|| i18n.sf(S::PartsSomeNotOrdered, &[&e.undated.to_string()]));
    html! {
        <>
            <strong>{ e.expected_on.map_or_else(|| i18n.s(S::PartsNotOrdered).to_owned(), |d| d.to_string()) }</strong>
            if e.overdue {
                { " " }{ badge(Tone::Danger, i18n.s(S::PartsOverdue), None) }
            }
            if let Some(more) = more {
                <span class="muted">{ " · " }{ more }</span>
            }
        </>
    }
}

#[function_component(WorkPanel)]
fn work_panel(props: &RequestProps) -> Html {
    let RequestProps { request: r } = props;
    let i18n = use_i18n();
    let session = use_session();
    let perms = session
        .user()
        .map(|u| u.permissions.clone())
        .unwrap_or_default();
    // Fetched again with each new version of the request.
    let order = r.work_order_id.map(|id| (id, r.version));
    let wo = use_api_when(order, |(id, _)| work_orders::get(id));
    let body = match &*wo {
        Remote::Loading => html! { { loading(&i18n) } },
        // Dealers follow the request only; the engineer's name is on it already.
        Remote::Failed(_) => html! {
            <dl class="dl">
                { dl_row(i18n.s(S::Engineer), html! { r.engineer_name.clone().unwrap_or_default() }) }
                if r.appointment_at.is_some() {
                    { dl_row(i18n.s(S::Appointment), html! { <span data-testid="sr-appointment">{ when(&r.appointment_at) }</span> }) }
                }
            </dl>
        },
        Remote::Ready(None) => Html::default(),
        Remote::Ready(Some(w)) => {
            let review = w.report_id.filter(|_| {
                perms.contains(&Permission::ReviewReports)
                    && matches!(
                        w.report_status,
                        Some(
                            ReportStatus::Submitted
                                | ReportStatus::Approved
                                | ReportStatus::Signed
                                | ReportStatus::SignatureRefused
                                | ReportStatus::ClosedUnsigned
                        )
                    )
            });
            let own = perms.contains(&Permission::WorkOwnOrders);
            html! {
                <>
                    <dl class="dl">
                        { dl_row(i18n.s(S::WorkOrder), html! {
                            <>
                                if own {
                                    { app_link(&yew::props!(AppLinkProps { to: Route::WorkOrderDetail { id: w.id.to_string() }, classes: "mono", children: html! { <>{ &w.number }</> } })) }
                                } else {
                                    <span class="mono">{ &w.number }</span>
                                }
                                { " " }{ work_order_status_badge(&i18n, w.status) }
                            </>
                        }) }
                        { dl_row(i18n.s(S::Engineer), html! { <span data-testid="sr-engineer">{ &w.engineer_name }</span> }) }
                        { dl_row(i18n.s(S::Site), html! {
                            <>
                                { w.site_address.clone() }{ " " }
                                <a href={map_link(&w.site_address)} target="_blank" rel="noopener noreferrer" data-testid="sr-map">{ i18n.s(S::MapLink) }</a>
                            </>
                        }) }
                        if w.appointment_at.is_some() {
                            { dl_row(i18n.s(S::Appointment), html! { when(&w.appointment_at) }) }
                        }
                        if let Some(s) = w.report_status {
                            { dl_row(i18n.s(S::RepairReport), report_status_badge(&i18n, s)) }
                        }
                    </dl>
                    if let Some(rid) = review {
                        { app_link(&yew::props!(AppLinkProps { to: Route::ReportReviewDetail { id: rid.to_string() }, classes: "btn btn-small", testid: "sr-open-review", children: html! { <>
                            { i18n.s(S::OpenReview) }
                        </> } })) }
                    }
                </>
            }
        }
    };
    html! {
        <section class="panel" aria-labelledby="sr-work-h" data-testid="sr-work">
            <h2 id="sr-work-h">{ i18n.s(S::SectionWork) }</h2>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DispatchProps {
    request: ServiceRequestView,
    on_done: Callback<(ServiceRequestView, String)>,
    /// 改派: give the open work order to another engineer, with a reason,
    /// instead of dispatching a new request.
    #[prop_or_default]
    reassign: bool,
    /// Closes the panel (reassignment only; dispatch stays until done).
    #[prop_or_default]
    on_close: Callback<()>,
}

/// One reason in the user's language.
fn reason_text(i18n: &I18n, r: &SuggestionReason) -> (String, &'static str) {
    match r {
        SuggestionReason::SkillMatch { category } => (
            i18n.sf(S::ReasonSkill, &[names::category(*category, i18n.lang)]),
            "good",
        ),
        SuggestionReason::NoSkill { category } => (
            i18n.sf(S::ReasonNoSkill, &[names::category(*category, i18n.lang)]),
            "bad",
        ),
        SuggestionReason::Workload { open_orders } => (
            i18n.sf(S::ReasonWorkload, &[&open_orders.to_string()]),
            "plain",
        ),
        SuggestionReason::Distance { km } => {
            (i18n.sf(S::ReasonDistance, &[&format!("{km:.0}")]), "plain")
        }
        SuggestionReason::DistanceUnknown => (i18n.s(S::ReasonDistanceUnknown).to_owned(), "plain"),
        SuggestionReason::BeyondLimit { limit_km } => (
            i18n.sf(S::ReasonBeyondLimit, &[&format!("{limit_km:.0}")]),
            "bad",
        ),
        SuggestionReason::Booked { orders } => {
            (i18n.sf(S::ReasonBooked, &[&orders.to_string()]), "plain")
        }
        SuggestionReason::Absent { reason, until } => (
            i18n.sf(
                S::ReasonAbsent,
                &[i18n.s(names::absence_reason(*reason)), &when(&Some(*until))],
            ),
            "bad",
        ),
    }
}

/// The site taken at intake: its address, its point, and a map link (to the
/// point when known, else a search for the address).
fn site_row(i18n: &I18n, r: &ServiceRequestView) -> Html {
    let address = r.site_address.clone().unwrap_or_default();
    let (point, href) = match r.site_lat.zip(r.site_lon) {
        Some((lat, lon)) => (
            format!(" ({lat:.4}, {lon:.4})"),
            map_point_link(lat, lon, &address),
        ),
        None => (String::new(), map_link(&address)),
    };
    html! {
        <span data-testid="sr-site">
            { address }{ point }{ " " }
            <a href={href} target="_blank" rel="noopener noreferrer" data-testid="sr-site-map">{ i18n.s(S::MapLink) }</a>
        </span>
    }
}

/// What the dispatch panel has typed and chosen.
#[derive(Clone, Default, PartialEq)]
struct DispatchDraft {
    /// Another engineer than the best suggestion.
    chosen: Option<Uuid>,
    site: String,
    requirements: String,
    /// Reassignment only: why the job moves (required, kept on the old order).
    reason: String,
}

/// A field left empty that must not be.
fn required(field: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: "required".into(),
        message: format!("{field}: required"),
    }
}

/// Engineers listed before "show all".
const SHOWN_SUGGESTIONS: usize = 5;

/// 派工: the engineers ranked by the API with their reasons; the best one is
/// preselected, so dispatching the usual choice is one click.
#[function_component(DispatchPanel)]
fn dispatch_panel(props: &DispatchProps) -> Html {
    let DispatchProps {
        request,
        on_done,
        reassign,
        on_close,
    } = props;
    let reassign = *reassign;
    let i18n = use_i18n();
    let suggestions = use_api(request.id, api::suggestions);
    let form = use_form(DispatchDraft::default);
    let (draft, busy) = (&*form.draft, form.busy.clone());
    let show_all = use_state(|| false);

    // The engineer who has the job now is no choice for taking it over.
    let current = request.engineer_id.filter(|_| reassign);
    let list: Vec<EngineerSuggestion> = match &*suggestions {
        Remote::Ready(l) => l
            .iter()
            .filter(|s| Some(s.engineer_id) != current)
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    let selected = draft.chosen.or_else(|| list.first().map(|s| s.engineer_id));
    let selected_name = list
        .iter()
        .find(|s| Some(s.engineer_id) == selected)
        .map(|s| s.display_name.clone());

    let dispatch = {
        let (form, on_done, i18n) = (form.clone(), on_done.clone(), i18n.clone());
        let (rid, version, work_order) = (request.id, request.version, request.work_order_id);
        let name = selected_name.clone().unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            let d = &*form.draft;
            let (site, requirements, reason) =
                (d.site.trim(), d.requirements.trim(), d.reason.trim());
            let missing = [
                ("engineer_id", selected.is_none()),
                ("reason", reassign && reason.is_empty()),
            ];
            let missing = missing.into_iter().filter(|(_, m)| *m);
            let missing: Vec<_> = missing.map(|(f, _)| required(f)).collect();
            let Some(engineer_id) = selected.filter(|_| missing.is_empty()) else {
                return form.refuse(FieldErrors(missing));
            };
            let requirements = Some(requirements.to_owned()).filter(|s| !s.is_empty());
            let (site, reason) = (site.to_owned(), reason.to_owned());
            let moving = work_order.filter(|_| reassign);
            let call = async move {
                match moving {
                    Some(w) => reassign_to(rid, w, engineer_id, reason, requirements).await,
                    None => {
                        let req = DispatchRequest {
                            engineer_id,
                            site_address: Some(site).filter(|s| !s.is_empty()),
                            requirements,
                        };
                        api::dispatch(rid, version, &req).await
                    }
                }
            };
            let done = if moving.is_some() {
                S::ReassignedTo
            } else {
                S::DispatchedTo
            };
            let message = i18n.sf(done, &[&name]);
            let on_done = on_done.clone();
            form.submit(call, move |v| on_done.emit((v, message)));
        })
    };

    let cards = remote(&i18n, &suggestions, None, |_| {
        if list.is_empty() {
            return html! { <p class="muted">{ i18n.s(S::NoSuggestions) }</p> };
        }
        html! {
            <>
            <ol class="suggestions" data-testid="dispatch-suggestions" aria-label={i18n.s(S::Suggestions)}>
                { for list.iter().enumerate().take(if *show_all { list.len() } else { SHOWN_SUGGESTIONS }).map(|(rank, s)| {
                    let id = s.engineer_id;
                    let checked = selected == Some(id);
                    let onchange = edit_field(&form, "engineer_id".into(), move |d: &mut DispatchDraft, _: Event| d.chosen = Some(id));
                    let input_id = format!("eng-{id}");
                    html! {
                        <li key={id.to_string()} class={classes!("suggestion", checked.then_some("chosen"), (!s.skill_match).then_some("unskilled"))}
                            data-testid={format!("suggestion-{rank}")} data-engineer={s.display_name.clone()}>
                            <input type="radio" name="engineer" id={input_id.clone()} {checked} {onchange}
                                   data-testid={format!("suggestion-pick-{rank}")} />
                            <label for={input_id}>
                                <span class="suggestion-head">
                                    <strong>{ &s.display_name }</strong>
                                    if rank == 0 { { badge(Tone::Success, i18n.s(S::Best), None) } }
                                    if let Some(km) = s.distance_km {
                                        <span class="suggestion-km">{ format!("{km:.0} km") }</span>
                                    }
                                </span>
                                if let Some(base) = &s.home_base {
                                    <span class="muted small">{ format!("{}{base}", labelled(i18n.lang, i18n.s(S::HomeBase))) }</span>
                                }
                                <span class="reasons">
                                    { for s.reasons.iter().map(|r| {
                                        let (text, tone) = reason_text(&i18n, r);
                                        html! { <span class={classes!("reason", format!("reason-{tone}"))}>{ text }</span> }
                                    }) }
                                </span>
                            </label>
                        </li>
                    }
                }) }
            </ol>
            if !*show_all && list.len() > SHOWN_SUGGESTIONS {
                <button type="button" class="btn btn-small btn-ghost" data-testid="suggestions-all"
                        onclick={{ let s = show_all.clone(); Callback::from(move |_| s.set(true)) }}>
                    { i18n.sf(S::ShowAllEngineers, &[&list.len().to_string()]) }
                </button>
            }
            </>
        }
    });

    let (title, busy_text, to, action) = if reassign {
        (
            S::ReassignTitle,
            S::Reassigning,
            S::ReassignTo,
            S::ReassignTitle,
        )
    } else {
        (
            S::DispatchTitle,
            S::Dispatching,
            S::DispatchTo,
            S::DispatchAction,
        )
    };
    html! {
        <section class="panel dispatch-panel" aria-labelledby="dispatch-h" data-testid="dispatch-panel"
                 data-mode={if reassign { "reassign" } else { "dispatch" }}>
            <h2 id="dispatch-h">{ i18n.s(title) }</h2>
            <p class="muted small">{ i18n.s(if reassign { S::ReassignHint } else { S::SuggestionsHint }) }</p>
            { form.failure_banner(&i18n, &["engineer_id", "reason"], &Callback::noop(), "dispatch-error") }
            { cards }
            if form.err(&i18n, "engineer_id").is_some() { <div class="field-error">{ i18n.s(S::ChooseEngineer) }</div> }
            if reassign {
                { text_area(&i18n, &yew::props!(TextFieldProps { id: "reassign-reason", label: i18n.s(S::Reason), required: true, value: draft.reason.clone(),
                    error: form.err(&i18n, "reason"), oninput: edit_field(&form, "reason".into(), |d: &mut DispatchDraft, v| d.reason = v), maxlength: 500, rows: 2 })) }
            } else {
                <div class="form-grid">
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "dispatch-site", label: i18n.s(S::SiteAddress), optional: true, value: draft.site.clone(), hint: i18n.s(S::SiteAddressHint), oninput: form.edit(|d, v| d.site = v), maxlength: 300 })) }
                </div>
            }
            { text_area(&i18n, &yew::props!(TextFieldProps { id: "dispatch-requirements", label: i18n.s(S::Requirements), optional: true, value: draft.requirements.clone(), oninput: form.edit(|d, v| d.requirements = v), maxlength: 2000, rows: 2 })) }
            <div class="form-actions">
                <button type="button" class="btn btn-primary" disabled={*busy || list.is_empty()} onclick={dispatch}
                        data-testid="dispatch-submit">
                    { if *busy { i18n.s(busy_text).to_owned() }
                      else { selected_name.map(|n| i18n.sf(to, &[&n])).unwrap_or_else(|| i18n.s(action).to_owned()) } }
                </button>
                if reassign {
                    <button type="button" class="btn btn-ghost" disabled={*busy} data-testid="reassign-close"
                            onclick={{ let c = on_close.clone(); Callback::from(move |_| c.emit(())) }}>
                        { i18n.t(T::Cancel) }
                    </button>
                }
            </div>
        </section>
    }
}

/// 改派: the open work order (at its current version) goes to `engineer_id`;
/// answers the request as it now stands.
async fn reassign_to(
    request: Uuid,
    work_order: Uuid,
    engineer_id: Uuid,
    reason: String,
    requirements: Option<String>,
) -> Result<ServiceRequestView, ApiError> {
    let w = work_orders::get(work_order).await?;
    let req = ReassignRequest {
        engineer_id,
        reason,
        requirements,
    };
    work_orders::reassign(w.id, w.version, &req).await?;
    api::get(request).await
}
