//! The permission table: for each role and each kind of record, which of
//! those records it sees, the workflow commands it may give there and the
//! master actions (create, update, deactivate, import, export...) it may take.
//!
//! The API asks [`sees`] before a read, [`may_give`] before a command and
//! [`may`] before a master action; the store's scoped loaders filter by
//! [`scope`] and [`own_dealer`]; the views' `actions` are the table
//! intersected with the records' state; the permissions the web app shows
//! (`roles::Permission`) are read off it. One table, so the places that once
//! decided "who may" can no longer disagree.

use crate::api_clients::ClientScope;
use crate::auth::Actor;
use crate::roles::Role;
use crate::service::commands::Command;
use uuid::Uuid;

wire_enum!(
    /// The kind of a record: the table's axis, the audit log's `entity_type`
    /// and the outbox's `record_kind`.
    RecordKind {
        ServiceRequest => "service_request",
        WorkOrder => "work_order",
        RepairReport => "repair_report",
        FollowUp => "follow_up",
        User => "user",
        Dealer => "dealer",
        Customer => "customer",
        ProductModel => "product_model",
        Machine => "machine",
        Engineer => "engineer",
        Setting => "setting",
        /// A system calling with client credentials (`api_clients`).
        ApiClient => "api_client",
        /// A part of the catalog (配件).
        Part => "part",
        /// A warehouse and its bins (仓库, 库位).
        Warehouse => "warehouse",
        /// Stock: the ledger's movements and the levels they sum to (库存).
        StockMovement => "stock_movement",
        /// A stock-take (盘点) and its lines.
        Stocktake => "stocktake",
        /// Parts requisitions (领用单) of work orders, with their lines.
        Requisition => "requisition",
        /// The monthly KPI figures and the records behind them (read only:
        /// they are counted from the other records).
        Kpi => "kpi",
        /// A webhook subscription: the change feed pushed to a URL.
        Webhook => "webhook",
        /// A purchase request (采购申请) and its lines and notes.
        PurchaseRequest => "purchase_request",
    }
);

wire_enum!(
    /// What a role may do to a master record besides reading it (reading is
    /// the row's [`Scope`]); the workflow's records change by [`Command`]s.
    Action {
        Create => "create",
        Update => "update",
        Deactivate => "deactivate",
        Reactivate => "reactivate",
        /// Load records of the kind from a spreadsheet (and fetch its template).
        Import => "import",
        /// Download records of the kind as a spreadsheet.
        Export => "export",
        /// Set another user's password (user accounts only).
        SetPassword => "set_password",
        /// Lift a sign-in lockout (user accounts only).
        Unlock => "unlock",
        /// Change a machine's sale date and warranty dates, with a reason
        /// (machines only; the maker's staff, never a dealer: 三包 dates
        /// are the customer's legal rights).
        ChangeWarranty => "change_warranty",
        /// Record a customer's request to reissue a lost 三包 certificate
        /// (machines only; the maker's staff, and a dealer for its own
        /// customers' machines: the customer often asks at the dealer).
        RequestCertificate => "request_certificate",
        /// Mark a lost certificate reissued (machines only; the maker's
        /// staff: the maker issues the certificate).
        ReissueCertificate => "reissue_certificate",
    }
);

/// Which records of a kind a role sees. Ordered from narrowest to widest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// None: reading one answers 403, a record named by id 404.
    None,
    /// Those of the work orders assigned to the actor (a field engineer).
    OwnWorkOrders,
    /// Those of the actor's dealer (its customers, their machines and
    /// requests, and the dealer's own record).
    OwnDealer,
    /// Every record of the kind.
    All,
}

/// One row of the table: a role's scope on a kind of record, the workflow
/// commands it may give there and the master actions it may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    pub record: RecordKind,
    pub scope: Scope,
    pub commands: &'static [Command],
    pub actions: &'static [Action],
}

/// A row of the workflow: commands, no master actions.
const fn flow(record: RecordKind, scope: Scope, commands: &'static [Command]) -> Grant {
    Grant {
        record,
        scope,
        commands,
        actions: &[],
    }
}

/// A row of the workflow whose records are also taken away as a
/// spreadsheet (`GET /{list}/export`): its commands and [`Action::Export`].
const fn exported_flow(record: RecordKind, scope: Scope, commands: &'static [Command]) -> Grant {
    Grant {
        record,
        scope,
        commands,
        actions: &[Action::Export],
    }
}

/// A row of master data: actions, no workflow commands.
const fn master(record: RecordKind, scope: Scope, actions: &'static [Action]) -> Grant {
    Grant {
        record,
        scope,
        commands: &[],
        actions,
    }
}

/// The table. A kind a role has no row for is [`Scope::None`] with no
/// commands and no actions.
pub fn grants(role: Role) -> &'static [Grant] {
    match role {
        Role::Admin => ADMIN,
        Role::Agent => AGENT,
        Role::Supervisor => SUPERVISOR,
        Role::Engineer => ENGINEER,
        Role::Manager => MANAGER,
        Role::PartsClerk => PARTS_CLERK,
        Role::Dealer => DEALER,
        Role::Integration => INTEGRATION,
        Role::Purchasing => PURCHASING,
        Role::Finance => &[],
    }
}

