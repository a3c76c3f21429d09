//! The monthly KPIs (质量考核指标): a month's figures and the records behind
//! one of them.

use crate::services::requests::Call;
use crate::services::resource::Answer;
use furrow_domain::Page;
use furrow_domain::kpi::{KpiRecord, KpiRecordFilters, KpiReport};

/// `GET /kpis?month=YYYY-MM`.
pub fn report(month: String) -> impl Answer<KpiReport> {
    Call::get("/kpis").query("month", month).fetch()
}

/// `GET /kpis/records`: one page of the records behind a figure.
pub fn records(
    filters: &KpiRecordFilters,
    limit: u64,
    cursor: Option<&str>,
) -> impl Answer<Page<KpiRecord>> + use<> {
    Call::get("/kpis/records")
        .query("month", &filters.month)
        .query("kpi", filters.kpi.as_str())
        .query("subject", &filters.subject)
        .query("part", filters.part.as_str())
        .query("limit", limit)
        .query_opt("cursor", cursor)
        .fetch()
}
