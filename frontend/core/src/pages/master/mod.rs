//! Master data and archives (售后服务档案管理): customers (客户档案), machines
//! (产品档案), product models (产品型号), dealers (经销商), engineer profiles
//! (工程师) and the spreadsheet import (批量导入).

mod common;
mod customer;
mod customers;
mod dealers;
mod engineers;
mod import;
mod list;
mod machine;
mod machines;
mod product_models;
pub(crate) mod warranty;

use crate::components::Layout;
use crate::nav::Area;
use crate::pages::not_found::NotFoundBody;
use crate::route::Route;
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
            html! { <customer::CustomerFormPage id={None::<Uuid>} /> },
        ),
        Route::CustomerDetail { id } => (
            A::Customers,
            record(&id, |id| html! { <customer::CustomerArchiveView {id} /> }),
        ),
        Route::EditCustomer { id } => (
            A::Customers,
            record(
                &id,
                |id| html! { <customer::CustomerFormPage id={Some(id)} /> },
            ),
        ),
        Route::Machines => (A::Machines, html! { <machines::MachineListPage /> }),
        Route::NewMachine => (
            A::Machines,
            html! { <machine::MachineFormPage id={None::<Uuid>} /> },
        ),
        Route::MachineDetail { id } => (
            A::Machines,
            record(&id, |id| html! { <machine::MachineArchiveView {id} /> }),
        ),
        Route::EditMachine { id } => (
            A::Machines,
            record(
                &id,
                |id| html! { <machine::MachineFormPage id={Some(id)} /> },
            ),
        ),
        Route::ProductModels => (
            A::ProductModels,
            html! { <product_models::ModelListPage /> },
        ),
        Route::NewProductModel => (
            A::ProductModels,
            html! { <product_models::ModelPage id={None::<Uuid>} /> },
        ),
        Route::ProductModelDetail { id } => (
            A::ProductModels,
            record(
                &id,
                |id| html! { <product_models::ModelPage id={Some(id)} /> },
            ),
        ),
        Route::Dealers => (A::Dealers, html! { <dealers::DealerListPage /> }),
        Route::NewDealer => (
            A::Dealers,
            html! { <dealers::DealerPage id={None::<Uuid>} /> },
        ),
        Route::DealerDetail { id } => (
            A::Dealers,
            record(&id, |id| html! { <dealers::DealerPage id={Some(id)} /> }),
        ),
        Route::Engineers => (A::Engineers, html! { <engineers::EngineerListPage /> }),
        Route::EngineerDetail { id } => (
            A::Engineers,
            record(
                &id,
                |id| html! { <engineers::EngineerDetail id={Some(id)} /> },
            ),
        ),
        Route::Import => (A::Import, html! { <import::ImportPage /> }),
        _ => return html! { <crate::pages::not_found::NotFound /> },
    };
    html! { <Layout {area}>{ page }</Layout> }
}
