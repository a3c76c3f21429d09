//! The four KPI rules of DESIGN §5, each a function from one record's facts
//! and the month to its outcome: `None` when the record is not in the KPI's
//! denominator, `Some(true)` when it is in the numerator too, `Some(false)`
//! when it counts against.

use super::month::MonthSpan;
use crate::service::Satisfaction;
use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;

/// A request for the same fault within this long after a visit finished
/// makes the visit unsuccessful (返修).
pub const REPEAT_WINDOW: Duration = Duration::days(30);

/// One work order (维修任务单) as the KPIs see it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WorkOrderFacts {
    /// When the engineer was due on site.
    pub arrival_due: Option<DateTime<Utc>>,
    /// When the engineer checked in on site; `None`: never arrived.
    pub arrived_at: Option<DateTime<Utc>>,
    /// Cancelled, or handed over to a new work order (reassigned).
    pub cancelled_or_reassigned: bool,
    /// When the visit was finished.
    pub finished_at: Option<DateTime<Utc>>,
    /// Whether the inspection after the repair passed.
    pub inspection_passed: bool,
    /// When the first request naming this work order's request as its
    /// `repeat_of` was reported at or after the visit finished.
    pub repeat_reported_at: Option<DateTime<Utc>>,
    /// Whether a follow-up of the request found the machine not running normally.
    pub follow_up_abnormal: bool,
}

/// One follow-up call (客户回访) as the KPIs see it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FollowUpFacts {
    /// When it was done (outcome recorded or closed as unreachable).
    pub done_at: Option<DateTime<Utc>>,
    /// Whether the customer was reached and gave an outcome (an unreachable
    /// follow-up was not).
    pub reached: bool,
    pub satisfaction: Option<Satisfaction>,
}

/// One line of a stock-take (盘点) as the KPIs see it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StockTakeLineFacts {
    /// When its stock-take was reconciled; `None` while it is not.
    pub reconciled_at: Option<DateTime<Utc>>,
    /// The book quantity frozen at the start.
    pub book: Decimal,
    pub counted: Decimal,
}

/// 及时率: work orders whose arrival was due in the month, arrived at or
/// before due; cancelled and reassigned ones are left out, one that never
/// arrived counts as late.
pub fn timeliness(f: &WorkOrderFacts, month: &MonthSpan) -> Option<bool> {
    let due = f.arrival_due.filter(|d| month.contains(*d))?;
    if f.cancelled_or_reassigned {
        return None;
    }
    Some(f.arrived_at.is_some_and(|a| a <= due))
}

/// 维修成功率: work orders finished in the month with the inspection passed,
/// no repeat request within [`REPEAT_WINDOW`], and no follow-up finding the
/// machine running abnormally.
pub fn success(f: &WorkOrderFacts, month: &MonthSpan) -> Option<bool> {
    let finished = f.finished_at.filter(|t| month.contains(*t))?;
    let repeated = f
        .repeat_reported_at
        .is_some_and(|r| r >= finished && r - finished <= REPEAT_WINDOW);
    Some(f.inspection_passed && !repeated && !f.follow_up_abnormal)
}

/// 满意率: follow-ups done in the month with the customer reached, satisfied
/// or very satisfied. An unreachable follow-up counts in no figure.
pub fn satisfaction(f: &FollowUpFacts, month: &MonthSpan) -> Option<bool> {
    if !month.holds(f.done_at) || !f.reached {
        return None;
    }
    Some(matches!(
        f.satisfaction,
        Some(Satisfaction::Satisfied | Satisfaction::VerySatisfied)
    ))
}

/// 配件准确率: lines of the stock-takes reconciled in the month whose count
/// equals the book.
pub fn parts_accuracy(f: &StockTakeLineFacts, month: &MonthSpan) -> Option<bool> {
    month.holds(f.reconciled_at).then(|| f.counted == f.book)
}

/// Why a work order counts as it does in [`timeliness`].
pub fn timeliness_reason(f: &WorkOrderFacts) -> &'static str {
    match (f.arrived_at, f.arrival_due) {
        (None, _) => "never_arrived",
        (Some(a), Some(d)) if a <= d => "on_time",
        _ => "late",
    }
}

