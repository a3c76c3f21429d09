//! A parts catalog row (配件目录) into a [`PartInput`], its product models
//! still as codes for the store to look up.

use super::rows::Cells;
use super::values::{parse_quantity, parse_yuan_as_fen};
use super::{HeaderMap, ImportCellError};
use crate::parts::{PartCategory, PartInput};
use rust_decimal::Decimal;

/// A part row: the input (without model ids) and the models it fits.
#[derive(Debug, Clone, PartialEq)]
pub struct PartRow {
    /// `compatible_model_ids` is `None` until the store resolves the codes.
    pub input: PartInput,
    /// The product model codes of the `model_codes` column, in file order;
    /// `None` when the file has no such column (the part keeps its models).
    pub model_codes: Option<Vec<String>>,
}

/// The codes of a `model_codes` cell: separated by `;`, `,` or their
/// full-width forms, or `、`; blanks between separators are skipped.
pub fn split_model_codes(cell: &str) -> Vec<String> {
    cell.split([';', '；', ',', '，', '、'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The column an input field's validation error belongs to.
fn column_of_field(field: &str) -> &str {
    match field {
        "standard_cost_fen" => "standard_cost",
        "compatible_model_ids" => "model_codes",
        other => other,
    }
}

/// Parses a part row. Over a stored part (`base`), a column the file does not
/// have keeps the stored value; a blank cost or reorder figure is 0 and a
/// blank model list fits no model. The status column is not read.
pub fn parse_part(
    header: &HeaderMap,
    cells: &[String],
    base: Option<&PartInput>,
) -> (PartRow, Vec<ImportCellError>) {
    let mut c = Cells::new(header, cells);
    let part_number = c.required("part_number");
    let name = c.required("name");
    let spec = c.text("spec", base.and_then(|b| b.spec.clone()), None);
    let category = match c.required("category").as_str() {
        "" => PartCategory::Other,
        label => PartCategory::parse(label)
            .or_else(|| PartCategory::parse(&label.to_ascii_lowercase()))
            .unwrap_or_else(|| {
                let names: Vec<&str> = PartCategory::ALL.iter().map(|k| k.as_str()).collect();
                let message = format!(
                    "`{label}` is not a part category; use one of {}",
                    names.join(", ")
                );
                c.error("category", "invalid", message);
                PartCategory::Other
            }),
    };
    let unit = c.required("unit");
    let standard_cost_fen = c
        .parsed(
            "standard_cost",
            base.map(|b| b.standard_cost_fen),
            parse_yuan_as_fen,
        )
        .unwrap_or(0);
    let reorder_point = c
        .parsed(
            "reorder_point",
            base.map(|b| b.reorder_point),
            parse_quantity,
        )
        .unwrap_or(Decimal::ZERO);
    let reorder_quantity = c
        .parsed(
            "reorder_quantity",
            base.map(|b| b.reorder_quantity),
            parse_quantity,
        )
        .unwrap_or(Decimal::ZERO);
    let model_codes = c.get("model_codes").map(split_model_codes);
    if let Some(codes) = &model_codes {
        let mut seen: Vec<&str> = Vec::new();
        for code in codes {
            if seen.contains(&code.as_str()) {
                c.error(
                    "model_codes",
                    "duplicate",
                    format!("the model {code} is listed twice"),
                );
            }
            seen.push(code);
        }
    }
    let input = PartInput {
        part_number,
        name,
        spec,
        category,
        unit,
        standard_cost_fen,
        reorder_point,
        reorder_quantity,
        compatible_model_ids: None,
    };
    let errors = c.merge_as(input.validate(), column_of_field);
    (PartRow { input, model_codes }, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportKind;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    const EXPORT_HEADER: &[&str] = &[
        "配件编号",
        "配件名称",
        "规格",
        "类别",
        "单位",
        "标准成本",
        "再订货点",
        "再订货量",
        "适用型号",
        "状态",
    ];

    fn header(cells: &[&str]) -> HeaderMap {
        HeaderMap::new(ImportKind::Parts, &row(cells)).unwrap()
    }

    fn stored() -> PartInput {
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
    fn an_exported_row_becomes_a_part_with_its_cost_in_fen_and_model_codes() {
        let h = header(EXPORT_HEADER);
        let (r, errors) = parse_part(
            &h,
            &row(&[
                "LQ-1012",
                "柴油滤清器",
                "CX0810",
                "filter",
                "个",
                "12.50",
                "5",
                "20.5",
                "4LZ-8M; 1204、MF-504",
                "inactive",
            ]),
            None,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(r.input.part_number, "LQ-1012");
        assert_eq!(r.input.spec.as_deref(), Some("CX0810"));
        assert_eq!(r.input.category, PartCategory::Filter);
        assert_eq!(r.input.standard_cost_fen, 1250);
        assert_eq!(r.input.reorder_point, Decimal::new(5, 0));
        assert_eq!(r.input.reorder_quantity, Decimal::new(205, 1));
        assert_eq!(r.input.compatible_model_ids, None, "resolved by the store");
        assert_eq!(
            r.model_codes,
            Some(vec!["4LZ-8M".into(), "1204".into(), "MF-504".into()])
        );
    }

    #[test]
    fn english_headers_and_blank_optional_cells_give_the_defaults() {
        let h = header(&[
            "part_number",
            "name",
            "category",
            "unit",
            "spec",
            "standard_cost",
            "reorder_point",
            "model_codes",
        ]);
        let (r, errors) = parse_part(
            &h,
            &row(&["BL-1", "三角带", "Belt", "条", "", "", "", ""]),
            Some(&stored()),
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(r.input.category, PartCategory::Belt);
        assert_eq!(r.input.spec, None);
        assert_eq!(r.input.standard_cost_fen, 0);
        assert_eq!(r.input.reorder_point, Decimal::ZERO);
        // No reorder quantity column: the stored one stays.
        assert_eq!(r.input.reorder_quantity, Decimal::new(20, 0));
        assert_eq!(r.model_codes, Some(vec![]));
    }

    #[test]
    fn columns_the_file_lacks_keep_the_stored_values_and_models() {
        let h = header(&["配件编号", "配件名称", "类别", "单位"]);
        let (r, errors) = parse_part(
            &h,
            &row(&["LQ-1", "机油滤清器（新）", "filter", "个"]),
            Some(&stored()),
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(r.input.spec.as_deref(), Some("JX0810"));
        assert_eq!(r.input.standard_cost_fen, 3500);
        assert_eq!(r.input.reorder_point, Decimal::new(5, 0));
        assert_eq!(r.model_codes, None);
        // A new part without those columns gets the defaults.
        let (r, _) = parse_part(&h, &row(&["LQ-2", "空滤", "filter", "个"]), None);
        assert_eq!(
            (
                r.input.spec,
                r.input.standard_cost_fen,
                r.input.reorder_point
            ),
            (None, 0, Decimal::ZERO)
        );
    }

    #[test]
    fn every_bad_cell_of_a_part_row_is_reported_under_its_own_column() {
        let h = header(EXPORT_HEADER);
        let (_, errors) = parse_part(
            &h,
            &row(&[
                "LQ 1",
                "",
                "",
                "飞机零件",
                "",
                "12.345",
                "-1",
                "1.2345",
                "A;B;A",
                "",
            ]),
            None,
        );
        let got: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.column.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("配件名称", "required"),
                ("类别", "invalid"),
                ("单位", "required"),
                ("标准成本", "invalid"),
                ("适用型号", "duplicate"),
                ("配件编号", "invalid"),
                ("再订货点", "out_of_range"),
                ("再订货量", "too_precise"),
            ]
        );
    }

    #[test]
    fn a_negative_or_huge_cost_is_named_by_the_cost_column() {
        let h = header(&["part_number", "name", "category", "unit", "standard_cost"]);
        for cost in ["-1", "99999999"] {
            let (_, errors) = parse_part(&h, &row(&["P-1", "件", "other", "个", cost]), None);
            assert_eq!(errors.len(), 1, "{cost}: {errors:?}");
            assert_eq!(
                (errors[0].column.as_str(), errors[0].code.as_str()),
                ("standard_cost", "out_of_range")
            );
        }
    }

    #[test]
    fn chinese_categories_are_refused_naming_the_wire_names() {
        let h = header(&["配件编号", "配件名称", "类别", "单位"]);
        let (_, errors) = parse_part(&h, &row(&["P-1", "滤芯", "滤清器", "个"]), None);
        assert_eq!(errors[0].column, "类别");
        assert!(
            errors[0].message.contains("filter"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn model_codes_split_at_every_separator_people_type() {
        assert_eq!(
            split_model_codes(" A-1;B-2；C-3,D-4，E-5、 F-6 ;;"),
            vec!["A-1", "B-2", "C-3", "D-4", "E-5", "F-6"]
        );
        assert!(split_model_codes("  ").is_empty());
    }
}
