//! Which page each address of the service desk's app shows. The engineer's,
//! the customer's, the archives', the warehouse's, the quality assessment's
//! (with the follow-up calls) and the administration's addresses are handed
//! to their bundles.

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
        | Route::ReportReviewDetail { .. } => pages::service::render(route),
        Route::NotFound => html! { <NotFound /> },
        // The engineer's phone, the customer's tablet, the archives, the
        // warehouse, the quality assessment and the administration have their
        // own bundles (`Route::bundle`).
        _ => hand_over(),
    }
}
