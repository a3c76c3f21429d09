//! The engineers' absences the demo starts with, recorded by the supervisor
//! through the real command at the end of the history: one engineer away
//! now and two away later, so the roster and the dispatch ranking show
//! absences both current and upcoming. All in the 哈尔滨 group: the
//! engineers near the other dealers are free.

use super::master::CREW;
use crate::Store;
use crate::absences;
use crate::error::StoreError;
use chrono::{DateTime, Duration, Utc};
use furrow_domain::auth::Actor;
use furrow_domain::service::absence::{AbsenceReason, CreateAbsence};

/// (index into [`CREW`], hours from the end of the history to the first
/// moment away and to the moment back, reason, note)
const PLAN: [(usize, i64, i64, AbsenceReason, &str); 3] = [
    (1, -26, 50, AbsenceReason::Leave, "家中有事请假"),
    (2, 4 * 24, 6 * 24, AbsenceReason::Training, "新机型培训"),
    (1, 10 * 24, 11 * 24, AbsenceReason::Other, "年度体检"),
];

/// Records [`PLAN`] around `end` as `supervisor`; `engineers` in [`CREW`] order.
pub(super) async fn record(
    store: &Store,
    supervisor: &Actor,
    engineers: &[Actor],
    end: DateTime<Utc>,
) -> Result<(), StoreError> {
    debug_assert_eq!(engineers.len(), CREW.len());
    for (who, from, to, reason, note) in PLAN {
        let input = CreateAbsence {
            from: end + Duration::hours(from),
            to: end + Duration::hours(to),
            reason,
            note: Some(note.into()),
        };
        absences::create_once(store, supervisor, engineers[who].user_id, &input, None).await?;
    }
    Ok(())
}
