//! Roles and the permission table: the single source the API enforces and the
//! SPA uses to hide what a user cannot do (DESIGN §6).
//!
//! Object-level scoping (a dealer sees only its own records, an engineer edits
//! only their own work orders) is not expressed here; the store's queries apply
//! it from [`crate::auth::Actor`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A job a user does in the company. A user may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 系统管理员: users, settings.
    Admin,
    /// 售后服务人员: records requests and enquiries, follows up.
    Agent,
    /// 售后服务主管: dispatches, reviews reports, supervises quality.
    Supervisor,
    /// 售后服务工程师: repairs on site and writes reports.
    Engineer,
    /// 配件管理员: keeps the parts stock.
    PartsClerk,
    /// 采购部门: buys parts on shortage.
    Purchasing,
    /// 财务部门: reviews expense claims.
    Finance,
    /// 公司领导: approves budgets, reads the assessments.
    Manager,
    /// 经销商: reports problems for its customers and follows their tickets.
    Dealer,
    /// An API client of another system, acting with scopes.
    Integration,
}

/// Something a user may do. Handlers ask for one; the SPA shows what is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// List, create, change and deactivate users.
    ManageUsers,
    /// Change SLA, season and assessment settings.
    ManageSettings,
    /// Read customers, machines, models, dealers and engineers (dealers: their own).
    ViewMasterData,
    /// Create and edit customers and machines (dealers: their own).
    EditMasterData,
    /// Edit product models, dealers and engineer profiles; import spreadsheets.
    ManageCatalog,
    /// Read service requests (dealers: their own; engineers: the ones they work).
    ViewServiceRequests,
    /// Record a new service request.
    CreateServiceRequests,
    /// Dispatch, reassign, cancel and resolve requests remotely.
    DispatchWork,
    /// Schedule, check in, finish and report own work orders.
    WorkOwnOrders,
    /// Approve or reject repair reports, ask for customer sign-off.
    ReviewReports,
    /// Record follow-up calls.
    FollowUp,
    /// Read and move parts stock, requisitions and stock-takes.
    ManageParts,
    /// Handle purchase requests.
    ManagePurchasing,
    /// Review and pay expense claims.
    ReviewExpenses,
    /// Submit own expense claims.
    SubmitExpenses,
    /// Approve budgets.
    ApproveBudgets,
    /// Read KPI dashboards and assessments.
    ViewKpis,
    /// Plan training and keep the knowledge base.
    ManageTraining,
    /// Read the audit log of any record.
    ViewAudit,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 10] = [
        Role::Admin,
        Role::Agent,
        Role::Supervisor,
        Role::Engineer,
        Role::PartsClerk,
        Role::Purchasing,
        Role::Finance,
        Role::Manager,
        Role::Dealer,
        Role::Integration,
    ];

    /// The permission table: what each role may do.
    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Role::Admin => &[
                ManageUsers,
                ManageSettings,
                ViewMasterData,
                EditMasterData,
                ManageCatalog,
                ViewServiceRequests,
                ViewKpis,
                ViewAudit,
            ],
            Role::Agent => &[
                ViewMasterData,
                EditMasterData,
                ViewServiceRequests,
                CreateServiceRequests,
                FollowUp,
                SubmitExpenses,
            ],
            Role::Supervisor => &[
                ViewMasterData,
                EditMasterData,
                ManageCatalog,
                ViewServiceRequests,
                CreateServiceRequests,
                DispatchWork,
                ReviewReports,
                FollowUp,
                SubmitExpenses,
                ViewKpis,
                ManageTraining,
                ViewAudit,
            ],
            Role::Engineer => &[
                ViewMasterData,
                ViewServiceRequests,
                WorkOwnOrders,
                SubmitExpenses,
            ],
            Role::PartsClerk => &[ViewMasterData, ManageParts, SubmitExpenses],
            Role::Purchasing => &[ManagePurchasing, SubmitExpenses],
            Role::Finance => &[ReviewExpenses],
            Role::Manager => &[
                ViewMasterData,
                ViewServiceRequests,
                ApproveBudgets,
                ViewKpis,
                ManageTraining,
                ViewAudit,
            ],
            Role::Dealer => &[
                ViewMasterData,
                EditMasterData,
                ViewServiceRequests,
                CreateServiceRequests,
            ],
            Role::Integration => &[ViewMasterData, ViewServiceRequests, CreateServiceRequests],
        }
    }

    /// Whether this role grants `permission`.
    pub fn grants(self, permission: Permission) -> bool {
        self.permissions().contains(&permission)
    }

    /// The wire name (`parts_clerk`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Agent => "agent",
            Role::Supervisor => "supervisor",
            Role::Engineer => "engineer",
            Role::PartsClerk => "parts_clerk",
            Role::Purchasing => "purchasing",
            Role::Finance => "finance",
            Role::Manager => "manager",
            Role::Dealer => "dealer",
            Role::Integration => "integration",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role name that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role `{0}`")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// Whether any of `roles` grants `permission`.
