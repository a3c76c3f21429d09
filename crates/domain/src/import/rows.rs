//! One spreadsheet row into a domain input plus the errors of its cells.
//!
//! A row updating an existing record starts from that record (`base`): a
//! column the file does not have leaves the stored value alone, while a blank
//! cell in a column the file does have clears that (optional) field.

use super::values::{parse_date, parse_decimal, parse_int, parse_machine_status};
use super::{HeaderMap, ImportCellError};
use crate::master::{
    CustomerInput, CustomerKind, MachineCategory, MachineInput, ModelParam, ProductModelInput,
};
use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use uuid::Uuid;

/// What a row says about the selling dealer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DealerRef {
    /// The file has no dealer column: keep the stored dealer (new records
    /// get the default: none for a customer, the owner's for a machine).
    Unspecified,
    /// The cell is blank: no dealer (machines: the owner's).
    Blank,
    /// A dealer code to look up.
    Code(String),
}

/// A customer row: the input with its dealer still as a code.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerRow {
    pub input: CustomerInput,
    pub dealer: DealerRef,
}

/// A machine row: the input with model, owner and dealer still as codes.
/// `input.model_id` and `input.customer_id` are the base's (nil for a new
/// machine) until the store resolves the codes.
#[derive(Debug, Clone, PartialEq)]
pub struct MachineRow {
    pub input: MachineInput,
    pub model_code: String,
    pub customer_code: String,
    pub dealer: DealerRef,
}

/// Longest values the database columns hold, beyond what the API's own
/// validation checks, so an import never fails half-way on a column width.
const MAX_PHONE: usize = 40;
const MAX_PLACE: usize = 50;
const MAX_ADDRESS: usize = 300;
const MAX_PARAM: usize = 200;

/// Reads the cells of one row and collects their errors.
pub(super) struct Cells<'a> {
    header: &'a HeaderMap,
    cells: &'a [String],
    pub(super) errors: Vec<ImportCellError>,
}

impl<'a> Cells<'a> {
    pub(super) fn new(header: &'a HeaderMap, cells: &'a [String]) -> Self {
        Cells {
            header,
            cells,
            errors: Vec::new(),
        }
    }

    pub(super) fn error(&mut self, field: &str, code: &str, message: String) {
        self.errors.push(ImportCellError::new(
            &self.header.column_of(field),
            field,
            code,
            message,
        ));
    }

    pub(super) fn has_error(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    /// The cell, `None` when the file has no such column.
    pub(super) fn get(&self, field: &str) -> Option<&'a str> {
        self.header.cell(self.cells, field)
    }

    /// A required text: blank is an error.
    pub(super) fn required(&mut self, field: &str) -> String {
        let v = self.get(field).unwrap_or("");
        if v.is_empty() {
            self.error(
                field,
                "required",
                format!("{} is required", self.header.column_of(field)),
            );
        }
        v.to_owned()
    }

    /// An optional text: `base` without a column, `None` when blank.
    pub(super) fn text(
        &mut self,
        field: &str,
        base: Option<String>,
        max: Option<usize>,
    ) -> Option<String> {
        match self.get(field) {
            None => base,
            Some("") => None,
            Some(v) => {
                if let Some(max) = max
                    && v.chars().count() > max
                {
                    self.error(field, "too_long", format!("at most {max} characters"));
                }
                Some(v.to_owned())
            }
        }
    }

    /// An optional typed value: `base` without a column, `None` when blank or invalid.
    pub(super) fn parsed<T>(
        &mut self,
        field: &str,
        base: Option<T>,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        match self.get(field) {
            None => base,
            Some("") => None,
            Some(v) => match parse(v) {
                Ok(x) => Some(x),
                Err(message) => {
                    self.error(field, "invalid", message);
                    None
                }
            },
        }
    }

    fn dealer(&self) -> DealerRef {
        match self.get("dealer_code") {
            None => DealerRef::Unspecified,
            Some("") => DealerRef::Blank,
            Some(code) => DealerRef::Code(code.to_owned()),
        }
    }

