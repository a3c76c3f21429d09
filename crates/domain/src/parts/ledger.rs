//! The stock ledger's rule (库存台账): every movement is an append-only row
//! with a quantity signed by its kind; stock on hand per part and warehouse
//! is the sum of its movements and never goes below zero; a transfer is a
//! `transfer_out` and a `transfer_in` of the same quantity, posted together
//! or not at all. The store applies [`apply_delta`] in the same transaction
//! as it appends the movement, so the projection cannot drift from the sum.

use crate::DomainError;
use crate::validation::Validator;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::catalog::{PartCategory, WarehouseKind};

/// The largest quantity one movement or level may hold (a million units).
pub const MAX_QUANTITY: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// Quantities have at most 3 decimals (oil by the litre, hose by the metre).
const SCALE: u32 = 3;

wire_enum!(
    /// What a movement does to stock.
    MovementKind {
        /// 入库: goods received (a delivery, a purchase request received).
        Receipt => "receipt",
        /// 出库 / 领用: issued to an engineer for a work order.
        Issue => "issue",
        /// 退库: an unused part brought back.
        Return => "return",
        /// 退换 (out): a faulty part sent back in an exchange.
        ExchangeOut => "exchange_out",
        /// 退换 (in): the part received in its place.
        ExchangeIn => "exchange_in",
        /// 调整 / 盘点: a correction with a reason, either way.
        Adjustment => "adjustment",
        /// 调拨出库: the leaving half of a transfer.
        TransferOut => "transfer_out",
        /// 调拨入库: the arriving half of a transfer.
        TransferIn => "transfer_in",
    }
);

/// Which way a kind moves stock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Adds to stock: the quantity is positive.
    In,
    /// Takes from stock: the quantity is negative.
    Out,
    /// Either way, never zero (adjustments).
    Either,
}

impl MovementKind {
    /// The sign its quantities carry.
    pub fn direction(self) -> Direction {
        use MovementKind::*;
        match self {
            Receipt | Return | ExchangeIn | TransferIn => Direction::In,
            Issue | ExchangeOut | TransferOut => Direction::Out,
            Adjustment => Direction::Either,
        }
    }

    /// The signed quantity of `amount` units moved this way: an amount is
    /// given as a positive number for the kinds with a direction, signed for
    /// an adjustment.
    pub fn signed(self, amount: Decimal) -> Decimal {
        match self.direction() {
            Direction::In | Direction::Either => amount,
            Direction::Out => -amount,
        }
    }
}

wire_enum!(
    /// What a movement refers to.
    ReferenceKind {
        /// 工单
        WorkOrder => "work_order",
        /// 领用单
        Requisition => "requisition",
        /// 采购申请
        PurchaseRequest => "purchase_request",
        /// 盘点
        Stocktake => "stocktake",
        /// A supplier's delivery note (送货单), by its number only.
        DeliveryNote => "delivery_note",
    }
);

/// The record or paper a movement refers to: a record by id (and number when
/// it has one), a delivery note by its number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StockReference {
    pub kind: ReferenceKind,
    pub id: Option<Uuid>,
    pub number: Option<String>,
}

/// A movement as decided, before the store appends it.
#[derive(Debug, Clone, PartialEq)]
pub struct Movement {
    pub part_id: Uuid,
    pub warehouse_id: Uuid,
    pub kind: MovementKind,
    /// Signed: what it adds to the warehouse's stock of the part.
    pub quantity: Decimal,
    pub bin: Option<String>,
    pub reference: Option<StockReference>,
    /// Who received the parts (领用人员).
    pub recipient: Option<String>,
    pub note: Option<String>,
}

/// Body of `POST /stock-movements/receipts` (入库).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReceiptInput {
    pub part_id: Uuid,
    pub warehouse_id: Uuid,
    /// Units received, more than 0, up to 3 decimals.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "10"))]
    pub quantity: Decimal,
    /// The bin it is shelved in (one of the warehouse's).
    pub bin: Option<String>,
    /// The supplier's delivery note number (送货单号).
    pub delivery_note: Option<String>,
    pub note: Option<String>,
}

