//! The dashboard (工作台): who you are, your roles, and what they let you do,
//! as links into the app. It shows no figures until real ones exist.

use crate::components::{AppLinkProps, Tone, app_link, badge};
use crate::hooks::{use_i18n, use_session};
use crate::i18n::T;
use crate::nav::Area;
use yew::prelude::*;

#[function_component(Dashboard)]
pub fn dashboard() -> Html {
    let session = use_session();
    let i18n = use_i18n();
    let Some(user) = session.user() else {
        return Html::default();
    };
    let perms = &user.permissions;

    let roles = if user.roles.is_empty() {
        html! { <p class="muted">{ i18n.t(T::NoRoles) }</p> }
    } else {
        html! {
            <ul class="chip-list" data-testid="dashboard-roles">
                { for user.roles.iter().map(|r| html! {
                    <li>{ badge(Tone::Info, i18n.role(*r), Some(format!("role-{}", r.as_str()))) }</li>
                }) }
            </ul>
        }
    };

    let cards = Area::ALL
        .into_iter()
        .filter(|a| *a != Area::Dashboard && a.is_open_to(perms))
        .map(|a| {
            let status = if a.is_built() {
                html! { { badge(Tone::Success, i18n.t(T::Available), None) } }
            } else {
                html! { { badge(Tone::Neutral, i18n.t(T::ComingSoon), None) } }
            };
            html! {
                <li class="area-card" key={a.slug()}>
                    { app_link(&yew::props!(AppLinkProps { to: a.route(), classes: "area-card-link", testid: format!("quick-{}", a.slug()), children: html! { <>
                        <span class="area-card-title">{ i18n.t(a.label()) }</span>
                        { status }
                    </> } })) }
                    if let Some(about) = a.about() {
                        <p class="area-card-about">{ i18n.t(about) }</p>
                    }
                </li>
            }
        });

    let permissions = perms.iter().map(|p| {
        let name = i18n.permission(*p);
        let link = Area::of_permission(*p).filter(|a| a.is_open_to(perms));
        html! {
            <li key={format!("{p:?}")}>
                if let Some(area) = link {
                    { app_link(&yew::props!(AppLinkProps { to: area.route(), testid: format!("perm-{}", serde_json::to_string(p).unwrap_or_default().trim_matches('"')), children: html! { <>
                        { name }
                    </> } })) }
                    <span class="muted">{ format!(" · {}", i18n.t(area.label())) }</span>
                } else {
                    <span>{ name }</span>
                }
            </li>
        }
    });

    let subtitle = [Some(user.username.as_str()), user.department.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");

    html! {
        <div class="page dashboard" data-testid="dashboard">
            <header class="page-header">
                <div>
                    <h1 data-testid="dashboard-greeting">{ i18n.f(T::Greeting, &[&user.display_name]) }</h1>
                    <p class="muted">{ subtitle }</p>
                </div>
            </header>
            <section class="panel" aria-labelledby="roles-h">
                <h2 id="roles-h">{ i18n.t(T::YourRoles) }</h2>
                { roles }
            </section>
            <section class="panel" aria-labelledby="work-h">
                <h2 id="work-h">{ i18n.t(T::YourWork) }</h2>
                <p class="muted">{ i18n.t(T::DashboardIntro) }</p>
                <ul class="area-grid" data-testid="dashboard-areas">{ for cards }</ul>
            </section>
            <section class="panel" aria-labelledby="perms-h">
                <h2 id="perms-h">{ i18n.t(T::YourPermissions) }</h2>
                <ul class="perm-list" data-testid="dashboard-permissions">{ for permissions }</ul>
            </section>
        </div>
    }
}
