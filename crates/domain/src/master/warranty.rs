//! The warranty of a machine: its 三包 period (三包有效期) extended by the days
//! it spent under repair and waiting for parts (修理占用和无维修配件待修的时间,
//! POLICY.md, 三包), and the company's extended warranty after it.
//!
//! One computation from the machine's records, the same for every viewer: the
//! store hands [`machine_warranty`] every request of the machine, whatever the
//! actor may see, and every page shows its result.
//!
//! Days are calendar dates in the company's time zone: a date on which the
//! machine was under an in-warranty repair counts once, however many repairs
//! overlap on it, so each repair adds only the dates no earlier repair took
//! and the additions sum to the extension exactly. A started day counts as a
//! whole one (the stricter reading for the customer).

use crate::service::{RequestKind, RequestStatus};
use crate::validation::{ValidationErrors, Validator, earliest_day, latest_day};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use uuid::Uuid;

/// The legal minimum of a whole machine's 三包 period, in months (POLICY.md:
/// "the whole machine's period (at least one year)").
pub const SANBAO_MIN_MONTHS: u32 = 12;

/// Whether a machine is covered today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WarrantyStatus {
    /// 三包期内: inside the legal period, with its extension.
    InWarranty,
    /// 延保期内: past the 三包 period, inside the company's extended warranty.
    ExtendedWarranty,
    /// 已过保
    Expired,
    /// No warranty end recorded.
    Unknown,
}

/// What the machine's record says of its warranty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WarrantyTerms {
    pub sale_date: Option<NaiveDate>,
    /// The 三包 end as sold (before extensions).
    pub warranty_end: Option<NaiveDate>,
    /// The end of the company's extended warranty (延保), if one was sold.
    pub extended_warranty_end: Option<NaiveDate>,
    /// The day the machine was replaced (换货): its 三包 period restarted
    /// then (`warranty_end` is the restarted end), and repairs reported
    /// before it extend nothing.
    pub replaced_on: Option<NaiveDate>,
}

impl WarrantyTerms {
    /// The first day of the current 三包 period: the replacement day, else the sale.
    pub fn period_start(&self) -> Option<NaiveDate> {
        self.replaced_on.or(self.sale_date)
    }
}

/// A service request of the machine as the extension reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairSpan {
    pub request_id: Uuid,
    pub number: String,
    /// The dealer that reported it (the machine's dealer then).
    pub dealer_id: Option<Uuid>,
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub reported_at: DateTime<Utc>,
    /// When the repair was done (the engineer finished, or the request was
    /// resolved or closed); none while it is open.
    pub done_at: Option<DateTime<Utc>>,
    /// Its waits for parts (待配件): from a shortage on its visit until no
    /// line was short any more; the last one open while it still waits.
    pub parts_waits: Vec<PartsWait>,
}

/// One wait of a repair for parts (无维修配件待修).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartsWait {
    pub since: DateTime<Utc>,
    /// None while the request still waits.
    pub until: Option<DateTime<Utc>>,
}

/// One repair that extended the 三包 period: the breakdown line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarrantyRepair {
    /// The request; absent to a dealer when another dealer reported it
    /// (the machine changed hands): a dealer reads the days of every
    /// repair, the requests of its own ([`WarrantyState::for_dealer`]).
    pub request_id: Option<Uuid>,
    /// The request's number (`SR-2026-000123`); absent to a dealer when
    /// another dealer reported it.
    pub number: Option<String>,
    /// The dealer that reported it: decides what a dealer reads, never sent.
    #[serde(skip)]
    pub dealer_id: Option<Uuid>,
    /// The day it was reported (报修).
    pub reported_on: NaiveDate,
    /// The day the repair was done; absent while it is open (counted up to today).
    pub done_on: Option<NaiveDate>,
    /// Days the repair spanned, report and done days included.
    pub days: i64,
    /// Days it added to the period: its days no earlier repair had counted.
    pub days_added: i64,
    /// Of its days, those it waited for parts (无维修配件待修).
    pub parts_wait_days: i64,
}