/// Body of `POST /stock-movements/adjustments` (库存调整).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AdjustmentInput {
    pub part_id: Uuid,
    pub warehouse_id: Uuid,
    /// Signed units: positive adds, negative removes; never 0.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "-2"))]
    pub quantity: Decimal,
    pub bin: Option<String>,
    /// Why the books change (required).
    #[cfg_attr(feature = "openapi", schema(example = "破损报废"))]
    pub reason: String,
}

/// Body of `POST /stock-movements/transfers` (调拨).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TransferInput {
    pub part_id: Uuid,
    pub from_warehouse_id: Uuid,
    pub to_warehouse_id: Uuid,
    /// Units moved, more than 0.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "4"))]
    pub quantity: Decimal,
    /// The bin it is shelved in at the receiving warehouse.
    pub to_bin: Option<String>,
    pub note: Option<String>,
}

/// One row of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MovementView {
    pub id: Uuid,
    pub part_id: Uuid,
    pub part_number: String,
    pub part_name: String,
    pub unit: String,
    pub warehouse_id: Uuid,
    pub warehouse_code: String,
    pub warehouse_name: String,
    pub kind: MovementKind,
    /// Signed quantity (3 decimals).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "-2.000"))]
    pub quantity: Decimal,
    pub bin: Option<String>,
    pub reference: Option<StockReference>,
    pub recipient: Option<String>,
    pub note: Option<String>,
    /// The other half's id of a transfer, or of the posting it was made with.
    pub batch_id: Uuid,
    pub performed_by: Uuid,
    pub performed_by_name: String,
    pub at: DateTime<Utc>,
}

/// Stock of a part in a warehouse: the projection of its ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockLevelView {
    pub part_id: Uuid,
    pub part_number: String,
    pub part_name: String,
    pub spec: Option<String>,
    pub category: PartCategory,
    pub unit: String,
    pub warehouse_id: Uuid,
    pub warehouse_code: String,
    pub warehouse_name: String,
    pub warehouse_kind: WarehouseKind,
    /// The bin where the part is shelved there: the last one a movement named.
    pub bin: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "12.000"))]
    pub on_hand: Decimal,
    /// The part's on hand over every warehouse.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "30.000"))]
    pub total_on_hand: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "40"))]
    pub reorder_point: Decimal,
    /// The part's total is below its reorder point ([`below_reorder`]).
    pub below_reorder: bool,
    pub updated_at: DateTime<Utc>,
}

/// Whether a part is to be reordered: its total on hand over every
/// warehouse (the company's stock, which purchasing tops up) is below its
/// reorder point. A point of 0 never flags.
pub fn below_reorder(total_on_hand: Decimal, reorder_point: Decimal) -> bool {
    total_on_hand < reorder_point
}

/// A movement that would take stock below zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shortfall {
    pub on_hand: Decimal,
    /// What the movement would take out.
    pub requested: Decimal,
}

/// The level after `delta`, or the shortfall: stock never goes below zero.
pub fn apply_delta(on_hand: Decimal, delta: Decimal) -> Result<Decimal, Shortfall> {
    let after = on_hand + delta;
    if after.is_sign_negative() && !after.is_zero() {
        Err(Shortfall {
            on_hand,
            requested: -delta,
        })
    } else {
        Ok(after)
    }
}

/// A quantity as integer thousandths, as the store keeps it (exact on both
/// databases, and comparable in one conditional UPDATE); `None` beyond 3
/// decimals or out of range.
pub fn to_milli(q: Decimal) -> Option<i64> {
    let scaled = q.checked_mul(Decimal::from(1000))?;
    if scaled.fract() != Decimal::ZERO {
        return None;
    }
    i64::try_from(scaled.trunc()).ok()
}

