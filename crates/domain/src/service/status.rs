//! The three state machines of DESIGN §3. Each lifecycle has one `transition`
//! method holding every allowed move in one `match`.

/// A move the state machine does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot go from {from} to {to}")]
pub struct TransitionError {
    pub from: &'static str,
    pub to: &'static str,
}

impl TransitionError {
    /// Nothing when the move `from` → `to` is `allowed`, else the error naming both.
    fn unless(allowed: bool, from: &'static str, to: &'static str) -> Result<(), Self> {
        if allowed {
            Ok(())
        } else {
            Err(Self { from, to })
        }
    }
}

wire_enum!(
    /// Where a service request (报修单) is.
    RequestStatus {
        /// 待派工
        New => "new",
        /// 已派工
        Dispatched => "dispatched",
        /// 维修中
        InService => "in_service",
        /// 待审核
        PendingReview => "pending_review",
        /// 待客户签字
        PendingSignoff => "pending_signoff",
        /// 已完成
        Completed => "completed",
        /// 远程解决
        ResolvedRemotely => "resolved_remotely",
        /// 已关闭 (followed up)
        Closed => "closed",
        /// 已取消
        Cancelled => "cancelled",
    }
);

wire_enum!(
    /// Where a work order (维修任务单) is.
    WorkOrderStatus {
        /// 已指派
        Assigned => "assigned",
        /// 已预约
        Scheduled => "scheduled",
        /// 已到场
        OnSite => "on_site",
        /// 已完工
        Finished => "finished",
        /// 已改派
        Reassigned => "reassigned",
        /// 已取消
        Cancelled => "cancelled",
    }
);

wire_enum!(
    /// Where a repair report (维修报告) is.
    ReportStatus {
        /// 草稿
        Draft => "draft",
        /// 已提交
        Submitted => "submitted",
        /// 已驳回
        Rejected => "rejected",
        /// 已审核
        Approved => "approved",
        /// 客户已签字
        Signed => "signed",
        /// 客户拒签
        SignatureRefused => "signature_refused",
        /// 拒签结案: closed after a refusal, without a signature (witnessed or as a complaint)
        ClosedUnsigned => "closed_unsigned",
    }
);

impl RequestStatus {
    /// Moves to `next`, or says why not.
    pub fn transition(self, next: Self) -> Result<Self, TransitionError> {
        use RequestStatus::*;
        let ok = matches!(
            (self, next),
            (New, Dispatched)
                | (New, ResolvedRemotely)
                | (New | Dispatched, Cancelled)
                | (Dispatched, InService)
                | (InService, PendingReview)
                // A rejected report sends the engineer back for another visit.
                | (PendingReview, Dispatched)
                // The customer refused and the supervisor orders rework.
                | (PendingSignoff, Dispatched)
                | (PendingReview, PendingSignoff)
                | (PendingSignoff, Completed)
                // Past the 三包 repair deadline the customer chose a new
                // machine (换货): the request completes, the repair unfinished.
                | (New | Dispatched | InService | PendingReview, Completed)
                | (Completed | ResolvedRemotely, Closed)
        );
        TransitionError::unless(ok, self.as_str(), next.as_str()).map(|()| next)
    }

    /// Still needs work (shown in the default list, counted for workload).
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            Self::Completed | Self::ResolvedRemotely | Self::Closed | Self::Cancelled
        )
    }
}

impl WorkOrderStatus {
    pub fn transition(self, next: Self) -> Result<Self, TransitionError> {
        use WorkOrderStatus::*;
        let ok = matches!(
            (self, next),
            (Assigned, Scheduled)
                | (Scheduled, Scheduled)
                | (Assigned | Scheduled, OnSite)
                | (OnSite, Finished)
                // Its report rejected: the engineer schedules and visits again.
                | (Finished, Assigned)
                | (Assigned | Scheduled, Reassigned)
                | (Assigned | Scheduled, Cancelled)
                // The machine replaced (换货) while the engineer is there.
                | (OnSite, Cancelled)
        );
        TransitionError::unless(ok, self.as_str(), next.as_str()).map(|()| next)
    }

    /// Not yet finished, reassigned or cancelled (at most one per request).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Assigned | Self::Scheduled | Self::OnSite)
    }
}

