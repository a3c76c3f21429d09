//! The work areas of the app: where each one lives, what it is called and
//! which permissions open it. The navigation and the route guards read this
//! table. Only built areas are listed: a capability gets its entry when its
//! pages land, so nothing is advertised that does not exist.

use crate::i18n::T;
use crate::i18n::master::M;
use crate::route::Route;
use furrow_domain::Permission;

/// A work area reachable from the left navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Dashboard,
    ServiceRequests,
    Dispatch,
    MyWork,
    ReportReview,
    FollowUps,
    Customers,
    Machines,
    ProductModels,
    Dealers,
    Engineers,
    Parts,
    Stock,
    Stocktakes,
    InventoryAnalysis,
    Purchasing,
    Requisitions,
    Kpis,
    Import,
    Users,
    Settings,
    Integrations,
}

impl Area {
    /// Every area, in navigation order.
    pub const ALL: [Area; 22] = [
        Area::Dashboard,
        Area::ServiceRequests,
        Area::Dispatch,
        Area::MyWork,
        Area::ReportReview,
        Area::FollowUps,
        Area::Customers,
        Area::Machines,
        Area::ProductModels,
        Area::Dealers,
        Area::Engineers,
        Area::Parts,
        Area::Stock,
        Area::Stocktakes,
        Area::InventoryAnalysis,
        Area::Purchasing,
        Area::Requisitions,
        Area::Kpis,
        Area::Import,
        Area::Users,
        Area::Settings,
        Area::Integrations,
    ];

    /// The area's page.
    pub fn route(self) -> Route {
        match self {
            Area::Dashboard => Route::Dashboard,
            Area::ServiceRequests => Route::ServiceRequests,
            Area::Dispatch => Route::Dispatch,
            Area::MyWork => Route::MyWork,
            Area::ReportReview => Route::ReportReview,
            Area::FollowUps => Route::FollowUps,
            Area::Customers => Route::Customers,
            Area::Machines => Route::Machines,
            Area::ProductModels => Route::ProductModels,
            Area::Dealers => Route::Dealers,
            Area::Engineers => Route::Engineers,
            Area::Parts => Route::Parts,
            Area::Stock => Route::Stock,
            Area::Stocktakes => Route::Stocktakes,
            Area::InventoryAnalysis => Route::InventoryAnalysis,
            Area::Purchasing => Route::Purchasing,
            Area::Requisitions => Route::Requisitions,
            Area::Kpis => Route::Kpis,
            Area::Import => Route::Import,
            Area::Users => Route::Users,
            Area::Settings => Route::Settings,
            Area::Integrations => Route::Webhooks,
        }
    }

