//! Parts (配件): the catalog with its search, a part's page (its data, its
//! stock per warehouse and its ledger), the stock by warehouse with bin
//! labels and the below-reorder flag, and the warehouses with their bins.

use super::common::{FormPage, Head, RecordProps, active_badge, use_can, use_form_page};
use super::list::{choose, same_param};
use crate::components::data_table::{Column, Table, data_table, link_cell};
use crate::components::form::Choice;
use crate::components::list_page::{ListSpec, use_list_page};
use crate::components::list_toolbar::Filter;
use crate::components::record_form::{Check, Draft, Field, FieldKind, validate};
use crate::components::status_badge::{Tone, badge};
use crate::hooks::{I18n, use_api, use_i18n};
use crate::i18n::T;
use crate::i18n::master::{M, movement_kind, part_category, warehouse_kind};
use crate::route::Route;
use crate::services::requests::Call;
use furrow_domain::Page;
use furrow_domain::Permission;
use furrow_domain::parts::{
    MovementView, PartCategory, PartInput, PartView, StockLevelView, WarehouseView,
};
use uuid::Uuid;
use yew::prelude::*;

const API: &str = "/parts";

fn detail(id: String) -> Route {
    Route::PartDetail { id }
}

fn categories() -> Vec<(&'static str, M)> {
    PartCategory::ALL
        .iter()
        .map(|c| (c.as_str(), part_category(*c)))
        .collect()
}

/// The catalog: search by number, name or spec; filter by category.
#[function_component(PartListPage)]
pub fn part_list_page() -> Html {
    let i18n = use_i18n();
    let can_manage = use_can(Permission::ManageParts);
    type Col = Column<PartView>;
    let columns = vec![
        Col::new(i18n.m(M::PartNumber), |_, p| {
            link_cell(detail(p.id.to_string()), &p.part_number)
        })
        .class("mono")
        .sort("part_number"),
        Col::new(i18n.m(M::PartName), |_, p| html! { &p.name }).sort("name"),
        Col::new(i18n.m(M::PartSpec), |_, p| {
            html! { p.spec.clone().unwrap_or_default() }
        }),
        Col::new(
            i18n.m(M::Category),
            |i18n, p| html! { i18n.m(part_category(p.category)) },
        )
        .sort("category"),
        Col::new(i18n.m(M::PartUnit), |_, p| html! { &p.unit }),
        Col::new(i18n.m(M::ReorderPoint), |_, p| {
            html! { p.reorder_point.normalize().to_string() }
        })
        .class("num"),
        Col::new(i18n.m(M::CompatibleModels), |_, p| {
            let codes: Vec<&str> = p
                .compatible_models
                .iter()
                .map(|m| m.code.as_str())
                .collect();
            html! { codes.join(" · ") }
        }),
        Col::new(i18n.m(M::Status), |i18n, p| active_badge(i18n, p.active)),
    ];
    use_list_page(ListSpec {
        route: Route::Parts,
        api: API,
        counted: true,
        labels: true,
        name: "parts",
        title: i18n.m(M::PartsTitle).into(),
        create: can_manage.then(|| (Route::NewPart, i18n.m(M::NewPart).into())),
        filters: vec![
            Filter::search(
                i18n.m(M::PartSearchPlaceholder),
                i18n.m(M::PartSearchPlaceholder),
            ),
            choose(&i18n, "category", M::Category, categories()),
        ],
        table: Table {
            testid: "parts-table",
            row_testid: |_| "part-row".into(),
            empty: i18n.m(M::NoParts).into(),
            empty_testid: "parts-empty",
            columns,
            key: |p| p.id.to_string(),
            row_class: |p| (!p.active).then_some("row-muted"),
        },
        row_code: Some(|p| p.part_number.clone()),
        empty_filtered: Some(i18n.m(M::NoPartsMatch).into()),
        param: same_param,
    })
}

/// The part's form fields.
fn fields(i18n: &I18n) -> Vec<Field> {
    let mut cats = vec![Choice::new("", i18n.t(T::NotSet))];
    cats.extend(
        PartCategory::ALL
            .iter()
            .map(|c| Choice::new(c.as_str(), i18n.m(part_category(*c)))),
    );
    vec![
        Field::text("part_number", i18n.m(M::PartNumber))
            .required()
            .max(40),
        Field::text("name", i18n.m(M::PartName)).required().max(200),
        Field::text("spec", i18n.m(M::PartSpec)).max(200),
        Field::select("category", i18n.m(M::Category), cats).required(),
        Field::text("unit", i18n.m(M::PartUnit)).required().max(10),
        Field::new(
            "standard_cost_fen",
            i18n.m(M::StandardCostFen),
            FieldKind::Number { integer: true },
        )
        .required(),
        Field::text("reorder_point", i18n.m(M::ReorderPoint)).required(),
        Field::text("reorder_quantity", i18n.m(M::ReorderQuantity)).required(),
    ]
}

