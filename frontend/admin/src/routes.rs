//! Which page each administration address shows; any other address (the
//! dashboard, the master lists) is handed to the bundle that serves it.

use furrow_web_core::bundle::hand_over;
use furrow_web_core::components::Layout;
use furrow_web_core::nav::Area;
use furrow_web_core::pages::account::ChangePasswordPage;
use furrow_web_core::pages::login::Login;
use furrow_web_core::pages::master::ImportPage;
use furrow_web_core::pages::not_found::NotFound;
use furrow_web_core::pages::settings::{
    CalendarSettingsPage, DispatchSettingsPage, NetworkSettingsPage, SettingsPage, SlaSettingsPage,
};
use furrow_web_core::pages::users::{
    CreateUserPage, UserDetailProps, UserListPage, user_detail_page,
};
use furrow_web_core::route::Route;
use yew::prelude::*;

fn signed_in(area: Area, page: Html) -> Html {
    html! { <Layout {area}>{ page }</Layout> }
}

pub fn switch(route: Route) -> Html {
    match route {
        Route::Login => html! { <Login /> },
        Route::ChangePassword => html! {
            <Layout area={Area::Dashboard} highlight=false><ChangePasswordPage /></Layout>
        },
        Route::Users => signed_in(Area::Users, html! { <UserListPage /> }),
        Route::NewUser => signed_in(Area::Users, html! { <CreateUserPage /> }),
        Route::UserDetail { id } => signed_in(
            Area::Users,
            html! { { user_detail_page(&yew::props!(UserDetailProps { id })) } },
        ),
        Route::Import => signed_in(Area::Import, html! { <ImportPage /> }),
        Route::Settings => signed_in(Area::Settings, html! { <SettingsPage /> }),
        Route::SlaSettings => signed_in(Area::Settings, html! { <SlaSettingsPage /> }),
        Route::CalendarSettings => signed_in(Area::Settings, html! { <CalendarSettingsPage /> }),
        Route::DispatchSettings => signed_in(Area::Settings, html! { <DispatchSettingsPage /> }),
        Route::NetworkSettings => signed_in(Area::Settings, html! { <NetworkSettingsPage /> }),
        Route::NotFound => html! { <NotFound /> },
        _ => hand_over(),
    }
}
