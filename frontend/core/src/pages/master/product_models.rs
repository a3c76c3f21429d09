//! Product models (产品型号): the list by category, and one model's form with
//! its technical parameters (技术参数, key/value rows) and warranty months.

use super::common::{FormPage, Head, RecordProps, active_badge, use_can, use_form_page};
use super::list::{choose, same_param};
use crate::components::data_table::{Column, Table, link_cell};
use crate::components::form::Choice;
use crate::components::list_page::{ListSpec, use_list_page};
use crate::components::list_toolbar::Filter;
use crate::components::record_form::{Check, Draft, Field, FieldKind, validate};
use crate::hooks::{I18n, use_i18n};
use crate::i18n::T;
use crate::i18n::master::{M, machine_category};
use crate::route::Route;
use furrow_domain::Permission;
use furrow_domain::master::{MachineCategory, ProductModelInput, ProductModelView};
use yew::prelude::*;

const API: &str = "/product-models";

#[function_component(ModelListPage)]
pub fn model_list_page() -> Html {
    let i18n = use_i18n();
    let can_manage = use_can(Permission::ManageCatalog);
    type Col = Column<ProductModelView>;
    let columns = vec![
        Col::new(i18n.m(M::ModelCode), |_, m| {
            link_cell(detail(m.id.to_string()), &m.code)
        })
        .class("mono")
        .sort("code"),
        Col::new(i18n.m(M::ModelName), |_, m| html! { &m.name }).sort("name"),
        Col::new(
            i18n.m(M::Category),
            |i18n, m| html! { i18n.m(machine_category(m.category)) },
        )
        .sort("category"),
        Col::new(i18n.m(M::WarrantyMonths), |i18n, m| {
            html! { i18n.mf(M::WarrantyMonthsN, &[&m.warranty_months.to_string()]) }
        })
        .class("nowrap"),
        Col::new(i18n.m(M::TechParams), |_, m| {
            let params = m.params.iter().take(3);
            let params = params.map(|p| format!("{} {}", p.key, p.value));
            let more = m.params.len().saturating_sub(3);
            html! {
                <>
                    { params.collect::<Vec<_>>().join(" · ") }
                    if more > 0 { <span class="muted">{ format!(" +{more}") }</span> }
                </>
            }
        })
        .class("params-cell"),
        Col::new(i18n.m(M::Status), |i18n, m| active_badge(i18n, m.active)),
    ];
    let categories = MachineCategory::ALL.iter();
    let categories = categories
        .map(|c| (c.as_str(), machine_category(*c)))
        .collect();
    use_list_page(ListSpec {
        route: Route::ProductModels,
        api: API,
        counted: true,
        labels: false,
        name: "models",
        title: i18n.m(M::ModelsTitle).into(),
        create: can_manage.then(|| (Route::NewProductModel, i18n.m(M::NewModel).into())),
        filters: vec![
            Filter::search(
                i18n.m(M::ModelSearchPlaceholder),
                i18n.m(M::ModelSearchPlaceholder),
            ),
            choose(&i18n, "category", M::Category, categories),
        ],
        table: Table {
            testid: "models-table",
            row_testid: |_| "model-row".into(),
            empty: i18n.m(M::NoModels).into(),
            empty_testid: "models-empty",
            columns,
            key: |m| m.id.to_string(),
            row_class: |m| (!m.active).then_some("row-muted"),
        },
        row_code: Some(|m| m.code.clone()),
        empty_filtered: Some(i18n.m(M::NoModelsMatch).into()),
        param: same_param,
    })
}

fn detail(id: String) -> Route {
    Route::ProductModelDetail { id }
}

/// The model's form fields.
fn fields(i18n: &I18n) -> Vec<Field> {
    let mut categories = vec![Choice::new("", i18n.t(T::NotSet))];
    categories.extend(
        MachineCategory::ALL
            .iter()
            .map(|c| Choice::new(c.as_str(), i18n.m(machine_category(*c)))),
    );
    let months = FieldKind::Number { integer: true };
    vec![
        Field::text("code", i18n.m(M::ModelCode)).required().max(40),
        Field::text("name", i18n.m(M::ModelName))
            .required()
            .max(200),
        Field::select("category", i18n.m(M::Category), categories).required(),
        Field::new("warranty_months", i18n.m(M::WarrantyMonths), months)
            .required()
            .hint(i18n.m(M::WarrantyMonthsHint)),
        Field::new("params", i18n.m(M::TechParams), FieldKind::Pairs),
    ]
}

/// A model's page with its form, or a new model.
#[function_component(ModelPage)]
pub fn model_page(props: &RecordProps) -> Html {
    let i18n = use_i18n();
    let mut fresh = Draft::new();
    fresh.insert("warranty_months".into(), 12.into());
    fresh.insert(
        "params".into(),
        serde_json::json!([{ "key": "", "value": "" }]),
    );
    let spec = FormPage {
        name: "model",
        api: API,
        list: (Route::ProductModels, M::ModelsTitle),
        create_title: M::CreateModelTitle,
        detail,
        fields: Box::new(move |_| fields(&i18n)),
        check: Check(|v| validate(v, ProductModelInput::validate)),
        fresh,
        permission: Permission::ManageCatalog,
        toggle: true,
        edit_page: false,
        above: Html::default(),
    };
    use_form_page(spec, props.id, |i18n, m: &ProductModelView| Head {
        title: i18n.mf(M::EditModelTitle, &[&m.code]),
        meta: vec![
            html! { m.name.clone() },
            html! { i18n.m(machine_category(m.category)) },
            html! { i18n.mf(M::WarrantyMonthsN, &[&m.warranty_months.to_string()]) },
            active_badge(i18n, m.active),
        ],
        name: m.code.clone(),
        id: m.id,
        version: m.version,
        active: m.active,
    })
}
