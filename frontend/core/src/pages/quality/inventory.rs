//! 库存分析: the inventory analysis the API makes (`GET /parts/analysis`),
//! shown as it comes — headline figures, value by warehouse and category,
//! the ABC classes with their parts, dead and slow-moving stock — with the
//! warehouse and category filters in the address (`?warehouse_id=&category=`).
//! No figure is computed here: the rules live in the domain.

use crate::components::data_table::failed;
use crate::components::list_toolbar::{Filter, use_list_toolbar};
use crate::components::loading;
use crate::hooks::{I18n, Remote, use_api, use_api_reload, use_i18n, use_list_query};
use crate::i18n::T;
use crate::i18n::master::part_category;
use crate::route::Route;
use crate::services::requests::Call;
use furrow_domain::Page;
use furrow_domain::parts::{
    AbcClass, IdleStock, InventoryAnalysis, PartAnalysis, PartCategory, WarehouseView,
};
use rust_decimal::Decimal;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The parts listed per class and of dead and slow-moving stock, the largest
/// first: the tables are for reading, not for exporting (the API has all).
const TOP: usize = 50;

/// Fen as yuan with 2 decimals and thousands separators: `1,234.50`.
fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{:02}", abs % 100)
}

/// Basis points as a percent with 2 decimals.
fn percent(bp: i64) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

fn maybe(i18n: &I18n, d: Option<Decimal>) -> String {
    d.map_or_else(|| i18n.t(T::InvNone).to_owned(), |d| d.to_string())
}

fn category(i18n: &I18n, c: PartCategory) -> &'static str {
    i18n.t(T::Master(part_category(c)))
}

fn class_letter(c: AbcClass) -> &'static str {
    match c {
        AbcClass::A => "A",
        AbcClass::B => "B",
        AbcClass::C => "C",
    }
}

#[function_component(InventoryAnalysisPage)]
pub fn inventory_analysis_page() -> Html {
    let i18n = use_i18n();
    let query = use_list_query(Route::InventoryAnalysis);
    let warehouse = query.get("warehouse_id").map(str::to_owned);
    let category_key = query.get("category").map(str::to_owned);
    let (data, retry) = use_api_reload((warehouse.clone(), category_key), |(w, c)| {
        Call::get("/parts/analysis")
            .query_opt("warehouse_id", w)
            .query_opt("category", c)
            .fetch::<InventoryAnalysis>()
    });
    let warehouses = use_api((), |_| {
        Call::get("/warehouses")
            .query("limit", 200)
            .fetch::<Page<WarehouseView>>()
    });
    let categories: Vec<(&'static str, AttrValue)> = PartCategory::ALL
        .iter()
        .map(|c| (c.as_str(), AttrValue::from(category(&i18n, *c))))
        .collect();
    let filters = [Filter::choose(
        "category",
        i18n.t(T::InvCategory),
        i18n.t(T::InvAllCategories),
        categories,
    )];
    let toolbar = use_list_toolbar("inventory", &filters, &query);
    let on_warehouse = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            query.set(&[("warehouse_id", Some(v))]);
        })
    };
    let warehouse_select = html! {
        <div class="toolbar">
            <label class="field-inline" for="inventory-warehouse">{ i18n.t(T::InvWarehouse) }</label>
            <select id="inventory-warehouse" class="input" onchange={on_warehouse} data-testid="inventory-warehouse">
                <option value="" selected={warehouse.is_none()}>{ i18n.t(T::InvAllWarehouses) }</option>
                if let Remote::Ready(p) = &*warehouses {
                    { for p.items.iter().map(|w| {
                        let id = w.id.to_string();
                        let selected = warehouse.as_deref() == Some(id.as_str());
                        html! { <option value={id} {selected}>{ format!("{} · {}", w.code, w.name) }</option> }
                    }) }
                }
            </select>
        </div>
    };
    let body = match &*data {
        Remote::Loading => loading(&i18n),
        Remote::Failed(e) => failed(&i18n, e, Some(&retry)),
        Remote::Ready(a) => analysis(&i18n, a),
    };
    html! {
        <div class="page" data-testid="inventory-page">
            <header class="page-header"><h1>{ i18n.t(T::InvTitle) }</h1></header>
            <p class="muted small">{ i18n.t(T::InvIntro) }</p>
            <div class="toolbar-row">{ warehouse_select }{ toolbar }</div>
            { body }
        </div>
    }
}

