//! The order of an engineer's work ("My work", 我的任务): the request list's
//! urgency (DESIGN §4: overdue first, then stopped machines in season, then
//! priority, then the due time), applied to work orders, with the open ones
//! before the rest and the appointment agreed with the customer counted as a
//! due time until the engineer is on site.

use super::sla::{stopped_rank, urgency_key};
use super::summary::WorkOrderSummary;
use chrono::{DateTime, Utc};
use std::cmp::Ordering;

/// The time the engineer must keep first: the earliest of the request's
/// running clocks and the appointment not yet kept.
pub fn work_due(w: &WorkOrderSummary) -> Option<DateTime<Utc>> {
    let appointment = w.appointment_at.filter(|_| w.arrived_at.is_none());
    [w.next_due_at, appointment].into_iter().flatten().min()
}

/// The sort key of a work order at `now`; smaller sorts first.
pub fn work_order_key(now: DateTime<Utc>, w: &WorkOrderSummary) -> (u8, (u8, u8, i32, i64)) {
    let stopped_in_season = stopped_rank(w.machine_stopped, w.in_season) == 0;
    (
        u8::from(!w.status.is_open()),
        urgency_key(now, work_due(w), stopped_in_season, w.priority),
    )
}

/// Work orders most urgent first ([`work_order_key`]); equal keys keep the
/// oldest order first, so the order is total and stable between calls.
pub fn by_urgency(now: DateTime<Utc>, a: &WorkOrderSummary, b: &WorkOrderSummary) -> Ordering {
    work_order_key(now, a)
        .cmp(&work_order_key(now, b))
        .then(a.created_at.cmp(&b.created_at))
        .then(a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::{Priority, WorkOrderStatus};
    use chrono::{Duration, TimeZone};
    use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
    use uuid::Uuid;

    static NEXT_ID: AtomicU64 = AtomicU64::new(1);

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 9, 20, h, m, 0).unwrap()
    }

    fn order(number: &str, priority: Priority, due: DateTime<Utc>) -> WorkOrderSummary {
        WorkOrderSummary {
            id: Uuid::from_u128(u128::from(NEXT_ID.fetch_add(1, AtomicOrdering::Relaxed))),
            number: number.into(),
            status: WorkOrderStatus::Assigned,
            request_id: Uuid::nil(),
            request_number: number.into(),
            engineer_id: Uuid::nil(),
            engineer_name: "e".into(),
            customer_name: "c".into(),
            customer_phone: "1".into(),
            serial_number: None,
            model_name: None,
            priority,
            harvest_critical: false,
            machine_stopped: false,
            in_season: false,
            site_address: String::new(),
            arrival_due: Some(due),
            appointment_at: None,
            arrived_at: None,
            finished_at: None,
            next_due_at: Some(due),
            overdue: false,
            report_status: None,
            version: 1,
            created_at: at(0, 0),
            updated_at: at(0, 0),
        }
    }

    fn sorted(now: DateTime<Utc>, mut v: Vec<WorkOrderSummary>) -> Vec<String> {
        v.sort_by(|a, b| by_urgency(now, a, b));
        v.into_iter().map(|w| w.number).collect()
    }

    #[test]
    fn a_critical_job_due_early_comes_before_a_normal_one_due_later() {
        // The case: 11:06 was listed above the critical 03:05.
        let now = at(1, 0);
        let normal = order("late", Priority::Normal, at(11, 6));
        let critical = order("critical", Priority::Critical, at(3, 5));
        assert_eq!(sorted(now, vec![normal, critical]), ["critical", "late"]);
    }

    #[test]
    fn open_work_comes_before_finished_work_whatever_its_priority() {
        let now = at(1, 0);
        let mut done = order("done", Priority::Critical, at(2, 0));
        done.status = WorkOrderStatus::Finished;
        let low = order("low", Priority::Low, at(20, 0));
        assert_eq!(sorted(now, vec![done, low]), ["low", "done"]);
    }

    #[test]
    fn overdue_then_stopped_in_season_then_priority_then_the_earliest_due() {
        let now = at(12, 0);
        let overdue_low = order("overdue-low", Priority::Low, now - Duration::hours(1));
        let mut stopped = order("stopped", Priority::Normal, now + Duration::hours(5));
        stopped.machine_stopped = true;
        stopped.in_season = true;
        let mut stopped_off_season =
            order("stopped-off", Priority::Normal, now + Duration::hours(1));
        stopped_off_season.machine_stopped = true;
        let high_soon = order("high-soon", Priority::High, now + Duration::hours(1));
        let high_later = order("high-later", Priority::High, now + Duration::hours(3));
        assert_eq!(
            sorted(
                now,
                vec![
                    high_later,
                    stopped_off_season,
                    high_soon,
                    stopped,
                    overdue_low
                ]
            ),
            [
                "overdue-low",
                "stopped",
                "high-soon",
                "high-later",
                "stopped-off"
            ]
        );
    }

    #[test]
    fn an_appointment_not_yet_kept_counts_as_a_due_time_and_a_kept_one_does_not() {
        let now = at(6, 0);
        let mut booked = order("booked", Priority::Normal, at(18, 0));
        booked.appointment_at = Some(at(8, 0));
        let plain = order("plain", Priority::Normal, at(10, 0));
        assert_eq!(work_due(&booked), Some(at(8, 0)));
        assert_eq!(
            sorted(now, vec![plain.clone(), booked.clone()]),
            ["booked", "plain"]
        );
        booked.arrived_at = Some(at(7, 0));
        booked.next_due_at = Some(at(18, 0));
        assert_eq!(work_due(&booked), Some(at(18, 0)));
        assert_eq!(sorted(now, vec![booked, plain]), ["plain", "booked"]);
    }

    #[test]
    fn work_without_any_due_time_comes_after_work_with_one() {
        let now = at(6, 0);
        let mut none = order("none", Priority::Normal, at(7, 0));
        none.next_due_at = None;
        let later = order("later", Priority::Normal, at(23, 0));
        assert_eq!(sorted(now, vec![none, later]), ["later", "none"]);
    }
}