/// The warranty of a machine today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarrantyState {
    /// The 三包 end as sold.
    pub warranty_end: Option<NaiveDate>,
    /// Days under in-warranty repair (and waiting for parts), added to the 三包 period.
    pub extension_days: i64,
    /// Of the extension, the days a repair waited for parts.
    pub parts_wait_days: i64,
    /// The 三包 end after the extension.
    pub effective_end: Option<NaiveDate>,
    /// The end of the company's extended warranty (延保), if one was sold.
    pub extended_warranty_end: Option<NaiveDate>,
    pub status: WarrantyStatus,
    /// Days left today of the current cover (三包, else 延保; negative when expired).
    pub days_left: Option<i64>,
    /// The repairs that extended the 三包 period, oldest first.
    pub repairs: Vec<WarrantyRepair>,
}

impl WarrantyState {
    /// The warranty as the dealer `own` reads it: the days of every repair
    /// (the 三包 extension is the customer's whoever sold the machine), the
    /// request of a line only when `own` reported it.
    pub fn for_dealer(mut self, own: Uuid) -> Self {
        for line in &mut self.repairs {
            if line.dealer_id != Some(own) {
                line.request_id = None;
                line.number = None;
            }
        }
        self
    }
}

/// The date of an instant in the company's time zone.
fn day_of(at: DateTime<Utc>, zone: FixedOffset) -> NaiveDate {
    at.with_timezone(&zone).date_naive()
}

/// Whether a request is a repair the 三包 extension may count: maintenance,
/// consultations and complaints keep no machine under repair, and a
/// cancelled request (cancelled before any visit) repaired nothing.
fn is_repair(r: &RepairSpan) -> bool {
    r.kind == RequestKind::Repair && r.status != RequestStatus::Cancelled
}

/// The dates of `r`'s waits for parts (an open wait up to today).
fn wait_days(r: &RepairSpan, today: NaiveDate, zone: FixedOffset) -> BTreeSet<NaiveDate> {
    r.parts_waits
        .iter()
        .flat_map(|w| {
            let from = day_of(w.since, zone);
            let to = w.until.map_or(today, |u| day_of(u, zone)).max(from);
            from.iter_days().take_while(move |d| *d <= to)
        })
        .collect()
}

/// The machine's warranty on `today`: the 三包 end as sold plus one day for
/// every date an in-warranty repair kept the machine, from the report to the
/// repair done (an open repair up to today) or to the end of its last wait
/// for parts when that came later (POLICY.md, 三包: the days waiting for
/// parts count); a repair reported outside the period as extended so far
/// (before the sale or the replacement that restarted it, or after its end)
/// adds nothing. The breakdown says how many of each repair's days, and of
/// the extension, were spent waiting for parts.
pub fn machine_warranty(
    terms: &WarrantyTerms,
    requests: &[RepairSpan],
    today: NaiveDate,
    zone: FixedOffset,
) -> WarrantyState {
    let mut repairs: Vec<&RepairSpan> = requests.iter().filter(|r| is_repair(r)).collect();
    repairs.sort_by_key(|r| (r.reported_at, r.request_id));
    let mut taken: BTreeSet<NaiveDate> = BTreeSet::new();
    let mut waited: BTreeSet<NaiveDate> = BTreeSet::new();
    let mut lines = Vec::new();
    if let Some(end) = terms.warranty_end {
        for r in repairs {
            let from = day_of(r.reported_at, zone);
            let in_period = from <= end + Duration::days(taken.len() as i64)
                && terms.period_start().is_none_or(|start| from >= start);
            if !in_period {
                continue;
            }
            let done_on = r.done_at.map(|d| day_of(d, zone));
            let waits = wait_days(r, today, zone);
            let last_wait = waits.last().copied().unwrap_or(from);
            let to = done_on.unwrap_or(today).max(last_wait).max(from);
            let days: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
            let before = taken.len();
            taken.extend(days.iter().copied());
            let parts_wait_days = days.iter().filter(|d| waits.contains(d)).count() as i64;
            waited.extend(days.iter().filter(|d| waits.contains(d)));
            lines.push(WarrantyRepair {
                request_id: Some(r.request_id),
                number: Some(r.number.clone()),
                dealer_id: r.dealer_id,
                reported_on: from,
                done_on,
                days: days.len() as i64,
                days_added: (taken.len() - before) as i64,
                parts_wait_days,
            });
        }
    }
    let extension_days = taken.len() as i64;
    let effective_end = terms
        .warranty_end
        .map(|d| d + Duration::days(extension_days));
    let (status, cover_end) = match (effective_end, terms.extended_warranty_end) {
        (Some(end), _) if today <= end => (WarrantyStatus::InWarranty, Some(end)),
        (_, Some(ext)) if today <= ext => (WarrantyStatus::ExtendedWarranty, Some(ext)),
        (None, None) => (WarrantyStatus::Unknown, None),
        (end, ext) => (WarrantyStatus::Expired, end.max(ext)),
    };
    WarrantyState {
        warranty_end: terms.warranty_end,
        extension_days,
        parts_wait_days: waited.len() as i64,
        effective_end,
        extended_warranty_end: terms.extended_warranty_end,
        status,
        days_left: cover_end.map(|end| (end - today).num_days()),
        repairs: lines,
    }
}

