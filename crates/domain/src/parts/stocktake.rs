//! Stock-takes (盘点): the books checked against the shelves.
//!
//! A parts clerk opens a stock-take of one warehouse, optionally limited to
//! some bins or part categories ([`decide_open`]). Opening freezes each
//! line's book quantity (part × warehouse, with its bin) as the ledger says
//! it is then. Clerks count the lines, several at once on different lines
//! ([`decide_count`]); a recount overwrites the count and keeps who counted
//! last and when. Reconciling ([`decide_reconcile`]) posts one `adjustment`
//! movement for every line with a variance, all in one transaction, and
//! records the stock-take's accuracy: lines whose count equals the book /
//! all lines (DESIGN §5, the parts department's KPI).
//!
//! **Movements during an open stock-take are allowed, and kept.** Issues to
//! repairs cannot wait for a count, and freezing a warehouse for a day
//! would stop the engineers. So a line's book is the one frozen at opening
//! *moved by every movement of its part in that warehouse until the line is
//! counted*: the store reads the level in the counting transaction and keeps
//! it as `book_at_count`. The count is the shelf at that moment, so the
//! variance is `counted − book_at_count`, and the adjustment posted at
//! reconcile is that variance added to the level *as it is then*: what was
//! issued or received after the count is on the shelf and in the books
//! alike, and stays. (Taking `counted − frozen book` instead would undo
//! every issue made between opening and counting.) A movement after the
//! count that the shelf could not have given (more out than counted) can
//! make the adjustment take the level below zero: the ledger refuses it, and
//! the whole reconcile writes nothing (409 `insufficient_stock`), so the
//! line is recounted.
//!
//! **Uncounted lines block the reconcile** (409 `uncounted_lines`, naming
//! how many): an uncounted line is neither taken as matching the book (that
//! would inflate the accuracy) nor as zero (that would write the stock off).
//! A line that cannot be counted is counted as what is found, 0 if nothing;
//! a stock-take that cannot finish is cancelled, which posts nothing.
//!
//! One warehouse has at most one open stock-take at a time (409
//! `stocktake_in_progress`), so no part is counted twice at once.

use super::catalog::PartCategory;
use super::ledger::{
    MAX_QUANTITY, Movement, MovementKind, ReferenceKind, StockReference, check_quantity_scale,
};
use crate::DomainError;
use crate::access::RecordKind;
use crate::kpi::Rate;
use crate::service::commands::Command;
use crate::validation::Validator;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The prefix of a stock-take's number: `ST-2026-000001`.
pub const STOCKTAKE_PREFIX: &str = "ST";

wire_enum!(
    /// Where a stock-take is.
    StocktakeStatus {
        /// Being counted.
        Open => "open",
        /// Adjustments posted, accuracy recorded.
        Reconciled => "reconciled",
        /// Abandoned: nothing posted.
        Cancelled => "cancelled",
    }
);

/// Body of `POST /stocktakes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StocktakeInput {
    pub warehouse_id: Uuid,
    /// Count only the parts shelved in these bins (all when absent or empty).
    #[serde(default)]
    pub bins: Vec<String>,
    /// Count only parts of these categories (all when absent or empty).
    #[serde(default)]
    pub categories: Vec<PartCategory>,
    pub note: Option<String>,
}

/// Body of `PUT /stocktakes/{id}/lines/{part}`: what is on the shelf.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CountInput {
    /// Units found, 0 or more, up to 3 decimals.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "11"))]
    pub counted: Decimal,
}

/// Filters of `GET /stocktakes` (newest first).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct StocktakeFilters {
    pub warehouse_id: Option<Uuid>,
    pub status: Option<StocktakeStatus>,
}

/// Query of `GET /stocktakes/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct StocktakeLineFilters {
    /// Only the counted lines whose count differs from the book.
    pub variance_only: Option<bool>,
}

