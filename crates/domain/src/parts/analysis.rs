//! Inventory analysis (库存分析): what the stock is worth, where it sits, what
//! moves and what does not, so the parts department can propose a purchasing
//! plan that lowers the cost of stock (POLICY: 分析配件库存情况, 提出合理的采购计划,
//! 降低库存成本). Pure arithmetic over what the store loads:
//!
//! - **Stock value** (库存金额): on hand × standard cost, rounded half up to
//!   the fen per part and warehouse; every total is a sum of those, so the
//!   tables add up to the headline.
//! - **ABC classes** by consumption value over the last [`CONSUMPTION_DAYS`]:
//!   the few parts that carry most of the money deserve the closest watch
//!   (tight reorder points, frequent review); the many cheap ones do not.
//! - **Dead and slow-moving stock** (呆滞 / 慢动): money that sits on the
//!   shelf, the first place to cut purchases and to return or transfer stock.
//! - **Turnover** (周转率) and **days of supply** (可供天数): how many times a
//!   year the stock is consumed, and how long what is on hand lasts.
//!
//! Consumption is **net of returns**: what was issued less what came back
//! unused (退库) in the window, never below zero, because a returned part was
//! not consumed. Recency (the last issue date) reads issues only: a return
//! does not make a part move.

use chrono::{Duration, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

use super::catalog::PartCategory;

/// The days of consumption the analysis reads: one year, so a seasonal part
/// (harvest, planting) is counted with its season.
pub const CONSUMPTION_DAYS: i64 = 365;

/// A part on hand with no issue in this many days is dead stock (呆滞库存):
/// the issue's rule (#19), half a year, longer than any one farming season.
pub const DEAD_DAYS: i64 = 180;

/// A part on hand issued in the last [`DEAD_DAYS`] but not in this many is
/// slow-moving (慢动): a season has passed without it, a warning before it
/// turns dead.
pub const SLOW_DAYS: i64 = 90;

/// The A class holds the parts making up the first 80% of consumption value
/// (in basis points), the classic Pareto cut.
pub const CLASS_A_BP: i64 = 8_000;

/// The B class holds the parts up to 95% of consumption value (in basis
/// points); the C class the rest, including parts never issued.
pub const CLASS_B_BP: i64 = 9_500;

/// Basis points in a whole: shares are given in basis points (1 bp = 0.01%).
const WHOLE_BP: i64 = 10_000;

wire_enum!(
    /// A part's ABC class by consumption value.
    AbcClass {
        /// The parts making up the first 80% of consumption value.
        A => "a",
        /// The next parts up to 95%.
        B => "b",
        /// The rest, including parts with no consumption.
        C => "c",
    }
);

/// Filters of `GET /parts/analysis`: the analysis of one warehouse's stock,
/// or one category's, instead of all the stock the reader may see.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct AnalysisFilters {
    /// Only this warehouse's stock and issues.
    pub warehouse_id: Option<Uuid>,
    /// Only the parts of this category.
    pub category: Option<PartCategory>,
}

/// What is on hand of a part in one warehouse, with the part's facts.
#[derive(Debug, Clone, PartialEq)]
pub struct Holding {
    pub part_id: Uuid,
    pub part_number: String,
    pub part_name: String,
    pub category: PartCategory,
    pub unit: String,
    /// Standard cost in fen.
    pub standard_cost_fen: i64,
    pub warehouse_id: Uuid,
    pub warehouse_code: String,
    pub warehouse_name: String,
    pub on_hand: Decimal,
}

/// A part's issues and returns on one local date (in the warehouses read).
#[derive(Debug, Clone, PartialEq)]
pub struct IssueDay {
    pub part_id: Uuid,
    pub on: NaiveDate,
    /// Units issued that day (positive).
    pub issued: Decimal,
    /// Units returned that day (positive).
    pub returned: Decimal,
}

/// The stock value of a warehouse and its share of the total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarehouseValue {
    pub warehouse_id: Uuid,
    pub warehouse_code: String,
    pub warehouse_name: String,
    /// Stock value in fen.
    pub value_fen: i64,
    /// Share of the total stock value in basis points (1 bp = 0.01%).
    pub share_bp: i64,
}

