//! The catalog (配件目录): parts with their numbers, costs and reorder
//! points, and the warehouses (仓库) with their bin labels (库位).

use super::ledger::{MAX_QUANTITY, check_quantity_scale};
use crate::master::check_code;
use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

wire_enum!(
    /// What kind of part (配件类别): a closed list, so stock can be read by
    /// category.
    #[derive(PartialOrd, Ord)]
    PartCategory {
        /// 滤清器
        Filter => "filter",
        /// 皮带
        Belt => "belt",
        /// 轴承
        Bearing => "bearing",
        /// 割刀 / 刀片
        Blade => "blade",
        /// 链条
        Chain => "chain",
        /// 油品 (液压油, 机油)
        Lubricant => "lubricant",
        /// 密封件
        Seal => "seal",
        /// 发动机件
        Engine => "engine",
        /// 电气件
        Electrical => "electrical",
        /// 液压件
        Hydraulic => "hydraulic",
        /// 传动件 (齿轮, 离合器)
        Transmission => "transmission",
        /// 轮胎
        Tyre => "tyre",
        /// 标准件 (螺栓, 销)
        Fastener => "fastener",
        /// 其他
        Other => "other",
    }
);

wire_enum!(
    /// Where stock is kept (仓库类型).
    WarehouseKind {
        /// 总库
        Central => "central",
        /// 区域库
        Regional => "regional",
        /// 服务车
        ServiceVan => "service_van",
        /// 经销商库 (the dealer's own, which that dealer sees)
        Dealer => "dealer",
    }
);

/// A product model a part fits, as a part shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModelRef {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

