//! The routes, the context providers and which page each route shows.

use crate::components::Layout;
use crate::hooks::{LangProvider, SessionProvider};
use crate::nav::Area;
use crate::pages::account::ChangePasswordPage;
use crate::pages::coming_soon::ComingSoon;
use crate::pages::dashboard::Dashboard;
use crate::pages::login::Login;
use crate::pages::not_found::NotFound;
use crate::pages::users::{CreateUserPage, UserDetailProps, UserListPage, user_detail_page};
use yew::prelude::*;
use yew_router::prelude::*;

/// Every page's address. Work areas that are not built yet keep their final
/// address and show a coming-soon page.
#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    #[at("/")]
    Dashboard,
    #[at("/login")]
    Login,
    #[at("/account/password")]
    ChangePassword,
    #[at("/service-requests")]
    ServiceRequests,
    #[at("/dispatch")]
    Dispatch,
    #[at("/my-work")]
    MyWork,
    #[at("/report-review")]
    ReportReview,
    #[at("/service-requests/new")]
    NewServiceRequest,
    #[at("/service-requests/:id")]
    ServiceRequestDetail { id: String },
    #[at("/my-work/:id")]
    WorkOrderDetail { id: String },
    #[at("/report-review/:id")]
    ReportReviewDetail { id: String },
    /// The customer's sign-off page: no sign-in, no navigation.
    #[at("/sign/:token")]
    SignOff { token: String },
    #[at("/follow-ups")]
    FollowUps,
    #[at("/customers")]
    Customers,
    #[at("/customers/new")]
    NewCustomer,
    #[at("/customers/:id")]
    CustomerDetail { id: String },
    #[at("/customers/:id/edit")]
    EditCustomer { id: String },
    #[at("/machines")]
    Machines,
    #[at("/machines/new")]
    NewMachine,
    #[at("/machines/:id")]
    MachineDetail { id: String },
    #[at("/machines/:id/edit")]
    EditMachine { id: String },
    #[at("/product-models")]
    ProductModels,
    #[at("/product-models/new")]
    NewProductModel,
    #[at("/product-models/:id")]
    ProductModelDetail { id: String },
    #[at("/dealers")]
    Dealers,
    #[at("/dealers/new")]
    NewDealer,
    #[at("/dealers/:id")]
    DealerDetail { id: String },
    #[at("/engineers")]
    Engineers,
    #[at("/engineers/:id")]
    EngineerDetail { id: String },
    #[at("/imports")]
    Import,
    #[at("/parts")]
    Parts,
    #[at("/purchasing")]
    Purchasing,
    #[at("/expenses")]
    Expenses,
    #[at("/budgets")]
    Budgets,
    #[at("/quality")]
    Quality,
    #[at("/training")]
    Training,
    #[at("/users")]
    Users,
    #[at("/users/new")]
    NewUser,
    #[at("/users/:id")]
    UserDetail { id: String },
    #[at("/settings")]
    Settings,
    #[not_found]
    #[at("/404")]
    NotFound,
}

fn signed_in(area: Area, page: Html) -> Html {
    html! { <Layout {area}>{ page }</Layout> }
}

fn coming_soon(area: Area) -> Html {
    signed_in(area, html! { <ComingSoon {area} /> })
}

fn switch(route: Route) -> Html {
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
        // The service workflow: intake, dispatch, work orders, review, sign-off.
        Route::ServiceRequests
        | Route::NewServiceRequest
        | Route::ServiceRequestDetail { .. }
        | Route::Dispatch
        | Route::MyWork
        | Route::WorkOrderDetail { .. }
        | Route::ReportReview
        | Route::ReportReviewDetail { .. }
        | Route::SignOff { .. } => crate::pages::service::render(route),
        Route::FollowUps => coming_soon(Area::FollowUps),
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
        | Route::Import => crate::pages::master::render(route),
        Route::Parts => coming_soon(Area::Parts),
        Route::Purchasing => coming_soon(Area::Purchasing),
        Route::Expenses => coming_soon(Area::Expenses),
        Route::Budgets => coming_soon(Area::Budgets),
        Route::Quality => coming_soon(Area::Quality),
        Route::Training => coming_soon(Area::Training),
        Route::Settings => coming_soon(Area::Settings),
        Route::NotFound => html! { <NotFound /> },
    }
}

/// The root: language, session, router.
#[function_component(App)]
pub fn app() -> Html {
    html! {
        <LangProvider>
            <SessionProvider>
                <BrowserRouter>
                    <Switch<Route> render={switch} />
                </BrowserRouter>
            </SessionProvider>
        </LangProvider>
    }
}
