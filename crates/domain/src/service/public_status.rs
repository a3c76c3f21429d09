//! The status a dealer's system pulls (issue #21, item 2): a small public
//! vocabulary instead of the internal workflow's states, so that a review
//! step, a rejected report or a signature round never shows outside, and the
//! internal states can change without breaking the dealers' systems.
//!
//! [`public_status`] is the one place the internal states map to it;
//! [`PublicStatusView`] is everything such a system reads of a request:
//! its number, the public status and the promised and actual times, never a
//! note, a cost, a report or an internal id.

use super::RequestStatus;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

wire_enum!(
    /// Where a request is, as a dealer's system sees it.
    PublicStatus {
        /// Recorded by the service desk; no engineer booked yet (已受理).
        Received => "received",
        /// An engineer is booked for a visit (已安排).
        Scheduled => "scheduled",
        /// The engineer has arrived and is working on the machine (工程师已到场).
        EngineerOnSite => "engineer_on_site",
        /// The repair waits for parts to arrive (待配件): a part the visit
        /// needs was found short in the warehouse (`service::parts_wait`).
        WaitingForParts => "waiting_for_parts",
        /// The machine works again (or was replaced, or the fault was solved
        /// by phone); the service's paperwork may still be under way (已修复).
        Repaired => "repaired",
        /// The service is over and followed up (已关闭).
        Closed => "closed",
        /// The request was withdrawn before service (已取消).
        Cancelled => "cancelled",
    }
);

/// The public status of a request in `status`, `repaired` when the engineer
/// finished the repair on site (the request's `repaired_at` is set),
/// `waiting` while it waits for parts (`service::parts_wait`).
///
/// A report's review and the customer's signature follow the repair inside
/// the service department: outside, the machine is repaired. A rejected
/// report sends the request back to `dispatched` for another visit: outside,
/// a visit is scheduled again.
pub fn public_status(status: RequestStatus, repaired: bool, waiting: bool) -> PublicStatus {
    use RequestStatus::*;
    if waiting && super::parts_wait::can_wait(status, repaired) {
        return PublicStatus::WaitingForParts;
    }
    match status {
        New => PublicStatus::Received,
        Dispatched => PublicStatus::Scheduled,
        InService if repaired => PublicStatus::Repaired,
        InService => PublicStatus::EngineerOnSite,
        PendingReview | PendingSignoff | Completed | ResolvedRemotely => PublicStatus::Repaired,
        Closed => PublicStatus::Closed,
        Cancelled => PublicStatus::Cancelled,
    }
}

/// A request as a dealer's system reads it (`GET
/// /service-requests/by-number/{number}` and `GET /service-requests/status`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "number": "SR-20260611-0042",
    "status": "engineer_on_site",
    "reported_at": "2026-06-11T06:12:00Z",
    "promised_arrival_at": "2026-06-11T14:00:00Z",
    "arrived_at": "2026-06-11T13:40:00Z",
    "repair_due": "2026-06-14T06:12:00Z",
    "repaired_at": null,
    "closed_at": null,
    "updated_at": "2026-06-11T13:40:00Z"
})))]
pub struct PublicStatusView {
    /// The request's number (`SR-…`), the key the dealer's system knows it by.
    #[cfg_attr(feature = "openapi", schema(example = "SR-20260611-0042"))]
    pub number: String,
    pub status: PublicStatus,
    /// When the customer reported the fault.
    pub reported_at: DateTime<Utc>,
    /// The arrival time the customer was promised, once told.
    pub promised_arrival_at: Option<DateTime<Utc>>,
    /// When the engineer arrived on site.
    pub arrived_at: Option<DateTime<Utc>>,
    /// The latest time the repair is due by (the SLA or the 三包 rule).
    pub repair_due: Option<DateTime<Utc>>,
    /// When the repair was finished on site.
    pub repaired_at: Option<DateTime<Utc>>,
    /// When the request was closed or cancelled.
    pub closed_at: Option<DateTime<Utc>>,
    /// The last change of the request (the order of the status list).
    pub updated_at: DateTime<Utc>,
}

/// `GET /service-requests/status` answer: a page of public statuses,
/// oldest change first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicStatusPage {
    pub items: Vec<PublicStatusView>,
    /// Cursor of the next page (the same `changed_since`); absent on the
    /// last page. Once at the end, ask again later with `changed_since` set
    /// to the last item's `updated_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_internal_state_maps_to_exactly_the_public_status_listed() {
        use PublicStatus as P;
        use RequestStatus::*;
        let expected = |s: RequestStatus, repaired: bool| match (s, repaired) {
            (New, _) => P::Received,
            (Dispatched, _) => P::Scheduled,
            (InService, false) => P::EngineerOnSite,
            (InService, true) => P::Repaired,
            (PendingReview | PendingSignoff | Completed | ResolvedRemotely, _) => P::Repaired,
            (Closed, _) => P::Closed,
            (Cancelled, _) => P::Cancelled,
        };
        let mut seen = 0;
        for s in RequestStatus::ALL {
            for repaired in [false, true] {
                assert_eq!(
                    public_status(*s, repaired, false),
                    expected(*s, repaired),
                    "{s}"
                );
                seen += 1;
            }
        }
        assert_eq!(seen, 18, "every internal state, repaired or not");
    }

    #[test]
    fn a_visit_held_by_parts_shows_waiting_for_parts_until_repaired() {
        use PublicStatus as P;
        use RequestStatus::*;
        assert_eq!(public_status(Dispatched, false, true), P::WaitingForParts);
        assert_eq!(public_status(InService, false, true), P::WaitingForParts);
        // Repaired, or past the visit: the wait no longer shows.
        assert_eq!(public_status(InService, true, true), P::Repaired);
        assert_eq!(public_status(PendingReview, true, true), P::Repaired);
        assert_eq!(public_status(Cancelled, false, true), P::Cancelled);
    }

    #[test]
    fn a_review_or_a_signature_round_never_shows_outside() {
        for s in [RequestStatus::PendingReview, RequestStatus::PendingSignoff] {
            assert_eq!(public_status(s, true, false), PublicStatus::Repaired);
        }
    }

    #[test]
    fn the_public_vocabulary_is_the_seven_promised_words() {
        let words: Vec<&str> = PublicStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            words,
            [
                "received",
                "scheduled",
                "engineer_on_site",
                "waiting_for_parts",
                "repaired",
                "closed",
                "cancelled"
            ]
        );
    }

    #[test]
    fn the_view_carries_no_internal_field() {
        let v = PublicStatusView {
            number: "SR-1".into(),
            status: PublicStatus::Received,
            reported_at: DateTime::<Utc>::UNIX_EPOCH,
            promised_arrival_at: None,
            arrived_at: None,
            repair_due: None,
            repaired_at: None,
            closed_at: None,
            updated_at: DateTime::<Utc>::UNIX_EPOCH,
        };
        let json = serde_json::to_value(&v).unwrap();
        let mut keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "arrived_at",
                "closed_at",
                "number",
                "promised_arrival_at",
                "repair_due",
                "repaired_at",
                "reported_at",
                "status",
                "updated_at"
            ]
        );
    }
}
