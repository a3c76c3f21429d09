//! The follow-up calls (客户回访) of the demo history, made through the real
//! commands at their time: most customers reached on the first call with
//! various satisfaction, some after missed calls, one never reached (closed
//! as unreachable), one whose machine does not run normally (a repeat
//! request opened, the most recent, so it still waits for dispatch); those
//! due in the last days stay pending (overdue), those not yet due too, and
//! the latest remote resolution's call is not made yet either (the desk
//! calls back the repairs first), so a consultation still shows resolved.

use crate::clock::Clock;
use crate::entities::{follow_up, service_request};
use crate::error::StoreError;
use crate::service::follow_ups;
use crate::{Store, settings};
use chrono::{DateTime, Duration, Utc};
use furrow_domain::auth::Actor;
use furrow_domain::service::follow_up::{
    ContactMethod, FollowUpAttemptRequest, FollowUpCloseRequest, FollowUpOutcomeRequest,
    FollowUpSettings, FollowUpStatus,
};
use furrow_domain::service::{RequestStatus, Satisfaction};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// The marks customers give, in turn.
const MARKS: [Satisfaction; 9] = [
    Satisfaction::VerySatisfied,
    Satisfaction::Satisfied,
    Satisfaction::Satisfied,
    Satisfaction::VerySatisfied,
    Satisfaction::Neutral,
    Satisfaction::Satisfied,
    Satisfaction::VerySatisfied,
    Satisfaction::Dissatisfied,
    Satisfaction::Satisfied,
];

/// Follow-ups due within this long before the end are left to make (overdue).
const LEFT_OVERDUE: Duration = Duration::days(3);

/// Makes the calls of every follow-up due before `end` less [`LEFT_OVERDUE`].
/// Returns the number of commands run and of repeat requests opened.
pub async fn call(
    store: &Store,
    clock: &Clock,
    agent: &Actor,
    end: DateTime<Utc>,
) -> Result<(usize, usize), StoreError> {
    let rules = settings::cached::<FollowUpSettings>(store).await?.0;
    let mut due: Vec<follow_up::Model> = follow_up::Entity::find()
        .filter(follow_up::Column::Status.eq(FollowUpStatus::Pending.as_str()))
        .filter(follow_up::Column::DueAt.lt(end - LEFT_OVERDUE))
        .order_by_asc(follow_up::Column::DueAt)
        .order_by_asc(follow_up::Column::Id)
        .all(store.conn())
        .await?;
    let remote = service_request::Entity::find()
        .filter(service_request::Column::Status.eq(RequestStatus::ResolvedRemotely.as_str()))
        .all(store.conn())
        .await?;
    if let Some(pos) = due
        .iter()
        .rposition(|f| remote.iter().any(|r| r.id == f.request_id))
    {
        due.remove(pos);
    }
    let last = due.len().saturating_sub(1);
    let mut commands = 0;
    for (i, f) in due.iter().enumerate() {
        let mut at = f.due_at + Duration::hours(1 + (i % 5) as i64);
        let mut version = f.version;
        // The one never reached, and some reached after missed calls.
        let missed = match i {
            7 => rules.max_failed_attempts,
            _ if i % 6 == 2 => 1 + (i % 2) as i32,
            _ => 0,
        };
        for _ in 0..missed {
            clock.set(at);
            let input = FollowUpAttemptRequest {
                method: ContactMethod::Phone,
                reached: false,
                note: Some("无人接听".into()),
            };
            let v = follow_ups::record_attempt(store, agent, f.id, Some(version), &input).await?;
            (version, at, commands) = (v.version, at + Duration::hours(3), commands + 1);
        }
        clock.set(at);
        if missed >= rules.max_failed_attempts {
            let input = FollowUpCloseRequest {
                note: Some("多次电话未接通，短信亦无回复".into()),
            };
            follow_ups::close_unreachable(store, agent, f.id, Some(version), &input).await?;
            commands += 1;
            continue;
        }
        let normal = i != last;
        let input = FollowUpOutcomeRequest {
            method: if i % 11 == 4 {
                ContactMethod::Sms
            } else {
                ContactMethod::Phone
            },
            satisfaction: if normal {
                MARKS[i % MARKS.len()]
            } else {
                Satisfaction::Dissatisfied
            },
            machine_running_normally: normal,
            comments: (!normal).then(|| "修好后用了两天，同样的故障又出现了".into()),
            suggestions: (i % 4 == 1).then(|| "希望农忙前上门保养检查".into()),
        };
        follow_ups::record_outcome(store, agent, f.id, Some(version), &input).await?;
        commands += 1;
    }
    // The last one found the machine not running normally.
    Ok((commands, usize::from(!due.is_empty())))
}
