//! Service engineers (售后服务工程师): skills by machine category as badges,
//! home base and availability; their profile is edited with `If-Match`.

use super::common::{
    PAGE_SIZE, field_error, non_empty, other_errors, parse_number, save_failure, use_apply,
    use_can, use_paging, use_url_query,
};
use crate::app::Route;
use crate::components::form::{FieldErrors, TextFieldProps, focus_first_invalid, text_field};
use crate::components::{
    AppLinkProps, BadgeProps, ErrorBannerProps, NoticeKind, NoticeProps, Tone, app_link, badge,
    error_banner, loading, notice,
};
use crate::hooks::{Remote, use_api, use_i18n};
use crate::i18n::T;
use crate::i18n::master::{M, machine_category};
use crate::pages::not_found::NotFoundBody;
use crate::services::engineers::{self, EngineerFilter};
use crate::services::requests::ApiError;
use crate::time::local_minutes;
use furrow_domain::Permission;
use furrow_domain::master::{EngineerProfileInput, EngineerView, MachineCategory};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct ListQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    skill: Option<String>,
    /// `available` or `unavailable`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<String>,
}

fn skill_badges(i18n: &crate::hooks::I18n, skills: &[MachineCategory]) -> Html {
    if skills.is_empty() {
        return html! { <span class="muted">{ i18n.m(M::NoSkills) }</span> };
    }
    html! {
        <span class="chip-row" data-testid="engineer-skills">
            { for skills.iter().map(|s| html! { { badge(&yew::props!(BadgeProps { tone: Tone::Info, label: i18n.m(machine_category(*s)) })) } }) }
        </span>
    }
}

fn availability(i18n: &crate::hooks::I18n, active: bool) -> Html {
    if active {
        html! { { badge(&yew::props!(BadgeProps { tone: Tone::Success, label: i18n.m(M::Dispatchable) })) } }
    } else {
        html! { { badge(&yew::props!(BadgeProps { tone: Tone::Neutral, label: i18n.m(M::NotDispatchable) })) } }
    }
}

