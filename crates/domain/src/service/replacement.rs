//! The customer's choice past the 三包 repair deadline (POLICY.md, 三包):
//! "past 30 working days unrepaired, the user may choose to go on with the
//! repair or to have the machine replaced (换货) with the same model; after a
//! replacement the guarantee period starts again from the replacement date."
//!
//! [`customer_choice`] says whether (and since when) a request offers the
//! choice; the command that records it is `decide::choice`. The deadline is
//! the request's own `repair_due` (the 30-working-day clock, or the busy
//! season's days for a harvest-critical machine), fixed at intake by
//! `sla::clocks`.

use crate::master::WarrantyState;
use crate::service::sanbao::under_sanbao;
use crate::service::{RequestKind, RequestStatus};
use crate::validation::{ValidationErrors, Validator, earliest_day, latest_day};
use chrono::{DateTime, Datelike, Duration, FixedOffset, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

wire_enum!(
    /// Why the customer may choose between the repair and a replacement.
    ChoiceGround {
        /// 三包修理期限已过仍未修好: the repair deadline passed, the machine unrepaired.
        RepairOverdue => "repair_overdue",
    }
);

wire_enum!(
    /// What the customer chose.
    ChoiceKind {
        /// 继续修理: the repair goes on, its clocks keep running.
        ContinueRepair => "continue_repair",
        /// 换货: the machine is replaced with one of the same model.
        Replace => "replace",
    }
);

/// The customer's right to choose, as a request view carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerChoice {
    /// Since when the customer may choose: the repair deadline that passed.
    pub eligible_since: DateTime<Utc>,
    pub ground: ChoiceGround,
}

/// What [`customer_choice`] reads of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceFacts {
    pub kind: RequestKind,
    pub status: RequestStatus,
    /// The 三包 repair deadline (none when nobody goes on site).
    pub repair_due: Option<DateTime<Utc>>,
    pub repaired_at: Option<DateTime<Utc>>,
    /// The machine was inside its 三包 period when the fault was reported
    /// ([`reported_in_warranty`]).
    pub in_warranty: bool,
}

/// Whether the customer may choose now: an in-warranty repair, still open and
/// not repaired, whose repair deadline lies before `now` (at the deadline
/// itself the service still has its time).
pub fn customer_choice(facts: &ChoiceFacts, now: DateTime<Utc>) -> Option<CustomerChoice> {
    let due = facts.repair_due?;
    let overdue = facts.kind == RequestKind::Repair
        && facts.in_warranty
        && facts.status.is_open()
        && facts.repaired_at.is_none()
        && now > due;
    overdue.then_some(CustomerChoice {
        eligible_since: due,
        ground: ChoiceGround::RepairOverdue,
    })
}

/// Whether a fault reported at `reported_at` fell inside the machine's 三包
/// period as `warranty` computes it (with its extension and any restart after
/// a replacement): from the period's start to its effective end, in the
/// company's time zone. A machine with no 三包 end recorded is presumed
/// covered, as the clocks presume ([`under_sanbao`]): the
/// stricter reading, the burden is on the company.
pub fn reported_in_warranty(
    warranty: &WarrantyState,
    period_start: Option<NaiveDate>,
    reported_at: DateTime<Utc>,
    zone: FixedOffset,
) -> bool {
    let day = reported_at.with_timezone(&zone).date_naive();
    let covered = match warranty.effective_end {
        Some(end) => day <= end,
        None => under_sanbao(warranty.status),
    };
    covered && period_start.is_none_or(|s| day >= s)
}

/// The 三包 end of a machine replaced on `replaced_on`: the period restarts
/// then and keeps the length the machine's terms give (whole months when the
/// sold period is whole months, else its days). None when the terms give no
/// length (no sale date or no end).
pub fn restarted_warranty_end(
    sale_date: Option<NaiveDate>,
    warranty_end: Option<NaiveDate>,
    replaced_on: NaiveDate,
) -> Option<NaiveDate> {
    let (sale, end) = (sale_date?, warranty_end?);
    let months = (end.year() - sale.year()) * 12 + end.month() as i32 - sale.month() as i32;
    let whole_months = u32::try_from(months)
        .ok()
        .filter(|m| sale.checked_add_months(Months::new(*m)) == Some(end));
    match whole_months {
        Some(m) => replaced_on.checked_add_months(Months::new(m)),
        None => replaced_on.checked_add_signed(Duration::days((end - sale).num_days())),
    }
}