/// Why a work order counts as it does in [`success`]: the first reason it
/// failed, or `successful`.
pub fn success_reason(f: &WorkOrderFacts, month: &MonthSpan) -> &'static str {
    if !f.inspection_passed {
        "inspection_failed"
    } else if success(f, month) == Some(false) && !f.follow_up_abnormal {
        "repeat_request"
    } else if f.follow_up_abnormal {
        "abnormal_follow_up"
    } else {
        "successful"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::{Month, Rate};
    use chrono::{FixedOffset, TimeZone};
    use proptest::prelude::*;

    fn october() -> MonthSpan {
        Month::parse("2026-10")
            .unwrap()
            .span(FixedOffset::east_opt(8 * 3600).unwrap())
    }

    /// 10:00 in Beijing on `day` October 2026.
    fn oct(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 10, day, hour, 0, 0).unwrap() - Duration::hours(8)
    }

    fn due(day: u32) -> WorkOrderFacts {
        WorkOrderFacts {
            arrival_due: Some(oct(day, 10)),
            ..Default::default()
        }
    }

    #[test]
    fn arriving_at_the_due_time_is_in_time_and_a_minute_later_is_late() {
        let m = october();
        let on_time = WorkOrderFacts {
            arrived_at: Some(oct(5, 10)),
            ..due(5)
        };
        assert_eq!(timeliness(&on_time, &m), Some(true));
        let late = WorkOrderFacts {
            arrived_at: Some(oct(5, 10) + Duration::minutes(1)),
            ..due(5)
        };
        assert_eq!(timeliness(&late, &m), Some(false));
    }

    #[test]
    fn never_arriving_is_late_and_cancelled_or_reassigned_are_left_out() {
        let m = october();
        assert_eq!(timeliness(&due(5), &m), Some(false));
        let handed_over = WorkOrderFacts {
            cancelled_or_reassigned: true,
            ..due(5)
        };
        assert_eq!(timeliness(&handed_over, &m), None);
    }

    #[test]
    fn timeliness_counts_the_month_the_arrival_was_due_in() {
        let m = october();
        // Due on 1 November 07:00 in Beijing: November's, though UTC says October.
        let next = WorkOrderFacts {
            arrival_due: Some(Utc.with_ymd_and_hms(2026, 10, 31, 23, 0, 0).unwrap()),
            arrived_at: Some(oct(30, 10)),
            ..Default::default()
        };
        assert_eq!(timeliness(&next, &m), None);
        assert_eq!(timeliness(&WorkOrderFacts::default(), &m), None);
    }

    fn finished(day: u32) -> WorkOrderFacts {
        WorkOrderFacts {
            finished_at: Some(oct(day, 16)),
            inspection_passed: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_visit_succeeds_without_failed_inspection_repeat_or_abnormal_follow_up() {
        let m = october();
        assert_eq!(success(&finished(3), &m), Some(true));
        let failed = WorkOrderFacts {
            inspection_passed: false,
            ..finished(3)
        };
        assert_eq!(success(&failed, &m), Some(false));
        let abnormal = WorkOrderFacts {
            follow_up_abnormal: true,
            ..finished(3)
        };
        assert_eq!(success(&abnormal, &m), Some(false));
        assert_eq!(success(&due(3), &m), None, "not finished");
    }

    #[test]
    fn a_repeat_request_within_thirty_days_fails_the_visit_and_one_after_does_not() {
        let m = october();
        let at = oct(3, 16);
        let within = WorkOrderFacts {
            repeat_reported_at: Some(at + REPEAT_WINDOW),
            ..finished(3)
        };
        assert_eq!(success(&within, &m), Some(false));
        let after = WorkOrderFacts {
            repeat_reported_at: Some(at + REPEAT_WINDOW + Duration::seconds(1)),
            ..finished(3)
        };
        assert_eq!(success(&after, &m), Some(true));
    }

    #[test]
    fn satisfaction_counts_reached_customers_only() {
        let m = october();
        let said = |s| FollowUpFacts {
            done_at: Some(oct(12, 9)),
            reached: true,
            satisfaction: Some(s),
        };
        assert_eq!(
            satisfaction(&said(Satisfaction::VerySatisfied), &m),
            Some(true)
        );
        assert_eq!(satisfaction(&said(Satisfaction::Satisfied), &m), Some(true));
        assert_eq!(satisfaction(&said(Satisfaction::Neutral), &m), Some(false));
        assert_eq!(
            satisfaction(&said(Satisfaction::VeryDissatisfied), &m),
            Some(false)
        );
        let unreachable = FollowUpFacts {
            done_at: Some(oct(12, 9)),
            reached: false,
            satisfaction: None,
        };
        assert_eq!(satisfaction(&unreachable, &m), None);
        assert_eq!(satisfaction(&FollowUpFacts::default(), &m), None, "pending");
    }

    #[test]
    fn parts_accuracy_compares_count_and_book_of_lines_reconciled_in_the_month() {
        let m = october();
        let line = |book: i64, counted: i64, at| StockTakeLineFacts {
            reconciled_at: at,
            book: Decimal::new(book, 3),
            counted: Decimal::new(counted, 3),
        };
        assert_eq!(
            parts_accuracy(&line(2500, 2500, Some(oct(20, 9))), &m),
            Some(true)
        );
        assert_eq!(
            parts_accuracy(&line(2500, 2499, Some(oct(20, 9))), &m),
            Some(false)
        );
        assert_eq!(
            parts_accuracy(&line(1, 1, None), &m),
            None,
            "not reconciled"
        );
    }

    fn any_time() -> impl Strategy<Value = Option<DateTime<Utc>>> {
        // September to November 2026, to the second.
        proptest::option::of((0i64..90 * 86_400).prop_map(|s| {
            Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap() + Duration::seconds(s)
        }))
    }

    prop_compose! {
        fn any_work_order()(
            arrival_due in any_time(), arrived_at in any_time(), finished_at in any_time(),
            repeat_reported_at in any_time(), flags in any::<[bool; 3]>(),
        ) -> WorkOrderFacts {
            WorkOrderFacts {
                arrival_due, arrived_at, finished_at, repeat_reported_at,
                cancelled_or_reassigned: flags[0], inspection_passed: flags[1],
                follow_up_abnormal: flags[2],
            }
        }
    }

    proptest! {
        #[test]
        fn no_rate_has_more_met_than_covered_and_none_without_records(
            orders in proptest::collection::vec(any_work_order(), 0..60),
        ) {
            let m = october();
            for rule in [timeliness, success] {
                let r = Rate::count(orders.iter().map(|f| rule(f, &m)));
                prop_assert!(r.numerator() <= r.denominator());
                prop_assert_eq!(r.ratio().is_none(), r.denominator() == 0);
            }
            // Only records of the month are covered.
            let t = Rate::count(orders.iter().map(|f| timeliness(f, &m)));
            prop_assert!(t.denominator() as usize
                <= orders.iter().filter(|f| m.holds(f.arrival_due)).count());
        }
    }
}