/// A stock-take without its lines (the list's row).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StocktakeView {
    pub id: Uuid,
    /// `ST-2026-000001`.
    pub number: String,
    pub warehouse_id: Uuid,
    pub warehouse_code: String,
    pub warehouse_name: String,
    pub status: StocktakeStatus,
    /// The bins it was limited to (empty: all).
    pub bins: Vec<String>,
    /// The categories it was limited to (empty: all).
    pub categories: Vec<PartCategory>,
    pub note: Option<String>,
    pub lines: u32,
    pub counted_lines: u32,
    /// Counted lines whose count differs from the book.
    pub variance_lines: u32,
    /// Lines whose count equals the book, recorded at reconcile.
    pub matched_lines: Option<u32>,
    /// `matched_lines / lines` in percent (two decimals), recorded at reconcile.
    pub accuracy_percent: Option<f64>,
    pub opened_by: Uuid,
    pub opened_by_name: String,
    pub opened_at: DateTime<Utc>,
    pub reconciled_at: Option<DateTime<Utc>>,
    pub reconciled_by_name: Option<String>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub version: i32,
    /// What the caller may do now: `count_stocktake`, `reconcile_stocktake`,
    /// `cancel_stocktake` (the permission table and the state).
    pub actions: Vec<Command>,
}

/// A stock-take with its lines, by bin then part number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StocktakeDetail {
    pub stocktake: StocktakeView,
    pub lines: Vec<StocktakeLineView>,
}

/// One line: a part in the warehouse, its book and its count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StocktakeLineView {
    pub id: Uuid,
    pub part_id: Uuid,
    pub part_number: String,
    pub part_name: String,
    pub spec: Option<String>,
    pub unit: String,
    pub bin: Option<String>,
    /// The book frozen when the stock-take opened.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "12.000"))]
    pub book: Decimal,
    /// The book when the line was counted: the frozen book moved by the
    /// movements posted since opening. The variance is against this.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "10.000"))]
    pub book_at_count: Option<Decimal>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "9.000"))]
    pub counted: Option<Decimal>,
    /// `counted − book_at_count`; absent until counted.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "-1.000"))]
    pub variance: Option<Decimal>,
    pub counted_by: Option<Uuid>,
    pub counted_by_name: Option<String>,
    pub counted_at: Option<DateTime<Utc>>,
    /// The line's version: `If-Match` of its count.
    pub version: i32,
    /// The stock-take's version after this line's last count (a count
    /// moves it, so a reconcile sent with an older one answers 412).
    pub stocktake_version: i32,
}

/// A part's level in the warehouse when the stock-take opens.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelAtOpening {
    pub part_id: Uuid,
    pub category: PartCategory,
    pub active: bool,
    pub bin: Option<String>,
    pub on_hand: Decimal,
}

/// A line as opened.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenedLine {
    pub part_id: Uuid,
    pub bin: Option<String>,
    pub book: Decimal,
}

/// A line as the reconcile sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct LineCount {
    pub part_id: Uuid,
    pub bin: Option<String>,
    pub book_at_count: Option<Decimal>,
    pub counted: Option<Decimal>,
}

impl LineCount {
    /// `counted − book_at_count`, once counted.
    pub fn variance(&self) -> Option<Decimal> {
        variance(self.book_at_count, self.counted)
    }
}

/// What a reconcile posts and records.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconciliation {
    /// One adjustment per line with a variance.
    pub adjustments: Vec<Movement>,
    /// Lines whose count equals the book / all lines.
    pub accuracy: Rate,
}

/// The variance of a line: the count less the book it was counted against.
pub fn variance(book_at_count: Option<Decimal>, counted: Option<Decimal>) -> Option<Decimal> {
    Some(counted? - book_at_count?)
}

/// Whether a counted line matches its book (the accuracy's numerator).
pub fn matches_book(book_at_count: Option<Decimal>, counted: Option<Decimal>) -> Option<bool> {
    variance(book_at_count, counted).map(|v| v.is_zero())
}

/// The accuracy of lines: those counted equal to the book / all lines (an
/// uncounted line counts in the denominator and never in the numerator).
pub fn accuracy(lines: &[LineCount]) -> Rate {
    Rate::count(
        lines
            .iter()
            .map(|l| Some(matches_book(l.book_at_count, l.counted) == Some(true))),
    )
}

/// The commands open on a stock-take in `status` (before the permission table).
pub fn stocktake_commands(status: StocktakeStatus) -> &'static [Command] {
    match status {
        StocktakeStatus::Open => &[
            Command::CountStocktake,
            Command::ReconcileStocktake,
            Command::CancelStocktake,
        ],
        StocktakeStatus::Reconciled | StocktakeStatus::Cancelled => &[],
    }
}

fn require_open(status: StocktakeStatus, command: Command) -> Result<(), DomainError> {
    if status == StocktakeStatus::Open {
        Ok(())
    } else {
        Err(DomainError::invalid_state(
            RecordKind::Stocktake,
            status.as_str(),
            command,
        ))
    }
}

