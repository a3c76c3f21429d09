//! One KPI figure as the pages show it: the rate ("no data" when nothing was
//! counted, never 0%), and its two counts, each a link to the records behind
//! it.

use crate::components::query_link::query_link;
use crate::components::status_badge::{Tone, badge};
use crate::hooks::I18n;
use crate::i18n::quality::{self as names, Q};
use crate::route::Route;
use furrow_domain::kpi::{Grade, Kpi, KpiPart, RateView};
use yew::prelude::*;

/// Whose figure of which KPI in which month.
#[derive(Clone, Copy)]
pub struct Figure<'a> {
    pub month: &'a str,
    /// As `GET /kpis` names the row (`engineer:<id>`, `company`...).
    pub subject: &'a str,
    /// The subject's name, carried in the drill-down's address for its title.
    pub name: &'a str,
    pub kpi: Kpi,
}

impl Figure<'_> {
    /// The query of the drill-down (`/kpis/records`) of one side.
    pub fn records_query(&self, part: KpiPart) -> String {
        let enc = |s: &str| String::from(js_sys::encode_uri_component(s));
        format!(
            "?month={}&kpi={}&subject={}&part={}&name={}",
            enc(self.month),
            self.kpi.as_str(),
            enc(self.subject),
            part.as_str(),
            enc(self.name),
        )
    }

    fn testid(&self, what: &str) -> String {
        format!("kpi-{}-{}-{what}", self.subject, self.kpi.as_str())
    }

    /// A count, linked to its records.
    pub fn count(&self, part: KpiPart, n: u64) -> Html {
        let children = html! { <>{ n }</> };
        let testid = self.testid(part.as_str());
        let query = self.records_query(part);
        query_link(
            &Route::KpiRecords,
            &query,
            classes!("kpi-count"),
            testid,
            children,
        )
    }

    /// The rate in percent, or "no data".
    pub fn rate(&self, i18n: &I18n, r: &RateView) -> Html {
        let (text, class) = match r.rate {
            Some(p) => (format!("{p:.2}%"), "kpi-rate"),
            None => (i18n.q(Q::NoData).to_owned(), "kpi-rate no-data"),
        };
        html! { <span class={class} data-testid={self.testid("rate")}>{ text }</span> }
    }

    /// Both counts, `numerator / denominator`.
    pub fn counts(&self, r: &RateView) -> Html {
        html! {
            <span class="kpi-counts">
                { self.count(KpiPart::Numerator, r.numerator) }
                { " / " }
                { self.count(KpiPart::Denominator, r.denominator) }
            </span>
        }
    }

    /// A table cell: the rate and its counts.
    pub fn cell(&self, i18n: &I18n, r: &RateView) -> Html {
        html! { <span class="kpi-figure">{ self.rate(i18n, r) }{ " " }{ self.counts(r) }</span> }
    }
}

/// A grade as a coloured badge; nothing when there is no score.
pub fn grade_badge(i18n: &I18n, grade: Option<Grade>, subject: &str) -> Html {
    let Some(g) = grade else {
        return html! { <span class="muted">{ "—" }</span> };
    };
    let tone = match g {
        Grade::Excellent => Tone::Success,
        Grade::Good => Tone::Info,
        Grade::Qualified => Tone::Warning,
        Grade::Unqualified => Tone::Danger,
    };
    let testid = Some(format!("kpi-{subject}-grade"));
    badge(tone, i18n.q(names::grade(g)), testid)
}

/// A score with two decimals, or a dash without one.
pub fn score_text(score: Option<f64>) -> String {
    score.map_or_else(|| "—".to_owned(), |s| format!("{s:.2}"))
}
