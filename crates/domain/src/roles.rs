//! Roles, and the permissions the web app uses to hide what a user cannot do
//! (DESIGN §6).
//!
//! A [`Permission`] is a name for a column of the permission table in
//! [`crate::access`] (who sees which records, gives which commands, takes
//! which master actions), read off it rather than written again; only the
//! work of departments whose records the system does not keep yet
//! (purchasing, expenses, budgets, training, the audit reader) is listed here,
//! until those records join the table.

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
    /// Register, rotate and revoke API clients (other systems' credentials).
    ManageApiClients,
    /// Keep webhook subscriptions: every one (administrators) or their own
    /// dealer's (dealers).
    ManageWebhooks,
    /// Read customers, machines, models, dealers and engineers (dealers: their own).
    ViewMasterData,
    /// Create and edit customers and machines (dealers: their own).
    EditMasterData,
    /// Edit product models, dealers and engineer profiles; import spreadsheets.
    ManageCatalog,
    /// Change a machine's sale date and warranty dates, with a reason (the
    /// maker's staff, never dealers).
    ChangeWarranty,
    /// Record a customer's request to reissue a lost 三包 certificate (the
    /// maker's staff; dealers: for their own customers' machines).
    RequestCertificateReissue,
    /// Mark a lost 三包 certificate reissued (the maker's staff).
    ReissueCertificate,
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
    /// Read the parts catalog and the stock (dealers: their own warehouse's).
    ViewParts,
    /// Read and move parts stock, requisitions and stock-takes.
    ManageParts,
    /// Import the parts catalog from a spreadsheet (the access table's
    /// `Import` on parts: the parts clerks).
    ImportParts,
    /// Read the stock-takes (盘点) and their accuracy: parts clerks, and
    /// those who assess the parts department.
    ViewStocktakes,
    /// Advance purchase requests: approve, order, receive, cancel.
    ManagePurchasing,
    /// Follow purchase requests and raise them (purchasing, parts clerks).
    ViewPurchasing,
    /// Review and pay expense claims.
    ReviewExpenses,
    /// Submit own expense claims.
    SubmitExpenses,
    /// Approve budgets.
    ApproveBudgets,
    /// Read KPI dashboards and assessments.
    ViewKpis,
    /// Read some KPI figures: every subject's, or only one's own (an
    /// engineer's row).
    ReadOwnKpis,
    /// Plan training and keep the knowledge base.
    ManageTraining,
    /// Read the audit log of any record.
    ViewAudit,
}

impl Permission {
    /// Every permission, in display order.
    pub const ALL: [Permission; 29] = [
        Permission::ManageUsers,
        Permission::ManageSettings,
        Permission::ManageApiClients,
        Permission::ManageWebhooks,
        Permission::ViewMasterData,
        Permission::EditMasterData,
        Permission::ManageCatalog,
        Permission::ChangeWarranty,
        Permission::RequestCertificateReissue,
        Permission::ReissueCertificate,
        Permission::ViewServiceRequests,
        Permission::CreateServiceRequests,
        Permission::DispatchWork,
        Permission::WorkOwnOrders,
        Permission::ReviewReports,
        Permission::FollowUp,
        Permission::ViewParts,
        Permission::ManageParts,
        Permission::ImportParts,
        Permission::ViewStocktakes,
        Permission::ManagePurchasing,
        Permission::ViewPurchasing,
        Permission::ReviewExpenses,
        Permission::SubmitExpenses,
        Permission::ApproveBudgets,
        Permission::ViewKpis,
        Permission::ReadOwnKpis,
        Permission::ManageTraining,
        Permission::ViewAudit,
    ];

    /// Whether `role` holds this permission: read off the permission table
    /// for the work whose records the system keeps, from [`DEPARTMENTS`] for
    /// the rest.
    pub fn held_by(self, role: Role) -> bool {
        use crate::access::{Action, RecordKind as K, Scope, role_may, role_may_give, role_scope};
        use crate::service::commands::Command;
        match self {
            Permission::ManageUsers => role_may(role, K::User, Action::Create),
            Permission::ManageSettings => role_may(role, K::Setting, Action::Update),
            Permission::ManageApiClients => role_may(role, K::ApiClient, Action::Create),
            Permission::ManageWebhooks => role_may(role, K::Webhook, Action::Create),
            Permission::ViewMasterData => role_scope(role, K::Customer) != Scope::None,
            Permission::EditMasterData => role_may(role, K::Customer, Action::Create),
            Permission::ManageCatalog => role_may(role, K::ProductModel, Action::Create),
            Permission::ChangeWarranty => role_may(role, K::Machine, Action::ChangeWarranty),
            Permission::RequestCertificateReissue => {
                role_may(role, K::Machine, Action::RequestCertificate)
            }
            Permission::ReissueCertificate => {
                role_may(role, K::Machine, Action::ReissueCertificate)
            }
            Permission::ViewServiceRequests => role_scope(role, K::ServiceRequest) != Scope::None,
            Permission::CreateServiceRequests => role_may_give(role, Command::Intake),
            Permission::DispatchWork => role_may_give(role, Command::Dispatch),
            Permission::WorkOwnOrders => role_may_give(role, Command::CheckIn),
            Permission::ReviewReports => role_may_give(role, Command::ApproveReport),
            Permission::FollowUp => role_may_give(role, Command::RecordFollowUpOutcome),
            Permission::ViewParts => role_scope(role, K::Part) != Scope::None,
            Permission::ManageParts => role_may_give(role, Command::PostAdjustment),
            Permission::ImportParts => role_may(role, K::Part, Action::Import),
            Permission::ViewStocktakes => role_scope(role, K::Stocktake) != Scope::None,
            Permission::ManagePurchasing => role_may_give(role, Command::OrderPurchase),
            Permission::ViewPurchasing => role_may_give(role, Command::RequestPurchase),
            // The KPI page shows every subject: an engineer's own figures
            // alone do not make it theirs.
            Permission::ViewKpis => role_scope(role, K::Kpi) == Scope::All,
            Permission::ReadOwnKpis => role_scope(role, K::Kpi) != Scope::None,
            department => DEPARTMENTS
                .iter()
                .any(|(p, roles)| *p == department && roles.contains(&role)),
        }
    }
}