#[function_component(EngineerListPage)]
pub fn engineer_list_page() -> Html {
    let i18n = use_i18n();
    let can_manage = use_can(Permission::ManageCatalog);
    let query: ListQuery = use_url_query();
    let apply = use_apply::<ListQuery>(Route::Engineers);
    let paging = use_paging(&query);
    let reload = use_state(|| 0u32);
    let data = use_api(
        (query.clone(), paging.cursor(), *reload),
        |(q, cursor, _)| async move {
            engineers::list(&EngineerFilter {
                q: q.q.clone(),
                skill: q.skill.as_deref().and_then(MachineCategory::parse),
                active: match q.status.as_deref() {
                    Some("available") => Some(true),
                    Some("unavailable") => Some(false),
                    _ => None,
                },
                limit: Some(PAGE_SIZE),
                cursor,
            })
            .await
        },
    );
    let search_text = use_state(|| query.q.clone().unwrap_or_default());
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
            html! { <div class="empty-state">{ i18n.m(M::NoEngineers) }</div> }
        }
        Remote::Ready(p) => html! {
            <div class="table-wrap">
                <table class="table" data-testid="engineers-table">
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.m(M::EngineerName) }</th>
                            <th scope="col">{ i18n.t(T::Username) }</th>
                            <th scope="col">{ i18n.m(M::SkillsShort) }</th>
                            <th scope="col">{ i18n.m(M::HomeBase) }</th>
                            <th scope="col">{ i18n.m(M::Phone) }</th>
                            <th scope="col">{ i18n.m(M::Status) }</th>
                            if can_manage { <th scope="col"><span class="sr-only">{ i18n.t(T::ColActions) }</span></th> }
                        </tr>
                    </thead>
                    <tbody>
                        { for p.items.iter().map(|e| html! {
                            <tr key={e.user_id.to_string()} data-testid="engineer-row" class={classes!((!e.active).then_some("row-muted"))}>
                                <td>{ &e.display_name }</td>
                                <td class="mono">{ &e.username }</td>
                                <td>{ skill_badges(&i18n, &e.skills) }</td>
                                <td>{ e.home_base.clone().unwrap_or_default() }</td>
                                <td class="mono">{ e.phone.clone().unwrap_or_default() }</td>
                                <td>{ availability(&i18n, e.active) }</td>
                                if can_manage {
                                    <td class="actions">
                                        { app_link(&yew::props!(AppLinkProps { to: Route::EngineerDetail { id: e.user_id.to_string() }, classes: "btn btn-small", children: html! { <>
                                            { i18n.t(T::Edit) }
                                        </> } })) }
                                    </td>
                                }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        },
    };
    let skill = query.skill.clone().unwrap_or_default();
    let status = query.status.clone().unwrap_or_default();
    html! {
        <div class="page" data-testid="engineers-page">
            <header class="page-header"><h1>{ i18n.m(M::EngineersTitle) }</h1></header>
            <form class="toolbar" role="search" {onsubmit}>
                <label class="sr-only" for="engineers-q">{ i18n.t(T::Search) }</label>
                <input id="engineers-q" type="search" value={(*search_text).clone()} oninput={on_search_input}
                       placeholder={i18n.m(M::EngineerSearchPlaceholder)} />
                <button type="submit" class="btn">{ i18n.t(T::Search) }</button>
                <label for="engineers-skill">{ i18n.m(M::SkillsShort) }</label>
                <select id="engineers-skill" onchange={select(|q, v| q.skill = v)}>
                    <option value="" selected={skill.is_empty()}>{ i18n.m(M::All) }</option>
                    { for MachineCategory::ALL.iter().map(|c| html! {
                        <option value={c.as_str()} selected={skill == c.as_str()}>{ i18n.m(machine_category(*c)) }</option>
                    }) }
                </select>
                <label for="engineers-status">{ i18n.m(M::Status) }</label>
                <select id="engineers-status" onchange={select(|q, v| q.status = v)}>
                    <option value="" selected={status.is_empty()}>{ i18n.m(M::All) }</option>
                    <option value="available" selected={status == "available"}>{ i18n.m(M::Dispatchable) }</option>
                    <option value="unavailable" selected={status == "unavailable"}>{ i18n.m(M::NotDispatchable) }</option>
                </select>
            </form>
            { table }
            { paging.pager(&i18n, next_cursor, matches!(*data, Remote::Loading)) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub id: Uuid,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    skills: Vec<MachineCategory>,
    home_base: String,
    lat: String,
    lon: String,
    phone: String,
    active: bool,
}

impl Draft {
    fn of(e: &EngineerView) -> Self {
        Draft {
            skills: e.skills.clone(),
            home_base: e.home_base.clone().unwrap_or_default(),
            lat: e.lat.map(|v| v.to_string()).unwrap_or_default(),
            lon: e.lon.map(|v| v.to_string()).unwrap_or_default(),
            phone: e.phone.clone().unwrap_or_default(),
            active: e.active,
        }
    }
}

#[function_component(EngineerDetail)]
pub fn engineer_detail(props: &DetailProps) -> Html {
    let DetailProps { id } = props;
    let i18n = use_i18n();
    let can_manage = use_can(Permission::ManageCatalog);
    let reload = use_state(|| 0u32);
    let engineer = use_api((*id, *reload), |(id, _)| engineers::get(id));
    let draft = use_state(Draft::default);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let saved = use_state(|| false);
    let busy = use_state(|| false);
    let attempts = use_state(|| 0u32);
    use_effect_with(*attempts, |_| focus_first_invalid());
    {
        let (draft, errors) = (draft.clone(), errors.clone());
        use_effect_with((*engineer).clone(), move |e| {
            if let Remote::Ready(e) = e {
                draft.set(Draft::of(e));
                errors.set(FieldErrors::default());
            }
        });
    }
    let on_reload = {
        let (reload, failure) = (reload.clone(), failure.clone());
        Callback::from(move |_: ()| {
            failure.set(None);
            reload.set(*reload + 1);
        })
    };
    let e = match &*engineer {
        Remote::Loading => return html! { <div class="page">{ loading(&i18n) }</div> },
        Remote::Failed(e) if e.status() == 404 => return html! { <NotFoundBody /> },
        Remote::Failed(e) => {
            return html! { <div class="page">{ error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e.clone(), on_retry: on_reload })) }</div> };
        }
        Remote::Ready(e) => e.clone(),
    };
    let edit = |f: fn(&mut Draft, String)| {
        let (draft, saved) = (draft.clone(), saved.clone());
        Callback::from(move |v: String| {
            let mut d = (*draft).clone();
            f(&mut d, v);
            draft.set(d);
            saved.set(false);
        })
    };
    let toggle_skill = |c: MachineCategory| {
        let (draft, saved) = (draft.clone(), saved.clone());
        Callback::from(move |ev: Event| {
            let on = ev
                .target_dyn_into::<HtmlInputElement>()
                .is_some_and(|i| i.checked());
            let mut d = (*draft).clone();
            d.skills = crate::order::subset(MachineCategory::ALL, |s| {
                if s == c { on } else { d.skills.contains(&s) }
            });
            draft.set(d);
            saved.set(false);
        })
    };
    let on_active = {
        let (draft, saved) = (draft.clone(), saved.clone());
        Callback::from(move |ev: Event| {
            let mut d = (*draft).clone();
            d.active = ev
                .target_dyn_into::<HtmlInputElement>()
                .is_some_and(|i| i.checked());
            draft.set(d);
            saved.set(false);
        })
    };
    let onsubmit = {
        let (draft, errors, failure, saved, busy, attempts, engineer) = (
            draft.clone(),
            errors.clone(),
            failure.clone(),
            saved.clone(),
            busy.clone(),
            attempts.clone(),
            engineer.clone(),
        );
        let (user_id, version) = (e.user_id, e.version);
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            if *busy {
                return;
            }
            failure.set(None);
            saved.set(false);
            let mut errs = Vec::new();
            let lat = parse_number::<f64>(&draft.lat, "lat", &mut errs);
            let lon = parse_number::<f64>(&draft.lon, "lon", &mut errs);
            let input = EngineerProfileInput {
                skills: draft.skills.clone(),
                home_base: non_empty(&draft.home_base),
                lat,
                lon,
                phone: non_empty(&draft.phone),
                active: draft.active,
            };
            if let Err(v) = input.validate() {
                errs.extend(v.0);
            }
            if !errs.is_empty() {
                errors.set(FieldErrors(errs));
                attempts.set(*attempts + 1);
                return;
            }
            errors.set(FieldErrors::default());
            busy.set(true);
            let (errors, failure, saved, busy, attempts, engineer) = (
                errors.clone(),
                failure.clone(),
                saved.clone(),
                busy.clone(),
                attempts.clone(),
                engineer.clone(),
            );
            spawn_local(async move {
                let result = engineers::put_profile(user_id, version, &input).await;
                busy.set(false);
                match result {
                    Ok(e) => {
                        saved.set(true);
                        engineer.set(Remote::Ready(e));
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
    let err = |f: &str| field_error(&i18n, &errors, f);
    let boxes = MachineCategory::ALL.iter().map(|c| {
        let id = format!("skill-{}", c.as_str());
        html! {
            <label class="check" for={id.clone()} key={c.as_str()}>
                <input type="checkbox" id={id.clone()} data-testid={id} checked={draft.skills.contains(c)}
                       onchange={toggle_skill(*c)} disabled={!can_manage} />
                <span class="check-label">{ i18n.m(machine_category(*c)) }</span>
            </label>
        }
    });
    html! {
        <div class="page narrow" data-testid="engineer-detail-page">
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::Engineers, classes: "back-link", children: html! { <>{ i18n.mf(M::BackTo, &[i18n.m(M::EngineersTitle)]) }</> } })) }
                    <h1>{ i18n.mf(M::EditEngineerTitle, &[&e.display_name]) }</h1>
                    <p class="muted">
                        <span class="mono">{ &e.username }</span>{ " · " }{ availability(&i18n, e.active) }
                        { format!(" · {} {} · {}", i18n.t(T::Version), e.version, local_minutes(&e.updated_at)) }
                    </p>
                </div>
            </header>
            <form class="panel form" {onsubmit} novalidate=true data-testid="engineer-form">
                { save_failure(&i18n, &failure, &on_reload) }
                { other_errors(&i18n, &errors, &["home_base", "lat", "lon", "phone"]) }
                if *saved { { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.t(T::Saved), testid: "engineer-saved" })) } }
                <fieldset class="field">
                    <legend>{ i18n.m(M::Skills) }</legend>
                    <div class="check-grid">{ for boxes }</div>
                </fieldset>
                <div class="form-grid">
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "engineer-home_base", label: i18n.m(M::HomeBase), optional: true, value: draft.home_base.clone(), oninput: edit(|d, v| d.home_base = v), hint: i18n.m(M::HomeBaseHint), error: err("home_base"), disabled: !can_manage })) }
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "engineer-phone", label: i18n.m(M::Phone), optional: true, kind: "tel", value: draft.phone.clone(), oninput: edit(|d, v| d.phone = v), error: err("phone"), disabled: !can_manage })) }
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "engineer-lat", label: i18n.m(M::Lat), optional: true, value: draft.lat.clone(), oninput: edit(|d, v| d.lat = v), error: err("lat"), hint: i18n.m(M::CoordsHint), disabled: !can_manage })) }
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "engineer-lon", label: i18n.m(M::Lon), optional: true, value: draft.lon.clone(), oninput: edit(|d, v| d.lon = v), error: err("lon"), disabled: !can_manage })) }
                </div>
                <label class="check" for="engineer-active">
                    <input type="checkbox" id="engineer-active" data-testid="engineer-active" checked={draft.active}
                           onchange={on_active} disabled={!can_manage} />
                    <span class="check-label">{ i18n.m(M::DispatchableLabel) }</span>
                </label>
                if can_manage {
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled={*busy} data-testid="engineer-save">
                            { if *busy { i18n.t(T::Saving) } else { i18n.t(T::Save) } }
                        </button>
                        { app_link(&yew::props!(AppLinkProps { to: Route::Engineers, classes: "btn btn-ghost", children: html! { <>{ i18n.t(T::Cancel) }</> } })) }
                    </div>
                }
            </form>
        </div>
    }
}
