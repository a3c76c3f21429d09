//! The permission table of the service workflow: for each role, the commands it
//! may give on each kind of record and which of those records it sees.
//!
//! The API asks [`may_give`] before a command and [`sees`] before a read; the
//! store's scoped loaders filter by [`scope`]; the views' `actions` are the
//! table intersected with the records' state. One table, so the four places
//! that once decided "who may" can no longer disagree.

use crate::auth::Actor;
use crate::roles::Role;
use crate::service::commands::Command;

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
    }
);

/// Which records of a kind a role sees. Ordered from narrowest to widest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// None: reading one answers 403, a record named by id 404.
    None,
    /// Those of the work orders assigned to the actor (a field engineer).
    OwnWorkOrders,
    /// Those of the actor's dealer (its customers' requests).
    OwnDealer,
    /// Every record of the kind.
    All,
}

/// One row of the table: a role's scope on a kind of record and the commands
/// it may give there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    pub record: RecordKind,
    pub scope: Scope,
    pub commands: &'static [Command],
}

const fn grant(record: RecordKind, scope: Scope, commands: &'static [Command]) -> Grant {
    Grant {
        record,
        scope,
        commands,
    }
}

/// The table. A kind a role has no row for is [`Scope::None`] with no commands.
pub fn grants(role: Role) -> &'static [Grant] {
    match role {
        Role::Agent => AGENT,
        Role::Supervisor => SUPERVISOR,
        Role::Engineer => ENGINEER,
        Role::Admin | Role::Manager => READER,
        Role::Dealer | Role::Integration => DEALER,
        Role::PartsClerk | Role::Purchasing | Role::Finance => &[],
    }
}

use Command::*;
use RecordKind::{RepairReport, ServiceRequest, WorkOrder};
use Scope::{All, OwnDealer, OwnWorkOrders};

// The desk talks to customers and closes requests without a visit (DESIGN §3:
// cancel by supervisor or agent).
const AGENT: &[Grant] = &[
    grant(
        ServiceRequest,
        All,
        &[Intake, RecordContact, ResolveRemotely, Cancel],
    ),
    grant(WorkOrder, All, &[]),
    grant(RepairReport, All, &[]),
];

const SUPERVISOR: &[Grant] = &[
    grant(
        ServiceRequest,
        All,
        &[Intake, RecordContact, Dispatch, ResolveRemotely, Cancel],
    ),
    grant(WorkOrder, All, &[Reassign]),
    grant(
        RepairReport,
        All,
        &[ApproveReport, RejectReport, CreateSignLink],
    ),
];

// A field engineer works the orders assigned to them; the report is saved
// through its work order.
const ENGINEER: &[Grant] = &[
    grant(ServiceRequest, OwnWorkOrders, &[]),
    grant(
        WorkOrder,
        OwnWorkOrders,
        &[Schedule, CheckIn, Finish, SaveReport],
    ),
    grant(RepairReport, OwnWorkOrders, &[SaveReport, SubmitReport]),
];

// Administrators and managers read the workflow and give none of its commands.
const READER: &[Grant] = &[
    grant(ServiceRequest, All, &[]),
    grant(WorkOrder, All, &[]),
    grant(RepairReport, All, &[]),
];

// Dealers and integrations follow their customers' requests, not the service
// department's work orders and reports.
const DEALER: &[Grant] = &[grant(ServiceRequest, OwnDealer, &[Intake])];

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
    fn record_kinds_have_one_wire_name_each() {
        assert_eq!(RecordKind::ServiceRequest.as_str(), "service_request");
        assert_eq!(
            serde_json::to_string(&RecordKind::RepairReport).unwrap(),
            r#""repair_report""#
        );
        assert_eq!(RecordKind::parse("work_order"), Some(RecordKind::WorkOrder));
    }
}
