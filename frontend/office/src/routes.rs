//! Which page each office address shows. The engineer's and the customer's
//! addresses are handed to their bundles.

use furrow_web_core::bundle::hand_over;
use furrow_web_core::components::Layout;
use furrow_web_core::nav::Area;
use furrow_web_core::pages;
use furrow_web_core::pages::account::ChangePasswordPage;
use furrow_web_core::pages::dashboard::Dashboard;
use furrow_web_core::pages::login::Login;
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
        Route::Dashboard => signed_in(Area::Dashboard, html! { <Dashboard /> }),
        Route::ChangePassword => html! {
            <Layout area={Area::Dashboard} highlight=false><ChangePasswordPage /></Layout>
        },
        Route::Users => signed_in(Area::Users, html! { <UserListPage /> }),
        Route::NewUser => signed_in(Area::Users, html! { <CreateUserPage /> }),
        Route::UserDetail { id } => signed_in(
            Area::Users,
            html! { { user_detail_page(&yew::props!(UserDetailProps { id })) } },
        ),
        // The service workflow: intake, dispatch, review.
        Route::ServiceRequests
        | Route::NewServiceRequest
        | Route::ServiceRequestDetail { .. }
        | Route::Dispatch
        | Route::ReportReview
        | Route::ReportReviewDetail { .. } => pages::service::render(route),
        // The engineer's phone and the customer's tablet have their own bundles.
        Route::MyWork | Route::WorkOrderDetail { .. } | Route::SignOff { .. } => hand_over(),
        // Master data and archives: customers, machines, models, dealers, engineers, import.
        Route::Customers
        | Route::NewCustomer
        | Route::CustomerDetail { .. }
        | Route::EditCustomer { .. }
        | Route::Machines
        | Route::NewMachine
        | Route::MachineDetail { .. }
        | Route::EditMachine { .. }
        | Route::ProductModels
        | Route::NewProductModel
        | Route::ProductModelDetail { .. }
        | Route::Dealers
        | Route::NewDealer
        | Route::DealerDetail { .. }
        | Route::Engineers
        | Route::EngineerDetail { .. }
        | Route::Import => pages::master::render(route),
        Route::Settings => signed_in(Area::Settings, html! { <SettingsPage /> }),
        Route::SlaSettings => signed_in(Area::Settings, html! { <SlaSettingsPage /> }),
        Route::CalendarSettings => signed_in(Area::Settings, html! { <CalendarSettingsPage /> }),
        Route::DispatchSettings => signed_in(Area::Settings, html! { <DispatchSettingsPage /> }),
        Route::NetworkSettings => signed_in(Area::Settings, html! { <NetworkSettingsPage /> }),
        Route::NotFound => html! { <NotFound /> },
    }
}