/// Whether a whole-machine 三包 period from `sale_date` to `warranty_end` is
/// shorter than the legal minimum of one year.
pub fn sanbao_period_too_short(sale_date: NaiveDate, warranty_end: NaiveDate) -> bool {
    sale_date
        .checked_add_months(chrono::Months::new(SANBAO_MIN_MONTHS))
        .is_some_and(|min| warranty_end < min)
}

/// Body of `POST /machines/{id}/warranty`: the machine's warranty dates as
/// they should be, and why they change. The dates are the customer's legal
/// rights (三包), so they change only this way, by the maker's staff, audited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WarrantyChange {
    /// The invoice date the 三包 period runs from.
    #[serde(default)]
    pub sale_date: Option<NaiveDate>,
    /// The 三包 end as sold, at least one year after the sale; computed from
    /// the sale date and the model's warranty months when absent.
    #[serde(default)]
    pub warranty_end: Option<NaiveDate>,
    /// The end of the company's extended warranty (延保), after the 三包 end.
    #[serde(default)]
    pub extended_warranty_end: Option<NaiveDate>,
    /// Why the dates change (an invoice found, a wrong entry...), 1-500 characters.
    #[cfg_attr(feature = "openapi", schema(example = "发票日期录入错误，按发票更正"))]
    pub reason: String,
}

/// Checks a sale date and a 三包 end together: the end after the sale, and
/// the whole machine's period at least the legal year.
pub fn check_sanbao_period(
    v: &mut Validator,
    sale_date: Option<NaiveDate>,
    end: Option<NaiveDate>,
) {
    let (Some(sale), Some(end)) = (sale_date, end) else {
        return;
    };
    if end < sale {
        v.error(
            "warranty_end",
            "before_sale",
            "the warranty cannot end before the sale date",
        );
    } else if sanbao_period_too_short(sale, end) {
        v.error(
            "warranty_end",
            "below_legal_minimum",
            "a whole machine's 三包 period is at least one year from the sale date",
        );
    }
}

impl WarrantyChange {
    /// Checks the reason and the dates; `today` is the company's date (a sale
    /// is never in the future).
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.required_text("reason", &self.reason, 500);
        if let Some(sale) = self.sale_date {
            v.day_between("sale_date", sale, earliest_day(), today);
        }
        for (field, day) in [
            ("warranty_end", self.warranty_end),
            ("extended_warranty_end", self.extended_warranty_end),
        ] {
            if let Some(day) = day {
                v.day_between(field, day, earliest_day(), latest_day());
            }
        }
        check_sanbao_period(&mut v, self.sale_date, self.warranty_end);
        check_extended_end(&mut v, self.warranty_end, self.extended_warranty_end);
        v.finish()
    }
}

/// The company's extended warranty follows the 三包 period: it ends after it.
pub fn check_extended_end(
    v: &mut Validator,
    warranty_end: Option<NaiveDate>,
    extended: Option<NaiveDate>,
) {
    let Some(ext) = extended else { return };
    match warranty_end {
        Some(end) if ext <= end => {
            v.error(
                "extended_warranty_end",
                "before_warranty_end",
                "the extended warranty ends after the 三包 period",
            );
        }
        None => {
            v.error(
                "extended_warranty_end",
                "needs_warranty_end",
                "an extended warranty follows a 三包 period: give its end",
            );
        }
        _ => {}
    }
}

