//! The work areas of the app: where each one lives, what it is called, which
//! permissions open it, and whether it is built yet. The navigation, the
//! dashboard, the route guards and the coming-soon page all read this table.

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
    Import,
    Parts,
    Purchasing,
    Expenses,
    Budgets,
    Quality,
    Training,
    Users,
    Settings,
}

impl Area {
    /// Every area, in navigation order.
    pub const ALL: [Area; 20] = [
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
        Area::Import,
        Area::Parts,
        Area::Purchasing,
        Area::Expenses,
        Area::Budgets,
        Area::Quality,
        Area::Training,
        Area::Users,
        Area::Settings,
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
            Area::Import => Route::Import,
            Area::Parts => Route::Parts,
            Area::Purchasing => Route::Purchasing,
            Area::Expenses => Route::Expenses,
            Area::Budgets => Route::Budgets,
            Area::Quality => Route::Quality,
            Area::Training => Route::Training,
            Area::Users => Route::Users,
            Area::Settings => Route::Settings,
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
            Area::Import => "import",
            Area::Parts => "parts",
            Area::Purchasing => "purchasing",
            Area::Expenses => "expenses",
            Area::Budgets => "budgets",
            Area::Quality => "quality",
            Area::Training => "training",
            Area::Users => "users",
            Area::Settings => "settings",
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
            Area::Import => T::Master(M::NavImport),
            Area::Parts => T::NavParts,
            Area::Purchasing => T::NavPurchasing,
            Area::Expenses => T::NavExpenses,
            Area::Budgets => T::NavBudgets,
            Area::Quality => T::NavQuality,
            Area::Training => T::NavTraining,
            Area::Users => T::NavUsers,
            Area::Settings => T::NavSettings,
        }
    }

    /// What the area is for, in one sentence.
    pub fn about(self) -> Option<T> {
        Some(match self {
            Area::Dashboard => return None,
            Area::ServiceRequests => T::AboutServiceRequests,
            Area::Dispatch => T::AboutDispatch,
            Area::MyWork => T::AboutMyWork,
            Area::ReportReview => T::AboutReportReview,
            Area::FollowUps => T::AboutFollowUps,
            Area::Customers => T::AboutCustomers,
            Area::Machines => T::AboutMachines,
            Area::ProductModels => T::Master(M::AboutProductModels),
            Area::Dealers => T::Master(M::AboutDealers),
            Area::Engineers => T::Master(M::AboutEngineers),
            Area::Import => T::Master(M::AboutImport),
            Area::Parts => T::AboutParts,
            Area::Purchasing => T::AboutPurchasing,
            Area::Expenses => T::AboutExpenses,
            Area::Budgets => T::AboutBudgets,
            Area::Quality => T::AboutQuality,
            Area::Training => T::AboutTraining,
            Area::Users => T::AboutUsers,
            Area::Settings => T::AboutSettings,
        })
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
            Area::Import => &[EditMasterData, ManageCatalog],
            Area::Parts => &[ManageParts],
            Area::Purchasing => &[ManagePurchasing],
            Area::Expenses => &[SubmitExpenses, ReviewExpenses],
            Area::Budgets => &[ApproveBudgets],
            Area::Quality => &[ViewKpis],
            Area::Training => &[ManageTraining],
            Area::Users => &[ManageUsers],
            Area::Settings => &[ManageSettings],
        }
    }

    /// Whether a user with `permissions` may open the area.
    pub fn is_open_to(self, permissions: &[Permission]) -> bool {
        let req = self.requires();
        req.is_empty() || req.iter().any(|p| permissions.contains(p))
    }

    /// Whether the area's pages exist; the others show a coming-soon page.
    pub fn is_built(self) -> bool {
        matches!(
            self,
            Area::Dashboard
                | Area::Users
                | Area::ServiceRequests
                | Area::Dispatch
                | Area::MyWork
                | Area::ReportReview
                | Area::Customers
                | Area::Machines
                | Area::ProductModels
                | Area::Dealers
                | Area::Engineers
                | Area::Import
        )
    }

    /// The area a permission is used in, for the dashboard's quick links.
    pub fn of_permission(permission: Permission) -> Option<Area> {
        use Permission::*;
        Some(match permission {
            ManageUsers => Area::Users,
            ManageSettings => Area::Settings,
            ViewMasterData | EditMasterData => Area::Customers,
            ManageCatalog => Area::ProductModels,
            ViewServiceRequests | CreateServiceRequests => Area::ServiceRequests,
            DispatchWork => Area::Dispatch,
            WorkOwnOrders => Area::MyWork,
            ReviewReports => Area::ReportReview,
            FollowUp => Area::FollowUps,
            ManageParts => Area::Parts,
            ManagePurchasing => Area::Purchasing,
            ReviewExpenses | SubmitExpenses => Area::Expenses,
            ApproveBudgets => Area::Budgets,
            ViewKpis => Area::Quality,
            ManageTraining => Area::Training,
            ViewAudit => return None,
        })
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
        assert!(!v.contains(&Area::Parts));
    }

    #[test]
    fn finance_sees_expenses_through_review_and_no_intake() {
        let v = visible(&[Role::Finance]);
        assert_eq!(v, vec![Area::Dashboard, Area::Expenses]);
    }

    #[test]
    fn every_permissions_quick_link_opens_for_the_roles_that_grant_it() {
        for role in Role::ALL {
            let perms = permissions_of(&[role]);
            for p in &perms {
                if let Some(area) = Area::of_permission(*p) {
                    // Quick links to an area the user cannot open would 403.
                    assert!(area.is_open_to(&perms), "{role:?} {p:?}");
                }
            }
        }
    }
}