/// `POST /service-requests/{id}/customer-choice` body: the customer's choice
/// past the repair deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomerChoiceRequest {
    pub choice: ChoiceKind,
    /// `replace`: the serial number (出厂编号) of the new machine, same model.
    #[serde(default)]
    pub new_serial_number: Option<String>,
    /// `replace`: the day the machine was replaced; its 三包 period restarts then.
    #[serde(default)]
    pub replaced_on: Option<NaiveDate>,
    /// What the customer said, for the timeline.
    #[serde(default)]
    pub note: Option<String>,
}

impl CustomerChoiceRequest {
    /// A replacement names the new serial and the day; continuing names neither.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.optional_max_chars("note", self.note.as_deref(), 2000);
        match self.choice {
            ChoiceKind::Replace => {
                match self.new_serial_number.as_deref() {
                    Some(s) => crate::master::check_code(&mut v, "new_serial_number", s, 64),
                    None => {
                        v.error(
                            "new_serial_number",
                            "required",
                            "a replacement names the new machine's serial number",
                        );
                    }
                }
                match self.replaced_on {
                    Some(d) => {
                        v.day_between("replaced_on", d, earliest_day(), latest_day());
                    }
                    None => {
                        v.error(
                            "replaced_on",
                            "required",
                            "a replacement names the day the machine was replaced",
                        );
                    }
                }
            }
            ChoiceKind::ContinueRepair => {
                if self.new_serial_number.is_some() || self.replaced_on.is_some() {
                    v.error(
                        "choice",
                        "invalid",
                        "continuing the repair names no new machine",
                    );
                }
            }
        }
        v.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::master::{RepairSpan, WarrantyTerms, machine_warranty};
    use chrono::TimeZone;