pub fn any_grants(roles: &[Role], permission: Permission) -> bool {
    roles.iter().any(|r| r.grants(permission))
}

/// Every permission that `roles` grant together, sorted and without repeats.
pub fn permissions_of(roles: &[Role]) -> Vec<Permission> {
    let mut all: Vec<Permission> = roles
        .iter()
        .flat_map(|r| r.permissions().iter().copied())
        .collect();
    all.sort();
    all.dedup();
    all
}

/// Joins roles for storage (`agent,supervisor`).
pub fn join_roles(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Parses stored roles; unknown names are an error, not silently dropped.
pub fn parse_roles(s: &str) -> Result<Vec<Role>, UnknownRole> {
    s.split(',')
        .filter(|p| !p.is_empty())
        .map(Role::from_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admin_manages_users_and_settings() {
        for role in Role::ALL {
            assert_eq!(
                role.grants(Permission::ManageUsers),
                role == Role::Admin,
                "{role}"
            );
            assert_eq!(
                role.grants(Permission::ManageSettings),
                role == Role::Admin,
                "{role}"
            );
        }
    }

    #[test]
    fn only_supervisor_dispatches_and_reviews() {
        for role in Role::ALL {
            assert_eq!(
                role.grants(Permission::DispatchWork),
                role == Role::Supervisor,
                "{role}"
            );
            assert_eq!(
                role.grants(Permission::ReviewReports),
                role == Role::Supervisor,
                "{role}"
            );
        }
    }

    #[test]
    fn intake_is_open_to_agents_supervisors_dealers_and_integrations() {
        let allowed: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.grants(Permission::CreateServiceRequests))
            .collect();
        assert_eq!(
            allowed,
            vec![
                Role::Agent,
                Role::Supervisor,
                Role::Dealer,
                Role::Integration
            ]
        );
    }

    #[test]
    fn engineer_works_orders_but_cannot_dispatch_or_manage_users() {
        let e = Role::Engineer;
        assert!(e.grants(Permission::WorkOwnOrders));
        assert!(!e.grants(Permission::DispatchWork));
        assert!(!e.grants(Permission::ManageUsers));
        assert!(!e.grants(Permission::CreateServiceRequests));
    }

    #[test]
    fn money_and_stock_stay_with_their_departments() {
        assert_eq!(
            Role::ALL
                .into_iter()
                .filter(|r| r.grants(Permission::ReviewExpenses))
                .collect::<Vec<_>>(),
            vec![Role::Finance]
        );
        assert_eq!(
            Role::ALL
                .into_iter()
                .filter(|r| r.grants(Permission::ApproveBudgets))
                .collect::<Vec<_>>(),
            vec![Role::Manager]
        );
        assert_eq!(
            Role::ALL
                .into_iter()
                .filter(|r| r.grants(Permission::ManageParts))
                .collect::<Vec<_>>(),
            vec![Role::PartsClerk]
        );
        assert_eq!(
            Role::ALL
                .into_iter()
                .filter(|r| r.grants(Permission::ManagePurchasing))
                .collect::<Vec<_>>(),
            vec![Role::Purchasing]
        );
    }

    #[test]
    fn dealer_cannot_see_kpis_or_catalog_admin() {
        assert!(!Role::Dealer.grants(Permission::ViewKpis));
        assert!(!Role::Dealer.grants(Permission::ManageCatalog));
        assert!(!Role::Dealer.grants(Permission::DispatchWork));
    }

    #[test]
    fn several_roles_grant_the_union_of_their_permissions() {
        let roles = [Role::Agent, Role::Finance];
        assert!(any_grants(&roles, Permission::ReviewExpenses));
        assert!(any_grants(&roles, Permission::CreateServiceRequests));
        assert!(!any_grants(&roles, Permission::DispatchWork));
        let perms = permissions_of(&roles);
        assert!(perms.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
    }

    #[test]
    fn no_roles_grant_nothing() {
        assert!(permissions_of(&[]).is_empty());
    }

    #[test]
    fn roles_round_trip_through_storage_and_reject_unknown_names() {
        let roles = vec![Role::PartsClerk, Role::Dealer];
        assert_eq!(parse_roles(&join_roles(&roles)).unwrap(), roles);
        assert_eq!(
            parse_roles("agent,wizard"),
            Err(UnknownRole("wizard".into()))
        );
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), r);
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{}\"", r.as_str())
            );
        }
    }
}