use Action::{
    ChangeWarranty, Create, Deactivate, Export, Import, Reactivate, ReissueCertificate,
    RequestCertificate, SetPassword, Unlock, Update,
};
use Command::*;
use RecordKind::{
    ApiClient, Customer, Dealer, Engineer, FollowUp, Kpi, Machine, Part, ProductModel,
    PurchaseRequest, RepairReport, Requisition, ServiceRequest, Setting, StockMovement, Stocktake,
    User, Warehouse, Webhook, WorkOrder,
};
use Scope::{All, OwnDealer, OwnWorkOrders};

/// Keeping a kind of master record: everything but the user accounts' own actions.
const KEEP: &[Action] = &[Create, Update, Deactivate, Reactivate, Import, Export];
/// Keeping machines at the maker: with their warranty dates.
const KEEP_MACHINES: &[Action] = &[
    Create,
    Update,
    Deactivate,
    Reactivate,
    Import,
    Export,
    ChangeWarranty,
    RequestCertificate,
    ReissueCertificate,
];
/// A dealer keeping its own customers' machines: their files, and their
/// customers' requests for a lost certificate; never the warranty dates.
const DEALER_MACHINES: &[Action] = &[
    Create,
    Update,
    Deactivate,
    Reactivate,
    Import,
    Export,
    RequestCertificate,
];
/// Keeping dealers, which have no import.
const KEEP_DEALERS: &[Action] = &[Create, Update, Deactivate, Reactivate, Export];
/// Reading master data, and taking it away as a spreadsheet.
const READ: &[Action] = &[Export];

// The master data every office role reads: customers, machines, product
// models, dealers and the engineer roster (dispatch needs it).
const CUSTOMERS_READ: Grant = master(Customer, All, READ);
const MACHINES_READ: Grant = master(Machine, All, READ);
const MODELS_READ: Grant = master(ProductModel, All, READ);
const DEALERS_READ: Grant = master(Dealer, All, READ);
const ROSTER_READ: Grant = master(Engineer, All, READ);
// The SLA and the other documents that govern the work are read by whoever
// follows the work; only administrators change them.
const SETTINGS_READ: Grant = master(Setting, All, &[]);
// The parts catalog, the warehouses and their stock, read by whoever needs
// to know what is there (an engineer before a visit, the supervisor
// reviewing a report's parts, purchasing), and taken away as spreadsheets.
const PARTS_READ: Grant = master(Part, All, READ);
const WAREHOUSES_READ: Grant = master(Warehouse, All, READ);
const STOCK_READ: Grant = exported_flow(StockMovement, All, &[]);
// The stock-takes (盘点), read by those who assess the parts department
// (their accuracy is its KPI): managers, supervisors and administrators.
const STOCKTAKES_READ: Grant = exported_flow(Stocktake, All, &[]);
// The monthly KPIs (质量考核): every subject's figures for those who
// supervise the service and assess it (supervisors, managers) and the
// administrators; an engineer reads only their own figures.
const KPIS_READ: Grant = master(Kpi, All, &[]);
// The parts requisitions (领用单): read by those who supervise the work and
// the stock's cost (supervisors, managers, administrators, purchasing);
// parts clerks issue, take back, exchange and cancel; an engineer sees and
// asks for those of their own work orders.
const REQUISITIONS_READ: Grant = exported_flow(Requisition, All, &[]);
/// Keeping the warehouses, and taking them away as a spreadsheet.
const KEEP_PARTS: &[Action] = &[Create, Update, Deactivate, Reactivate, Export];
/// Keeping the parts catalog, which is also imported from a spreadsheet.
const KEEP_CATALOG: &[Action] = &[Create, Update, Deactivate, Reactivate, Import, Export];
// Purchase requests (采购申请), read by whoever follows what a waiting work
// order waits for or what the stock costs: supervisors, managers, admins.
const PURCHASES_READ: Grant = exported_flow(PurchaseRequest, All, &[]);

/// The follow-up calls (客户回访): the desk and the supervisor make them.
const FOLLOW_UP: &[Command] = &[
    RecordFollowUpAttempt,
    RecordFollowUpOutcome,
    CloseFollowUpUnreachable,
];

