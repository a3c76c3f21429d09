//! Who pays for a service (费用承担): the coverage proposed at intake from the
//! machine's warranty on the report day and the request's kind, and the one
//! the supervisor confirms at report review, for the request and for each
//! part line, with a reason when it departs from the proposal.

use super::types::{PartLine, RequestKind, SuspectedPart};
use crate::master::WarrantyStatus;
use crate::validation::{ValidationErrors, Validator};

wire_enum!(
    /// Who pays for a request or a part line: `sanbao` (三包, free by law
    /// inside the 三包 period), `extended_warranty` (延保, the maker's extended
    /// warranty), `goodwill` (善意, free by the maker's choice; never proposed)
    /// or `charged` (客户付费, the customer pays).
    Coverage {
        /// 三包: free by law, inside the machine's 三包 period.
        Sanbao => "sanbao",
        /// 延保: the maker's extended warranty.
        ExtendedWarranty => "extended_warranty",
        /// 善意: free as goodwill, the maker's choice (never proposed).
        Goodwill => "goodwill",
        /// 客户付费: charged to the customer.
        Charged => "charged",
    }
);

/// The coverage intake proposes for a request of `kind` whose suspected part
/// is `part`, on a machine whose warranty on the report day is `warranty`:
/// - maintenance (保养) is the owner's cost: charged, whatever the warranty;
/// - inside the 三包 period (with its extension), 三包, wear parts included
///   (the certificate states their periods; the supervisor corrects a wear
///   part past its own period, or misuse, at review);
/// - inside the extended warranty, 延保, except a suspected wear part, which
///   the extended warranty does not cover: charged;
/// - expired, or no warranty recorded (an unregistered machine), charged.
///
/// Goodwill is never proposed: it is the supervisor's decision at review.
pub fn propose_coverage(
    warranty: WarrantyStatus,
    kind: RequestKind,
    part: SuspectedPart,
) -> Coverage {
    if kind == RequestKind::Maintenance {
        return Coverage::Charged;
    }
    match warranty {
        WarrantyStatus::InWarranty => Coverage::Sanbao,
        WarrantyStatus::ExtendedWarranty if part == SuspectedPart::WearPart => Coverage::Charged,
        WarrantyStatus::ExtendedWarranty => Coverage::ExtendedWarranty,
        WarrantyStatus::Expired | WarrantyStatus::Unknown => Coverage::Charged,
    }
}

/// What the supervisor decides at review: the request's coverage, each part
/// line's (in the report's order), and why when either departs from the proposal.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CoverageChoice<'a> {
    pub coverage: Option<Coverage>,
    pub part_coverage: Option<&'a [Coverage]>,
    pub reason: Option<&'a str>,
}

/// The coverage confirmed at review: the request's and its part lines'.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfirmedCoverage {
    pub coverage: Option<Coverage>,
    pub parts: Vec<PartLine>,
    /// The reason, kept when the choice departs from the proposal.
    pub reason: Option<String>,
    /// The choice departs from the proposal (the request's or a part line's).
    pub changed: bool,
}