/// Integer thousandths as a quantity with 3 decimals.
pub fn from_milli(m: i64) -> Decimal {
    Decimal::new(m, SCALE)
}

/// Records an error when `q` has more than 3 decimals.
pub(crate) fn check_quantity_scale(v: &mut Validator, field: &str, q: Decimal) {
    if q.normalize().scale() > SCALE {
        v.error(
            field,
            "too_precise",
            format!("{field} has at most 3 decimals"),
        );
    }
}

/// A positive amount up to [`MAX_QUANTITY`] with at most 3 decimals: every
/// quantity a movement, a requisition line or a purchase line names.
pub(crate) fn check_amount(v: &mut Validator, field: &str, q: Decimal) {
    if q <= Decimal::ZERO || q > MAX_QUANTITY {
        v.error(
            field,
            "out_of_range",
            format!("{field} must be more than 0 and at most {MAX_QUANTITY}"),
        );
    } else {
        check_quantity_scale(v, field, q);
    }
}

fn clean(s: &Option<String>) -> Option<String> {
    crate::master::clean(s)
}

/// A receipt (入库): one movement adding the quantity received.
pub fn decide_receipt(input: &ReceiptInput) -> Result<Vec<Movement>, DomainError> {
    let mut v = Validator::new();
    check_amount(&mut v, "quantity", input.quantity);
    v.optional_max_chars("bin", input.bin.as_deref(), 40)
        .optional_max_chars("delivery_note", input.delivery_note.as_deref(), 64)
        .optional_max_chars("note", input.note.as_deref(), 500);
    v.finish()?;
    Ok(vec![Movement {
        part_id: input.part_id,
        warehouse_id: input.warehouse_id,
        kind: MovementKind::Receipt,
        quantity: MovementKind::Receipt.signed(input.quantity),
        bin: clean(&input.bin),
        reference: clean(&input.delivery_note).map(|n| StockReference {
            kind: ReferenceKind::DeliveryNote,
            id: None,
            number: Some(n),
        }),
        recipient: None,
        note: clean(&input.note),
    }])
}

/// An adjustment (调整): one signed, non-zero movement with its reason.
pub fn decide_adjustment(input: &AdjustmentInput) -> Result<Vec<Movement>, DomainError> {
    let mut v = Validator::new();
    if input.quantity.is_zero() || input.quantity.abs() > MAX_QUANTITY {
        v.error(
            "quantity",
            "out_of_range",
            format!("an adjustment is not 0 and at most {MAX_QUANTITY} either way"),
        );
    } else {
        check_quantity_scale(&mut v, "quantity", input.quantity);
    }
    v.optional_max_chars("bin", input.bin.as_deref(), 40)
        .required_text("reason", &input.reason, 500);
    v.finish()?;
    Ok(vec![Movement {
        part_id: input.part_id,
        warehouse_id: input.warehouse_id,
        kind: MovementKind::Adjustment,
        quantity: MovementKind::Adjustment.signed(input.quantity),
        bin: clean(&input.bin),
        reference: None,
        recipient: None,
        note: Some(input.reason.trim().to_owned()),
    }])
}

