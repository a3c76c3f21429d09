//! 质量考核指标: one month's KPIs (`?month=YYYY-MM`, last month by default):
//! the company's four as cards, every engineer's with score and grade (the
//! table sorts in the address), the parts department's, and by dealer and
//! region. Every count opens the records behind it. An engineer gets only
//! their own row: the API decides.

use super::figures::{Figure, grade_badge, score_text};
use crate::components::data_table::{Column, Listed, Table, failed, rows_table};
use crate::components::loading;
use crate::hooks::{I18n, ListQuery, Remote, use_api, use_i18n, use_list_query};
use crate::i18n::quality::{self as names, Q};
use crate::route::Route;
use crate::services::kpis as api;
use chrono::Datelike;
use furrow_domain::kpi::{Kpi, KpiReport, PartsFigures, RateView, SubjectFigures};
use std::cmp::Ordering;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The month shown when the address names none: the last whole month, in
/// the company's time zone, whose figures no longer move.
fn last_month() -> String {
    let today = crate::time::today();
    let (y, m) = match today.month() {
        1 => (today.year() - 1, 12),
        m => (today.year(), m - 1),
    };
    format!("{y:04}-{m:02}")
}

#[function_component(KpiPage)]
pub fn kpi_page() -> Html {
    let i18n = use_i18n();
    let query = use_list_query(Route::Kpis);
    let month = query.get("month").map_or_else(last_month, str::to_owned);
    let reload = use_state(|| 0u32);
    let data = use_api((month.clone(), *reload), |(m, _)| api::report(m));
    let retry = {
        let reload = reload.clone();
        Callback::from(move |_| reload.set(*reload + 1))
    };
    let onchange = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            query.set(&[("month", Some(value))]);
        })
    };
    let body = match &*data {
        Remote::Loading => loading(&i18n),
        Remote::Failed(e) => failed(&i18n, e, Some(&retry)),
        Remote::Ready(r) => report(&i18n, r, &query),
    };
    html! {
        <div class="page" data-testid="kpis-page">
            <header class="page-header">
                <h1>{ i18n.q(Q::Title) }</h1>
                <div class="header-actions">
                    <label class="field-inline" for="kpi-month">{ i18n.q(Q::Month) }</label>
                    <input type="month" id="kpi-month" class="input" value={month}
                           data-testid="kpi-month" {onchange} />
                </div>
            </header>
            { body }
        </div>
    }
}

/// The report's sections.
fn report(i18n: &I18n, r: &KpiReport, query: &ListQuery) -> Html {
    let month = r.month.as_str();
    let listed = Listed {
        query,
        row_code: None,
        empty_filtered: None,
    };
    let mut engineers = r.engineers.clone();
    sort_rows(&mut engineers, query.sort());
    let engineers_table: Table<SubjectFigures> = Table {
        testid: "kpi-engineers",
        row_testid: |s| format!("kpi-row-{}", s.subject),
        empty: i18n.q(Q::NoEngineers).into(),
        empty_testid: "kpi-engineers-empty",
        columns: subject_columns(i18n, month, Q::Engineer, true),
        key: |s| s.subject.clone(),
        row_class: |_| None,
    };
    let by = |rows: &[SubjectFigures], first: Q, testid: &'static str| {
        let mut rows = rows.to_vec();
        sort_rows(&mut rows, query.sort());
        let table: Table<SubjectFigures> = Table {
            testid,
            row_testid: |s| format!("kpi-row-{}", s.subject),
            empty: i18n.q(Q::NothingHere).into(),
            empty_testid: "",
            columns: subject_columns(i18n, month, first, false),
            key: |s| s.subject.clone(),
            row_class: |_| None,
        };
        rows_table(i18n, &rows, &table, Some(&listed))
    };
    html! {
        <>
            if let Some(company) = &r.company {
                <section class="panel" data-testid="kpi-company">
                    <h2>{ i18n.q(Q::CompanyTitle) }</h2>
                    { company_cards(i18n, month, company, r.parts_department.as_ref()) }
                </section>
            }
            <section class="panel">
                <h2>{ i18n.q(Q::Engineers) }</h2>
                { rows_table(i18n, &engineers, &engineers_table, Some(&listed)) }
            </section>
            if let Some(parts) = &r.parts_department {
                <section class="panel">
                    <h2>{ i18n.q(Q::PartsDepartment) }</h2>
                    { parts_table(i18n, month, parts) }
                </section>
            }
            if !r.dealers.is_empty() {
                <section class="panel">
                    <h2>{ i18n.q(Q::Dealers) }</h2>
                    { by(&r.dealers, Q::Dealer, "kpi-dealers") }
                </section>
            }
            if !r.regions.is_empty() {
                <section class="panel">
                    <h2>{ i18n.q(Q::Regions) }</h2>
                    { by(&r.regions, Q::Region, "kpi-regions") }
                </section>
            }
        </>
    }
}