// Administrators keep the users, the settings and the master data, and read
// the workflow without giving its commands.
const ADMIN: &[Grant] = &[
    flow(ServiceRequest, All, &[]),
    flow(WorkOrder, All, &[]),
    flow(RepairReport, All, &[]),
    flow(FollowUp, All, &[]),
    master(Customer, All, KEEP),
    master(Machine, All, KEEP_MACHINES),
    master(ProductModel, All, KEEP),
    master(Dealer, All, KEEP_DEALERS),
    master(Engineer, All, &[Update, Export]),
    master(
        User,
        All,
        &[Create, Update, Deactivate, Reactivate, SetPassword, Unlock],
    ),
    master(Setting, All, &[Update]),
    // Registering a client (create), rotating its secret (update) and
    // revoking it (deactivate).
    master(ApiClient, All, &[Create, Update, Deactivate]),
    // Webhook subscriptions, every dealer's and the whole service's.
    master(Webhook, All, &[Create, Update, Deactivate]),
    KPIS_READ,
    PARTS_READ,
    WAREHOUSES_READ,
    STOCK_READ,
    STOCKTAKES_READ,
    PURCHASES_READ,
    REQUISITIONS_READ,
];

// The desk talks to customers and closes requests without a visit (DESIGN §3:
// cancel by supervisor or agent); it keeps the customers' and machines' files.
const AGENT: &[Grant] = &[
    flow(
        ServiceRequest,
        All,
        &[
            Intake,
            RecordContact,
            ResolveRemotely,
            Cancel,
            RecordCustomerChoice,
        ],
    ),
    flow(WorkOrder, All, &[]),
    flow(RepairReport, All, &[]),
    flow(FollowUp, All, FOLLOW_UP),
    master(Customer, All, KEEP),
    master(Machine, All, KEEP_MACHINES),
    MODELS_READ,
    DEALERS_READ,
    ROSTER_READ,
    SETTINGS_READ,
];

// The supervisor dispatches and reviews, and keeps the catalogue: product
// models, dealers and the engineers' profiles.
const SUPERVISOR: &[Grant] = &[
    flow(
        ServiceRequest,
        All,
        &[
            Intake,
            RecordContact,
            Dispatch,
            ResolveRemotely,
            Cancel,
            RecordCustomerChoice,
        ],
    ),
    flow(WorkOrder, All, &[Reassign]),
    flow(
        RepairReport,
        All,
        &[
            ApproveReport,
            RejectReport,
            CreateSignLink,
            ReworkAfterRefusal,
            CloseUnsigned,
            OpenComplaint,
        ],
    ),
    flow(FollowUp, All, FOLLOW_UP),
    master(Customer, All, KEEP),
    master(Machine, All, KEEP_MACHINES),
    master(ProductModel, All, KEEP),
    master(Dealer, All, KEEP_DEALERS),
    master(Engineer, All, &[Update, Export]),
    SETTINGS_READ,
    KPIS_READ,
    PARTS_READ,
    WAREHOUSES_READ,
    STOCK_READ,
    STOCKTAKES_READ,
    PURCHASES_READ,
    REQUISITIONS_READ,
];

/// The rows of a role that follows the workflow through `flows` (its rows for
/// requests, work orders, reports and follow-ups), reads the KPIs as `kpis`
/// says and reads all the master data and the settings.
const fn follows_and_reads(flows: [Grant; 5], kpis: Grant) -> [Grant; 15] {
    let [requests, work_orders, reports, follow_ups, requisitions] = flows;
    [
        requests,
        work_orders,
        reports,
        follow_ups,
        requisitions,
        kpis,
        CUSTOMERS_READ,
        MACHINES_READ,
        MODELS_READ,
        DEALERS_READ,
        ROSTER_READ,
        SETTINGS_READ,
        PARTS_READ,
        WAREHOUSES_READ,
        STOCK_READ,
    ]
}

// A field engineer works the orders assigned to them; the report is saved
// through its work order. On site they look up any machine and customer.
const ENGINEER: &[Grant] = &follows_and_reads(
    [
        flow(ServiceRequest, OwnWorkOrders, &[]),
        flow(
            WorkOrder,
            OwnWorkOrders,
            &[Schedule, CheckIn, Finish, Acknowledge, SaveReport],
        ),
        // The approved report's sign-off link, shown on the phone for the
        // customer to scan (`sign_link_issuable`).
        flow(
            RepairReport,
            OwnWorkOrders,
            &[SaveReport, SubmitReport, CreateSignLink],
        ),
        // What the customer said of their own work, read only.
        flow(FollowUp, OwnWorkOrders, &[]),
        // The parts of their own work orders: they ask, the clerk issues.
        flow(Requisition, OwnWorkOrders, &[CreateRequisition]),
    ],
    // Their own monthly figures and the records behind them, nobody else's.
    master(Kpi, OwnWorkOrders, &[]),
);

/// `rows` and then `more`, as one table of `O` rows (the lengths are
/// checked when the constant is built).
const fn plus<const N: usize, const O: usize>(rows: [Grant; N], more: &[Grant]) -> [Grant; O] {
    assert!(N + more.len() == O, "a role's table has N + more rows");
    let mut out = [rows[0]; O];
    let mut i = 0;
    while i < N {
        out[i] = rows[i];
        i += 1;
    }
    let mut j = 0;
    while j < more.len() {
        out[N + j] = more[j];
        j += 1;
    }
    out
}

