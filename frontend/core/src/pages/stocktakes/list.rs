//! The stock-takes, newest first, by status (`?status=`) and warehouse
//! (`?warehouse=<id>`).

use super::{accuracy, status_badge};
use crate::components::data_table::{Column, Table, link_cell};
use crate::components::list_page::{ListSpec, use_list_page};
use crate::components::list_toolbar::Filter;
use crate::hooks::use_i18n;
use crate::i18n::T;
use crate::i18n::stocktakes::status_label;
use crate::pages::master::common::use_can;
use crate::pages::master::list::same_param;
use crate::route::Route;
use crate::time::local_minutes;
use furrow_domain::Permission;
use furrow_domain::parts::{StocktakeStatus, StocktakeView};
use yew::prelude::*;

fn param(key: &str, value: &str) -> Option<(&'static str, String)> {
    match key {
        "status" => Some(("status", value.to_owned())),
        "warehouse" => Some(("warehouse_id", value.to_owned())),
        _ => same_param(key, value),
    }
}

#[function_component(StocktakeListPage)]
pub fn stocktake_list_page() -> Html {
    let i18n = use_i18n();
    let can_open = use_can(Permission::ManageParts);
    type Col = Column<StocktakeView>;
    let columns = vec![
        Col::new(i18n.t(T::StNumber), |_, s| {
            link_cell(
                Route::StocktakeDetail {
                    id: s.id.to_string(),
                },
                &s.number,
            )
        })
        .class("mono nowrap"),
        Col::new(i18n.t(T::StWarehouse), |_, s| {
            html! { format!("{} · {}", s.warehouse_code, s.warehouse_name) }
        }),
        Col::new(i18n.t(T::StStatus), |i18n, s| {
            status_badge(i18n, s.status, None)
        }),
        Col::new(i18n.t(T::StProgress), |_, s| {
            html! { format!("{} / {}", s.counted_lines, s.lines) }
        })
        .class("num"),
        Col::new(
            i18n.t(T::StVarianceLines),
            |_, s| html! { s.variance_lines },
        )
        .class("num"),
        Col::new(i18n.t(T::StAccuracy), |_, s| {
            html! { <span data-testid="stocktake-accuracy">{ accuracy(s) }</span> }
        })
        .class("num"),
        Col::new(
            i18n.t(T::StOpenedAt),
            |_, s| html! { local_minutes(&s.opened_at) },
        )
        .class("nowrap"),
        Col::new(i18n.t(T::StOpenedBy), |_, s| html! { &s.opened_by_name }),
    ];
    let statuses = StocktakeStatus::ALL
        .iter()
        .map(|s| (s.as_str(), AttrValue::from(status_label(*s, i18n.lang))))
        .collect();
    use_list_page(ListSpec {
        route: Route::Stocktakes,
        api: "/stocktakes",
        counted: false,
        labels: false,
        name: "stocktakes",
        title: i18n.t(T::StocktakesTitle).into(),
        create: can_open.then(|| (Route::NewStocktake, i18n.t(T::NewStocktake).into())),
        filters: vec![Filter::choose(
            "status",
            i18n.t(T::StStatus),
            i18n.t(T::StAllStatuses),
            statuses,
        )],
        table: Table {
            testid: "stocktakes-table",
            row_testid: |s: &StocktakeView| format!("stocktake-{}", s.number),
            empty: i18n.t(T::NoStocktakes).into(),
            empty_testid: "stocktakes-empty",
            columns,
            key: |s| s.id.to_string(),
            row_class: |s| (s.status == StocktakeStatus::Cancelled).then_some("row-muted"),
        },
        row_code: Some(|s| s.number.clone()),
        empty_filtered: Some(i18n.t(T::NoStocktakes).into()),
        param,
    })
}
