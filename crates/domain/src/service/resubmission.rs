//! A report sent back (驳回) and written again: what changed since the
//! rejection, and whether the rejection comment was answered.

use crate::audit::AuditEventView;
use crate::service::status::ReportStatus;
use crate::service::types::{PartLine, ReportDraft};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One report field whose text differs from the rejected version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    /// `process`, `cause`, `measures`, `further_problems`, `proposals`, `labour_hours`.
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What the engineer changed after the supervisor rejected the report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportChanges {
    pub fields: Vec<FieldChange>,
    /// Part lines in the new version that the rejected one did not have.
    pub parts_added: Vec<PartLine>,
    /// Part lines of the rejected version that are gone.
    pub parts_removed: Vec<PartLine>,
}

impl ReportChanges {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.parts_added.is_empty() && self.parts_removed.is_empty()
    }
}

/// The last rejection of a report, as its view shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportRejection {
    pub comment: Option<String>,
    /// Who rejected it (display name).
    pub rejected_by: Option<String>,
    pub rejected_at: DateTime<Utc>,
    /// When the report was submitted again: the comment is answered.
    pub answered_at: Option<DateTime<Utc>>,
    /// Changes from the rejected version to the resubmitted one; absent
    /// until it is resubmitted (or when the rejected version was not kept).
    pub changes: Option<ReportChanges>,
}

/// Compares the version the supervisor rejected with the one submitted
/// again. A changed quantity shows as the old line removed and the new one
/// added; a line kept as it was is not listed.
pub fn changes_since_rejection(rejected: &ReportDraft, resubmitted: &ReportDraft) -> ReportChanges {
    let texts = |d: &ReportDraft| {
        [
            ("process", Some(d.process.clone())),
            ("cause", Some(d.cause.clone())),
            ("measures", Some(d.measures.clone())),
            ("further_problems", d.further_problems.clone()),
            ("proposals", d.proposals.clone()),
            ("labour_hours", Some(d.labour_hours.normalize().to_string())),
        ]
    };
    let fields = texts(rejected)
        .into_iter()
        .zip(texts(resubmitted))
        .filter(|((_, before), (_, after))| before != after)
        .map(|((field, before), (_, after))| FieldChange {
            field: field.into(),
            before,
            after,
        })
        .collect();
    ReportChanges {
        fields,
        parts_added: missing_from(&resubmitted.parts, &rejected.parts),
        parts_removed: missing_from(&rejected.parts, &resubmitted.parts),
    }
}

