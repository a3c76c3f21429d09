//! The faults the demo's customers call about, by machine category: what the
//! customer says, what the desk suspects, and what the engineer finds and does.
//! Written as a service desk would, so the request and report pages read true.
//!
//! The faults and the phone consultations are data, one a line, in
//! `faults.txt` and `consultations.txt` beside this file; they are read once.

use furrow_domain::master::MachineCategory;
use furrow_domain::service::{Operation, SuspectedPart};
use std::sync::LazyLock;

/// A fault and its repair.
#[derive(Debug)]
pub struct Fault {
    pub symptoms: &'static str,
    pub judgement: &'static str,
    pub part: SuspectedPart,
    pub operation: Operation,
    pub cause: &'static str,
    pub measures: &'static str,
    /// Part number, name, quantity, unit.
    pub parts: Vec<(&'static str, &'static str, i64, &'static str)>,
    /// Labour in tenths of an hour.
    pub labour_tenths: i64,
}

/// The lines of a data file that hold data: not blank, not `#` comments.
fn data_lines(text: &'static str) -> impl Iterator<Item = (usize, &'static str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// One part used: `number name quantity unit`, the name possibly with spaces.
fn part(text: &'static str) -> Result<(&'static str, &'static str, i64, &'static str), String> {
    let text = text.trim();
    let bad = || format!("part `{text}` is not `number name quantity unit`");
    let (number, rest) = text.split_once(' ').ok_or_else(bad)?;
    let (rest, unit) = rest.rsplit_once(' ').ok_or_else(bad)?;
    let (name, quantity) = rest.rsplit_once(' ').ok_or_else(bad)?;
    let quantity = quantity.parse().map_err(|_| bad())?;
    Ok((number, name.trim(), quantity, unit))
}

/// One line of `faults.txt`.
fn fault(line: &'static str) -> Result<(MachineCategory, Fault), String> {
    let cells: Vec<&'static str> = line.split('|').map(str::trim).collect();
    let [
        category,
        suspected,
        operation,
        labour,
        symptoms,
        judgement,
        cause,
        measures,
        parts,
    ] = cells[..]
    else {
        return Err(format!("{} fields, not 9", cells.len()));
    };
    let named = |what: &str, value: &str| format!("unknown {what} `{value}`");
    Ok((
        MachineCategory::parse(category).ok_or_else(|| named("category", category))?,
        Fault {
            symptoms,
            judgement,
            part: SuspectedPart::parse(suspected).ok_or_else(|| named("part", suspected))?,
            operation: Operation::parse(operation).ok_or_else(|| named("operation", operation))?,
            cause,
            measures,
            parts: parts.split(';').map(part).collect::<Result<_, _>>()?,
            labour_tenths: labour.parse().map_err(|_| named("labour", labour))?,
        },
    ))
}

/// Every fault, by the position of its category in [`MachineCategory::ALL`].
fn parse_faults(text: &'static str) -> Result<Vec<Vec<Fault>>, String> {
    let mut by_category: Vec<Vec<Fault>> =
        MachineCategory::ALL.iter().map(|_| Vec::new()).collect();
    for (n, line) in data_lines(text) {
        let (category, f) = fault(line).map_err(|e| format!("faults.txt line {n}: {e}"))?;
        let at = MachineCategory::ALL.iter().position(|c| *c == category);
        by_category[at.unwrap_or_default()].push(f);
    }
    if let Some(c) = MachineCategory::ALL
        .iter()
        .zip(&by_category)
        .find_map(|(c, fs)| fs.is_empty().then_some(c))
    {
        return Err(format!("faults.txt has no fault of category `{c}`"));
    }
    Ok(by_category)
}

/// The questions and their answers, one a line: `question | advice`.
fn parse_consultations(text: &'static str) -> Result<Vec<(&'static str, &'static str)>, String> {
    data_lines(text)
        .map(|(n, line)| {
            line.split_once('|')
                .map(|(q, a)| (q.trim(), a.trim()))
                .ok_or_else(|| format!("consultations.txt line {n}: not `question | advice`"))
        })
        .collect()
}

// The files are part of the build: a line that does not read is a fault of
// this crate, caught by its tests, not of anyone's input.
static FAULTS: LazyLock<Vec<Vec<Fault>>> =
    LazyLock::new(|| parse_faults(include_str!("faults.txt")).unwrap_or_else(|e| panic!("{e}")));
static CONSULTATIONS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    parse_consultations(include_str!("consultations.txt")).unwrap_or_else(|e| panic!("{e}"))
});

/// The faults of machines of `category` (at least one for each).
pub fn of(category: MachineCategory) -> &'static [Fault] {
    let at = MachineCategory::ALL.iter().position(|c| *c == category);
    &FAULTS[at.unwrap_or_default()]
}

/// Questions answered on the phone (咨询): what the customer asks, the
/// advice that solved it.
pub fn consultations() -> &'static [(&'static str, &'static str)] {
    &CONSULTATIONS
}

/// Reasons a request is cancelled before anyone goes out.
pub const CANCEL_REASONS: &[&str] = &[
    "客户自行找到故障原因并已修复",
    "客户重复报修，已在另一单处理",
    "客户联系不上，经销商确认机器已转卖",
    "客户决定等农忙结束后再修",
];

/// Why a supervisor sends a report back (驳回).
pub const REJECT_COMMENTS: &[&str] = &[
    "故障原因写得太笼统，请补充检测数据",
    "更换的配件没有写件号，请补全",
    "工时与维修内容不符，请核对",
    "缺少试车结果，请补充",
];

/// Why a customer will not sign (拒签).
pub const REFUSE_REASONS: &[&str] = &[
    "修完第二天又出现同样的问题，要求复查后再签字",
    "对配件费用有异议，认为应在三包范围内",
    "工程师到达时间太晚，耽误了收割",
];

/// Why a supervisor gives a job to another engineer (改派).
pub const REASSIGN_REASONS: &[&str] = &[
    "原工程师在另一台收割机现场，短时间内赶不过去",
    "需要液压专业工程师处理",
    "原工程师请假",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_faults_and_every_line_reads() {
        for c in MachineCategory::ALL {
            assert!(!of(*c).is_empty(), "{c}");
        }
        let n: usize = MachineCategory::ALL.iter().map(|c| of(*c).len()).sum();
        assert_eq!(n, 17);
        assert_eq!(consultations().len(), 5);
        let f = &of(MachineCategory::Transplanter)[0];
        assert!(f.labour_tenths > 0 && !f.parts.is_empty());
    }

    #[test]
    fn a_part_name_may_hold_spaces_and_a_bad_line_says_where() {
        assert_eq!(
            part("ZC-6204 轴承 6204 2 个"),
            Ok(("ZC-6204", "轴承 6204", 2, "个"))
        );
        assert!(part("ZC-6204 轴承 two 个").is_err());
        let err =
            parse_faults("# c\ntractor | main_part | harvest | x | a | b | c | d | P n 1 个\n")
                .unwrap_err();
        assert_eq!(err, "faults.txt line 2: unknown labour `x`");
        let err = parse_faults("tractor | main_part | harvest | 1 | a | b | c | d | P n 1 个\n")
            .unwrap_err();
        assert!(err.contains("no fault of category"), "{err}");
    }
}
