//! Dealers (经销商): the list, and creating and editing one (manage_catalog).
//! A dealer user sees only its own dealer.

use super::common::{ActiveToggle, ToggleRun, active_badge, non_empty, use_can};
use super::list::{ListSpec, same_param, use_master_list};
use crate::components::data_table::{Column, Table, link_cell};
use crate::components::form::{TextFieldProps, text_field};
use crate::components::record::ready;
use crate::components::{AppLinkProps, NoticeKind, NoticeProps, app_link, notice};
use crate::hooks::{Remote, use_api, use_form, use_i18n};
use crate::i18n::T;
use crate::i18n::master::M;
use crate::route::Route;
use crate::services::dealers;
use furrow_domain::Permission;
use furrow_domain::dealers::{DealerInput, DealerView};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Flags {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    created: Option<u8>,
}

#[function_component(DealerListPage)]
pub fn dealer_list_page() -> Html {
    let i18n = use_i18n();
    let can_manage = use_can(Permission::ManageCatalog);
    type Col = Column<DealerView>;
    let columns = vec![
        Col::new(i18n.m(M::DealerCode), |_, d| {
            link_cell(
                Route::DealerDetail {
                    id: d.id.to_string(),
                },
                &d.code,
            )
        })
        .class("mono")
        .sort("code"),
        Col::new(i18n.m(M::DealerName), |_, d| html! { &d.name }).sort("name"),
        Col::new(i18n.m(M::SalesRegion), |_, d| html! { &d.region }).sort("region"),
        Col::new(
            i18n.m(M::ContactName),
            |_, d| html! { d.contact_name.as_deref().unwrap_or_default() },
        ),
        Col::new(
            i18n.m(M::ContactPhone),
            |_, d| html! { d.contact_phone.as_deref().unwrap_or_default() },
        )
        .class("mono"),
        Col::new(i18n.m(M::Status), |i18n, d| active_badge(i18n, d.active)),
    ];
    use_master_list(ListSpec {
        route: Route::Dealers,
        api: "/dealers",
        name: "dealers",
        title: M::DealersTitle,
        create: can_manage.then_some((Route::NewDealer, M::NewDealer)),
        filters: Vec::new(),
        table: Table {
            testid: "dealers-table",
            row_testid: |_| "dealer-row".into(),
            empty: i18n.m(M::NoDealers).into(),
            empty_testid: "dealers-empty",
            columns,
            key: |d| d.id.to_string(),
            row_class: |d| (!d.active).then_some("row-muted"),
        },
        row_code: Some(|d| d.code.clone()),
        empty_filtered: None,
        param: same_param,
    })
}

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub id: Uuid,
}

#[function_component(DealerDetail)]
pub fn dealer_detail(props: &DetailProps) -> Html {
    let DetailProps { id } = props;
    let i18n = use_i18n();
    let can_manage = use_can(Permission::ManageCatalog);
    let created = use_location()
        .and_then(|l| l.query::<Flags>().ok())
        .and_then(|f| f.created)
        .is_some();
    let reload = use_state(|| 0u32);
    let dealer = use_api((*id, *reload), |(id, _)| dealers::get(id));
    let on_reload = {
        let reload = reload.clone();
        Callback::from(move |_: ()| reload.set(*reload + 1))
    };
    let on_saved = {
        let dealer = dealer.clone();
        Callback::from(move |d: DealerView| dealer.set(Remote::Ready(d)))
    };
    let d = match ready(&i18n, &dealer, &on_reload) {
        Ok(d) => d,
        Err(page) => return page,
    };
    let run: ToggleRun = {
        let (d, on_saved) = (d.clone(), on_saved.clone());
        Callback::from(move |active: bool| {
            let on_saved = on_saved.clone();
            let (id, version) = (d.id, d.version);
            Box::pin(async move {
                on_saved.emit(dealers::set_active(id, version, active).await?);
                Ok(())
            }) as _
        })
    };
    html! {
        <div class="page narrow" data-testid="dealer-detail-page">
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::Dealers, classes: "back-link", children: html! { <>{ i18n.mf(M::BackTo, &[i18n.m(M::DealersTitle)]) }</> } })) }
                    <h1>{ i18n.mf(M::EditDealerTitle, &[&d.name]) }</h1>
                    <p class="muted">
                        <span class="mono">{ &d.code }</span>{ format!(" · {} · ", d.region) }
                        { active_badge(&i18n, d.active) }{ format!(" · {} {}", i18n.t(T::Version), d.version) }
                    </p>
                </div>
                if can_manage {
                    <div class="header-actions">
                        <ActiveToggle active={d.active} name={d.name.clone()} {run} on_stale={on_reload.clone()} />
                    </div>
                }
            </header>
            if created {
                { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.mf(M::Created, &[&d.name]), testid: "dealer-created" })) }
            }
            if can_manage {
                <DealerForm dealer={Some(d)} {on_saved} {on_reload} />
            }
        </div>
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    code: String,
    name: String,
    region: String,
    contact_name: String,
    contact_phone: String,
    address: String,
}