impl ReportStatus {
    pub fn transition(self, next: Self) -> Result<Self, TransitionError> {
        use ReportStatus::*;
        let ok = matches!(
            (self, next),
            (Draft, Draft)
                | (Draft, Submitted)
                | (Submitted, Approved)
                | (Submitted, Rejected)
                | (Rejected, Draft)
                | (Approved, Signed)
                | (Approved, SignatureRefused)
                | (SignatureRefused, Approved)
                // After a refusal: back to the engineer, or closed unsigned.
                | (SignatureRefused, Rejected)
                | (SignatureRefused, ClosedUnsigned)
        );
        TransitionError::unless(ok, self.as_str(), next.as_str()).map(|()| next)
    }

    /// The engineer may still change the content.
    pub fn is_editable(self) -> bool {
        matches!(self, Self::Draft | Self::Rejected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair of states: exactly the listed moves are allowed.
    fn check_all<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        step: impl Fn(T, T) -> bool,
        allowed: &[(T, T)],
    ) {
        for &a in all {
            for &b in all {
                assert_eq!(step(a, b), allowed.contains(&(a, b)), "{a:?} -> {b:?}");
            }
        }
    }

    #[test]
    fn request_moves_are_exactly_those_of_the_design() {
        use RequestStatus::*;
        check_all(
            RequestStatus::ALL,
            |a, b| a.transition(b).is_ok(),
            &[
                (New, Dispatched),
                (New, ResolvedRemotely),
                (New, Cancelled),
                (Dispatched, Cancelled),
                (Dispatched, InService),
                (InService, PendingReview),
                (PendingReview, Dispatched),
                (PendingSignoff, Dispatched),
                (PendingReview, PendingSignoff),
                (PendingSignoff, Completed),
                (New, Completed),
                (Dispatched, Completed),
                (InService, Completed),
                (PendingReview, Completed),
                (Completed, Closed),
                (ResolvedRemotely, Closed),
            ],
        );
    }

    #[test]
    fn closed_request_cannot_be_dispatched_again() {
        let err = RequestStatus::Closed
            .transition(RequestStatus::Dispatched)
            .unwrap_err();
        assert_eq!(err.to_string(), "cannot go from closed to dispatched");
    }

    #[test]
    fn work_order_moves_are_exactly_those_of_the_design() {
        use WorkOrderStatus::*;
        check_all(
            WorkOrderStatus::ALL,
            |a, b| a.transition(b).is_ok(),
            &[
                (Assigned, Scheduled),
                (Scheduled, Scheduled),
                (Assigned, OnSite),
                (Scheduled, OnSite),
                (OnSite, Finished),
                (Finished, Assigned),
                (Assigned, Reassigned),
                (Scheduled, Reassigned),
                (Assigned, Cancelled),
                (Scheduled, Cancelled),
                (OnSite, Cancelled),
            ],
        );
    }

    #[test]
    fn report_moves_are_exactly_those_of_the_design() {
        use ReportStatus::*;
        check_all(
            ReportStatus::ALL,
            |a, b| a.transition(b).is_ok(),
            &[
                (Draft, Draft),
                (Draft, Submitted),
                (Submitted, Approved),
                (Submitted, Rejected),
                (Rejected, Draft),
                (Approved, Signed),
                (Approved, SignatureRefused),
                (SignatureRefused, Approved),
                (SignatureRefused, Rejected),
                (SignatureRefused, ClosedUnsigned),
            ],
        );
    }

    #[test]
    fn open_states_are_the_unfinished_ones() {
        let open: Vec<_> = RequestStatus::ALL
            .iter()
            .copied()
            .filter(|s| s.is_open())
            .collect();
        use RequestStatus::*;
        assert_eq!(
            open,
            vec![New, Dispatched, InService, PendingReview, PendingSignoff]
        );
        assert!(WorkOrderStatus::OnSite.is_open() && !WorkOrderStatus::Reassigned.is_open());
        assert!(ReportStatus::Rejected.is_editable() && !ReportStatus::Submitted.is_editable());
    }

    #[test]
    fn names_round_trip() {
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(s.as_str()), Some(*s));
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.as_str())
            );
        }
        for s in WorkOrderStatus::ALL {
            assert_eq!(WorkOrderStatus::parse(s.as_str()), Some(*s));
        }
        for s in ReportStatus::ALL {
            assert_eq!(ReportStatus::parse(s.as_str()), Some(*s));
        }
    }
}
