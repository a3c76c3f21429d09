//! The repair report (维修报告) as the engineer writes it on the phone:
//! process, cause, measures, further problems and proposals, labour hours,
//! and the parts replaced (lines added and removed). Drafts save at any
//! time; submitting for review needs the finished visit and the required
//! fields, checked here with the domain's own rules before anything is sent.

use super::common::{edit_field, report_status_badge};
use super::repeat_fault::{FaultEdits, fault_fields};
use crate::components::dom::focus_by_id;
use crate::components::form::{
    Choice, FieldErrors, SelectFieldProps, TextFieldProps, select_field, text_area, text_field,
};
use crate::components::{ErrorBannerProps, NoticeKind, NoticeProps, error_banner, loading, notice};
use crate::hooks::{Remote, use_api, use_form, use_i18n};
use crate::i18n::service::{self as names, S};
use crate::services::{repair_reports, work_orders};
use furrow_domain::FieldError;
use furrow_domain::service::commands::Command;
use furrow_domain::service::fault::{FaultIdentity, MainAssembly};
use furrow_domain::service::{
    PartLine, RepairReportView, ReportDraft, ReportStatus, SuspectedPart, WorkOrderView,
};
use rust_decimal::Decimal;
use yew::prelude::*;

/// One parts line as typed.
#[derive(Debug, Clone, Default, PartialEq)]
struct PartRow {
    number: String,
    name: String,
    quantity: String,
    unit: String,
}

/// The form as typed (numbers stay text until they are checked).
#[derive(Debug, Clone, Default, PartialEq)]
struct Form {
    process: String,
    cause: String,
    measures: String,
    further: String,
    proposals: String,
    labour: String,
    parts: Vec<PartRow>,
    /// The diagnosis: sent only once a part type is chosen (it sets the
    /// request's 三包 deadline, not the report).
    part_type: Option<SuspectedPart>,
    fault: FaultIdentity,
}

fn opt(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// A typed quantity; a comma (also the full-width one) is read as the point.
pub(super) fn decimal(s: &str) -> Option<Decimal> {
    s.trim().replace(['，', ','], ".").parse::<Decimal>().ok()
}

impl Form {
    fn of(r: &RepairReportView) -> Self {
        Form {
            process: r.process.clone(),
            cause: r.cause.clone(),
            measures: r.measures.clone(),
            further: r.further_problems.clone().unwrap_or_default(),
            proposals: r.proposals.clone().unwrap_or_default(),
            labour: if r.labour_hours.is_zero() {
                String::new()
            } else {
                r.labour_hours.normalize().to_string()
            },
            parts: r
                .parts
                .iter()
                .map(|p| PartRow {
                    number: p.part_number.clone().unwrap_or_default(),
                    name: p.name.clone(),
                    quantity: p.quantity.normalize().to_string(),
                    unit: p.unit.clone().unwrap_or_default(),
                })
                .collect(),
            part_type: None,
            fault: r.fault,
        }
    }

    /// The draft to send, or the numbers that cannot be read.
    fn draft(&self) -> Result<ReportDraft, Vec<FieldError>> {
        let mut bad = Vec::new();
        let invalid = |field: String| FieldError {
            field,
            code: "invalid".into(),
            message: "not a number".into(),
        };
        let labour_hours = if self.labour.trim().is_empty() {
            Decimal::ZERO
        } else {
            decimal(&self.labour).unwrap_or_else(|| {
                bad.push(invalid("labour_hours".into()));
                Decimal::ZERO
            })
        };
        let parts = self
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| PartLine {
                part_number: opt(&p.number),
                name: p.name.trim().to_owned(),
                quantity: decimal(&p.quantity).unwrap_or_else(|| {
                    bad.push(invalid(format!("parts[{i}].quantity")));
                    Decimal::ZERO
                }),
                unit: opt(&p.unit),
                coverage: None,
            })
            .collect();
        let draft = ReportDraft {
            process: self.process.trim().to_owned(),
            cause: self.cause.trim().to_owned(),
            measures: self.measures.trim().to_owned(),
            further_problems: opt(&self.further),
            proposals: opt(&self.proposals),
            labour_hours,
            parts,
            part_type: self.part_type,
            fault: self.fault,
        };
        if bad.is_empty() { Ok(draft) } else { Err(bad) }
    }
}

