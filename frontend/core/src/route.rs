//! Every page's address. One enum for the three bundles, so a page links to
//! any other page wherever it is served; `Route::bundle` says which bundle
//! serves it (crates/api/src/spa.rs sends the same paths to the same bundle).

use yew_router::prelude::*;

/// Every page's address. Work areas that are not built yet have none: their
/// address answers "not found" until their pages land.
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
    #[at("/users")]
    Users,
    #[at("/users/new")]
    NewUser,
    #[at("/users/:id")]
    UserDetail { id: String },
    #[at("/settings")]
    Settings,
    #[at("/settings/sla")]
    SlaSettings,
    #[at("/settings/calendar")]
    CalendarSettings,
    #[at("/settings/dispatch")]
    DispatchSettings,
    #[at("/settings/service_network")]
    NetworkSettings,
    #[not_found]
    #[at("/404")]
    NotFound,
}

/// The three web apps built over this crate, each downloaded only by the people
/// who need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// Everything the office does; the default for any address.
    Office,
    /// The field engineer's phone: "my work", the work order, the report.
    Field,
    /// The customer's sign-off page, opened from a one-time link.
    Sign,
}

impl Route {
    /// The bundle that shows this page. The sign-in and password pages and
    /// "not found" are in every bundle that has a signed-in user, so they stay
    /// where the user is.
    pub fn bundle(&self) -> Option<Bundle> {
        match self {
            Route::MyWork | Route::WorkOrderDetail { .. } => Some(Bundle::Field),
            Route::SignOff { .. } => Some(Bundle::Sign),
            Route::Login | Route::ChangePassword | Route::NotFound => None,
            _ => Some(Bundle::Office),
        }
    }
}