/// A part of the catalog (配件).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartView {
    pub id: Uuid,
    /// Unique part number (配件编号).
    pub part_number: String,
    pub name: String,
    /// Specification (规格型号).
    pub spec: Option<String>,
    pub category: PartCategory,
    /// Unit of issue (件, 个, 升, 米...).
    pub unit: String,
    /// Standard cost in fen (integer minor units).
    pub standard_cost_fen: i64,
    /// Below this total on hand the part is flagged for reordering.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "5"))]
    pub reorder_point: Decimal,
    /// How much a reorder buys.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "20"))]
    pub reorder_quantity: Decimal,
    /// The product models it fits.
    pub compatible_models: Vec<ModelRef>,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Body of `POST /parts` and `PUT /parts/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PartInput {
    #[cfg_attr(feature = "openapi", schema(example = "LQ-1012"))]
    pub part_number: String,
    #[cfg_attr(feature = "openapi", schema(example = "柴油滤清器"))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(example = "CX0810"))]
    pub spec: Option<String>,
    pub category: PartCategory,
    #[cfg_attr(feature = "openapi", schema(example = "个"))]
    pub unit: String,
    /// Standard cost in fen, 0 or more.
    pub standard_cost_fen: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "5"))]
    pub reorder_point: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "20"))]
    pub reorder_quantity: Decimal,
    /// Ids of the product models the part fits; left out, an update keeps
    /// the part's models as they are.
    #[serde(default)]
    pub compatible_model_ids: Option<Vec<Uuid>>,
}

/// A bin label (库位) of a warehouse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Bin {
    /// Unique within its warehouse (`A-01-03`).
    #[cfg_attr(feature = "openapi", schema(example = "A-01-03"))]
    pub code: String,
    pub description: Option<String>,
}

/// A warehouse (仓库) and its bins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarehouseView {
    pub id: Uuid,
    /// Unique warehouse code (`WH-CENTRAL`).
    pub code: String,
    pub name: String,
    pub kind: WarehouseKind,
    /// The dealer of a dealer warehouse (the one dealer that sees its stock).
    pub dealer_id: Option<Uuid>,
    /// Its bins, by code.
    pub bins: Vec<Bin>,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Body of `POST /warehouses` and `PUT /warehouses/{id}`: the bins given
/// replace the warehouse's bins (movements keep the bin code they named).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WarehouseInput {
    #[cfg_attr(feature = "openapi", schema(example = "WH-CENTRAL"))]
    pub code: String,
    #[cfg_attr(feature = "openapi", schema(example = "总库"))]
    pub name: String,
    pub kind: WarehouseKind,
    /// Required for a dealer warehouse, refused for the others.
    pub dealer_id: Option<Uuid>,
    #[serde(default)]
    pub bins: Vec<Bin>,
}

/// The largest standard cost, in fen (一千万元).
const MAX_COST_FEN: i64 = 1_000_000_000;

impl PartInput {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        check_code(&mut v, "part_number", &self.part_number, 40);
        v.required_text("name", &self.name, 200);
        v.optional_max_chars("spec", self.spec.as_deref(), 200);
        v.required_text("unit", &self.unit, 10);
        if !(0..=MAX_COST_FEN).contains(&self.standard_cost_fen) {
            v.error(
                "standard_cost_fen",
                "out_of_range",
                "the standard cost must be between 0 and 1000000000 fen",
            );
        }
        for (field, q) in [
            ("reorder_point", self.reorder_point),
            ("reorder_quantity", self.reorder_quantity),
        ] {
            if q.is_sign_negative() || q > MAX_QUANTITY {
                v.error(
                    field,
                    "out_of_range",
                    format!("{field} must be between 0 and {MAX_QUANTITY}"),
                );
            } else {
                check_quantity_scale(&mut v, field, q);
            }
        }
        let models = self.compatible_model_ids.as_deref().unwrap_or_default();
        let mut seen = models.to_vec();
        seen.sort();
        seen.dedup();
        if seen.len() != models.len() {
            v.error(
                "compatible_model_ids",
                "duplicate",
                "a model is listed twice",
            );
        }
        v.finish()
    }
}

impl WarehouseInput {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        check_code(&mut v, "code", &self.code, 40);
        v.required_text("name", &self.name, 200);
        match (self.kind, self.dealer_id) {
            (WarehouseKind::Dealer, None) => {
                v.error(
                    "dealer_id",
                    "required",
                    "a dealer warehouse names its dealer",
                );
            }
            (WarehouseKind::Dealer, Some(_)) | (_, None) => {}
            (_, Some(_)) => {
                v.error(
                    "dealer_id",
                    "not_allowed",
                    "only a dealer warehouse belongs to a dealer",
                );
            }
        }
        let mut codes: Vec<&str> = Vec::new();
        for (i, b) in self.bins.iter().enumerate() {
            let field = format!("bins[{i}].code");
            check_code(&mut v, &field, &b.code, 40);
            if codes.contains(&b.code.trim()) {
                v.error(
                    &field,
                    "duplicate",
                    format!("bin {} is listed twice", b.code),
                );
            }
            codes.push(b.code.trim());
            v.optional_max_chars(
                &format!("bins[{i}].description"),
                b.description.as_deref(),
                200,
            );
        }
        v.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part() -> PartInput {
        PartInput {
            part_number: "LQ-1".into(),
            name: "机油滤清器".into(),
            spec: Some("JX0810".into()),
            category: PartCategory::Filter,
            unit: "个".into(),
            standard_cost_fen: 3500,
            reorder_point: Decimal::new(5, 0),
            reorder_quantity: Decimal::new(20, 0),
            compatible_model_ids: None,
        }
    }

    #[test]
    fn a_part_needs_its_number_name_unit_and_sane_amounts() {
        assert!(part().validate().is_ok());
        let bad = PartInput {
            part_number: "LQ 1".into(),
            name: " ".into(),
            unit: String::new(),
            standard_cost_fen: -1,
            reorder_point: Decimal::new(-1, 0),
            reorder_quantity: Decimal::new(12345, 4),
            compatible_model_ids: Some(vec![Uuid::nil(), Uuid::nil()]),
            ..part()
        };
        let e = bad.validate().unwrap_err();
        assert_eq!(
            e.fields(),
            [
                "part_number",
                "name",
                "unit",
                "standard_cost_fen",
                "reorder_point",
                "reorder_quantity",
                "compatible_model_ids"
            ]
        );
    }

    #[test]
    fn only_a_dealer_warehouse_names_a_dealer_and_bins_are_unique() {
        let w = WarehouseInput {
            code: "WH-1".into(),
            name: "总库".into(),
            kind: WarehouseKind::Central,
            dealer_id: None,
            bins: vec![
                Bin {
                    code: "A-01".into(),
                    description: None,
                },
                Bin {
                    code: "A-02".into(),
                    description: Some("货架".into()),
                },
            ],
        };
        assert!(w.validate().is_ok());
        let dealer_without = WarehouseInput {
            kind: WarehouseKind::Dealer,
            ..w.clone()
        };
        assert_eq!(
            dealer_without.validate().unwrap_err().fields(),
            ["dealer_id"]
        );
        let central_with = WarehouseInput {
            dealer_id: Some(Uuid::nil()),
            ..w.clone()
        };
        assert_eq!(central_with.validate().unwrap_err().fields(), ["dealer_id"]);
        let twice = WarehouseInput {
            bins: vec![w.bins[0].clone(), w.bins[0].clone()],
            ..w
        };
        assert_eq!(twice.validate().unwrap_err().fields(), ["bins[1].code"]);
    }
}
