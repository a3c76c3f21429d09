//! The purchasing board (采购看板): purchase requests newest first, by status
//! (the status filter is the board's column), with the expected date and the
//! overdue flag.

use super::{API, status_badge};
use crate::components::data_table::{Column, Table, link_cell};
use crate::components::list_page::{ListSpec, use_list_page};
use crate::components::list_toolbar::Filter;
use crate::components::status_badge::{Tone, badge};
use crate::hooks::use_i18n;
use crate::i18n::T;
use crate::i18n::purchasing::{origin_label, status_label};
use crate::pages::master::common::use_can;
use crate::pages::master::list::same_param;
use crate::route::Route;
use furrow_domain::Permission;
use furrow_domain::parts::{PurchaseRequestView, PurchaseStatus};
use yew::prelude::*;
use yew_router::prelude::Link;

#[function_component(PurchaseBoardPage)]
pub fn purchase_board_page() -> Html {
    let i18n = use_i18n();
    let can_request = use_can(Permission::ViewPurchasing);
    type Col = Column<PurchaseRequestView>;
    let columns = vec![
        Col::new(i18n.t(T::PrNumber), |_, p| {
            link_cell(Route::PurchaseDetail { id: p.id.to_string() }, &p.number)
        })
        .class("mono"),
        Col::new(i18n.t(T::PrStatus), |i18n, p| {
            status_badge(i18n, p.status, Some("pr-status".into()))
        }),
        Col::new(i18n.t(T::PrOrigin), |i18n, p| html! { i18n.t(origin_label(p.origin)) }),
        Col::new(i18n.t(T::PrParts), |_, p| {
            let parts: Vec<String> = p
                .lines
                .iter()
                .map(|l| format!("{} × {}", l.part_name, l.quantity.normalize()))
                .collect();
            html! { parts.join("，") }
        }),
        Col::new(i18n.t(T::PrSupplier), |_, p| {
            html! { p.supplier.clone().unwrap_or_default() }
        }),
        Col::new(i18n.t(T::PrExpected), |i18n, p| {
            html! {
                <>
                    <span data-testid="pr-expected">{ p.expected_on.map(|d| d.to_string()).unwrap_or_default() }</span>
                    if p.overdue {
                        { " " }{ badge(Tone::Danger, i18n.t(T::PrOverdue), Some("pr-overdue".into())) }
                    }
                </>
            }
        })
        .class("nowrap"),
        Col::new(i18n.t(T::PrRequestedBy), |_, p| html! { &p.requested_by_name }),
    ];
    let statuses = PurchaseStatus::ALL
        .iter()
        .map(|s| (s.as_str(), AttrValue::from(i18n.t(status_label(*s)))))
        .collect();
    let list = use_list_page(ListSpec {
        route: Route::Purchasing,
        api: API,
        counted: false,
        labels: false,
        name: "purchasing",
        title: i18n.t(T::PurchasingTitle).into(),
        create: can_request.then(|| (Route::NewPurchase, i18n.t(T::NewPurchase).into())),
        filters: vec![
            Filter::search(i18n.t(T::PrSearch), "PR-2026-"),
            Filter::choose("status", i18n.t(T::PrStatus), i18n.t(T::PrAll), statuses),
            Filter::choose(
                "overdue",
                i18n.t(T::PrOverdue),
                i18n.t(T::PrAll),
                vec![("true", i18n.t(T::PrOverdueOnly).into())],
            ),
        ],
        table: Table {
            testid: "purchasing-table",
            row_testid: |_| "pr-row".into(),
            empty: i18n.t(T::NoPurchases).into(),
            empty_testid: "purchasing-empty",
            columns,
            key: |p| p.id.to_string(),
            row_class: |p| p.overdue.then_some("row-overdue"),
        },
        row_code: Some(|p| p.number.clone()),
        empty_filtered: Some(i18n.t(T::NoPurchasesMatch).into()),
        param: same_param,
    });
    html! {
        <>
            <p class="page-links">
                <Link<Route> to={Route::ReorderSuggestions}><span data-testid="to-suggestions">{ i18n.t(T::SuggestionsTitle) }</span></Link<Route>>
            </p>
            { list }
        </>
    }
}
