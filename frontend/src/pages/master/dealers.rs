//! Dealers (经销商): the list, and creating and editing one (manage_catalog).
//! A dealer user sees only its own dealer.

use super::common::{
    ActiveToggle, ToggleRun, active_badge, field_error, non_empty, other_errors, save_failure,
    use_can, use_paging,
};
use crate::app::Route;
use crate::components::form::{FieldErrors, TextFieldProps, focus_first_invalid, text_field};
use crate::components::{
    AppLinkProps, ErrorBannerProps, NoticeKind, NoticeProps, app_link, error_banner, loading,
    notice,
};
use crate::hooks::{Remote, use_api, use_i18n};
use crate::i18n::T;
use crate::i18n::master::M;
use crate::pages::not_found::NotFoundBody;
use crate::services::dealers;
use crate::services::requests::ApiError;
use furrow_domain::Permission;
use furrow_domain::dealers::{DealerInput, DealerView};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
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
    let paging = use_paging(&());
    let reload = use_state(|| 0u32);
    let data = use_api((paging.cursor(), *reload), |(cursor, _)| async move {
        dealers::list(cursor.as_deref()).await
    });
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
        Remote::Ready(p) if p.items.is_empty() => {
            html! { <div class="empty-state">{ i18n.m(M::NoDealers) }</div> }
        }
        Remote::Ready(p) => html! {
            <div class="table-wrap">
                <table class="table" data-testid="dealers-table">
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.m(M::DealerCode) }</th>
                            <th scope="col">{ i18n.m(M::DealerName) }</th>
                            <th scope="col">{ i18n.m(M::SalesRegion) }</th>
                            <th scope="col">{ i18n.m(M::ContactName) }</th>
                            <th scope="col">{ i18n.m(M::ContactPhone) }</th>
                            <th scope="col">{ i18n.m(M::Status) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for p.items.iter().map(|d| html! {
                            <tr key={d.id.to_string()} data-testid="dealer-row" class={classes!((!d.active).then_some("row-muted"))}>
                                <td class="mono">{ app_link(&yew::props!(AppLinkProps { to: Route::DealerDetail { id: d.id.to_string() }, children: html! { <>{ &d.code }</> } })) }</td>
                                <td>{ &d.name }</td>
                                <td>{ &d.region }</td>
                                <td>{ d.contact_name.clone().unwrap_or_default() }</td>
                                <td class="mono">{ d.contact_phone.clone().unwrap_or_default() }</td>
                                <td>{ active_badge(&i18n, d.active) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        },
    };
    html! {
        <div class="page" data-testid="dealers-page">
            <header class="page-header">
                <h1>{ i18n.m(M::DealersTitle) }</h1>
                if can_manage {
                    { app_link(&yew::props!(AppLinkProps { to: Route::NewDealer, classes: "btn btn-primary", testid: "dealers-new", children: html! { <>{ i18n.m(M::NewDealer) }</> } })) }
                }
            </header>
            { table }
            { paging.pager(&i18n, next_cursor, matches!(*data, Remote::Loading)) }
        </div>
    }
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
    let d = match &*dealer {
        Remote::Loading => return html! { <div class="page">{ loading(&i18n) }</div> },
        Remote::Failed(e) if e.status() == 404 => return html! { <NotFoundBody /> },
        Remote::Failed(e) => {
            return html! { <div class="page">{ error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e.clone(), on_retry: on_reload })) }</div> };
        }
        Remote::Ready(d) => d.clone(),
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
    let draft = use_state(|| dealer.as_ref().map(Draft::of).unwrap_or_default());
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let saved = use_state(|| false);
    let busy = use_state(|| false);
    let attempts = use_state(|| 0u32);
    use_effect_with(*attempts, |_| focus_first_invalid());
    {
        let (draft, errors) = (draft.clone(), errors.clone());
        use_effect_with(dealer.clone(), move |d| {
            if let Some(d) = d {
                draft.set(Draft::of(d));
                errors.set(FieldErrors::default());
            }
        });
    }
    let edit = |f: fn(&mut Draft, String)| {
        let (draft, saved) = (draft.clone(), saved.clone());
        Callback::from(move |v: String| {
            let mut d = (*draft).clone();
            f(&mut d, v);
            draft.set(d);
            saved.set(false);
        })
    };
    let onsubmit = {
        let (draft, errors, failure, saved, busy, attempts) = (
            draft.clone(),
            errors.clone(),
            failure.clone(),
            saved.clone(),
            busy.clone(),
            attempts.clone(),
        );
        let (dealer, on_saved) = (dealer.clone(), on_saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            failure.set(None);
            saved.set(false);
            let input = draft.input();
            if let Err(v) = input.validate() {
                errors.set(v.into());
                attempts.set(*attempts + 1);
                return;
            }
            errors.set(FieldErrors::default());
            busy.set(true);
            let (errors, failure, saved, busy, attempts, navigator, on_saved) = (
                errors.clone(),
                failure.clone(),
                saved.clone(),
                busy.clone(),
                attempts.clone(),
                navigator.clone(),
                on_saved.clone(),
            );
            let target = dealer.as_ref().map(|d| (d.id, d.version));
            spawn_local(async move {
                let result = match target {
                    Some((id, version)) => dealers::update(id, version, &input).await,
                    None => dealers::create(&input).await,
                };
                busy.set(false);
                match result {
                    Ok(d) if target.is_some() => {
                        saved.set(true);
                        on_saved.emit(d);
                    }
                    Ok(d) => {
                        if let Some(n) = navigator {
                            let _ = n.push_with_query(
                                &Route::DealerDetail {
                                    id: d.id.to_string(),
                                },
                                Flags { created: Some(1) },
                            );
                        }
                    }
                    Err(e) => {
                        let fe = FieldErrors::from(&e);
                        if e.status() == 422 && !fe.is_empty() {
                            errors.set(fe);
                            attempts.set(*attempts + 1);
                        }
                        failure.set(Some(e));
                    }
                }
            });
        })
    };
    let reload = {
        let (failure, on_reload) = (failure.clone(), on_reload.clone());
        Callback::from(move |_: ()| {
            failure.set(None);
            on_reload.emit(());
        })
    };
    let err = |f: &str| field_error(&i18n, &errors, f);
    let creating = dealer.is_none();
    let form = html! {
        <form class="panel form" {onsubmit} novalidate=true data-testid="dealer-form">
            { save_failure(&i18n, &failure, &reload) }
            { other_errors(&i18n, &errors, &["code", "name", "region", "contact_name", "contact_phone", "address"]) }
            if *saved { { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.t(T::Saved), testid: "dealer-saved" })) } }
            <div class="form-grid">
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "dealer-code", label: i18n.m(M::DealerCode), required: true, value: draft.code.clone(), oninput: edit(|d, v| d.code = v), error: err("code"), maxlength: 32, autocomplete: "off" })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "dealer-name", label: i18n.m(M::DealerName), required: true, value: draft.name.clone(), oninput: edit(|d, v| d.name = v), error: err("name"), maxlength: 200, autocomplete: "off" })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "dealer-region", label: i18n.m(M::SalesRegion), required: true, value: draft.region.clone(), oninput: edit(|d, v| d.region = v), error: err("region"), hint: i18n.m(M::SalesRegionHint) })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "dealer-contact_name", label: i18n.m(M::ContactName), optional: true, value: draft.contact_name.clone(), oninput: edit(|d, v| d.contact_name = v), error: err("contact_name") })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "dealer-contact_phone", label: i18n.m(M::ContactPhone), optional: true, kind: "tel", value: draft.contact_phone.clone(), oninput: edit(|d, v| d.contact_phone = v), error: err("contact_phone") })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "dealer-address", label: i18n.m(M::Address), optional: true, value: draft.address.clone(), oninput: edit(|d, v| d.address = v), error: err("address") })) }
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled={*busy} data-testid="dealer-save">
                    { if *busy { i18n.t(T::Saving) } else if creating { i18n.m(M::Create) } else { i18n.t(T::Save) } }
                </button>
                { app_link(&yew::props!(AppLinkProps { to: Route::Dealers, classes: "btn btn-ghost", children: html! { <>{ i18n.t(T::Cancel) }</> } })) }
            </div>
        </form>
    };
    if !creating {
        return form;
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
            { form }
        </div>
    }
}