/// A part's page: its form, its stock per warehouse and its ledger.
#[function_component(PartPage)]
pub fn part_page(props: &RecordProps) -> Html {
    let i18n = use_i18n();
    let mut fresh = Draft::new();
    fresh.insert("unit".into(), "个".into());
    fresh.insert("standard_cost_fen".into(), 0.into());
    fresh.insert("reorder_point".into(), "0".into());
    fresh.insert("reorder_quantity".into(), "0".into());
    let above = match props.id {
        Some(id) => html! { <PartStock {id} /> },
        None => Html::default(),
    };
    let spec = FormPage {
        name: "part",
        api: API,
        list: (Route::Parts, M::PartsTitle),
        create_title: M::CreatePartTitle,
        detail,
        fields: Box::new(move |_| fields(&i18n)),
        check: Check(|v| validate(v, PartInput::validate)),
        fresh,
        permission: Permission::ManageParts,
        toggle: true,
        edit_page: false,
        above,
    };
    use_form_page(spec, props.id, |i18n, p: &PartView| Head {
        title: i18n.mf(M::EditPartTitle, &[&p.part_number]),
        meta: vec![
            html! { p.name.clone() },
            html! { i18n.m(part_category(p.category)) },
            active_badge(i18n, p.active),
        ],
        name: p.part_number.clone(),
        id: p.id,
        version: p.version,
        active: p.active,
    })
}

#[derive(Properties, PartialEq)]
struct PartStockProps {
    id: Uuid,
}

/// The part's stock in each warehouse and its ledger, newest first.
#[function_component(PartStock)]
fn part_stock(props: &PartStockProps) -> Html {
    let i18n = use_i18n();
    let levels = use_api(props.id, |id| {
        Call::get("/stock")
            .query("part_id", id)
            .query("include_empty", true)
            .fetch::<Page<StockLevelView>>()
    });
    let ledger = use_api(props.id, |id| {
        Call::get("/stock-movements")
            .query("part_id", id)
            .query("limit", 50)
            .fetch::<Page<MovementView>>()
    });
    html! {
        <>
            <section class="panel" data-testid="part-stock">
                <h2>{ i18n.m(M::PartStockTitle) }</h2>
                { data_table(&i18n, &levels, &level_table(&i18n, false), None) }
            </section>
            <section class="panel" data-testid="part-ledger">
                <h2>{ i18n.m(M::LedgerTitle) }</h2>
                { data_table(&i18n, &ledger, &ledger_table(&i18n), None) }
            </section>
        </>
    }
}

fn on_hand_cell(l: &StockLevelView) -> Html {
    html! { <span data-testid="on-hand">{ l.on_hand.normalize().to_string() }</span> }
}

/// The table of stock levels; `by_part` shows the part's columns.
fn level_table(i18n: &I18n, by_part: bool) -> Table<StockLevelView> {
    type Col = Column<StockLevelView>;
    let mut columns = Vec::new();
    if by_part {
        columns.push(
            Col::new(i18n.m(M::PartNumber), |_, l| {
                link_cell(detail(l.part_id.to_string()), &l.part_number)
            })
            .class("mono"),
        );
        columns.push(Col::new(i18n.m(M::PartName), |_, l| html! { &l.part_name }));
        columns.push(Col::new(i18n.m(M::Category), |i18n, l| {
            html! { i18n.m(part_category(l.category)) }
        }));
    }
    columns.extend([
        Col::new(i18n.m(M::Warehouse), |i18n, l| {
            html! { <>{ &l.warehouse_name }<span class="muted">{ format!(" · {}", i18n.m(warehouse_kind(l.warehouse_kind))) }</span></> }
        }),
        Col::new(i18n.m(M::Bin), |_, l| html! { l.bin.clone().unwrap_or_default() })
            .class("mono"),
        Col::new(i18n.m(M::OnHand), |_, l| on_hand_cell(l)).class("num"),
        Col::new(i18n.m(M::TotalOnHand), |_, l| {
            html! { l.total_on_hand.normalize().to_string() }
        })
        .class("num"),
        Col::new(i18n.m(M::ReorderPoint), |i18n, l| {
            html! {
                <>
                    { l.reorder_point.normalize().to_string() }
                    if l.below_reorder {
                        { " " }{ badge(Tone::Warning, i18n.m(M::BelowReorder), Some("below-reorder".into())) }
                    }
                </>
            }
        }),
    ]);
    Table {
        testid: "stock-table",
        row_testid: |_| "stock-row".into(),
        empty: i18n.m(M::NoStock).into(),
        empty_testid: "stock-empty",
        columns,
        key: |l| format!("{}-{}", l.part_id, l.warehouse_id),
        row_class: |l| l.below_reorder.then_some("row-overdue"),
    }
}

