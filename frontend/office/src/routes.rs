//! Which page each address of the service desk's app shows. The engineer's,
//! the customer's, the archives', the warehouse's and the administration's
//! addresses are handed to their bundles.

use furrow_web_core::bundle::hand_over;
use furrow_web_core::components::Layout;
use furrow_web_core::nav::Area;
use furrow_web_core::pages;
use furrow_web_core::pages::account::ChangePasswordPage;
use furrow_web_core::pages::dashboard::Dashboard;
use furrow_web_core::pages::login::Login;
use furrow_web_core::pages::not_found::NotFound;
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
        // The service workflow: intake, dispatch, review.
        Route::ServiceRequests
        | Route::NewServiceRequest
        | Route::ServiceRequestDetail { .. }
        | Route::Dispatch
        | Route::ReportReview
        | Route::ReportReviewDetail { .. }
        | Route::FollowUps
        | Route::FollowUpDetail { .. } => pages::service::render(route),
        // The engineer's phone, the customer's tablet and the administration
        // (users, settings, import) have their own bundles.
        Route::MyWork
        | Route::WorkOrderDetail { .. }
        | Route::SignOff { .. }
        | Route::Users
        | Route::NewUser
        | Route::UserDetail { .. }
        | Route::Import
        | Route::Settings
        | Route::SlaSettings
        | Route::CalendarSettings
        | Route::DispatchSettings
        | Route::NetworkSettings
        | Route::ApiClients
        | Route::ApiClientDetail { .. } => hand_over(),
        // The archives and the parts warehouse have their own bundles too.
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
        | Route::Parts
        | Route::NewPart
        | Route::PartDetail { .. }
        | Route::Stock
        | Route::Warehouses => hand_over(),
        Route::NotFound => html! { <NotFound /> },
    }
}
