//! A machine's warranty as every page shows it (machine list, customer and
//! machine archives, intake): the state, the 三包 end with its extension and
//! the extended warranty's end, and one click away the repairs that extended
//! the 三包 period (`WarrantyState::repairs`, computed by the server from all
//! the machine's requests, so every viewer reads the same dates).

use super::common::warranty_badge;
use crate::components::form_dialog::FormDialog;
use crate::components::record_form::{Draft, Field, FieldKind};
use crate::components::{AppLinkProps, app_link};
use crate::hooks::I18n;
use crate::i18n::master::M;
use crate::route::Route;
use crate::services::requests::Call;
use chrono::NaiveDate;
use furrow_domain::master::{MachineView, WarrantyRepair, WarrantyState};
use serde_json::Value;
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
                <td class="num">{ r.parts_wait_days }</td>
                <td class="num"><strong>{ r.days_added }</strong></td>
            </tr>
        }
    };
    html! {
        <details class="warranty-breakdown" data-testid={format!("{testid}-breakdown")}>
            <summary>
                { i18n.mf(M::ExtendedByN, &[&w.extension_days.to_string()]) }
                if w.parts_wait_days > 0 {
                    <span data-testid={format!("{testid}-parts-wait")}>
                        { " " }{ i18n.mf(M::OfWhichPartsWaitN, &[&w.parts_wait_days.to_string()]) }
                    </span>
                }
            </summary>
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
                        <th scope="col" class="num">{ i18n.m(M::BreakdownPartsWait) }</th>
                        <th scope="col" class="num">{ i18n.m(M::BreakdownAdded) }</th>
                    </tr>
                </thead>
                <tbody>{ for w.repairs.iter().enumerate().map(row) }</tbody>
            </table>
        </details>
    }
}

/// `POST /machines/{id}/warranty`: the dates as they should be and the
/// reason; the server refuses a period under one year next to its field.
/// `on_done` loads the machine again (also after a stale version).
pub fn warranty_dialog(
    i18n: &I18n,
    m: &MachineView,
    on_done: Callback<()>,
    on_cancel: Callback<()>,
) -> Html {
    let date = |key, label| Field::new(key, i18n.m(label), FieldKind::Date);
    let fields = vec![
        date("sale_date", M::SaleDate),
        date("warranty_end", M::SanbaoEnd),
        date("extended_warranty_end", M::ExtendedWarrantyEnd),
        Field::new(
            "reason",
            i18n.m(M::ChangeWarrantyReason),
            FieldKind::TextArea,
        )
        .required()
        .max(500),
    ];
    let start = [
        ("sale_date", m.sale_date),
        ("warranty_end", m.warranty_end),
        ("extended_warranty_end", m.extended_warranty_end),
    ];
    let start = start
        .into_iter()
        .filter_map(|(key, day)| day.map(|d| (key.to_owned(), Value::String(d.to_string()))));
    let (id, version) = (m.id, m.version);
    let call = Callback::from(move |input: Value| {
        Call::post(format!("/machines/{id}/warranty"))
            .if_match(version)
            .json(&input)
    });
    html! {
        <FormDialog name="warranty-change" testid="warranty-change" title={i18n.m(M::ChangeWarranty)}
                    body={i18n.m(M::ChangeWarrantyBody)} {fields} start={Draft::from_iter(start)} {call}
                    {on_done} {on_cancel} />
    }
}
