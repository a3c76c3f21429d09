//! The machine archive (产品档案): model and technical parameters (技术参数),
//! owner, warranty with the 三包 extension for repair days, and the
//! timeline with service requests and part replacements (配件更换记录).

use super::common::{
    ActiveToggle, ToggleRun, active_badge, dealer_name, fact, machine_status_badge, or_dash,
    use_can, warranty_badge,
};
use super::customer_archive::JustSaved;
use crate::components::record::ready;
use crate::components::timeline::{TimelineProps, timeline};
use crate::components::{AppLinkProps, NoticeKind, NoticeProps, Tone, app_link, badge, notice};
use crate::hooks::{Remote, use_api, use_i18n};
use crate::i18n::T;
use crate::i18n::master::{M, customer_kind, machine_category};
use crate::route::Route;
use crate::services::{dealers, machines};
use furrow_domain::Permission;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// `name`, or `code name` when the name does not already say the code.
fn model_label(code: &str, name: &str) -> String {
    if name.contains(code) {
        name.to_owned()
    } else {
        format!("{code} {name}")
    }
}

#[derive(Properties, PartialEq)]
pub struct ViewProps {
    pub id: Uuid,
}

#[function_component(MachineArchiveView)]
pub fn machine_archive_view(props: &ViewProps) -> Html {
    let ViewProps { id } = props;
    let i18n = use_i18n();
    let can_edit = use_can(Permission::EditMasterData);
    let can_report = use_can(Permission::CreateServiceRequests);
    let flags = use_location()
        .and_then(|l| l.query::<JustSaved>().ok())
        .unwrap_or_default();
    let reload = use_state(|| 0u32);
    let archive = use_api((*id, *reload), |(id, _)| machines::archive(id));
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
    let m = a.machine.clone();
    let run: ToggleRun = {
        let (m, on_reload) = (m.clone(), on_reload.clone());
        Callback::from(move |active: bool| {
            let on_reload = on_reload.clone();
            let (id, version) = (m.id, m.version);
            Box::pin(async move {
                machines::set_active(id, version, active).await?;
                on_reload.emit(());
                Ok(())
            }) as _
        })
    };
    let w = &a.warranty;
    let days_left = match w.days_left {
        Some(d) if d >= 0 => i18n.mf(M::DaysLeftN, &[&d.to_string()]),
        Some(d) => i18n.mf(M::ExpiredDaysAgo, &[&(-d).to_string()]),
        None => "—".to_owned(),
    };
    let params = if a.model.params.is_empty() {
        html! { <p class="empty-state">{ i18n.m(M::NoParams) }</p> }
    } else {
        html! {
            <table class="table kv-table" data-testid="machine-params">
                <thead>
                    <tr>
                        <th scope="col">{ i18n.m(M::ParamKey) }</th>
                        <th scope="col">{ i18n.m(M::ParamValue) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for a.model.params.iter().map(|p| html! {
                        <tr><th scope="row">{ &p.key }</th><td>{ &p.value }</td></tr>
                    }) }
                </tbody>
            </table>
        }
    };
    let owner = &a.owner;
    html! {
        <div class="page" data-testid="machine-archive">
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::Machines, classes: "back-link", children: html! { <>{ i18n.mf(M::BackTo, &[i18n.m(M::MachinesTitle)]) }</> } })) }
                    <h1 data-testid="machine-title"><span class="mono">{ &m.serial_number }</span></h1>
                    <p class="muted">
                        { format!("{} · ", m.model_name) }
                        { badge(Tone::Info, i18n.m(machine_category(m.category)), None) }
                        { " · " }{ machine_status_badge(&i18n, m.status) }
                        { " · " }{ active_badge(&i18n, m.active) }
                        { " · " }{ format!("{} {}", i18n.t(T::Version), m.version) }
                    </p>
                </div>
                <div class="header-actions">
                    if can_report && m.active { { crate::pages::service::new_request_link(&i18n, m.customer_id, Some(m.id)) } }
                    if can_edit {
                        { app_link(&yew::props!(AppLinkProps { to: Route::EditMachine { id: m.id.to_string() }, classes: "btn btn-primary", testid: "machine-edit", children: html! { <>
                            { i18n.t(T::Edit) }
                        </> } })) }
                        <ActiveToggle active={m.active} name={m.serial_number.clone()} {run} on_stale={on_reload.clone()} />
                    }
                </div>
            </header>
            if flags.saved.is_some() {
                { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.t(T::Saved), testid: "machine-saved" })) }
            }
            if flags.created.is_some() {
                { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.mf(M::Created, &[&m.serial_number]), testid: "machine-created" })) }
            }
            if !m.active {
                { notice(&yew::props!(NoticeProps { kind: NoticeKind::Info, text: i18n.m(M::RecordIsInactive) })) }
            }
            <div class="columns">
                <div class="column-main">
                    <section class="panel" aria-labelledby="basic-h">
                        <h2 id="basic-h">{ i18n.m(M::BasicInfo) }</h2>
                        <dl class="facts">
                            { fact(i18n.m(M::Model), html! {
                                { app_link(&yew::props!(AppLinkProps { to: Route::ProductModelDetail { id: a.model.id.to_string() }, children: html! { <>
                                    { model_label(&a.model.code, &a.model.name) }
                                </> } })) }
                            }) }
                            { fact(i18n.m(M::SaleDate), or_dash(m.sale_date.map(|d| d.to_string()).as_deref())) }
                            { fact(i18n.m(M::EngineHours), or_dash(m.engine_hours.map(|h| h.to_string()).as_deref())) }
                            { fact(i18n.m(M::SellingDealer), or_dash(Some(&dealer_name(&dealers, m.dealer_id)))) }
                            { fact(i18n.m(M::Notes), or_dash(m.notes.as_deref())) }
                        </dl>
                    </section>
                    <section class="panel" aria-labelledby="params-h">
                        <h2 id="params-h">{ i18n.m(M::TechParams) }</h2>
                        { params }
                    </section>
                </div>
                <div class="column-side">
                    <section class="panel" aria-labelledby="warranty-h" data-testid="machine-warranty">
                        <h2 id="warranty-h">{ i18n.m(M::WarrantySection) }{ " " }{ warranty_badge(&i18n, w.status) }</h2>
                        <dl class="facts facts-1">
                            { fact(i18n.m(M::WarrantyAsSold), or_dash(w.warranty_end.map(|d| d.to_string()).as_deref())) }
                            { fact(i18n.m(M::ExtensionDays), i18n.mf(M::ExtensionDaysN, &[&w.extension_days.to_string()])) }
                            { fact(i18n.m(M::EffectiveEnd), html! {
                                <strong data-testid="warranty-effective-end">
                                    { or_dash(w.effective_end.map(|d| d.to_string()).as_deref()) }
                                </strong>
                            }) }
                            { fact(i18n.m(M::DaysLeft), days_left) }
                        </dl>
                    </section>
                    <section class="panel" aria-labelledby="owner-h">
                        <h2 id="owner-h">{ i18n.m(M::OwnerSection) }</h2>
                        <dl class="facts facts-1">
                            { fact(i18n.m(M::Owner), html! {
                                { app_link(&yew::props!(AppLinkProps { to: Route::CustomerDetail { id: owner.id.to_string() }, testid: "machine-owner", children: html! { <>
                                    { &owner.name }
                                </> } })) }
                            }) }
                            { fact(i18n.m(M::CustomerKindLabel), i18n.m(customer_kind(owner.kind))) }
                            { fact(i18n.m(M::Phone), html! { <span class="mono">{ &owner.phone }</span> }) }
                            { fact(i18n.m(M::Region), [Some(owner.province.as_str()), owner.city.as_deref(), owner.county.as_deref()]
                                .into_iter().flatten().collect::<Vec<_>>().join(" ")) }
                        </dl>
                    </section>
                </div>
            </div>
            { timeline(&i18n, &yew::props!(TimelineProps { entries: a.timeline.clone(), machines: vec![(m.id, m.serial_number.clone())], dealers })) }
        </div>
    }
}
