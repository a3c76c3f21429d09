//! A machine's warranty as every page shows it (machine list, customer and
//! machine archives, intake): the state, the 三包 end with its extension and
//! the extended warranty's end, and one click away the repairs that extended
//! the 三包 period (`WarrantyState::repairs`, computed by the server from all
//! the machine's requests, so every viewer reads the same dates).

use super::common::warranty_badge;
use crate::components::dialog_call::{dialog_errors, send_dialog_call};
use crate::components::form::{DateKind, TextFieldProps, date_field, text_area};
use crate::components::{AppLinkProps, ConfirmDialog, ErrorBannerProps, app_link, error_banner};
use crate::hooks::{I18n, use_i18n};
use crate::i18n::master::M;
use crate::route::Route;
use crate::services::requests::{ApiError, Call};
use chrono::NaiveDate;
use furrow_domain::master::{MachineView, WarrantyChange, WarrantyRepair, WarrantyState};
use yew::prelude::*;

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
}

/// The state badge and the dates; with the breakdown behind a disclosure
/// when repairs extended the period.
pub fn warranty_summary(i18n: &I18n, w: &WarrantyState, testid: &'static str) -> Html {
    html! {
        <div class="warranty-summary" data-testid={testid}>
            { warranty_badge(i18n, w.status) }
            if w.effective_end.is_some() {
                <span class="nowrap">{ " " }{ i18n.m(M::SanbaoEnd) }{ " " }
                    <strong data-testid={format!("{testid}-end")}>{ day(w.effective_end) }</strong>
                </span>
            }
            if let Some(ext) = w.extended_warranty_end {
                <span class="nowrap">{ " · " }{ i18n.m(M::ExtendedWarrantyEnd) }{ " " }
                    <span data-testid={format!("{testid}-extended")}>{ ext.to_string() }</span>
                </span>
            }
            { breakdown(i18n, w, testid) }
        </div>
    }
}

/// Which repairs added how many days: a disclosure, closed at first.
pub fn breakdown(i18n: &I18n, w: &WarrantyState, testid: &'static str) -> Html {
    if w.repairs.is_empty() {
        return Html::default();
    }
    let row = |(i, r): (usize, &WarrantyRepair)| {
        // A request another dealer reported is not named to a dealer.
        let request = match (r.request_id, &r.number) {
            (Some(id), Some(number)) => {
                let to = Route::ServiceRequestDetail { id: id.to_string() };
                app_link(&yew::props!(AppLinkProps {
                    to,
                    children: html! { <>{ number.clone() }</> }
                }))
            }
            _ => html! { <span class="muted">{ i18n.m(M::AnotherDealersRequest) }</span> },
        };
        let done = match r.done_on {
            Some(d) => d.to_string(),
            None => i18n.m(M::RepairStillOpen).to_owned(),
        };
        html! {
            <tr key={i}>
                <td class="mono">{ request }</td>
                <td class="nowrap">{ r.reported_on.to_string() }</td>
                <td class="nowrap">{ done }</td>
                <td class="num">{ r.days }</td>
                <td class="num"><strong>{ r.days_added }</strong></td>
            </tr>
        }
    };
    html! {
        <details class="warranty-breakdown" data-testid={format!("{testid}-breakdown")}>
            <summary>{ i18n.mf(M::ExtendedByN, &[&w.extension_days.to_string()]) }</summary>
            <p class="small muted">
                { i18n.mf(M::BreakdownAsSold, &[&day(w.warranty_end)]) }{ " " }{ i18n.m(M::BreakdownRule) }
            </p>
            <table class="table compact">
                <thead>
                    <tr>
                        <th scope="col">{ i18n.m(M::BreakdownRequest) }</th>
                        <th scope="col">{ i18n.m(M::BreakdownReported) }</th>
                        <th scope="col">{ i18n.m(M::BreakdownDone) }</th>
                        <th scope="col" class="num">{ i18n.m(M::BreakdownDays) }</th>
                        <th scope="col" class="num">{ i18n.m(M::BreakdownAdded) }</th>
                    </tr>
                </thead>
                <tbody>{ for w.repairs.iter().enumerate().map(row) }</tbody>
            </table>
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct WarrantyDialogProps {
    pub machine: MachineView,
    /// Changed: the page loads the machine again (also after a stale version).
    pub on_done: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// The machine's warranty dates as text for the date inputs.
fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// `POST /machines/{id}/warranty`: the dates as they should be and the
/// reason; the server refuses a period under one year next to its field.
#[function_component(WarrantyDialog)]
pub fn warranty_dialog(props: &WarrantyDialogProps) -> Html {
    let WarrantyDialogProps {
        machine: m,
        on_done,
        on_cancel,
    } = props;
    let i18n = use_i18n();
    let sale = use_state(|| date_text(m.sale_date));
    let end = use_state(|| date_text(m.warranty_end));
    let ext = use_state(|| date_text(m.extended_warranty_end));
    let reason = use_state(String::new);
    let busy = use_state(|| false);
    let failure = use_state(|| None::<ApiError>);
    let errors = dialog_errors(&failure, None);
    let confirm = {
        let (sale, end, ext, reason) = (sale.clone(), end.clone(), ext.clone(), reason.clone());
        let (busy, failure, on_done) = (busy.clone(), failure.clone(), on_done.clone());
        let (id, version) = (m.id, m.version);
        Callback::from(move |_| {
            let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            let body = WarrantyChange {
                sale_date: day(&sale),
                warranty_end: day(&end),
                extended_warranty_end: day(&ext),
                reason: reason.trim().to_owned(),
            };
            let call = Call::post(format!("/machines/{id}/warranty"))
                .if_match(version)
                .json(&body);
            send_dialog_call(call, busy.clone(), failure.clone(), on_done.clone());
        })
    };
    let date = |id: &'static str, label: M, value: &UseStateHandle<String>| {
        let v = value.clone();
        date_field(
            &i18n,
            &yew::props!(TextFieldProps {
                id,
                label: i18n.m(label),
                value: (**value).clone(),
                oninput: Callback::from(move |s: String| v.set(s)),
                optional: true,
                error: errors.text(&i18n, id.trim_start_matches("warranty-change-")),
            }),
            DateKind::Day,
        )
    };
    let on_reason = {
        let reason = reason.clone();
        Callback::from(move |s: String| reason.set(s))
    };
    let shown = [
        "sale_date",
        "warranty_end",
        "extended_warranty_end",
        "reason",
    ];
    let others = errors.others(&shown);
    html! {
        <ConfirmDialog title={i18n.m(M::ChangeWarranty)} body={i18n.m(M::ChangeWarrantyBody)}
                       confirm_label={i18n.m(M::ChangeWarranty)} busy={*busy}
                       on_confirm={confirm} on_cancel={on_cancel.clone()}>
            <div class="form-grid" data-testid="warranty-change">
                { date("warranty-change-sale_date", M::SaleDate, &sale) }
                { date("warranty-change-warranty_end", M::SanbaoEnd, &end) }
                { date("warranty-change-extended_warranty_end", M::ExtendedWarrantyEnd, &ext) }
            </div>
            { text_area(&i18n, &yew::props!(TextFieldProps {
                id: "warranty-change-reason",
                label: i18n.m(M::ChangeWarrantyReason),
                value: (*reason).clone(),
                oninput: on_reason,
                required: true,
                maxlength: 500,
                error: errors.text(&i18n, "reason"),
            })) }
            if let Some(e) = (*failure).clone().filter(|_| errors.is_empty() || !others.is_empty()) {
                { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e })) }
            }
        </ConfirmDialog>
    }
}
