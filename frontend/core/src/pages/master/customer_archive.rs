//! The customer archive (客户档案): the customer's fields, the machines they
//! bought (links to the machine archives) and their service history and
//! record changes, newest first.

use super::common::{
    ActiveToggle, ToggleRun, active_badge, dealer_name, fact, machine_status_badge, or_dash, today,
    use_can, warranty_badge,
};
use super::machine_form::NewMachineQuery;
use crate::components::record::ready;
use crate::components::timeline::{TimelineProps, timeline};
use crate::components::{AppLinkProps, NoticeKind, NoticeProps, Tone, app_link, badge, notice};
use crate::hooks::{Remote, use_api, use_i18n};
use crate::i18n::T;
use crate::i18n::master::{M, customer_kind, machine_category};
use crate::route::Route;
use crate::services::{customers, dealers};
use furrow_domain::Permission;
use furrow_domain::master::warranty_state;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// `?saved=1` after an edit, `?created=1` after creation.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct JustSaved {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<u8>,
}

#[derive(Properties, PartialEq)]
pub struct ViewProps {
    pub id: Uuid,
}

#[function_component(CustomerArchiveView)]
pub fn customer_archive_view(props: &ViewProps) -> Html {
    let ViewProps { id } = props;
    let i18n = use_i18n();
    let navigator = use_navigator();
    let can_edit = use_can(Permission::EditMasterData);
    let can_report = use_can(Permission::CreateServiceRequests);
    let flags = use_location()
        .and_then(|l| l.query::<JustSaved>().ok())
        .unwrap_or_default();
    let reload = use_state(|| 0u32);
    let archive = use_api((*id, *reload), |(id, _)| customers::archive(id));
    let dealer_list = use_api((), |_| dealers::list_all());
    let dealers = match &*dealer_list {
        Remote::Ready(d) => d.clone(),
        _ => Vec::new(),
    };
    let on_reload = {
        let reload = reload.clone();
        Callback::from(move |_: ()| reload.set(*reload + 1))
    };

    let a = match ready(&i18n, &archive, &on_reload) {
        Ok(v) => v,
        Err(page) => return page,
    };
    let c = a.customer.clone();

    let run: ToggleRun = {
        let (c, on_reload) = (c.clone(), on_reload.clone());
        Callback::from(move |active: bool| {
            let on_reload = on_reload.clone();
            let (id, version) = (c.id, c.version);
            Box::pin(async move {
                customers::set_active(id, version, active).await?;
                on_reload.emit(());
                Ok(())
            }) as _
        })
    };

    let region = [
        Some(c.province.as_str()),
        c.city.as_deref(),
        c.county.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let coords = match (c.lat, c.lon) {
        (Some(lat), Some(lon)) => format!("{lat}, {lon}"),
        _ => "—".to_owned(),
    };
    let today = today();
    let machines = if a.machines.is_empty() {
        html! { <p class="empty-state">{ i18n.m(M::NoMachinesOwned) }</p> }
    } else {
        html! {
            <div class="table-wrap">
                <table class="table" data-testid="customer-machines">
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.m(M::Serial) }</th>
                            <th scope="col">{ i18n.m(M::Model) }</th>
                            <th scope="col">{ i18n.m(M::Category) }</th>
                            <th scope="col">{ i18n.m(M::SaleDate) }</th>
                            <th scope="col">{ i18n.m(M::WarrantyEnd) }</th>
                            <th scope="col">{ i18n.m(M::Status) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for a.machines.iter().map(|m| html! {
                            <tr key={m.id.to_string()} class={classes!((!m.active).then_some("row-muted"))}>
                                <td class="mono">
                                    { app_link(&yew::props!(AppLinkProps { to: Route::MachineDetail { id: m.id.to_string() }, children: html! { <>{ &m.serial_number }</> } })) }
                                </td>
                                <td>{ &m.model_name }</td>
                                <td>{ i18n.m(machine_category(m.category)) }</td>
                                <td class="nowrap">{ m.sale_date.map(|d| d.to_string()).unwrap_or_default() }</td>
                                <td class="nowrap">
                                    { m.warranty_end.map(|d| format!("{d} ")).unwrap_or_default() }
                                    { warranty_badge(&i18n, warranty_state(m.warranty_end, 0, today).status) }
                                </td>
                                <td>{ machine_status_badge(&i18n, m.status) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        }
    };
    let add_machine = {
        let navigator = navigator.clone();
        let id = c.id;
        Callback::from(move |e: MouseEvent| {
            if e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() {
                return;
            }
            e.prevent_default();
            if let Some(n) = &navigator {
                let _ =
                    n.push_with_query(&Route::NewMachine, NewMachineQuery { customer: Some(id) });
            }
        })
    };
    let machine_names: Vec<(Uuid, String)> = a
        .machines
        .iter()
        .map(|m| (m.id, m.serial_number.clone()))
        .collect();

    html! {
        <div class="page" data-testid="customer-archive">
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::Customers, classes: "back-link", children: html! { <>{ i18n.mf(M::BackTo, &[i18n.m(M::CustomersTitle)]) }</> } })) }
                    <h1 data-testid="customer-title">{ &c.name }</h1>
                    <p class="muted">
                        <span class="mono" data-testid="customer-code">{ &c.code }</span>
                        { " · " }{ badge(Tone::Info, i18n.m(customer_kind(c.kind)), None) }
                        { " · " }{ active_badge(&i18n, c.active) }
                        { " · " }{ format!("{} {}", i18n.t(T::Version), c.version) }
                    </p>
                </div>
                <div class="header-actions">
                    if can_report && c.active { { crate::pages::service::new_request_link(&i18n, c.id, None) } }
                    if can_edit {
                        { app_link(&yew::props!(AppLinkProps { to: Route::EditCustomer { id: c.id.to_string() }, classes: "btn btn-primary", testid: "customer-edit", children: html! { <>
                            { i18n.t(T::Edit) }
                        </> } })) }
                        <ActiveToggle active={c.active} name={c.name.clone()} {run} on_stale={on_reload.clone()} />
                    }
                </div>
            </header>
            if flags.saved.is_some() {
                { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.t(T::Saved), testid: "customer-saved" })) }
            }
            if flags.created.is_some() {
                { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.mf(M::Created, &[&c.name]), testid: "customer-created" })) }
            }
            if !c.active {
                { notice(&yew::props!(NoticeProps { kind: NoticeKind::Info, text: i18n.m(M::RecordIsInactive) })) }
            }
            <section class="panel" aria-labelledby="basic-h">
                <h2 id="basic-h">{ i18n.m(M::BasicInfo) }</h2>
                <dl class="facts" data-testid="customer-facts">
                    { fact(i18n.m(M::Phone), html! { <span class="mono" data-testid="fact-phone">{ &c.phone }</span> }) }
                    { fact(i18n.m(M::AltPhone), or_dash(c.alt_phone.as_deref())) }
                    { fact(i18n.m(M::Email), or_dash(c.email.as_deref())) }
                    { fact(i18n.m(M::Region), region) }
                    { fact(i18n.m(M::Address), or_dash(c.address.as_deref())) }
                    { fact(&format!("{} / {}", i18n.m(M::Lat), i18n.m(M::Lon)), coords) }
                    { fact(i18n.m(M::SellingDealer), or_dash(Some(&dealer_name(&dealers, c.dealer_id)))) }
                    { fact(i18n.m(M::Notes), or_dash(c.notes.as_deref())) }
                </dl>
            </section>
            <section class="panel" aria-labelledby="machines-h">
                <div class="panel-header">
                    <h2 id="machines-h">{ format!("{} ({})", i18n.m(M::MachinesOwned), a.machines.len()) }</h2>
                    if can_edit && c.active {
                        <a href={format!("{}?customer={}", Route::NewMachine.to_path(), c.id)} class="btn btn-small"
                           data-testid="customer-add-machine" onclick={add_machine}>
                            { i18n.m(M::AddMachine) }
                        </a>
                    }
                </div>
                { machines }
            </section>
            { timeline(&i18n, &yew::props!(TimelineProps { entries: a.timeline.clone(), machines: machine_names, dealers })) }
        </div>
    }
}
