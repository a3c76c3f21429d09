//! Every page's address. One enum for every bundle, so a page links to
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
    #[at("/follow-ups")]
    FollowUps,
    #[at("/follow-ups/:id")]
    FollowUpDetail { id: String },
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
    #[at("/parts")]
    Parts,
    #[at("/parts/new")]
    NewPart,
    #[at("/parts/:id")]
    PartDetail { id: String },
    #[at("/stock")]
    Stock,
    /// Printable labels of the parts a catalog or stock list selects.
    #[at("/stock/labels")]
    Labels,
    #[at("/warehouses")]
    Warehouses,
    /// Stock-takes (盘点): the list, opening one, and its count sheet.
    #[at("/stocktakes")]
    Stocktakes,
    #[at("/stocktakes/new")]
    NewStocktake,
    #[at("/stocktakes/:id")]
    StocktakeDetail { id: String },
    /// The purchasing board (采购): purchase requests by status.
    #[at("/purchasing")]
    Purchasing,
    #[at("/purchasing/new")]
    NewPurchase,
    /// The reorder suggestions (补货建议).
    #[at("/purchasing/suggestions")]
    ReorderSuggestions,
    #[at("/purchasing/:id")]
    PurchaseDetail { id: String },
    /// The parts requisition queue (领用单).
    #[at("/requisitions")]
    Requisitions,
    /// One requisition with its issue, returns and exchanges.
    #[at("/requisitions/:id")]
    RequisitionDetail { id: String },
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
    /// The month's KPIs, `?month=YYYY-MM` (last month when absent).
    #[at("/kpis")]
    Kpis,
    /// The records behind one figure: `?month=&kpi=&subject=&part=`, as
    /// `GET /kpis/records` takes them.
    #[at("/kpis/records")]
    KpiRecords,
    /// The inventory analysis (库存分析), `?warehouse_id=&category=`. Its own
    /// first segment: the server picks a bundle by it, and `/parts/...` is
    /// the warehouse bundle's.
    #[at("/inventory-analysis")]
    InventoryAnalysis,
    #[at("/integrations/webhooks")]
    Webhooks,
    #[at("/integrations/webhooks/:id")]
    WebhookDetail { id: String },
    #[at("/integrations/api-clients")]
    ApiClients,
    #[at("/integrations/api-clients/:id")]
    ApiClientDetail { id: String },
    #[not_found]
    #[at("/404")]
    NotFound,
}

/// The web apps built over this crate, each downloaded only by the people who
/// need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// Everything the office does; the default for any address.
    Office,
    /// The field engineer's phone: "my work", the work order, the report.
    Field,
    /// The customer's sign-off page, opened from a one-time link.
    Sign,
    /// What those who run the system open now and then: users, settings, the
    /// spreadsheet import. Kept out of the office app, which everyone in the
    /// office downloads.
    Admin,
    /// The archives (售后服务档案): customers, machines, product models,
    /// dealers and engineer profiles, opened from the desk's requests.
    Archive,
    /// The parts warehouse (配件管理): the catalog, stock and warehouses, for
    /// the parts clerks and purchasing.
    Warehouse,
    /// The quality assessment (售后服务质量考核): the follow-up calls (客户回访)
    /// and the monthly KPIs they feed with the records behind them, for the
    /// desk, supervisors, managers and engineers; and the inventory analysis
    /// (库存分析), the parts department's figures, kept out of the warehouse
    /// bundle, which is at its size budget.
    Quality,
    /// The integrations (系统对接): API clients now, webhook subscriptions
    /// and their deliveries next, for the administrators who connect the
    /// dealers' and the ERP's systems. Kept out of the admin app, which
    /// everyone who runs the system downloads.
    Integrations,
}

