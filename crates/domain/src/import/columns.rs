//! Which column holds which field: header rows in Chinese (as the templates
//! and most exports write them) or with the API's English field names.

use super::{ImportCellError, ImportKind};
use std::collections::HashMap;

/// One importable field and the headers it is recognised by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// The field name (also accepted as a header).
    pub field: &'static str,
    /// Chinese headers, the first one being the template's.
    pub headers: &'static [&'static str],
    /// A file without this column cannot be imported.
    pub required: bool,
    /// The column is read into the record (false: recognised, so an
    /// exported file's column is not reported as unknown, but not imported
    /// and left out of the template).
    pub imported: bool,
}

const fn col(field: &'static str, headers: &'static [&'static str], required: bool) -> ColumnSpec {
    ColumnSpec {
        field,
        headers,
        required,
        imported: true,
    }
}

/// A column of the export that the import recognises and does not read.
const fn exported_only(field: &'static str, headers: &'static [&'static str]) -> ColumnSpec {
    ColumnSpec {
        field,
        headers,
        required: false,
        imported: false,
    }
}

const CUSTOMER_COLUMNS: &[ColumnSpec] = &[
    col("code", &["客户编号"], true),
    col("name", &["客户名称"], true),
    col("kind", &["客户类型"], true),
    col("phone", &["电话", "联系电话"], true),
    col("alt_phone", &["备用电话"], false),
    col("email", &["邮箱"], false),
    col("province", &["省份"], true),
    col("city", &["城市"], false),
    col("county", &["区县"], false),
    col("address", &["地址"], false),
    col("lat", &["纬度"], false),
    col("lon", &["经度"], false),
    col("dealer_code", &["经销商编号"], false),
    col("notes", &["备注"], false),
];

const PRODUCT_MODEL_COLUMNS: &[ColumnSpec] = &[
    col("code", &["型号编码"], true),
    col("name", &["型号名称"], true),
    col("category", &["类别"], true),
    col("warranty_months", &["保修月数"], true),
];

const MACHINE_COLUMNS: &[ColumnSpec] = &[
    col("serial_number", &["出厂编号"], true),
    col("model_code", &["型号编码"], true),
    col("customer_code", &["客户编号"], true),
    col("dealer_code", &["经销商编号"], false),
    col("sale_date", &["销售日期"], false),
    col("warranty_end", &["保修截止"], false),
    col("engine_hours", &["发动机小时"], false),
    col("status", &["状态"], false),
    col("notes", &["备注"], false),
];

/// The parts catalog, in the columns (and with the headers) of its export,
/// so an exported file imports back unchanged. The status is exported and
/// recognised, but not imported: (de)activating a part is its own action.
const PART_COLUMNS: &[ColumnSpec] = &[
    col("part_number", &["配件编号"], true),
    col("name", &["配件名称"], true),
    col("spec", &["规格", "规格型号"], false),
    col("category", &["类别"], true),
    col("unit", &["单位"], true),
    col("standard_cost", &["标准成本"], false),
    col("reorder_point", &["再订货点"], false),
    col("reorder_quantity", &["再订货量"], false),
    col("model_codes", &["适用型号"], false),
    exported_only("status", &["状态"]),
];

impl ImportKind {
    /// The columns this kind of file may have, in template order.
    pub fn columns(self) -> &'static [ColumnSpec] {
        match self {
            ImportKind::Customers => CUSTOMER_COLUMNS,
            ImportKind::ProductModels => PRODUCT_MODEL_COLUMNS,
            ImportKind::Machines => MACHINE_COLUMNS,
            ImportKind::Parts => PART_COLUMNS,
        }
    }

    /// The field that identifies a record (its natural key).
    pub fn key_field(self) -> &'static str {
        self.columns()[0].field
    }

    /// The header row of the downloadable template (Chinese headers).
    pub fn template_headers(self) -> Vec<&'static str> {
        self.columns()
            .iter()
            .filter(|c| c.imported)
            .map(|c| c.headers[0])
            .collect()
    }
}

/// A header as matched: trimmed, without a required-marker star or a
/// bracketed hint (`销售日期(YYYY-MM-DD)`), English lower-cased with `_`.
fn normalise(header: &str) -> String {
    let mut s = header.trim().trim_start_matches('\u{feff}').trim();
    s = s.trim_end_matches(['*', '＊']).trim();
    for open in ['(', '（'] {
        if let Some(i) = s.find(open)
            && i > 0
            && s.ends_with([')', '）'])
        {
            s = s[..i].trim();
        }
    }
    s.to_lowercase().replace([' ', '-'], "_")
}

