//! The follow-up call (客户回访) after a service: its states, the queue's
//! rules (what is due and what is overdue), the settings that govern it and
//! the records the API shows. The commands on it are decided in
//! [`super::decide::follow_ups`].

use super::types::Satisfaction;
use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

wire_enum!(
    /// Where a follow-up is.
    FollowUpStatus {
        /// 待回访
        Pending => "pending",
        /// 已回访
        Done => "done",
        /// 无法联系 (closed after the configured failed attempts)
        Unreachable => "unreachable",
    }
);

wire_enum!(
    /// How the customer was contacted.
    ContactMethod {
        /// 电话
        Phone => "phone",
        /// 邮件
        Email => "email",
        /// 短信
        Sms => "sms",
        /// 上门
        Visit => "visit",
    }
);

wire_enum!(
    /// A tab of the follow-up queue: `due` is pending and not yet past due,
    /// `overdue` pending and past due ([`is_overdue`]).
    FollowUpQueue {
        Due => "due",
        Overdue => "overdue",
        Done => "done",
        Unreachable => "unreachable",
    }
);

/// Overdue (回访逾期): still to make and past its due time.
pub fn is_overdue(status: FollowUpStatus, due_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    status == FollowUpStatus::Pending && due_at < now
}

/// Whether a pending follow-up with `failed_attempts` calls that did not
/// reach the customer may be closed as unreachable under `settings`.
pub fn may_close_unreachable(failed_attempts: i32, settings: &FollowUpSettings) -> bool {
    failed_attempts >= settings.max_failed_attempts
}

/// Whether an outcome counts in the satisfaction figures: only a follow-up
/// done with the customer reached (an unreachable one counts in none).
pub fn counts_in_satisfaction(status: FollowUpStatus) -> bool {
    status == FollowUpStatus::Done
}

/// `GET/PUT /settings/follow-up`: the rules of the follow-up calls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowUpSettings {
    /// Failed attempts (customer not reached) after which the follow-up may
    /// be closed as unreachable.
    pub max_failed_attempts: i32,
}

impl Default for FollowUpSettings {
    fn default() -> Self {
        FollowUpSettings {
            max_failed_attempts: 3,
        }
    }
}

impl crate::settings::Setting for FollowUpSettings {
    const KEY: &'static str = "follow_up";

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        if !(1..=20).contains(&self.max_failed_attempts) {
            v.error(
                "max_failed_attempts",
                "out_of_range",
                "max_failed_attempts must be between 1 and 20",
            );
        }
        v.finish()
    }
}

/// A follow-up as the decisions read and write it.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpRecord {
    pub id: Uuid,
    pub request_id: Uuid,
    pub due_at: DateTime<Utc>,
    pub status: FollowUpStatus,
    /// The method of the last attempt.
    pub method: Option<ContactMethod>,
    /// Every attempt, the reaching one included.
    pub attempts: i32,
    /// Attempts that did not reach the customer.
    pub failed_attempts: i32,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub reached: Option<bool>,
    pub satisfaction: Option<Satisfaction>,
    pub machine_running_normally: Option<bool>,
    pub comments: Option<String>,
    pub suggestions: Option<String>,
    pub completed_at: Option<DateTime<Utc>>,
    pub completed_by: Option<Uuid>,
    pub version: i32,
}

/// `POST /follow-ups/{id}/attempts` body: one call (or mail, message, visit)
/// that did not end in an outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowUpAttemptRequest {
    pub method: ContactMethod,
    /// Whether the customer was reached (reached but not able to talk now:
    /// `true`, and the outcome is recorded on a later call).
    pub reached: bool,
    #[serde(default)]
    pub note: Option<String>,
}

/// `POST /follow-ups/{id}/outcome` body: what the customer said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowUpOutcomeRequest {
    pub method: ContactMethod,
    /// 满意度, on the five-point scale.
    pub satisfaction: Satisfaction,
    /// 使用情况: `false` opens a new service request for the machine with
    /// `repeat_of` set to this one.
    pub machine_running_normally: bool,
    /// 意见 (required when the machine does not run normally: it is the new
    /// request's description).
    #[serde(default)]
    pub comments: Option<String>,
    /// 建议
    #[serde(default)]
    pub suggestions: Option<String>,
}

/// `POST /follow-ups/{id}/close-unreachable` body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowUpCloseRequest {
    #[serde(default)]
    pub note: Option<String>,
}

impl FollowUpAttemptRequest {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.optional_max_chars("note", self.note.as_deref(), 2000);
        v.finish()
    }
}

