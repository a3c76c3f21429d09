//! Master data and archives (售后服务档案管理): customers (客户档案), machines
//! (产品档案), product models (产品型号), dealers (经销商), engineer profiles
//! (工程师) and the spreadsheet import (批量导入).

mod common;
mod customer_archive;
mod customer_form;
mod customers;
mod dealers;
mod engineers;
mod import;
mod list;
mod machine_archive;
mod machine_form;
mod machines;
mod product_models;

use crate::components::Layout;
use crate::nav::Area;
use crate::pages::not_found::NotFoundBody;
use crate::route::Route;
use furrow_domain::dealers::DealerView;
use furrow_domain::master::{CustomerView, ProductModelView};
use uuid::Uuid;
use yew::prelude::*;

/// The page of a record's address; "not found" when the id is not one.
fn record(id: &str, page: impl FnOnce(Uuid) -> Html) -> Html {
    match Uuid::parse_str(id) {
        Ok(id) => page(id),
        Err(_) => html! { <NotFoundBody /> },
    }
}

/// The page of a master data route, in its area's frame.
pub fn render(route: Route) -> Html {
    use Area as A;
    let (area, page) = match route {
        Route::Customers => (A::Customers, html! { <customers::CustomerListPage /> }),
        Route::NewCustomer => (
            A::Customers,
            html! { <customer_form::CustomerForm customer={None::<CustomerView>} /> },
        ),
        Route::CustomerDetail { id } => (
            A::Customers,
            record(
                &id,
                |id| html! { <customer_archive::CustomerArchiveView {id} /> },
            ),
        ),
        Route::EditCustomer { id } => (
            A::Customers,
            record(&id, |id| html! { <customer_form::EditCustomer {id} /> }),
        ),
        Route::Machines => (A::Machines, html! { <machines::MachineListPage /> }),
        Route::NewMachine => (A::Machines, html! { <machine_form::CreateMachinePage /> }),
        Route::MachineDetail { id } => (
            A::Machines,
            record(
                &id,
                |id| html! { <machine_archive::MachineArchiveView {id} /> },
            ),
        ),
        Route::EditMachine { id } => (
            A::Machines,
            record(&id, |id| html! { <machine_form::EditMachine {id} /> }),
        ),
        Route::ProductModels => (
            A::ProductModels,
            html! { <product_models::ModelListPage /> },
        ),
        Route::NewProductModel => (
            A::ProductModels,
            html! { <product_models::ModelForm model={None::<ProductModelView>} /> },
        ),
        Route::ProductModelDetail { id } => (
            A::ProductModels,
            record(&id, |id| html! { <product_models::ModelDetail {id} /> }),
        ),
        Route::Dealers => (A::Dealers, html! { <dealers::DealerListPage /> }),
        Route::NewDealer => (
            A::Dealers,
            html! { <dealers::DealerForm dealer={None::<DealerView>} /> },
        ),
        Route::DealerDetail { id } => (
            A::Dealers,
            record(&id, |id| html! { <dealers::DealerDetail {id} /> }),
        ),
        Route::Engineers => (A::Engineers, html! { <engineers::EngineerListPage /> }),
        Route::EngineerDetail { id } => (
            A::Engineers,
            record(&id, |id| html! { <engineers::EngineerDetail {id} /> }),
        ),
        Route::Import => (A::Import, html! { <import::ImportPage /> }),
        _ => return html! { <crate::pages::not_found::NotFound /> },
    };
    html! { <Layout {area}>{ page }</Layout> }
}
