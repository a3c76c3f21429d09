//! The machines table (产品档案): search by serial number or owner, filters
//! by category, warranty and status, sortable columns, keyset pages and
//! export; all kept in the URL.

use super::common::{dealer_name, machine_status_badge, use_can, use_dealers};
use super::list::{choose, same_param};
use super::warranty::warranty_summary;
use crate::components::data_table::{Column, Table, link_cell};
use crate::components::list_page::{ListSpec, edit_column, use_list_page};
use crate::components::list_toolbar::Filter;
use crate::hooks::use_i18n;
use crate::i18n::master::{M, machine_category, machine_status, warranty_status};
use crate::route::Route;
use furrow_domain::Permission;
use furrow_domain::master::{MachineCategory, MachineStatus, MachineView, WarrantyStatus};
use yew::prelude::*;

#[function_component(MachineListPage)]
pub fn machine_list_page() -> Html {
    let i18n = use_i18n();
    let can_edit = use_can(Permission::EditMasterData);
    let dealers = use_dealers();
    type Col = Column<MachineView>;
    let mut columns = vec![
        Col::new(i18n.m(M::Serial), |_, m| {
            link_cell(
                Route::MachineDetail {
                    id: m.id.to_string(),
                },
                &m.serial_number,
            )
        })
        .class("mono nowrap")
        .sort("serial_number"),
        Col::new(i18n.m(M::Model), |_, m| {
            link_cell(
                Route::ProductModelDetail {
                    id: m.model_id.to_string(),
                },
                &m.model_code,
            )
        })
        .class("mono"),
        Col::new(
            i18n.m(M::Category),
            |i18n, m| html! { i18n.m(machine_category(m.category)) },
        ),
        Col::new(i18n.m(M::Owner), |_, m| {
            link_cell(
                Route::CustomerDetail {
                    id: m.customer_id.to_string(),
                },
                &m.customer_name,
            )
        }),
        Col::new(i18n.m(M::SellingDealer), move |_, m| match m.dealer_id {
            Some(id) => link_cell(
                Route::DealerDetail { id: id.to_string() },
                &dealer_name(&dealers, Some(id)),
            ),
            None => html! {},
        }),
        Col::new(
            i18n.m(M::SaleDate),
            |_, m| html! { m.sale_date.map(crate::time::day_text).unwrap_or_default() },
        )
        .class("nowrap"),
        // The server's warranty: the 三包 end with its extension, as on every page.
        Col::new(i18n.m(M::Warranty), |i18n, m| {
            warranty_summary(i18n, &m.warranty, "machine-warranty")
        }),
        Col::new(i18n.m(M::Status), |i18n, m| {
            machine_status_badge(i18n, m.status)
        })
        .sort("status"),
    ];
    if can_edit {
        columns.push(edit_column(|m: &MachineView| Route::EditMachine {
            id: m.id.to_string(),
        }));
    }
    let categories = MachineCategory::ALL.iter();
    let categories = categories
        .map(|c| (c.as_str(), machine_category(*c)))
        .collect();
    let warranties = vec![
        ("in_warranty", warranty_status(WarrantyStatus::InWarranty)),
        (
            "extended_warranty",
            warranty_status(WarrantyStatus::ExtendedWarranty),
        ),
        ("expired", warranty_status(WarrantyStatus::Expired)),
    ];
    let statuses = MachineStatus::ALL.iter();
    let statuses = statuses.map(|s| (s.as_str(), machine_status(*s))).collect();
    use_list_page(ListSpec {
        route: Route::Machines,
        api: "/machines",
        counted: true,
        labels: false,
        name: "machines",
        title: i18n.m(M::MachinesTitle).into(),
        create: can_edit.then(|| (Route::NewMachine, i18n.m(M::NewMachine).into())),
        filters: vec![
            Filter::search(
                i18n.m(M::MachineSearchLabel),
                i18n.m(M::MachineSearchPlaceholder),
            ),
            choose(&i18n, "category", M::Category, categories),
            choose(&i18n, "warranty", M::Warranty, warranties),
            choose(&i18n, "status", M::Status, statuses),
        ],
        table: Table {
            testid: "machines-table",
            row_testid: |_| "machine-row".into(),
            empty: i18n.m(M::NoMachines).into(),
            empty_testid: "machines-empty",
            columns,
            key: |m| m.id.to_string(),
            row_class: |m| (!m.active).then_some("row-muted"),
        },
        row_code: Some(|m| m.serial_number.clone()),
        empty_filtered: Some(i18n.m(M::NoMachinesMatch).into()),
        param: same_param,
    })
}
