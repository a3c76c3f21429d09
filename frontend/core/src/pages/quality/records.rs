//! The records behind one side of one figure (`/kpis/records?month=&kpi=
//! &subject=&part=`, as `GET /kpis/records` takes them; `name` only titles
//! the page): work orders or follow-ups, each saying whether it met the rule
//! and why, with links to the request's and the follow-up's pages in the
//! office. Keyset pages of 50.

use crate::components::data_table::{Column, Table, data_table, link_cell};
use crate::components::error_banner::{NoticeKind, NoticeProps, notice};
use crate::components::query_link::query_link;
use crate::components::status_badge::{Tone, badge};
use crate::hooks::{ListQuery, Remote, use_api_when, use_i18n, use_list_query, use_paging};
use crate::i18n::quality::{self as names, Q};
use crate::route::Route;
use crate::services::kpis as api;
use crate::time::local_minutes;
use furrow_domain::RecordKind;
use furrow_domain::kpi::{Kpi, KpiPart, KpiRecord, KpiRecordFilters};
use furrow_domain::page::Page;
use yew::prelude::*;

/// Rows per page.
const PAGE_SIZE: u64 = 50;

/// The figure the address names; `None` when a part of it is missing or
/// unknown (the month and the subject are checked by the API).
fn filters(query: &ListQuery) -> Option<KpiRecordFilters> {
    Some(KpiRecordFilters {
        month: query.get("month")?.to_owned(),
        kpi: Kpi::parse(query.get("kpi")?)?,
        subject: query.get("subject")?.to_owned(),
        part: KpiPart::parse(query.get("part")?)?,
    })
}

fn columns(i18n: &crate::hooks::I18n) -> Vec<Column<KpiRecord>> {
    type Col = Column<KpiRecord>;
    vec![
        Col::new(i18n.q(Q::ColNumber), |_, r| {
            match (r.record, r.stocktake_id) {
                (RecordKind::FollowUp, _) => {
                    let to = Route::FollowUpDetail {
                        id: r.id.to_string(),
                    };
                    link_cell(to, &r.number)
                }
                (RecordKind::Stocktake, Some(id)) => {
                    let to = Route::StocktakeDetail { id: id.to_string() };
                    let label =
                        format!("{} · {}", r.number, r.part_number.as_deref().unwrap_or(""));
                    link_cell(to, &label)
                }
                _ => html! { &r.number },
            }
        })
        .class("mono nowrap"),
        Col::new(i18n.q(Q::ColRequest), |_, r| {
            match (r.request_id, &r.request_number) {
                (Some(id), Some(number)) => {
                    let to = Route::ServiceRequestDetail { id: id.to_string() };
                    link_cell(to, number)
                }
                _ => html! {},
            }
        })
        .class("mono nowrap"),
        Col::new(i18n.q(Q::Engineer), |_, r| {
            html! { r.engineer_name.clone().unwrap_or_default() }
        }),
        Col::new(i18n.q(Q::ColAt), |_, r| html! { local_minutes(&r.at) }).class("nowrap"),
        Col::new(i18n.q(Q::ColCounts), |i18n, r| {
            let (tone, label) = if r.in_numerator {
                (Tone::Success, Q::Yes)
            } else {
                (Tone::Danger, Q::No)
            };
            badge(tone, i18n.q(label), None)
        }),
        Col::new(i18n.q(Q::ColReason), |i18n, r| {
            html! { names::reason(i18n, &r.reason) }
        }),
    ]
}

#[function_component(KpiRecordsPage)]
pub fn kpi_records_page() -> Html {
    let i18n = use_i18n();
    let query = use_list_query(Route::KpiRecords);
    let figure = filters(&query);
    let paging = use_paging(&figure);
    let reload = use_state(|| 0u32);
    let deps = figure.clone().map(|f| (f, paging.cursor(), *reload));
    let data = use_api_when(deps, |(f, cursor, _)| async move {
        api::records(&f, PAGE_SIZE, cursor.as_deref()).await
    });
    let retry = {
        let reload = reload.clone();
        Callback::from(move |_| reload.set(*reload + 1))
    };
    let back_query = query
        .get("month")
        .map(|m| format!("?month={}", String::from(js_sys::encode_uri_component(m))))
        .unwrap_or_default();
    let back = query_link(
        &Route::Kpis,
        &back_query,
        classes!("btn"),
        "kpi-records-back".into(),
        html! { <>{ i18n.q(Q::BackToKpis) }</> },
    );
    let Some(f) = figure else {
        let props = yew::props!(NoticeProps {
            kind: NoticeKind::Warning,
            text: i18n.q(Q::BadLink),
            testid: AttrValue::from("kpi-records-bad-link"),
        });
        return html! {
            <div class="page" data-testid="kpi-records-page">
                <header class="page-header"><h1>{ i18n.q(Q::Title) }</h1>
                    <div class="header-actions">{ back }</div></header>
                { notice(&props) }
            </div>
        };
    };
    let subject = query.get("name").unwrap_or(&f.subject).to_owned();
    let title = i18n.qf(Q::RecordsTitle, &[&subject, i18n.q(names::kpi(f.kpi))]);
    let about = i18n.qf(
        Q::RecordsAbout,
        &[
            &f.month,
            i18n.q(names::kpi(f.kpi)),
            i18n.q(names::part(f.part)),
        ],
    );
    let rows: Remote<Page<KpiRecord>> = match &*data {
        Remote::Loading => Remote::Loading,
        Remote::Failed(e) => Remote::Failed(e.clone()),
        Remote::Ready(p) => Remote::Ready(p.clone().unwrap_or_else(|| Page {
            items: Vec::new(),
            next_cursor: None,
            total: None,
        })),
    };
    let next = match &rows {
        Remote::Ready(p) => p.next_cursor.clone(),
        _ => None,
    };
    let table: Table<KpiRecord> = Table {
        testid: "kpi-records",
        row_testid: |r| format!("kpi-record-{}", r.number),
        empty: i18n.q(Q::NoRecords).into(),
        empty_testid: "kpi-records-empty",
        columns: columns(&i18n),
        key: |r| r.id.to_string(),
        row_class: |r| (!r.in_numerator).then_some("row-muted"),
    };
    html! {
        <div class="page" data-testid="kpi-records-page">
            <header class="page-header">
                <h1 data-testid="kpi-records-title">{ title }</h1>
                <div class="header-actions">{ back }</div>
            </header>
            <p class="muted" data-testid="kpi-records-about">{ about }</p>
            <section class="panel">{ data_table(&i18n, &rows, &table, Some(&retry)) }</section>
            { paging.pager(&i18n, next, None, matches!(rows, Remote::Loading)) }
        </div>
    }
}
