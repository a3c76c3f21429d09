//! 报告审核: the supervisor's queue of submitted repair reports, one report
//! with approve or reject (a reason is required), and, once approved, the
//! one-time sign-off link for the customer's tablet. A signed report shows
//! the signature and prints as the 维修报告单. After a refusal the supervisor
//! picks its outcome: rework, close unsigned with a witness, or a complaint.

use super::acknowledge::{
    acknowledgement_panel, sign_link_shown, site_origin, use_acknowledgement_png,
};
use super::common::{machine_name, report_status_badge, when};
use super::rejection::rejection_panel;
use crate::components::data_table::{Column, Table, data_table, link_cell};
use crate::components::definition_list::dl_row;
use crate::components::dom::{base64, print_button};
use crate::components::form::{
    Choice, SelectFieldProps, TextFieldProps, field_error_text, select_field, text_area, text_field,
};
use crate::components::reason_dialog::ReasonDialog;
use crate::components::record::ready;
use crate::components::record_id::RecordId;
use crate::components::{AppLinkProps, app_link};
use crate::hooks::use_record::{run_command, use_record};
use crate::hooks::{I18n, Remote, use_api, use_api_when, use_i18n};
use crate::i18n::audit::labelled;
use crate::i18n::service::{self as names, S};
use crate::route::Route;
use crate::services::{repair_reports as api, service_requests, work_orders};
use furrow_domain::service::commands::Command;
use furrow_domain::service::{
    ApproveRequest, Coverage, PartLine, RepairReportView, ReportStatus, SignLinkView,
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The parts lines as a table.
pub fn parts_table(i18n: &I18n, parts: &[PartLine]) -> Html {
    if parts.is_empty() {
        return html! { <p class="muted">{ i18n.s(S::NoParts) }</p> };
    }
    // Who pays for each line, once the supervisor confirmed it.
    let covered = parts.iter().any(|p| p.coverage.is_some());
    let coverage = |p: &PartLine| p.coverage.map(|c| names::coverage(c, i18n.lang));
    html! {
        <table class="table table-dense parts-table" data-testid="parts-table">
            <thead>
                <tr>
                    <th scope="col">{ i18n.s(S::PartNumber) }</th>
                    <th scope="col">{ i18n.s(S::PartName) }</th>
                    <th scope="col" class="num">{ i18n.s(S::Quantity) }</th>
                    <th scope="col">{ i18n.s(S::Unit) }</th>
                    if covered { <th scope="col">{ i18n.s(S::Coverage) }</th> }
                </tr>
            </thead>
            <tbody>
                { for parts.iter().map(|p| html! {
                    <tr>
                        <td class="mono">{ p.part_number.clone().unwrap_or_default() }</td>
                        <td>{ &p.name }</td>
                        <td class="num">{ p.quantity.normalize().to_string() }</td>
                        <td>{ p.unit.clone().unwrap_or_default() }</td>
                        if covered { <td data-testid="part-coverage">{ coverage(p).unwrap_or_default() }</td> }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// The content of a report (维修过程, 故障原因, 维修措施, 更换的配件...).
pub fn report_body(i18n: &I18n, r: &RepairReportView) -> Html {
    let text = |label: S, v: &str, id: &str| {
        html! {
            <div class="report-text">
                <h3>{ i18n.s(label) }</h3>
                <p class="pre" data-testid={format!("report-{id}-text")}>{ v.to_owned() }</p>
            </div>
        }
    };
    html! {
        <div class="report-body">
            { text(S::Process, &r.process, "process") }
            { text(S::Cause, &r.cause, "cause") }
            { text(S::Measures, &r.measures, "measures") }
            if let Some(f) = &r.further_problems { { text(S::FurtherProblems, f, "further") } }
            if let Some(p) = &r.proposals { { text(S::Proposals, p, "proposals") } }
            <dl class="dl">
                { dl_row(i18n.s(S::LabourHours), html! { r.labour_hours.normalize().to_string() }) }
                { super::repeat_fault::fault_rows(i18n, &r.fault) }
                if let Some(c) = r.coverage {
                    { dl_row(i18n.s(S::Coverage), html! { <span data-testid="report-coverage">{ names::coverage(c, i18n.lang) }</span> }) }
                }
                if let Some(why) = &r.coverage_reason {
                    { dl_row(i18n.s(S::CoverageReason), html! { why.clone() }) }
                }
                if let Some(ok) = r.inspection_passed {
                    { dl_row(i18n.s(S::Inspection), html! { i18n.s(if ok { S::InspectionPassed } else { S::InspectionFailed }) }) }
                }
            </dl>
            <h3>{ i18n.s(S::Parts) }</h3>
            { parts_table(i18n, &r.parts) }
        </div>
    }
}

/// The columns of a review queue.
fn queue_columns(i18n: &I18n) -> Vec<Column<RepairReportView>> {
    type Col = Column<RepairReportView>;
    vec![
        Col::new(i18n.s(S::ColNumber), |_, r| {
            let to = Route::ServiceRequestDetail {
                id: r.request_id.to_string(),
            };
            link_cell(to, &r.request_number)
        })
        .class("mono nowrap"),
        Col::new(
            i18n.s(S::ColWorkOrder),
            |_, r| html! { &r.work_order_number },
        )
        .class("mono nowrap"),
        Col::new(i18n.s(S::ColEngineer), |_, r| html! { &r.engineer_name }),
        Col::new(i18n.s(S::ColStatus), |i18n, r| {
            report_status_badge(i18n, r.status)
        }),
        Col::new(
            i18n.s(S::ColSubmitted),
            |_, r| html! { when(&r.submitted_at) },
        )
        .class("nowrap"),
        Col::new(
            i18n.s(S::LabourHours),
            |_, r| html! { r.labour_hours.normalize().to_string() },
        )
        .class("num"),
        Col::new(i18n.s(S::ColParts), |_, r| html! { r.parts.len() }).class("num"),
        Col::new(i18n.s(S::Open), |i18n, r| {
            let to = Route::ReportReviewDetail {
                id: r.id.to_string(),
            };
            let testid = format!("review-open-{}", r.request_number);
            let children = html! { <>{ i18n.s(S::Open) }</> };
            app_link(&yew::props!(AppLinkProps {
                to,
                classes: "btn btn-small",
                testid,
                children
            }))
        })
        .class("actions"),
    ]
}

#[function_component(ReviewQueuePage)]
pub fn review_queue_page() -> Html {
    let i18n = use_i18n();
    let submitted = use_api((), |_| api::list(ReportStatus::Submitted));
    let approved = use_api((), |_| api::list(ReportStatus::Approved));
    let refused = use_api((), |_| api::list(ReportStatus::SignatureRefused));
    let section =
        |data: &Remote<furrow_domain::Page<RepairReportView>>, empty: S, testid: &'static str| {
            let table: Table<RepairReportView> = Table {
                testid,
                row_testid: |r| format!("review-row-{}", r.request_number),
                empty: i18n.s(empty).into(),
                empty_testid: "",
                columns: queue_columns(&i18n),
                key: |r| r.id.to_string(),
                row_class: |_| None,
            };
            data_table(&i18n, data, &table, None)
        };
    // Approved (to be signed) and refused (to be signed again) wait alike.
    let waiting_sign = match (&*approved, &*refused) {
        (Remote::Loading, _) => Remote::Loading,
        (a, r) => {
            let items = [a, r].into_iter().filter_map(|d| match d {
                Remote::Ready(p) => Some(p.items.iter().cloned()),
                _ => None,
            });
            let items = items.flatten().collect();
            Remote::Ready(furrow_domain::Page::new(items, None))
        }
    };
    html! {
        <div class="page" data-testid="review-page">
            <header class="page-header"><h1>{ i18n.s(S::ReviewTitle) }</h1></header>
            <section class="panel" aria-labelledby="review-waiting-h">
                <h2 id="review-waiting-h">{ i18n.s(S::WaitingReview) }</h2>
                { section(&submitted, S::NothingToReview, "review-queue") }
            </section>
            <section class="panel" aria-labelledby="review-sign-h">
                <h2 id="review-sign-h">{ i18n.s(S::AwaitingSignature) }</h2>
                { section(&waiting_sign, S::NothingAwaitingSignature, "review-signoff") }
            </section>
        </div>
    }
}

#[function_component(ReviewReport)]
pub fn review_report(props: &RecordId) -> Html {
    let RecordId { id } = props;
    let i18n = use_i18n();
    let rc = use_record(*id, api::get);
    let report = rc.record.clone();
    let request_id = match &*report {
        Remote::Ready(r) => Some((r.request_id, r.work_order_id)),
        _ => None,
    };
    let context = use_api_when(request_id, |(rid, wid)| async move {
        let r = service_requests::get(rid).await?;
        Ok((r, work_orders::get(wid).await.ok()))
    });
    let comment = use_state(String::new);
    // Who pays, as the supervisor sets it: the request's (none: the
    // proposal), each part line's by index (none: the request's), and why.
    let cover = use_state(|| None::<Coverage>);
    let line_cover = use_state(Vec::<Option<Coverage>>::new);
    let cover_reason = use_state(String::new);
    let rejecting = use_state(|| false);
    // The refusal outcome whose reason dialog is open, and the close's witness.
    let outcome = use_state(|| None::<Command>);
    let witness = use_state(String::new);
    let (busy, failure) = (rc.cmd.busy.clone(), rc.cmd.failure.clone());
    let link = use_state(|| None::<SignLinkView>);
    let signature = use_state(|| None::<String>);

    {
        // A signed report shows its signature (fetched with the session's token).
        let signature = signature.clone();
        let has = match &*report {
            Remote::Ready(r) if r.has_signature => Some(r.id),
            _ => None,
        };
        use_effect_with(has, move |has| {
            if let Some(rid) = *has {
                spawn_local(async move {
                    if let Ok(png) = api::signature_png(rid).await {
                        signature.set(Some(format!("data:image/png;base64,{}", base64(&png))));
                    }
                });
            }
        });
    }

    let acknowledged = match &*report {
        Remote::Ready(r) if r.acknowledgement.is_some() => Some(r.work_order_id),
        _ => None,
    };
    let ack_png = use_acknowledgement_png(acknowledged);

    let r = match ready(&i18n, &report, &rc.reload) {
        Ok(v) => v,
        Err(page) => return page,
    };

    // A command succeeded: show the new version and say so.
    let decided = |message: S| {
        let (rc, rejecting, outcome, text) = (
            rc.clone(),
            rejecting.clone(),
            outcome.clone(),
            i18n.s(message).to_owned(),
        );
        move |v: RepairReportView| {
            rc.record.set(Remote::Ready(v));
            rc.flash.set(Some(text));
            rejecting.set(false);
            outcome.set(None);
        }
    };
    let approve = {
        let (rc, comment, done) = (rc.clone(), comment.clone(), decided(S::ReportApproved));
        let (cover, line_cover, cover_reason) =
            (cover.clone(), line_cover.clone(), cover_reason.clone());
        let (rid, version, proposed, lines) = (r.id, r.version, r.proposed_coverage, r.parts.len());
        Callback::from(move |_: MouseEvent| {
            let text = |s: &str| Some(s.trim().to_owned()).filter(|c| !c.is_empty());
            let request = cover.or(proposed);
            let part_coverage = request
                .filter(|_| line_cover.iter().any(Option::is_some))
                .map(|req| {
                    (0..lines)
                        .map(|i| line_cover.get(i).copied().flatten().unwrap_or(req))
                        .collect()
                });
            let body = ApproveRequest {
                comment: text(&comment),
                coverage: *cover,
                part_coverage,
                coverage_reason: text(&cover_reason),
            };
            run_command(
                &rc.cmd,
                &rc.reload,
                api::approve(rid, version, body),
                done.clone(),
            );
        })
    };
    // The coverage choices of the review: the request's, then each line's.
    let cover_choices = |follow: &str| {
        let mut c = vec![Choice::new("", follow.to_owned())];
        c.extend(
            Coverage::ALL
                .iter()
                .map(|k| Choice::new(k.as_str(), names::coverage(*k, i18n.lang))),
        );
        c
    };
    let request_follow = r.proposed_coverage.map_or(String::new(), |p| {
        format!(
            "{}{}",
            labelled(i18n.lang, i18n.s(S::CoverageProposed)),
            names::coverage(p, i18n.lang)
        )
    });
    // A refused coverage (no reason for a change) shows at the reason field.
    let cover_error = failure.as_ref().and_then(|f| {
        let e = f.problem.errors.iter();
        let mut e = e.filter(|e| e.field == "coverage_reason" || e.field == "part_coverage");
        e.next()
            .map(|e| AttrValue::from(field_error_text(&i18n, e)))
    });
    let cover_fields = html! {
        <div data-testid="review-coverage">
            { select_field(&i18n, &yew::props!(SelectFieldProps { id: "review-cover", label: i18n.s(S::Coverage), value: cover.map_or("", |c| c.as_str()), choices: cover_choices(&request_follow), onchange: { let c = cover.clone(); Callback::from(move |v: String| c.set(Coverage::parse(&v))) } })) }
            { for r.parts.iter().enumerate().map(|(i, p)| {
                let value = line_cover.get(i).copied().flatten().map_or("", |c| c.as_str());
                let onchange = { let lc = line_cover.clone(); let n = r.parts.len(); Callback::from(move |v: String| {
                    let mut all = (*lc).clone();
                    all.resize(n, None);
                    all[i] = Coverage::parse(&v);
                    lc.set(all);
                }) };
                select_field(&i18n, &yew::props!(SelectFieldProps { id: format!("review-cover-{i}"), label: format!("{} · {}", i18n.s(S::Coverage), p.name), value, choices: cover_choices(i18n.s(S::CoverageAsRequest)), onchange }))
            }) }
            { text_field(&i18n, &yew::props!(TextFieldProps { id: "review-cover-reason", label: i18n.s(S::CoverageReason), optional: true, value: (*cover_reason).clone(), oninput: { let c = cover_reason.clone(); Callback::from(move |v: String| c.set(v)) }, hint: i18n.s(S::CoverageReasonHint), error: cover_error, maxlength: 500 })) }
        </div>
    };
    let reject = {
        let (cmd, done) = (rc.cmd.clone(), decided(S::ReportRejected));
        let (rid, version) = (r.id, r.version);
        // The dialog stays open on a failure, with the record it was opened on.
        Callback::from(move |reason: String| {
            let call = api::reject(rid, version, reason);
            run_command(&cmd, &Callback::noop(), call, done.clone());
        })
    };
    let open_reject = {
        let (rejecting, failure) = (rejecting.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            failure.set(None);
            rejecting.set(true);
        })
    };
    let close_reject = {
        let rejecting = rejecting.clone();
        Callback::from(move |_: ()| rejecting.set(false))
    };
    let run_outcome = {
        let (cmd, outcome, witness) = (rc.cmd.clone(), outcome.clone(), witness.clone());
        let rework_done = decided(S::ReworkOrdered);
        let close_done = decided(S::ClosedUnsignedDone);
        let complaint_done = decided(S::ComplaintOpenedDone);
        let (rid, version) = (r.id, r.version);
        // As for a rejection, the dialog stays open on a failure.
        Callback::from(move |reason: String| {
            let quiet = Callback::noop();
            match *outcome {
                Some(Command::ReworkAfterRefusal) => {
                    let call = api::rework(rid, version, reason);
                    run_command(&cmd, &quiet, call, rework_done.clone());
                }
                Some(Command::CloseUnsigned) => {
                    let w = witness.trim().to_owned();
                    let call = api::close_unsigned(rid, version, w, reason);
                    run_command(&cmd, &quiet, call, close_done.clone());
                }
                Some(Command::OpenComplaint) => {
                    let call = api::open_complaint(rid, version, reason);
                    run_command(&cmd, &quiet, call, complaint_done.clone());
                }
                _ => {}
            }
        })
    };
    let open_outcome = |c: Command| {
        let (outcome, failure) = (outcome.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            failure.set(None);
            outcome.set(Some(c));
        })
    };
    let close_outcome = {
        let outcome = outcome.clone();
        Callback::from(move |_: ()| outcome.set(None))
    };
    let create_link = {
        let (rc, link, i18n) = (rc.clone(), link.clone(), i18n.clone());
        let (rid, version) = (r.id, r.version);
        Callback::from(move |_: MouseEvent| {
            let (link, flash, again, i18n) = (
                link.clone(),
                rc.flash.clone(),
                rc.reload.clone(),
                i18n.clone(),
            );
            run_command(
                &rc.cmd,
                &rc.reload,
                api::sign_link(rid, version),
                move |l| {
                    flash.set(Some(
                        i18n.sf(S::SignLinkCreated, &[&when(&Some(l.expires_at))]),
                    ));
                    link.set(Some(l));
                    again.emit(());
                },
            );
        })
    };

    let origin = site_origin();
    let ctx = match &*context {
        Remote::Ready(Some(c)) => Some(c.clone()),
        _ => None,
    };

    // The buttons are the commands the server lists for this report now.
    let may = |c: Command| r.actions.contains(&c);
    html! {
        <div class="page report-page" data-testid="review-report-page" data-status={r.status.as_str()}>
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::ReportReview, classes: "back-link no-print", children: html! { <>{ format!("← {}", i18n.s(S::ReviewTitle)) }</> } })) }
                    <h1>
                        <span class="no-print">{ i18n.sf(S::ReviewReportTitle, &[&r.request_number]) }</span>
                        <span class="print-only">{ format!("{} {}", i18n.s(S::SignTitle), r.request_number) }</span>
                    </h1>
                    <p class="muted">
                        { format!("{} · {}{} · ", r.work_order_number, labelled(i18n.lang, i18n.s(S::Engineer)), r.engineer_name) }
                        if r.submitted_at.is_some() { { format!("{}{} ", labelled(i18n.lang, i18n.s(S::SubmittedAt)), when(&r.submitted_at)) } }
                        { report_status_badge(&i18n, r.status) }
                    </p>
                </div>
                { print_button(i18n.s(S::Print)) }
            </header>
            { rc.notices(&i18n, ("review-flash", "review-error"), *rejecting || outcome.is_some()) }
            <div class="columns">
                <div class="column-main">
                    if let Some((req, wo)) = ctx.clone() {
                        <section class="panel">
                            <dl class="dl">
                                { dl_row(i18n.s(S::Customer), html! { <>{ &req.customer_name }{ " " }<span class="mono">{ &req.customer_phone }</span></> }) }
                                { dl_row(i18n.s(S::ColMachine), html! { machine_name(&req.model_name, &req.serial_number) }) }
                                { dl_row(i18n.s(S::Symptoms), html! { <span class="pre">{ &req.symptoms }</span> }) }
                                if let Some(w) = wo {
                                    { dl_row(i18n.s(S::Site), html! { w.site_address.clone() }) }
                                    { dl_row(i18n.s(S::ArrivedAtLabel), html! { when(&w.arrived_at) }) }
                                    { dl_row(i18n.s(S::FinishedAtLabel), html! { when(&w.finished_at) }) }
                                }
                            </dl>
                        </section>
                    }
                    <section class="panel" aria-labelledby="report-body-h" data-testid="review-report">
                        <h2 id="report-body-h">{ i18n.s(S::ReportTitle) }</h2>
                        { report_body(&i18n, &r) }
                        // A rejection's comment shows in its own panel below until a new review.
                        if let (Some(c), Some(by), false) = (&r.review_comment, &r.reviewer_name, r.last_rejection.is_some() && matches!(r.status, ReportStatus::Draft | ReportStatus::Rejected | ReportStatus::Submitted)) {
                            <p class="muted">{ format!("{}{by} · {}{c}", labelled(i18n.lang, i18n.s(S::ReviewedBy)), labelled(i18n.lang, i18n.s(S::ReviewComment))) }</p>
                        }
                    </section>
                    { rejection_panel(&i18n, r.last_rejection.as_ref()) }
                    if let Some(ack) = &r.acknowledgement {
                        { acknowledgement_panel(&i18n, ack, ack_png.clone()) }
                    }
                    // Closed unsigned: the refusal stays in view (the outcome is on the timeline).
                    if let (ReportStatus::ClosedUnsigned, Some(reason)) = (r.status, &r.refusal_reason) {
                        <div class="banner banner-warning" data-testid="review-closed-unsigned"><div class="banner-text">{ i18n.sf(S::SignatureRefusedBecause, &[reason]) }</div></div>
                    }
                    if r.status == ReportStatus::Signed {
                        <section class="panel signature-block" aria-labelledby="sig-h" data-testid="review-signed">
                            <h2 id="sig-h">{ i18n.s(S::Signature) }</h2>
                            <p>{ i18n.sf(S::SignedBy, &[&r.signer_name.clone().unwrap_or_default(), &when(&r.signed_at)]) }</p>
                            if let Some(src) = (*signature).clone() {
                                <img class="signature-img" src={src} alt={i18n.s(S::Signature)} data-testid="review-signature" />
                            }
                        </section>
                    }
                </div>
                <div class="column-side no-print">
                    if may(Command::ApproveReport) || may(Command::RejectReport) {
                        <section class="panel" aria-labelledby="decide-h" data-testid="review-decide">
                            <h2 id="decide-h">{ i18n.s(S::SectionActions) }</h2>
                            if r.inspection_passed == Some(false) && !may(Command::ApproveReport) {
                                <div class="banner banner-warning" role="status" data-testid="review-inspection-failed">
                                    <div class="banner-text">{ i18n.s(S::InspectionFailedSendBack) }</div>
                                </div>
                            }
                            if may(Command::ApproveReport) { { cover_fields } }
                            { text_area(&i18n, &yew::props!(TextFieldProps { id: "review-comment", label: i18n.s(S::ReviewComment), optional: true, value: (*comment).clone(), oninput: { let c = comment.clone(); Callback::from(move |v: String| c.set(v)) }, rows: 2, maxlength: 2000 })) }
                            <div class="action-stack">
                                if may(Command::ApproveReport) {
                                    <button type="button" class="btn btn-primary" disabled={*busy} onclick={approve} data-testid="review-approve">
                                        { i18n.s(S::Approve) }
                                    </button>
                                }
                                if may(Command::RejectReport) {
                                    <button type="button" class="btn btn-danger-ghost" disabled={*busy} onclick={open_reject} data-testid="review-reject">
                                        { i18n.s(S::Reject) }
                                    </button>
                                }
                            </div>
                        </section>
                    }
                    if may(Command::CreateSignLink) {
                        <section class="panel" aria-labelledby="signoff-h" data-testid="review-signoff">
                            <h2 id="signoff-h">{ i18n.s(S::SignOffSection) }</h2>
                            if let Some(reason) = &r.refusal_reason {
                                <div class="banner banner-warning"><div class="banner-text">{ i18n.sf(S::SignatureRefusedBecause, &[reason]) }</div></div>
                            }
                            if let Some(l) = (*link).clone() {
                                <div class="sign-link" data-testid="sign-link">
                                    <p>{ i18n.s(S::GiveThisAddress) }</p>
                                    { sign_link_shown(&i18n, &l, &origin, S::ScanToSign) }
                                    <a class="btn btn-primary" href={l.path.clone()} target="_blank" rel="noopener"
                                       data-testid="sign-open">{ i18n.s(S::OpenSignPage) }</a>
                                </div>
                            }
                            <p class="hint">{ i18n.s(S::SignLinkHint) }</p>
                            <button type="button" class="btn" disabled={*busy} onclick={create_link} data-testid="sign-link-create">
                                { i18n.s(S::CreateSignLink) }
                            </button>
                        </section>
                    }
                    if may(Command::ReworkAfterRefusal) || may(Command::CloseUnsigned) || may(Command::OpenComplaint) {
                        <section class="panel" aria-labelledby="refusal-h" data-testid="refusal-outcomes">
                            <h2 id="refusal-h">{ i18n.s(S::SectionActions) }</h2>
                            <p class="hint">{ i18n.s(S::RefusalOutcomeHint) }</p>
                            <div class="action-stack">
                                if may(Command::ReworkAfterRefusal) {
                                    <button type="button" class="btn" disabled={*busy} onclick={open_outcome(Command::ReworkAfterRefusal)} data-testid="refusal-rework">
                                        { i18n.s(S::ReworkAfterRefusal) }
                                    </button>
                                }
                                if may(Command::CloseUnsigned) {
                                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "refusal-witness", label: i18n.s(S::Witness), value: (*witness).clone(), oninput: { let w = witness.clone(); Callback::from(move |v: String| w.set(v)) }, maxlength: 200 })) }
                                    <button type="button" class="btn" disabled={*busy} onclick={open_outcome(Command::CloseUnsigned)} data-testid="refusal-close">
                                        { i18n.s(S::CloseUnsigned) }
                                    </button>
                                }
                                if may(Command::OpenComplaint) {
                                    <button type="button" class="btn btn-danger-ghost" disabled={*busy} onclick={open_outcome(Command::OpenComplaint)} data-testid="refusal-complaint">
                                        { i18n.s(S::OpenComplaint) }
                                    </button>
                                }
                            </div>
                        </section>
                    }
                </div>
            </div>
            if *rejecting {
                <ReasonDialog id="reject" title={i18n.s(S::Reject)} body={i18n.s(S::RejectReasonHint)}
                              label={i18n.s(S::RejectReason)} confirm_label={i18n.s(S::Reject)} danger=true
                              busy={*busy} error={(*failure).clone()} on_confirm={reject} on_cancel={close_reject} />
            }
            if let Some((id, title, hint)) = match *outcome {
                Some(Command::ReworkAfterRefusal) => Some(("rework", S::ReworkAfterRefusal, S::ReworkReasonHint)),
                Some(Command::CloseUnsigned) => Some(("close-unsigned", S::CloseUnsigned, S::CloseUnsignedHint)),
                Some(Command::OpenComplaint) => Some(("complaint", S::OpenComplaint, S::ComplaintHint)),
                _ => None,
            } {
                <ReasonDialog id={id} title={i18n.s(title)} body={i18n.s(hint)}
                              label={i18n.s(S::OutcomeReason)} confirm_label={i18n.s(title)}
                              danger={*outcome == Some(Command::OpenComplaint)}
                              busy={*busy} error={(*failure).clone()} on_confirm={run_outcome} on_cancel={close_outcome} />
            }
        </div>
    }
}
