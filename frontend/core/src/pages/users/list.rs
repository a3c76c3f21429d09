//! The users table: search, status filter, keyset pages, and deactivate or
//! activate with a confirmation. The filters live in the URL, so Back and a
//! shared link show the same list.

use super::fields::{active_badge, dealer_label, role_badges, user_active_dialog};
use crate::components::data_table::{Column, Listed, Table, link_cell, listed_table, next_cursor};
use crate::components::list_toolbar::{Filter, use_list_toolbar};
use crate::components::{AppLinkProps, NoticeKind, NoticeProps, app_link, notice};
use crate::hooks::{
    ListQuery, Remote, use_api_reload, use_dealers, use_i18n, use_list_query, use_paging,
    use_session,
};
use crate::i18n::T;
use crate::route::Route;
use crate::services::requests::Listing;
use crate::services::users;
use crate::time::local_minutes;
use furrow_domain::users::{UserFilters, UserView};
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
    let (data, retry) = use_api_reload((query.clone(), cursor.clone()), |(q, cursor)| async move {
        let filters = UserFilters {
            q: q.get("q").map(str::to_owned),
            active: active(&q),
        };
        let listing = Listing {
            limit: Some(PAGE_SIZE),
            cursor,
            ..Listing::default()
        };
        users::list(&filters, &listing).await
    });
    let dealers = use_dealers();
    let filters = [
        Filter::search(
            i18n.t(T::UsersSearchLabel),
            i18n.t(T::UsersSearchPlaceholder),
        ),
        Filter::choose(
            "status",
            i18n.t(T::StatusFilter),
            i18n.t(T::StatusAll),
            vec![
                ("active", i18n.t(T::StatusActive).into()),
                ("inactive", i18n.t(T::StatusInactive).into()),
            ],
        ),
    ];
    let toolbar = use_list_toolbar("users", &filters, &query);
    let flash = use_state(|| None::<String>);
    let target = use_state(|| None::<UserView>);

    let ask = {
        let (target, flash) = (target.clone(), flash.clone());
        Callback::from(move |u: UserView| {
            flash.set(None);
            target.set(Some(u));
        })
    };
    let on_done = {
        let (target, flash, data) = (target.clone(), flash.clone(), data.clone());
        Callback::from(move |(updated, text): (UserView, String)| {
            flash.set(Some(text));
            if let Remote::Ready(page) = &*data {
                let mut page = page.clone();
                for row in page.items.iter_mut().filter(|r| r.id == updated.id) {
                    *row = updated.clone();
                }
                data.set(Remote::Ready(page));
            }
            target.set(None);
        })
    };
    let on_cancel = {
        let target = target.clone();
        Callback::from(move |_| target.set(None))
    };
    // Show the current version behind the dialog.
    let on_stale = retry.clone();

    let me = session.user().map(|u| u.id);
    type Col = Column<UserView>;
    let columns = vec![
        Col::new(i18n.t(T::ColUsername), |_, u| {
            link_cell(Route::UserDetail { id: u.id.to_string() }, &u.username)
        })
        .class("mono"),
        Col::new(i18n.t(T::ColDisplayName), |_, u| html! { &u.display_name }),
        Col::new(i18n.t(T::ColRoles), |i18n, u| role_badges(i18n, &u.roles)),
        Col::new(i18n.t(T::ColDepartment), |_, u| {
            html! { u.department.clone().unwrap_or_default() }
        }),
        Col::new(i18n.t(T::ColDealer), move |_, u| {
            html! { dealer_label(&dealers, u.dealer_id) }
        }),
        Col::new(i18n.t(T::ColStatus), |i18n, u| active_badge(i18n, u.active, None)),
        Col::new(i18n.t(T::ColUpdated), |_, u| html! { local_minutes(&u.updated_at) })
            .class("nowrap"),
        Col::new("", move |i18n, u| {
            let toggle = {
                let (ask, u) = (ask.clone(), u.clone());
                Callback::from(move |_: MouseEvent| ask.emit(u.clone()))
            };
            let (class, label, testid) = if u.active {
                ("btn btn-small btn-danger-ghost", T::Deactivate, "deactivate")
            } else {
                ("btn btn-small", T::Activate, "activate")
            };
            html! {
                <>
                    { app_link(&yew::props!(AppLinkProps { to: Route::UserDetail { id: u.id.to_string() }, classes: "btn btn-small", children: html! { <>{ i18n.t(T::Edit) }</> } })) }
                    <button type="button" {class} onclick={toggle} disabled={u.active && me == Some(u.id)}
                            data-testid={format!("{testid}-{}", u.username)}>
                        { i18n.t(label) }
                    </button>
                </>
            }
        })
        .class("actions"),
    ];
    let table = Table {
        testid: "users-table",
        row_testid: |u: &UserView| format!("user-row-{}", u.username),
        empty: i18n.t(T::NoUsers).into(),
        empty_testid: "users-empty",
        columns,
        key: |u| u.id.to_string(),
        row_class: |u| (!u.active).then_some("row-muted"),
    };
    let listed = Listed {
        query: &query,
        row_code: None,
        empty_filtered: Some(i18n.t(T::NoUsersMatch).into()),
    };
    html! {
        <div class="page" data-testid="users-page">
            <header class="page-header">
                <h1>{ i18n.t(T::UsersTitle) }</h1>
                { app_link(&yew::props!(AppLinkProps { to: Route::NewUser, classes: "btn btn-primary", testid: "users-new", children: html! { <>{ i18n.t(T::NewUser) }</> } })) }
            </header>
            { toolbar }
            if let Some(text) = (*flash).clone() {
                { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: text, testid: "users-flash" })) }
            }
            { listed_table(&i18n, &data, &table, Some(&retry), Some(&listed)) }
            { paging.pager(&i18n, next_cursor(&data), None, matches!(*data, Remote::Loading)) }
            if let Some(user) = (*target).clone() {
                { user_active_dialog(&i18n, &user, &on_done, (on_cancel, on_stale)) }
            }
        </div>
    }
}
