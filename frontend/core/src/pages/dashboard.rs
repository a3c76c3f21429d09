//! The home page (工作台): the user's work queues with live counts from the
//! server (`GET /me/home`), each card a link to the list it counts; for a
//! field engineer also the next jobs, most urgent first. Only queues of
//! capabilities that exist are shown: the server names them from the
//! permission table.

use crate::components::query_link::query_link;
use crate::components::remote::remote;
use crate::components::{Tone, badge};
use crate::hooks::{I18n, Remote, use_api, use_api_reload, use_i18n, use_session};
use crate::i18n::T;
use crate::i18n::home::{H, queue_labels};
use crate::route::Route;
use crate::services::{home as api, work_orders};
use crate::time::local_minutes;
use furrow_domain::service::queues::{HomeCard, Queue};
use furrow_domain::service::urgency::work_due;
use furrow_domain::service::{Priority, WorkOrderStatus, WorkOrderSummary};
use yew::prelude::*;

/// The page a queue's card opens, with the list's filter in its address: the
/// same filter the server counted (`Queue::filter`).
pub fn queue_page(q: Queue) -> (Route, &'static str) {
    match q {
        Queue::OpenRequests => (Route::ServiceRequests, ""),
        Queue::AwaitingContact => (Route::ServiceRequests, "?contacted=0"),
        Queue::Overdue => (Route::ServiceRequests, "?overdue=1"),
        Queue::Unassigned => (Route::ServiceRequests, "?status=new"),
        Queue::ReportsToReview => (Route::ReportReview, ""),
        Queue::SignatureRefused => (Route::ReportReview, "#refused"),
        Queue::MyWorkOrders => (Route::MyWork, ""),
    }
}

fn card(i18n: &I18n, c: &HomeCard) -> Html {
    let (title, about) = queue_labels(c.queue);
    let (route, query) = queue_page(c.queue);
    let slug = c.queue.as_str();
    let alarm = c.count > 0 && matches!(c.queue, Queue::Overdue | Queue::SignatureRefused);
    let body = html! { <>
        <span class="queue-count" data-testid={format!("home-count-{slug}")}>{ c.count }</span>
        <span class="queue-title">{ i18n.h(title) }</span>
        <span class="queue-about">{ i18n.h(about) }</span>
    </> };
    html! {
        <li key={slug} class={classes!("queue-card", alarm.then_some("alarm"), (c.count == 0).then_some("empty"))}>
            { query_link(&route, query, classes!("queue-link"), format!("home-card-{slug}"), body) }
        </li>
    }
}

