//! The routes, the context providers and which page each route shows.

use crate::components::Layout;
use crate::hooks::{LangProvider, SessionProvider};
use crate::nav::Area;
use crate::pages::account::ChangePasswordPage;
use crate::pages::coming_soon::ComingSoon;
use crate::pages::dashboard::Dashboard;
use crate::pages::login::Login;
use crate::pages::not_found::NotFound;
use crate::pages::users::{CreateUserPage, UserDetailPage, UserListPage};
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
    #[at("/follow-ups")]
    FollowUps,
    #[at("/customers")]
    Customers,
    #[at("/machines")]
    Machines,
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
        Route::UserDetail { id } => signed_in(Area::Users, html! { <UserDetailPage {id} /> }),
        Route::ServiceRequests => coming_soon(Area::ServiceRequests),
        Route::Dispatch => coming_soon(Area::Dispatch),
        Route::MyWork => coming_soon(Area::MyWork),
        Route::ReportReview => coming_soon(Area::ReportReview),
        Route::FollowUps => coming_soon(Area::FollowUps),
        Route::Customers => coming_soon(Area::Customers),
        Route::Machines => coming_soon(Area::Machines),
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
