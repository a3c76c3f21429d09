//! Master data (客户档案, 产品档案): customers, product models, machines and
//! engineer profiles, with the rules that keep them valid.

use crate::validation::{ValidationErrors, Validator, earliest_day, latest_day};
use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

mod certificate;
mod filters;
mod warranty;

pub use certificate::{
    CertificateReissueRequest, CertificateReissueView, CertificateReissued, NewReissue,
    REISSUE_WORKING_DAYS, ReissueState, decide_reissue_request, decide_reissued, reissue_due,
    reissue_state,
};

pub use filters::{
    CustomerFilters, EngineerFilters, MachineFilters, NoFilters, ProductModelFilters,
};
pub use warranty::{
    PartsWait, RepairSpan, SANBAO_MIN_MONTHS, WarrantyChange, WarrantyRepair, WarrantyState,
    WarrantyStatus, WarrantyTerms, check_extended_end, check_sanbao_period, check_warranty_kept,
    machine_warranty, sanbao_period_too_short,
};

wire_enum!(
    /// What kind of customer (客户类型).
    CustomerKind {
        /// 个人 (an individual farmer)
        Individual => "individual",
        /// 家庭农场 / 农场
        Farm => "farm",
        /// 合作社
        Cooperative => "cooperative",
        /// 企业
        Company => "company",
    }
);

wire_enum!(
    /// Machine category of a product model (产品类别).
    #[derive(PartialOrd, Ord)]
    MachineCategory {
        /// 拖拉机
        Tractor => "tractor",
        /// 联合收割机
        CombineHarvester => "combine_harvester",
        /// 播种机
        Planter => "planter",
        /// 插秧机
        Transplanter => "transplanter",
        /// 植保机 / 喷雾机
        Sprayer => "sprayer",
        /// 打捆机
        Baler => "baler",
        /// 其他
        Other => "other",
    }
);

wire_enum!(
    /// Where a machine is in its life.
    MachineStatus {
        /// 正常使用
        Operational => "operational",
        /// 维修中
        UnderRepair => "under_repair",
        /// 停用 / 报废
        Retired => "retired",
    }
);

impl CustomerKind {
    /// Parses a wire name or the Chinese label used in spreadsheets.
    pub fn parse_label(s: &str) -> Option<Self> {
        Self::parse(s.trim()).or(match s.trim() {
            "个人" | "农户" => Some(Self::Individual),
            "农场" | "家庭农场" => Some(Self::Farm),
            "合作社" | "农机合作社" => Some(Self::Cooperative),
            "企业" | "公司" => Some(Self::Company),
            _ => None,
        })
    }
}

impl MachineCategory {
    /// Parses a wire name or the Chinese label used in spreadsheets.
    pub fn parse_label(s: &str) -> Option<Self> {
        Self::parse(s.trim()).or(match s.trim() {
            "拖拉机" => Some(Self::Tractor),
            "联合收割机" | "收割机" => Some(Self::CombineHarvester),
            "播种机" => Some(Self::Planter),
            "插秧机" => Some(Self::Transplanter),
            "植保机" | "喷雾机" => Some(Self::Sprayer),
            "打捆机" => Some(Self::Baler),
            "其他" => Some(Self::Other),
            _ => None,
        })
    }
}