/// Confirms or changes the coverage of a request proposed `proposed` at
/// intake and of its report's `parts`. The request's defaults to the
/// proposal and each line's to the request's; a request or a line that ends
/// up other than the proposal needs a reason (1-500 characters), and the
/// list of line coverages, when given, has one per line. A request recorded
/// before coverage existed has no proposal: it keeps none unless chosen, and
/// then the choice needs no reason.
pub fn confirm_coverage(
    proposed: Option<Coverage>,
    parts: &[PartLine],
    choice: &CoverageChoice<'_>,
) -> Result<ConfirmedCoverage, ValidationErrors> {
    let mut v = Validator::new();
    let coverage = choice.coverage.or(proposed);
    if let Some(lines) = choice.part_coverage
        && lines.len() != parts.len()
    {
        v.error(
            "part_coverage",
            "count_mismatch",
            "give one coverage per part line of the report",
        );
        return Err(v.finish().unwrap_err());
    }
    let parts: Vec<PartLine> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| PartLine {
            coverage: choice.part_coverage.map(|c| c[i]).or(coverage),
            ..p.clone()
        })
        .collect();
    let changed = proposed
        .is_some_and(|was| coverage != Some(was) || parts.iter().any(|p| p.coverage != Some(was)));
    let reason = choice
        .reason
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    if changed {
        match &reason {
            None => v.error(
                "coverage_reason",
                "required",
                "say why the coverage differs from the proposal",
            ),
            Some(r) => v.required_text("coverage_reason", r, 500),
        };
    }
    v.finish()?;
    Ok(ConfirmedCoverage {
        coverage,
        parts,
        reason: reason.filter(|_| changed),
        changed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::master::{WarrantyTerms, machine_warranty};
    use chrono::{FixedOffset, NaiveDate};
    use rust_decimal::Decimal;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The warranty on `today` of a machine sold 2025-06-01 with 三包 to
    /// 2026-05-31 and, when `extended`, 延保 to 2027-05-31.
    fn warranty_on(today: NaiveDate, extended: bool) -> WarrantyStatus {
        let terms = WarrantyTerms {
            sale_date: Some(day(2025, 6, 1)),
            warranty_end: Some(day(2026, 5, 31)),
            extended_warranty_end: extended.then(|| day(2027, 5, 31)),
            replaced_on: None,
        };
        let zone = FixedOffset::east_opt(8 * 3600).unwrap();
        machine_warranty(&terms, &[], today, zone).status
    }

    const REPAIR: RequestKind = RequestKind::Repair;
    const MAIN: SuspectedPart = SuspectedPart::MainPart;
    const WEAR: SuspectedPart = SuspectedPart::WearPart;

    #[test]
    fn the_last_day_of_sanbao_is_sanbao_and_the_next_is_not() {
        let last = warranty_on(day(2026, 5, 31), false);
        assert_eq!(propose_coverage(last, REPAIR, MAIN), Coverage::Sanbao);
        let next = warranty_on(day(2026, 6, 1), false);
        assert_eq!(next, WarrantyStatus::Expired);
        assert_eq!(propose_coverage(next, REPAIR, MAIN), Coverage::Charged);
    }

    #[test]
    fn the_day_after_sanbao_falls_to_the_extended_warranty_until_its_last_day() {
        let next = warranty_on(day(2026, 6, 1), true);
        assert_eq!(
            propose_coverage(next, REPAIR, MAIN),
            Coverage::ExtendedWarranty
        );
        let last = warranty_on(day(2027, 5, 31), true);
        assert_eq!(
            propose_coverage(last, REPAIR, SuspectedPart::Unknown),
            Coverage::ExtendedWarranty
        );
        let after = warranty_on(day(2027, 6, 1), true);
        assert_eq!(propose_coverage(after, REPAIR, MAIN), Coverage::Charged);
    }

    #[test]
    fn a_wear_part_is_sanbao_inside_the_period_and_charged_out_of_it() {
        let inside = warranty_on(day(2026, 5, 31), true);
        assert_eq!(propose_coverage(inside, REPAIR, WEAR), Coverage::Sanbao);
        let extended = warranty_on(day(2026, 6, 1), true);
        assert_eq!(propose_coverage(extended, REPAIR, WEAR), Coverage::Charged);
    }

    #[test]
    fn maintenance_is_charged_even_inside_sanbao() {
        let inside = warranty_on(day(2026, 1, 1), true);
        assert_eq!(
            propose_coverage(inside, RequestKind::Maintenance, MAIN),
            Coverage::Charged
        );
        assert_eq!(
            propose_coverage(inside, RequestKind::Complaint, MAIN),
            Coverage::Sanbao
        );
    }

    #[test]
    fn an_unknown_warranty_is_charged_and_goodwill_is_never_proposed() {
        for w in [
            WarrantyStatus::InWarranty,
            WarrantyStatus::ExtendedWarranty,
            WarrantyStatus::Expired,
            WarrantyStatus::Unknown,
        ] {
            for k in RequestKind::ALL {
                for p in SuspectedPart::ALL {
                    assert_ne!(propose_coverage(w, *k, *p), Coverage::Goodwill);
                }
            }
        }
        assert_eq!(
            propose_coverage(WarrantyStatus::Unknown, REPAIR, MAIN),
            Coverage::Charged
        );
    }

    fn line(name: &str) -> PartLine {
        PartLine {
            part_number: None,
            name: name.into(),
            quantity: Decimal::ONE,
            unit: None,
            coverage: None,
        }
    }

    #[test]
    fn confirming_the_proposal_needs_no_reason_and_covers_every_line() {
        let parts = [line("滤芯"), line("皮带")];
        let c =
            confirm_coverage(Some(Coverage::Sanbao), &parts, &CoverageChoice::default()).unwrap();
        assert_eq!(c.coverage, Some(Coverage::Sanbao));
        assert!(!c.changed);
        assert_eq!(c.reason, None);
        assert!(c.parts.iter().all(|p| p.coverage == Some(Coverage::Sanbao)));
    }

    #[test]
    fn charging_one_line_needs_a_reason_and_keeps_it() {
        let parts = [line("滤芯"), line("皮带")];
        let lines = [Coverage::Sanbao, Coverage::Charged];
        let without = CoverageChoice {
            coverage: None,
            part_coverage: Some(&lines),
            reason: Some("  "),
        };
        let e = confirm_coverage(Some(Coverage::Sanbao), &parts, &without).unwrap_err();
        assert_eq!(e.0[0].field, "coverage_reason");
        assert_eq!(e.0[0].code, "required");
        let with = CoverageChoice {
            reason: Some(" 皮带人为损坏 "),
            ..without
        };
        let c = confirm_coverage(Some(Coverage::Sanbao), &parts, &with).unwrap();
        assert!(c.changed);
        assert_eq!(c.coverage, Some(Coverage::Sanbao));
        assert_eq!(c.parts[0].coverage, Some(Coverage::Sanbao));
        assert_eq!(c.parts[1].coverage, Some(Coverage::Charged));
        assert_eq!(c.reason.as_deref(), Some("皮带人为损坏"));
    }

    #[test]
    fn changing_the_request_moves_its_lines_and_needs_a_reason() {
        let parts = [line("滤芯")];
        let choice = CoverageChoice {
            coverage: Some(Coverage::Goodwill),
            part_coverage: None,
            reason: None,
        };
        let e = confirm_coverage(Some(Coverage::Charged), &parts, &choice).unwrap_err();
        assert_eq!(e.0[0].field, "coverage_reason");
        let choice = CoverageChoice {
            reason: Some("老客户，善意维修"),
            ..choice
        };
        let c = confirm_coverage(Some(Coverage::Charged), &parts, &choice).unwrap();
        assert_eq!(c.coverage, Some(Coverage::Goodwill));
        assert_eq!(c.parts[0].coverage, Some(Coverage::Goodwill));
    }

    #[test]
    fn a_reason_given_for_no_change_is_not_kept_and_a_wrong_line_count_is_refused() {
        let parts = [line("滤芯")];
        let c = confirm_coverage(
            Some(Coverage::Sanbao),
            &parts,
            &CoverageChoice {
                reason: Some("无"),
                ..CoverageChoice::default()
            },
        )
        .unwrap();
        assert_eq!(c.reason, None);
        let two = [Coverage::Sanbao, Coverage::Sanbao];
        let e = confirm_coverage(
            Some(Coverage::Sanbao),
            &parts,
            &CoverageChoice {
                part_coverage: Some(&two),
                ..CoverageChoice::default()
            },
        )
        .unwrap_err();
        assert_eq!(e.0[0].field, "part_coverage");
        assert_eq!(e.0[0].code, "count_mismatch");
    }

    #[test]
    fn a_request_without_a_proposal_keeps_none_unless_chosen() {
        let parts = [line("滤芯")];
        let c = confirm_coverage(None, &parts, &CoverageChoice::default()).unwrap();
        assert_eq!(c.coverage, None);
        assert_eq!(c.parts[0].coverage, None);
        let chosen = CoverageChoice {
            coverage: Some(Coverage::Charged),
            ..CoverageChoice::default()
        };
        let c = confirm_coverage(None, &parts, &chosen).unwrap();
        assert_eq!(c.coverage, Some(Coverage::Charged));
        assert!(!c.changed);
    }
}
