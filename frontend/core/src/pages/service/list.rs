//! The request list (报修受理): a dense table, most urgent first (overdue, then
//! stopped machines in season, then priority, then due time), with filters in
//! the URL, overdue and harvest badges, downtime and keyset pages.

use super::common::{
    PRIORITIES, choices, hours, machine_name, priority_badge, request_status_badge, when,
};
use crate::components::data_table::{
    Column, Table, data_table, link_cell, list_total, next_cursor,
};
use crate::components::form::{Choice, ticked};
use crate::components::search_bar::{SearchBar, filter_select};
use crate::components::{AppLinkProps, Tone, app_link, badge};
use crate::hooks::{
    I18n, ListQuery, Remote, use_api_reload, use_i18n, use_list_query, use_paging, use_session,
};
use crate::i18n::T;
use crate::i18n::service::{self as names, S};
use crate::route::Route;
use crate::services::requests::Listing;
use crate::services::service_requests as api;
use furrow_domain::service::RequestFilters;
use furrow_domain::service::{Priority, RequestStatus, ServiceRequestSummary, ServiceRequestView};
use furrow_domain::{Page, Permission};
use yew::prelude::*;

/// Rows per page.
const PAGE_SIZE: u64 = 50;

/// The list's filters in the URL (`q`, `status`: a request status, `all`,
/// or none for every open request; `priority`; `overdue=1`; `harvest=1`;
/// `contacted=0|1`, where the home page's queue is `0`) as the API's filter.
fn filters(q: &ListQuery) -> RequestFilters {
    let status = q.get("status");
    RequestFilters {
        status: status.and_then(RequestStatus::parse),
        open: status.is_none().then_some(true),
        priority: q.get("priority").and_then(Priority::parse),
        overdue: q.get("overdue").map(|_| true),
        contacted: q.get("contacted").map(|c| c != "0"),
        harvest_critical: q.get("harvest").map(|_| true),
        q: q.get("q").map(str::to_owned),
        ..RequestFilters::default()
    }
}

/// The keys of the list's filters and order, all cleared by Clear.
const KEYS: [&str; 7] = [
    "q",
    "status",
    "priority",
    "overdue",
    "harvest",
    "contacted",
    "sort",
];

/// What a request's flags read: the same facts in a list row (a summary)
/// and on the record page (the full view).
pub struct Flags {
    overdue: bool,
    harvest_critical: bool,
    in_season: bool,
    repair_clock: bool,
    stopped_and_open: bool,
}

/// The full view and the summary carry the same flag fields.
macro_rules! flags_of {
    ($($record:ty),+) => {$(
        impl From<&$record> for Flags {
            fn from(r: &$record) -> Self {
                Flags {
                    overdue: r.overdue,
                    harvest_critical: r.harvest_critical,
                    in_season: r.in_season,
                    repair_clock: r.repair_due.is_some(),
                    stopped_and_open: r.machine_stopped && r.status.is_open(),
                }
            }
        }
    )+};
}
flags_of!(ServiceRequestView, ServiceRequestSummary);

/// The flags of a request: overdue, harvest (农忙 / 三包), stopped.
pub fn flags(i18n: &I18n, r: impl Into<Flags>) -> Html {
    let r: Flags = r.into();
    html! {
        <span class="chip-row">
            if r.overdue { { badge(Tone::Danger, i18n.s(S::BadgeOverdue), Some("flag-overdue".into())) } }
            if r.harvest_critical && r.in_season {
                <span title={i18n.s(S::BadgeHarvestTitle)}>{ badge(Tone::Harvest, i18n.s(S::BadgeHarvest), Some("flag-harvest".into())) }</span>
            } else if r.harvest_critical {
                { badge(Tone::Harvest, i18n.s(S::BadgeHarvestCritical), Some("flag-harvest".into())) }
            }
            if r.in_season && r.harvest_critical && r.repair_clock {
                { badge(Tone::Sanbao, i18n.s(S::BadgeSanbao), None) }
            }
            if r.stopped_and_open {
                { badge(Tone::Warning, i18n.s(S::BadgeStopped), Some("flag-stopped".into())) }
            }
        </span>
    }
}