#[derive(Properties, PartialEq)]
pub struct ReportEditorProps {
    pub order: WorkOrderView,
}

#[function_component(ReportEditor)]
pub fn report_editor(props: &ReportEditorProps) -> Html {
    let ReportEditorProps { order } = props;
    let i18n = use_i18n();
    // Fetched again when the order moves on (e.g. finished), so the report's
    // `actions` say whether it can be submitted now.
    let loaded = use_api((order.id, order.version), |(id, _)| work_orders::report(id));
    let fm = use_form(Form::default);
    let (form, errors, busy) = (fm.draft.clone(), fm.errors.clone(), fm.busy.clone());
    let flash = use_state(|| None::<S>);
    {
        // The stored report fills the form when it arrives or changes.
        let form = form.clone();
        let stored = match &*loaded {
            Remote::Ready(Some(r)) => Some(r.clone()),
            _ => None,
        };
        use_effect_with(stored.as_ref().map(|r| (r.id, r.version)), move |_| {
            if let Some(r) = stored {
                form.set(Form::of(&r));
            }
        });
    }

    let report = match &*loaded {
        Remote::Loading => return html! { <section class="panel">{ loading(&i18n) }</section> },
        Remote::Failed(e) => {
            return html! { <section class="panel">{ error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e.clone() })) }</section> };
        }
        Remote::Ready(r) => r.clone(),
    };
    let status = report.as_ref().map(|r| r.status);
    // The server lists what may be done with the report now: on the stored
    // report once it exists, on the work order before the first draft.
    let actions = report.as_ref().map_or(&order.actions, |r| &r.actions);
    let editable = actions.contains(&Command::SaveReport);
    // Submitting saves the draft first, so a report that is not yet a draft
    // (none stored, or rejected) lists only SaveReport; it can be submitted
    // once the order no longer offers Finish, i.e. the visit is over.
    let can_submit = actions.contains(&Command::SubmitReport)
        || (editable && !order.actions.contains(&Command::Finish));

    // Typing hides the last "saved" notice.
    let quiet = |edit: Callback<String>| {
        let flash = flash.clone();
        edit.reform(move |v: String| {
            flash.set(None);
            v
        })
    };
    let edit = |field: &str, f: fn(&mut Form, String)| quiet(edit_field(&fm, field.into(), f));
    let edit_part = |i: usize, field: &str, f: fn(&mut PartRow, String)| {
        let set = move |d: &mut Form, v| {
            if let Some(p) = d.parts.get_mut(i) {
                f(p, v);
            }
        };
        quiet(edit_field(&fm, format!("parts[{i}].{field}"), set))
    };
    let add_part = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            let mut d = (*form).clone();
            d.parts.push(PartRow {
                quantity: "1".into(),
                ..PartRow::default()
            });
            let n = d.parts.len() - 1;
            form.set(d);
            // After the new line renders.
            gloo_timers::callback::Timeout::new(0, move || focus_by_id(&format!("part-{n}-name")))
                .forget();
        })
    };

    // Saves the draft, then (when `submit`) submits it for review.
    let save = {
        let (fm, flash, loaded) = (fm.clone(), flash.clone(), loaded.clone());
        let order_id = order.id;
        let version = report.as_ref().map(|r| r.version).unwrap_or(0);
        move |submit: bool| {
            let (fm, flash, loaded) = (fm.clone(), flash.clone(), loaded.clone());
            Callback::from(move |_: MouseEvent| {
                if *fm.busy {
                    return;
                }
                flash.set(None);
                let draft = match fm.draft.draft() {
                    Ok(d) => d,
                    Err(bad) => return fm.refuse(FieldErrors(bad)),
                };
                let checked = if submit {
                    draft.validate_submit()
                } else {
                    draft.validate_draft()
                };
                if let Err(invalid) = checked {
                    return fm.refuse(invalid.into());
                }
                let keep = loaded.clone();
                let call = async move {
                    let saved = work_orders::save_report(order_id, version, &draft).await;
                    match saved {
                        Ok(r) if submit => {
                            // Keep the saved draft on screen if the submit fails.
                            keep.set(Remote::Ready(Some(r.clone())));
                            repair_reports::submit(r.id, r.version).await
                        }
                        other => other,
                    }
                };
                let (flash, loaded) = (flash.clone(), loaded.clone());
                fm.submit(call, move |r| {
                    flash.set(Some(if submit {
                        S::ReportSubmitted
                    } else {
                        S::ReportSaved
                    }));
                    loaded.set(Remote::Ready(Some(r)));
                });
            })
        }
    };

    let err = |f: &str| errors.text(&i18n, f);
    let shown: Vec<String> = [
        "process",
        "cause",
        "measures",
        "further_problems",
        "proposals",
        "labour_hours",
        "part_type",
        "fault.assembly",
    ]
    .into_iter()
    .map(String::from)
    .chain((0..form.parts.len()).flat_map(|i| {
        [
            format!("parts[{i}].name"),
            format!("parts[{i}].quantity"),
            format!("parts[{i}].part_number"),
            format!("parts[{i}].unit"),
        ]
    }))
    .collect();
    let shown_refs: Vec<&str> = shown.iter().map(String::as_str).collect();
    let part_choices: Vec<Choice> = [
        SuspectedPart::Unknown,
        SuspectedPart::MainPart,
        SuspectedPart::WearPart,
    ]
    .into_iter()
    .map(|p| Choice::new(p.as_str(), names::suspected_part(p, i18n.lang)))
    .collect();

    let rejected = report
        .as_ref()
        .filter(|r| {
            r.status == ReportStatus::Rejected
                || (r.status == ReportStatus::Draft
                    && r.review_comment.is_some()
                    && r.reviewed_at.is_some())
        })
        .and_then(|r| r.review_comment.clone());

    if !editable {
        let r = report.clone();
        return html! {
            <section class="panel" aria-labelledby="report-h" data-testid="report-readonly">
                <h2 id="report-h">{ i18n.s(S::ReportTitle) }{ " " }
                    if let Some(s) = status { { report_status_badge(&i18n, s) } }
                </h2>
                if let Some(f) = *flash { { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.s(f), testid: "report-flash" })) } }
                // Sent back: the report is written again after the next visit.
                if let Some(comment) = rejected {
                    <div class="banner banner-warning" role="status" data-testid="report-rejected">
                        <div class="banner-text">{ i18n.sf(S::RejectedBecause, &[&comment]) }</div>
                    </div>
                    <p class="muted" data-testid="report-revisit">{ i18n.s(S::RevisitFirst) }</p>
                } else {
                    <p class="muted">{ i18n.s(S::ReportReadOnly) }</p>
                }
                if let Some(r) = r { { super::review::report_body(&i18n, &r) } }
            </section>
        };
    }

    let parts = form.parts.iter().enumerate().map(|(i, p)| {
        let remove = {
            let form = form.clone();
            Callback::from(move |_: MouseEvent| {
                let mut d = (*form).clone();
                if i < d.parts.len() {
                    d.parts.remove(i);
                }
                form.set(d);
            })
        };
        html! {
            <fieldset class="part-line" key={i} data-testid={format!("part-{i}")}>
                <legend class="sr-only">{ format!("{} {}", i18n.s(S::Parts), i + 1) }</legend>
                { text_field(&i18n, &yew::props!(TextFieldProps { id: format!("part-{i}-name"), label: i18n.s(S::PartName), value: p.name.clone(), oninput: edit_part(i, "name", |p, v| p.name = v), error: err(&format!("parts[{i}].name")), maxlength: 200 })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: format!("part-{i}-number"), label: i18n.s(S::PartNumber), optional: true, value: p.number.clone(), oninput: edit_part(i, "part_number", |p, v| p.number = v), error: err(&format!("parts[{i}].part_number")), maxlength: 64 })) }
                <div class="part-qty">
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: format!("part-{i}-quantity"), label: i18n.s(S::Quantity), value: p.quantity.clone(), oninput: edit_part(i, "quantity", |p, v| p.quantity = v), error: err(&format!("parts[{i}].quantity")), maxlength: 12 })) }
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: format!("part-{i}-unit"), label: i18n.s(S::Unit), optional: true, value: p.unit.clone(), oninput: edit_part(i, "unit", |p, v| p.unit = v), maxlength: 16 })) }
                </div>
                <button type="button" class="btn btn-small btn-danger-ghost" onclick={remove} data-testid={format!("part-{i}-remove")}>
                    { i18n.s(S::RemovePart) }
                </button>
            </fieldset>
        }
    });

    html! {
        <section class="panel report-form" aria-labelledby="report-h" data-testid="report-form">
            <h2 id="report-h">{ i18n.s(S::ReportTitle) }{ " " }
                if let Some(s) = status { { report_status_badge(&i18n, s) } }
            </h2>
            if let Some(comment) = rejected {
                <div class="banner banner-warning" role="status" data-testid="report-rejected">
                    <div class="banner-text">{ i18n.sf(S::RejectedBecause, &[&comment]) }</div>
                </div>
            }
            if let Some(f) = *flash { { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.s(f), testid: "report-flash" })) } }
            { fm.failure_banner(&i18n, &shown_refs, &Callback::noop(), "report-error") }
            { text_area(&i18n, &yew::props!(TextFieldProps { id: "report-process", label: i18n.s(S::Process), required: true, value: form.process.clone(), oninput: edit("process", |f, v| f.process = v), error: err("process"), rows: 4, maxlength: 8000 })) }
            { text_area(&i18n, &yew::props!(TextFieldProps { id: "report-cause", label: i18n.s(S::Cause), required: true, value: form.cause.clone(), oninput: edit("cause", |f, v| f.cause = v), error: err("cause"), rows: 3, maxlength: 8000 })) }
            { text_area(&i18n, &yew::props!(TextFieldProps { id: "report-measures", label: i18n.s(S::Measures), required: true, value: form.measures.clone(), oninput: edit("measures", |f, v| f.measures = v), error: err("measures"), rows: 3, maxlength: 8000 })) }
            { text_area(&i18n, &yew::props!(TextFieldProps { id: "report-further", label: i18n.s(S::FurtherProblems), optional: true, value: form.further.clone(), oninput: edit("further_problems", |f, v| f.further = v), error: err("further_problems"), rows: 2, maxlength: 8000 })) }
            { text_area(&i18n, &yew::props!(TextFieldProps { id: "report-proposals", label: i18n.s(S::Proposals), optional: true, value: form.proposals.clone(), oninput: edit("proposals", |f, v| f.proposals = v), error: err("proposals"), rows: 2, maxlength: 8000 })) }
            <div class="field-narrow">
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "report-labour", label: i18n.s(S::LabourHours), required: true, value: form.labour.clone(), oninput: edit("labour_hours", |f, v| f.labour = v), error: err("labour_hours"), maxlength: 8, placeholder: "2.5" })) }
            </div>
            { select_field(&i18n, &yew::props!(SelectFieldProps { id: "report-part-type", label: i18n.s(S::DiagnosedPart), value: form.part_type.unwrap_or(SuspectedPart::Unknown).as_str(), choices: part_choices, onchange: edit("part_type", |f, v| f.part_type = SuspectedPart::parse(&v).filter(|p| *p != SuspectedPart::Unknown)), hint: Some(AttrValue::from(i18n.s(S::PartTypeHint))) })) }
            { fault_fields(&i18n, &form.fault, err("fault.assembly"), &FaultEdits { assembly: edit("fault.assembly", |f, v| f.fault.assembly = MainAssembly::parse(&v)), serious: edit("fault.assembly", |f, v| f.fault.serious = v == "true"), replaced: edit("fault.assembly", |f, v| f.fault.assembly_replaced = v == "true") }) }
            <h3>{ i18n.s(S::Parts) }</h3>
            if form.parts.is_empty() { <p class="muted">{ i18n.s(S::NoParts) }</p> }
            { for parts }
            <button type="button" class="btn" onclick={add_part} data-testid="part-add">{ format!("+ {}", i18n.s(S::AddPart)) }</button>
            <div class="form-actions stacked">
                <button type="button" class="btn btn-big" disabled={*busy} onclick={save(false)} data-testid="report-save">
                    { i18n.s(S::SaveDraft) }
                </button>
                <button type="button" class="btn btn-primary btn-big" disabled={*busy || !can_submit} onclick={save(true)}
                        data-testid="report-submit">
                    { i18n.s(if *busy { S::Submitting } else { S::SubmitReport }) }
                </button>
                if !can_submit { <p class="hint">{ i18n.s(S::FinishBeforeSubmit) }</p> }
            </div>
        </section>
    }
}