/// A customer (客户档案).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerView {
    pub id: Uuid,
    /// Unique customer code (`C000123`).
    pub code: String,
    pub name: String,
    pub kind: CustomerKind,
    pub phone: String,
    pub alt_phone: Option<String>,
    pub email: Option<String>,
    pub province: String,
    pub city: Option<String>,
    pub county: Option<String>,
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// The selling dealer; dealer users see only their own customers.
    pub dealer_id: Option<Uuid>,
    pub notes: Option<String>,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Body of `POST /customers` and `PUT /customers/{id}` (the whole record).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomerInput {
    /// Unique code; generated (`C000123`) when absent on create.
    #[serde(default)]
    pub code: Option<String>,
    #[cfg_attr(feature = "openapi", schema(example = "张建华"))]
    pub name: String,
    /// Required: a missing or null kind answers 422 with a `kind` field error.
    #[cfg_attr(feature = "openapi", schema(required = true, value_type = CustomerKind))]
    pub kind: Option<CustomerKind>,
    #[cfg_attr(feature = "openapi", schema(example = "13804511234"))]
    pub phone: String,
    #[serde(default)]
    pub alt_phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[cfg_attr(feature = "openapi", schema(example = "黑龙江"))]
    pub province: String,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub county: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    /// Ignored for dealer users: their own dealer is used.
    #[serde(default)]
    pub dealer_id: Option<Uuid>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A technical parameter of a model (技术参数), e.g. 功率 = 140 马力.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModelParam {
    pub key: String,
    pub value: String,
}

/// A product model (产品型号).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductModelView {
    pub id: Uuid,
    /// Unique model code (`4LZ-8`).
    pub code: String,
    pub name: String,
    pub category: MachineCategory,
    /// Technical parameters, in the order given.
    pub params: Vec<ModelParam>,
    /// Warranty length for machines of this model, from the sale date.
    pub warranty_months: i32,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Body of `POST /product-models` and `PUT /product-models/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProductModelInput {
    #[cfg_attr(feature = "openapi", schema(example = "4LZ-8M"))]
    pub code: String,
    #[cfg_attr(feature = "openapi", schema(example = "谷物联合收割机 4LZ-8M"))]
    pub name: String,
    pub category: MachineCategory,
    #[serde(default)]
    pub params: Vec<ModelParam>,
    /// 0-120 months.
    pub warranty_months: i32,
}

/// A machine (产品档案), identified by its serial number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MachineView {
    pub id: Uuid,
    /// Unique serial number (出厂编号).
    pub serial_number: String,
    pub model_id: Uuid,
    pub model_code: String,
    pub model_name: String,
    pub category: MachineCategory,
    /// The owner.
    pub customer_id: Uuid,
    pub customer_name: String,
    /// The owner's dealer, the one dealer that sees the machine.
    pub dealer_id: Option<Uuid>,
    pub sale_date: Option<NaiveDate>,
    /// End of the 三包 period as sold (before extensions).
    pub warranty_end: Option<NaiveDate>,
    /// End of the company's extended warranty (延保), if one was sold.
    pub extended_warranty_end: Option<NaiveDate>,
    /// The day the machine was replaced with a new one of the same model
    /// (换货): its 三包 period restarted then (`warranty_end` counts from it),
    /// and its history keeps the old serial number.
    #[serde(default)]
    pub replaced_on: Option<NaiveDate>,
    /// The warranty today: the 三包 end extended by the days under in-warranty
    /// repair (computed from all the machine's requests, the same for every
    /// viewer), with the repairs that extended it.
    pub warranty: WarrantyState,
    /// Engine hours last reported.
    pub engine_hours: Option<i32>,
    pub status: MachineStatus,
    pub notes: Option<String>,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Body of `POST /machines` and `PUT /machines/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MachineInput {
    #[cfg_attr(feature = "openapi", schema(example = "4LZ8M-2025-00417"))]
    pub serial_number: String,
    pub model_id: Uuid,
    pub customer_id: Uuid,
    /// The owner's dealer, which may be omitted: a machine belongs to its
    /// owner's dealer, and naming another is refused (`not_owners_dealer`).
    #[serde(default)]
    pub dealer_id: Option<Uuid>,
    #[serde(default)]
    pub sale_date: Option<NaiveDate>,
    /// Computed from the sale date and the model's warranty months when absent.
    #[serde(default)]
    pub warranty_end: Option<NaiveDate>,
    #[serde(default)]
    pub engine_hours: Option<i32>,
    #[serde(default)]
    pub status: Option<MachineStatus>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// An engineer with their profile (skills, home base).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EngineerView {
    /// The engineer's user id.
    pub user_id: Uuid,
    pub username: String,
    pub display_name: String,
    /// Machine categories the engineer is qualified for.
    pub skills: Vec<MachineCategory>,
    /// Home base (驻地), e.g. 哈尔滨服务站.
    pub home_base: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub phone: Option<String>,
    /// Available for dispatch.
    pub active: bool,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

/// Body of `PUT /engineers/{user_id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EngineerProfileInput {
    pub skills: Vec<MachineCategory>,
    #[serde(default)]
    pub home_base: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub phone: Option<String>,
    pub active: bool,
}

/// The warranty end as sold: the sale date plus the model's months.
pub fn warranty_end_from_sale(sale_date: NaiveDate, months: i32) -> Option<NaiveDate> {
    sale_date.checked_add_months(Months::new(months.max(0) as u32))
}

/// Checks a phone number: digits with optional `+`, `-`, spaces, brackets; 5-20 digits.
pub fn check_phone(v: &mut Validator, field: &str, phone: &str) {
    let digits = phone.chars().filter(|c| c.is_ascii_digit()).count();
    let ok = phone
        .chars()
        .all(|c| c.is_ascii_digit() || "+- ()".contains(c));
    if !ok || !(5..=20).contains(&digits) {
        v.error(
            field,
            "invalid",
            format!("{field} must be a phone number of 5-20 digits"),
        );
    }
}

/// Checks an optional phone number (blank is none).
pub(crate) fn check_optional_phone(v: &mut Validator, field: &str, phone: &Option<String>) {
    if let Some(p) = clean(phone) {
        check_phone(v, field, &p);
    }
}

fn check_coords(v: &mut Validator, lat: Option<f64>, lon: Option<f64>) {
    if lat.is_some() != lon.is_some() {
        v.error(
            "lat",
            "incomplete",
            "give both latitude and longitude, or neither",
        );
    }
    if lat.is_some_and(|x| !(-90.0..=90.0).contains(&x)) {
        v.error("lat", "out_of_range", "latitude must be between -90 and 90");
    }
    if lon.is_some_and(|x| !(-180.0..=180.0).contains(&x)) {
        v.error(
            "lon",
            "out_of_range",
            "longitude must be between -180 and 180",
        );
    }
}

pub(crate) fn check_code(v: &mut Validator, field: &str, code: &str, max: usize) {
    if code.trim().is_empty() {
        v.error(field, "required", format!("{field} is required"));
    } else if code.chars().count() > max
        || code.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        v.error(
            field,
            "invalid",
            format!("{field} must be at most {max} characters without spaces"),
        );
    }
}