/// A transfer (调拨): the out of the sending warehouse, then the in of the
/// receiving one, of the same quantity; posted together or not at all.
pub fn decide_transfer(input: &TransferInput) -> Result<Vec<Movement>, DomainError> {
    let mut v = Validator::new();
    check_amount(&mut v, "quantity", input.quantity);
    if input.from_warehouse_id == input.to_warehouse_id {
        v.error(
            "to_warehouse_id",
            "same_warehouse",
            "a transfer goes to another warehouse",
        );
    }
    v.optional_max_chars("to_bin", input.to_bin.as_deref(), 40)
        .optional_max_chars("note", input.note.as_deref(), 500);
    v.finish()?;
    let half = |warehouse_id, kind: MovementKind, bin| Movement {
        part_id: input.part_id,
        warehouse_id,
        kind,
        quantity: kind.signed(input.quantity),
        bin,
        reference: None,
        recipient: None,
        note: clean(&input.note),
    };
    Ok(vec![
        half(input.from_warehouse_id, MovementKind::TransferOut, None),
        half(
            input.to_warehouse_id,
            MovementKind::TransferIn,
            clean(&input.to_bin),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    const PART: Uuid = Uuid::from_u128(1);
    const A: Uuid = Uuid::from_u128(10);
    const B: Uuid = Uuid::from_u128(11);

    #[test]
    fn each_kind_signs_its_quantity() {
        use MovementKind::*;
        for k in [Receipt, Return, ExchangeIn, TransferIn] {
            assert_eq!(k.signed(d("2")), d("2"), "{k}");
        }
        for k in [Issue, ExchangeOut, TransferOut] {
            assert_eq!(k.signed(d("2")), d("-2"), "{k}");
        }
        assert_eq!(Adjustment.signed(d("-1.5")), d("-1.5"));
        assert_eq!(MovementKind::ALL.len(), 8);
    }

    #[test]
    fn stock_never_goes_below_zero() {
        assert_eq!(apply_delta(d("10"), d("-10")), Ok(Decimal::ZERO));
        assert_eq!(apply_delta(d("0"), d("2.5")), Ok(d("2.5")));
        assert_eq!(
            apply_delta(d("1.5"), d("-2")),
            Err(Shortfall {
                on_hand: d("1.5"),
                requested: d("2")
            })
        );
    }

    #[test]
    fn a_receipt_is_positive_with_its_delivery_note() {
        let r = ReceiptInput {
            part_id: PART,
            warehouse_id: A,
            quantity: d("12.5"),
            bin: Some(" A-01 ".into()),
            delivery_note: Some("SH-88".into()),
            note: None,
        };
        let m = decide_receipt(&r).unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].quantity, d("12.5"));
        assert_eq!(m[0].bin.as_deref(), Some("A-01"));
        assert_eq!(
            m[0].reference.as_ref().unwrap().kind,
            ReferenceKind::DeliveryNote
        );
        for bad in ["0", "-1", "0.0001", "1000001"] {
            let e = decide_receipt(&ReceiptInput {
                quantity: d(bad),
                ..r.clone()
            })
            .unwrap_err();
            assert!(
                matches!(e, DomainError::Validation(ref v) if v.fields() == ["quantity"]),
                "{bad}"
            );
        }
    }

    #[test]
    fn an_adjustment_needs_a_reason_and_a_quantity_either_way() {
        let a = AdjustmentInput {
            part_id: PART,
            warehouse_id: A,
            quantity: d("-3"),
            bin: None,
            reason: "破损".into(),
        };
        assert_eq!(decide_adjustment(&a).unwrap()[0].quantity, d("-3"));
        let e = decide_adjustment(&AdjustmentInput {
            quantity: Decimal::ZERO,
            reason: " ".into(),
            ..a
        })
        .unwrap_err();
        assert!(
            matches!(e, DomainError::Validation(ref v) if v.fields() == ["quantity", "reason"])
        );
    }

    #[test]
    fn a_transfer_is_an_out_and_an_in_of_the_same_quantity() {
        let t = TransferInput {
            part_id: PART,
            from_warehouse_id: A,
            to_warehouse_id: B,
            quantity: d("4"),
            to_bin: Some("V-1".into()),
            note: None,
        };
        let m = decide_transfer(&t).unwrap();
        assert_eq!(
            m.iter()
                .map(|m| (m.warehouse_id, m.kind, m.quantity))
                .collect::<Vec<_>>(),
            [
                (A, MovementKind::TransferOut, d("-4")),
                (B, MovementKind::TransferIn, d("4"))
            ]
        );
        assert_eq!(m[1].bin.as_deref(), Some("V-1"));
        let same = TransferInput {
            to_warehouse_id: A,
            ..t
        };
        assert!(decide_transfer(&same).is_err());
    }

    #[test]
    fn quantities_travel_as_exact_thousandths() {
        assert_eq!(to_milli(d("1.234")), Some(1234));
        assert_eq!(to_milli(d("-0.5")), Some(-500));
        assert_eq!(to_milli(d("1.2345")), None);
        assert_eq!(from_milli(1234), d("1.234"));
        assert_eq!(from_milli(-500).to_string(), "-0.500");
    }

    #[test]
    fn below_reorder_is_strictly_under_the_point() {
        assert!(below_reorder(d("4"), d("5")));
        assert!(!below_reorder(d("5"), d("5")));
        assert!(!below_reorder(Decimal::ZERO, Decimal::ZERO));
    }

    /// A posting a clerk might try: which decision, at which warehouse.
    #[derive(Debug, Clone)]
    enum Try {
        Receipt(bool, i64),
        Adjust(bool, i64),
        Transfer(bool, i64),
    }

    fn a_try() -> impl Strategy<Value = Try> {
        let wh = any::<bool>();
        prop_oneof![
            (wh, 1i64..5_000).prop_map(|(w, q)| Try::Receipt(w, q)),
            (wh, (-5_000i64..5_000).prop_filter("not zero", |q| *q != 0))
                .prop_map(|(w, q)| Try::Adjust(w, q)),
            (wh, 1i64..5_000).prop_map(|(w, q)| Try::Transfer(w, q)),
        ]
    }

    proptest! {
        /// Posting any sequence the way the store does (a decision's
        /// movements all applied, or none when one would go below zero):
        /// every level equals the sum of its accepted movements and is never
        /// negative, and a refusal changes nothing.
        #[test]
        fn levels_equal_the_sum_of_the_ledger_and_never_go_negative(
            tries in proptest::collection::vec(a_try(), 0..60)
        ) {
            let mut levels: HashMap<Uuid, Decimal> = HashMap::new();
            let mut ledger: Vec<Movement> = Vec::new();
            for t in tries {
                let wh = |first: bool| if first { A } else { B };
                let moves = match t {
                    Try::Receipt(w, q) => decide_receipt(&ReceiptInput {
                        part_id: PART, warehouse_id: wh(w), quantity: from_milli(q),
                        bin: None, delivery_note: None, note: None,
                    }),
                    Try::Adjust(w, q) => decide_adjustment(&AdjustmentInput {
                        part_id: PART, warehouse_id: wh(w), quantity: from_milli(q),
                        bin: None, reason: "盘点".into(),
                    }),
                    Try::Transfer(w, q) => decide_transfer(&TransferInput {
                        part_id: PART, from_warehouse_id: wh(w), to_warehouse_id: wh(!w),
                        quantity: from_milli(q), to_bin: None, note: None,
                    }),
                }.unwrap();
                let before = levels.clone();
                let mut refused = false;
                for m in &moves {
                    let on_hand = levels.get(&m.warehouse_id).copied().unwrap_or_default();
                    match apply_delta(on_hand, m.quantity) {
                        Ok(after) => { levels.insert(m.warehouse_id, after); }
                        Err(s) => {
                            prop_assert_eq!(s.on_hand, on_hand);
                            refused = true;
                            break;
                        }
                    }
                }
                if refused {
                    levels = before;
                } else {
                    ledger.extend(moves);
                }
                for w in [A, B] {
                    let sum: Decimal = ledger.iter().filter(|m| m.warehouse_id == w).map(|m| m.quantity).sum();
                    let level = levels.get(&w).copied().unwrap_or_default();
                    prop_assert_eq!(level, sum);
                    prop_assert!(!level.is_sign_negative() || level.is_zero());
                }
            }
        }
    }
}