impl FollowUpOutcomeRequest {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.optional_max_chars("comments", self.comments.as_deref(), 4000);
        v.optional_max_chars("suggestions", self.suggestions.as_deref(), 4000);
        if !self.machine_running_normally
            && self.comments.as_deref().is_none_or(|c| c.trim().is_empty())
        {
            v.error(
                "comments",
                "required",
                "say what is wrong with the machine: it describes the new request",
            );
        }
        v.finish()
    }
}

impl FollowUpCloseRequest {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.optional_max_chars("note", self.note.as_deref(), 2000);
        v.finish()
    }
}

/// Filters of `GET /follow-ups`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct FollowUpFilters {
    /// `due` (pending, not past due), `overdue` (pending, past due), `done`
    /// or `unreachable`; all when absent.
    #[cfg_attr(feature = "openapi", param(inline))]
    pub state: Option<FollowUpQueue>,
    /// Only those due at or after this time.
    pub due_from: Option<DateTime<Utc>>,
    /// Only those due before this time.
    pub due_before: Option<DateTime<Utc>>,
    /// Only those of requests this engineer worked on (the request's engineer).
    pub engineer_id: Option<Uuid>,
    pub dealer_id: Option<Uuid>,
    /// Only those of this request (none when the caller may not see it).
    pub service_request_id: Option<Uuid>,
    /// Part of the request number, or the customer's name, phone or code.
    pub q: Option<String>,
}

/// A row of the follow-up queue, and the follow-up's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpView {
    pub id: Uuid,
    pub request_id: Uuid,
    pub request_number: String,
    /// The request's status (`closed` once the follow-up is done or closed).
    pub request_status: super::status::RequestStatus,
    pub customer_id: Uuid,
    pub customer_name: String,
    pub customer_phone: Option<String>,
    pub machine_serial: Option<String>,
    pub model_name: Option<String>,
    pub engineer_id: Option<Uuid>,
    pub engineer_name: Option<String>,
    pub dealer_id: Option<Uuid>,
    /// What the customer reported.
    pub symptoms: String,
    pub due_at: DateTime<Utc>,
    pub status: FollowUpStatus,
    /// Pending and past due ([`is_overdue`]).
    pub overdue: bool,
    pub method: Option<ContactMethod>,
    pub attempts: i32,
    pub failed_attempts: i32,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub reached: Option<bool>,
    pub satisfaction: Option<Satisfaction>,
    pub machine_running_normally: Option<bool>,
    pub comments: Option<String>,
    pub suggestions: Option<String>,
    pub completed_at: Option<DateTime<Utc>>,
    /// The request a "not running normally" outcome opened.
    pub repeat_request_id: Option<Uuid>,
    pub repeat_request_number: Option<String>,
    /// Failed attempts after which it may be closed as unreachable.
    pub max_failed_attempts: i32,
    pub version: i32,
    /// The commands the caller may give on it now.
    pub actions: Vec<super::commands::Command>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn only_a_pending_follow_up_past_its_due_time_is_overdue() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let past = now - Duration::minutes(1);
        assert!(is_overdue(FollowUpStatus::Pending, past, now));
        assert!(!is_overdue(FollowUpStatus::Pending, now, now));
        assert!(!is_overdue(FollowUpStatus::Done, past, now));
        assert!(!is_overdue(FollowUpStatus::Unreachable, past, now));
    }

    #[test]
    fn unreachable_needs_the_configured_failed_attempts() {
        let s = FollowUpSettings::default();
        assert_eq!(s.max_failed_attempts, 3);
        assert!(!may_close_unreachable(2, &s));
        assert!(may_close_unreachable(3, &s));
        let one = FollowUpSettings {
            max_failed_attempts: 1,
        };
        assert!(may_close_unreachable(1, &one));
        assert!(!may_close_unreachable(0, &one));
    }

    #[test]
    fn an_unreachable_follow_up_counts_in_no_satisfaction_figure() {
        assert!(counts_in_satisfaction(FollowUpStatus::Done));
        assert!(!counts_in_satisfaction(FollowUpStatus::Unreachable));
        assert!(!counts_in_satisfaction(FollowUpStatus::Pending));
    }

    #[test]
    fn a_machine_not_running_normally_needs_a_description() {
        let mut o = FollowUpOutcomeRequest {
            method: ContactMethod::Phone,
            satisfaction: Satisfaction::Dissatisfied,
            machine_running_normally: false,
            comments: Some("  ".into()),
            suggestions: None,
        };
        assert_eq!(o.validate().unwrap_err().fields(), vec!["comments"]);
        o.comments = Some("漏油".into());
        assert!(o.validate().is_ok());
    }
}
