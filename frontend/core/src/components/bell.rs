//! The notification bell in the header, for every role: the number of unread
//! deadline alerts, and a panel listing them with links to their requests.
//!
//! The alerts are asked for on every page change and once a minute while the
//! tab is visible (a hidden tab does not poll; it asks again when shown).
//! Which are read comes from the server, which keeps the marks per user.

use crate::hooks::{use_i18n, use_session};
use crate::i18n::home::H;
use crate::route::Route;
use crate::services::notifications as api;
use crate::time::local_minutes;
use furrow_domain::service::NotificationList;
use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::Routable;
use yew_router::history::{BrowserHistory, History};
use yew_router::prelude::use_location;

/// How often a visible tab asks for alerts, in milliseconds.
const POLL_MS: u32 = 60_000;

fn tab_hidden() -> bool {
    document().is_some_and(|d| d.hidden())
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

#[function_component(Bell)]
pub fn bell() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let signed_in = session.user().is_some();
    let alerts = use_state(|| NotificationList {
        items: Vec::new(),
        webhooks: Vec::new(),
        unread: 0,
    });
    let open = use_state(|| false);
    // Changed to the time of each poll, which is what starts the next ask.
    let tick = use_state(|| 0i64);
    let location = use_location().map(|l| l.path().to_owned());

    // Ask on every page change and on every tick of the poll.
    {
        let alerts = alerts.clone();
        use_effect_with((location, *tick), move |_| {
            spawn_local(async move {
                // A failed poll keeps the last alerts; the next one tries again.
                if let Ok(list) = api::list().await {
                    alerts.set(list);
                }
            });
        });
    }
    {
        let tick = tick.clone();
        use_effect_with((), move |_| {
            let poll = {
                let tick = tick.clone();
                Interval::new(POLL_MS, move || {
                    if !tab_hidden() {
                        tick.set(chrono::Utc::now().timestamp_millis());
                    }
                })
            };
            let shown = document().map(|d| {
                EventListener::new(&d, "visibilitychange", move |_| {
                    if !tab_hidden() {
                        tick.set(chrono::Utc::now().timestamp_millis());
                    }
                })
            });
            move || {
                drop(poll);
                drop(shown);
            }
        });
    }

    if !signed_in {
        return Html::default();
    }
    let unread = alerts.unread;

    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let mark = |which: Option<Vec<String>>| {
        let alerts = alerts.clone();
        Callback::from(move |_: MouseEvent| mark_read(&alerts, which.clone()))
    };
    let mark_all = mark(None);

    let label = if unread > 0 {
        i18n.hf(H::NotificationsUnread, &[&unread.to_string()])
    } else {
        i18n.h(H::Notifications).to_owned()
    };

    // A link in the panel: closes it, marks the alert read and opens `to`.
    let follow = |k: &str, is_unread: bool, to: &str| {
        let (open, alerts, k, to) = (open.clone(), alerts.clone(), k.to_owned(), to.to_owned());
        Callback::from(move |e: MouseEvent| {
            if e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() {
                return;
            }
            e.prevent_default();
            if is_unread {
                mark_read(&alerts, Some(vec![k.clone()]));
            }
            open.set(false);
            BrowserHistory::new().push(to.clone());
        })
    };
    let hooks = alerts.webhooks.iter().map(|h| {
        let (k, is_unread) = (h.key.clone(), !h.read);
        let to = Route::WebhookDetail {
            id: h.webhook_id.to_string(),
        }
        .to_path();
        let onclick = follow(&k, is_unread, &to);
        html! {
            <li key={k.clone()} class={classes!("bell-item", "overdue", is_unread.then_some("unread"))} data-testid="bell-webhook">
                <a href={to} {onclick} class="bell-link">
                    <span class="bell-kind text-danger">{ i18n.h(H::KindWebhookDisabled) }</span>
                    <span class="bell-text">{ i18n.hf(H::WebhookDisabledLine, &[&h.url, &local_minutes(&h.failing_since)]) }</span>
                </a>
                if is_unread {
                    <button type="button" class="btn btn-small btn-ghost" data-testid="bell-mark-read"
                            onclick={mark(Some(vec![k.clone()]))}>{ i18n.h(H::MarkRead) }</button>
                }
            </li>
        }
    });
    let items = alerts.items.iter().map(|n| {
        let k = n.key.clone();
        let is_unread = !n.read;
        let kind = match n.kind.as_str() {
            "overdue" => H::KindOverdue,
            "repeat_request" => H::KindRepeatRequest,
            _ => H::KindDueSoon,
        };
        let clock = match n.clock.as_str() {
            "first_contact" => H::ClockFirstContact,
            "arrival" => H::ClockArrival,
            "follow_up" => H::ClockFollowUp,
            _ => H::ClockRepair,
        };
        let to = Route::ServiceRequestDetail {
            id: n.request_id.to_string(),
        }
        .to_path();
        let onclick = follow(&k, is_unread, &to);
        html! {
            <li key={k.clone()} class={classes!("bell-item", is_unread.then_some("unread"), (n.kind == "overdue").then_some("overdue"))}
                data-testid="bell-item">
                <a href={to} {onclick} class="bell-link">
                    <span class={classes!("bell-kind", (n.kind == "overdue").then_some("text-danger"))}>{ i18n.h(kind) }</span>
                    <span class="bell-text">
                        { i18n.hf(H::NotificationLine, &[&n.request_number, i18n.h(clock), &local_minutes(&n.due_at)]) }
                    </span>
                    <span class="bell-customer muted">{ &n.customer_name }</span>
                </a>
                if is_unread {
                    <button type="button" class="btn btn-small btn-ghost" data-testid="bell-mark-read"
                            onclick={mark(Some(vec![k.clone()]))}>{ i18n.h(H::MarkRead) }</button>
                }
            </li>
        }
    });

    let close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };

    html! {
        <div class="bell" data-testid="bell">
            <button type="button" class="bell-button" aria-expanded={open.to_string()} aria-controls="bell-panel"
                    aria-label={label.clone()} title={label} data-testid="bell-button" onclick={toggle}>
                <svg class="bell-icon" viewBox="0 0 24 24" aria-hidden="true" width="20" height="20">
                    <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" fill="currentColor"/>
                </svg>
                if unread > 0 {
                    <span class="bell-count" data-testid="bell-count">{ if unread > 99 { "99+".to_owned() } else { unread.to_string() } }</span>
                }
            </button>
            if *open {
                <div class="bell-backdrop" aria-hidden="true" onclick={close}></div>
                <div id="bell-panel" class="bell-panel" role="region" aria-label={i18n.h(H::Notifications)} data-testid="bell-panel">
                    <div class="bell-head">
                        <strong>{ i18n.h(H::Notifications) }</strong>
                        if unread > 0 {
                            <button type="button" class="btn btn-small btn-ghost" data-testid="bell-mark-all"
                                    onclick={mark_all}>{ i18n.h(H::MarkAllRead) }</button>
                        }
                    </div>
                    if alerts.items.is_empty() && alerts.webhooks.is_empty() {
                        <p class="muted bell-empty">{ i18n.h(H::NoNotifications) }</p>
                    } else {
                        <ul class="bell-list">{ for hooks }{ for items }</ul>
                    }
                </div>
            }
        </div>
    }
}

/// Marks `keys` read (all current alerts when `None`) on the server and shows
/// the list it answers; a failed marking keeps the alerts as they are, and the
/// next poll shows the server's marks.
fn mark_read(alerts: &UseStateHandle<NotificationList>, keys: Option<Vec<String>>) {
    let alerts = alerts.clone();
    spawn_local(async move {
        if let Ok(list) = api::mark_read(keys).await {
            alerts.set(list);
        }
    });
}