/// The stock value, consumption and turnover of a part category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryValue {
    pub category: PartCategory,
    /// Stock value in fen.
    pub value_fen: i64,
    /// Share of the total stock value in basis points (1 bp = 0.01%).
    pub share_bp: i64,
    /// Consumption value of the last 365 days in fen.
    pub consumption_fen: i64,
    /// Consumption value / stock value, 2 decimals; `null` with no stock value.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "2.50"))]
    pub turnover: Option<Decimal>,
    /// 365 / turnover, 1 decimal; `null` with no stock value or no consumption.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "146.0"))]
    pub days_of_supply: Option<Decimal>,
}

/// The parts, consumption and stock value of one ABC class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassSummary {
    pub class: AbcClass,
    /// How many parts are in the class.
    pub parts: u32,
    /// Consumption value of the last 365 days in fen.
    pub consumption_fen: i64,
    /// Share of all consumption value in basis points.
    pub consumption_share_bp: i64,
    /// Stock value in fen.
    pub stock_value_fen: i64,
}

/// One part's figures: stock, consumption, class and last issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartAnalysis {
    pub part_id: Uuid,
    pub part_number: String,
    pub part_name: String,
    pub category: PartCategory,
    pub unit: String,
    /// On hand over the warehouses read.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "12.000"))]
    pub on_hand: Decimal,
    /// Stock value in fen.
    pub stock_value_fen: i64,
    /// Units issued less units returned in the last 365 days (never below 0).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "40.000"))]
    pub consumed: Decimal,
    /// Consumption value of the last 365 days in fen.
    pub consumption_fen: i64,
    pub class: AbcClass,
    /// The last date it was issued in the last 365 days, if any.
    pub last_issued_on: Option<NaiveDate>,
}

/// A part whose stock does not move: dead or slow-moving.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdleStock {
    pub part_id: Uuid,
    pub part_number: String,
    pub part_name: String,
    pub category: PartCategory,
    pub unit: String,
    /// The last date it was issued in the last 365 days; `null` when not.
    pub last_issued_on: Option<NaiveDate>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "6.000"))]
    pub on_hand: Decimal,
    /// Stock value in fen.
    pub stock_value_fen: i64,
}

/// Body of `GET /parts/analysis`: the inventory analysis (库存分析).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InventoryAnalysis {
    /// The local date the analysis is made on.
    pub today: NaiveDate,
    /// Total stock value in fen (on hand × standard cost).
    pub total_value_fen: i64,
    /// Consumption value of the last 365 days in fen.
    pub consumption_fen: i64,
    /// Consumption value / stock value, 2 decimals; `null` with no stock value.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "2.50"))]
    pub turnover: Option<Decimal>,
    /// 365 / turnover, 1 decimal; `null` with no stock value or no consumption.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "146.0"))]
    pub days_of_supply: Option<Decimal>,
    /// By stock value, largest first.
    pub by_warehouse: Vec<WarehouseValue>,
    /// By stock value, largest first.
    pub by_category: Vec<CategoryValue>,
    /// The classes A, B, C in that order.
    pub classes: Vec<ClassSummary>,
    /// Every part read, by consumption value, largest first (then part number).
    pub parts: Vec<PartAnalysis>,
    /// On hand, no issue in the last 180 days; by stock value, largest first.
    pub dead: Vec<IdleStock>,
    /// On hand, issued in the last 180 days but not the last 90; by stock
    /// value, largest first.
    pub slow: Vec<IdleStock>,
}

