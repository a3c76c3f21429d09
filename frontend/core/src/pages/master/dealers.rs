//! Dealers (经销商): the list, and creating and editing one (manage_catalog).
//! A dealer user sees only its own dealer.

use super::common::{FormPage, Head, RecordProps, active_badge, use_can, use_form_page};
use super::list::same_param;
use crate::components::data_table::{Column, Table, link_cell};
use crate::components::list_page::{ListSpec, use_list_page};
use crate::components::record_form::{Check, Draft, Field, FieldKind, validate};
use crate::hooks::{I18n, use_i18n};
use crate::i18n::master::M;
use crate::route::Route;
use furrow_domain::Permission;
use furrow_domain::dealers::{DealerInput, DealerView};
use yew::prelude::*;

const API: &str = "/dealers";

#[function_component(DealerListPage)]
pub fn dealer_list_page() -> Html {
    let i18n = use_i18n();
    let can_manage = use_can(Permission::ManageCatalog);
    type Col = Column<DealerView>;
    let columns = vec![
        Col::new(i18n.m(M::DealerCode), |_, d| {
            link_cell(detail(d.id.to_string()), &d.code)
        })
        .class("mono")
        .sort("code"),
        Col::new(i18n.m(M::DealerName), |_, d| html! { &d.name }).sort("name"),
        Col::new(i18n.m(M::SalesRegion), |_, d| html! { &d.region }).sort("region"),
        Col::new(
            i18n.m(M::ContactName),
            |_, d| html! { d.contact_name.as_deref().unwrap_or_default() },
        ),
        Col::new(
            i18n.m(M::ContactPhone),
            |_, d| html! { d.contact_phone.as_deref().unwrap_or_default() },
        )
        .class("mono"),
        Col::new(i18n.m(M::Status), |i18n, d| active_badge(i18n, d.active)),
    ];
    use_list_page(ListSpec {
        route: Route::Dealers,
        api: API,
        counted: true,
        labels: false,
        name: "dealers",
        title: i18n.m(M::DealersTitle).into(),
        create: can_manage.then(|| (Route::NewDealer, i18n.m(M::NewDealer).into())),
        filters: Vec::new(),
        table: Table {
            testid: "dealers-table",
            row_testid: |_| "dealer-row".into(),
            empty: i18n.m(M::NoDealers).into(),
            empty_testid: "dealers-empty",
            columns,
            key: |d| d.id.to_string(),
            row_class: |d| (!d.active).then_some("row-muted"),
        },
        row_code: Some(|d| d.code.clone()),
        empty_filtered: None,
        param: same_param,
    })
}

fn detail(id: String) -> Route {
    Route::DealerDetail { id }
}

/// The dealer's form fields.
fn fields(i18n: &I18n) -> Vec<Field> {
    vec![
        Field::text("code", i18n.m(M::DealerCode))
            .required()
            .max(32),
        Field::text("name", i18n.m(M::DealerName))
            .required()
            .max(200),
        Field::text("region", i18n.m(M::SalesRegion))
            .required()
            .hint(i18n.m(M::SalesRegionHint)),
        Field::text("contact_name", i18n.m(M::ContactName)),
        Field::new(
            "contact_phone",
            i18n.m(M::ContactPhone),
            FieldKind::Text("tel"),
        ),
        Field::text("address", i18n.m(M::Address)),
    ]
}

/// A dealer's page with its form, or a new dealer.
#[function_component(DealerPage)]
pub fn dealer_page(props: &RecordProps) -> Html {
    let i18n = use_i18n();
    let spec = FormPage {
        name: "dealer",
        api: API,
        list: (Route::Dealers, M::DealersTitle),
        create_title: M::CreateDealerTitle,
        detail,
        fields: Box::new(move |_| fields(&i18n)),
        check: Check(|v| validate(v, DealerInput::validate)),
        fresh: Draft::new(),
        permission: Permission::ManageCatalog,
        toggle: true,
        edit_page: false,
        above: Html::default(),
    };
    use_form_page(spec, props.id, |i18n, d: &DealerView| Head {
        title: i18n.mf(M::EditDealerTitle, &[&d.name]),
        meta: vec![
            html! { <span class="mono">{ &d.code }</span> },
            html! { d.region.clone() },
            active_badge(i18n, d.active),
        ],
        name: d.name.clone(),
        id: d.id,
        version: d.version,
        active: d.active,
    })
}
