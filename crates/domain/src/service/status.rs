//! The three state machines of DESIGN §3. Each lifecycle has one `transition`
//! method holding every allowed move in one `match`.

use serde::{Deserialize, Serialize};

/// A move the state machine does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot go from {from} to {to}")]
pub struct TransitionError {
    pub from: &'static str,
    pub to: &'static str,
}

/// Where a service request (报修单) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// 待派工
    New,
    /// 已派工
    Dispatched,
    /// 维修中
    InService,
    /// 待审核
    PendingReview,
    /// 待客户签字
    PendingSignoff,
    /// 已完成
    Completed,
    /// 远程解决
    ResolvedRemotely,
    /// 已关闭 (followed up)
    Closed,
    /// 已取消
    Cancelled,
}

/// Where a work order (维修任务单) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WorkOrderStatus {
    /// 已指派
    Assigned,
    /// 已预约
    Scheduled,
    /// 已到场
    OnSite,
    /// 已完工
    Finished,
    /// 已改派
    Reassigned,
    /// 已取消
    Cancelled,
}

/// Where a repair report (维修报告) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    /// 草稿
    Draft,
    /// 已提交
    Submitted,
    /// 已驳回
    Rejected,
    /// 已审核
    Approved,
    /// 客户已签字
    Signed,
    /// 客户拒签
    SignatureRefused,
}

macro_rules! names {
    ($t:ty { $($v:ident => $s:literal),+ $(,)? }) => {
        impl $t {
            pub const ALL: &'static [$t] = &[$(<$t>::$v),+];
            pub fn as_str(self) -> &'static str { match self { $(<$t>::$v => $s),+ } }
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some(<$t>::$v),)+ _ => None } }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

names!(RequestStatus {
    New => "new", Dispatched => "dispatched", InService => "in_service", PendingReview => "pending_review",
    PendingSignoff => "pending_signoff", Completed => "completed", ResolvedRemotely => "resolved_remotely",
    Closed => "closed", Cancelled => "cancelled",
});
names!(WorkOrderStatus {
    Assigned => "assigned", Scheduled => "scheduled", OnSite => "on_site", Finished => "finished",
    Reassigned => "reassigned", Cancelled => "cancelled",
});
names!(ReportStatus {
    Draft => "draft", Submitted => "submitted", Rejected => "rejected", Approved => "approved",
    Signed => "signed", SignatureRefused => "signature_refused",
});

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
                | (PendingReview, InService)
                | (PendingReview, PendingSignoff)
                | (PendingSignoff, Completed)
                | (Completed | ResolvedRemotely, Closed)
        );
        if ok {
            Ok(next)
        } else {
            Err(TransitionError {
                from: self.as_str(),
                to: next.as_str(),
            })
        }
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
                | (Assigned | Scheduled, Reassigned)
                | (Assigned | Scheduled, Cancelled)
        );
        if ok {
            Ok(next)
        } else {
            Err(TransitionError {
                from: self.as_str(),
                to: next.as_str(),
            })
        }
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
        );
        if ok {
            Ok(next)
        } else {
            Err(TransitionError {
                from: self.as_str(),
                to: next.as_str(),
            })
        }
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
                (PendingReview, InService),
                (PendingReview, PendingSignoff),
                (PendingSignoff, Completed),
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
                (Assigned, Reassigned),
                (Scheduled, Reassigned),
                (Assigned, Cancelled),
                (Scheduled, Cancelled),
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
