//! Service engineers (售后服务工程师): skills by machine category as badges,
//! home base and availability; their profile is edited with `If-Match`.

use super::common::{non_empty, parse_number, use_can};
use super::list::{Filter, ListSpec, same_param, use_master_list};
use crate::components::data_table::{Column, Table};
use crate::components::form::{FieldErrors, TextFieldProps, text_field};
use crate::components::record::ready;
use crate::components::{AppLinkProps, Tone, app_link, badge};
use crate::hooks::{Remote, use_api, use_form, use_i18n};
use crate::i18n::T;
use crate::i18n::master::{M, machine_category};
use crate::route::Route;
use crate::services::engineers;
use crate::time::local_minutes;
use furrow_domain::Permission;
use furrow_domain::master::{EngineerProfileInput, EngineerView, MachineCategory};
use uuid::Uuid;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// `status=available|unavailable` in the URL is the API's `active`.
fn engineer_param(key: &str, value: &str) -> Option<(&'static str, String)> {
    match (key, value) {
        ("status", "available") => Some(("active", "true".into())),
        ("status", "unavailable") => Some(("active", "false".into())),
        ("status", _) => None,
        _ => same_param(key, value),
    }
}

fn skill_badges(i18n: &crate::hooks::I18n, skills: &[MachineCategory]) -> Html {
    if skills.is_empty() {
        return html! { <span class="muted">{ i18n.m(M::NoSkills) }</span> };
    }
    html! {
        <span class="chip-row" data-testid="engineer-skills">
            { for skills.iter().map(|s| html! { { badge(Tone::Info, i18n.m(machine_category(*s)), None) } }) }
        </span>
    }
}

fn availability(i18n: &crate::hooks::I18n, active: bool) -> Html {
    if active {
        html! { { badge(Tone::Success, i18n.m(M::Dispatchable), None) } }
    } else {
        html! { { badge(Tone::Neutral, i18n.m(M::NotDispatchable), None) } }
    }
}

#[function_component(EngineerListPage)]
pub fn engineer_list_page() -> Html {
    let i18n = use_i18n();
    let can_manage = use_can(Permission::ManageCatalog);
    type Col = Column<EngineerView>;
    let mut columns = vec![
        Col::new(i18n.m(M::EngineerName), |_, e| html! { &e.display_name }),
        Col::new(i18n.t(T::Username), |_, e| html! { &e.username }).class("mono"),
        Col::new(i18n.m(M::SkillsShort), |i18n, e| {
            skill_badges(i18n, &e.skills)
        }),
        Col::new(
            i18n.m(M::HomeBase),
            |_, e| html! { e.home_base.as_deref().unwrap_or_default() },
        ),
        Col::new(
            i18n.m(M::Phone),
            |_, e| html! { e.phone.as_deref().unwrap_or_default() },
        )
        .class("mono"),
        Col::new(i18n.m(M::Status), |i18n, e| availability(i18n, e.active)),
    ];
    if can_manage {
        columns.push(
            Col::new("", |i18n, e| {
                let to = Route::EngineerDetail {
                    id: e.user_id.to_string(),
                };
                let children = html! { <>{ i18n.t(T::Edit) }</> };
                app_link(&yew::props!(AppLinkProps {
                    to,
                    classes: "btn btn-small",
                    children
                }))
            })
            .class("actions"),
        );
    }
    let skills = MachineCategory::ALL
        .iter()
        .map(|c| (c.as_str(), i18n.m(machine_category(*c)).into()));
    use_master_list(ListSpec {
        route: Route::Engineers,
        api: "/engineers",
        name: "engineers",
        title: M::EngineersTitle,
        create: None,
        filters: vec![
            Filter::Text {
                key: "q",
                label: M::EngineerSearchPlaceholder,
                placeholder: M::EngineerSearchPlaceholder,
                suggest: &[],
                short: false,
            },
            Filter::Select {
                key: "skill",
                label: M::SkillsShort,
                choices: std::iter::once(("", i18n.m(M::All).into()))
                    .chain(skills)
                    .collect(),
            },
            Filter::Select {
                key: "status",
                label: M::Status,
                choices: vec![
                    ("", i18n.m(M::All).into()),
                    ("available", i18n.m(M::Dispatchable).into()),
                    ("unavailable", i18n.m(M::NotDispatchable).into()),
                ],
            },
        ],
        table: Table {
            testid: "engineers-table",
            row_testid: |_| "engineer-row".into(),
            empty: i18n.m(M::NoEngineers).into(),
            empty_testid: "engineers-empty",
            columns,
            key: |e| e.user_id.to_string(),
            row_class: |e| (!e.active).then_some("row-muted"),
        },
        row_code: Some(|e| e.username.clone()),
        empty_filtered: None,
        param: engineer_param,
    })
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
    let form = use_form(Draft::default);
    {
        let form = form.clone();
        use_effect_with((*engineer).clone(), move |e| {
            if let Remote::Ready(e) = e {
                form.reset(Draft::of(e));
            }
        });
    }
    let on_reload = {
        let reload = reload.clone();
        Callback::from(move |_: ()| reload.set(*reload + 1))
    };
    let e = match ready(&i18n, &engineer, &on_reload) {
        Ok(v) => v,
        Err(page) => return page,
    };
    let edit = |f: fn(&mut Draft, String)| form.edit(f);
    let checked = |ev: &Event| {
        ev.target_dyn_into::<HtmlInputElement>()
            .is_some_and(|i| i.checked())
    };
    let toggle_skill = |c: MachineCategory| {
        form.change(move |d: &mut Draft, ev: Event| {
            let on = checked(&ev);
            d.skills = crate::order::subset(MachineCategory::ALL, |s| {
                if s == c { on } else { d.skills.contains(&s) }
            });
        })
    };
    let on_active = form.change(move |d: &mut Draft, ev: Event| d.active = checked(&ev));
    let onsubmit = {
        let (form, engineer) = (form.clone(), engineer.clone());
        let (user_id, version) = (e.user_id, e.version);
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            let draft = &*form.draft;
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
                form.refuse(FieldErrors(errs));
                return;
            }
            let (saved, engineer) = (form.saved.clone(), engineer.clone());
            form.submit(
                async move { engineers::put_profile(user_id, version, &input).await },
                move |e| {
                    saved.set(true);
                    engineer.set(Remote::Ready(e));
                },
            );
        })
    };
    let err = |f: &str| form.err(&i18n, f);
    let draft = &*form.draft;
    let busy = *form.busy;
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
                { form.failure_banner(&i18n, &["home_base", "lat", "lon", "phone"], &on_reload, "save-error") }
                { form.saved_notice(&i18n, "engineer-saved") }
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
                        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="engineer-save">
                            { if busy { i18n.t(T::Saving) } else { i18n.t(T::Save) } }
                        </button>
                        { app_link(&yew::props!(AppLinkProps { to: Route::Engineers, classes: "btn btn-ghost", children: html! { <>{ i18n.t(T::Cancel) }</> } })) }
                    </div>
                }
            </form>
        </div>
    }
}
