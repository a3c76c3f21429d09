//! Labels of the quality assessment's pages (售后服务质量考核): the month's
//! KPIs and the records behind a figure. Reached through [`I18n::q`]; the
//! macro keeps both languages complete. Only the quality bundle uses them.

use crate::hooks::I18n;
use crate::i18n::Lang;
use furrow_domain::kpi::{Grade, Kpi, KpiPart};
use furrow_domain::service::Satisfaction;

macro_rules! labels {
    ($($key:ident => ($zh:expr, $en:expr),)+) => {
        /// A label of the quality pages.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Q {
            $($key,)+
        }

        impl Q {
            /// (zh-CN, English).
            pub fn pair(self) -> (&'static str, &'static str) {
                match self {
                    $(Q::$key => ($zh, $en),)+
                }
            }
        }
    };
}

labels! {
    Title => ("质量考核指标", "Quality KPIs"),
    Month => ("考核月份", "Month"),
    Company => ("全公司", "Company"),
    CompanyTitle => ("全公司指标", "Company figures"),
    Timeliness => ("及时率", "Timeliness"),
    Success => ("维修成功率", "Repair success"),
    Satisfaction => ("满意率", "Satisfaction"),
    PartsAccuracy => ("配件准确率", "Parts accuracy"),
    NoData => ("无数据", "No data"),
    NumeratorTip => ("达标的记录", "The records that met it"),
    DenominatorTip => ("计入的全部记录", "Every record counted"),
    Engineers => ("工程师", "Engineers"),
    Engineer => ("工程师", "Engineer"),
    Score => ("得分", "Score"),
    Grade => ("等级", "Grade"),
    PartsDepartment => ("配件部", "Parts department"),
    Dealers => ("按经销商", "By dealer"),
    Dealer => ("经销商", "Dealer"),
    Regions => ("按区域", "By region"),
    Region => ("区域", "Region"),
    NoEngineers => ("本月没有计入考核的工程师。", "No engineer has figures this month."),
    NothingHere => ("本月没有数据。", "Nothing this month."),
    Numerator => ("达标", "Met"),
    Denominator => ("全部", "All counted"),
    RecordsTitle => ("{0}：{1}", "{0}: {1}"),
    RecordsAbout => ("{0} · {1} · {2}", "{0} · {1} · {2}"),
    BackToKpis => ("返回考核指标", "Back to the KPIs"),
    ColNumber => ("单号", "Number"),
    ColRequest => ("报修单", "Request"),
    ColAt => ("计入时间", "Counted at"),
    ColCounts => ("是否达标", "Met"),
    ColReason => ("原因", "Why"),
    Yes => ("达标", "Met"),
    No => ("未达标", "Not met"),
    NoRecords => ("这个数字背后没有记录。", "No record is behind this figure."),
    BadLink => ("链接不完整：请从考核指标页打开记录。", "This link is incomplete: open the records from the KPI page."),
    ReasonOnTime => ("按时到达", "Arrived on time"),
    ReasonLate => ("迟到", "Arrived late"),
    ReasonNeverArrived => ("未到达", "Never arrived"),
    ReasonSuccessful => ("维修成功", "Successful"),
    ReasonInspectionFailed => ("验收未通过", "Inspection failed"),
    ReasonRepeatRequest => ("30 天内重复报修", "Repeat request within 30 days"),
    ReasonAbnormalFollowUp => ("回访时机器异常", "Machine abnormal at follow-up"),
    ReasonMatched => ("账实相符", "Count matches the book"),
    ReasonVariance => ("账实不符", "Count differs from the book"),
    GradeExcellent => ("优秀", "Excellent"),
    GradeGood => ("良好", "Good"),
    GradeQualified => ("合格", "Qualified"),
    GradeUnqualified => ("不合格", "Unqualified"),
}

impl I18n {
    /// A label of the quality pages in the current language.
    pub fn q(&self, key: Q) -> &'static str {
        let (zh, en) = key.pair();
        match self.lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }

    /// A label with `{0}`, `{1}`... filled in.
    pub fn qf(&self, key: Q, args: &[&str]) -> String {
        let mut out = self.q(key).to_owned();
        for (i, a) in args.iter().enumerate() {
            out = out.replace(&format!("{{{i}}}"), a);
        }
        out
    }
}

/// A KPI's name.
pub fn kpi(k: Kpi) -> Q {
    match k {
        Kpi::Timeliness => Q::Timeliness,
        Kpi::Success => Q::Success,
        Kpi::Satisfaction => Q::Satisfaction,
        Kpi::PartsAccuracy => Q::PartsAccuracy,
    }
}

/// A side of a figure.
pub fn part(p: KpiPart) -> Q {
    match p {
        KpiPart::Numerator => Q::Numerator,
        KpiPart::Denominator => Q::Denominator,
    }
}

/// A grade.
pub fn grade(g: Grade) -> Q {
    match g {
        Grade::Excellent => Q::GradeExcellent,
        Grade::Good => Q::GradeGood,
        Grade::Qualified => Q::GradeQualified,
        Grade::Unqualified => Q::GradeUnqualified,
    }
}

/// Why a record counts as it does (`GET /kpis/records`' `reason`): a rule's
/// outcome, or the satisfaction the customer gave; an unknown one as sent.
pub fn reason(i18n: &I18n, reason: &str) -> String {
    let key = match reason {
        "on_time" => Some(Q::ReasonOnTime),
        "late" => Some(Q::ReasonLate),
        "never_arrived" => Some(Q::ReasonNeverArrived),
        "successful" => Some(Q::ReasonSuccessful),
        "inspection_failed" => Some(Q::ReasonInspectionFailed),
        "repeat_request" => Some(Q::ReasonRepeatRequest),
        "abnormal_follow_up" => Some(Q::ReasonAbnormalFollowUp),
        "matched" => Some(Q::ReasonMatched),
        "variance" => Some(Q::ReasonVariance),
        _ => None,
    };
    if let Some(key) = key {
        return i18n.q(key).to_owned();
    }
    Satisfaction::ALL
        .iter()
        .find(|s| s.as_str() == reason)
        .map(|s| super::follow_up::satisfaction(*s, i18n.lang).to_owned())
        .unwrap_or_else(|| reason.to_owned())
}
