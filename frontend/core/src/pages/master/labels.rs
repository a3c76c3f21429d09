//! A sheet of printable labels (标识) for the shelves: the parts a catalog or
//! stock list selects, each with a QR code of its part number, the name,
//! spec and unit, and on a stock list's sheet its warehouse and bin. The
//! list's "Print labels" button opens it with the list's filters; the QR
//! codes come drawn from the server.

use super::parts::stock_param;
use crate::components::dom::print_button;
use crate::components::remote::remote;
use crate::components::{AppLinkProps, app_link};
use crate::hooks::{use_api, use_i18n, use_list_query};
use crate::i18n::master::M;
use crate::route::Route;
use crate::services::requests::Call;
use furrow_domain::parts::labels::PartLabel;
use yew::prelude::*;

use super::list::same_param;

/// The sheet: `?source=stock|parts` names the list the filters come from.
#[function_component(LabelSheetPage)]
pub fn label_sheet_page() -> Html {
    let i18n = use_i18n();
    let query = use_list_query(Route::Labels);
    let stock = query.get("source") == Some("stock");
    let param = if stock { stock_param } else { same_param };
    let params: Vec<(&'static str, String)> = query
        .filters()
        .filter(|(k, _)| *k != "source")
        .filter_map(|(k, v)| param(k, v))
        .collect();
    let api = if stock {
        "/stock/labels"
    } else {
        "/parts/labels"
    };
    let data = use_api(params, move |params| {
        params
            .iter()
            .fold(Call::get(api), |c, (k, v)| c.query(k, v))
            .fetch::<Vec<PartLabel>>()
    });
    let back = if stock { Route::Stock } else { Route::Parts };
    let sheet = remote(&i18n, &data, None, |labels| {
        if labels.is_empty() {
            return html! { <p class="empty" data-testid="labels-empty">{ i18n.m(M::NoLabels) }</p> };
        }
        html! {
            <>
                <p class="muted no-print" data-testid="labels-count">
                    { i18n.mf(M::LabelsN, &[&labels.len().to_string()]) }
                </p>
                <div class="label-sheet" data-testid="label-sheet">
                    { for labels.iter().map(label) }
                </div>
            </>
        }
    });
    html! {
        <div class="page" data-testid="labels-page">
            <header class="page-header no-print">
                <h1>{ i18n.m(M::LabelsTitle) }</h1>
                <div class="header-actions">
                    { app_link(&yew::props!(AppLinkProps { to: back, classes: "btn btn-small", children: html! { <>{ i18n.m(M::BackToList) }</> } })) }
                    { print_button(i18n.m(M::PrintLabels)) }
                </div>
            </header>
            { sheet }
        </div>
    }
}

/// One label: the code on the left, what it names on the right.
fn label(l: &PartLabel) -> Html {
    let place = match (&l.warehouse_code, &l.bin) {
        (Some(w), Some(b)) => Some(format!("{w} · {b}")),
        (Some(w), None) => Some(w.clone()),
        _ => None,
    };
    html! {
        <figure class="part-label" data-testid="part-label" key={format!("{}-{}", l.part_id, place.clone().unwrap_or_default())}>
            <div class="part-label-qr">{ Html::from_html_unchecked(AttrValue::from(l.qr_svg.clone())) }</div>
            <figcaption>
                <strong class="mono part-label-number">{ &l.part_number }</strong>
                <span>{ &l.name }</span>
                if let Some(spec) = &l.spec {
                    <span class="small">{ spec }</span>
                }
                <span class="small muted">{ &l.unit }</span>
                if let Some(place) = place {
                    <span class="mono part-label-bin" data-testid="part-label-bin">{ place }</span>
                }
            </figcaption>
        </figure>
    }
}
