//! Settings (系统设置): the documents the server keeps (`GET /settings`), each
//! with its version and when it was saved, and a page to edit each one.

mod calendar;
mod dispatch;
mod division_picker;
mod frame;
mod network;
mod sla;

pub use calendar::CalendarSettingsPage;
pub use dispatch::DispatchSettingsPage;
pub use network::NetworkSettingsPage;
pub use sla::SlaSettingsPage;

use crate::components::remote::remote;
use crate::components::{AppLinkProps, app_link};
use crate::hooks::{use_api_reload, use_i18n, use_session};
use crate::i18n::T;
use crate::i18n::home::H;
use crate::route::Route;
use crate::services::settings as api;
use crate::time::local_minutes;
use furrow_domain::Permission;
use yew::prelude::*;

/// The page and labels of a setting the app can edit, by its key.
fn known(key: &str) -> Option<(Route, H, H)> {
    match key {
        "sla" => Some((Route::SlaSettings, H::SettingSla, H::AboutSettingSla)),
        "calendar" => Some((
            Route::CalendarSettings,
            H::SettingCalendar,
            H::AboutSettingCalendar,
        )),
        "dispatch" => Some((
            Route::DispatchSettings,
            H::SettingDispatch,
            H::AboutSettingDispatch,
        )),
        "service_network" => Some((
            Route::NetworkSettings,
            H::SettingNetwork,
            H::AboutSettingNetwork,
        )),
        _ => None,
    }
}

#[function_component(SettingsPage)]
pub fn settings_page() -> Html {
    let i18n = use_i18n();
    let (list, on_retry) = use_api_reload((), |_| api::list());
    // API clients are records, not a settings document; the page is listed
    // here for those the permission table lets register them.
    let clients = use_session()
        .user()
        .is_some_and(|u| u.permissions.contains(&Permission::ManageApiClients));
    let body = remote(&i18n, &list, Some(&on_retry), |items| {
        {
            // A document this app has no page for yet is not listed.
            let rows = items.iter().filter_map(|s| {
                let (route, name, about) = known(&s.key)?;
                let state = match s.updated_at {
                    Some(at) => format!(
                        "{} · {}",
                        i18n.hf(H::VersionN, &[&s.version.to_string()]),
                        i18n.hf(H::SavedAt, &[&local_minutes(&at)])
                    ),
                    None => i18n.h(H::NeverSaved).to_owned(),
                };
                Some(html! {
                    <li key={s.key.clone()} class="setting-item" data-testid={format!("setting-{}", s.key)}>
                        <div>
                            <h2 class="setting-name">{ i18n.h(name) }</h2>
                            <p class="muted">{ i18n.h(about) }</p>
                            <p class="muted small" data-testid={format!("setting-{}-state", s.key)}>{ state }</p>
                        </div>
                        { app_link(&yew::props!(AppLinkProps { to: route, classes: "btn", testid: format!("setting-{}-edit", s.key), children: html! { <>{ i18n.h(H::Edit) }</> } })) }
                    </li>
                })
            });
            html! {
                <ul class="setting-list">
                    { for rows }
                    if clients {
                        <li class="setting-item" data-testid="setting-api-clients">
                            <div>
                                <h2 class="setting-name">{ i18n.t(T::ApiClientsTitle) }</h2>
                                <p class="muted">{ i18n.t(T::AboutApiClients) }</p>
                            </div>
                            { app_link(&yew::props!(AppLinkProps { to: Route::ApiClients, classes: "btn", testid: "setting-api-clients-open", children: html! { <>{ i18n.t(T::Open) }</> } })) }
                        </li>
                    }
                </ul>
            }
        }
    });
    html! {
        <div class="page narrow" data-testid="settings-page">
            <header class="page-header">
                <div>
                    <h1>{ i18n.h(H::SettingsTitle) }</h1>
                    <p class="muted">{ i18n.h(H::SettingsIntro) }</p>
                </div>
            </header>
            <section class="panel">{ body }</section>
        </div>
    }
}