// Managers read the workflow, the requisitions, the master data and the
// stock-takes and give no workflow commands; as the company's leadership
// (公司领导) they approve spending, purchase requests among it.
const MANAGER: &[Grant] = &plus::<15, 17>(
    follows_and_reads(
        [
            flow(ServiceRequest, All, &[]),
            flow(WorkOrder, All, &[]),
            flow(RepairReport, All, &[]),
            flow(FollowUp, All, &[]),
            REQUISITIONS_READ,
        ],
        KPIS_READ,
    ),
    &[
        STOCKTAKES_READ,
        flow(PurchaseRequest, All, &[ApprovePurchase]),
    ],
);

// The parts clerk keeps the catalog, the warehouses and their bins, and
// posts the movements of the stock: receipts, adjustments and transfers. It
// looks up machines, models and their owners for parts.
const PARTS_CLERK: &[Grant] = &[
    CUSTOMERS_READ,
    MACHINES_READ,
    MODELS_READ,
    DEALERS_READ,
    ROSTER_READ,
    master(Part, All, KEEP_CATALOG),
    master(Warehouse, All, KEEP_PARTS),
    exported_flow(
        StockMovement,
        All,
        &[PostReceipt, PostAdjustment, PostTransfer],
    ),
    // Only parts clerks open, count and reconcile stock-takes (盘点).
    exported_flow(
        Stocktake,
        All,
        &[
            OpenStocktake,
            CountStocktake,
            ReconcileStocktake,
            CancelStocktake,
        ],
    ),
    // It raises purchase requests (shortages, reorder suggestions, its
    // purchasing plan), shelves what arrives and notes progress; purchasing
    // decides and buys.
    exported_flow(
        PurchaseRequest,
        All,
        &[RequestPurchase, ReceivePurchase, NotePurchase],
    ),
    exported_flow(
        Requisition,
        All,
        &[IssueParts, ReturnParts, ExchangeParts, CancelRequisition],
    ),
];

// Purchasing reads the catalog and the stock, advances purchase requests
// (approves, orders, receives, cancels) and receives what it bought.
const PURCHASING: &[Grant] = &[
    MODELS_READ,
    PARTS_READ,
    WAREHOUSES_READ,
    exported_flow(StockMovement, All, &[PostReceipt]),
    exported_flow(
        PurchaseRequest,
        All,
        &[
            RequestPurchase,
            ApprovePurchase,
            OrderPurchase,
            ReceivePurchase,
            CancelPurchase,
            NotePurchase,
        ],
    ),
    // The shortages it buys for are on the requisitions.
    REQUISITIONS_READ,
];

/// The rows of a dealer-side role, which keeps (`files`) its own customers'
/// and machines' files or only reads them.
const fn dealer_side(files: &'static [Action], machines: &'static [Action]) -> [Grant; 11] {
    [
        flow(ServiceRequest, OwnDealer, &[Intake]),
        // Their own requests' follow-ups, read only.
        flow(FollowUp, OwnDealer, &[]),
        master(Customer, OwnDealer, files),
        master(Machine, OwnDealer, machines),
        master(ProductModel, All, READ),
        master(Dealer, OwnDealer, READ),
        SETTINGS_READ,
        // The catalog is public to the network; stock only of the dealer's
        // own warehouse.
        PARTS_READ,
        master(Warehouse, OwnDealer, &[]),
        flow(StockMovement, OwnDealer, &[]),
        // The dealer's own webhooks: its records pushed to its system.
        master(Webhook, OwnDealer, &[Create, Update, Deactivate]),
    ]
}

// Dealers follow their customers' requests, not the service department's
// work orders and reports, and keep their own customers' and machines'
// files. They see the catalogue of models and their own dealer record, not
// the engineer roster: who goes on site is the service department's
// decision, and the request they follow names the engineer sent.
const DEALER: &[Grant] = &dealer_side(KEEP, DEALER_MACHINES);

// Another system reports requests and reads what they refer to; it keeps no
// master data.
const INTEGRATION: &[Grant] = &dealer_side(READ, READ);

/// A role's row for a kind of record.
fn row(role: Role, record: RecordKind) -> Option<&'static Grant> {
    grants(role).iter().find(|g| g.record == record)
}

/// Whether the actor is a dealer-side user tied to a dealer: it sees at most
/// what the dealer role sees, whatever other roles it holds.
fn dealer_bound(actor: &Actor) -> bool {
    actor.dealer_scope().is_some()
}

/// The roles whose rows apply to the actor: a dealer-bound actor only its
/// dealer-side roles, anyone else all of them.
fn applying(actor: &Actor) -> impl Iterator<Item = Role> + '_ {
    let bound = dealer_bound(actor);
    actor
        .roles
        .iter()
        .copied()
        .filter(move |r| !bound || matches!(r, Role::Dealer | Role::Integration))
}

