//! The monthly KPIs of the quality assessment (售后服务质量考核, DESIGN §5):
//! the four rates, the month they are counted in, the weighted score and the
//! grade.
//!
//! The store loads the month's facts of each record (one row per work order,
//! follow-up or stock-take line, with plain times and flags) and these rules
//! decide which rows count in a rate's denominator and which in its
//! numerator. The same rule picks the records behind a figure, so a figure and
//! its drill-down cannot disagree.

mod grade;
mod month;
mod rate;
mod report;
mod rules;

pub use grade::{AssessmentSettings, Bands, EngineerWeights, Grade, PartsWeights, grade, score};
pub use month::{Month, MonthSpan};
pub use rate::Rate;
pub use report::{
    Kpi, KpiFigures, KpiPart, KpiRecord, KpiRecordFilters, KpiReport, PartsFigures, RateView,
    Subject, SubjectFigures,
};
pub use rules::{
    FollowUpFacts, REPEAT_WINDOW, StockTakeLineFacts, WorkOrderFacts, parts_accuracy, satisfaction,
    success, success_reason, timeliness, timeliness_reason,
};