/// Opening: validates the limits and freezes a line for every active part
/// the warehouse holds a level of (0 included: a book of 0 may be wrong
/// too), within the bins and categories asked for. No line to count is a
/// field error.
pub fn decide_open(
    input: &StocktakeInput,
    levels: &[LevelAtOpening],
) -> Result<Vec<OpenedLine>, DomainError> {
    let mut v = Validator::new();
    if input.bins.len() > 200 {
        v.error("bins", "too_many", "at most 200 bins");
    }
    for b in &input.bins {
        if b.trim().is_empty() || b.chars().count() > 40 {
            v.error("bins", "invalid", "a bin is 1 to 40 characters");
            break;
        }
    }
    v.optional_max_chars("note", input.note.as_deref(), 500);
    if v.has_errors() {
        return Err(v.finish().unwrap_err().into());
    }
    let bins: Vec<&str> = input.bins.iter().map(|b| b.trim()).collect();
    let mut lines: Vec<OpenedLine> = levels
        .iter()
        .filter(|l| l.active)
        .filter(|l| bins.is_empty() || l.bin.as_deref().is_some_and(|b| bins.contains(&b)))
        .filter(|l| input.categories.is_empty() || input.categories.contains(&l.category))
        .map(|l| OpenedLine {
            part_id: l.part_id,
            bin: l.bin.clone(),
            book: l.on_hand,
        })
        .collect();
    lines.sort_by_key(|l| l.part_id);
    lines.dedup_by_key(|l| l.part_id);
    if lines.is_empty() {
        let field = if !bins.is_empty() {
            "bins"
        } else if !input.categories.is_empty() {
            "categories"
        } else {
            "warehouse_id"
        };
        v.error(
            field,
            "nothing_to_count",
            "no part of the warehouse is in it",
        );
        return Err(v.finish().unwrap_err().into());
    }
    Ok(lines)
}

/// A count: what was found on the shelf, against the book as it is now
/// (`level_now`, read in the counting transaction). Returns the count and
/// the book it is compared with.
pub fn decide_count(
    status: StocktakeStatus,
    input: &CountInput,
    level_now: Decimal,
) -> Result<(Decimal, Decimal), DomainError> {
    require_open(status, Command::CountStocktake)?;
    let mut v = Validator::new();
    if input.counted.is_sign_negative() && !input.counted.is_zero() || input.counted > MAX_QUANTITY
    {
        v.error(
            "counted",
            "out_of_range",
            format!("counted is 0 or more and at most {MAX_QUANTITY}"),
        );
    } else {
        check_quantity_scale(&mut v, "counted", input.counted);
    }
    v.finish()?;
    Ok((input.counted.normalize(), level_now))
}

/// Reconciling: every line counted, then one adjustment per line with a
/// variance (referring to the stock-take), and the accuracy.
pub fn decide_reconcile(
    status: StocktakeStatus,
    id: Uuid,
    number: &str,
    warehouse_id: Uuid,
    lines: &[LineCount],
) -> Result<Reconciliation, DomainError> {
    require_open(status, Command::ReconcileStocktake)?;
    let uncounted = lines.iter().filter(|l| l.counted.is_none()).count();
    if uncounted > 0 {
        return Err(DomainError::UncountedLines {
            uncounted: uncounted as u32,
        });
    }
    let adjustments = lines
        .iter()
        .filter_map(|l| {
            let v = l.variance().filter(|v| !v.is_zero())?;
            Some(Movement {
                part_id: l.part_id,
                warehouse_id,
                kind: MovementKind::Adjustment,
                quantity: MovementKind::Adjustment.signed(v),
                bin: None,
                reference: Some(StockReference {
                    kind: ReferenceKind::Stocktake,
                    id: Some(id),
                    number: Some(number.to_owned()),
                }),
                recipient: None,
                note: Some(format!("盘点 {number}")),
            })
        })
        .collect();
    Ok(Reconciliation {
        adjustments,
        accuracy: accuracy(lines),
    })
}

