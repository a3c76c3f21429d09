//! The repeat-fault rule of the 三包 law (POLICY.md, 三包): "the same
//! serious fault of a main part repaired twice and still not working: the
//! part (assembly) is replaced; if that fails too, the machine is replaced."
//!
//! [`repeat_faults`] reads a machine's repair reports and says, per main
//! assembly, whether the machine is eligible for a new assembly or a new
//! machine, with the reports behind it. The stricter reading is kept, as
//! POLICY.md asks: the second approved repair of the same serious fault
//! flags the machine (the customer need not wait for a third failure to
//! claim), and a fault is "the same" when it is a serious fault of the same
//! main assembly ([`super::fault::FaultIdentity`]).
//!
//! What counts: approved reports (signed, refused or closed unsigned too) of
//! repair requests reported inside the machine's current 三包 period as
//! [`machine_warranty`](crate::master::machine_warranty) computes it (with its
//! extension, restarted by a replacement of the machine), one per request.

use super::ReportSummary;
use super::decide::{Decision, Event, Report};
use super::fault::{FaultIdentity, MainAssembly};
use super::replacement::reported_in_warranty;
use super::status::ReportStatus;
use super::types::RequestKind;
use crate::audit::AuditAction;
use crate::master::WarrantyState;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;
use uuid::Uuid;

wire_enum!(
    /// What the customer may claim.
    Remedy {
        /// 更换总成: the same serious fault repaired twice.
        ReplaceAssembly => "replace_assembly",
        /// 更换整机: the same serious fault again after the assembly was replaced.
        ReplaceMachine => "replace_machine",
    }
);

/// One repair report of the machine, as the rule reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRecord {
    pub report_id: Uuid,
    pub request_id: Uuid,
    pub request_number: String,
    /// The dealer that reported the request: decides what a dealer reads.
    pub dealer_id: Option<Uuid>,
    pub kind: RequestKind,
    /// When the fault was reported (报修): the 三包 period is read on that day.
    pub reported_at: DateTime<Utc>,
    pub status: ReportStatus,
    /// When the report was approved (its review).
    pub reviewed_at: Option<DateTime<Utc>>,
    pub fault: FaultIdentity,
}

/// A report behind an eligibility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FaultReport {
    /// The report; absent to a dealer when another dealer reported its
    /// request (the machine changed hands).
    pub report_id: Option<Uuid>,
    pub request_id: Option<Uuid>,
    /// `SR-2026-000123`; absent to a dealer as `request_id` is.
    pub request_number: Option<String>,
    /// The dealer of the request: decides what a dealer reads, never sent.
    #[serde(skip)]
    pub dealer_id: Option<Uuid>,
    pub reported_at: DateTime<Utc>,
    pub approved_at: Option<DateTime<Utc>>,
    /// This repair replaced the assembly.
    pub assembly_replaced: bool,
}

/// The machine is eligible for a replacement because of one assembly's
/// repeated serious fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepeatFault {
    pub assembly: MainAssembly,
    pub remedy: Remedy,
    /// When the report that made the machine eligible was approved.
    pub eligible_since: Option<DateTime<Utc>>,
    /// The reports behind it, oldest first: the repairs of the fault (for a
    /// new assembly), or the replacement of the assembly and the repairs
    /// after it (for a new machine).
    pub reports: Vec<FaultReport>,
}

impl RepeatFault {
    /// The eligibility as the dealer `own` reads it: every report's dates,
    /// the requests of its own only.
    pub fn for_dealer(mut self, own: Uuid) -> Self {
        for r in &mut self.reports {
            if r.dealer_id != Some(own) {
                r.report_id = None;
                r.request_id = None;
                r.request_number = None;
            }
        }
        self
    }
}

/// The machine's warranty as the rule reads it: which reports fall in the
/// current 三包 period.
#[derive(Debug, Clone, Copy)]
pub struct Period<'a> {
    pub warranty: &'a WarrantyState,
    /// The first day of the period: the sale, or the machine's replacement.
    pub start: Option<NaiveDate>,
    pub zone: FixedOffset,
}

impl Period<'_> {
    fn holds(&self, at: DateTime<Utc>) -> bool {
        reported_in_warranty(self.warranty, self.start, at, self.zone)
    }
}

fn line(r: &FaultRecord) -> FaultReport {
    FaultReport {
        report_id: Some(r.report_id),
        request_id: Some(r.request_id),
        request_number: Some(r.request_number.clone()),
        dealer_id: r.dealer_id,
        reported_at: r.reported_at,
        approved_at: r.reviewed_at,
        assembly_replaced: r.fault.assembly_replaced,
    }
}

