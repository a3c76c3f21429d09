//! The customers table (客户档案): search by part of a name, phone or code,
//! filters by province, kind and status, keyset pages; all kept in the URL.

use super::common::{
    PAGE_SIZE, active_badge, dealer_name, non_empty, use_apply, use_can, use_paging, use_url_query,
};
use crate::components::{AppLinkProps, ErrorBannerProps, app_link, error_banner, loading};
use crate::hooks::{Remote, use_api, use_i18n};
use crate::i18n::T;
use crate::i18n::master::{M, customer_kind};
use crate::route::Route;
use crate::services::customers::{self, CustomerFilter};
use crate::services::dealers;
use furrow_domain::Permission;
use furrow_domain::master::CustomerKind;
use serde::{Deserialize, Serialize};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The list's filters as they appear in the URL.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct ListQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    /// `active` or `inactive`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<String>,
}

impl ListQuery {
    fn active(&self) -> Option<bool> {
        match self.status.as_deref() {
            Some("active") => Some(true),
            Some("inactive") => Some(false),
            _ => None,
        }
    }

    fn is_filtered(&self) -> bool {
        *self != ListQuery::default()
    }
}

/// The provinces where most customers farm, for the filter's suggestions.
const PROVINCES: [&str; 18] = [
    "黑龙江",
    "吉林",
    "辽宁",
    "内蒙古",
    "河北",
    "河南",
    "山东",
    "山西",
    "江苏",
    "安徽",
    "湖北",
    "湖南",
    "江西",
    "四川",
    "陕西",
    "甘肃",
    "新疆",
    "广西",
];