    /// Adds the input's own validation errors, except on fields whose cell
    /// already has an error (a bad label would also read as "required").
    fn merge(self, result: Result<(), ValidationErrors>) -> Vec<ImportCellError> {
        self.merge_as(result, |field| field)
    }

    /// [`Self::merge`] for an input whose fields are named differently from
    /// the columns: `column` names the column of an input field.
    pub(super) fn merge_as(
        mut self,
        result: Result<(), ValidationErrors>,
        column: impl Fn(&str) -> &str,
    ) -> Vec<ImportCellError> {
        if let Err(v) = result {
            for e in v.0 {
                let base = e.field.split('[').next().unwrap_or(&e.field);
                let base = column(base).to_owned();
                if !self.has_error(&base) {
                    self.error(&base, &e.code, e.message);
                }
            }
        }
        self.errors
    }
}

/// Parses a customer row. The code is required here: it is how a second
/// import of the same file finds the records the first one created.
pub fn parse_customer(
    header: &HeaderMap,
    cells: &[String],
    base: Option<&CustomerInput>,
) -> (CustomerRow, Vec<ImportCellError>) {
    let b = base.cloned().unwrap_or_default();
    let mut c = Cells::new(header, cells);
    let code = c.required("code");
    let name = c.required("name");
    let kind = match c.get("kind").unwrap_or("") {
        "" => None,
        label => {
            let k = CustomerKind::parse_label(label);
            if k.is_none() {
                c.error(
                    "kind",
                    "invalid",
                    format!("`{label}` is not a customer kind; use 个人, 农场, 合作社 or 企业"),
                );
            }
            k
        }
    };
    let phone = c.required("phone");
    if phone.chars().count() > MAX_PHONE {
        c.error(
            "phone",
            "too_long",
            format!("at most {MAX_PHONE} characters"),
        );
    }
    let input = CustomerInput {
        code: Some(code),
        name,
        kind,
        phone,
        alt_phone: c.text("alt_phone", b.alt_phone, Some(MAX_PHONE)),
        email: c.text("email", b.email, None),
        province: c.required("province"),
        city: c.text("city", b.city, Some(MAX_PLACE)),
        county: c.text("county", b.county, Some(MAX_PLACE)),
        address: c.text("address", b.address, Some(MAX_ADDRESS)),
        lat: c.parsed("lat", b.lat, parse_decimal),
        lon: c.parsed("lon", b.lon, parse_decimal),
        dealer_id: b.dealer_id,
        notes: c.text("notes", b.notes, None),
    };
    let dealer = c.dealer();
    let errors = c.merge(input.validate());
    (CustomerRow { input, dealer }, errors)
}

/// Parses a product model row. Columns other than the model's own fields are
/// technical parameters: when the file has any, they replace the stored ones
/// (blank cells are skipped); without such columns the stored ones stay.
pub fn parse_product_model(
    header: &HeaderMap,
    cells: &[String],
    base: Option<&ProductModelInput>,
) -> (ProductModelInput, Vec<ImportCellError>) {
    let mut c = Cells::new(header, cells);
    let code = c.required("code");
    let name = c.required("name");
    let category = match c.required("category").as_str() {
        "" => MachineCategory::Other,
        label => MachineCategory::parse_label(label).unwrap_or_else(|| {
            c.error("category", "invalid", format!("`{label}` is not a machine category; use 拖拉机, 联合收割机, 播种机, 插秧机, 植保机, 打捆机 or 其他"));
            MachineCategory::Other
        }),
    };
    let warranty_months = match c.required("warranty_months").as_str() {
        "" => 0,
        v => parse_int(v).unwrap_or_else(|m| {
            c.error("warranty_months", "invalid", m);
            0
        }),
    };
    let mut params: Vec<ModelParam> = header
        .param_columns()
        .filter_map(|(key, i)| {
            let value = cells.get(i).map(|v| v.trim()).unwrap_or("");
            (!value.is_empty()).then(|| ModelParam {
                key: key.to_owned(),
                value: value.to_owned(),
            })
        })
        .collect();
    if header.param_columns().next().is_none() {
        params = base.map(|b| b.params.clone()).unwrap_or_default();
    }
    for p in &params {
        if p.key.chars().count() > MAX_PARAM || p.value.chars().count() > MAX_PARAM {
            c.errors.push(ImportCellError::new(
                &p.key,
                "params",
                "too_long",
                format!("parameter names and values have at most {MAX_PARAM} characters"),
            ));
        }
    }
    let input = ProductModelInput {
        code,
        name,
        category,
        params,
        warranty_months,
    };
    let errors = c.merge(input.validate());
    (input, errors)
}