fn analysis(i18n: &I18n, a: &InventoryAnalysis) -> Html {
    if a.parts.is_empty() {
        return html! { <p class="empty" data-testid="inventory-empty">{ i18n.t(T::InvEmpty) }</p> };
    }
    let days = a
        .days_of_supply
        .map_or_else(|| i18n.t(T::InvNone).to_owned(), |d| d.to_string());
    html! {
        <>
            <section class="panel">
            <ul class="queue-grid" data-testid="inventory-headline">
                { card(i18n.t(T::InvTotalValue), format!("¥{}", yuan(a.total_value_fen)), "inventory-total") }
                { card(i18n.t(T::InvConsumption), format!("¥{}", yuan(a.consumption_fen)), "inventory-consumption") }
                { card(i18n.t(T::InvTurnover), maybe(i18n, a.turnover), "inventory-turnover") }
                { card(i18n.t(T::InvDaysOfSupply), days, "inventory-days") }
            </ul>
            </section>
            <section class="panel">
            <h2>{ i18n.t(T::InvByWarehouse) }</h2>
            <table class="table" data-testid="inventory-warehouses">
                <thead><tr><th>{ i18n.t(T::InvWarehouse) }</th><th class="num">{ i18n.t(T::InvValue) }</th><th class="num">{ i18n.t(T::InvShare) }</th></tr></thead>
                <tbody>{ for a.by_warehouse.iter().map(|w| html! {
                    <tr><td>{ format!("{} · {}", w.warehouse_code, w.warehouse_name) }</td>
                        <td class="num">{ yuan(w.value_fen) }</td><td class="num">{ percent(w.share_bp) }</td></tr>
                }) }</tbody>
            </table>
            </section>
            <section class="panel">
            <h2>{ i18n.t(T::InvByCategory) }</h2>
            <table class="table" data-testid="inventory-categories">
                <thead><tr><th>{ i18n.t(T::InvCategory) }</th><th class="num">{ i18n.t(T::InvValue) }</th><th class="num">{ i18n.t(T::InvShare) }</th>
                    <th class="num">{ i18n.t(T::InvConsumed) }</th><th class="num">{ i18n.t(T::InvTurnover) }</th><th class="num">{ i18n.t(T::InvDaysOfSupply) }</th></tr></thead>
                <tbody>{ for a.by_category.iter().map(|c| html! {
                    <tr><td>{ category(i18n, c.category) }</td>
                        <td class="num">{ yuan(c.value_fen) }</td><td class="num">{ percent(c.share_bp) }</td>
                        <td class="num">{ yuan(c.consumption_fen) }</td><td class="num">{ maybe(i18n, c.turnover) }</td>
                        <td class="num">{ maybe(i18n, c.days_of_supply) }</td></tr>
                }) }</tbody>
            </table>
            </section>
            <section class="panel">
            <h2>{ i18n.t(T::InvAbc) }</h2>
            <table class="table" data-testid="inventory-abc">
                <thead><tr><th>{ i18n.t(T::InvAbcClass) }</th><th class="num">{ i18n.t(T::InvParts) }</th><th class="num">{ i18n.t(T::InvConsumed) }</th>
                    <th class="num">{ i18n.t(T::InvShare) }</th><th class="num">{ i18n.t(T::InvValue) }</th></tr></thead>
                <tbody>{ for a.classes.iter().map(|c| html! {
                    <tr data-testid="inventory-class"><td>{ class_letter(c.class) }</td><td class="num">{ c.parts }</td>
                        <td class="num">{ yuan(c.consumption_fen) }</td><td class="num">{ percent(c.consumption_share_bp) }</td>
                        <td class="num">{ yuan(c.stock_value_fen) }</td></tr>
                }) }</tbody>
            </table>
            </section>
            <section class="panel">
            <h2>{ i18n.t(T::InvDead) }</h2>
            { idle(i18n, &a.dead, "inventory-dead", T::InvNoDead) }
            </section>
            <section class="panel">
            <h2>{ i18n.t(T::InvSlow) }</h2>
            { idle(i18n, &a.slow, "inventory-slow", T::InvNoSlow) }
            </section>
            <section class="panel">
            <h2>{ i18n.t(T::InvClassParts) }</h2>
            <p class="muted small">{ i18n.t(T::InvTopNote) }</p>
            { for AbcClass::ALL.iter().map(|class| class_parts(i18n, *class, &a.parts)) }
            </section>
        </>
    }
}