/// The counted repairs of the machine by assembly, each assembly's oldest
/// first: approved, of an in-warranty repair request inside the period, of
/// a serious fault of a named assembly, the last approved one per request.
fn counted<'r>(
    records: &'r [FaultRecord],
    period: &Period<'_>,
) -> BTreeMap<MainAssembly, Vec<&'r FaultRecord>> {
    let mut per_request: BTreeMap<Uuid, &FaultRecord> = BTreeMap::new();
    let counts = records.iter().filter(|r| {
        ReportSummary::shown(r.status)
            && r.kind == RequestKind::Repair
            && r.fault.assembly_at_fault().is_some()
            && period.holds(r.reported_at)
    });
    for r in counts {
        let kept = per_request.entry(r.request_id).or_insert(r);
        if (r.reviewed_at, r.report_id) > (kept.reviewed_at, kept.report_id) {
            *kept = r;
        }
    }
    let mut out: BTreeMap<MainAssembly, Vec<&FaultRecord>> = BTreeMap::new();
    for r in per_request.into_values() {
        if let Some(a) = r.fault.assembly_at_fault() {
            out.entry(a).or_default().push(r);
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|r| (r.reported_at, r.reviewed_at, r.report_id));
    }
    out
}

/// What one assembly's repairs entitle the customer to: after a replacement
/// of the assembly, any repair of the same fault → a new machine (the
/// replacement and what followed it); before one, two repairs → a new
/// assembly (the repairs so far). A replacement with nothing after it has
/// given the remedy: nothing is due.
fn remedy_of(assembly: MainAssembly, repairs: &[&FaultRecord]) -> Option<RepeatFault> {
    let last_replacement = repairs.iter().rposition(|r| r.fault.assembly_replaced);
    let (remedy, chain) = match last_replacement {
        Some(i) if i + 1 < repairs.len() => (Remedy::ReplaceMachine, &repairs[i..]),
        Some(_) => return None,
        None if repairs.len() >= 2 => (Remedy::ReplaceAssembly, repairs),
        None => return None,
    };
    // Either way the second report of the chain is the one that made it due.
    Some(RepeatFault {
        assembly,
        remedy,
        eligible_since: chain[1].reviewed_at,
        reports: chain.iter().map(|r| line(r)).collect(),
    })
}

/// The machine's eligibility for a replacement, per main assembly with a
/// repeated serious fault (the rule: see the module's documentation).
pub fn repeat_faults(records: &[FaultRecord], period: &Period<'_>) -> Vec<RepeatFault> {
    counted(records, period)
        .into_iter()
        .filter_map(|(assembly, repairs)| remedy_of(assembly, &repairs))
        .collect()
}

/// The eligibilities `after` holds that `before` did not (a new assembly,
/// or a remedy raised to a new machine): what an approval just caused.
pub fn newly_eligible(before: &[RepeatFault], after: &[RepeatFault]) -> Vec<RepeatFault> {
    after
        .iter()
        .filter(|a| {
            !before
                .iter()
                .any(|b| b.assembly == a.assembly && b.remedy == a.remedy)
        })
        .cloned()
        .collect()
}

/// The machine's records once the decided (not yet saved) `report` stands
/// as decided: its status, review time and fault replace the stored ones.
pub fn as_decided(records: &[FaultRecord], report: &Report) -> Vec<FaultRecord> {
    records
        .iter()
        .map(|r| {
            if r.report_id == report.id {
                FaultRecord {
                    status: report.status,
                    reviewed_at: report.reviewed_at,
                    fault: report.content.fault,
                    ..r.clone()
                }
            } else {
                r.clone()
            }
        })
        .collect()
}

