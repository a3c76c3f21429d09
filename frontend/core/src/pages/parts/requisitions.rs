//! The requisition queue: latest change first, by status and number, the
//! short ones flagged.

use crate::components::data_table::{Column, Table, link_cell};
use crate::components::list_page::{ListSpec, use_list_page};
use crate::components::list_toolbar::Filter;
use crate::components::status_badge::{Tone, badge};
use crate::hooks::{I18n, use_i18n};
use crate::i18n::T;
use crate::i18n::requisitions::status;
use crate::route::Route;
use furrow_domain::parts::{RequisitionStatus, RequisitionView};
use yew::prelude::*;

/// The status badge of a requisition, with the shortage flag.
pub(super) fn status_badge(i18n: &I18n, r: &RequisitionView) -> Html {
    badge_of(i18n, r.status, &r.number, r.short)
}

/// The status badge of requisition `number`, with the shortage flag (also on
/// the engineer's work order page).
pub(crate) fn badge_of(i18n: &I18n, s: RequisitionStatus, number: &str, short: bool) -> Html {
    let tone = match s {
        RequisitionStatus::Open => Tone::Info,
        RequisitionStatus::PartlyIssued => Tone::Warning,
        RequisitionStatus::Issued => Tone::Success,
        RequisitionStatus::Cancelled => Tone::Neutral,
    };
    html! {
        <span class="nowrap">
            { badge(tone, status(s, i18n.lang), Some(format!("requisition-status-{number}"))) }
            if short {
                { " " }{ badge(Tone::Danger, i18n.t(T::RqShortFlag), Some("requisition-short".into())) }
            }
        </span>
    }
}

/// The queue's URL filters, passed to the API as they are.
fn param(key: &str, value: &str) -> Option<(&'static str, String)> {
    let key = match key {
        "q" => "q",
        "status" => "status",
        "short" => "short",
        _ => return None,
    };
    Some((key, value.to_owned()))
}

#[function_component(RequisitionListPage)]
pub fn requisition_list_page() -> Html {
    let i18n = use_i18n();
    type Col = Column<RequisitionView>;
    let statuses = RequisitionStatus::ALL
        .iter()
        .map(|s| (s.as_str(), status(*s, i18n.lang).into()))
        .collect();
    use_list_page(ListSpec {
        route: Route::Requisitions,
        api: "/requisitions",
        counted: false,
        labels: false,
        name: "requisitions",
        title: i18n.t(T::RequisitionsTitle).into(),
        create: None,
        filters: vec![
            Filter::search(i18n.t(T::RqSearch), i18n.t(T::RqSearch)),
            Filter::choose("status", i18n.t(T::RqStatus), i18n.t(T::RqAll), statuses),
        ],
        table: Table {
            testid: "requisitions-table",
            row_testid: |r: &RequisitionView| format!("requisition-row-{}", r.number),
            empty: i18n.t(T::RqNone).into(),
            empty_testid: "requisitions-empty",
            columns: vec![
                Col::new(i18n.t(T::RqNumber), |_, r| {
                    link_cell(
                        Route::RequisitionDetail {
                            id: r.id.to_string(),
                        },
                        &r.number,
                    )
                })
                .class("mono nowrap"),
                Col::new(
                    i18n.t(T::RqWorkOrder),
                    |_, r| html! { &r.work_order_number },
                )
                .class("mono nowrap"),
                Col::new(i18n.t(T::RqMachine), |_, r| {
                    html! { r.machine_serial.clone().unwrap_or_default() }
                })
                .class("mono"),
                Col::new(i18n.t(T::RqCustomer), |_, r| {
                    html! { r.customer_name.clone().unwrap_or_default() }
                }),
                Col::new(i18n.t(T::RqEngineer), |_, r| html! { &r.engineer_name }),
                Col::new(i18n.t(T::RqLines), |_, r| {
                    let parts: Vec<String> = r
                        .lines
                        .iter()
                        .map(|l| {
                            format!(
                                "{} × {}",
                                l.part_number.clone().unwrap_or_else(|| l.name.clone()),
                                l.requested.normalize()
                            )
                        })
                        .collect();
                    html! { parts.join(" · ") }
                }),
                Col::new(i18n.t(T::RqStatus), status_badge),
                Col::new(i18n.t(T::RqUpdated), |_, r| {
                    html! { crate::time::local_minutes(&r.updated_at) }
                })
                .class("nowrap"),
            ],
            key: |r| r.id.to_string(),
            row_class: |r| r.short.then_some("row-overdue"),
        },
        row_code: Some(|r| r.number.clone()),
        empty_filtered: Some(i18n.t(T::RqNoneMatch).into()),
        param,
    })
}