    /// Stable name for `data-testid="nav-<slug>"`.
    pub fn slug(self) -> &'static str {
        match self {
            Area::Dashboard => "dashboard",
            Area::ServiceRequests => "service-requests",
            Area::Dispatch => "dispatch",
            Area::MyWork => "my-work",
            Area::ReportReview => "report-review",
            Area::FollowUps => "follow-ups",
            Area::Customers => "customers",
            Area::Machines => "machines",
            Area::ProductModels => "product-models",
            Area::Dealers => "dealers",
            Area::Engineers => "engineers",
            Area::Parts => "parts",
            Area::Stock => "stock",
            Area::Stocktakes => "stocktakes",
            Area::InventoryAnalysis => "inventory-analysis",
            Area::Purchasing => "purchasing",
            Area::Requisitions => "requisitions",
            Area::Kpis => "kpis",
            Area::Import => "import",
            Area::Users => "users",
            Area::Settings => "settings",
            Area::Integrations => "integrations",
        }
    }

    /// The area's name in the navigation.
    pub fn label(self) -> T {
        match self {
            Area::Dashboard => T::NavDashboard,
            Area::ServiceRequests => T::NavServiceRequests,
            Area::Dispatch => T::NavDispatch,
            Area::MyWork => T::NavMyWork,
            Area::ReportReview => T::NavReportReview,
            Area::FollowUps => T::NavFollowUps,
            Area::Customers => T::NavCustomers,
            Area::Machines => T::NavMachines,
            Area::ProductModels => T::Master(M::NavProductModels),
            Area::Dealers => T::Master(M::NavDealers),
            Area::Engineers => T::Master(M::NavEngineers),
            Area::Parts => T::Master(M::NavParts),
            Area::Stock => T::Master(M::NavStock),
            Area::Stocktakes => T::NavStocktakes,
            Area::InventoryAnalysis => T::NavInventory,
            Area::Purchasing => T::NavPurchasing,
            Area::Requisitions => T::NavRequisitions,
            Area::Kpis => T::NavKpis,
            Area::Import => T::Master(M::NavImport),
            Area::Users => T::NavUsers,
            Area::Settings => T::NavSettings,
            Area::Integrations => T::NavIntegrations,
        }
    }

    /// The permissions that open the area (any one of them); empty for all users.
    pub fn requires(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Area::Dashboard => &[],
            Area::ServiceRequests => &[ViewServiceRequests],
            Area::Dispatch => &[DispatchWork],
            Area::MyWork => &[WorkOwnOrders],
            Area::ReportReview => &[ReviewReports],
            Area::FollowUps => &[FollowUp],
            Area::Customers | Area::Machines | Area::ProductModels | Area::Dealers => {
                &[ViewMasterData]
            }
            // Dealers may not see the engineer roster (the API answers 403).
            Area::Engineers => &[ManageCatalog, DispatchWork, ViewKpis],
            Area::Parts | Area::Stock => &[ViewParts],
            Area::Stocktakes => &[ViewStocktakes],
            // The parts department and purchasing, who plan what to buy, and
            // those who assess the parts department (the stock-takes'
            // readers: supervisors, managers, administrators); every one of
            // them reads stock.
            Area::InventoryAnalysis => &[
                ManageParts,
                ViewPurchasing,
                ManagePurchasing,
                ViewStocktakes,
            ],
            // Purchasing and the parts clerks, who raise requests.
            Area::Purchasing => &[ViewPurchasing, ManagePurchasing],
            // The queue the parts clerks issue from.
            Area::Requisitions => &[ManageParts],
            // Those who read some KPI figures: every subject's, or (the
            // engineers) their own (the access table's `Kpi` scope).
            Area::Kpis => &[ReadOwnKpis],
            // Master data, and the parts catalog (the parts clerks).
            Area::Import => &[EditMasterData, ManageCatalog, ImportParts],
            Area::Users => &[ManageUsers],
            Area::Settings => &[ManageSettings],
            // The webhooks: administrators' and each dealer's own.
            Area::Integrations => &[ManageWebhooks],
        }
    }

    /// Whether a user with `permissions` may open the area.
    pub fn is_open_to(self, permissions: &[Permission]) -> bool {
        let req = self.requires();
        req.is_empty() || req.iter().any(|p| permissions.contains(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use furrow_domain::Role;
    use furrow_domain::roles::permissions_of;

    fn visible(roles: &[Role]) -> Vec<Area> {
        let perms = permissions_of(roles);
        Area::ALL
            .into_iter()
            .filter(|a| a.is_open_to(&perms))
            .collect()
    }

    #[test]
    fn supervisor_sees_dispatch_and_review_but_not_users() {
        let v = visible(&[Role::Supervisor]);
        assert!(v.contains(&Area::Dispatch));
        assert!(v.contains(&Area::ReportReview));
        assert!(!v.contains(&Area::Users));
    }

    #[test]
    fn finance_has_only_the_home_page_until_its_areas_are_built() {
        let v = visible(&[Role::Finance]);
        assert_eq!(v, vec![Area::Dashboard]);
    }

    #[test]
    fn the_kpis_are_open_to_exactly_the_roles_that_may_read_some_kpi() {
        use furrow_domain::access::{RecordKind, Scope, role_scope};
        for role in Role::ALL {
            let reads = role_scope(role, RecordKind::Kpi) != Scope::None;
            assert_eq!(visible(&[role]).contains(&Area::Kpis), reads, "{role:?}");
        }
    }

    #[test]
    fn stocktakes_are_open_to_the_roles_that_read_them() {
        use furrow_domain::access::{RecordKind, Scope, role_scope};
        for role in Role::ALL {
            let reads = role_scope(role, RecordKind::Stocktake) != Scope::None;
            let open = visible(&[role]).contains(&Area::Stocktakes);
            assert_eq!(open, reads, "{role:?}");
        }
        assert!(visible(&[Role::PartsClerk]).contains(&Area::Stocktakes));
        assert!(!visible(&[Role::Engineer]).contains(&Area::Stocktakes));
    }

    #[test]
    fn the_inventory_analysis_is_open_to_the_parts_department_and_only_to_stock_readers() {
        use furrow_domain::access::{RecordKind, Scope, role_scope};
        for role in Role::ALL {
            if visible(&[role]).contains(&Area::InventoryAnalysis) {
                assert_ne!(
                    role_scope(role, RecordKind::StockMovement),
                    Scope::None,
                    "{role:?}"
                );
            }
        }
        for role in [Role::PartsClerk, Role::Purchasing, Role::Manager] {
            assert!(
                visible(&[role]).contains(&Area::InventoryAnalysis),
                "{role:?}"
            );
        }
        assert!(!visible(&[Role::Engineer]).contains(&Area::InventoryAnalysis));
        assert!(!visible(&[Role::Dealer]).contains(&Area::InventoryAnalysis));
    }

    #[test]
    fn the_import_is_open_to_the_parts_clerks_who_import_the_catalog() {
        use furrow_domain::access::{Action, RecordKind, role_may};
        for role in Role::ALL {
            if role_may(role, RecordKind::Part, Action::Import) {
                assert!(visible(&[role]).contains(&Area::Import), "{role:?}");
            }
        }
        assert!(visible(&[Role::PartsClerk]).contains(&Area::Import));
        assert!(!visible(&[Role::Purchasing]).contains(&Area::Import));
    }

    #[test]
    fn purchasing_is_open_to_purchasing_and_the_parts_clerks() {
        for role in Role::ALL {
            assert_eq!(
                visible(&[role]).contains(&Area::Purchasing),
                matches!(role, Role::Purchasing | Role::PartsClerk),
                "{role:?}"
            );
        }
    }

    #[test]
    fn administrators_reach_settings_and_users() {
        let v = visible(&[Role::Admin]);
        assert!(v.contains(&Area::Settings));
        assert!(v.contains(&Area::Users));
        assert!(!visible(&[Role::Supervisor]).contains(&Area::Settings));
    }
}