/// Trims a text field; blank becomes `None`.
pub fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

impl CustomerInput {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        if let Some(code) = clean(&self.code) {
            check_code(&mut v, "code", &code, 32);
        }
        v.required_text("name", &self.name, 200);
        if self.kind.is_none() {
            v.error("kind", "required", "kind is required");
        }
        if self.phone.trim().is_empty() {
            v.error("phone", "required", "phone is required");
        } else {
            check_phone(&mut v, "phone", self.phone.trim());
        }
        check_optional_phone(&mut v, "alt_phone", &self.alt_phone);
        if let Some(e) = clean(&self.email)
            && (!e.contains('@') || e.len() > 200)
        {
            v.error("email", "invalid", "email is not a valid address");
        }
        v.required_text("province", &self.province, 50);
        check_coords(&mut v, self.lat, self.lon);
        v.optional_max_chars("notes", self.notes.as_deref(), 2000);
        v.finish()
    }
}

impl ProductModelInput {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        check_code(&mut v, "code", &self.code, 40);
        v.required_text("name", &self.name, 200);
        // The months are the whole machine's 三包 period: at least the legal year.
        if !(SANBAO_MIN_MONTHS as i32..=120).contains(&self.warranty_months) {
            v.error(
                "warranty_months",
                "out_of_range",
                "warranty_months must be between 12 (the legal year of 三包) and 120",
            );
        }
        for (i, p) in self.params.iter().enumerate() {
            if p.key.trim().is_empty() {
                v.error(
                    &format!("params[{i}].key"),
                    "required",
                    "a parameter needs a name",
                );
            }
        }
        v.finish()
    }
}