/// A headline figure as a card, like the KPIs'.
fn card(title: &'static str, value: String, testid: &'static str) -> Html {
    html! {
        <li class="queue-card">
            <div class="queue-link">
                <span class="queue-title">{ title }</span>
                <span class="queue-count" data-testid={testid}>{ value }</span>
            </div>
        </li>
    }
}

fn class_parts(i18n: &I18n, class: AbcClass, parts: &[PartAnalysis]) -> Html {
    let rows: Vec<&PartAnalysis> = parts
        .iter()
        .filter(|p| p.class == class)
        .take(TOP)
        .collect();
    if rows.is_empty() {
        return Html::default();
    }
    let letter = class_letter(class);
    html! {
        <>
            <h3>{ format!("{letter} {}", i18n.t(T::InvClass)) }</h3>
            <table class="table" data-testid={format!("inventory-class-{}", class.as_str())}>
                <thead><tr><th>{ i18n.t(T::InvPartNumber) }</th><th>{ i18n.t(T::InvPartName) }</th><th>{ i18n.t(T::InvCategory) }</th>
                    <th class="num">{ i18n.t(T::InvConsumedQty) }</th><th class="num">{ i18n.t(T::InvConsumed) }</th>
                    <th class="num">{ i18n.t(T::InvOnHand) }</th><th class="num">{ i18n.t(T::InvValue) }</th><th>{ i18n.t(T::InvLastIssued) }</th></tr></thead>
                <tbody>{ for rows.iter().map(|p| html! {
                    <tr><td class="mono">{ &p.part_number }</td><td>{ &p.part_name }</td><td>{ category(i18n, p.category) }</td>
                        <td class="num">{ format!("{} {}", p.consumed.normalize(), p.unit) }</td><td class="num">{ yuan(p.consumption_fen) }</td>
                        <td class="num">{ format!("{} {}", p.on_hand.normalize(), p.unit) }</td><td class="num">{ yuan(p.stock_value_fen) }</td>
                        <td>{ p.last_issued_on.map_or_else(|| i18n.t(T::InvNever).to_owned(), |d| d.to_string()) }</td></tr>
                }) }</tbody>
            </table>
        </>
    }
}

fn idle(i18n: &I18n, rows: &[IdleStock], testid: &'static str, none: T) -> Html {
    if rows.is_empty() {
        return html! { <p class="empty" data-testid={format!("{testid}-empty")}>{ i18n.t(none) }</p> };
    }
    html! {
        <>
        if rows.len() > TOP {
            <p class="muted small" data-testid={format!("{testid}-top")}>{ i18n.f(T::InvIdleTop, &[&rows.len().to_string()]) }</p>
        }
        <table class="table" data-testid={testid}>
            <thead><tr><th>{ i18n.t(T::InvPartNumber) }</th><th>{ i18n.t(T::InvPartName) }</th><th>{ i18n.t(T::InvCategory) }</th>
                <th>{ i18n.t(T::InvLastIssued) }</th><th class="num">{ i18n.t(T::InvOnHand) }</th><th class="num">{ i18n.t(T::InvValue) }</th></tr></thead>
            <tbody>{ for rows.iter().take(TOP).map(|r| html! {
                <tr data-testid={format!("{testid}-row")}><td class="mono">{ &r.part_number }</td><td>{ &r.part_name }</td><td>{ category(i18n, r.category) }</td>
                    <td>{ r.last_issued_on.map_or_else(|| i18n.t(T::InvNever).to_owned(), |d| d.to_string()) }</td>
                    <td class="num">{ format!("{} {}", r.on_hand.normalize(), r.unit) }</td><td class="num">{ yuan(r.stock_value_fen) }</td></tr>
            }) }</tbody>
        </table>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fen_show_as_yuan_with_two_decimals_and_grouped_thousands() {
        assert_eq!(yuan(0), "0.00");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(123_456_789), "1,234,567.89");
        assert_eq!(yuan(-100_050), "-1,000.50");
        assert_eq!(percent(8295), "82.95%");
    }
}