/// The request table in whatever state its rows are (also the dispatch
/// page's two queues).
pub fn request_table(
    i18n: &I18n,
    rows: &Remote<Page<ServiceRequestSummary>>,
    testid: &'static str,
    (empty, empty_testid): (&str, &'static str),
    on_retry: Option<&Callback<()>>,
) -> Html {
    type Col = Column<ServiceRequestSummary>;
    let columns = vec![
        Col::new(i18n.s(S::ColNumber), |_, r| {
            link_cell(Route::ServiceRequestDetail { id: r.id.to_string() }, &r.number)
        })
        .class("mono nowrap"),
        Col::new(i18n.s(S::ColStatus), |i18n, r| request_status_badge(i18n, r.status)),
        Col::new(i18n.s(S::ColPriority), |i18n, r| priority_badge(i18n, r.priority)),
        Col::new(i18n.s(S::ColCustomer), |_, r| {
            html! {
                <>
                    <div>{ &r.customer_name }</div>
                    <div class="muted mono small">{ &r.customer_phone }</div>
                </>
            }
        }),
        Col::new(i18n.s(S::ColMachine), |_, r| {
            html! { machine_name(&r.model_name, &r.serial_number) }
        })
        .class("cell-machine"),
        Col::new(i18n.s(S::ColFlags), |i18n, r| flags(i18n, r)),
        Col::new(i18n.s(S::ColDowntime), |i18n, r| {
            html! { <span data-testid="downtime">{ hours(i18n, r.downtime_hours) }</span> }
        })
        .class("num nowrap"),
        Col::new(i18n.s(S::ColNextDue), |_, r| {
            html! { <span class={classes!(r.overdue.then_some("text-danger"))}>{ when(&r.next_due_at) }</span> }
        })
        .class("nowrap"),
        Col::new(i18n.s(S::ColEngineer), |_, r| html! { r.engineer_name.as_deref().unwrap_or_default() }),
        Col::new(i18n.s(S::ColReported), |_, r| html! { when(&Some(r.reported_at)) }).class("nowrap"),
    ];
    let table: Table<ServiceRequestSummary> = Table {
        testid,
        row_testid: |r| format!("sr-row-{}", r.number),
        empty: empty.to_owned().into(),
        empty_testid,
        columns,
        key: |r| r.id.to_string(),
        row_class: |r| r.overdue.then_some("row-overdue"),
    };
    data_table(i18n, rows, &table, on_retry)
}

#[function_component(RequestListPage)]
pub fn request_list_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_list_query(Route::ServiceRequests);
    let can_create = session
        .user()
        .is_some_and(|u| u.permissions.contains(&Permission::CreateServiceRequests));

    let paging = use_paging(&query);
    let cursor = paging.cursor();
    let (data, retry) = use_api_reload((query.clone(), cursor.clone()), |(q, cursor)| async move {
        let listing = Listing {
            // `sort=newest`, or none for urgency.
            sort: (q.get("sort") == Some("newest")).then_some("newest"),
            limit: Some(PAGE_SIZE),
            cursor,
            total: true,
        };
        api::list(&filters(&q), &listing).await
    });

    // A filter's new value replaces the old; an empty one drops it.
    let select = |key: &'static str| {
        let query = query.clone();
        Callback::from(move |v: String| query.set(&[(key, Some(v))]))
    };
    let toggle = |key: &'static str| {
        let query = query.clone();
        Callback::from(move |e: Event| query.set(&[(key, ticked(&e).then(|| "1".into()))]))
    };
    let on_search = select("q");
    let on_clear = {
        let query = query.clone();
        Callback::from(move |_: MouseEvent| query.set(&KEYS.map(|k| (k, None))))
    };

    let empty = i18n.s(if query.is_filtered() {
        S::NoRequestsMatch
    } else {
        S::NoRequests
    });
    let table = request_table(&i18n, &data, "sr-table", (empty, "sr-empty"), Some(&retry));

    let lang = i18n.lang;
    let mut statuses = vec![
        Choice::new("", i18n.s(S::AllOpen)),
        Choice::new("all", i18n.s(S::AllStatuses)),
    ];
    statuses.extend(choices(RequestStatus::ALL, |s| {
        (s.as_str(), names::request_status(s, lang))
    }));
    let mut priorities = vec![Choice::new("", i18n.s(S::AnyPriority))];
    priorities.extend(choices(&PRIORITIES, |p| {
        (p.as_str(), names::priority(p, lang))
    }));
    let sorts = vec![
        Choice::new("", i18n.s(S::SortUrgency)),
        Choice::new("newest", i18n.s(S::SortNewest)),
    ];
    let check = |id: &'static str, on: bool, label: S, onchange: Callback<Event>| {
        html! {
            <label class="check inline" for={id}>
                <input type="checkbox" {id} data-testid={id} checked={on} {onchange} />
                <span>{ i18n.s(label) }</span>
            </label>
        }
    };
    let value = |key: &str| query.get(key).unwrap_or_default().to_owned();
    html! {
        <div class="page" data-testid="sr-list-page">
            <header class="page-header">
                <h1>{ i18n.s(S::RequestsTitle) }</h1>
                if can_create {
                    { app_link(&yew::props!(AppLinkProps { to: Route::NewServiceRequest, classes: "btn btn-primary", testid: "sr-new", children: html! { <>{ i18n.s(S::NewRequest) }</> } })) }
                }
            </header>
            <SearchBar id="sr" value={value("q")} label={i18n.s(S::SearchRequests)}
                       placeholder={i18n.s(S::SearchRequestsPlaceholder)} {on_search}>
                { filter_select("sr-status", (i18n.s(S::FilterStatus), false), &value("status"), statuses, select("status")) }
                { filter_select("sr-priority-filter", (i18n.s(S::ColPriority), true), &value("priority"), priorities, select("priority")) }
                { check("sr-overdue", query.get("overdue").is_some(), S::OnlyOverdue, toggle("overdue")) }
                { check("sr-harvest-filter", query.get("harvest").is_some(), S::OnlyHarvest, toggle("harvest")) }
                { filter_select("sr-sort", (i18n.s(S::Sort), false), &value("sort"), sorts, select("sort")) }
                if query.is_filtered() {
                    <button type="button" class="btn btn-ghost" onclick={on_clear} data-testid="sr-clear">{ i18n.t(T::Clear) }</button>
                }
            </SearchBar>
            { table }
            { paging.pager(&i18n, next_cursor(&data), list_total(&data), matches!(*data, Remote::Loading)) }
        </div>
    }
}