/// `qty × fen`, rounded half up to the fen.
pub fn value_fen(quantity: Decimal, cost_fen: i64) -> i64 {
    let v = (quantity * Decimal::from(cost_fen))
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// `part / whole` in basis points, rounded half up; 0 when `whole` is 0.
pub fn share_bp(part: i64, whole: i64) -> i64 {
    if whole == 0 {
        return 0;
    }
    let (p, w) = (i128::from(part), i128::from(whole));
    let bp = (2 * p * i128::from(WHOLE_BP) + w) / (2 * w);
    i64::try_from(bp).unwrap_or(0)
}

/// Turnover (周转率): a year's consumption value over the stock value, 2
/// decimals half up; `None` when there is no stock value (nothing to turn).
pub fn turnover(consumption_fen: i64, stock_value_fen: i64) -> Option<Decimal> {
    (stock_value_fen > 0).then(|| {
        let mut t = (Decimal::from(consumption_fen) / Decimal::from(stock_value_fen))
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        t.rescale(2);
        t
    })
}

/// Days of supply (可供天数): 365 / turnover, from the unrounded ratio
/// (365 × stock value / consumption), 1 decimal half up; `None` when there
/// is no stock or no consumption (the stock would last for ever).
pub fn days_of_supply(consumption_fen: i64, stock_value_fen: i64) -> Option<Decimal> {
    (stock_value_fen > 0 && consumption_fen > 0).then(|| {
        let mut d = (Decimal::from(CONSUMPTION_DAYS) * Decimal::from(stock_value_fen)
            / Decimal::from(consumption_fen))
        .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
        d.rescale(1);
        d
    })
}

/// The ABC class of each of `values` (consumption values in fen, in any
/// order), in that order. Sorted largest first, a part is A while the value
/// before it is under 80% of the total — so the part crossing 80% is A and
/// the A class always holds at least 80% — B while under 95%, C otherwise.
/// A part with no consumption is always C; with no consumption at all,
/// every part is C.
pub fn abc_classes(values: &[i64]) -> Vec<AbcClass> {
    let total: i128 = values.iter().map(|v| i128::from((*v).max(0))).sum();
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|a, b| values[*b].cmp(&values[*a]).then(a.cmp(b)));
    let mut classes = vec![AbcClass::C; values.len()];
    let mut before: i128 = 0;
    for i in order {
        let v = i128::from(values[i].max(0));
        if v == 0 {
            break;
        }
        let cut = |bp: i64| before * i128::from(WHOLE_BP) < total * i128::from(bp);
        classes[i] = if cut(CLASS_A_BP) {
            AbcClass::A
        } else if cut(CLASS_B_BP) {
            AbcClass::B
        } else {
            AbcClass::C
        };
        before += v;
    }
    classes
}

/// Whether stock last issued on `last` is dead on `today`: no issue in the
/// last [`DEAD_DAYS`] (the window `today − 179 ..= today`).
pub fn is_dead(last: Option<NaiveDate>, today: NaiveDate) -> bool {
    last.is_none_or(|d| d <= today - Duration::days(DEAD_DAYS))
}

/// Whether stock last issued on `last` is slow-moving on `today`: issued in
/// the last [`DEAD_DAYS`] but not in the last [`SLOW_DAYS`].
pub fn is_slow(last: Option<NaiveDate>, today: NaiveDate) -> bool {
    !is_dead(last, today) && last.is_some_and(|d| d <= today - Duration::days(SLOW_DAYS))
}

/// One part's running figures while the analysis adds up holdings.
struct PartTotals<'a> {
    first: &'a Holding,
    on_hand: Decimal,
    value_fen: i64,
}