impl Route {
    /// The bundle that shows this page. The sign-in and password pages and
    /// "not found" are in every bundle that has a signed-in user, so they stay
    /// where the user is.
    pub fn bundle(&self) -> Option<Bundle> {
        match self {
            Route::MyWork | Route::WorkOrderDetail { .. } => Some(Bundle::Field),
            Route::SignOff { .. } => Some(Bundle::Sign),
            Route::Users
            | Route::NewUser
            | Route::UserDetail { .. }
            | Route::Settings
            | Route::SlaSettings
            | Route::CalendarSettings
            | Route::DispatchSettings
            | Route::NetworkSettings
            | Route::Import => Some(Bundle::Admin),
            Route::ApiClients
            | Route::ApiClientDetail { .. }
            | Route::Webhooks
            | Route::WebhookDetail { .. } => Some(Bundle::Integrations),
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
            | Route::EngineerDetail { .. } => Some(Bundle::Archive),
            Route::Parts
            | Route::NewPart
            | Route::PartDetail { .. }
            | Route::Stock
            | Route::Labels
            | Route::Warehouses
            | Route::Stocktakes
            | Route::NewStocktake
            | Route::StocktakeDetail { .. } => Some(Bundle::Warehouse),
            Route::Purchasing
            | Route::NewPurchase
            | Route::ReorderSuggestions
            | Route::PurchaseDetail { .. } => Some(Bundle::Warehouse),
            Route::Requisitions | Route::RequisitionDetail { .. } => Some(Bundle::Warehouse),
            Route::Kpis
            | Route::KpiRecords
            | Route::FollowUps
            | Route::FollowUpDetail { .. }
            | Route::InventoryAnalysis => Some(Bundle::Quality),
            Route::Login | Route::ChangePassword | Route::NotFound => None,
            _ => Some(Bundle::Office),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle_of(path: &str) -> Option<Bundle> {
        Route::recognize(path).expect(path).bundle()
    }

    #[test]
    fn users_settings_and_the_import_are_served_by_the_admin_bundle() {
        for path in [
            "/users",
            "/users/new",
            "/users/7f0c9a52-1111-4c4c-8d8d-0123456789ab",
            "/settings",
            "/settings/sla",
            "/settings/calendar",
            "/settings/dispatch",
            "/settings/service_network",
            "/imports",
        ] {
            assert_eq!(bundle_of(path), Some(Bundle::Admin), "{path}");
        }
        for path in [
            "/integrations/api-clients",
            "/integrations/api-clients/7f0c9a52-1111-4c4c-8d8d-0123456789ab",
            "/integrations/webhooks",
            "/integrations/webhooks/7f0c9a52-1111-4c4c-8d8d-0123456789ab",
        ] {
            assert_eq!(bundle_of(path), Some(Bundle::Integrations), "{path}");
        }
        assert_eq!(bundle_of("/"), Some(Bundle::Office));
        assert_eq!(bundle_of("/customers"), Some(Bundle::Archive));
        assert_eq!(bundle_of("/machines/1/edit"), Some(Bundle::Archive));
        assert_eq!(bundle_of("/parts/1"), Some(Bundle::Warehouse));
        assert_eq!(bundle_of("/stock"), Some(Bundle::Warehouse));
        assert_eq!(bundle_of("/stock/labels"), Some(Bundle::Warehouse));
        assert_eq!(bundle_of("/stocktakes"), Some(Bundle::Warehouse));
        assert_eq!(bundle_of("/stocktakes/new"), Some(Bundle::Warehouse));
        assert_eq!(bundle_of("/stocktakes/1"), Some(Bundle::Warehouse));
        assert_eq!(bundle_of("/purchasing"), Some(Bundle::Warehouse));
        assert_eq!(bundle_of("/purchasing/new"), Some(Bundle::Warehouse));
        assert_eq!(
            Route::recognize("/purchasing/suggestions"),
            Some(Route::ReorderSuggestions)
        );
        assert_eq!(bundle_of("/purchasing/1"), Some(Bundle::Warehouse));
        assert_eq!(bundle_of("/requisitions"), Some(Bundle::Warehouse));
        assert_eq!(bundle_of("/requisitions/1"), Some(Bundle::Warehouse));
        assert_eq!(bundle_of("/kpis"), Some(Bundle::Quality));
        assert_eq!(bundle_of("/kpis/records"), Some(Bundle::Quality));
        assert_eq!(bundle_of("/inventory-analysis"), Some(Bundle::Quality));
        assert_eq!(bundle_of("/service-requests/1"), Some(Bundle::Office));
        assert_eq!(bundle_of("/my-work/1"), Some(Bundle::Field));
        assert_eq!(bundle_of("/sign/abc"), Some(Bundle::Sign));
        assert_eq!(bundle_of("/login"), None);
    }

    /// The server picks a bundle's page by the address's first segment
    /// (crates/api/src/spa.rs): every address of a bundle other than the
    /// office's must start with one of that bundle's segments, and no office
    /// address with one of them.
    #[test]
    fn every_address_starts_with_a_segment_of_its_own_bundle() {
        let segments = |bundle: Option<Bundle>| -> &'static [&'static str] {
            match bundle {
                Some(Bundle::Field) => &["my-work"],
                Some(Bundle::Sign) => &["sign"],
                Some(Bundle::Admin) => &["users", "settings", "imports"],
                Some(Bundle::Archive) => &[
                    "customers",
                    "machines",
                    "product-models",
                    "dealers",
                    "engineers",
                ],
                Some(Bundle::Warehouse) => &[
                    "parts",
                    "stock",
                    "warehouses",
                    "stocktakes",
                    "purchasing",
                    "requisitions",
                ],
                Some(Bundle::Quality) => &["kpis", "follow-ups", "inventory-analysis"],
                Some(Bundle::Integrations) => &["integrations"],
                Some(Bundle::Office) | None => &[],
            }
        };
        let others = [
            "my-work",
            "sign",
            "users",
            "settings",
            "imports",
            "customers",
            "machines",
            "product-models",
            "dealers",
            "engineers",
            "parts",
            "purchasing",
            "stock",
            "warehouses",
            "stocktakes",
            "requisitions",
            "kpis",
            "follow-ups",
            "inventory-analysis",
            "integrations",
        ];
        for pattern in Route::routes() {
            let path = pattern.replace(":id", "1").replace(":token", "t");
            let bundle = bundle_of(&path);
            let first = path.trim_start_matches('/').split('/').next().unwrap();
            match segments(bundle) {
                [] => assert!(!others.contains(&first), "{path} is sent to another bundle"),
                own => assert!(own.contains(&first), "{path} is not sent to {bundle:?}"),
            }
        }
    }
}
