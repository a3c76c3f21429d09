//! The customers table (客户档案): search by part of a name, phone or code,
//! filters by province, kind and status, sortable columns, keyset pages and
//! export; all kept in the URL.

use super::common::{active_badge, dealer_name, use_can, use_dealers};
use super::list::{active_param, choose, status_filter};
use crate::components::data_table::{Column, Table, link_cell};
use crate::components::list_page::{ListSpec, edit_column, use_list_page};
use crate::components::list_toolbar::Filter;
use crate::components::{AppLinkProps, app_link};
use crate::hooks::use_i18n;
use crate::i18n::master::{M, customer_kind};
use crate::route::Route;
use furrow_domain::Permission;
use furrow_domain::master::{CustomerKind, CustomerView};
use yew::prelude::*;

/// The provinces where most customers farm, for the filter's suggestions.
const PROVINCES: [&str; 18] = [
    "黑龙江",
    "吉林",
    "辽宁",
    "内蒙古",
    "河北",
    "河南",
    "山东",
    "山西",
    "江苏",
    "安徽",
    "湖北",
    "湖南",
    "江西",
    "四川",
    "陕西",
    "甘肃",
    "新疆",
    "广西",
];

#[function_component(CustomerListPage)]
pub fn customer_list_page() -> Html {
    let i18n = use_i18n();
    let can_edit = use_can(Permission::EditMasterData);
    let dealers = use_dealers();
    type Col = Column<CustomerView>;
    let to = |c: &CustomerView| Route::CustomerDetail {
        id: c.id.to_string(),
    };
    let mut columns = vec![
        Col::new(i18n.m(M::CustomerCode), move |_, c| link_cell(to(c), &c.code))
            .class("mono")
            .sort("code"),
        Col::new(i18n.m(M::CustomerName), move |_, c| {
            app_link(&yew::props!(AppLinkProps { to: to(c), testid: "customer-name", children: html! { <>{ &c.name }</> } }))
        })
        .sort("name"),
        Col::new(i18n.m(M::CustomerKindLabel), |i18n, c| {
            html! { i18n.m(customer_kind(c.kind)) }
        }),
        Col::new(i18n.m(M::Phone), |_, c| html! { <span data-testid="customer-phone">{ &c.phone }</span> })
            .class("mono nowrap")
            .sort("phone"),
        Col::new(i18n.m(M::Region), |_, c| {
            html! { [Some(c.province.as_str()), c.city.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ") }
        })
        .sort("province"),
        Col::new(i18n.m(M::SellingDealer), move |_, c| {
            let id = c.dealer_id.map(|d| d.to_string()).unwrap_or_default();
            let name = dealer_name(&dealers, c.dealer_id);
            html! {
                <span data-testid="customer-dealer" data-dealer-id={id.clone()}>
                    if !id.is_empty() { { link_cell(Route::DealerDetail { id }, &name) } }
                </span>
            }
        }),
        Col::new(i18n.m(M::Status), |i18n, c| active_badge(i18n, c.active)),
    ];
    if can_edit {
        columns.push(edit_column(|c: &CustomerView| Route::EditCustomer {
            id: c.id.to_string(),
        }));
    }
    let kinds = CustomerKind::ALL.iter();
    let kinds = kinds.map(|k| (k.as_str(), customer_kind(*k))).collect();
    use_list_page(ListSpec {
        route: Route::Customers,
        api: "/customers",
        counted: true,
        labels: false,
        name: "customers",
        title: i18n.m(M::CustomersTitle).into(),
        create: can_edit.then(|| (Route::NewCustomer, i18n.m(M::NewCustomer).into())),
        filters: vec![
            Filter::search(
                i18n.m(M::CustomerSearchLabel),
                i18n.m(M::CustomerSearchPlaceholder),
            ),
            Filter::Text {
                key: "province",
                label: i18n.m(M::Province).into(),
                placeholder: i18n.m(M::Province).into(),
                suggest: &PROVINCES,
                short: true,
            },
            choose(&i18n, "kind", M::CustomerKindLabel, kinds),
            status_filter(&i18n),
        ],
        table: Table {
            testid: "customers-table",
            row_testid: |_| "customer-row".into(),
            empty: i18n.m(M::NoCustomers).into(),
            empty_testid: "customers-empty",
            columns,
            key: |c| c.id.to_string(),
            row_class: |c| (!c.active).then_some("row-muted"),
        },
        row_code: Some(|c| c.code.clone()),
        empty_filtered: Some(i18n.m(M::NoCustomersMatch).into()),
        param: active_param,
    })
}