/// Parses a machine row. Without a warranty end in the row, the store derives
/// it from the sale date and the model's warranty months, as the API does.
pub fn parse_machine(
    header: &HeaderMap,
    cells: &[String],
    base: Option<&MachineInput>,
) -> (MachineRow, Vec<ImportCellError>) {
    let mut c = Cells::new(header, cells);
    let serial_number = c.required("serial_number");
    let model_code = c.required("model_code");
    let customer_code = c.required("customer_code");
    let sale_date: Option<NaiveDate> =
        c.parsed("sale_date", base.and_then(|b| b.sale_date), parse_date);
    // A new sale date with no warranty column means "recompute", not "keep".
    let base_end = if header.has("sale_date") {
        None
    } else {
        base.and_then(|b| b.warranty_end)
    };
    let warranty_end = c.parsed("warranty_end", base_end, parse_date);
    let engine_hours = c.parsed("engine_hours", base.and_then(|b| b.engine_hours), parse_int);
    let status = c.parsed("status", base.and_then(|b| b.status), |s| {
        parse_machine_status(s)
            .ok_or_else(|| format!("`{s}` is not a machine status; use 正常使用, 维修中 or 停用"))
    });
    let input = MachineInput {
        serial_number,
        model_id: base.map(|b| b.model_id).unwrap_or(Uuid::nil()),
        customer_id: base.map(|b| b.customer_id).unwrap_or(Uuid::nil()),
        dealer_id: base.and_then(|b| b.dealer_id),
        sale_date,
        warranty_end,
        engine_hours,
        status,
        notes: c.text("notes", base.and_then(|b| b.notes.clone()), None),
    };
    let dealer = c.dealer();
    let errors = c.merge(input.validate());
    (
        MachineRow {
            input,
            model_code,
            customer_code,
            dealer,
        },
        errors,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportKind;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    fn header(kind: ImportKind, cells: &[&str]) -> HeaderMap {
        HeaderMap::new(kind, &row(cells)).unwrap()
    }

    fn customers(cells: &[&str]) -> HeaderMap {
        header(ImportKind::Customers, cells)
    }

    const CUSTOMER_HEADER: &[&str] = &[
        "客户编号",
        "客户名称",
        "客户类型",
        "电话",
        "省份",
        "纬度",
        "经度",
        "经销商编号",
    ];

    #[test]
    fn a_good_customer_row_becomes_an_input_with_its_dealer_code() {
        let h = customers(CUSTOMER_HEADER);
        let (r, errors) = parse_customer(
            &h,
            &row(&[
                "C001",
                "张建华",
                "合作社",
                "13804511234",
                "黑龙江",
                "45.75",
                "126.63",
                "D-HLJ-01",
            ]),
            None,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(r.input.kind, Some(CustomerKind::Cooperative));
        assert_eq!(r.input.lat, Some(45.75));
        assert_eq!(r.dealer, DealerRef::Code("D-HLJ-01".into()));
    }

    #[test]
    fn every_bad_cell_of_a_customer_row_is_reported_once_under_its_column() {
        let h = customers(CUSTOMER_HEADER);
        let (_, errors) = parse_customer(
            &h,
            &row(&["", "张三", "飞机", "call me", "", "北纬", "126", ""]),
            None,
        );
        let got: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.column.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("客户编号", "required"),
                ("客户类型", "invalid"),
                ("省份", "required"),
                ("纬度", "invalid"),
                ("电话", "invalid")
            ]
        );
    }

    #[test]
    fn absent_columns_keep_stored_values_and_blank_cells_clear_them() {
        let h = customers(&["客户编号", "客户名称", "客户类型", "电话", "省份", "城市"]);
        let base = CustomerInput {
            city: Some("哈尔滨".into()),
            address: Some("道里区 1 号".into()),
            ..Default::default()
        };
        let (r, _) = parse_customer(
            &h,
            &row(&["C1", "张三", "个人", "13800000000", "黑龙江", ""]),
            Some(&base),
        );
        assert_eq!(r.input.city, None);
        assert_eq!(r.input.address.as_deref(), Some("道里区 1 号"));
        assert_eq!(r.dealer, DealerRef::Unspecified);
    }

    #[test]
    fn over_long_address_is_refused_before_it_reaches_the_database() {
        let h = customers(&["客户编号", "客户名称", "客户类型", "电话", "省份", "地址"]);
        let (_, errors) = parse_customer(
            &h,
            &row(&[
                "C1",
                "张三",
                "个人",
                "13800000000",
                "河南",
                &"路".repeat(301),
            ]),
            None,
        );
        assert_eq!(errors[0].field, "address");
        assert_eq!(errors[0].code, "too_long");
    }

    #[test]
    fn model_parameters_come_from_extra_columns_skipping_blanks() {
        let h = header(
            ImportKind::ProductModels,
            &[
                "型号编码",
                "型号名称",
                "类别",
                "保修月数",
                "功率(马力)",
                "割幅",
            ],
        );
        let (m, errors) = parse_product_model(
            &h,
            &row(&["4LZ-8M", "谷物联合收割机", "收割机", "24", "140", ""]),
            None,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(m.category, MachineCategory::CombineHarvester);
        assert_eq!(
            m.params,
            vec![ModelParam {
                key: "功率(马力)".into(),
                value: "140".into()
            }]
        );
    }

    #[test]
    fn model_row_with_bad_category_and_months_names_both() {
        let h = header(
            ImportKind::ProductModels,
            &["code", "name", "category", "warranty_months"],
        );
        let (_, errors) = parse_product_model(&h, &row(&["X1", "某机", "飞机", "两年"]), None);
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["category", "warranty_months"]);
    }

    #[test]
    fn machine_row_reads_dates_hours_and_status_and_keeps_codes_for_lookup() {
        let h = header(
            ImportKind::Machines,
            &[
                "出厂编号",
                "型号编码",
                "客户编号",
                "销售日期",
                "发动机小时",
                "状态",
            ],
        );
        let (m, errors) = parse_machine(
            &h,
            &row(&["SN-1", "4LZ-8M", "C001", "2025/3/15", "1,200", "维修中"]),
            None,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(m.input.sale_date, NaiveDate::from_ymd_opt(2025, 3, 15));
        assert_eq!(m.input.warranty_end, None, "derived later from the model");
        assert_eq!(m.input.engine_hours, Some(1200));
        assert_eq!(
            (m.model_code.as_str(), m.customer_code.as_str()),
            ("4LZ-8M", "C001")
        );
    }

    #[test]
    fn machine_row_with_bad_date_and_warranty_before_sale_reports_the_columns() {
        let h = header(
            ImportKind::Machines,
            &[
                "出厂编号",
                "型号编码",
                "客户编号",
                "销售日期",
                "保修截止",
                "发动机小时",
            ],
        );
        let (_, errors) =
            parse_machine(&h, &row(&["SN-1", "", "C1", "2025-13-01", "", "-5"]), None);
        let got: Vec<_> = errors
            .iter()
            .map(|e| (e.column.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("型号编码", "required"),
                ("销售日期", "invalid"),
                ("发动机小时", "out_of_range")
            ]
        );
        let (_, errors) = parse_machine(
            &h,
            &row(&["SN-1", "M", "C1", "2025-05-01", "2025-04-01", ""]),
            None,
        );
        assert_eq!(errors[0].column, "保修截止");
        assert_eq!(errors[0].code, "before_sale");
    }
}