/// The lines of `lines` not matched one-for-one by a line of `other`
/// (duplicates count: two equal lines against one leaves one).
fn missing_from(lines: &[PartLine], other: &[PartLine]) -> Vec<PartLine> {
    let mut left: Vec<&PartLine> = other.iter().collect();
    lines
        .iter()
        .filter(|l| match left.iter().position(|o| same_line(o, l)) {
            Some(i) => {
                left.remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

fn same_line(a: &PartLine, b: &PartLine) -> bool {
    a.part_number == b.part_number
        && a.name == b.name
        && a.unit == b.unit
        && a.quantity.normalize() == b.quantity.normalize()
}

/// When a rejected report was submitted again, answering the rejection:
/// a rejection leaves the report `rejected`, so a report past submission
/// carries a rejection's answer in its latest submission time.
pub fn answered_at(
    status: ReportStatus,
    submitted_at: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    match status {
        ReportStatus::Draft | ReportStatus::Rejected => None,
        _ => submitted_at,
    }
}

/// Marks each `report_rejected` event of a request's timeline answered
/// (`answered_at` in its details) by the first `report_submitted` event of
/// the same work order after it; `events` are oldest first, as recorded (a
/// clock standing still gives equal times).
pub fn mark_answered(events: &mut [AuditEventView]) {
    for i in 0..events.len() {
        if events[i].action != "report_rejected" {
            continue;
        }
        let wo = &events[i].changes["work_order"];
        let answer = events[i + 1..]
            .iter()
            .find(|e| e.action == "report_submitted" && e.changes["work_order"] == *wo)
            .map(|e| e.at);
        if let Some(obj) = events[i].changes.as_object_mut() {
            // The rejected version is for the report view's comparison, not
            // for the timeline's reader.
            obj.remove("rejected_report");
            if let Some(at) = answer {
                obj.insert("answered_at".into(), serde_json::json!(at));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use rust_decimal::Decimal;

    fn line(name: &str, qty: i64) -> PartLine {
        PartLine {
            part_number: None,
            name: name.into(),
            quantity: Decimal::new(qty, 0),
            unit: None,
            coverage: None,
        }
    }

    fn draft() -> ReportDraft {
        ReportDraft {
            process: "检查液压系统".into(),
            cause: "密封圈老化".into(),
            measures: "更换密封圈".into(),
            further_problems: None,
            proposals: None,
            labour_hours: Decimal::new(35, 1),
            parts: vec![line("密封圈", 2), line("液压油", 4)],
            part_type: None,
            fault: Default::default(),
        }
    }

    #[test]
    fn the_same_report_again_has_no_changes_even_with_trailing_zeros() {
        let mut again = draft();
        again.labour_hours = Decimal::new(350, 2);
        again.parts[0].quantity = Decimal::new(20, 1);
        assert!(changes_since_rejection(&draft(), &again).is_empty());
    }

    #[test]
    fn changed_texts_and_hours_are_listed_with_both_values() {
        let mut again = draft();
        again.cause = "密封圈老化, 油缸拉伤".into();
        again.proposals = Some("每季检查".into());
        again.labour_hours = Decimal::new(5, 0);
        let c = changes_since_rejection(&draft(), &again);
        assert_eq!(
            c.fields,
            vec![
                FieldChange {
                    field: "cause".into(),
                    before: Some("密封圈老化".into()),
                    after: Some("密封圈老化, 油缸拉伤".into()),
                },
                FieldChange {
                    field: "proposals".into(),
                    before: None,
                    after: Some("每季检查".into()),
                },
                FieldChange {
                    field: "labour_hours".into(),
                    before: Some("3.5".into()),
                    after: Some("5".into()),
                },
            ]
        );
        assert!(c.parts_added.is_empty() && c.parts_removed.is_empty());
    }

    #[test]
    fn parts_added_removed_and_a_changed_quantity_as_both() {
        let mut again = draft();
        again.parts = vec![line("液压油", 5), line("油缸", 1)];
        let c = changes_since_rejection(&draft(), &again);
        assert_eq!(c.parts_added, vec![line("液压油", 5), line("油缸", 1)]);
        assert_eq!(c.parts_removed, vec![line("密封圈", 2), line("液压油", 4)]);
        assert!(c.fields.is_empty());
    }

    #[test]
    fn a_duplicate_line_dropped_is_one_line_removed() {
        let mut before = draft();
        before.parts.push(line("密封圈", 2));
        let c = changes_since_rejection(&before, &draft());
        assert_eq!(c.parts_removed, vec![line("密封圈", 2)]);
        assert!(c.parts_added.is_empty());
    }

    #[test]
    fn a_rejection_is_answered_once_the_report_is_past_submission_again() {
        let t = Utc.with_ymd_and_hms(2026, 6, 1, 10, 0, 0).unwrap();
        assert_eq!(answered_at(ReportStatus::Rejected, Some(t)), None);
        assert_eq!(answered_at(ReportStatus::Draft, Some(t)), None);
        assert_eq!(answered_at(ReportStatus::Submitted, Some(t)), Some(t));
        assert_eq!(answered_at(ReportStatus::Approved, Some(t)), Some(t));
    }

    #[test]
    fn a_rejection_is_marked_answered_only_by_its_own_work_orders_resubmission() {
        let t = |h| Utc.with_ymd_and_hms(2026, 6, 1, h, 0, 0).unwrap();
        let ev = |h, action: &str, wo: &str| AuditEventView {
            id: uuid::Uuid::nil(),
            at: t(h),
            actor_id: None,
            actor_name: "a".into(),
            actor_display_name: None,
            entity_type: "service_request".into(),
            entity_id: uuid::Uuid::nil(),
            action: action.into(),
            changes: serde_json::json!({"work_order": wo}),
        };
        let mut events = vec![
            ev(8, "report_submitted", "WO-1"),
            {
                let mut e = ev(9, "report_rejected", "WO-1");
                e.changes["rejected_report"] = serde_json::json!({"cause": "x"});
                e
            },
            ev(10, "report_rejected", "WO-2"),
            ev(11, "report_submitted", "WO-1"),
            ev(11, "report_rejected", "WO-1"),
        ];
        mark_answered(&mut events);
        assert_eq!(events[1].changes["answered_at"], serde_json::json!(t(11)));
        assert!(events[2].changes.get("answered_at").is_none());
        assert!(events[0].changes.get("answered_at").is_none());
        assert!(events[4].changes.get("answered_at").is_none());
        assert!(events[1].changes.get("rejected_report").is_none());
    }
}
