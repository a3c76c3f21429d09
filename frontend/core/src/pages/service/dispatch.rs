//! 派工调度: the supervisor's desk. Deadline alerts (overdue and soon due),
//! the requests waiting for dispatch, most urgent first, and the ones in
//! progress. Dispatching itself happens on the request's page, next to the
//! ranked engineer suggestions.

use super::common::{priority_badge, when};
use super::list::request_table;
use crate::components::data_table::table_head;
use crate::components::remote::remote;
use crate::components::{AppLinkProps, app_link};
use crate::components::{Tone, badge};
use crate::hooks::{Remote, use_api, use_i18n};
use crate::i18n::service::S;
use crate::route::Route;
use crate::services::requests::Listing;
use crate::services::service_requests as api;
use furrow_domain::Page;
use furrow_domain::service::RequestFilters;
use furrow_domain::service::RequestStatus;
use yew::prelude::*;

#[function_component(DispatchPage)]
pub fn dispatch_page() -> Html {
    let i18n = use_i18n();
    let alerts = use_api((), |_| api::notifications());
    // Each queue in one page of the longest size.
    let page = || Listing {
        limit: Some(100),
        ..Listing::default()
    };
    let new = RequestFilters {
        status: Some(RequestStatus::New),
        ..RequestFilters::default()
    };
    let waiting = use_api((), move |_| api::list(&new, &page()));
    let open = RequestFilters {
        open: Some(true),
        ..RequestFilters::default()
    };
    let in_progress = use_api((), move |_| api::list(&open, &page()));

    let columns = [
        S::ColNumber,
        S::ColCustomer,
        S::ColClock,
        S::ColDue,
        S::ColPriority,
    ];
    let columns = columns.map(|c| i18n.s(c));
    let alerts_view = remote(&i18n, &alerts, None, |list| {
        if list.is_empty() {
            return html! { <p class="muted">{ i18n.s(S::NoAlerts) }</p> };
        }
        html! {
            <div class="table-wrap">
                <table class="table table-dense" data-testid="dispatch-alerts">
                    { table_head(&columns) }
                    <tbody>
                        { for list.iter().map(|n| {
                            let clock = match n.clock.as_str() {
                                "first_contact" => i18n.s(S::ClockFirstContact),
                                "arrival" => i18n.s(S::ClockArrival),
                                "repair" => i18n.s(S::ClockRepair),
                                other => other,
                            }.to_owned();
                            let overdue = n.kind == "overdue";
                            html! {
                                <tr key={format!("{}-{}", n.request_id, n.clock)}>
                                    <td class="mono nowrap">
                                        { app_link(&yew::props!(AppLinkProps { to: Route::ServiceRequestDetail { id: n.request_id.to_string() }, children: html! { <>{ &n.request_number }</> } })) }
                                    </td>
                                    <td>{ &n.customer_name }
                                        if n.harvest_critical { { " " }{ badge(Tone::Harvest, i18n.s(S::BadgeHarvest), None) } }
                                    </td>
                                    <td>{ clock }{ " " }
                                        { if overdue { badge(Tone::Danger, i18n.s(S::AlertOverdue), None) } else { badge(Tone::Warning, i18n.s(S::AlertDueSoon), None) } }
                                    </td>
                                    <td class="nowrap">{ when(&Some(n.due_at)) }</td>
                                    <td>{ priority_badge(&i18n, n.priority) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        }
    });
    let nothing = (i18n.s(S::NothingToDispatch), "dispatch-empty");
    let waiting_view = request_table(&i18n, &waiting, "dispatch-queue", nothing, None);
    // Dispatched and later: the requests not waiting for dispatch any more.
    let in_progress = match &*in_progress {
        Remote::Ready(p) => {
            let items = p.items.iter().filter(|r| r.status != RequestStatus::New);
            let items = items.cloned().collect();
            Remote::Ready(Page::new(items, None))
        }
        other => other.clone(),
    };
    let nothing = (i18n.s(S::NothingInProgress), "");
    let progress_view = request_table(&i18n, &in_progress, "dispatch-progress", nothing, None);

    html! {
        <div class="page" data-testid="dispatch-page">
            <header class="page-header"><h1>{ i18n.s(S::DispatchQueueTitle) }</h1></header>
            <section class="panel" aria-labelledby="alerts-h">
                <h2 id="alerts-h">{ i18n.s(S::Alerts) }</h2>
                { alerts_view }
            </section>
            <section class="panel" aria-labelledby="waiting-h">
                <h2 id="waiting-h">{ i18n.s(S::ToDispatch) }</h2>
                { waiting_view }
            </section>
            <section class="panel" aria-labelledby="progress-h">
                <h2 id="progress-h">{ i18n.s(S::InProgress) }</h2>
                { progress_view }
            </section>
        </div>
    }
}