/// Which records of `record` the actor sees: the widest scope of its roles.
/// An office role beside the engineer role sees everything; an actor whose
/// dealer-side role has no dealer (an integration for the whole company) is
/// not narrowed.
pub fn scope(actor: &Actor, record: RecordKind) -> Scope {
    let widest = applying(actor)
        .filter_map(|r| row(r, record))
        .map(|g| g.scope)
        .max()
        .unwrap_or(Scope::None);
    if widest == Scope::OwnDealer && !dealer_bound(actor) {
        Scope::All
    } else {
        widest
    }
}

/// Whether the actor may read records of `record` at all.
pub fn sees(actor: &Actor, record: RecordKind) -> bool {
    scope(actor, record) != Scope::None
}

/// Whether the actor may give `command` on a record of `record`.
pub fn may_give_on(actor: &Actor, record: RecordKind, command: Command) -> bool {
    applying(actor)
        .filter_map(|r| row(r, record))
        .any(|g| g.commands.contains(&command))
}

/// Whether the actor may give `command` on any kind of record.
pub fn may_give(actor: &Actor, command: Command) -> bool {
    RecordKind::ALL
        .iter()
        .any(|k| may_give_on(actor, *k, command))
}

/// Whether the actor may take `action` on the records of `record` it sees.
pub fn may(actor: &Actor, record: RecordKind, action: Action) -> bool {
    applying(actor)
        .filter_map(|r| row(r, record))
        .any(|g| g.actions.contains(&action))
}

/// The dealer whose records of `record` the actor is limited to: its own
/// when its scope there is [`Scope::OwnDealer`], else none.
pub fn own_dealer(actor: &Actor, record: RecordKind) -> Option<Uuid> {
    match scope(actor, record) {
        Scope::OwnDealer => actor.dealer_id,
        _ => None,
    }
}

/// What an API client's token scope reaches, within its role's rows: the
/// kinds of record it reads, the commands it gives and the master actions it
/// takes. A client's token narrows its role; it never widens it.
struct ScopeRow {
    scope: ClientScope,
    reads: &'static [RecordKind],
    commands: &'static [Command],
    actions: &'static [Action],
}

const SCOPES: &[ScopeRow] = &[
    ScopeRow {
        scope: ClientScope::RequestsRead,
        reads: &[ServiceRequest],
        commands: &[],
        actions: &[],
    },
    ScopeRow {
        scope: ClientScope::RequestsWrite,
        reads: &[ServiceRequest],
        commands: &[Intake],
        actions: &[],
    },
    ScopeRow {
        scope: ClientScope::MasterRead,
        reads: &[Customer, Machine, ProductModel, Dealer],
        commands: &[],
        actions: &[Export],
    },
    // The change feed (`GET /events`): the events of the records the role
    // sees, through `visibility::feed_event_for`; and the same feed pushed
    // to the client's own webhooks (a dealer client keeps its dealer's).
    ScopeRow {
        scope: ClientScope::EventsRead,
        reads: &[Webhook],
        commands: &[],
        actions: &[Create, Update, Deactivate],
    },
];

fn scope_rows(scopes: &[ClientScope]) -> impl Iterator<Item = &'static ScopeRow> + '_ {
    SCOPES.iter().filter(|r| scopes.contains(&r.scope))
}

/// Whether a token with `scopes` may read records of `record` (its role
/// must see them too: [`sees`]).
pub fn scope_reads(scopes: &[ClientScope], record: RecordKind) -> bool {
    scope_rows(scopes).any(|r| r.reads.contains(&record))
}

/// Whether a token with `scopes` may give `command` (its role must too).
pub fn scope_gives(scopes: &[ClientScope], command: Command) -> bool {
    scope_rows(scopes).any(|r| r.commands.contains(&command))
}

/// Whether a token with `scopes` may take `action` on records of `record`.
pub fn scope_takes(scopes: &[ClientScope], record: RecordKind, action: Action) -> bool {
    scope_rows(scopes).any(|r| r.reads.contains(&record) && r.actions.contains(&action))
}

/// Whether a token with `scopes` may follow the change feed.
pub fn scope_follows_feed(scopes: &[ClientScope]) -> bool {
    scopes.contains(&ClientScope::EventsRead)
}

/// A role's own scope on `record`, before the roles of one actor combine.
pub fn role_scope(role: Role, record: RecordKind) -> Scope {
    row(role, record).map_or(Scope::None, |g| g.scope)
}

/// Whether `role` may take `action` on records of `record`.
pub fn role_may(role: Role, record: RecordKind, action: Action) -> bool {
    row(role, record).is_some_and(|g| g.actions.contains(&action))
}

