//! Which page each field address shows; any other address (the dashboard, a
//! request of the office) is handed to the bundle that serves it.

use furrow_web_core::bundle::hand_over;
use furrow_web_core::components::Layout;
use furrow_web_core::nav::Area;
use furrow_web_core::pages::account::ChangePasswordPage;
use furrow_web_core::pages::login::Login;
use furrow_web_core::pages::not_found::NotFound;
use furrow_web_core::pages::service::{MyWorkPage, WorkOrderPageProps, work_order_page};
use furrow_web_core::route::Route;
use yew::prelude::*;

pub fn switch(route: Route) -> Html {
    match route {
        Route::Login => html! { <Login /> },
        Route::ChangePassword => html! {
            <Layout area={Area::MyWork} highlight=false><ChangePasswordPage /></Layout>
        },
        Route::MyWork => html! { <Layout area={Area::MyWork}><MyWorkPage /></Layout> },
        Route::WorkOrderDetail { id } => html! {
            <Layout area={Area::MyWork}>
                { work_order_page(&yew::props!(WorkOrderPageProps { id })) }
            </Layout>
        },
        Route::NotFound => html! { <NotFound /> },
        _ => hand_over(),
    }
}
