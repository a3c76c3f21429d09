//! Waiting for parts (待配件): a request waits while a requisition of its
//! work orders has a line found short (outstanding, none in the warehouse;
//! `parts::requisition::shortages`). The wait shows outside as the public
//! status `waiting_for_parts` (`public_status`), on the request's page, in
//! its timeline and in the change feed, so the desk, the supervisor and the
//! dealer all know the repair is held by parts, not by the engineer.

use super::RequestStatus;
use crate::audit::AuditAction;

/// Whether a request in `status` can be held by parts: a visit is booked or
/// under way and the machine is not repaired yet. A shortage on the
/// paperwork after the repair (a report's parts booked out late) holds no
/// repair.
pub fn can_wait(status: RequestStatus, repaired: bool) -> bool {
    matches!(status, RequestStatus::Dispatched | RequestStatus::InService) && !repaired
}

/// What a change of the request's requisitions does to its wait, given
/// whether it waited before and whether a line is short now: the wait
/// begins (`parts_awaited`) when a line became short while the repair can
/// wait; it ends (`parts_wait_ended`) once no line is short (the parts came
/// and were issued, or the requisition was cancelled); else nothing.
pub fn decide(
    waiting: bool,
    short_now: bool,
    status: RequestStatus,
    repaired: bool,
) -> Option<AuditAction> {
    match (waiting, short_now) {
        (false, true) if can_wait(status, repaired) => Some(AuditAction::PartsAwaited),
        (true, false) => Some(AuditAction::PartsWaitEnded),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RequestStatus::*;

    #[test]
    fn a_shortage_on_a_booked_or_running_visit_begins_the_wait() {
        for s in [Dispatched, InService] {
            assert_eq!(
                decide(false, true, s, false),
                Some(AuditAction::PartsAwaited)
            );
        }
    }

    #[test]
    fn a_shortage_after_the_repair_or_outside_a_visit_holds_nothing() {
        assert_eq!(decide(false, true, InService, true), None);
        for s in [
            New,
            PendingReview,
            PendingSignoff,
            Completed,
            Closed,
            Cancelled,
            ResolvedRemotely,
        ] {
            assert_eq!(decide(false, true, s, false), None, "{s}");
        }
    }

    #[test]
    fn the_wait_ends_when_no_line_is_short_whatever_the_state() {
        for s in RequestStatus::ALL {
            assert_eq!(
                decide(true, false, *s, true),
                Some(AuditAction::PartsWaitEnded)
            );
        }
        // Still short, or never short: no change.
        assert_eq!(decide(true, true, InService, false), None);
        assert_eq!(decide(false, false, InService, false), None);
    }
}
