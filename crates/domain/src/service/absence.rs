//! Engineer absences (请假, 培训): the times an engineer cannot be sent,
//! recorded by supervisors and read by the dispatch ranking.

use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Why an engineer is away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AbsenceReason {
    /// 请假
    Leave,
    /// 培训
    Training,
    /// 其他
    Other,
}

impl AbsenceReason {
    pub const ALL: [AbsenceReason; 3] = [Self::Leave, Self::Training, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Leave => "leave",
            Self::Training => "training",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Body of `POST /engineers/{user_id}/absences`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateAbsence {
    /// The first moment away.
    pub from: DateTime<Utc>,
    /// The moment back (after `from`).
    pub to: DateTime<Utc>,
    pub reason: AbsenceReason,
    #[serde(default)]
    pub note: Option<String>,
}

/// The longest absence one record holds.
pub const MAX_ABSENCE_DAYS: i64 = 366;

impl CreateAbsence {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        if self.to <= self.from {
            v.error("to", "out_of_range", "the absence must end after it starts");
        } else if self.to - self.from > Duration::days(MAX_ABSENCE_DAYS) {
            v.error(
                "to",
                "out_of_range",
                format!("one absence lasts at most {MAX_ABSENCE_DAYS} days"),
            );
        }
        if let Some(n) = &self.note {
            v.max_chars("note", n, 500);
        }
        v.finish()
    }
}

/// An absence as the API shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AbsenceView {
    pub id: Uuid,
    pub engineer_id: Uuid,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub reason: AbsenceReason,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// An absence as the ranking reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Absence {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub reason: AbsenceReason,
}

impl Absence {
    /// Whether the absence overlaps `[start, end)` (touching ends do not).
    pub fn overlaps(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        self.from < end && start < self.to
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 1, h, 0, 0).unwrap()
    }

    #[test]
    fn overlap_excludes_touching_ends() {
        let a = Absence {
            from: t(8),
            to: t(12),
            reason: AbsenceReason::Leave,
        };
        assert!(a.overlaps(t(11), t(13)));
        assert!(a.overlaps(t(6), t(9)));
        assert!(a.overlaps(t(9), t(10)));
        assert!(a.overlaps(t(7), t(13)));
        assert!(!a.overlaps(t(12), t(14)));
        assert!(!a.overlaps(t(6), t(8)));
    }

    #[test]
    fn an_absence_ends_after_it_starts_and_within_a_year() {
        let ok = CreateAbsence {
            from: t(8),
            to: t(9),
            reason: AbsenceReason::Training,
            note: None,
        };
        assert!(ok.validate().is_ok());
        let backwards = CreateAbsence {
            to: t(8),
            ..ok.clone()
        };
        assert_eq!(backwards.validate().unwrap_err().fields(), vec!["to"]);
        let long = CreateAbsence {
            to: t(8) + Duration::days(367),
            ..ok
        };
        assert_eq!(long.validate().unwrap_err().fields(), vec!["to"]);
        assert_eq!(
            AbsenceReason::parse("training"),
            Some(AbsenceReason::Training)
        );
        assert_eq!(AbsenceReason::parse("holiday"), None);
    }
}
