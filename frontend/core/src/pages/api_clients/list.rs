//! Every API client with its use, and the form that registers one. After
//! registering, the secret is shown once above the list.

use super::register::RegisterForm;
use super::secret::SecretOnce;
use super::{scope_names, status_badge, when};
use crate::components::data_table::{Column, Table, failed, link_cell, rows_table};
use crate::components::loading;
use crate::hooks::{Remote, use_api_reload, use_dealers, use_i18n};
use crate::i18n::T;
use crate::i18n::api_clients::client_role;
use crate::pages::users::dealer_label;
use crate::route::Route;
use crate::services::api_clients as api;
use furrow_domain::api_clients::{ApiClientSecret, ApiClientView};
use yew::prelude::*;

#[function_component(ApiClientListPage)]
pub fn api_client_list_page() -> Html {
    let i18n = use_i18n();
    let (data, retry) = use_api_reload((), |_| api::list());
    let dealers = use_dealers();
    let registering = use_state(|| false);
    let made = use_state(|| None::<ApiClientSecret>);

    let open = {
        let (registering, made) = (registering.clone(), made.clone());
        Callback::from(move |_: MouseEvent| {
            made.set(None);
            registering.set(true);
        })
    };
    let on_cancel = {
        let registering = registering.clone();
        Callback::from(move |_| registering.set(false))
    };
    let on_created = {
        let (registering, made, retry) = (registering.clone(), made.clone(), retry.clone());
        Callback::from(move |m: ApiClientSecret| {
            registering.set(false);
            made.set(Some(m));
            retry.emit(());
        })
    };
    let on_done = {
        let made = made.clone();
        Callback::from(move |_| made.set(None))
    };

    type Col = Column<ApiClientView>;
    let columns = vec![
        Col::new(i18n.t(T::ClientName), |_, c| {
            link_cell(
                Route::ApiClientDetail {
                    id: c.id.to_string(),
                },
                &c.name,
            )
        }),
        Col::new(i18n.t(T::ClientRoleLabel), |i18n, c| {
            html! { client_role(c.role, i18n.lang) }
        }),
        Col::new(i18n.t(T::ColDealer), move |_, c| {
            html! { dealer_label(&dealers, c.dealer_id) }
        }),
        Col::new(
            i18n.t(T::ClientScopes),
            |i18n, c| html! { scope_names(i18n, &c.scopes) },
        ),
        Col::new(i18n.t(T::ClientStatus), |i18n, c| {
            status_badge(i18n, c, Some(format!("client-status-{}", c.id)))
        }),
        Col::new(i18n.t(T::ClientLastUse), |i18n, c| {
            html! { when(i18n, c.usage.last_request_at.as_ref()) }
        })
        .class("nowrap"),
        Col::new(i18n.t(T::ClientCalls), |_, c| {
            html! { format!("{} / {}", c.usage.request_count, c.usage.error_count) }
        })
        .class("num"),
    ];
    let table = Table {
        testid: "api-clients-table",
        row_testid: |c: &ApiClientView| format!("client-row-{}", c.id),
        empty: i18n.t(T::NoApiClients).into(),
        empty_testid: "api-clients-empty",
        columns,
        key: |c| c.id.to_string(),
        row_class: |c| c.revoked_at.is_some().then_some("row-muted"),
    };
    let rows = match &*data {
        Remote::Loading => loading(&i18n),
        Remote::Failed(e) => failed(&i18n, e, Some(&retry)),
        Remote::Ready(items) => rows_table(&i18n, items, &table, None),
    };
    html! {
        <div class="page" data-testid="api-clients-page">
            <header class="page-header">
                <div>
                    <h1>{ i18n.t(T::ApiClientsTitle) }</h1>
                    <p class="muted">{ i18n.t(T::ApiClientsIntro) }</p>
                </div>
                if !*registering {
                    <button type="button" class="btn btn-primary" onclick={open} data-testid="api-clients-new">{ i18n.t(T::RegisterClient) }</button>
                }
            </header>
            if let Some(m) = (*made).clone() {
                <SecretOnce client_id={m.client.id} secret={m.client_secret} heading={i18n.f(T::ClientRegistered, &[&m.client.name])} {on_done} />
            }
            if *registering {
                <RegisterForm {on_created} {on_cancel} />
            }
            <section class="panel">{ rows }</section>
        </div>
    }
}