fn ledger_table(i18n: &I18n) -> Table<MovementView> {
    type Col = Column<MovementView>;
    Table {
        testid: "ledger-table",
        row_testid: |_| "movement-row".into(),
        empty: i18n.m(M::NoMovements).into(),
        empty_testid: "ledger-empty",
        columns: vec![
            Col::new(i18n.m(M::MovementAt), |_, m| {
                html! { crate::time::local_minutes(&m.at) }
            })
            .class("nowrap"),
            Col::new(i18n.m(M::MovementKindLabel), |i18n, m| {
                html! { <span data-testid="movement-kind">{ i18n.m(movement_kind(m.kind)) }</span> }
            }),
            Col::new(i18n.m(M::Warehouse), |_, m| html! { &m.warehouse_name }),
            Col::new(i18n.m(M::Bin), |_, m| html! { m.bin.clone().unwrap_or_default() })
                .class("mono"),
            Col::new(i18n.m(M::Quantity), |_, m| {
                html! { <span data-testid="movement-quantity">{ m.quantity.normalize().to_string() }</span> }
            })
            .class("num"),
            Col::new(i18n.m(M::Reference), |_, m| {
                let r = m.reference.as_ref().and_then(|r| r.number.clone());
                html! { r.or_else(|| m.note.clone()).unwrap_or_default() }
            }),
            Col::new(i18n.m(M::Recipient), |_, m| {
                html! { m.recipient.clone().unwrap_or_default() }
            }),
            Col::new(i18n.m(M::PerformedBy), |_, m| html! { &m.performed_by_name }),
        ],
        key: |m| m.id.to_string(),
        row_class: |_| None,
    }
}

/// `below=yes` in the URL is the API's `below_reorder=true`.
pub(super) fn stock_param(key: &str, value: &str) -> Option<(&'static str, String)> {
    match (key, value) {
        ("below", "yes") => Some(("below_reorder", "true".into())),
        ("below", _) => None,
        ("warehouse", w) => Some(("warehouse_id", w.to_owned())),
        _ => same_param(key, value),
    }
}

/// The stock by part and warehouse, with bins and the below-reorder flag
/// (`?warehouse=<id>` shows one warehouse's).
#[function_component(StockPage)]
pub fn stock_page() -> Html {
    let i18n = use_i18n();
    let filters = vec![
        Filter::search(
            i18n.m(M::PartSearchPlaceholder),
            i18n.m(M::PartSearchPlaceholder),
        ),
        choose(&i18n, "category", M::Category, categories()),
        Filter::choose(
            "below",
            i18n.m(M::BelowReorder),
            i18n.m(M::All),
            vec![("yes", i18n.m(M::BelowReorderOnly).into())],
        ),
    ];
    use_list_page(ListSpec {
        route: Route::Stock,
        api: "/stock",
        counted: false,
        labels: true,
        name: "stock",
        title: i18n.m(M::StockTitle).into(),
        create: None,
        filters,
        table: level_table(&i18n, true),
        row_code: Some(|l| l.part_number.clone()),
        empty_filtered: Some(i18n.m(M::NoStock).into()),
        param: stock_param,
    })
}

/// The warehouses with their bin labels.
#[function_component(WarehouseListPage)]
pub fn warehouse_list_page() -> Html {
    let i18n = use_i18n();
    type Col = Column<WarehouseView>;
    let kinds = furrow_domain::parts::WarehouseKind::ALL
        .iter()
        .map(|k| (k.as_str(), warehouse_kind(*k)))
        .collect();
    use_list_page(ListSpec {
        route: Route::Warehouses,
        api: "/warehouses",
        counted: true,
        labels: false,
        name: "warehouses",
        title: i18n.m(M::WarehousesTitle).into(),
        create: None,
        filters: vec![choose(&i18n, "kind", M::WarehouseKindLabel, kinds)],
        table: Table {
            testid: "warehouses-table",
            row_testid: |_| "warehouse-row".into(),
            empty: i18n.m(M::NoWarehouses).into(),
            empty_testid: "warehouses-empty",
            columns: vec![
                Col::new(i18n.m(M::WarehouseCode), |_, w| html! { &w.code }).class("mono"),
                Col::new(i18n.m(M::Warehouse), |_, w| html! { &w.name }),
                Col::new(i18n.m(M::WarehouseKindLabel), |i18n, w| {
                    html! { i18n.m(warehouse_kind(w.kind)) }
                }),
                Col::new(i18n.m(M::Bins), |_, w| {
                    let codes: Vec<&str> = w.bins.iter().map(|b| b.code.as_str()).collect();
                    html! { <span class="mono">{ codes.join(" ") }</span> }
                }),
                Col::new(i18n.m(M::Status), |i18n, w| active_badge(i18n, w.active)),
            ],
            key: |w| w.id.to_string(),
            row_class: |w| (!w.active).then_some("row-muted"),
        },
        row_code: Some(|w| w.code.clone()),
        empty_filtered: Some(i18n.m(M::NoWarehouses).into()),
        param: same_param,
    })
}