/// The inventory analysis of `holdings` (one per part and warehouse, zero
/// levels included so a part issued to nothing still counts) and `issues`
/// (per part and date) on `today`. Issues of a part with no holding, and
/// issues outside the last [`CONSUMPTION_DAYS`], are not read.
pub fn analyse(holdings: &[Holding], issues: &[IssueDay], today: NaiveDate) -> InventoryAnalysis {
    let since = today - Duration::days(CONSUMPTION_DAYS);
    let mut parts: Vec<PartTotals> = Vec::new();
    let mut index: HashMap<Uuid, usize> = HashMap::new();
    let mut warehouses: Vec<WarehouseValue> = Vec::new();
    let mut wh_index: HashMap<Uuid, usize> = HashMap::new();
    for h in holdings {
        let value = value_fen(h.on_hand, h.standard_cost_fen);
        let i = *index.entry(h.part_id).or_insert_with(|| {
            parts.push(PartTotals {
                first: h,
                on_hand: Decimal::ZERO,
                value_fen: 0,
            });
            parts.len() - 1
        });
        parts[i].on_hand += h.on_hand;
        parts[i].value_fen += value;
        let w = *wh_index.entry(h.warehouse_id).or_insert_with(|| {
            warehouses.push(WarehouseValue {
                warehouse_id: h.warehouse_id,
                warehouse_code: h.warehouse_code.clone(),
                warehouse_name: h.warehouse_name.clone(),
                value_fen: 0,
                share_bp: 0,
            });
            warehouses.len() - 1
        });
        warehouses[w].value_fen += value;
    }
    let mut net: HashMap<Uuid, Decimal> = HashMap::new();
    let mut last: HashMap<Uuid, NaiveDate> = HashMap::new();
    for d in issues
        .iter()
        .filter(|d| d.on > since && d.on <= today && index.contains_key(&d.part_id))
    {
        *net.entry(d.part_id).or_default() += d.issued - d.returned;
        if d.issued > Decimal::ZERO {
            let l = last.entry(d.part_id).or_insert(d.on);
            *l = (*l).max(d.on);
        }
    }
    let mut rows: Vec<PartAnalysis> = parts
        .iter()
        .map(|p| {
            let h = p.first;
            let consumed = net
                .get(&h.part_id)
                .copied()
                .unwrap_or_default()
                .max(Decimal::ZERO);
            PartAnalysis {
                part_id: h.part_id,
                part_number: h.part_number.clone(),
                part_name: h.part_name.clone(),
                category: h.category,
                unit: h.unit.clone(),
                on_hand: p.on_hand,
                stock_value_fen: p.value_fen,
                consumed,
                consumption_fen: value_fen(consumed, h.standard_cost_fen),
                class: AbcClass::C,
                last_issued_on: last.get(&h.part_id).copied(),
            }
        })
        .collect();
    let classes = abc_classes(&rows.iter().map(|r| r.consumption_fen).collect::<Vec<_>>());
    for (r, c) in rows.iter_mut().zip(classes) {
        r.class = c;
    }
    rows.sort_by(|a, b| {
        b.consumption_fen
            .cmp(&a.consumption_fen)
            .then_with(|| a.part_number.cmp(&b.part_number))
    });

    let total_value_fen: i64 = rows.iter().map(|r| r.stock_value_fen).sum();
    let consumption_fen: i64 = rows.iter().map(|r| r.consumption_fen).sum();
    for w in &mut warehouses {
        w.share_bp = share_bp(w.value_fen, total_value_fen);
    }
    warehouses.sort_by(|a, b| {
        b.value_fen
            .cmp(&a.value_fen)
            .then_with(|| a.warehouse_code.cmp(&b.warehouse_code))
    });

    let mut by_category: Vec<CategoryValue> = Vec::new();
    for r in &rows {
        let c = match by_category.iter_mut().find(|c| c.category == r.category) {
            Some(c) => c,
            None => {
                by_category.push(CategoryValue {
                    category: r.category,
                    value_fen: 0,
                    share_bp: 0,
                    consumption_fen: 0,
                    turnover: None,
                    days_of_supply: None,
                });
                by_category.last_mut().expect("just pushed")
            }
        };
        c.value_fen += r.stock_value_fen;
        c.consumption_fen += r.consumption_fen;
    }
    for c in &mut by_category {
        c.share_bp = share_bp(c.value_fen, total_value_fen);
        c.turnover = turnover(c.consumption_fen, c.value_fen);
        c.days_of_supply = days_of_supply(c.consumption_fen, c.value_fen);
    }
    by_category.sort_by(|a, b| {
        b.value_fen
            .cmp(&a.value_fen)
            .then_with(|| a.category.as_str().cmp(b.category.as_str()))
    });

    let classes = AbcClass::ALL
        .iter()
        .map(|class| {
            let of = rows.iter().filter(|r| r.class == *class);
            let used: i64 = of.clone().map(|r| r.consumption_fen).sum();
            ClassSummary {
                class: *class,
                parts: u32::try_from(of.clone().count()).unwrap_or(u32::MAX),
                consumption_fen: used,
                consumption_share_bp: share_bp(used, consumption_fen),
                stock_value_fen: of.map(|r| r.stock_value_fen).sum(),
            }
        })
        .collect();

    let idle = |keep: fn(Option<NaiveDate>, NaiveDate) -> bool| {
        let mut out: Vec<IdleStock> = rows
            .iter()
            .filter(|r| r.on_hand > Decimal::ZERO && keep(r.last_issued_on, today))
            .map(|r| IdleStock {
                part_id: r.part_id,
                part_number: r.part_number.clone(),
                part_name: r.part_name.clone(),
                category: r.category,
                unit: r.unit.clone(),
                last_issued_on: r.last_issued_on,
                on_hand: r.on_hand,
                stock_value_fen: r.stock_value_fen,
            })
            .collect();
        out.sort_by(|a, b| {
            b.stock_value_fen
                .cmp(&a.stock_value_fen)
                .then_with(|| a.part_number.cmp(&b.part_number))
        });
        out
    };
    let dead = idle(is_dead);
    let slow = idle(is_slow);

    InventoryAnalysis {
        today,
        total_value_fen,
        consumption_fen,
        turnover: turnover(consumption_fen, total_value_fen),
        days_of_supply: days_of_supply(consumption_fen, total_value_fen),
        by_warehouse: warehouses,
        by_category,
        classes,
        parts: rows,
        dead,
        slow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn holding(part: u128, wh: u128, category: PartCategory, cost: i64, on_hand: &str) -> Holding {
        Holding {
            part_id: id(part),
            part_number: format!("P-{part:03}"),
            part_name: format!("part {part}"),
            category,
            unit: "件".into(),
            standard_cost_fen: cost,
            warehouse_id: id(1000 + wh),
            warehouse_code: format!("WH{wh}"),
            warehouse_name: format!("warehouse {wh}"),
            on_hand: dec(on_hand),
        }
    }

    fn issue(part: u128, on: &str, issued: &str, returned: &str) -> IssueDay {
        IssueDay {
            part_id: id(part),
            on: day(on),
            issued: dec(issued),
            returned: dec(returned),
        }
    }

    const TODAY: &str = "2026-12-07";

    #[test]
    fn value_is_rounded_half_up_to_the_fen() {
        assert_eq!(value_fen(dec("1.005"), 100), 101); // 100.5 → 101
        assert_eq!(value_fen(dec("1.004"), 100), 100); // 100.4 → 100
        assert_eq!(value_fen(dec("2.5"), 1), 3);
        assert_eq!(value_fen(Decimal::ZERO, 999), 0);
    }

    #[test]
    fn shares_are_basis_points_and_zero_of_nothing() {
        assert_eq!(share_bp(1, 3), 3333);
        assert_eq!(share_bp(2, 3), 6667);
        assert_eq!(share_bp(5, 5), 10_000);
        assert_eq!(share_bp(5, 0), 0);
    }

    #[test]
    fn turnover_has_two_decimals_and_none_without_stock() {
        assert_eq!(turnover(250, 100), Some(dec("2.50")));
        assert_eq!(turnover(1, 3), Some(dec("0.33")));
        assert_eq!(turnover(0, 100).unwrap().to_string(), "0.00");
        assert_eq!(days_of_supply(365, 365).unwrap().to_string(), "365.0");
        assert_eq!(turnover(100, 0), None);
    }

    #[test]
    fn days_of_supply_is_365_over_turnover_and_none_without_consumption() {
        assert_eq!(days_of_supply(250, 100), Some(dec("146.0")));
        assert_eq!(days_of_supply(365, 365), Some(dec("365.0")));
        assert_eq!(days_of_supply(0, 100), None);
        assert_eq!(days_of_supply(100, 0), None);
    }

    #[test]
    fn part_crossing_80_percent_is_a_and_the_rest_b_then_c() {
        // 70 + 15 = 85 (the second crosses 80%: A), +6 = 91 (B), +5 = 96
        // (before it 91 < 95: B), +4 (before 96: C), 0 (C).
        let classes = abc_classes(&[15, 70, 6, 5, 4, 0]);
        use AbcClass::*;
        assert_eq!(classes, vec![A, A, B, B, C, C]);
    }

    #[test]
    fn one_part_with_all_consumption_is_a_and_no_consumption_is_all_c() {
        assert_eq!(abc_classes(&[100, 0]), vec![AbcClass::A, AbcClass::C]);
        assert_eq!(abc_classes(&[0, 0]), vec![AbcClass::C, AbcClass::C]);
        assert!(abc_classes(&[]).is_empty());
    }

    #[test]
    fn dead_after_180_days_slow_between_90_and_180() {
        let today = day(TODAY);
        let ago = |n: i64| Some(today - Duration::days(n));
        assert!(is_dead(None, today));
        assert!(is_dead(ago(180), today));
        assert!(!is_dead(ago(179), today));
        assert!(is_slow(ago(179), today));
        assert!(is_slow(ago(90), today));
        assert!(!is_slow(ago(89), today));
        assert!(!is_slow(ago(180), today));
        assert!(!is_slow(None, today));
    }

    fn sample() -> InventoryAnalysis {
        use PartCategory::*;
        let holdings = vec![
            // A filter in two warehouses, issued a lot: 10 × 12.50 + 2 × 12.50.
            holding(1, 1, Filter, 1250, "10"),
            holding(1, 2, Filter, 1250, "2"),
            // A bearing never issued: dead, 3 × 80.00.
            holding(2, 1, Bearing, 8000, "3"),
            // A belt last issued 120 days ago: slow, 1.5 × 33.33 = 49.995 → 50.00.
            holding(3, 2, Belt, 3333, "1.5"),
            // A seal all issued: nothing on hand, neither dead nor slow.
            holding(4, 1, Seal, 200, "0"),
        ];
        let issues = vec![
            issue(1, "2026-11-30", "30", "0"),
            issue(1, "2026-10-01", "12", "2"),
            // Older than a year: not read.
            issue(1, "2025-12-07", "500", "0"),
            issue(3, "2026-08-09", "1", "0"),
            issue(4, "2026-12-01", "5", "0"),
            // A part not held: not read.
            issue(9, "2026-12-01", "5", "0"),
        ];
        analyse(&holdings, &issues, day(TODAY))
    }

    #[test]
    fn stock_value_sums_per_warehouse_and_category() {
        let a = sample();
        assert_eq!(a.total_value_fen, 12_500 + 2_500 + 24_000 + 5_000);
        let wh: Vec<(&str, i64, i64)> = a
            .by_warehouse
            .iter()
            .map(|w| (w.warehouse_code.as_str(), w.value_fen, w.share_bp))
            .collect();
        // 36_500 / 44_000 = 82.95%, 7_500 / 44_000 = 17.05%.
        assert_eq!(wh, vec![("WH1", 36_500, 8295), ("WH2", 7_500, 1705)]);
        let cats: Vec<(PartCategory, i64)> = a
            .by_category
            .iter()
            .map(|c| (c.category, c.value_fen))
            .collect();
        use PartCategory::*;
        assert_eq!(
            cats,
            vec![
                (Bearing, 24_000),
                (Filter, 15_000),
                (Belt, 5_000),
                (Seal, 0)
            ]
        );
    }

    #[test]
    fn consumption_is_net_of_returns_within_the_year() {
        let a = sample();
        let filter = a.parts.iter().find(|p| p.part_id == id(1)).unwrap();
        assert_eq!(filter.consumed, dec("40"));
        assert_eq!(filter.consumption_fen, 50_000);
        assert_eq!(filter.last_issued_on, Some(day("2026-11-30")));
        assert_eq!(filter.on_hand, dec("12"));
        assert_eq!(a.consumption_fen, 50_000 + 3_333 + 1_000);
    }

    #[test]
    fn classes_follow_consumption_value() {
        let a = sample();
        let class_of = |n| a.parts.iter().find(|p| p.part_id == id(n)).unwrap().class;
        // 50_000 of 54_333 = 92%: the filter alone is A; the belt (before it
        // 92.0% < 95%) B; the seal (before it 98.2%) C; the bearing, never
        // issued, C.
        assert_eq!(class_of(1), AbcClass::A);
        assert_eq!(class_of(3), AbcClass::B);
        assert_eq!(class_of(4), AbcClass::C);
        assert_eq!(class_of(2), AbcClass::C);
        let counts: Vec<(AbcClass, u32, i64, i64)> = a
            .classes
            .iter()
            .map(|c| (c.class, c.parts, c.consumption_fen, c.stock_value_fen))
            .collect();
        assert_eq!(
            counts,
            vec![
                (AbcClass::A, 1, 50_000, 15_000),
                (AbcClass::B, 1, 3_333, 5_000),
                (AbcClass::C, 2, 1_000, 24_000),
            ]
        );
        assert_eq!(a.parts[0].part_id, id(1));
    }

    #[test]
    fn dead_and_slow_stock_hold_only_parts_on_hand() {
        let a = sample();
        let dead: Vec<(Uuid, Option<NaiveDate>, i64)> = a
            .dead
            .iter()
            .map(|d| (d.part_id, d.last_issued_on, d.stock_value_fen))
            .collect();
        assert_eq!(dead, vec![(id(2), None, 24_000)]);
        let slow: Vec<(Uuid, Option<NaiveDate>)> = a
            .slow
            .iter()
            .map(|d| (d.part_id, d.last_issued_on))
            .collect();
        assert_eq!(slow, vec![(id(3), Some(day("2026-08-09")))]);
    }

    #[test]
    fn turnover_overall_and_per_category() {
        let a = sample();
        // 54_333 / 44_000 = 1.2348…; 365 × 44_000 / 54_333 = 295.58…
        assert_eq!(a.turnover, Some(dec("1.23")));
        assert_eq!(a.days_of_supply, Some(dec("295.6")));
        let filter = a
            .by_category
            .iter()
            .find(|c| c.category == PartCategory::Filter)
            .unwrap();
        // 50_000 / 15_000 = 3.33; 365 × 15_000 / 50_000 = 109.5
        assert_eq!(filter.turnover, Some(dec("3.33")));
        assert_eq!(filter.days_of_supply, Some(dec("109.5")));
        let seal = a
            .by_category
            .iter()
            .find(|c| c.category == PartCategory::Seal)
            .unwrap();
        assert_eq!((seal.turnover, seal.days_of_supply), (None, None));
    }

    #[test]
    fn nothing_held_is_an_empty_analysis() {
        let a = analyse(&[], &[], day(TODAY));
        assert_eq!(a.total_value_fen, 0);
        assert_eq!(a.turnover, None);
        assert_eq!(a.days_of_supply, None);
        assert!(a.parts.is_empty() && a.dead.is_empty() && a.by_warehouse.is_empty());
        assert!(a.classes.iter().all(|c| c.parts == 0));
    }

    proptest! {
        #[test]
        fn classes_cover_every_part_and_a_holds_80_percent(
            values in proptest::collection::vec(0i64..1_000_000, 0..40)
        ) {
            let classes = abc_classes(&values);
            prop_assert_eq!(classes.len(), values.len());
            let total: i64 = values.iter().sum();
            let a: i64 = values
                .iter()
                .zip(&classes)
                .filter(|(_, c)| **c == AbcClass::A)
                .map(|(v, _)| *v)
                .sum();
            if total > 0 {
                prop_assert!(a * 10_000 >= total * CLASS_A_BP);
            } else {
                prop_assert_eq!(a, 0);
            }
            // A part never outranks a larger one.
            for (i, vi) in values.iter().enumerate() {
                for (j, vj) in values.iter().enumerate() {
                    if vi > vj {
                        prop_assert!(classes[i].as_str() <= classes[j].as_str());
                    }
                }
            }
        }

        #[test]
        fn analysis_class_counts_add_up_to_the_parts(
            parts in proptest::collection::vec((0i64..100_000, 0u32..50, 0u32..400), 0..30)
        ) {
            let today = day(TODAY);
            let holdings: Vec<Holding> = parts
                .iter()
                .enumerate()
                .map(|(i, (cost, qty, _))| {
                    holding(i as u128, (i % 3) as u128, PartCategory::Other, *cost, &qty.to_string())
                })
                .collect();
            let issues: Vec<IssueDay> = parts
                .iter()
                .enumerate()
                .map(|(i, (_, _, used))| IssueDay {
                    part_id: id(i as u128),
                    on: today - Duration::days(i as i64 * 13),
                    issued: Decimal::from(*used),
                    returned: Decimal::ZERO,
                })
                .collect();
            let a = analyse(&holdings, &issues, today);
            let counted: u32 = a.classes.iter().map(|c| c.parts).sum();
            prop_assert_eq!(counted as usize, parts.len());
            let by_wh: i64 = a.by_warehouse.iter().map(|w| w.value_fen).sum();
            prop_assert_eq!(by_wh, a.total_value_fen);
            let class_a = &a.classes[0];
            if a.consumption_fen > 0 {
                prop_assert!(class_a.consumption_fen * 10_000 >= a.consumption_fen * CLASS_A_BP);
            }
        }
    }
}