/// The work of departments whose records the system does not keep yet, and
/// the roles that do it. A permission moves into [`crate::access`]'s table
/// when its records arrive.
const DEPARTMENTS: &[(Permission, &[Role])] = {
    use Role::*;
    &[
        (Permission::ReviewExpenses, &[Finance]),
        (
            Permission::SubmitExpenses,
            &[Agent, Supervisor, Engineer, PartsClerk, Purchasing],
        ),
        (Permission::ApproveBudgets, &[Manager]),
        (Permission::ManageTraining, &[Supervisor, Manager]),
        (Permission::ViewAudit, &[Admin, Supervisor, Manager]),
    ]
};

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

    /// What this role may do, as the web app shows it.
    pub fn permissions(self) -> Vec<Permission> {
        Permission::ALL
            .into_iter()
            .filter(|p| p.held_by(self))
            .collect()
    }

    /// Whether this role grants `permission`.
    pub fn grants(self, permission: Permission) -> bool {
        permission.held_by(self)
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
    let mut all: Vec<Permission> = roles.iter().flat_map(|r| r.permissions()).collect();
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

    /// The roles that grant `permission`, in display order.
    fn holders(permission: Permission) -> Vec<Role> {
        Role::ALL
            .into_iter()
            .filter(|r| r.grants(permission))
            .collect()
    }

    #[test]
    fn only_admin_manages_users_and_settings() {
        assert_eq!(holders(Permission::ManageUsers), vec![Role::Admin]);
        assert_eq!(holders(Permission::ManageSettings), vec![Role::Admin]);
        // Read off the table's API client row, which the SPA's page follows.
        assert_eq!(holders(Permission::ManageApiClients), vec![Role::Admin]);
    }

    #[test]
    fn only_supervisor_dispatches_and_reviews() {
        assert_eq!(holders(Permission::DispatchWork), vec![Role::Supervisor]);
        assert_eq!(holders(Permission::ReviewReports), vec![Role::Supervisor]);
    }

    #[test]
    fn intake_is_open_to_agents_supervisors_dealers_and_integrations() {
        assert_eq!(
            holders(Permission::CreateServiceRequests),
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
        assert_eq!(holders(Permission::ReviewExpenses), vec![Role::Finance]);
        assert_eq!(holders(Permission::ApproveBudgets), vec![Role::Manager]);
        assert_eq!(holders(Permission::ManageParts), vec![Role::PartsClerk]);
        assert_eq!(holders(Permission::ImportParts), vec![Role::PartsClerk]);
        assert_eq!(
            holders(Permission::ManagePurchasing),
            vec![Role::Purchasing]
        );
        assert_eq!(
            holders(Permission::ViewPurchasing),
            vec![Role::PartsClerk, Role::Purchasing]
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
    fn the_table_gives_the_web_app_the_permissions_of_master_data() {
        use Permission::*;
        assert_eq!(
            Role::Dealer.permissions(),
            vec![
                ManageWebhooks,
                ViewMasterData,
                EditMasterData,
                RequestCertificateReissue,
                ViewServiceRequests,
                CreateServiceRequests,
                ViewParts
            ]
        );
        // A lost certificate: dealers record their customers' requests, the
        // maker's staff record them and issue the new certificate.
        for role in [Role::Admin, Role::Agent, Role::Supervisor] {
            assert!(role.grants(RequestCertificateReissue), "{role:?}");
            assert!(role.grants(ReissueCertificate), "{role:?}");
        }
        assert!(!Role::Dealer.grants(ReissueCertificate));
        assert!(!Role::Engineer.grants(RequestCertificateReissue));
        assert_eq!(
            Role::Integration.permissions(),
            vec![
                ManageWebhooks,
                ViewMasterData,
                ViewServiceRequests,
                CreateServiceRequests,
                ViewParts
            ]
        );
        assert_eq!(
            Role::Engineer.permissions(),
            vec![
                ViewMasterData,
                ViewServiceRequests,
                WorkOwnOrders,
                ViewParts,
                SubmitExpenses,
                ReadOwnKpis
            ]
        );
        assert_eq!(
            Role::PartsClerk.permissions(),
            vec![
                ViewMasterData,
                ViewParts,
                ManageParts,
                ImportParts,
                ViewStocktakes,
                ViewPurchasing,
                SubmitExpenses
            ]
        );
        assert_eq!(Role::Finance.permissions(), vec![ReviewExpenses]);
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