    fn due() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 8, 12, 1, 0, 0).unwrap()
    }

    fn overdue_repair() -> ChoiceFacts {
        ChoiceFacts {
            kind: RequestKind::Repair,
            status: RequestStatus::InService,
            repair_due: Some(due()),
            repaired_at: None,
            in_warranty: true,
        }
    }

    fn second() -> Duration {
        Duration::seconds(1)
    }

    #[test]
    fn the_choice_opens_one_second_after_the_repair_deadline() {
        let facts = overdue_repair();
        assert_eq!(customer_choice(&facts, due() - second()), None);
        assert_eq!(customer_choice(&facts, due()), None);
        assert_eq!(
            customer_choice(&facts, due() + second()),
            Some(CustomerChoice {
                eligible_since: due(),
                ground: ChoiceGround::RepairOverdue
            })
        );
    }

    #[test]
    fn a_machine_repaired_before_the_deadline_gives_no_choice() {
        let facts = ChoiceFacts {
            repaired_at: Some(due() - second()),
            status: RequestStatus::PendingReview,
            ..overdue_repair()
        };
        assert_eq!(customer_choice(&facts, due() + Duration::days(3)), None);
        // Repaired late is still repaired: the choice is for a machine unrepaired.
        let late = ChoiceFacts {
            repaired_at: Some(due() + second()),
            ..facts
        };
        assert_eq!(customer_choice(&late, due() + Duration::days(3)), None);
    }

    #[test]
    fn out_of_warranty_maintenance_and_finished_requests_give_no_choice() {
        let later = due() + Duration::days(1);
        let out = ChoiceFacts {
            in_warranty: false,
            ..overdue_repair()
        };
        assert_eq!(customer_choice(&out, later), None);
        let maintenance = ChoiceFacts {
            kind: RequestKind::Maintenance,
            ..overdue_repair()
        };
        assert_eq!(customer_choice(&maintenance, later), None);
        for status in [
            RequestStatus::Completed,
            RequestStatus::Closed,
            RequestStatus::Cancelled,
        ] {
            let done = ChoiceFacts {
                status,
                ..overdue_repair()
            };
            assert_eq!(customer_choice(&done, later), None, "{status}");
        }
        let no_visit = ChoiceFacts {
            repair_due: None,
            ..overdue_repair()
        };
        assert_eq!(customer_choice(&no_visit, later), None);
        // Every open state of an overdue repair offers it, a new one too.
        for status in RequestStatus::ALL.iter().filter(|s| s.is_open()) {
            let open = ChoiceFacts {
                status: *status,
                ..overdue_repair()
            };
            assert!(customer_choice(&open, later).is_some(), "{status}");
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_fault_reported_on_the_last_day_of_the_period_is_in_warranty() {
        let zone = FixedOffset::east_opt(8 * 3600).unwrap();
        let terms = WarrantyTerms {
            sale_date: Some(d(2025, 8, 1)),
            warranty_end: Some(d(2026, 8, 1)),
            ..WarrantyTerms::default()
        };
        let w = machine_warranty(&terms, &[] as &[RepairSpan], d(2026, 9, 1), zone);
        // 2026-08-01 23:59 in Beijing is 15:59 UTC.
        let last = Utc.with_ymd_and_hms(2026, 8, 1, 15, 59, 0).unwrap();
        assert!(reported_in_warranty(&w, terms.sale_date, last, zone));
        assert!(!reported_in_warranty(
            &w,
            terms.sale_date,
            last + Duration::minutes(1),
            zone
        ));
        // Before the period's start (a restart after a replacement): not covered.
        assert!(!reported_in_warranty(&w, Some(d(2026, 8, 2)), last, zone));
        // No end recorded: presumed covered, as the clocks presume.
        let unknown = machine_warranty(
            &WarrantyTerms {
                warranty_end: None,
                ..terms
            },
            &[] as &[RepairSpan],
            d(2026, 9, 1),
            zone,
        );
        assert!(reported_in_warranty(&unknown, None, last, zone));
    }

    #[test]
    fn a_replacement_restarts_the_period_with_its_length() {
        // Twelve months sold: twelve months from the replacement.
        assert_eq!(
            restarted_warranty_end(Some(d(2025, 3, 1)), Some(d(2026, 3, 1)), d(2026, 9, 15)),
            Some(d(2027, 9, 15))
        );
        // Twenty-four months, replaced on a month's last day.
        assert_eq!(
            restarted_warranty_end(Some(d(2024, 1, 31)), Some(d(2026, 1, 31)), d(2026, 8, 31)),
            Some(d(2028, 8, 31))
        );
        // Not whole months: the same number of days.
        assert_eq!(
            restarted_warranty_end(Some(d(2025, 3, 1)), Some(d(2026, 3, 10)), d(2026, 9, 1)),
            Some(d(2026, 9, 1) + Duration::days(374))
        );
        assert_eq!(
            restarted_warranty_end(None, Some(d(2026, 3, 1)), d(2026, 9, 1)),
            None
        );
    }

    #[test]
    fn a_replacement_names_the_new_serial_and_the_day() {
        let replace = CustomerChoiceRequest {
            choice: ChoiceKind::Replace,
            new_serial_number: None,
            replaced_on: None,
            note: None,
        };
        let err = replace.validate().unwrap_err();
        assert_eq!(err.fields(), vec!["new_serial_number", "replaced_on"]);
        let spaced = CustomerChoiceRequest {
            new_serial_number: Some("4LZ 001".into()),
            replaced_on: Some(d(2026, 8, 20)),
            ..replace.clone()
        };
        assert_eq!(
            spaced.validate().unwrap_err().fields(),
            vec!["new_serial_number"]
        );
        let ok = CustomerChoiceRequest {
            new_serial_number: Some("4LZ8M-2026-00999".into()),
            ..spaced
        };
        assert!(ok.validate().is_ok());
        let cont = CustomerChoiceRequest {
            choice: ChoiceKind::ContinueRepair,
            ..ok
        };
        assert_eq!(cont.validate().unwrap_err().fields(), vec!["choice"]);
        let plain = CustomerChoiceRequest {
            choice: ChoiceKind::ContinueRepair,
            new_serial_number: None,
            replaced_on: None,
            note: Some("客户同意继续修理".into()),
        };
        assert!(plain.validate().is_ok());
    }
}
