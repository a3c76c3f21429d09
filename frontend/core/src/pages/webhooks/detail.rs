//! One webhook: its settings and state, enabling (which also retries now)
//! or disabling it, deleting it after a confirmation, and its delivery log
//! with a redelivery per attempt. Changes send the version read as
//! `If-Match`; a 412 offers a reload.

use super::{event_names, status_badge};
use crate::components::data_table::{Column, Table, failed, rows_table};
use crate::components::definition_list::{facts, or_dash};
use crate::components::loading;
use crate::components::record::ready;
use crate::components::record_id::{RecordId, by_id};
use crate::components::record_page::{RecordFrame, record_page};
use crate::components::{NoticeKind, Tone, badge};
use crate::hooks::{Ask, Remote, use_api_reload, use_confirmed, use_dealers, use_form, use_i18n};
use crate::i18n::T;
use crate::i18n::webhooks::failure_label;
use crate::pages::users::dealer_label;
use crate::route::Route;
use crate::services::webhooks as api;
use crate::time::local_minutes;
use furrow_domain::webhooks::{DeliveryView, GIVE_UP_AFTER, WebhookInput, WebhookView};
use yew::prelude::*;
use yew_router::prelude::use_navigator;

#[derive(Properties, PartialEq)]
pub struct WebhookDetailProps {
    /// The webhook's id as in the address.
    pub id: String,
}

pub fn webhook_detail_page(props: &WebhookDetailProps) -> Html {
    by_id::<WebhookDetail>(&props.id)
}

/// The subscription as it is, with `enabled` changed.
fn with_enabled(w: &WebhookView, enabled: bool) -> WebhookInput {
    WebhookInput {
        url: w.url.clone(),
        events: w.events.clone(),
        dealer_id: w.dealer_id,
        description: w.description.clone(),
        enabled,
    }
}

#[function_component(WebhookDetail)]
fn webhook_detail(props: &RecordId) -> Html {
    let i18n = use_i18n();
    let (hook, on_reload) = use_api_reload(props.id, api::get);
    let (log, reload_log) = use_api_reload(props.id, api::deliveries);
    let dealers = use_dealers();
    let flash = use_state(|| None::<String>);
    let toggle = use_form(|| ());
    let redeliver = use_form(|| ());
    let w = match ready(&i18n, &hook, &on_reload) {
        Ok(w) => w,
        Err(page) => return page,
    };
    let opt_time = |at: Option<&chrono::DateTime<chrono::Utc>>| {
        html! { at.map(local_minutes).unwrap_or_else(|| "—".to_owned()) }
    };
    let dealer = match w.dealer_id {
        Some(d) => dealer_label(&dealers, Some(d)),
        None => i18n.t(T::EveryDealer).to_owned(),
    };
    let about = facts(
        html! { i18n.t(T::WebhookSection) },
        Some("webhook-facts"),
        false,
        vec![
            (
                i18n.t(T::WebhookUrl),
                html! { <span class="mono">{ w.url.clone() }</span> },
            ),
            (i18n.t(T::WebhookEvents), html! { event_names(&i18n, &w) }),
            (i18n.t(T::ColDealer), html! { dealer }),
            (
                i18n.t(T::WebhookDescription),
                or_dash(w.description.as_deref()),
            ),
            (
                i18n.t(T::WebhookCursor),
                html! { <span data-testid="webhook-cursor">{ w.cursor.clone() }</span> },
            ),
            (
                i18n.t(T::WebhookFailures),
                html! { <span data-testid="webhook-failures">{ w.failures }</span> },
            ),
            (
                i18n.t(T::WebhookFailingSince),
                opt_time(w.failing_since.as_ref()),
            ),
            (
                i18n.t(T::WebhookNextAttempt),
                opt_time(w.enabled.then_some(&w.next_attempt_at)),
            ),
            (
                i18n.t(T::WebhookDisabled),
                // Only the deliverer sets a reason: it gave up after a day of
                // failures. Said in the reader's language; the API's English
                // reason is for the integrator.
                if w.disabled_reason.is_some() {
                    html! { i18n.f(T::WebhookGaveUp, &[&GIVE_UP_AFTER.num_hours().to_string()]) }
                } else {
                    or_dash(None)
                },
            ),
        ],
    );
    let on_toggle = {
        let (toggle, hook, w, flash) = (toggle.clone(), hook.clone(), w.clone(), flash.clone());
        Callback::from(move |_: MouseEvent| {
            flash.set(None);
            let hook = hook.clone();
            let call = api::update(w.id, w.version, &with_enabled(&w, !w.enabled));
            toggle.submit(call, move |updated| hook.set(Remote::Ready(updated)));
        })
    };
    let on_redeliver = {
        let (redeliver, flash, reload_log, w) =
            (redeliver.clone(), flash.clone(), reload_log.clone(), w.id);
        let i18n = i18n.clone();
        Callback::from(move |d: DeliveryView| {
            let (flash, reload_log, i18n) = (flash.clone(), reload_log.clone(), i18n.clone());
            redeliver.submit(api::redeliver(w, d.id), move |again: DeliveryView| {
                flash.set(Some(i18n.f(T::Redelivered, &[&result(&i18n, &again)])));
                reload_log.emit(());
            });
        })
    };
    let deliveries = match &*log {
        Remote::Loading => loading(&i18n),
        Remote::Failed(e) => failed(&i18n, e, Some(&reload_log)),
        Remote::Ready(items) => deliveries_table(&i18n, items, &on_redeliver, *redeliver.busy),
    };
    let mut frame = RecordFrame::new(
        "webhook-page",
        (Route::Webhooks, format!("← {}", i18n.t(T::WebhooksTitle))),
        html! { w.url.clone() },
    );
    frame.narrow = false;
    frame.meta = vec![status_badge(&i18n, &w, Some("webhook-status".into()))];
    if let Some(text) = (*flash).clone() {
        frame
            .notices
            .push((NoticeKind::Success, text, Some("webhook-flash".into())));
    }
    let toggle_label = if w.enabled { T::Disable } else { T::Enable };
    let body = html! {
        <div class="columns">
            <div class="column-main">
                { about }
                <section class="panel" aria-labelledby="deliveries-h">
                    <h2 id="deliveries-h">{ i18n.t(T::DeliveriesSection) }</h2>
                    { redeliver.failure_banner(&i18n, &[], &reload_log, "redeliver-error") }
                    { deliveries }
                </section>
            </div>
            <div class="column-side">
                <section class="panel">
                    { toggle.failure_banner(&i18n, &[], &on_reload, "webhook-toggle-error") }
                    <div class="form-actions">
                        <button type="button" class={classes!("btn", (!w.enabled).then_some("btn-primary"))} onclick={on_toggle} disabled={*toggle.busy} data-testid="webhook-toggle">{ i18n.t(toggle_label) }</button>
                    </div>
                </section>
                <DeletePanel webhook={w.clone()} on_reload={on_reload.clone()} />
            </div>
        </div>
    };
    record_page(frame, body)
}