impl MachineInput {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        check_code(&mut v, "serial_number", &self.serial_number, 64);
        if let Some(sale) = self.sale_date {
            v.day_between("sale_date", sale, earliest_day(), latest_day());
        }
        if let Some(end) = self.warranty_end {
            v.day_between("warranty_end", end, earliest_day(), latest_day());
        }
        check_sanbao_period(&mut v, self.sale_date, self.warranty_end);
        if self
            .engine_hours
            .is_some_and(|h| !(0..=1_000_000).contains(&h))
        {
            v.error(
                "engine_hours",
                "out_of_range",
                "engine_hours must be between 0 and 1000000",
            );
        }
        v.finish()
    }
}

impl MachineInput {
    /// A machine is sold on or before `today` (the company's date).
    pub fn validate_sale_date(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        if let Some(sale) = self.sale_date {
            v.day_between("sale_date", sale, earliest_day(), today);
        }
        v.finish()
    }
}

impl EngineerProfileInput {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        check_coords(&mut v, self.lat, self.lon);
        check_optional_phone(&mut v, "phone", &self.phone);
        v.finish()
    }
}

/// Lower-cased text a record is found by (`q` searches it as a substring).
pub fn search_text(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn warranty_end_adds_months_and_clamps_to_month_end() {
        assert_eq!(
            warranty_end_from_sale(d(2025, 3, 15), 24),
            Some(d(2027, 3, 15))
        );
        assert_eq!(
            warranty_end_from_sale(d(2024, 1, 31), 1),
            Some(d(2024, 2, 29))
        );
    }

    #[test]
    fn customer_needs_name_kind_phone_and_province() {
        let err = CustomerInput::default().validate().unwrap_err();
        assert_eq!(err.fields(), vec!["name", "kind", "phone", "province"]);
    }

    #[test]
    fn phones_accept_mobiles_and_landlines_but_not_letters() {
        for ok in ["13804511234", "0451-86661234", "+86 138 0451 1234"] {
            let mut v = Validator::new();
            check_phone(&mut v, "phone", ok);
            assert!(!v.has_errors(), "{ok}");
        }
        for bad in ["call me", "123", "1380451123412345678901"] {
            let mut v = Validator::new();
            check_phone(&mut v, "phone", bad);
            assert!(v.has_errors(), "{bad}");
        }
    }

    #[test]
    fn half_given_coordinates_are_refused() {
        let c = CustomerInput {
            name: "x".into(),
            kind: Some(CustomerKind::Farm),
            phone: "13800000000".into(),
            province: "河南".into(),
            lat: Some(30.0),
            ..Default::default()
        };
        assert_eq!(c.validate().unwrap_err().0[0].code, "incomplete");
    }

    #[test]
    fn chinese_spreadsheet_labels_parse() {
        assert_eq!(
            CustomerKind::parse_label("合作社"),
            Some(CustomerKind::Cooperative)
        );
        assert_eq!(
            MachineCategory::parse_label("联合收割机"),
            Some(MachineCategory::CombineHarvester)
        );
        assert_eq!(
            MachineCategory::parse_label("tractor"),
            Some(MachineCategory::Tractor)
        );
        assert_eq!(MachineCategory::parse_label("飞机"), None);
    }

    #[test]
    fn warranty_cannot_end_before_the_sale() {
        let m = MachineInput {
            serial_number: "SN1".into(),
            model_id: Uuid::nil(),
            customer_id: Uuid::nil(),
            dealer_id: None,
            sale_date: Some(d(2026, 5, 1)),
            warranty_end: Some(d(2026, 4, 1)),
            engine_hours: None,
            status: None,
            notes: None,
        };
        assert_eq!(m.validate().unwrap_err().0[0].code, "before_sale");
    }

    #[test]
    fn search_text_is_lower_case_and_skips_blanks() {
        assert_eq!(search_text(&["C001", " 张三 ", "", "ABC"]), "c001 张三 abc");
    }
}
