//! The 三包 repeat-fault rule in the web app: the fault a report names (the
//! main assembly, serious or not, replaced or repaired) as the engineer
//! enters it and as the review and the request show it, and the
//! replacement a machine's repeated serious faults make due, with the
//! repairs behind it, where people decide (the machine, the request, intake).

use super::common::when;
use crate::components::definition_list::dl_row;
use crate::components::form::{Choice, SelectFieldProps, select_field};
use crate::components::{AppLinkProps, app_link};
use crate::hooks::{I18n, Remote, use_api, use_i18n};
use crate::i18n::service::{self as names, S};
use crate::route::Route;
use crate::services::machines;
use furrow_domain::service::fault::{FaultIdentity, MainAssembly};
use furrow_domain::service::repeat_fault::{FaultReport, Remedy, RepeatFault};
use uuid::Uuid;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The edits of the fault's three inputs, each as the text the form's
/// `edit_field` takes: the assembly's code (empty for none), and `true` or
/// `false` for the two marks.
pub struct FaultEdits {
    pub assembly: Callback<String>,
    pub serious: Callback<String>,
    pub replaced: Callback<String>,
}

fn check(id: &'static str, label: &str, on: bool, edit: &Callback<String>) -> Html {
    let onchange = edit.reform(|e: Event| {
        let on = e
            .target_dyn_into::<HtmlInputElement>()
            .is_some_and(|i| i.checked());
        on.to_string()
    });
    html! {
        <label class="check field-wide" for={id}>
            <input type="checkbox" {id} data-testid={id} checked={on} {onchange} />
            <span class="check-label">{ label.to_owned() }</span>
        </label>
    }
}

/// The report form's fault inputs: the assembly (none for a wear part),
/// then the two marks, shown once an assembly is named.
pub fn fault_fields(
    i18n: &I18n,
    fault: &FaultIdentity,
    error: Option<AttrValue>,
    edits: &FaultEdits,
) -> Html {
    let choices: Vec<Choice> = std::iter::once(Choice::new("", i18n.s(S::FaultAssemblyNone)))
        .chain(
            MainAssembly::ALL
                .iter()
                .map(|a| Choice::new(a.as_str(), names::main_assembly(*a, i18n.lang))),
        )
        .collect();
    let value = fault.assembly.map_or("", MainAssembly::as_str);
    html! {
        <div class="fault-fields" data-testid="report-fault">
            { select_field(i18n, &yew::props!(SelectFieldProps { id: "report-fault-assembly", label: i18n.s(S::FaultAssembly), value, choices, onchange: edits.assembly.clone(), error, hint: Some(AttrValue::from(i18n.s(S::FaultHint))) })) }
            if fault.assembly.is_some() {
                { check("report-fault-serious", i18n.s(S::FaultSerious), fault.serious, &edits.serious) }
                { check("report-fault-replaced", i18n.s(S::FaultAssemblyReplaced), fault.assembly_replaced, &edits.replaced) }
            }
        </div>
    }
}

/// The fault as rows of a report's definition list; nothing when the report
/// names none.
pub fn fault_rows(i18n: &I18n, fault: &FaultIdentity) -> Html {
    let Some(a) = fault.assembly else {
        return Html::default();
    };
    let marks: Vec<&str> = [
        (fault.serious, S::FaultSerious),
        (fault.assembly_replaced, S::FaultAssemblyReplaced),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, s)| i18n.s(s))
    .collect();
    html! {
        <>
            { dl_row(i18n.s(S::FaultAssembly), html! {
                <span data-testid="report-fault-text">
                    { names::main_assembly(a, i18n.lang) }
                    { for marks.iter().map(|m| format!(" · {m}")) }
                </span>
            }) }
        </>
    }
}

fn report_line(i18n: &I18n, r: &FaultReport) -> Html {
    let request = match (r.request_id, &r.request_number) {
        (Some(id), Some(number)) => app_link(&yew::props!(AppLinkProps {
            to: Route::ServiceRequestDetail { id: id.to_string() },
            children: html! { <>{ number }</> }
        })),
        _ => html! { <span class="muted">{ i18n.s(S::RepeatFaultOtherDealer) }</span> },
    };
    html! {
        <li data-testid="repeat-fault-report">
            { request }{ " · " }{ when(&Some(r.reported_at)) }
            if r.assembly_replaced { { format!(" · {}", i18n.s(S::FaultAssemblyReplaced)) } }
        </li>
    }
}

fn eligibility(i18n: &I18n, f: &RepeatFault) -> Html {
    let assembly = names::main_assembly(f.assembly, i18n.lang);
    let text = match f.remedy {
        Remedy::ReplaceAssembly => i18n.sf(S::RemedyAssembly, &[assembly]),
        Remedy::ReplaceMachine => i18n.sf(S::RemedyMachine, &[assembly]),
    };
    let since = f
        .eligible_since
        .map(|t| i18n.sf(S::RepeatFaultSince, &[&when(&Some(t))]));
    html! {
        <div class="banner banner-warning" role="status" data-testid="repeat-fault"
             data-remedy={f.remedy.as_str()}>
            <div class="banner-text">
                <strong>{ i18n.s(S::RepeatFaultTitle) }{ "：" }</strong>{ text }
                if let Some(s) = since { { format!(" ({s})") } }
                <div>{ i18n.s(S::RepeatFaultReports) }</div>
                <ul class="plain-list">{ for f.reports.iter().map(|r| report_line(i18n, r)) }</ul>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct RepeatFaultsProps {
    pub machine_id: Uuid,
}

/// The replacements the machine's repeated serious faults make due, as
/// warnings with the repairs behind them; nothing while loading, on an
/// error (the page around it has its own) or when none is due.
#[function_component(RepeatFaults)]
pub fn repeat_faults(props: &RepeatFaultsProps) -> Html {
    let i18n = use_i18n();
    let loaded = use_api(props.machine_id, machines::repeat_faults);
    match &*loaded {
        Remote::Ready(list) if !list.is_empty() => html! {
            <div class="repeat-faults" data-testid="repeat-faults">
                { for list.iter().map(|f| eligibility(&i18n, f)) }
            </div>
        },
        _ => Html::default(),
    }
}
