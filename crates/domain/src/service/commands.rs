//! Who may give each command of the workflow: the one table the API checks
//! (object scope — own dealer, own work order — is applied by the store).

use crate::auth::Actor;
use crate::roles::{Permission, Role};

/// A command of the service workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Intake,
    RecordContact,
    Dispatch,
    Reassign,
    ResolveRemotely,
    Cancel,
    Schedule,
    CheckIn,
    Finish,
    SaveReport,
    SubmitReport,
    ApproveReport,
    RejectReport,
    CreateSignLink,
}

impl Command {
    pub const ALL: [Command; 14] = [
        Command::Intake,
        Command::RecordContact,
        Command::Dispatch,
        Command::Reassign,
        Command::ResolveRemotely,
        Command::Cancel,
        Command::Schedule,
        Command::CheckIn,
        Command::Finish,
        Command::SaveReport,
        Command::SubmitReport,
        Command::ApproveReport,
        Command::RejectReport,
        Command::CreateSignLink,
    ];

    /// Whether `actor` may give this command at all.
    pub fn allowed(self, actor: &Actor) -> bool {
        use Command::*;
        match self {
            Intake => actor.can(Permission::CreateServiceRequests),
            // The desk talks to customers and closes requests without a visit
            // (DESIGN §3: cancel by supervisor or agent).
            RecordContact | ResolveRemotely | Cancel => {
                actor.roles.contains(&Role::Agent) || actor.roles.contains(&Role::Supervisor)
            }
            Dispatch | Reassign => actor.can(Permission::DispatchWork),
            Schedule | CheckIn | Finish | SaveReport | SubmitReport => {
                actor.can(Permission::WorkOwnOrders)
            }
            ApproveReport | RejectReport | CreateSignLink => actor.can(Permission::ReviewReports),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: Uuid::nil(),
            username: role.as_str().into(),
            roles: vec![role],
            dealer_id: None,
        }
    }

    /// The whole table, command by role.
    #[test]
    fn each_command_is_allowed_to_exactly_its_roles() {
        use Command::*;
        use Role::*;
        let expected: &[(Command, &[Role])] = &[
            (Intake, &[Agent, Supervisor, Dealer, Integration]),
            (RecordContact, &[Agent, Supervisor]),
            (Dispatch, &[Supervisor]),
            (Reassign, &[Supervisor]),
            (ResolveRemotely, &[Agent, Supervisor]),
            (Cancel, &[Agent, Supervisor]),
            (Schedule, &[Engineer]),
            (CheckIn, &[Engineer]),
            (Finish, &[Engineer]),
            (SaveReport, &[Engineer]),
            (SubmitReport, &[Engineer]),
            (ApproveReport, &[Supervisor]),
            (RejectReport, &[Supervisor]),
            (CreateSignLink, &[Supervisor]),
        ];
        assert_eq!(expected.len(), Command::ALL.len());
        for (command, roles) in expected {
            for role in Role::ALL {
                assert_eq!(
                    command.allowed(&actor(role)),
                    roles.contains(&role),
                    "{command:?} by {role}"
                );
            }
        }
    }
}
