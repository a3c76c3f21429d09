//! The webhooks the user keeps, and the form that subscribes one. After
//! subscribing, the secret is shown once above the list.

use super::form::WebhookForm;
use super::{event_names, status_badge};
use crate::components::data_table::{Column, Table, failed, link_cell, rows_table};
use crate::components::loading;
use crate::hooks::{Remote, use_api_reload, use_dealers, use_i18n};
use crate::i18n::T;
use crate::pages::api_clients::SecretOnce;
use crate::pages::users::dealer_label;
use crate::route::Route;
use crate::services::webhooks as api;
use crate::time::local_minutes;
use furrow_domain::webhooks::{WebhookCreated, WebhookView};
use yew::prelude::*;

#[function_component(WebhookListPage)]
pub fn webhook_list_page() -> Html {
    let i18n = use_i18n();
    let (data, retry) = use_api_reload((), |_| api::list());
    let dealers = use_dealers();
    let adding = use_state(|| false);
    let made = use_state(|| None::<WebhookCreated>);
    let open = {
        let (adding, made) = (adding.clone(), made.clone());
        Callback::from(move |_: MouseEvent| {
            made.set(None);
            adding.set(true);
        })
    };
    let on_cancel = {
        let adding = adding.clone();
        Callback::from(move |_| adding.set(false))
    };
    let on_created = {
        let (adding, made, retry) = (adding.clone(), made.clone(), retry.clone());
        Callback::from(move |m: WebhookCreated| {
            adding.set(false);
            made.set(Some(m));
            retry.emit(());
        })
    };
    let on_done = {
        let made = made.clone();
        Callback::from(move |_| made.set(None))
    };

    type Col = Column<WebhookView>;
    let columns = vec![
        Col::new(i18n.t(T::WebhookUrl), |_, w| {
            link_cell(
                Route::WebhookDetail {
                    id: w.id.to_string(),
                },
                &w.url,
            )
        }),
        Col::new(
            i18n.t(T::WebhookEvents),
            |i18n, w| html! { event_names(i18n, w) },
        ),
        Col::new(i18n.t(T::ColDealer), move |i18n, w| match w.dealer_id {
            Some(d) => html! { dealer_label(&dealers, Some(d)) },
            None => html! { i18n.t(T::EveryDealer) },
        }),
        Col::new(i18n.t(T::WebhookStatus), |i18n, w| {
            status_badge(i18n, w, Some(format!("webhook-status-{}", w.id)))
        }),
        Col::new(i18n.t(T::WebhookNextAttempt), |_, w| {
            let next = if w.enabled {
                local_minutes(&w.next_attempt_at)
            } else {
                "—".to_owned()
            };
            html! { next }
        })
        .class("nowrap"),
    ];
    let table = Table {
        testid: "webhooks-table",
        row_testid: |w: &WebhookView| format!("webhook-row-{}", w.id),
        empty: i18n.t(T::NoWebhooks).into(),
        empty_testid: "webhooks-empty",
        columns,
        key: |w| w.id.to_string(),
        row_class: |w| (!w.enabled).then_some("row-muted"),
    };
    let rows = match &*data {
        Remote::Loading => loading(&i18n),
        Remote::Failed(e) => failed(&i18n, e, Some(&retry)),
        Remote::Ready(items) => rows_table(&i18n, items, &table, None),
    };
    let labels = Some((T::WebhookId, T::WebhookSecret, T::WebhookSecretOnce));
    html! {
        <div class="page" data-testid="webhooks-page">
            <header class="page-header">
                <div>
                    <h1>{ i18n.t(T::WebhooksTitle) }</h1>
                    <p class="muted">{ i18n.t(T::WebhooksIntro) }</p>
                </div>
                if !*adding {
                    <button type="button" class="btn btn-primary" onclick={open} data-testid="webhooks-new">{ i18n.t(T::NewWebhook) }</button>
                }
            </header>
            if let Some(m) = (*made).clone() {
                <SecretOnce client_id={m.webhook.id} secret={m.secret} heading={i18n.t(T::WebhookCreated)} {labels} {on_done} />
            }
            if *adding {
                <WebhookForm {on_created} {on_cancel} />
            }
            <section class="panel">{ rows }</section>
        </div>
    }
}
