//! What a repair report says of the fault it repaired: which main assembly
//! (主要部件总成), whether the fault is serious (严重质量问题) and whether the
//! assembly was replaced rather than repaired. It is what lets the repeat-fault
//! rule ([`super::repeat_fault`]) tell "the same serious fault of a main
//! part" from one report to the next (POLICY.md, 三包).

use super::types::SuspectedPart;
use crate::validation::{ValidationErrors, Validator};
use serde::{Deserialize, Serialize};

wire_enum!(
    /// The main assemblies (主要部件) a 三包 certificate names for the
    /// machines the company sells: a closed list, so two reports of the same
    /// assembly compare equal whatever words the engineers used.
    #[derive(PartialOrd, Ord)]
    MainAssembly {
        /// 发动机
        Engine => "engine",
        /// 传动系（变速箱、离合器、驱动桥）
        Transmission => "transmission",
        /// 液压系统
        Hydraulics => "hydraulics",
        /// 脱粒、清选装置
        ThreshingCleaning => "threshing_cleaning",
        /// 割台
        Header => "header",
        /// 作业装置（排种、插秧、耕整机构）
        WorkingUnit => "working_unit",
        /// 底盘、行走系
        Chassis => "chassis",
        /// 电气系统
        Electrical => "electrical",
    }
);

/// The fault a report repaired, as far as the 三包 repeat-fault rule reads it.
/// Empty (no assembly, not serious, nothing replaced) on a wear-part report
/// and on every report written before the rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FaultIdentity {
    /// The main assembly at fault: required when the diagnosis names a main
    /// part, refused on a wear part.
    #[serde(default)]
    pub assembly: Option<MainAssembly>,
    /// A serious quality fault (严重质量问题): the machine cannot work as
    /// it should. Only serious faults count towards a replacement.
    #[serde(default)]
    pub serious: bool,
    /// The assembly was replaced (更换总成), not repaired: the first remedy
    /// of the repeat-fault rule, after which the same fault again entitles
    /// the customer to a new machine.
    #[serde(default)]
    pub assembly_replaced: bool,
}

impl FaultIdentity {
    /// Whether the report names nothing of the fault.
    pub fn is_empty(&self) -> bool {
        *self == FaultIdentity::default()
    }

    /// Whether the fault counts towards the repeat-fault rule: a serious
    /// fault of a named main assembly.
    pub fn assembly_at_fault(&self) -> Option<MainAssembly> {
        self.assembly.filter(|_| self.serious)
    }

    /// Checks the fault against the part type the diagnosis names (`part`:
    /// the draft's, else the request's). A draft may leave the assembly out
    /// while the engineer writes; a submitted report (`complete`) of a main
    /// part names it, and naming one is a main-part diagnosis. Serious and
    /// replaced describe an assembly, so they need one; a wear part has none.
    pub fn check(&self, part: SuspectedPart, complete: bool) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        match (self.assembly, part) {
            (Some(_), SuspectedPart::WearPart) => {
                v.error(
                    "fault.assembly",
                    "invalid",
                    "a wear-part repair names no main assembly",
                );
            }
            (Some(_), SuspectedPart::Unknown) if complete => {
                v.error(
                    "part_type",
                    "required",
                    "a report naming a main assembly diagnoses a main part",
                );
            }
            (None, SuspectedPart::MainPart) if complete => {
                v.error(
                    "fault.assembly",
                    "required",
                    "name the main assembly the repair was of",
                );
            }
            (None, _) if self.serious || self.assembly_replaced => {
                v.error(
                    "fault.assembly",
                    "required",
                    "a serious fault or a replaced assembly names the main assembly",
                );
            }
            _ => {}
        }
        v.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(assembly: Option<MainAssembly>, serious: bool, replaced: bool) -> FaultIdentity {
        FaultIdentity {
            assembly,
            serious,
            assembly_replaced: replaced,
        }
    }

    fn fields(f: FaultIdentity, part: SuspectedPart, complete: bool) -> Vec<String> {
        f.check(part, complete).err().map_or(vec![], |e| {
            e.fields().into_iter().map(str::to_owned).collect()
        })
    }

    #[test]
    fn a_main_part_report_names_its_assembly_once_submitted() {
        let none = FaultIdentity::default();
        assert!(fields(none, SuspectedPart::MainPart, false).is_empty());
        assert_eq!(
            fields(none, SuspectedPart::MainPart, true),
            ["fault.assembly"]
        );
        let engine = fault(Some(MainAssembly::Engine), true, false);
        assert!(fields(engine, SuspectedPart::MainPart, true).is_empty());
    }

    #[test]
    fn a_wear_part_report_claims_no_assembly_draft_or_not() {
        let engine = fault(Some(MainAssembly::Engine), false, false);
        for complete in [false, true] {
            assert_eq!(
                fields(engine, SuspectedPart::WearPart, complete),
                ["fault.assembly"]
            );
        }
        assert!(fields(FaultIdentity::default(), SuspectedPart::WearPart, true).is_empty());
    }

    #[test]
    fn serious_or_replaced_needs_an_assembly_and_an_assembly_needs_a_main_part_diagnosis() {
        for f in [fault(None, true, false), fault(None, false, true)] {
            assert_eq!(fields(f, SuspectedPart::Unknown, false), ["fault.assembly"]);
        }
        let header = fault(Some(MainAssembly::Header), true, true);
        assert!(fields(header, SuspectedPart::Unknown, false).is_empty());
        assert_eq!(fields(header, SuspectedPart::Unknown, true), ["part_type"]);
    }

    #[test]
    fn only_a_serious_fault_of_a_named_assembly_counts() {
        assert_eq!(
            fault(Some(MainAssembly::Engine), true, false).assembly_at_fault(),
            Some(MainAssembly::Engine)
        );
        assert_eq!(
            fault(Some(MainAssembly::Engine), false, true).assembly_at_fault(),
            None
        );
        assert_eq!(fault(None, true, false).assembly_at_fault(), None);
        assert!(FaultIdentity::default().is_empty());
    }
}