fn job(i18n: &I18n, w: &WorkOrderSummary) -> Html {
    let due = work_due(w);
    let route = Route::WorkOrderDetail {
        id: w.id.to_string(),
    };
    let when = if w.status == WorkOrderStatus::OnSite {
        i18n.h(H::OnSiteNow).to_owned()
    } else {
        match due {
            Some(d) => i18n.hf(H::DueAt, &[&local_minutes(&d)]),
            None => i18n.h(H::NoDue).to_owned(),
        }
    };
    let critical = w.priority == Priority::Critical || w.harvest_critical;
    let body = html! { <>
        <span class="job-number">{ &w.request_number }</span>
        <span class="job-customer">{ &w.customer_name }</span>
        <span class={classes!("job-due", w.overdue.then_some("text-danger"))}>{ when }</span>
        if critical { { badge(Tone::Danger, i18n.h(H::CriticalJob), None) } }
        <span class="job-site muted">{ &w.site_address }</span>
    </> };
    html! {
        <li key={w.id.to_string()} class="job">
            { query_link(&route, "", classes!("job-link"), format!("home-job-{}", w.number), body) }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct JobsProps {}

/// The engineer's next jobs, most urgent first (the server's order).
#[function_component(NextJobs)]
fn next_jobs(_: &JobsProps) -> Html {
    let i18n = use_i18n();
    let jobs = use_api((), |_| work_orders::open_by_urgency());
    let body = remote(&i18n, &jobs, None, |p| {
        if p.items.is_empty() {
            return html! { <p class="muted" data-testid="home-no-jobs">{ i18n.h(H::NoJobs) }</p> };
        }
        html! {
            <ol class="job-list" data-testid="home-jobs">{ for p.items.iter().take(5).map(|w| job(&i18n, w)) }</ol>
        }
    });
    html! {
        <section class="panel" aria-labelledby="jobs-h">
            <h2 id="jobs-h">{ i18n.h(H::NextJobs) }</h2>
            { body }
        </section>
    }
}

#[function_component(Dashboard)]
pub fn dashboard() -> Html {
    let session = use_session();
    let i18n = use_i18n();
    let (home, on_retry) = use_api_reload((), |_| api::get());
    let Some(user) = session.user() else {
        return Html::default();
    };

    let on_refresh = on_retry.reform(|_: MouseEvent| ());

    let roles = html! {
        <ul class="chip-list" data-testid="dashboard-roles">
            { for user.roles.iter().map(|r| html! {
                <li>{ badge(Tone::Info, i18n.role(*r), Some(format!("role-{}", r.as_str()))) }</li>
            }) }
        </ul>
    };

    let (engineer, at) = match &*home {
        Remote::Ready(v) => (
            v.cards.iter().any(|c| c.queue == Queue::MyWorkOrders),
            Some(v.at),
        ),
        _ => (false, None),
    };
    let queues = remote(&i18n, &home, Some(&on_retry), |v| {
        if v.cards.is_empty() {
            return html! { <p class="muted" data-testid="home-no-queues">{ i18n.h(H::NoQueues) }</p> };
        }
        html! { <ul class="queue-grid" data-testid="home-queues">{ for v.cards.iter().map(|c| card(&i18n, c)) }</ul> }
    });

    let subtitle = [Some(user.username.as_str()), user.department.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");

    html! {
        <div class="page dashboard" data-testid="dashboard">
            <header class="page-header">
                <div>
                    <h1 data-testid="dashboard-greeting">{ i18n.f(T::Greeting, &[&user.display_name]) }</h1>
                    <p class="muted">{ subtitle }</p>
                    { roles }
                </div>
            </header>
            <section class="panel" aria-labelledby="queues-h">
                <div class="panel-head">
                    <h2 id="queues-h">{ i18n.h(H::YourQueues) }</h2>
                    <span class="muted small">
                        if let Some(at) = at { { i18n.hf(H::CountsAt, &[&local_minutes(&at)]) } }
                    </span>
                    <button type="button" class="btn btn-small btn-ghost" data-testid="home-refresh" onclick={on_refresh}>
                        { i18n.h(H::Refresh) }
                    </button>
                </div>
                { queues }
            </section>
            if engineer { <NextJobs /> }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use furrow_domain::service::queues::{QueueFilter, RequestCriteria};

    /// The list page reads these addresses back into the same filter the
    /// server counted: `?overdue=1` is `overdue=true`, `?contacted=0` is
    /// `contacted=false`, `?status=new` is `status=new`, none is `open=true`.
    #[test]
    fn each_request_queue_opens_the_list_with_its_own_filter() {
        for q in Queue::ALL {
            let (route, query) = queue_page(*q);
            match q.filter() {
                QueueFilter::Requests(c) => {
                    assert_eq!(route, Route::ServiceRequests, "{q:?}");
                    let want = match c {
                        RequestCriteria {
                            open: Some(true),
                            status: None,
                            overdue: None,
                            contacted: None,
                        } => "",
                        RequestCriteria {
                            contacted: Some(false),
                            open: Some(true),
                            ..
                        } => "?contacted=0",
                        RequestCriteria {
                            overdue: Some(true),
                            ..
                        } => "?overdue=1",
                        RequestCriteria {
                            status: Some(s), ..
                        } => {
                            assert_eq!(s.as_str(), "new");
                            "?status=new"
                        }
                        other => panic!("{q:?}: no page for {other:?}"),
                    };
                    assert_eq!(query, want, "{q:?}");
                }
                QueueFilter::Reports(_) => assert_eq!(route, Route::ReportReview, "{q:?}"),
                QueueFilter::OpenWorkOrders => assert_eq!(route, Route::MyWork, "{q:?}"),
            }
        }
    }
}