#[function_component(CustomerListPage)]
pub fn customer_list_page() -> Html {
    let i18n = use_i18n();
    let can_edit = use_can(Permission::EditMasterData);
    let query: ListQuery = use_url_query();
    let apply = use_apply::<ListQuery>(Route::Customers);
    let paging = use_paging(&query);
    let reload = use_state(|| 0u32);
    let data = use_api(
        (query.clone(), paging.cursor(), *reload),
        |(q, cursor, _)| async move {
            customers::list(&CustomerFilter {
                q: q.q.clone(),
                province: q.province.clone(),
                kind: q.kind.as_deref().and_then(CustomerKind::parse),
                active: q.active(),
                limit: Some(PAGE_SIZE),
                cursor,
            })
            .await
        },
    );
    let dealer_list = use_api((), |_| dealers::list_all());
    let dealers = match &*dealer_list {
        Remote::Ready(d) => d.clone(),
        _ => Vec::new(),
    };

    let search_text = use_state(|| query.q.clone().unwrap_or_default());
    let province_text = use_state(|| query.province.clone().unwrap_or_default());
    {
        // Back/forward changes the URL: show its filters in the boxes.
        let (search_text, province_text) = (search_text.clone(), province_text.clone());
        use_effect_with((query.q.clone(), query.province.clone()), move |(q, p)| {
            search_text.set(q.clone().unwrap_or_default());
            province_text.set(p.clone().unwrap_or_default());
        });
    }
    let onsubmit = {
        let (apply, query) = (apply.clone(), query.clone());
        let (search_text, province_text) = (search_text.clone(), province_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            apply.emit(ListQuery {
                q: non_empty(&search_text),
                province: non_empty(&province_text),
                ..query.clone()
            });
        })
    };
    let text_input = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                h.set(i.value());
            }
        })
    };
    let select = |f: fn(&mut ListQuery, Option<String>)| {
        let (apply, query) = (apply.clone(), query.clone());
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                let mut q = query.clone();
                f(&mut q, non_empty(&s.value()));
                apply.emit(q);
            }
        })
    };
    let on_clear = {
        let apply = apply.clone();
        Callback::from(move |_: MouseEvent| apply.emit(ListQuery::default()))
    };
    let retry = {
        let reload = reload.clone();
        Callback::from(move |_| reload.set(*reload + 1))
    };

    let next_cursor = match &*data {
        Remote::Ready(p) => p.next_cursor.clone(),
        _ => None,
    };
    let table = match &*data {
        Remote::Loading => html! { { loading(&i18n) } },
        Remote::Failed(e) => {
            html! { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e.clone(), on_retry: retry })) } }
        }
        Remote::Ready(page) if page.items.is_empty() => html! {
            <div class="empty-state" data-testid="customers-empty">
                { i18n.m(if query.is_filtered() { M::NoCustomersMatch } else { M::NoCustomers }) }
            </div>
        },
        Remote::Ready(page) => {
            let rows = page.items.iter().map(|c| {
                let to = Route::CustomerDetail { id: c.id.to_string() };
                let region = [Some(c.province.as_str()), c.city.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                html! {
                    <tr key={c.id.to_string()} data-testid="customer-row" data-code={c.code.clone()}
                        class={classes!((!c.active).then_some("row-muted"))}>
                        <td class="mono">{ app_link(&yew::props!(AppLinkProps { to: to.clone(), children: html! { <>{ &c.code }</> } })) }</td>
                        <td>{ app_link(&yew::props!(AppLinkProps { to: to, testid: "customer-name", children: html! { <>{ &c.name }</> } })) }</td>
                        <td>{ i18n.m(customer_kind(c.kind)) }</td>
                        <td class="mono nowrap" data-testid="customer-phone">{ &c.phone }</td>
                        <td>{ region }</td>
                        <td data-testid="customer-dealer" data-dealer-id={c.dealer_id.map(|d| d.to_string()).unwrap_or_default()}>
                            { dealer_name(&dealers, c.dealer_id) }
                        </td>
                        <td>{ active_badge(&i18n, c.active) }</td>
                        if can_edit {
                            <td class="actions">
                                { app_link(&yew::props!(AppLinkProps { to: Route::EditCustomer { id: c.id.to_string() }, classes: "btn btn-small", children: html! { <>
                                    { i18n.t(T::Edit) }
                                </> } })) }
                            </td>
                        }
                    </tr>
                }
            });
            html! {
                <div class="table-wrap">
                    <table class="table" data-testid="customers-table">
                        <caption class="sr-only">{ i18n.m(M::CustomersTitle) }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ i18n.m(M::CustomerCode) }</th>
                                <th scope="col">{ i18n.m(M::CustomerName) }</th>
                                <th scope="col">{ i18n.m(M::CustomerKindLabel) }</th>
                                <th scope="col">{ i18n.m(M::Phone) }</th>
                                <th scope="col">{ i18n.m(M::Region) }</th>
                                <th scope="col">{ i18n.m(M::SellingDealer) }</th>
                                <th scope="col">{ i18n.m(M::Status) }</th>
                                if can_edit { <th scope="col"><span class="sr-only">{ i18n.t(T::ColActions) }</span></th> }
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
        }
    };

    let kind_value = query.kind.clone().unwrap_or_default();
    let status_value = query.status.clone().unwrap_or_default();
    html! {
        <div class="page" data-testid="customers-page">
            <header class="page-header">
                <h1>{ i18n.m(M::CustomersTitle) }</h1>
                if can_edit {
                    { app_link(&yew::props!(AppLinkProps { to: Route::NewCustomer, classes: "btn btn-primary", testid: "customers-new", children: html! { <>
                        { i18n.m(M::NewCustomer) }
                    </> } })) }
                }
            </header>
            <form class="toolbar" role="search" {onsubmit}>
                <label class="sr-only" for="customers-q">{ i18n.m(M::CustomerSearchLabel) }</label>
                <input id="customers-q" type="search" data-testid="customers-q" value={(*search_text).clone()}
                       placeholder={i18n.m(M::CustomerSearchPlaceholder)} oninput={text_input(&search_text)} />
                <label class="sr-only" for="customers-province">{ i18n.m(M::Province) }</label>
                <input id="customers-province" type="search" class="input-short" list="provinces"
                       data-testid="customers-province" value={(*province_text).clone()}
                       placeholder={i18n.m(M::Province)} oninput={text_input(&province_text)} />
                <datalist id="provinces">
                    { for PROVINCES.iter().map(|p| html! { <option value={*p} /> }) }
                </datalist>
                <button type="submit" class="btn" data-testid="customers-search">{ i18n.t(T::Search) }</button>
                <label for="customers-kind">{ i18n.m(M::CustomerKindLabel) }</label>
                <select id="customers-kind" data-testid="customers-kind" onchange={select(|q, v| q.kind = v)}>
                    <option value="" selected={kind_value.is_empty()}>{ i18n.m(M::All) }</option>
                    { for CustomerKind::ALL.iter().map(|k| html! {
                        <option value={k.as_str()} selected={kind_value == k.as_str()}>{ i18n.m(customer_kind(*k)) }</option>
                    }) }
                </select>
                <label for="customers-status">{ i18n.m(M::Status) }</label>
                <select id="customers-status" data-testid="customers-status" onchange={select(|q, v| q.status = v)}>
                    <option value="" selected={status_value.is_empty()}>{ i18n.m(M::All) }</option>
                    <option value="active" selected={status_value == "active"}>{ i18n.m(M::Active) }</option>
                    <option value="inactive" selected={status_value == "inactive"}>{ i18n.m(M::Inactive) }</option>
                </select>
                if query.is_filtered() {
                    <button type="button" class="btn btn-ghost" onclick={on_clear} data-testid="customers-clear">
                        { i18n.t(T::Clear) }
                    </button>
                }
            </form>
            { table }
            { paging.pager(&i18n, next_cursor, matches!(*data, Remote::Loading)) }
        </div>
    }
}