/// Whether `role` may give `command` on some kind of record.
pub fn role_may_give(role: Role, command: Command) -> bool {
    grants(role).iter().any(|g| g.commands.contains(&command))
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn actor(roles: &[Role], dealer: Option<Uuid>) -> Actor {
        Actor {
            user_id: Uuid::from_u128(7),
            username: "x".into(),
            roles: roles.to_vec(),
            dealer_id: dealer,
        }
    }

    #[test]
    fn each_role_sees_requests_work_orders_and_reports_as_the_table_says() {
        use RecordKind::*;
        use Scope::{All, OwnDealer, OwnWorkOrders};
        let dealer = Some(Uuid::from_u128(1));
        let cases: &[(&[Role], Option<Uuid>, [Scope; 3])] = &[
            (&[Role::Agent], Option::None, [All, All, All]),
            (&[Role::Supervisor], Option::None, [All, All, All]),
            (&[Role::Manager], Option::None, [All, All, All]),
            (&[Role::Admin], Option::None, [All, All, All]),
            (
                &[Role::Engineer],
                Option::None,
                [OwnWorkOrders, OwnWorkOrders, OwnWorkOrders],
            ),
            (
                &[Role::Engineer, Role::Supervisor],
                Option::None,
                [All, All, All],
            ),
            (
                &[Role::Dealer],
                dealer,
                [OwnDealer, Scope::None, Scope::None],
            ),
            (
                &[Role::Dealer, Role::Supervisor],
                dealer,
                [OwnDealer, Scope::None, Scope::None],
            ),
            (
                &[Role::Integration],
                dealer,
                [OwnDealer, Scope::None, Scope::None],
            ),
            (
                &[Role::Integration],
                Option::None,
                [All, Scope::None, Scope::None],
            ),
            (
                &[Role::Finance],
                Option::None,
                [Scope::None, Scope::None, Scope::None],
            ),
        ];
        for (roles, d, [sr, wo, rr]) in cases {
            let a = actor(roles, *d);
            assert_eq!(scope(&a, ServiceRequest), *sr, "{roles:?}");
            assert_eq!(scope(&a, WorkOrder), *wo, "{roles:?}");
            assert_eq!(scope(&a, RepairReport), *rr, "{roles:?}");
        }
    }

    #[test]
    fn follow_ups_are_made_by_the_desk_and_read_by_dealers_and_engineers_for_their_own() {
        let dealer = Some(Uuid::from_u128(1));
        for (roles, d, s, makes) in [
            (&[Role::Agent][..], None, Scope::All, true),
            (&[Role::Supervisor][..], None, Scope::All, true),
            (&[Role::Manager][..], None, Scope::All, false),
            (&[Role::Engineer][..], None, Scope::OwnWorkOrders, false),
            (&[Role::Dealer][..], dealer, Scope::OwnDealer, false),
            (
                &[Role::Dealer, Role::Agent][..],
                dealer,
                Scope::OwnDealer,
                false,
            ),
            (&[Role::PartsClerk][..], None, Scope::None, false),
        ] {
            let a = actor(roles, d);
            assert_eq!(scope(&a, RecordKind::FollowUp), s, "{roles:?}");
            for c in FOLLOW_UP {
                assert_eq!(
                    may_give_on(&a, RecordKind::FollowUp, *c),
                    makes,
                    "{roles:?}"
                );
                assert!(!may_give_on(&a, RecordKind::ServiceRequest, *c));
            }
        }
    }

    #[test]
    fn commands_are_granted_on_their_kind_of_record_only() {
        let sup = actor(&[Role::Supervisor], None);
        assert!(may_give_on(
            &sup,
            RecordKind::ServiceRequest,
            Command::Dispatch
        ));
        assert!(!may_give_on(&sup, RecordKind::WorkOrder, Command::Dispatch));
        assert!(may_give_on(&sup, RecordKind::WorkOrder, Command::Reassign));
        let eng = actor(&[Role::Engineer], None);
        assert!(may_give_on(&eng, RecordKind::WorkOrder, Command::CheckIn));
        assert!(!may_give_on(
            &eng,
            RecordKind::ServiceRequest,
            Command::Cancel
        ));
    }

    #[test]
    fn a_dealer_bound_user_gains_nothing_from_office_roles() {
        let a = actor(&[Role::Dealer, Role::Supervisor], Some(Uuid::from_u128(1)));
        assert!(may_give(&a, Command::Intake));
        assert!(!may_give(&a, Command::Dispatch));
        assert!(!sees(&a, RecordKind::WorkOrder));
    }

    #[test]
    fn a_dealer_sees_its_own_customers_machines_and_dealer_all_models_and_no_roster() {
        let own = Uuid::from_u128(1);
        let d = actor(&[Role::Dealer], Some(own));
        for kind in [
            RecordKind::Customer,
            RecordKind::Machine,
            RecordKind::Dealer,
        ] {
            assert_eq!(scope(&d, kind), Scope::OwnDealer, "{kind}");
            assert_eq!(own_dealer(&d, kind), Some(own), "{kind}");
        }
        assert_eq!(scope(&d, RecordKind::ProductModel), Scope::All);
        assert_eq!(own_dealer(&d, RecordKind::ProductModel), None);
        assert_eq!(scope(&d, RecordKind::Engineer), Scope::None);
        assert_eq!(scope(&d, RecordKind::User), Scope::None);
        assert!(may(&d, RecordKind::Customer, Action::Create));
        assert!(may(&d, RecordKind::Machine, Action::Import));
        assert!(!may(&d, RecordKind::ProductModel, Action::Create));
        assert!(!may(&d, RecordKind::Dealer, Action::Update));
        // A company-wide integration is not narrowed to a dealer.
        let i = actor(&[Role::Integration], None);
        assert_eq!(scope(&i, RecordKind::Customer), Scope::All);
        assert_eq!(own_dealer(&i, RecordKind::Customer), None);
        assert!(!may(&i, RecordKind::Customer, Action::Create));
    }

    #[test]
    fn users_and_settings_are_kept_by_administrators_only() {
        for role in Role::ALL {
            let a = actor(&[role], None);
            let admin = role == Role::Admin;
            assert_eq!(sees(&a, RecordKind::User), admin, "{role}");
            for action in [Action::Create, Action::SetPassword, Action::Unlock] {
                assert_eq!(may(&a, RecordKind::User, action), admin, "{role} {action}");
            }
            assert_eq!(
                may(&a, RecordKind::Setting, Action::Update),
                admin,
                "{role}"
            );
        }
    }

    #[test]
    fn the_catalogue_is_kept_by_supervisors_and_administrators() {
        let keepers: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| {
                [
                    RecordKind::ProductModel,
                    RecordKind::Dealer,
                    RecordKind::Engineer,
                ]
                .into_iter()
                .all(|k| role_may(*r, k, Action::Update))
            })
            .collect();
        assert_eq!(keepers, vec![Role::Admin, Role::Supervisor]);
    }

    #[test]
    fn every_action_on_a_kind_comes_with_seeing_it() {
        for role in Role::ALL {
            for g in grants(role) {
                assert_ne!(g.scope, Scope::None, "{role} {}", g.record);
            }
            let mut kinds: Vec<RecordKind> = grants(role).iter().map(|g| g.record).collect();
            let n = kinds.len();
            kinds.sort_by_key(|k| k.as_str());
            kinds.dedup();
            assert_eq!(kinds.len(), n, "{role} has one row per kind");
        }
    }

    #[test]
    fn a_dealer_bound_user_keeps_no_catalogue_through_an_office_role() {
        let a = actor(&[Role::Dealer, Role::Supervisor], Some(Uuid::from_u128(1)));
        assert!(!may(&a, RecordKind::ProductModel, Action::Create));
        assert!(!sees(&a, RecordKind::Engineer));
        assert_eq!(scope(&a, RecordKind::Customer), Scope::OwnDealer);
    }

    #[test]
    fn a_client_scope_narrows_what_its_role_may_do() {
        use ClientScope::*;
        assert!(scope_reads(&[RequestsRead], RecordKind::ServiceRequest));
        assert!(!scope_reads(&[RequestsRead], RecordKind::Customer));
        assert!(!scope_reads(&[EventsRead], RecordKind::ServiceRequest));
        assert!(scope_gives(&[RequestsWrite], Command::Intake));
        assert!(!scope_gives(&[RequestsRead], Command::Intake));
        assert!(!scope_gives(ClientScope::ALL, Command::Dispatch));
        assert!(scope_takes(
            &[MasterRead],
            RecordKind::Machine,
            Action::Export
        ));
        assert!(!scope_takes(
            &[MasterRead],
            RecordKind::Machine,
            Action::Create
        ));
        assert!(scope_follows_feed(&[EventsRead]));
        assert!(!scope_follows_feed(&[RequestsRead, MasterRead]));
        // Only administrators keep the clients.
        for role in Role::ALL {
            assert_eq!(
                role_may(role, RecordKind::ApiClient, Action::Create),
                role == Role::Admin,
                "{role}"
            );
        }
    }

    #[test]
    fn only_parts_clerks_keep_the_catalog_and_move_stock_and_dealers_see_their_own() {
        for role in Role::ALL {
            let a = actor(&[role], None);
            let clerk = role == Role::PartsClerk;
            assert_eq!(may(&a, RecordKind::Part, Action::Create), clerk, "{role}");
            assert_eq!(may(&a, RecordKind::Part, Action::Import), clerk, "{role}");
            assert_eq!(
                may(&a, RecordKind::Warehouse, Action::Update),
                clerk,
                "{role}"
            );
            assert_eq!(may_give(&a, Command::PostAdjustment), clerk, "{role}");
            assert_eq!(may_give(&a, Command::PostTransfer), clerk, "{role}");
            assert_eq!(
                may_give(&a, Command::PostReceipt),
                clerk || role == Role::Purchasing,
                "{role}"
            );
        }
        let eng = actor(&[Role::Engineer], None);
        assert_eq!(scope(&eng, RecordKind::StockMovement), Scope::All);
        let own = Uuid::from_u128(1);
        let d = actor(&[Role::Dealer], Some(own));
        assert_eq!(scope(&d, RecordKind::StockMovement), Scope::OwnDealer);
        assert_eq!(own_dealer(&d, RecordKind::Warehouse), Some(own));
        assert_eq!(scope(&d, RecordKind::Part), Scope::All);
        let f = actor(&[Role::Finance], None);
        assert!(!sees(&f, RecordKind::StockMovement));
    }

    #[test]
    fn kpis_are_read_by_supervisors_managers_and_admins_and_engineers_see_their_own() {
        for role in Role::ALL {
            let want = match role {
                Role::Admin | Role::Supervisor | Role::Manager => Scope::All,
                Role::Engineer => Scope::OwnWorkOrders,
                _ => Scope::None,
            };
            assert_eq!(
                scope(&actor(&[role], None), RecordKind::Kpi),
                want,
                "{role}"
            );
        }
        let both = actor(&[Role::Engineer, Role::Supervisor], None);
        assert_eq!(scope(&both, RecordKind::Kpi), Scope::All);
    }

    #[test]
    fn only_parts_clerks_take_stock_and_managers_read_it() {
        for role in Role::ALL {
            let a = actor(&[role], None);
            let clerk = role == Role::PartsClerk;
            for c in [
                Command::OpenStocktake,
                Command::CountStocktake,
                Command::ReconcileStocktake,
                Command::CancelStocktake,
            ] {
                assert_eq!(may_give_on(&a, RecordKind::Stocktake, c), clerk, "{role}");
            }
            let reads = matches!(
                role,
                Role::PartsClerk | Role::Manager | Role::Supervisor | Role::Admin
            );
            assert_eq!(sees(&a, RecordKind::Stocktake), reads, "{role}");
        }
        let d = actor(&[Role::Dealer], Some(Uuid::from_u128(1)));
        assert!(!sees(&d, RecordKind::Stocktake));
    }

    #[test]
    fn purchasing_advances_purchase_requests_clerks_raise_and_receive_managers_approve() {
        use Command::*;
        let cases: &[(Role, Scope, &[Command])] = &[
            (
                Role::Purchasing,
                Scope::All,
                &[
                    RequestPurchase,
                    ApprovePurchase,
                    OrderPurchase,
                    ReceivePurchase,
                    CancelPurchase,
                    NotePurchase,
                ],
            ),
            (
                Role::PartsClerk,
                Scope::All,
                &[RequestPurchase, ReceivePurchase, NotePurchase],
            ),
            (Role::Manager, Scope::All, &[ApprovePurchase]),
            (Role::Supervisor, Scope::All, &[]),
            (Role::Admin, Scope::All, &[]),
            (Role::Engineer, Scope::None, &[]),
            (Role::Agent, Scope::None, &[]),
            (Role::Finance, Scope::None, &[]),
            (Role::Dealer, Scope::None, &[]),
            (Role::Integration, Scope::None, &[]),
        ];
        assert_eq!(cases.len(), Role::ALL.len());
        for (role, want, commands) in cases {
            let a = actor(&[*role], Option::None);
            assert_eq!(scope(&a, RecordKind::PurchaseRequest), *want, "{role}");
            for c in crate::parts::purchasing::PURCHASE_COMMANDS
                .into_iter()
                .chain([RequestPurchase])
            {
                assert_eq!(
                    may_give_on(&a, RecordKind::PurchaseRequest, c),
                    commands.contains(&c),
                    "{role} {c}"
                );
            }
        }
        // A dealer-bound user gains nothing from an office role.
        let d = actor(&[Role::Dealer, Role::Purchasing], Some(Uuid::from_u128(1)));
        assert!(!sees(&d, RecordKind::PurchaseRequest));
    }

    #[test]
    fn only_parts_clerks_issue_engineers_ask_for_their_own_and_dealers_see_no_requisition() {
        for role in Role::ALL {
            let a = actor(&[role], None);
            let want = match role {
                Role::Admin
                | Role::Supervisor
                | Role::Manager
                | Role::PartsClerk
                | Role::Purchasing => Scope::All,
                Role::Engineer => Scope::OwnWorkOrders,
                _ => Scope::None,
            };
            assert_eq!(scope(&a, RecordKind::Requisition), want, "{role}");
            for c in [
                Command::IssueParts,
                Command::ReturnParts,
                Command::ExchangeParts,
                Command::CancelRequisition,
            ] {
                assert_eq!(
                    may_give_on(&a, RecordKind::Requisition, c),
                    role == Role::PartsClerk,
                    "{role} {c}"
                );
            }
            assert_eq!(
                may_give_on(&a, RecordKind::Requisition, Command::CreateRequisition),
                role == Role::Engineer,
                "{role}"
            );
        }
        let d = actor(&[Role::Dealer, Role::PartsClerk], Some(Uuid::from_u128(1)));
        assert!(!sees(&d, RecordKind::Requisition));
    }

    #[test]
    fn record_kinds_have_one_wire_name_each() {
        assert_eq!(RecordKind::ServiceRequest.as_str(), "service_request");
        assert_eq!(
            serde_json::to_string(&RecordKind::RepairReport).unwrap(),
            r#""repair_report""#
        );
        assert_eq!(RecordKind::parse("work_order"), Some(RecordKind::WorkOrder));
    }
}