/// The columns of one file, mapped to fields.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderMap {
    kind: ImportKind,
    /// Header texts as in the file (trimmed).
    headers: Vec<String>,
    fields: HashMap<&'static str, usize>,
    /// Product models: columns that become technical parameters, in file order.
    params: Vec<usize>,
    ignored: Vec<usize>,
}

impl HeaderMap {
    /// Maps a header row. Fails with one error per missing required column or
    /// per field given twice, so the user can fix the header in one go.
    pub fn new(kind: ImportKind, header: &[String]) -> Result<Self, Vec<ImportCellError>> {
        let specs = kind.columns();
        let mut map = HeaderMap {
            kind,
            headers: header.iter().map(|h| h.trim().to_owned()).collect(),
            fields: HashMap::new(),
            params: Vec::new(),
            ignored: Vec::new(),
        };
        let mut errors = Vec::new();
        let mut param_keys: HashMap<String, usize> = HashMap::new();
        for (i, raw) in header.iter().enumerate() {
            let n = normalise(raw);
            if n.is_empty() {
                continue;
            }
            let spec = specs
                .iter()
                .find(|s| s.field == n || s.headers.iter().any(|h| normalise(h) == n));
            match spec {
                Some(s) => {
                    if let Some(&first) = map.fields.get(s.field) {
                        errors.push(ImportCellError::new(
                            &map.headers[i],
                            s.field,
                            "duplicate_column",
                            format!(
                                "the column `{}` gives {} again (already in column `{}`)",
                                map.headers[i], s.field, map.headers[first]
                            ),
                        ));
                    } else {
                        map.fields.insert(s.field, i);
                    }
                }
                None if kind == ImportKind::ProductModels => {
                    let key = map.headers[i].clone();
                    if let Some(&first) = param_keys.get(&key) {
                        errors.push(ImportCellError::new(
                            &key,
                            "params",
                            "duplicate_column",
                            format!(
                                "the parameter column `{key}` appears twice (columns {} and {})",
                                first + 1,
                                i + 1
                            ),
                        ));
                    } else {
                        param_keys.insert(key, i);
                        map.params.push(i);
                    }
                }
                None => map.ignored.push(i),
            }
        }
        for s in specs
            .iter()
            .filter(|s| s.required && !map.fields.contains_key(s.field))
        {
            errors.push(ImportCellError::new(
                s.headers[0],
                s.field,
                "missing_column",
                format!(
                    "the file has no `{}` column ({}); it is required",
                    s.headers[0], s.field
                ),
            ));
        }
        if errors.is_empty() {
            Ok(map)
        } else {
            Err(errors)
        }
    }

    /// The kind of file this header belongs to.
    pub fn kind(&self) -> ImportKind {
        self.kind
    }

    /// Whether the file has a column for `field`.
    pub fn has(&self, field: &str) -> bool {
        self.fields.contains_key(field)
    }

    /// The header text a field's errors are reported under: the file's own
    /// header, or the template's when the file has no such column.
    pub fn column_of(&self, field: &str) -> String {
        let base = field.split('[').next().unwrap_or(field);
        match self.fields.get(base) {
            Some(&i) => self.headers[i].clone(),
            None => self
                .kind
                .columns()
                .iter()
                .find(|s| s.field == base)
                .map(|s| s.headers[0].to_owned())
                .unwrap_or_else(|| field.to_owned()),
        }
    }