/// An attempt's result: the receiver's status, or why there was none.
fn result(i18n: &crate::hooks::I18n, d: &DeliveryView) -> String {
    let what = match (d.status, d.failure) {
        (Some(s), _) => format!("HTTP {s}"),
        (None, Some(f)) => i18n.t(failure_label(f)).to_string(),
        (None, None) => "—".to_owned(),
    };
    if d.manual {
        format!("{what} ({})", i18n.t(T::DeliveryManual))
    } else {
        what
    }
}

fn deliveries_table(
    i18n: &crate::hooks::I18n,
    items: &[DeliveryView],
    on_redeliver: &Callback<DeliveryView>,
    busy: bool,
) -> Html {
    type Col = Column<DeliveryView>;
    let on_redeliver = on_redeliver.clone();
    let columns = vec![
        Col::new(i18n.t(T::DeliveryAt), |_, d| html! { local_minutes(&d.at) }).class("nowrap"),
        Col::new(
            i18n.t(T::DeliveryEvent),
            |_, d| html! { <span class="mono">{ d.event_type.clone() }</span> },
        ),
        Col::new(i18n.t(T::DeliveryAttempt), |_, d| html! { d.attempt }).class("num"),
        Col::new(i18n.t(T::DeliveryResult), |i18n, d| {
            let tone = if d.succeeded {
                Tone::Success
            } else {
                Tone::Danger
            };
            // The technical detail, in the receiver's or resolver's words,
            // is for the integrator: shown on hover, not as the result.
            html! {
                <span title={d.error.clone()}>
                    { badge(tone, &result(i18n, d), Some(format!("delivery-result-{}", d.id))) }
                </span>
            }
        }),
        Col::new(
            i18n.t(T::DeliveryDuration),
            |_, d| html! { format!("{} ms", d.duration_ms) },
        )
        .class("num"),
        Col::new("", move |i18n, d| {
            let d2 = d.clone();
            let onclick = on_redeliver.reform(move |_: MouseEvent| d2.clone());
            html! { <button type="button" class="btn btn-small" {onclick} disabled={busy} data-testid={format!("redeliver-{}", d.id)}>{ i18n.t(T::Redeliver) }</button> }
        }),
    ];
    let table = Table {
        testid: "deliveries-table",
        row_testid: |d: &DeliveryView| format!("delivery-row-{}", d.id),
        empty: i18n.t(T::NoDeliveries).into(),
        empty_testid: "deliveries-empty",
        columns,
        key: |d| d.id.to_string(),
        row_class: |_| None,
    };
    rows_table(i18n, items, &table, None)
}

#[derive(Properties, PartialEq)]
struct DeletePanelProps {
    webhook: WebhookView,
    on_reload: Callback<()>,
}

#[function_component(DeletePanel)]
fn delete_panel(props: &DeletePanelProps) -> Html {
    let i18n = use_i18n();
    let navigator = use_navigator();
    let confirmed = use_confirmed();
    let (id, version) = (props.webhook.id, props.webhook.version);
    let gone = Callback::from(move |()| {
        if let Some(n) = &navigator {
            n.push(&Route::Webhooks);
        }
    });
    let on_confirm = confirmed.on_confirm(move || api::delete(id, version), gone);
    let ask = Ask {
        title: i18n.t(T::ConfirmDeleteWebhookTitle).into(),
        body: i18n
            .f(T::ConfirmDeleteWebhookBody, &[&props.webhook.url])
            .into(),
        confirm: i18n.t(T::DeleteWebhook).into(),
        danger: true,
        blocked: false,
        error_testid: "webhook-delete-error",
    };
    html! {
        <section class="panel">
            <div class="form-actions">
                <button type="button" class="btn btn-danger-ghost" onclick={confirmed.open()} data-testid="webhook-delete">{ i18n.t(T::DeleteWebhook) }</button>
            </div>
            { confirmed.dialog(&i18n, ask, on_confirm, &props.on_reload) }
        </section>
    }
}
