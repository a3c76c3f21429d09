//! The users table: search, status filter, keyset pages, and deactivate or
//! activate with a confirmation. The filters live in the URL, so Back and a
//! shared link show the same list.

use super::fields::{dealer_label, role_badges};
use crate::components::{
    AppLinkProps, ConfirmDialog, ErrorBannerProps, NoticeKind, NoticeProps, Tone, app_link, badge,
    error_banner, loading, notice,
};
use crate::hooks::{ListQuery, Remote, use_api, use_i18n, use_list_query, use_paging, use_session};
use crate::i18n::T;
use crate::route::Route;
use crate::services::dealers;
use crate::services::requests::ApiError;
use crate::services::users::{self, UserFilter};
use crate::time::local_minutes;
use furrow_domain::users::UserView;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Rows per page.
const PAGE_SIZE: u64 = 50;

/// `status=active|inactive` in the URL, as the API's `active`.
fn active(query: &ListQuery) -> Option<bool> {
    match query.get("status") {
        Some("active") => Some(true),
        Some("inactive") => Some(false),
        _ => None,
    }
}

#[function_component(UserListPage)]
pub fn user_list_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_list_query(Route::Users);
    let paging = use_paging(&query);
    let cursor = paging.cursor();
    let reload = use_state(|| 0u32);

    let data = use_api(
        (query.clone(), cursor.clone(), *reload),
        |(q, cursor, _)| async move {
            users::list(&UserFilter {
                q: q.get("q").map(str::to_owned),
                active: active(&q),
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

    let url_q = query.get("q").unwrap_or_default().to_owned();
    let search_text = use_state(|| url_q.clone());
    {
        // Back/forward changes the URL: show its search in the box.
        let search_text = search_text.clone();
        use_effect_with(url_q, move |q| search_text.set(q.clone()));
    }

    let flash = use_state(|| None::<String>);
    let target = use_state(|| None::<UserView>);
    let busy = use_state(|| false);
    let action_error = use_state(|| None::<ApiError>);

    let onsubmit = {
        let (query, search_text) = (query.clone(), search_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            query.set(&[("q", Some((*search_text).clone()))]);
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
    let on_status = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                query.set(&[("status", Some(s.value()))]);
            }
        })
    };
    let on_clear = {
        let query = query.clone();
        Callback::from(move |_: MouseEvent| query.clear())
    };
    let next_cursor = match &*data {
        Remote::Ready(p) => p.next_cursor.clone(),
        _ => None,
    };
    let retry = {
        let reload = reload.clone();
        Callback::from(move |_| reload.set(*reload + 1))
    };

    let ask = {
        let target = target.clone();
        let action_error = action_error.clone();
        let flash = flash.clone();
        Callback::from(move |u: UserView| {
            action_error.set(None);
            flash.set(None);
            target.set(Some(u));
        })
    };
    let cancel = {
        let target = target.clone();
        Callback::from(move |_| target.set(None))
    };
    let confirm = {
        let (target, busy, action_error, flash, data, reload) = (
            target.clone(),
            busy.clone(),
            action_error.clone(),
            flash.clone(),
            data.clone(),
            reload.clone(),
        );
        let i18n = i18n.clone();
        Callback::from(move |_| {
            let Some(user) = (*target).clone() else {
                return;
            };
            busy.set(true);
            let (target, busy, action_error, flash, data, reload, i18n) = (
                target.clone(),
                busy.clone(),
                action_error.clone(),
                flash.clone(),
                data.clone(),
                reload.clone(),
                i18n.clone(),
            );
            spawn_local(async move {
                let result = users::set_active(user.id, user.version, !user.active).await;
                busy.set(false);
                match result {
                    Ok(updated) => {
                        let key = if updated.active {
                            T::UserActivated
                        } else {
                            T::UserDeactivated
                        };
                        flash.set(Some(i18n.f(key, &[&updated.display_name])));
                        if let Remote::Ready(page) = &*data {
                            let mut page = page.clone();
                            for row in page.items.iter_mut().filter(|r| r.id == updated.id) {
                                *row = updated.clone();
                            }
                            data.set(Remote::Ready(page));
                        }
                        target.set(None);
                    }
                    Err(e) => {
                        if e.status() == 412 {
                            // Show the current version behind the dialog.
                            reload.set(*reload + 1);
                        }
                        action_error.set(Some(e));
                    }
                }
            });
        })
    };

    let me = session.user().map(|u| u.id);
    let table = match &*data {
        Remote::Loading => html! { { loading(&i18n) } },
        Remote::Failed(e) => {
            html! { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e.clone(), on_retry: retry })) } }
        }
        Remote::Ready(page) if page.items.is_empty() => html! {
            <div class="empty-state" data-testid="users-empty">
                { i18n.t(if query.is_filtered() { T::NoUsersMatch } else { T::NoUsers }) }
            </div>
        },
        Remote::Ready(page) => {
            let rows = page.items.iter().map(|u| {
                let status = if u.active {
                    html! { { badge(Tone::Success, i18n.t(T::StatusActive), None) } }
                } else {
                    html! { { badge(Tone::Neutral, i18n.t(T::StatusInactive), None) } }
                };
                let toggle = {
                    let ask = ask.clone();
                    let u = u.clone();
                    Callback::from(move |_: MouseEvent| ask.emit(u.clone()))
                };
                let is_me = me == Some(u.id);
                html! {
                    <tr key={u.id.to_string()} data-testid={format!("user-row-{}", u.username)}
                        class={classes!((!u.active).then_some("row-muted"))}>
                        <td class="mono">
                            { app_link(&yew::props!(AppLinkProps { to: Route::UserDetail { id: u.id.to_string() }, children: html! { <>{ &u.username }</> } })) }
                        </td>
                        <td>{ &u.display_name }</td>
                        <td>{ role_badges(&i18n, &u.roles) }</td>
                        <td>{ u.department.clone().unwrap_or_default() }</td>
                        <td>{ dealer_label(&dealers, u.dealer_id) }</td>
                        <td>{ status }</td>
                        <td class="nowrap">{ local_minutes(&u.updated_at) }</td>
                        <td class="actions">
                            { app_link(&yew::props!(AppLinkProps { to: Route::UserDetail { id: u.id.to_string() }, classes: "btn btn-small", children: html! { <>
                                { i18n.t(T::Edit) }
                            </> } })) }
                            if u.active {
                                <button type="button" class="btn btn-small btn-danger-ghost" onclick={toggle}
                                        disabled={is_me} data-testid={format!("deactivate-{}", u.username)}>
                                    { i18n.t(T::Deactivate) }
                                </button>
                            } else {
                                <button type="button" class="btn btn-small" onclick={toggle}
                                        data-testid={format!("activate-{}", u.username)}>
                                    { i18n.t(T::Activate) }
                                </button>
                            }
                        </td>
                    </tr>
                }
            });
            html! {
                <div class="table-wrap">
                    <table class="table" data-testid="users-table">
                        <caption class="sr-only">{ i18n.t(T::UsersTitle) }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ i18n.t(T::ColUsername) }</th>
                                <th scope="col">{ i18n.t(T::ColDisplayName) }</th>
                                <th scope="col">{ i18n.t(T::ColRoles) }</th>
                                <th scope="col">{ i18n.t(T::ColDepartment) }</th>
                                <th scope="col">{ i18n.t(T::ColDealer) }</th>
                                <th scope="col">{ i18n.t(T::ColStatus) }</th>
                                <th scope="col">{ i18n.t(T::ColUpdated) }</th>
                                <th scope="col"><span class="sr-only">{ i18n.t(T::ColActions) }</span></th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
        }
    };

    let dialog = (*target).clone().map(|u| {
        let (title, body, label) = if u.active {
            (T::ConfirmDeactivateTitle, T::ConfirmDeactivateBody, T::Deactivate)
        } else {
            (T::ConfirmActivateTitle, T::ConfirmActivateBody, T::Activate)
        };
        html! {
            <ConfirmDialog title={i18n.t(title)} body={i18n.f(body, &[&u.display_name, &u.username])}
                           confirm_label={i18n.t(label)} danger={u.active} busy={*busy}
                           on_confirm={confirm.clone()} on_cancel={cancel.clone()}>
                if let Some(e) = (*action_error).clone() { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e })) } }
            </ConfirmDialog>
        }
    });

    let status_value = query.get("status").unwrap_or_default().to_owned();
    html! {
        <div class="page" data-testid="users-page">
            <header class="page-header">
                <h1>{ i18n.t(T::UsersTitle) }</h1>
                { app_link(&yew::props!(AppLinkProps { to: Route::NewUser, classes: "btn btn-primary", testid: "users-new", children: html! { <>{ i18n.t(T::NewUser) }</> } })) }
            </header>
            <form class="toolbar" role="search" {onsubmit}>
                <label class="sr-only" for="users-q">{ i18n.t(T::UsersSearchLabel) }</label>
                <input id="users-q" type="search" data-testid="users-q" value={(*search_text).clone()}
                       placeholder={i18n.t(T::UsersSearchPlaceholder)} oninput={on_search_input} />
                <button type="submit" class="btn" data-testid="users-search">{ i18n.t(T::Search) }</button>
                <label for="users-status">{ i18n.t(T::StatusFilter) }</label>
                <select id="users-status" data-testid="users-status" onchange={on_status}>
                    <option value="" selected={status_value.is_empty()}>{ i18n.t(T::StatusAll) }</option>
                    <option value="active" selected={status_value == "active"}>{ i18n.t(T::StatusActive) }</option>
                    <option value="inactive" selected={status_value == "inactive"}>{ i18n.t(T::StatusInactive) }</option>
                </select>
                if query.is_filtered() {
                    <button type="button" class="btn btn-ghost" onclick={on_clear} data-testid="users-clear">
                        { i18n.t(T::Clear) }
                    </button>
                }
            </form>
            if let Some(text) = (*flash).clone() {
                { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: text, testid: "users-flash" })) }
            }
            { table }
            { paging.pager(&i18n, next_cursor, matches!(*data, Remote::Loading)) }
            { for dialog }
        </div>
    }
}
