//! The commands of the service workflow. Who may give each one, on which kind
//! of record, is the permission table in [`crate::access`]; whether it can be
//! given to a record now is [`super::decide::available_commands`].

use crate::access;
use crate::auth::Actor;

wire_enum!(
    /// A command of the service workflow, as `actions` lists it.
    Command {
        Intake => "intake",
        RecordContact => "record_contact",
        Dispatch => "dispatch",
        Reassign => "reassign",
        ResolveRemotely => "resolve_remotely",
        Cancel => "cancel",
        Schedule => "schedule",
        CheckIn => "check_in",
        Finish => "finish",
        /// The customer acknowledges the finished visit on the engineer's phone
        /// (signature and satisfaction mark), before the review.
        Acknowledge => "acknowledge",
        SaveReport => "save_report",
        SubmitReport => "submit_report",
        ApproveReport => "approve_report",
        RejectReport => "reject_report",
        CreateSignLink => "create_sign_link",
        /// The customer signs through a sign-off link (no role: the link is the authority).
        Sign => "sign",
        /// The customer refuses to sign through a sign-off link.
        RefuseSignature => "refuse_signature",
        /// After a refusal, the supervisor sends the engineer back for another visit.
        ReworkAfterRefusal => "rework_after_refusal",
        /// After a refusal, the supervisor closes the request without a signature,
        /// with a witness and a reason.
        CloseUnsigned => "close_unsigned",
        /// After a refusal, the supervisor opens a complaint (客户投诉) and closes the request.
        OpenComplaint => "open_complaint",
        /// Past the 三包 repair deadline, records the customer's choice:
        /// continue the repair, or replace the machine (换货).
        RecordCustomerChoice => "record_customer_choice",
        /// A follow-up call (or mail, message, visit) that ended without an outcome.
        RecordFollowUpAttempt => "record_follow_up_attempt",
        /// What the customer said on the follow-up: closes the request.
        RecordFollowUpOutcome => "record_follow_up_outcome",
        /// After the configured failed attempts, closes the follow-up (and
        /// the request) as unreachable.
        CloseFollowUpUnreachable => "close_follow_up_unreachable",
        /// Receive parts into a warehouse (入库).
        PostReceipt => "post_receipt",
        /// Correct a warehouse's stock of a part, with a reason (库存调整).
        PostAdjustment => "post_adjustment",
        /// Move parts from one warehouse to another (调拨).
        PostTransfer => "post_transfer",
        /// Open a stock-take of a warehouse, freezing its books (盘点).
        OpenStocktake => "open_stocktake",
        /// Enter what was found on the shelf for a line of a stock-take.
        CountStocktake => "count_stocktake",
        /// Post the stock-take's adjustments and record its accuracy.
        ReconcileStocktake => "reconcile_stocktake",
        /// Abandon an open stock-take; nothing is posted.
        CancelStocktake => "cancel_stocktake",
        /// Raise a purchase request (采购申请).
        RequestPurchase => "request_purchase",
        /// Approve a requested purchase request.
        ApprovePurchase => "approve_purchase",
        /// Order an approved purchase request from a supplier (下单).
        OrderPurchase => "order_purchase",
        /// Receive parts of an ordered purchase request into a warehouse (到货入库).
        ReceivePurchase => "receive_purchase",
        /// Cancel a purchase request with a reason.
        CancelPurchase => "cancel_purchase",
        /// Add a progress note to a purchase request (进度备注).
        NotePurchase => "note_purchase",
        /// Ask for parts for one's own open work order (领用申请).
        CreateRequisition => "create_requisition",
        /// Issue a requisition's parts from a warehouse (发料).
        IssueParts => "issue_parts",
        /// Take unused issued parts back into a warehouse (退库).
        ReturnParts => "return_parts",
        /// Exchange faulty issued parts for good ones (退换).
        ExchangeParts => "exchange_parts",
        /// Cancel a requisition not yet fully issued.
        CancelRequisition => "cancel_requisition",
    }
);

impl Command {
    /// Whether `actor`'s roles let it give this command on some kind of record
    /// (the permission table; the record's scope and state are checked later).
    pub fn allowed(self, actor: &Actor) -> bool {
        access::may_give(actor, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::Role;
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
            (Acknowledge, &[Engineer]),
            (SaveReport, &[Engineer]),
            (SubmitReport, &[Engineer]),
            (ApproveReport, &[Supervisor]),
            (RejectReport, &[Supervisor]),
            (CreateSignLink, &[Engineer, Supervisor]),
            (Sign, &[]),
            (RefuseSignature, &[]),
            (ReworkAfterRefusal, &[Supervisor]),
            (CloseUnsigned, &[Supervisor]),
            (OpenComplaint, &[Supervisor]),
            (RecordCustomerChoice, &[Agent, Supervisor]),
            (RecordFollowUpAttempt, &[Agent, Supervisor]),
            (RecordFollowUpOutcome, &[Agent, Supervisor]),
            (CloseFollowUpUnreachable, &[Agent, Supervisor]),
            (PostReceipt, &[PartsClerk, Purchasing]),
            (PostAdjustment, &[PartsClerk]),
            (PostTransfer, &[PartsClerk]),
            (OpenStocktake, &[PartsClerk]),
            (CountStocktake, &[PartsClerk]),
            (ReconcileStocktake, &[PartsClerk]),
            (CancelStocktake, &[PartsClerk]),
            (RequestPurchase, &[PartsClerk, Purchasing]),
            (ApprovePurchase, &[Purchasing, Manager]),
            (OrderPurchase, &[Purchasing]),
            (ReceivePurchase, &[PartsClerk, Purchasing]),
            (CancelPurchase, &[Purchasing]),
            (NotePurchase, &[PartsClerk, Purchasing]),
            (CreateRequisition, &[Engineer]),
            (IssueParts, &[PartsClerk]),
            (ReturnParts, &[PartsClerk]),
            (ExchangeParts, &[PartsClerk]),
            (CancelRequisition, &[PartsClerk]),
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

    #[test]
    fn commands_travel_as_snake_case_names() {
        assert_eq!(
            serde_json::to_string(&[Command::Dispatch, Command::CheckIn]).unwrap(),
            r#"["dispatch","check_in"]"#
        );
        for c in Command::ALL {
            assert_eq!(Command::parse(c.as_str()), Some(*c));
        }
    }
}