impl Draft {
    fn of(d: &DealerView) -> Self {
        Draft {
            code: d.code.clone(),
            name: d.name.clone(),
            region: d.region.clone(),
            contact_name: d.contact_name.clone().unwrap_or_default(),
            contact_phone: d.contact_phone.clone().unwrap_or_default(),
            address: d.address.clone().unwrap_or_default(),
        }
    }

    fn input(&self) -> DealerInput {
        DealerInput {
            code: self.code.trim().to_owned(),
            name: self.name.trim().to_owned(),
            region: self.region.trim().to_owned(),
            contact_name: non_empty(&self.contact_name),
            contact_phone: non_empty(&self.contact_phone),
            address: non_empty(&self.address),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub dealer: Option<DealerView>,
    #[prop_or_default]
    pub on_saved: Callback<DealerView>,
    #[prop_or_default]
    pub on_reload: Callback<()>,
}

#[function_component(DealerForm)]
pub fn dealer_form(props: &FormProps) -> Html {
    let FormProps {
        dealer,
        on_saved,
        on_reload,
    } = props;
    let i18n = use_i18n();
    let navigator = use_navigator();
    let form = use_form(|| dealer.as_ref().map(Draft::of).unwrap_or_default());
    {
        let form = form.clone();
        use_effect_with(dealer.clone(), move |d| {
            if let Some(d) = d {
                form.reset(Draft::of(d));
            }
        });
    }
    let onsubmit = {
        let form = form.clone();
        let (dealer, on_saved) = (dealer.clone(), on_saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = form.draft.input();
            if let Err(v) = input.validate() {
                form.refuse(v.into());
                return;
            }
            let (saved, on_saved, navigator) =
                (form.saved.clone(), on_saved.clone(), navigator.clone());
            match dealer.as_ref().map(|d| (d.id, d.version)) {
                Some((id, version)) => form.submit(
                    async move { dealers::update(id, version, &input).await },
                    move |d| {
                        saved.set(true);
                        on_saved.emit(d);
                    },
                ),
                None => form.submit(
                    async move { dealers::create(&input).await },
                    move |d: DealerView| {
                        if let Some(n) = navigator {
                            let to = Route::DealerDetail {
                                id: d.id.to_string(),
                            };
                            let _ = n.push_with_query(&to, Flags { created: Some(1) });
                        }
                    },
                ),
            }
        })
    };
    let err = |f: &str| form.err(&i18n, f);
    let edit = |f: fn(&mut Draft, String)| form.edit(f);
    let draft = &*form.draft;
    let busy = *form.busy;
    let creating = dealer.is_none();
    let body = html! {
        <form class="panel form" {onsubmit} novalidate=true data-testid="dealer-form">
            { form.failure_banner(&i18n, &["code", "name", "region", "contact_name", "contact_phone", "address"], on_reload, "save-error") }
            { form.saved_notice(&i18n, "dealer-saved") }
            <div class="form-grid">
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "dealer-code", label: i18n.m(M::DealerCode), required: true, value: draft.code.clone(), oninput: edit(|d, v| d.code = v), error: err("code"), maxlength: 32, autocomplete: "off" })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "dealer-name", label: i18n.m(M::DealerName), required: true, value: draft.name.clone(), oninput: edit(|d, v| d.name = v), error: err("name"), maxlength: 200, autocomplete: "off" })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "dealer-region", label: i18n.m(M::SalesRegion), required: true, value: draft.region.clone(), oninput: edit(|d, v| d.region = v), error: err("region"), hint: i18n.m(M::SalesRegionHint) })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "dealer-contact_name", label: i18n.m(M::ContactName), optional: true, value: draft.contact_name.clone(), oninput: edit(|d, v| d.contact_name = v), error: err("contact_name") })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "dealer-contact_phone", label: i18n.m(M::ContactPhone), optional: true, kind: "tel", value: draft.contact_phone.clone(), oninput: edit(|d, v| d.contact_phone = v), error: err("contact_phone") })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "dealer-address", label: i18n.m(M::Address), optional: true, value: draft.address.clone(), oninput: edit(|d, v| d.address = v), error: err("address") })) }
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled={busy} data-testid="dealer-save">
                    { if busy { i18n.t(T::Saving) } else if creating { i18n.m(M::Create) } else { i18n.t(T::Save) } }
                </button>
                { app_link(&yew::props!(AppLinkProps { to: Route::Dealers, classes: "btn btn-ghost", children: html! { <>{ i18n.t(T::Cancel) }</> } })) }
            </div>
        </form>
    };
    if !creating {
        return body;
    }
    // Creating: the form is the whole page.
    html! {
        <div class="page narrow" data-testid="dealer-create-page">
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::Dealers, classes: "back-link", children: html! { <>{ i18n.mf(M::BackTo, &[i18n.m(M::DealersTitle)]) }</> } })) }
                    <h1>{ i18n.m(M::CreateDealerTitle) }</h1>
                </div>
            </header>
            { body }
        </div>
    }
}