/// Refuses a plain edit (`PUT`, a spreadsheet row) that changes the sale date
/// or the 三包 end: those change only through [`WarrantyChange`], with a reason.
pub fn check_warranty_kept(
    v: &mut Validator,
    current: (Option<NaiveDate>, Option<NaiveDate>),
    asked: (Option<NaiveDate>, Option<NaiveDate>),
) {
    for (field, now, new) in [
        ("sale_date", current.0, asked.0),
        ("warranty_end", current.1, asked.1),
    ] {
        if now != new {
            v.error(
                field,
                "needs_reason",
                format!(
                    "{field} changes only with a reason, through the machine's warranty change"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn beijing() -> FixedOffset {
        FixedOffset::east_opt(8 * 3600).unwrap()
    }

    /// An instant given in Beijing time.
    fn at(y: i32, m: u32, day: u32, h: u32) -> DateTime<Utc> {
        beijing()
            .with_ymd_and_hms(y, m, day, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn span(
        n: u128,
        kind: RequestKind,
        reported: DateTime<Utc>,
        done: Option<DateTime<Utc>>,
    ) -> RepairSpan {
        RepairSpan {
            request_id: Uuid::from_u128(n),
            number: format!("SR-2026-{n:06}"),
            dealer_id: Some(Uuid::from_u128(100 + n % 2)),
            kind,
            status: if done.is_some() {
                RequestStatus::Completed
            } else {
                RequestStatus::InService
            },
            reported_at: reported,
            done_at: done,
            parts_waits: Vec::new(),
        }
    }

    fn repair(n: u128, reported: DateTime<Utc>, done: Option<DateTime<Utc>>) -> RepairSpan {
        span(n, RequestKind::Repair, reported, done)
    }

    fn terms(end: NaiveDate) -> WarrantyTerms {
        WarrantyTerms {
            sale_date: Some(d(2025, 6, 1)),
            warranty_end: Some(end),
            extended_warranty_end: None,
            replaced_on: None,
        }
    }

    fn state(t: &WarrantyTerms, rs: &[RepairSpan], today: NaiveDate) -> WarrantyState {
        machine_warranty(t, rs, today, beijing())
    }

    #[test]
    fn a_repair_adds_its_days_from_report_to_done_both_included() {
        let rs = [repair(1, at(2026, 3, 2, 9), Some(at(2026, 3, 4, 17)))];
        let s = state(&terms(d(2026, 6, 1)), &rs, d(2026, 4, 1));
        assert_eq!(s.extension_days, 3);
        assert_eq!(s.effective_end, Some(d(2026, 6, 4)));
        assert_eq!(s.repairs[0].days_added, 3);
        assert_eq!(s.repairs[0].done_on, Some(d(2026, 3, 4)));
    }

    #[test]
    fn days_are_dates_in_the_company_time_zone() {
        // 23:30 UTC on 1 March is 07:30 on 2 March in Beijing.
        let reported = Utc.with_ymd_and_hms(2026, 3, 1, 23, 30, 0).unwrap();
        let rs = [repair(1, reported, Some(at(2026, 3, 2, 18)))];
        let s = state(&terms(d(2026, 6, 1)), &rs, d(2026, 4, 1));
        assert_eq!(s.repairs[0].reported_on, d(2026, 3, 2));
        assert_eq!(s.extension_days, 1, "a same-day repair counts one day");
    }

    #[test]
    fn overlapping_repairs_count_their_shared_days_once() {
        let rs = [
            repair(2, at(2026, 3, 4, 8), Some(at(2026, 3, 8, 8))),
            repair(1, at(2026, 3, 2, 8), Some(at(2026, 3, 5, 8))),
        ];
        let s = state(&terms(d(2026, 6, 1)), &rs, d(2026, 4, 1));
        // 2-5 March and 4-8 March: 2 to 8 March, seven dates.
        assert_eq!(s.extension_days, 7);
        assert_eq!(s.effective_end, Some(d(2026, 6, 8)));
        let added: Vec<(Option<String>, i64, i64)> = s
            .repairs
            .iter()
            .map(|r| (r.number.clone(), r.days, r.days_added))
            .collect();
        assert_eq!(
            added,
            vec![
                (Some("SR-2026-000001".into()), 4, 4),
                (Some("SR-2026-000002".into()), 5, 3)
            ]
        );
    }

    #[test]
    fn a_dealer_reads_the_days_of_every_repair_and_the_numbers_of_its_own() {
        // Request 1 was reported by dealer 101, request 2 by dealer 100.
        let rs = [
            repair(2, at(2026, 3, 4, 8), Some(at(2026, 3, 8, 8))),
            repair(1, at(2026, 3, 2, 8), Some(at(2026, 3, 5, 8))),
        ];
        let all = state(&terms(d(2026, 6, 1)), &rs, d(2026, 4, 1));
        let mine = all.clone().for_dealer(Uuid::from_u128(100));
        assert_eq!(mine.extension_days, 7);
        assert_eq!(mine.effective_end, all.effective_end);
        let lines: Vec<_> = mine
            .repairs
            .iter()
            .map(|r| (r.request_id, r.number.clone(), r.days, r.days_added))
            .collect();
        assert_eq!(
            lines,
            vec![
                (None, None, 4, 4),
                (
                    Some(Uuid::from_u128(2)),
                    Some("SR-2026-000002".into()),
                    5,
                    3
                )
            ]
        );
        let json = serde_json::to_value(&mine).unwrap();
        assert_eq!(json["repairs"][0]["number"], serde_json::Value::Null);
        assert!(json["repairs"][0].get("dealer_id").is_none());
    }

    fn waiting(mut r: RepairSpan, waits: &[(DateTime<Utc>, Option<DateTime<Utc>>)]) -> RepairSpan {
        r.parts_waits = waits
            .iter()
            .map(|&(since, until)| PartsWait { since, until })
            .collect();
        r
    }

    #[test]
    fn the_days_waited_for_parts_are_counted_within_the_repair_and_told_apart() {
        // Reported 2 March, waited 3-6 March (4 dates), done 8 March.
        let r = waiting(
            repair(1, at(2026, 3, 2, 9), Some(at(2026, 3, 8, 17))),
            &[(at(2026, 3, 3, 10), Some(at(2026, 3, 6, 15)))],
        );
        let s = state(&terms(d(2026, 6, 1)), &[r], d(2026, 4, 1));
        assert_eq!(s.extension_days, 7);
        assert_eq!(s.parts_wait_days, 4);
        assert_eq!(s.repairs[0].parts_wait_days, 4);
        assert_eq!(s.effective_end, Some(d(2026, 6, 8)));
    }

    #[test]
    fn a_wait_for_parts_past_the_repair_done_extends_the_repair_to_its_end() {
        // Done 4 March with a part still short until 9 March.
        let r = waiting(
            repair(1, at(2026, 3, 2, 9), Some(at(2026, 3, 4, 17))),
            &[(at(2026, 3, 4, 10), Some(at(2026, 3, 9, 11)))],
        );
        let s = state(&terms(d(2026, 6, 1)), &[r], d(2026, 4, 1));
        assert_eq!(s.extension_days, 8, "2 to 9 March");
        assert_eq!(s.parts_wait_days, 6, "4 to 9 March");
    }

    #[test]
    fn an_open_wait_counts_up_to_today_and_two_repairs_waiting_on_one_date_count_it_once() {
        let first = waiting(
            repair(1, at(2026, 3, 2, 9), None),
            &[
                (at(2026, 3, 2, 12), Some(at(2026, 3, 3, 8))),
                (at(2026, 3, 5, 12), None),
            ],
        );
        let second = waiting(
            repair(2, at(2026, 3, 6, 9), None),
            &[(at(2026, 3, 6, 12), None)],
        );
        let s = state(&terms(d(2026, 6, 1)), &[first, second], d(2026, 3, 7));
        assert_eq!(s.extension_days, 6, "2 to 7 March");
        assert_eq!(s.repairs[0].parts_wait_days, 5, "2-3 and 5-7 March");
        assert_eq!(s.repairs[1].parts_wait_days, 2, "6-7 March");
        assert_eq!(s.parts_wait_days, 5, "2, 3, 5, 6 and 7 March");
    }

    #[test]
    fn a_repair_inside_another_adds_nothing() {
        let rs = [
            repair(1, at(2026, 3, 2, 8), Some(at(2026, 3, 10, 8))),
            repair(2, at(2026, 3, 4, 8), Some(at(2026, 3, 5, 8))),
        ];
        let s = state(&terms(d(2026, 6, 1)), &rs, d(2026, 4, 1));
        assert_eq!(s.extension_days, 9);
        assert_eq!(s.repairs[1].days_added, 0);
    }

    #[test]
    fn an_open_repair_counts_up_to_today() {
        let rs = [repair(1, at(2026, 5, 20, 8), None)];
        let s = state(&terms(d(2026, 6, 1)), &rs, d(2026, 6, 10));
        // 20 May to 10 June: 22 dates, and the machine stays in 三包.
        assert_eq!(s.extension_days, 22);
        assert_eq!(s.effective_end, Some(d(2026, 6, 23)));
        assert_eq!(s.status, WarrantyStatus::InWarranty);
        assert_eq!(s.repairs[0].done_on, None);
    }

    #[test]
    fn maintenance_consultations_and_cancelled_repairs_add_nothing() {
        let mut cancelled = repair(3, at(2026, 3, 2, 8), None);
        cancelled.status = RequestStatus::Cancelled;
        let rs = [
            span(
                1,
                RequestKind::Maintenance,
                at(2026, 3, 2, 8),
                Some(at(2026, 3, 9, 8)),
            ),
            span(2, RequestKind::Consultation, at(2026, 3, 2, 8), None),
            cancelled,
        ];
        let s = state(&terms(d(2026, 6, 1)), &rs, d(2026, 4, 1));
        assert_eq!(s.extension_days, 0);
        assert!(s.repairs.is_empty());
        assert_eq!(s.effective_end, Some(d(2026, 6, 1)));
    }

    #[test]
    fn a_repair_reported_after_the_period_adds_nothing() {
        let rs = [repair(1, at(2026, 6, 2, 8), Some(at(2026, 6, 9, 8)))];
        let s = state(&terms(d(2026, 6, 1)), &rs, d(2026, 7, 1));
        assert_eq!(s.extension_days, 0);
        assert_eq!(s.status, WarrantyStatus::Expired);
    }

    #[test]
    fn a_repair_reported_on_the_last_day_counts_and_extends_the_next_ones() {
        let rs = [
            repair(1, at(2026, 6, 1, 8), Some(at(2026, 6, 3, 8))),
            // Inside the period only thanks to the first repair's three days.
            repair(2, at(2026, 6, 4, 8), Some(at(2026, 6, 4, 18))),
            repair(3, at(2026, 6, 5, 8), Some(at(2026, 6, 5, 18))),
            // A day after the period as extended: out of warranty.
            repair(4, at(2026, 6, 7, 8), Some(at(2026, 6, 9, 18))),
        ];
        let s = state(&terms(d(2026, 6, 1)), &rs, d(2026, 7, 1));
        assert_eq!(s.extension_days, 5);
        assert_eq!(s.effective_end, Some(d(2026, 6, 6)));
        assert_eq!(s.repairs.len(), 3);
    }

    #[test]
    fn a_repair_before_the_sale_adds_nothing() {
        let rs = [repair(1, at(2025, 5, 20, 8), Some(at(2025, 5, 22, 8)))];
        let s = state(&terms(d(2026, 6, 1)), &rs, d(2026, 1, 1));
        assert_eq!(s.extension_days, 0);
    }

    #[test]
    fn after_a_replacement_only_the_repairs_from_its_day_extend_the_period() {
        // Sold 2025-06-01 for a year; replaced 2026-03-10, the period restarted to 2027-03-10.
        let t = WarrantyTerms {
            replaced_on: Some(d(2026, 3, 10)),
            ..terms(d(2027, 3, 10))
        };
        let rs = [
            // The repair that led to the replacement, and an earlier one: nothing.
            repair(1, at(2026, 1, 5, 8), Some(at(2026, 3, 10, 9))),
            repair(2, at(2025, 9, 1, 8), Some(at(2025, 9, 3, 8))),
            // Reported on the replacement day itself: counts.
            repair(3, at(2026, 3, 10, 15), Some(at(2026, 3, 11, 8))),
            repair(4, at(2026, 5, 1, 8), Some(at(2026, 5, 3, 8))),
        ];
        let s = state(&t, &rs, d(2026, 6, 1));
        assert_eq!(s.extension_days, 5);
        assert_eq!(s.effective_end, Some(d(2027, 3, 15)));
        let counted: Vec<_> = s
            .repairs
            .iter()
            .filter_map(|r| r.number.as_deref())
            .collect();
        assert_eq!(counted, vec!["SR-2026-000003", "SR-2026-000004"]);
        assert_eq!(t.period_start(), Some(d(2026, 3, 10)));
        assert_eq!(terms(d(2026, 6, 1)).period_start(), Some(d(2025, 6, 1)));
    }

    #[test]
    fn the_last_day_of_the_period_is_still_covered() {
        let t = terms(d(2026, 6, 1));
        assert_eq!(
            state(&t, &[], d(2026, 6, 1)).status,
            WarrantyStatus::InWarranty
        );
        assert_eq!(state(&t, &[], d(2026, 6, 1)).days_left, Some(0));
        assert_eq!(
            state(&t, &[], d(2026, 6, 2)).status,
            WarrantyStatus::Expired
        );
        assert_eq!(state(&t, &[], d(2026, 6, 2)).days_left, Some(-1));
    }

    #[test]
    fn past_the_sanbao_period_the_extended_warranty_covers_until_its_end() {
        let t = WarrantyTerms {
            extended_warranty_end: Some(d(2027, 6, 1)),
            ..terms(d(2026, 6, 1))
        };
        let s = state(&t, &[], d(2026, 9, 1));
        assert_eq!(s.status, WarrantyStatus::ExtendedWarranty);
        assert_eq!(s.days_left, Some(273));
        assert_eq!(
            state(&t, &[], d(2026, 5, 1)).status,
            WarrantyStatus::InWarranty
        );
        assert_eq!(
            state(&t, &[], d(2027, 6, 2)).status,
            WarrantyStatus::Expired
        );
    }

    #[test]
    fn no_warranty_end_is_unknown_and_counts_no_repair() {
        let rs = [repair(1, at(2026, 3, 2, 8), None)];
        let s = state(&WarrantyTerms::default(), &rs, d(2026, 4, 1));
        assert_eq!(s.status, WarrantyStatus::Unknown);
        assert_eq!(s.extension_days, 0);
        assert_eq!(s.days_left, None);
    }

    fn change(sale: Option<NaiveDate>, end: Option<NaiveDate>) -> WarrantyChange {
        WarrantyChange {
            sale_date: sale,
            warranty_end: end,
            extended_warranty_end: None,
            reason: "发票日期录入错误".into(),
        }
    }

    #[test]
    fn a_warranty_change_needs_a_reason_and_a_legal_year() {
        let today = d(2026, 6, 1);
        let ok = change(Some(d(2026, 3, 1)), Some(d(2027, 3, 1)));
        assert!(ok.validate(today).is_ok());
        let short = change(Some(d(2026, 3, 1)), Some(d(2027, 2, 28)));
        let err = short.validate(today).unwrap_err();
        assert_eq!(err.fields(), vec!["warranty_end"]);
        assert_eq!(err.0[0].code, "below_legal_minimum");
        let blank = WarrantyChange {
            reason: "  ".into(),
            ..ok.clone()
        };
        assert_eq!(blank.validate(today).unwrap_err().fields(), vec!["reason"]);
        let future = change(Some(d(2026, 6, 2)), None);
        assert_eq!(
            future.validate(today).unwrap_err().fields(),
            vec!["sale_date"]
        );
    }

    #[test]
    fn an_extended_warranty_ends_after_the_sanbao_period() {
        let today = d(2026, 6, 1);
        let mut c = change(Some(d(2026, 3, 1)), Some(d(2027, 3, 1)));
        c.extended_warranty_end = Some(d(2027, 3, 1));
        assert_eq!(
            c.validate(today).unwrap_err().0[0].code,
            "before_warranty_end"
        );
        c.extended_warranty_end = Some(d(2028, 3, 1));
        assert!(c.validate(today).is_ok());
        c.warranty_end = None;
        assert_eq!(
            c.validate(today).unwrap_err().0[0].code,
            "needs_warranty_end"
        );
    }

    #[test]
    fn a_plain_edit_keeps_the_warranty_dates() {
        let kept = (Some(d(2026, 3, 1)), Some(d(2027, 3, 1)));
        let mut v = Validator::new();
        check_warranty_kept(&mut v, kept, kept);
        assert!(v.finish().is_ok());
        let mut v = Validator::new();
        check_warranty_kept(&mut v, kept, (Some(d(2026, 3, 2)), None));
        let err = v.finish().unwrap_err();
        assert_eq!(err.fields(), vec!["sale_date", "warranty_end"]);
        assert!(err.0.iter().all(|e| e.code == "needs_reason"));
    }

    #[test]
    fn a_period_under_one_year_is_too_short() {
        assert!(sanbao_period_too_short(d(2026, 3, 15), d(2027, 3, 14)));
        assert!(!sanbao_period_too_short(d(2026, 3, 15), d(2027, 3, 15)));
        assert!(!sanbao_period_too_short(d(2024, 2, 29), d(2025, 2, 28)));
    }
}