/// The company's four KPIs as cards; the parts accuracy is the parts
/// department's.
fn company_cards(
    i18n: &I18n,
    month: &str,
    company: &SubjectFigures,
    parts: Option<&PartsFigures>,
) -> Html {
    let f = &company.figures;
    let name = i18n.q(Q::Company);
    let mut cards = vec![
        (Kpi::Timeliness, company.subject.as_str(), f.timeliness),
        (Kpi::Success, company.subject.as_str(), f.success),
        (Kpi::Satisfaction, company.subject.as_str(), f.satisfaction),
    ];
    if let Some(p) = parts {
        cards.push((Kpi::PartsAccuracy, p.subject.as_str(), p.parts_accuracy));
    }
    let card = |(kpi, subject, r): (Kpi, &str, RateView)| {
        let fig = Figure {
            month,
            subject,
            name,
            kpi,
        };
        html! {
            <li class={classes!("queue-card", "kpi-card", r.rate.is_none().then_some("empty"))}
                data-testid={format!("kpi-card-{}", kpi.as_str())}>
                <div class="queue-link">
                    <span class="queue-title">{ i18n.q(names::kpi(kpi)) }</span>
                    <span class="queue-count">{ fig.rate(i18n, &r) }</span>
                    <span class="queue-about">{ fig.counts(&r) }</span>
                </div>
            </li>
        }
    };
    html! { <ul class="queue-grid">{ for cards.into_iter().map(card) }</ul> }
}

/// The columns of a table of subjects: the name, the three service KPIs, and
/// for engineers the score and grade; each sortable.
fn subject_columns(
    i18n: &I18n,
    month: &str,
    first: Q,
    scored: bool,
) -> Vec<Column<SubjectFigures>> {
    type Col = Column<SubjectFigures>;
    let figure = |kpi: Kpi, pick: fn(&SubjectFigures) -> &RateView| {
        let month = month.to_owned();
        Col::new(i18n.q(names::kpi(kpi)), move |i18n, s| {
            let fig = Figure {
                month: &month,
                subject: &s.subject,
                name: &s.name,
                kpi,
            };
            fig.cell(i18n, pick(s))
        })
        .class("nowrap")
        .sort(kpi.as_str())
    };
    let mut cols = vec![
        Col::new(i18n.q(first), |_, s| html! { &s.name }).sort("name"),
        figure(Kpi::Timeliness, |s| &s.figures.timeliness),
        figure(Kpi::Success, |s| &s.figures.success),
        figure(Kpi::Satisfaction, |s| &s.figures.satisfaction),
    ];
    if scored {
        cols.push(
            Col::new(i18n.q(Q::Score), |_, s| html! { score_text(s.score) })
                .class("num")
                .sort("score"),
        );
        cols.push(Col::new(i18n.q(Q::Grade), |i18n, s| {
            grade_badge(i18n, s.grade, &s.subject)
        }));
    }
    cols
}

/// The parts department's one row.
fn parts_table(i18n: &I18n, month: &str, parts: &PartsFigures) -> Html {
    type Col = Column<PartsFigures>;
    let name = i18n.q(Q::PartsDepartment);
    let month = month.to_owned();
    let table: Table<PartsFigures> = Table {
        testid: "kpi-parts",
        row_testid: |p| format!("kpi-row-{}", p.subject),
        empty: AttrValue::default(),
        empty_testid: "",
        columns: vec![
            Col::new(i18n.q(Q::PartsDepartment), move |_, _| html! { name }),
            Col::new(i18n.q(Q::PartsAccuracy), move |i18n, p| {
                let fig = Figure {
                    month: &month,
                    subject: &p.subject,
                    name,
                    kpi: Kpi::PartsAccuracy,
                };
                fig.cell(i18n, &p.parts_accuracy)
            })
            .class("nowrap"),
            Col::new(i18n.q(Q::Score), |_, p| html! { score_text(p.score) }).class("num"),
            Col::new(i18n.q(Q::Grade), |i18n, p| {
                grade_badge(i18n, p.grade, &p.subject)
            }),
        ],
        key: |p| p.subject.clone(),
        row_class: |_| None,
    };
    rows_table(i18n, std::slice::from_ref(parts), &table, None)
}

/// Sorts rows by the column in the address: by name, or by a rate or the
/// score, where "no data" counts as lower than any figure.
fn sort_rows(rows: &mut [SubjectFigures], sort: Option<(&str, bool)>) {
    let Some((key, desc)) = sort else { return };
    let value = |s: &SubjectFigures| -> Option<f64> {
        match key {
            "timeliness" => s.figures.timeliness.rate,
            "success" => s.figures.success.rate,
            "satisfaction" => s.figures.satisfaction.rate,
            "score" => s.score,
            _ => None,
        }
    };
    rows.sort_by(|a, b| {
        let order = if key == "name" {
            a.name.cmp(&b.name)
        } else {
            let (x, y) = (value(a), value(b));
            x.partial_cmp(&y).unwrap_or(Ordering::Equal)
        };
        if desc { order.reverse() } else { order }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use furrow_domain::kpi::KpiFigures;

    fn row(name: &str, timeliness: Option<f64>) -> SubjectFigures {
        let r = RateView {
            numerator: 0,
            denominator: u64::from(timeliness.is_some()),
            rate: timeliness,
        };
        SubjectFigures {
            subject: format!("region:{name}"),
            id: None,
            name: name.to_owned(),
            figures: KpiFigures {
                timeliness: r,
                success: r,
                satisfaction: r,
            },
            score: None,
            grade: None,
        }
    }

    fn names(rows: &[SubjectFigures]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn no_data_sorts_as_lower_than_any_figure() {
        let mut rows = vec![row("a", Some(50.0)), row("b", None), row("c", Some(0.0))];
        sort_rows(&mut rows, Some(("timeliness", true)));
        assert_eq!(names(&rows), ["a", "c", "b"]);
        sort_rows(&mut rows, Some(("timeliness", false)));
        assert_eq!(names(&rows), ["b", "c", "a"]);
        sort_rows(&mut rows, Some(("name", false)));
        assert_eq!(names(&rows), ["a", "b", "c"]);
    }
}
