//! What `GET /kpis` and `GET /kpis/records` answer, and the names of the
//! figures and subjects they take.

use super::grade::Grade;
use super::rate::Rate;
use crate::access::RecordKind;
use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

wire_enum!(
    /// One of the four KPIs.
    Kpi {
        /// 及时率
        Timeliness => "timeliness",
        /// 维修成功率
        Success => "success",
        /// 满意率
        Satisfaction => "satisfaction",
        /// 配件准确率
        PartsAccuracy => "parts_accuracy",
    }
);

wire_enum!(
    /// Which side of a figure to list.
    KpiPart {
        Numerator => "numerator",
        Denominator => "denominator",
    }
);

/// Whose figures: `engineer:<user id>`, `parts` (the parts department),
/// `company`, `dealer:<dealer id>` or `region:<name>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Engineer(Uuid),
    Parts,
    Company,
    Dealer(Uuid),
    Region(String),
}

impl Subject {
    /// Parses the wire form, naming the field `subject` on error.
    pub fn parse(s: &str) -> Result<Subject, ValidationErrors> {
        let parsed = match s.split_once(':') {
            None if s == "parts" => Some(Subject::Parts),
            None if s == "company" => Some(Subject::Company),
            Some(("engineer", id)) => Uuid::parse_str(id).ok().map(Subject::Engineer),
            Some(("dealer", id)) => Uuid::parse_str(id).ok().map(Subject::Dealer),
            Some(("region", name)) if !name.trim().is_empty() && name.chars().count() <= 100 => {
                Some(Subject::Region(name.to_owned()))
            }
            _ => None,
        };
        parsed.ok_or_else(|| {
            let mut v = Validator::new();
            v.error(
                "subject",
                "invalid_subject",
                "subject is `engineer:<id>`, `parts`, `company`, `dealer:<id>` or `region:<name>`",
            );
            v.finish().expect_err("an error was recorded")
        })
    }
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Subject::Engineer(id) => write!(f, "engineer:{id}"),
            Subject::Parts => f.write_str("parts"),
            Subject::Company => f.write_str("company"),
            Subject::Dealer(id) => write!(f, "dealer:{id}"),
            Subject::Region(name) => write!(f, "region:{name}"),
        }
    }
}

/// One KPI figure: its two counts and the rate, `null` ("no data") when
/// nothing was counted.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateView {
    pub numerator: u64,
    pub denominator: u64,
    /// Percent, two decimals; `null` when the denominator is 0 (no data).
    pub rate: Option<f64>,
}

impl From<Rate> for RateView {
    fn from(r: Rate) -> Self {
        RateView {
            numerator: r.numerator(),
            denominator: r.denominator(),
            rate: r.percent(),
        }
    }
}

/// The service KPIs of one subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KpiFigures {
    pub timeliness: RateView,
    pub success: RateView,
    pub satisfaction: RateView,
}

/// The figures of an engineer, a dealer, a region or the company.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubjectFigures {
    /// The `subject` of `GET /kpis/records` for these figures.
    pub subject: String,
    /// The engineer's user id or the dealer's id.
    pub id: Option<Uuid>,
    pub name: String,
    #[serde(flatten)]
    pub figures: KpiFigures,
    /// The weighted score, 0–100, under the assessment settings (engineers
    /// only); `null` when no weighted KPI has data.
    pub score: Option<f64>,
    pub grade: Option<Grade>,
}

/// The parts department's figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartsFigures {
    pub subject: String,
    pub parts_accuracy: RateView,
    pub score: Option<f64>,
    pub grade: Option<Grade>,
}

/// `GET /kpis?month=`: the month's figures per engineer, for the parts
/// department, the company, and by dealer and region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KpiReport {
    /// `YYYY-MM`.
    pub month: String,
    /// The month's first instant in the company's time zone.
    pub from: DateTime<Utc>,
    /// The next month's first instant (not included).
    pub to: DateTime<Utc>,
    /// Every engineer with a work order or follow-up counted in the month,
    /// by name; an engineer sees only their own row.
    pub engineers: Vec<SubjectFigures>,
    /// Absent for a caller who sees only their own figures.
    pub parts_department: Option<PartsFigures>,
    pub company: Option<SubjectFigures>,
    pub dealers: Vec<SubjectFigures>,
    pub regions: Vec<SubjectFigures>,
}

/// Query of `GET /kpis/records`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct KpiRecordFilters {
    /// `YYYY-MM`.
    pub month: String,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub kpi: Kpi,
    /// `engineer:<id>`, `parts`, `company`, `dealer:<id>` or `region:<name>`,
    /// as `GET /kpis` names each row.
    pub subject: String,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub part: KpiPart,
}

/// One record behind a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KpiRecord {
    /// `work_order`, `follow_up`, or `stocktake` (a line of a stock-take,
    /// for the parts accuracy).
    pub record: RecordKind,
    /// The work order's, the follow-up's or the stock-take line's id.
    pub id: Uuid,
    /// The work order's number, the follow-up's request's, or the
    /// stock-take's (`ST-2026-000001`).
    pub number: String,
    /// The request it is of (none for a stock-take line).
    pub request_id: Option<Uuid>,
    pub request_number: Option<String>,
    /// The stock-take a line is of.
    pub stocktake_id: Option<Uuid>,
    /// The part a stock-take line counted.
    pub part_number: Option<String>,
    pub engineer_id: Option<Uuid>,
    pub engineer_name: Option<String>,
    /// The time that puts it in the month: the arrival due (timeliness),
    /// the finish (success), when the follow-up was done (satisfaction) or
    /// when the stock-take was reconciled (parts accuracy).
    pub at: DateTime<Utc>,
    /// Whether it counts in the numerator (every listed record counts in
    /// the denominator).
    pub in_numerator: bool,
    /// Why it counts as it does: `on_time`, `late`, `never_arrived`;
    /// `successful`, `inspection_failed`, `repeat_request`,
    /// `abnormal_follow_up`; the customer's satisfaction; or `matched`,
    /// `variance` (a stock-take line).
    pub reason: String,
}