/// An approval's decision with a `repeat_fault_eligible` event on its
/// request for each eligibility it caused (`before` and `after` the
/// approval, as [`repeat_faults`] reads the machine): the remedy, the
/// assembly and the requests behind it.
pub fn with_eligibility(
    mut decision: Decision,
    request_id: Uuid,
    before: &[RepeatFault],
    after: &[RepeatFault],
) -> Decision {
    for f in newly_eligible(before, after) {
        let requests: Vec<_> = f.reports.iter().map(|r| &r.request_number).collect();
        let reports: Vec<_> = f.reports.iter().map(|r| r.report_id).collect();
        decision.events.push(Event::on_request(
            request_id,
            AuditAction::RepeatFaultEligible,
            json!({"assembly": f.assembly.as_str(), "remedy": f.remedy.as_str(),
                "repairs": f.reports.len(), "requests": requests, "reports": reports}),
        ));
    }
    decision
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::master::{RepairSpan, WarrantyTerms, machine_warranty};
    use chrono::{Duration, TimeZone};

    fn zone() -> FixedOffset {
        FixedOffset::east_opt(8 * 3600).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Sold 2026-03-01 with twelve months of 三包, read on 2026-12-01.
    fn terms() -> WarrantyTerms {
        WarrantyTerms {
            sale_date: Some(d(2026, 3, 1)),
            warranty_end: Some(d(2027, 3, 1)),
            ..WarrantyTerms::default()
        }
    }

    fn warranty(t: &WarrantyTerms) -> WarrantyState {
        machine_warranty(t, &[] as &[RepairSpan], d(2026, 12, 1), zone())
    }

    fn eligible(records: &[FaultRecord], t: &WarrantyTerms) -> Vec<RepeatFault> {
        let w = warranty(t);
        repeat_faults(
            records,
            &Period {
                warranty: &w,
                start: t.period_start(),
                zone: zone(),
            },
        )
    }

    /// A serious engine fault repaired on request `n`, reported `day` days
    /// after 2026-04-01 and approved the day after.
    fn repair(n: u128, day: i64) -> FaultRecord {
        let at = Utc.with_ymd_and_hms(2026, 4, 1, 2, 0, 0).unwrap() + Duration::days(day);
        FaultRecord {
            report_id: Uuid::from_u128(100 + n),
            request_id: Uuid::from_u128(n),
            request_number: format!("SR-2026-{n:06}"),
            dealer_id: None,
            kind: RequestKind::Repair,
            reported_at: at,
            status: ReportStatus::Approved,
            reviewed_at: Some(at + Duration::days(1)),
            fault: FaultIdentity {
                assembly: Some(MainAssembly::Engine),
                serious: true,
                assembly_replaced: false,
            },
        }
    }

    fn replaced(n: u128, day: i64) -> FaultRecord {
        let mut r = repair(n, day);
        r.fault.assembly_replaced = true;
        r
    }

    fn numbers(f: &RepeatFault) -> Vec<&str> {
        f.reports
            .iter()
            .map(|r| r.request_number.as_deref().unwrap())
            .collect()
    }

    #[test]
    fn the_second_repair_of_the_same_serious_fault_makes_the_assembly_eligible() {
        assert!(eligible(&[repair(1, 0)], &terms()).is_empty());
        let two = [repair(2, 30), repair(1, 0)];
        let got = eligible(&two, &terms());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].assembly, MainAssembly::Engine);
        assert_eq!(got[0].remedy, Remedy::ReplaceAssembly);
        assert_eq!(numbers(&got[0]), ["SR-2026-000001", "SR-2026-000002"]);
        assert_eq!(got[0].eligible_since, two[0].reviewed_at);
    }

    #[test]
    fn after_the_assembly_was_replaced_the_same_fault_again_makes_the_machine_eligible() {
        let replacement = [repair(1, 0), repair(2, 30), replaced(3, 60)];
        // The replacement was the remedy: nothing is due until it fails.
        assert!(eligible(&replacement, &terms()).is_empty());
        let mut again = replacement.to_vec();
        again.push(repair(4, 90));
        let got = eligible(&again, &terms());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].remedy, Remedy::ReplaceMachine);
        assert_eq!(numbers(&got[0]), ["SR-2026-000003", "SR-2026-000004"]);
        assert!(got[0].reports[0].assembly_replaced);
        assert_eq!(got[0].eligible_since, again[3].reviewed_at);
    }

    #[test]
    fn faults_outside_the_period_do_not_count() {
        // Reported on 2027-03-01 (the last day) counts; on 2027-03-02 not.
        let last_day = Utc.with_ymd_and_hms(2027, 3, 1, 15, 59, 0).unwrap();
        let mut inside = repair(2, 0);
        inside.reported_at = last_day;
        assert_eq!(eligible(&[repair(1, 0), inside.clone()], &terms()).len(), 1);
        let mut outside = inside;
        outside.reported_at = last_day + Duration::minutes(1);
        assert!(eligible(&[repair(1, 0), outside], &terms()).is_empty());
        // The machine was replaced (换货) on 2026-06-01: its period restarted,
        // the old machine's repairs are not the new one's.
        let restarted = WarrantyTerms {
            replaced_on: Some(d(2026, 6, 1)),
            ..terms()
        };
        assert!(eligible(&[repair(1, 0), repair(2, 70)], &restarted).is_empty());
        assert_eq!(
            eligible(&[repair(1, 62), repair(2, 70)], &restarted).len(),
            1
        );
        // No 三包 end recorded: presumed covered, as the clocks presume.
        let unknown = WarrantyTerms {
            warranty_end: None,
            ..terms()
        };
        assert_eq!(eligible(&[repair(1, 0), repair(2, 30)], &unknown).len(), 1);
    }

    #[test]
    fn non_serious_faults_wear_parts_and_other_assemblies_do_not_count() {
        let mut mild = repair(2, 30);
        mild.fault.serious = false;
        assert!(eligible(&[repair(1, 0), mild], &terms()).is_empty());
        let mut wear = repair(2, 30);
        wear.fault = FaultIdentity::default();
        assert!(eligible(&[repair(1, 0), wear], &terms()).is_empty());
        let mut hydraulics = repair(2, 30);
        hydraulics.fault.assembly = Some(MainAssembly::Hydraulics);
        assert!(eligible(&[repair(1, 0), hydraulics.clone()], &terms()).is_empty());
        // Two assemblies each twice: each is eligible on its own.
        let mut hydraulics_again = repair(4, 50);
        hydraulics_again.fault.assembly = Some(MainAssembly::Hydraulics);
        let both = [repair(1, 0), hydraulics, repair(3, 40), hydraulics_again];
        let got = eligible(&both, &terms());
        let assemblies: Vec<_> = got.iter().map(|f| f.assembly).collect();
        assert_eq!(assemblies, [MainAssembly::Engine, MainAssembly::Hydraulics]);
    }

    #[test]
    fn only_approved_repairs_count_once_per_request() {
        for status in [
            ReportStatus::Draft,
            ReportStatus::Submitted,
            ReportStatus::Rejected,
        ] {
            let mut r = repair(2, 30);
            r.status = status;
            assert!(
                eligible(&[repair(1, 0), r], &terms()).is_empty(),
                "{status}"
            );
        }
        for status in [
            ReportStatus::Signed,
            ReportStatus::SignatureRefused,
            ReportStatus::ClosedUnsigned,
        ] {
            let mut r = repair(2, 30);
            r.status = status;
            assert_eq!(eligible(&[repair(1, 0), r], &terms()).len(), 1, "{status}");
        }
        // A maintenance visit is no repair under 三包.
        let mut maintenance = repair(2, 30);
        maintenance.kind = RequestKind::Maintenance;
        assert!(eligible(&[repair(1, 0), maintenance], &terms()).is_empty());
        // Two approved reports of one request (a second work order) are one repair.
        let mut second_order = repair(1, 0);
        second_order.report_id = Uuid::from_u128(999);
        assert!(eligible(&[repair(1, 0), second_order], &terms()).is_empty());
    }

    #[test]
    fn an_approval_is_news_only_when_it_adds_or_raises_a_remedy() {
        let assembly = eligible(&[repair(1, 0), repair(2, 30)], &terms());
        assert_eq!(newly_eligible(&[], &assembly), assembly);
        let third = eligible(&[repair(1, 0), repair(2, 30), repair(3, 40)], &terms());
        assert!(newly_eligible(&assembly, &third).is_empty());
        let machine = eligible(&[repair(1, 0), replaced(2, 30), repair(3, 40)], &terms());
        assert_eq!(newly_eligible(&assembly, &machine), machine);
    }

    #[test]
    fn the_approval_that_makes_the_machine_eligible_records_it_on_its_request() {
        use crate::service::decide::fixtures::{full_draft, reported_case};
        let stored = [repair(1, 0), {
            let mut r = repair(2, 30);
            r.status = ReportStatus::Submitted;
            r.reviewed_at = None;
            r
        }];
        let before = eligible(&stored, &terms());
        assert!(before.is_empty());
        // The approval of report 102 as the decision has it.
        let mut report = reported_case(ReportStatus::Approved).report.unwrap();
        report.id = Uuid::from_u128(102);
        report.content = full_draft();
        report.content.fault = stored[1].fault;
        let after = eligible(&as_decided(&stored, &report), &terms());
        assert_eq!(after.len(), 1);
        let d = with_eligibility(Decision::default(), Uuid::from_u128(2), &before, &after);
        assert_eq!(d.events.len(), 1);
        let e = &d.events[0];
        assert_eq!(e.action, AuditAction::RepeatFaultEligible);
        assert_eq!(e.record_id, Uuid::from_u128(2));
        assert_eq!(e.data["remedy"], "replace_assembly");
        assert_eq!(e.data["assembly"], "engine");
        assert_eq!(
            e.data["requests"],
            json!(["SR-2026-000001", "SR-2026-000002"])
        );
        // Approved again later (nothing new): no second event.
        let again = with_eligibility(Decision::default(), Uuid::from_u128(2), &after, &after);
        assert!(again.events.is_empty());
    }

    #[test]
    fn a_dealer_reads_the_dates_of_every_report_and_the_requests_of_its_own() {
        let own = Uuid::from_u128(7);
        let mut mine = repair(2, 30);
        mine.dealer_id = Some(own);
        let got = eligible(&[repair(1, 0), mine], &terms())
            .remove(0)
            .for_dealer(own);
        assert_eq!(got.reports[0].request_id, None);
        assert_eq!(got.reports[0].request_number, None);
        assert_eq!(got.reports[1].request_id, Some(Uuid::from_u128(2)));
    }
}
