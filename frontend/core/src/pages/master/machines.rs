//! The machines table (产品档案): search by serial number or owner, filters
//! by category, warranty and status, keyset pages; all kept in the URL.

use super::common::{
    PAGE_SIZE, dealer_name, machine_status_badge, non_empty, today, use_apply, use_can, use_paging,
    use_url_query, warranty_badge,
};
use crate::components::{AppLinkProps, ErrorBannerProps, app_link, error_banner, loading};
use crate::hooks::{Remote, use_api, use_i18n};
use crate::i18n::T;
use crate::i18n::master::{M, machine_category, machine_status, warranty_status};
use crate::route::Route;
use crate::services::dealers;
use crate::services::machines::{self, MachineFilter};
use furrow_domain::Permission;
use furrow_domain::master::{MachineCategory, MachineStatus, WarrantyStatus, warranty_state};
use serde::{Deserialize, Serialize};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct ListQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    /// `in_warranty` or `expired`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    warranty: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<String>,
}

fn parse_warranty(s: Option<&str>) -> Option<WarrantyStatus> {
    match s {
        Some("in_warranty") => Some(WarrantyStatus::InWarranty),
        Some("expired") => Some(WarrantyStatus::Expired),
        _ => None,
    }
}

#[function_component(MachineListPage)]
pub fn machine_list_page() -> Html {
    let i18n = use_i18n();
    let can_edit = use_can(Permission::EditMasterData);
    let query: ListQuery = use_url_query();
    let apply = use_apply::<ListQuery>(Route::Machines);
    let paging = use_paging(&query);
    let reload = use_state(|| 0u32);
    let data = use_api(
        (query.clone(), paging.cursor(), *reload),
        |(q, cursor, _)| async move {
            machines::list(&MachineFilter {
                q: q.q.clone(),
                category: q.category.as_deref().and_then(MachineCategory::parse),
                status: q.status.as_deref().and_then(MachineStatus::parse),
                warranty: parse_warranty(q.warranty.as_deref()),
                customer_id: None,
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
    {
        let search_text = search_text.clone();
        use_effect_with(query.q.clone(), move |q| {
            search_text.set(q.clone().unwrap_or_default())
        });
    }
    let onsubmit = {
        let (apply, query, search_text) = (apply.clone(), query.clone(), search_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            apply.emit(ListQuery {
                q: non_empty(&search_text),
                ..query.clone()
            });
        })
    };
    let on_search_input = {
        let search_text = search_text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                search_text.set(i.value());
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

    let today = today();
    let next_cursor = match &*data {
        Remote::Ready(p) => p.next_cursor.clone(),
        _ => None,
    };
    let filtered = query != ListQuery::default();
    let table = match &*data {
        Remote::Loading => html! { { loading(&i18n) } },
        Remote::Failed(e) => {
            html! { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e.clone(), on_retry: retry })) } }
        }
        Remote::Ready(page) if page.items.is_empty() => html! {
            <div class="empty-state" data-testid="machines-empty">
                { i18n.m(if filtered { M::NoMachinesMatch } else { M::NoMachines }) }
            </div>
        },
        Remote::Ready(page) => {
            let rows = page.items.iter().map(|m| {
                // The list shows the warranty as sold; the archive adds the 三包 extension.
                let w = warranty_state(m.warranty_end, 0, today);
                html! {
                    <tr key={m.id.to_string()} data-testid="machine-row" data-serial={m.serial_number.clone()}
                        class={classes!((!m.active).then_some("row-muted"))}>
                        <td class="mono nowrap">
                            { app_link(&yew::props!(AppLinkProps { to: Route::MachineDetail { id: m.id.to_string() }, children: html! { <>{ &m.serial_number }</> } })) }
                        </td>
                        <td><span class="mono">{ &m.model_code }</span></td>
                        <td>{ i18n.m(machine_category(m.category)) }</td>
                        <td>
                            { app_link(&yew::props!(AppLinkProps { to: Route::CustomerDetail { id: m.customer_id.to_string() }, children: html! { <>{ &m.customer_name }</> } })) }
                        </td>
                        <td>{ dealer_name(&dealers, m.dealer_id) }</td>
                        <td class="nowrap">{ m.sale_date.map(|d| d.to_string()).unwrap_or_default() }</td>
                        <td class="nowrap">
                            { m.warranty_end.map(|d| format!("{d} ")).unwrap_or_default() }
                            { warranty_badge(&i18n, w.status) }
                        </td>
                        <td>{ machine_status_badge(&i18n, m.status) }</td>
                        if can_edit {
                            <td class="actions">
                                { app_link(&yew::props!(AppLinkProps { to: Route::EditMachine { id: m.id.to_string() }, classes: "btn btn-small", children: html! { <>
                                    { i18n.t(T::Edit) }
                                </> } })) }
                            </td>
                        }
                    </tr>
                }
            });
            html! {
                <div class="table-wrap">
                    <table class="table" data-testid="machines-table">
                        <caption class="sr-only">{ i18n.m(M::MachinesTitle) }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ i18n.m(M::Serial) }</th>
                                <th scope="col">{ i18n.m(M::Model) }</th>
                                <th scope="col">{ i18n.m(M::Category) }</th>
                                <th scope="col">{ i18n.m(M::Owner) }</th>
                                <th scope="col">{ i18n.m(M::SellingDealer) }</th>
                                <th scope="col">{ i18n.m(M::SaleDate) }</th>
                                <th scope="col">{ i18n.m(M::WarrantyEnd) }</th>
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

    let cat = query.category.clone().unwrap_or_default();
    let war = query.warranty.clone().unwrap_or_default();
    let sta = query.status.clone().unwrap_or_default();
    html! {
        <div class="page" data-testid="machines-page">
            <header class="page-header">
                <h1>{ i18n.m(M::MachinesTitle) }</h1>
                if can_edit {
                    { app_link(&yew::props!(AppLinkProps { to: Route::NewMachine, classes: "btn btn-primary", testid: "machines-new", children: html! { <>
                        { i18n.m(M::NewMachine) }
                    </> } })) }
                }
            </header>
            <form class="toolbar" role="search" {onsubmit}>
                <label class="sr-only" for="machines-q">{ i18n.m(M::MachineSearchLabel) }</label>
                <input id="machines-q" type="search" data-testid="machines-q" value={(*search_text).clone()}
                       placeholder={i18n.m(M::MachineSearchPlaceholder)} oninput={on_search_input} />
                <button type="submit" class="btn" data-testid="machines-search">{ i18n.t(T::Search) }</button>
                <label for="machines-category">{ i18n.m(M::Category) }</label>
                <select id="machines-category" data-testid="machines-category" onchange={select(|q, v| q.category = v)}>
                    <option value="" selected={cat.is_empty()}>{ i18n.m(M::All) }</option>
                    { for MachineCategory::ALL.iter().map(|c| html! {
                        <option value={c.as_str()} selected={cat == c.as_str()}>{ i18n.m(machine_category(*c)) }</option>
                    }) }
                </select>
                <label for="machines-warranty">{ i18n.m(M::Warranty) }</label>
                <select id="machines-warranty" data-testid="machines-warranty" onchange={select(|q, v| q.warranty = v)}>
                    <option value="" selected={war.is_empty()}>{ i18n.m(M::All) }</option>
                    <option value="in_warranty" selected={war == "in_warranty"}>{ i18n.m(warranty_status(WarrantyStatus::InWarranty)) }</option>
                    <option value="expired" selected={war == "expired"}>{ i18n.m(warranty_status(WarrantyStatus::Expired)) }</option>
                </select>
                <label for="machines-status">{ i18n.m(M::Status) }</label>
                <select id="machines-status" data-testid="machines-status" onchange={select(|q, v| q.status = v)}>
                    <option value="" selected={sta.is_empty()}>{ i18n.m(M::All) }</option>
                    { for MachineStatus::ALL.iter().map(|s| html! {
                        <option value={s.as_str()} selected={sta == s.as_str()}>{ i18n.m(machine_status(*s)) }</option>
                    }) }
                </select>
                if filtered {
                    <button type="button" class="btn btn-ghost" onclick={on_clear} data-testid="machines-clear">
                        { i18n.t(T::Clear) }
                    </button>
                }
            </form>
            { table }
            { paging.pager(&i18n, next_cursor, matches!(*data, Remote::Loading)) }
        </div>
    }
}