/// Cancelling: only an open stock-take; nothing is posted.
pub fn decide_cancel(status: StocktakeStatus) -> Result<(), DomainError> {
    require_open(status, Command::CancelStocktake)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::ledger::apply_delta;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    const WH: Uuid = Uuid::from_u128(9);
    const ST: Uuid = Uuid::from_u128(99);

    fn level(n: u128, category: PartCategory, bin: &str, on_hand: &str) -> LevelAtOpening {
        LevelAtOpening {
            part_id: Uuid::from_u128(n),
            category,
            active: true,
            bin: (!bin.is_empty()).then(|| bin.to_owned()),
            on_hand: d(on_hand),
        }
    }

    fn input(bins: &[&str], categories: &[PartCategory]) -> StocktakeInput {
        StocktakeInput {
            warehouse_id: WH,
            bins: bins.iter().map(|b| (*b).to_owned()).collect(),
            categories: categories.to_vec(),
            note: None,
        }
    }

    fn line(n: u128, book: &str, counted: Option<&str>) -> LineCount {
        LineCount {
            part_id: Uuid::from_u128(n),
            bin: None,
            book_at_count: Some(d(book)),
            counted: counted.map(d),
        }
    }

    #[test]
    fn opening_freezes_active_parts_within_the_bins_and_categories_asked() {
        use PartCategory::*;
        let levels = [
            level(1, Filter, "A-01", "12"),
            level(2, Belt, "A-01", "0"),
            level(3, Filter, "B-02", "3.5"),
            LevelAtOpening {
                active: false,
                ..level(4, Filter, "A-01", "1")
            },
        ];
        let all = decide_open(&input(&[], &[]), &levels).unwrap();
        assert_eq!(all.len(), 3, "the inactive part is left out, 0 is kept");
        assert_eq!(all[0].book, d("12"));
        let a01 = decide_open(&input(&[" A-01 "], &[]), &levels).unwrap();
        assert_eq!(
            a01.iter().map(|l| l.part_id.as_u128()).collect::<Vec<_>>(),
            [1, 2]
        );
        let filters = decide_open(&input(&[], &[Filter]), &levels).unwrap();
        assert_eq!(
            filters
                .iter()
                .map(|l| l.part_id.as_u128())
                .collect::<Vec<_>>(),
            [1, 3]
        );
        let both = decide_open(&input(&["A-01"], &[Filter]), &levels).unwrap();
        assert_eq!(both.len(), 1);
        let none = decide_open(&input(&["Z-9"], &[]), &levels).unwrap_err();
        assert!(matches!(none, DomainError::Validation(ref v) if v.fields() == ["bins"]));
        let empty = decide_open(&input(&[], &[]), &[]).unwrap_err();
        assert!(matches!(empty, DomainError::Validation(ref v) if v.fields() == ["warehouse_id"]));
        let long = decide_open(&input(&[&"x".repeat(41)], &[]), &levels).unwrap_err();
        assert!(matches!(long, DomainError::Validation(ref v) if v.fields() == ["bins"]));
    }

    #[test]
    fn a_count_is_zero_or_more_with_three_decimals_on_an_open_stocktake() {
        let open = StocktakeStatus::Open;
        let c = |s: &str| CountInput { counted: d(s) };
        assert_eq!(
            decide_count(open, &c("9.500"), d("10")).unwrap(),
            (d("9.5"), d("10"))
        );
        assert_eq!(decide_count(open, &c("0"), d("2")).unwrap().0, d("0"));
        for bad in ["-1", "0.0001", "1000001"] {
            let e = decide_count(open, &c(bad), d("1")).unwrap_err();
            assert!(
                matches!(e, DomainError::Validation(ref v) if v.fields() == ["counted"]),
                "{bad}"
            );
        }
        for closed in [StocktakeStatus::Reconciled, StocktakeStatus::Cancelled] {
            let e = decide_count(closed, &c("1"), d("1")).unwrap_err();
            assert_eq!(e.code(), "invalid_state");
        }
    }

    #[test]
    fn reconcile_adjusts_each_variance_and_records_the_accuracy() {
        // Hand-computed: four lines, one short by 2, one over by 0.5.
        let lines = [
            line(1, "10", Some("10")),
            line(2, "10", Some("8")),
            line(3, "4", Some("4.5")),
            line(4, "0", Some("0")),
        ];
        let r = decide_reconcile(StocktakeStatus::Open, ST, "ST-2026-000001", WH, &lines).unwrap();
        assert_eq!(
            r.adjustments
                .iter()
                .map(|m| (m.part_id.as_u128(), m.kind, m.quantity))
                .collect::<Vec<_>>(),
            [
                (2, MovementKind::Adjustment, d("-2")),
                (3, MovementKind::Adjustment, d("0.5"))
            ]
        );
        let reference = r.adjustments[0].reference.as_ref().unwrap();
        assert_eq!(reference.kind, ReferenceKind::Stocktake);
        assert_eq!(reference.id, Some(ST));
        assert_eq!(reference.number.as_deref(), Some("ST-2026-000001"));
        assert_eq!(r.adjustments[0].warehouse_id, WH);
        assert_eq!((r.accuracy.numerator(), r.accuracy.denominator()), (2, 4));
        assert_eq!(r.accuracy.percent(), Some(50.0));
    }

    #[test]
    fn uncounted_lines_block_the_reconcile_and_closed_ones_refuse() {
        let lines = [
            line(1, "1", Some("1")),
            line(2, "1", None),
            line(3, "2", None),
        ];
        let e = decide_reconcile(StocktakeStatus::Open, ST, "ST", WH, &lines).unwrap_err();
        assert_eq!(e, DomainError::UncountedLines { uncounted: 2 });
        assert_eq!(e.code(), "uncounted_lines");
        for closed in [StocktakeStatus::Reconciled, StocktakeStatus::Cancelled] {
            assert_eq!(
                decide_reconcile(closed, ST, "ST", WH, &[])
                    .unwrap_err()
                    .code(),
                "invalid_state"
            );
            assert_eq!(decide_cancel(closed).unwrap_err().code(), "invalid_state");
        }
        assert_eq!(decide_cancel(StocktakeStatus::Open), Ok(()));
        assert!(stocktake_commands(StocktakeStatus::Reconciled).is_empty());
    }

    #[test]
    fn an_uncounted_line_never_counts_as_matching() {
        let r = accuracy(&[line(1, "3", Some("3")), line(2, "3", None)]);
        assert_eq!((r.numerator(), r.denominator()), (1, 2));
        assert_eq!(accuracy(&[]).ratio(), None);
    }

    proptest! {
        /// The movements-during-a-count rule: whatever is issued or received
        /// before and after the count, reconciling leaves the book equal to
        /// the shelf, and the accuracy's numerator never exceeds its lines.
        #[test]
        fn reconcile_leaves_the_books_equal_to_the_shelf(
            lines in proptest::collection::vec(
                (0i64..50_000, -5_000i64..5_000, -20_000i64..20_000, -20_000i64..20_000), 1..20)
        ) {
            // Per line: the shelf at opening, an error in the books (the
            // book is shelf + error), and the net movement before and after
            // the count.
            let mut counts = Vec::new();
            let mut expected = Vec::new();
            let mut levels = Vec::new();
            for (i, (shelf, error, before, after)) in lines.iter().enumerate() {
                let shelf0 = Decimal::new(*shelf, 3);
                let book0 = (shelf0 + Decimal::new(*error, 3)).max(Decimal::ZERO);
                // A movement moves the shelf and the book alike, within stock.
                let b = Decimal::new(*before, 3).max(-shelf0.min(book0));
                let (shelf1, book1) = (shelf0 + b, book0 + b);
                let a = Decimal::new(*after, 3).max(-shelf1.min(book1));
                let (shelf2, book2) = (shelf1 + a, book1 + a);
                let (counted, book_at_count) =
                    decide_count(StocktakeStatus::Open, &CountInput { counted: shelf1 }, book1).unwrap();
                counts.push(LineCount {
                    part_id: Uuid::from_u128(i as u128 + 1),
                    bin: None,
                    book_at_count: Some(book_at_count),
                    counted: Some(counted),
                });
                expected.push(shelf2);
                levels.push(book2);
            }
            let r = decide_reconcile(StocktakeStatus::Open, ST, "ST", WH, &counts).unwrap();
            for m in &r.adjustments {
                let i = m.part_id.as_u128() as usize - 1;
                levels[i] = apply_delta(levels[i], m.quantity).expect("the shelf is never negative");
            }
            prop_assert_eq!(levels, expected);
            prop_assert!(r.accuracy.numerator() <= r.accuracy.denominator());
            prop_assert_eq!(r.accuracy.denominator() as usize, counts.len());
            prop_assert_eq!(
                r.accuracy.numerator() as usize + r.adjustments.len(),
                counts.len()
            );
        }
    }
}