    /// The trimmed cell of `field` in a row: `None` without such a column,
    /// `Some("")` when the cell is blank or the row is short.
    pub fn cell<'a>(&self, cells: &'a [String], field: &str) -> Option<&'a str> {
        self.fields
            .get(field)
            .map(|&i| cells.get(i).map(|c| c.trim()).unwrap_or(""))
    }

    /// The record's natural key in a row (customer or model code, serial
    /// number, part number).
    pub fn key<'a>(&self, cells: &'a [String]) -> &'a str {
        self.cell(cells, self.kind.key_field()).unwrap_or("")
    }

    /// Product models: `(header, column index)` of the parameter columns.
    pub fn param_columns(&self) -> impl Iterator<Item = (&str, usize)> {
        self.params.iter().map(|&i| (self.headers[i].as_str(), i))
    }

    /// Headers that match no field and were not read (a typo shows up here).
    pub fn ignored_columns(&self) -> Vec<String> {
        self.ignored
            .iter()
            .map(|&i| self.headers[i].clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn chinese_and_english_headers_map_to_the_same_fields() {
        let zh = HeaderMap::new(
            ImportKind::Customers,
            &row(&[
                "客户编号",
                "客户名称*",
                "客户类型",
                "联系电话",
                "省份",
                "城市（地级市）",
            ]),
        )
        .unwrap();
        let en = HeaderMap::new(
            ImportKind::Customers,
            &row(&[" Code ", "name", "kind", "phone", "province", "city"]),
        )
        .unwrap();
        let cells = row(&["C1", " 张三 ", "个人", "138", "河南", "郑州"]);
        for map in [&zh, &en] {
            assert_eq!(map.cell(&cells, "name"), Some("张三"));
            assert_eq!(map.cell(&cells, "city"), Some("郑州"));
            assert_eq!(map.cell(&cells, "email"), None);
            assert_eq!(map.key(&cells), "C1");
        }
        assert_eq!(zh.column_of("name"), "客户名称*");
        assert_eq!(zh.column_of("email"), "邮箱");
    }

    #[test]
    fn missing_required_columns_are_all_reported() {
        let errs = HeaderMap::new(ImportKind::Machines, &row(&["出厂编号", "备注"])).unwrap_err();
        let cols: Vec<_> = errs.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(cols, vec!["型号编码", "客户编号"]);
        assert!(errs.iter().all(|e| e.code == "missing_column"));
    }

    #[test]
    fn a_field_given_twice_is_an_error_naming_both_columns() {
        let errs = HeaderMap::new(
            ImportKind::Customers,
            &row(&[
                "客户编号",
                "客户名称",
                "客户类型",
                "电话",
                "联系电话",
                "省份",
            ]),
        )
        .unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].column, "联系电话");
        assert!(errs[0].message.contains("电话"));
    }

    #[test]
    fn unknown_columns_become_model_parameters_but_are_ignored_elsewhere() {
        let m = HeaderMap::new(
            ImportKind::ProductModels,
            &row(&[
                "型号编码",
                "型号名称",
                "类别",
                "保修月数",
                "功率(马力)",
                "",
                "割幅",
            ]),
        )
        .unwrap();
        assert_eq!(
            m.param_columns().collect::<Vec<_>>(),
            vec![("功率(马力)", 4), ("割幅", 6)]
        );
        let c = HeaderMap::new(
            ImportKind::Customers,
            &row(&["客户编号", "客户名称", "客户类型", "电话", "省份", "微信"]),
        )
        .unwrap();
        assert_eq!(c.ignored_columns(), vec!["微信"]);
    }

    #[test]
    fn short_rows_read_as_blank_cells() {
        let m = HeaderMap::new(
            ImportKind::Machines,
            &row(&["出厂编号", "型号编码", "客户编号", "备注"]),
        )
        .unwrap();
        assert_eq!(m.cell(&row(&["SN1", "M1"]), "notes"), Some(""));
    }

    #[test]
    fn templates_use_the_first_chinese_header() {
        assert_eq!(ImportKind::Machines.template_headers()[0], "出厂编号");
        assert_eq!(ImportKind::Customers.template_headers().len(), 14);
        assert_eq!(ImportKind::ProductModels.key_field(), "code");
    }

    #[test]
    fn a_parts_template_has_the_exports_columns_but_not_its_status() {
        assert_eq!(
            ImportKind::Parts.template_headers(),
            vec![
                "配件编号",
                "配件名称",
                "规格",
                "类别",
                "单位",
                "标准成本",
                "再订货点",
                "再订货量",
                "适用型号"
            ]
        );
        assert_eq!(ImportKind::Parts.key_field(), "part_number");
    }

    #[test]
    fn an_exported_parts_header_maps_every_column_in_either_language() {
        // The export's own header rows, so the two lists cannot drift apart.
        use crate::export::{Exported, HeaderLang};
        use crate::parts::PartView;
        let zh = PartView::headers(HeaderLang::Zh);
        let en = PartView::headers(HeaderLang::En);
        for header in [row(&zh), row(&en)] {
            let m = HeaderMap::new(ImportKind::Parts, &header).unwrap();
            assert!(m.ignored_columns().is_empty(), "{header:?}");
            assert!(m.has("model_codes") && m.has("status"));
        }
        let errs = HeaderMap::new(ImportKind::Parts, &row(&["配件编号", "配件名称"])).unwrap_err();
        let cols: Vec<_> = errs.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(cols, vec!["类别", "单位"]);
    }
}
